/* domjob.h - a dominator view (domview.h) built on a thread of its own,
 * so that a browser can show its first screen and answer keys while the
 * tree and the retained sizes of millions of objects are computed.
 *
 * The inputs are borrowed: they must stay alive and unchanged until
 * rc_dom_job_finish or rc_dom_job_cancel returns.  The thread touches
 * nothing else (no Python, no curses), and the caller reads the result
 * only after the thread has been joined. */
#ifndef RC_DOMJOB_H
#define RC_DOMJOB_H

#include <stdint.h>

#include "src/common/job.h"
#include "src/common/progress.h"
#include "src/graph/domview.h"

struct rc_dom_job {
	/* Inputs, as rc_dom_view_build takes them. */
	const struct rc_graph *g;
	const uint32_t *roots;
	uint32_t nroots;
	const uint64_t *shallow;
	const uint32_t *group_of;
	uint32_t ngroups;

	struct rc_progress progress;
	struct rc_job job;
	int running;             /* started and not joined yet */
	int sync;                /* job's lock: rc_dom_job_cancel releases it */
	int status;              /* the build's, once finished */
	struct rc_dom_view view; /* the result, until taken */
};

/* Start building (j's inputs set as above; everything else is reset).
 * RC_OK, or RC_ENOMEM when no thread can be started: the caller then
 * builds the view itself. */
int rc_dom_job_start(struct rc_dom_job *j, const struct rc_graph *g,
		     const uint32_t *roots, uint32_t nroots, const uint64_t *shallow,
		     const uint32_t *group_of, uint32_t ngroups);

/* 1 once the result is there (rc_dom_job_finish will not wait), else 0;
 * *done and *total (either may be NULL) tell how far it has come. */
int rc_dom_job_poll(struct rc_dom_job *j, uint64_t *done, uint64_t *total);

/* Wait at most ms milliseconds for the result: 1 once it is there, 0
 * if the time ran out.  Several threads may wait at once; none of them
 * joins (rc_dom_job_finish does). */
int rc_dom_job_wait(struct rc_dom_job *j, int ms);

/* Wait for the thread, then move the view into *out: the build's status
 * (on failure *out is left empty). */
int rc_dom_job_finish(struct rc_dom_job *j, struct rc_dom_view *out);

/* Ask the thread to stop, wait for it, drop what it made, and release
 * the job: every started job ends here, finished or not (a waiter may
 * still be in rc_dom_job_wait after rc_dom_job_finish).  Safe on a job
 * never started, finished or cancelled before. */
void rc_dom_job_cancel(struct rc_dom_job *j);

#endif
