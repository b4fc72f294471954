/* domjob.c - a dominator view built on a thread of its own (domjob.h). */
#include <config.h>

#include "src/graph/domjob.h"

#include <string.h>

#include "src/common/status.h"

static void *
run(void *arg)
{
	struct rc_dom_job *j = arg;

	/* The in-edges first (graph.h), at the caller's priority: the main
	 * thread may be waiting for them too. */
	if (rc_graph_in_offsets(j->g) == NULL)
		j->status = RC_ENOMEM;
	else {
		rc_job_lower_priority();
		j->status = rc_dom_view_build_watched(&j->view, j->g, j->roots, j->nroots,
						      j->shallow, j->group_of, j->ngroups,
						      &j->progress);
	}
	rc_job_done(&j->job);
	return NULL;
}

int
rc_dom_job_start(struct rc_dom_job *j, const struct rc_graph *g,
		 const uint32_t *roots, uint32_t nroots, const uint64_t *shallow,
		 const uint32_t *group_of, uint32_t ngroups)
{
	memset(&j->view, 0, sizeof j->view);
	j->g = g;
	j->roots = roots;
	j->nroots = nroots;
	j->shallow = shallow;
	j->group_of = group_of;
	j->ngroups = ngroups;
	j->status = RC_OK;
	j->running = 0;
	j->sync = 0;
	rc_progress_init(&j->progress);
	if (rc_job_start(&j->job, run, j) != RC_OK)
		return RC_ENOMEM;
	j->sync = 1;
	j->running = 1;
	return RC_OK;
}

int
rc_dom_job_wait(struct rc_dom_job *j, int ms)
{
	return !j->running || rc_job_wait(&j->job, ms);
}

int
rc_dom_job_poll(struct rc_dom_job *j, uint64_t *done, uint64_t *total)
{
	uint64_t d = 0, t = 0;

	if (j->running)
		rc_progress_read(&j->progress, &d, &t);
	if (done != NULL)
		*done = d;
	if (total != NULL)
		*total = t;
	return !j->running || rc_job_finished(&j->job);
}

int
rc_dom_job_finish(struct rc_dom_job *j, struct rc_dom_view *out)
{
	if (j->running) {
		rc_job_join(&j->job);
		j->running = 0;
	}
	*out = j->view;
	memset(&j->view, 0, sizeof j->view);
	return j->status;
}

void
rc_dom_job_cancel(struct rc_dom_job *j)
{
	struct rc_dom_view view;

	if (j->running)
		rc_progress_cancel(&j->progress);
	(void)rc_dom_job_finish(j, &view);
	rc_dom_view_free(&view);
	if (j->sync) {
		rc_job_release(&j->job);
		j->sync = 0;
	}
}
