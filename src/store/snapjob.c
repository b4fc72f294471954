/* snapjob.c - a snapshot file read on a thread (see snapjob.h). */
#include <config.h>

#include "src/store/snapjob.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "src/common/status.h"

static void *
run(void *arg)
{
	struct rc_snap_job *j = arg;

	j->status = rc_snap_read_watched(&j->snap, j->path, &j->err, &j->progress);
	j->errnum = errno;
	pthread_mutex_lock(&j->lock);
	atomic_store_explicit(&j->finished, 1, memory_order_release);
	pthread_cond_broadcast(&j->done);
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

int
rc_snap_job_start(struct rc_snap_job *j, const char *path)
{
	memset(j, 0, sizeof *j);
	rc_progress_init(&j->progress);
	atomic_init(&j->finished, 0);
	j->path = strdup(path);
	if (j->path == NULL)
		return RC_ENOMEM;
	if (pthread_mutex_init(&j->lock, NULL) != 0) {
		free(j->path);
		return RC_ENOMEM;
	}
	if (pthread_cond_init(&j->done, NULL) != 0) {
		pthread_mutex_destroy(&j->lock);
		free(j->path);
		return RC_ENOMEM;
	}
	if (pthread_create(&j->thread, NULL, run, j) != 0) {
		pthread_cond_destroy(&j->done);
		pthread_mutex_destroy(&j->lock);
		free(j->path);
		return RC_ENOMEM;
	}
	return RC_OK;
}

int
rc_snap_job_wait(struct rc_snap_job *j, int ms)
{
	struct timespec until;

	if (atomic_load_explicit(&j->finished, memory_order_acquire))
		return 1;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&j->lock);
	while (!atomic_load_explicit(&j->finished, memory_order_acquire))
		if (pthread_cond_timedwait(&j->done, &j->lock, &until) != 0)
			break;
	pthread_mutex_unlock(&j->lock);
	return atomic_load_explicit(&j->finished, memory_order_acquire);
}

int
rc_snap_job_finish(struct rc_snap_job *j, struct rc_snap *s, struct rc_buf *err)
{
	pthread_join(j->thread, NULL);
	pthread_cond_destroy(&j->done);
	pthread_mutex_destroy(&j->lock);
	free(j->path);
	*s = j->snap;
	if (rc_buf_cstr(&j->err) != NULL)
		rc_buf_puts(err, j->err.data);
	rc_buf_free(&j->err);
	errno = j->errnum;
	return j->status;
}
