/* snapjob.h - a snapshot file read on a thread of its own, so that the
 * caller can show how far it has come and stop it (a ^C) while a big
 * file is read and checked.  Plain C with pthreads: no Python, no
 * curses.
 *
 *   struct rc_snap_job job;
 *   if (rc_snap_job_start(&job, path) == RC_OK) {
 *           while (!rc_snap_job_wait(&job, 100))
 *                   ... rc_progress_read(&job.progress, ...) or
 *                       rc_progress_cancel(&job.progress) ...
 *           status = rc_snap_job_finish(&job, &snap, &err);
 *   }
 *
 * Every started job ends in rc_snap_job_finish, which joins the thread;
 * the result is what rc_snap_read_watched returned (RC_ECANCELED once
 * cancelled). */
#ifndef RC_SNAPJOB_H
#define RC_SNAPJOB_H

#include "src/common/buf.h"
#include "src/common/job.h"
#include "src/common/progress.h"
#include "src/store/snapfile.h"

struct rc_snap_job {
	char *path;                /* a copy */
	struct rc_progress progress;
	struct rc_job job;
	int status;                /* the read's, once finished */
	int errnum;                /* errno after an RC_EIO */
	struct rc_snap snap;       /* the result, until taken */
	struct rc_buf err;
};

/* Start reading path.  RC_OK, or RC_ENOMEM (no thread, nothing to
 * finish). */
int rc_snap_job_start(struct rc_snap_job *j, const char *path);

/* Wait at most ms milliseconds: 1 once the read has ended, else 0. */
int rc_snap_job_wait(struct rc_snap_job *j, int ms);

/* Join the thread and release the job: the read's status, the snapshot
 * moved to *s (empty on failure), the cause appended to err, errno set
 * as the read left it for RC_EIO. */
int rc_snap_job_finish(struct rc_snap_job *j, struct rc_snap *s, struct rc_buf *err);

#endif
