/* snapjob.c - a snapshot file read on a thread (see snapjob.h). */
#include <config.h>

#include "src/store/snapjob.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"

static void *
run(void *arg)
{
	struct rc_snap_job *j = arg;

	j->status = rc_snap_read_watched(&j->snap, j->path, &j->err, &j->progress);
	j->errnum = errno;
	rc_job_done(&j->job);
	return NULL;
}

int
rc_snap_job_start(struct rc_snap_job *j, const char *path)
{
	memset(j, 0, sizeof *j);
	rc_progress_init(&j->progress);
	j->path = strdup(path);
	if (j->path == NULL)
		return RC_ENOMEM;
	if (rc_job_start(&j->job, run, j) != RC_OK) {
		free(j->path);
		return RC_ENOMEM;
	}
	return RC_OK;
}

int
rc_snap_job_wait(struct rc_snap_job *j, int ms)
{
	return rc_job_wait(&j->job, ms);
}

int
rc_snap_job_finish(struct rc_snap_job *j, struct rc_snap *s, struct rc_buf *err)
{
	rc_job_join(&j->job);
	rc_job_release(&j->job);
	free(j->path);
	*s = j->snap;
	if (rc_buf_cstr(&j->err) != NULL)
		rc_buf_puts(err, j->err.data);
	rc_buf_free(&j->err);
	errno = j->errnum;
	return j->status;
}
