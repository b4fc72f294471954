/* job.h - work done on a thread of its own, which other threads wait for
 * with a time limit: the thread, and the flag, lock and condition that
 * say it has finished.  The dominator tree (src/graph/domjob.c) and a
 * file read (src/store/snapjob.c) are such jobs; what they compute, and
 * how far it has come (progress.h), is theirs.
 *
 *   rc_job_start(&j, run, arg)     run(arg) ends with rc_job_done(&j)
 *   while (!rc_job_wait(&j, 100))  ... show progress ...
 *   rc_job_join(&j); rc_job_release(&j);
 *
 * Header-only, as progress.h is: the graph library links nothing of ours. */
#ifndef RC_JOB_H
#define RC_JOB_H

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "src/common/status.h"

/* How far below the thread that started it a job may put itself. */
#define RC_JOB_NICE 5

struct rc_job {
	pthread_t thread;
	atomic_int finished;     /* the thread has stored its result */
	pthread_mutex_t lock;    /* with done: for rc_job_wait's time limit */
	pthread_cond_t done;
};

/* run(arg) started on a thread.  RC_OK, or RC_ENOMEM: then there is
 * nothing to join or release. */
static inline int
rc_job_start(struct rc_job *j, void *(*run)(void *), void *arg)
{
	atomic_init(&j->finished, 0);
	if (pthread_mutex_init(&j->lock, NULL) != 0)
		return RC_ENOMEM;
	if (pthread_cond_init(&j->done, NULL) != 0) {
		pthread_mutex_destroy(&j->lock);
		return RC_ENOMEM;
	}
	if (pthread_create(&j->thread, NULL, run, arg) != 0) {
		pthread_cond_destroy(&j->done);
		pthread_mutex_destroy(&j->lock);
		return RC_ENOMEM;
	}
	return RC_OK;
}

/* The thread's last act: its result is there, the waiters woken. */
static inline void
rc_job_done(struct rc_job *j)
{
	pthread_mutex_lock(&j->lock);
	atomic_store_explicit(&j->finished, 1, memory_order_release);
	pthread_cond_broadcast(&j->done);
	pthread_mutex_unlock(&j->lock);
}

/* 1 once the result is there (a join will not wait), else 0. */
static inline int
rc_job_finished(struct rc_job *j)
{
	return atomic_load_explicit(&j->finished, memory_order_acquire);
}

/* Wait at most ms milliseconds: 1 once the result is there, 0 if the
 * time ran out.  Several threads may wait at once. */
static inline int
rc_job_wait(struct rc_job *j, int ms)
{
	struct timespec until;

	if (rc_job_finished(j))
		return 1;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&j->lock);
	while (!rc_job_finished(j))
		if (pthread_cond_timedwait(&j->done, &j->lock, &until) != 0)
			break;
	pthread_mutex_unlock(&j->lock);
	return rc_job_finished(j);
}

/* The calling thread a little below the one that started it: on a
 * machine with more work than cores, the browser's keys (on the main
 * thread) go first, the job takes what is left.  Linux only (a thread's
 * own nice value); elsewhere it runs as it is. */
static inline void
rc_job_lower_priority(void)
{
#ifdef __linux__
	id_t tid = (id_t)syscall(SYS_gettid);

	errno = 0;
	int nice = getpriority(PRIO_PROCESS, tid);
	if (errno == 0)
		(void)setpriority(PRIO_PROCESS, tid, nice + RC_JOB_NICE);
#endif
}

/* Wait for the thread to end (once per started job). */
static inline void
rc_job_join(struct rc_job *j)
{
	pthread_join(j->thread, NULL);
}

/* The lock and condition released: after the join, once no thread can
 * be in rc_job_wait. */
static inline void
rc_job_release(struct rc_job *j)
{
	pthread_cond_destroy(&j->done);
	pthread_mutex_destroy(&j->lock);
}

#endif
