/* domjob.c - a dominator view built on a thread of its own (domjob.h). */
#include <config.h>

#include "src/graph/domjob.h"

#include <string.h>
#include <time.h>
#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "src/common/status.h"

/* The job's thread a little below the thread that started it: on a
 * machine with more work than cores, the browser's keys (on the main
 * thread) go first, the tree takes what is left.  Linux only (a thread's
 * own nice value); elsewhere it runs as it is. */
#define RC_DOM_JOB_NICE 5

static void
lower_priority(void)
{
#ifdef __linux__
	id_t tid = (id_t)syscall(SYS_gettid);

	errno = 0;
	int nice = getpriority(PRIO_PROCESS, tid);
	if (errno == 0)
		(void)setpriority(PRIO_PROCESS, tid, nice + RC_DOM_JOB_NICE);
#endif
}

static void *
run(void *arg)
{
	struct rc_dom_job *j = arg;

	/* The in-edges first (graph.h), at the caller's priority: the main
	 * thread may be waiting for them too. */
	if (rc_graph_in_offsets(j->g) == NULL)
		j->status = RC_ENOMEM;
	else {
		lower_priority();
		j->status = rc_dom_view_build_watched(&j->view, j->g, j->roots, j->nroots,
						      j->shallow, j->group_of, j->ngroups,
						      &j->progress);
	}
	pthread_mutex_lock(&j->lock);
	atomic_store_explicit(&j->finished, 1, memory_order_release);
	pthread_cond_broadcast(&j->done);
	pthread_mutex_unlock(&j->lock);
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
	atomic_init(&j->finished, 0);
	if (pthread_mutex_init(&j->lock, NULL) != 0)
		return RC_ENOMEM;
	if (pthread_cond_init(&j->done, NULL) != 0) {
		pthread_mutex_destroy(&j->lock);
		return RC_ENOMEM;
	}
	if (pthread_create(&j->thread, NULL, run, j) != 0) {
		pthread_cond_destroy(&j->done);
		pthread_mutex_destroy(&j->lock);
		return RC_ENOMEM;
	}
	j->sync = 1;
	j->running = 1;
	return RC_OK;
}

int
rc_dom_job_wait(struct rc_dom_job *j, int ms)
{
	struct timespec until;

	if (!j->running || atomic_load_explicit(&j->finished, memory_order_acquire))
		return 1;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&j->lock);
	while (!atomic_load_explicit(&j->finished, memory_order_acquire)) {
		if (pthread_cond_timedwait(&j->done, &j->lock, &until) != 0)
			break;
	}
	pthread_mutex_unlock(&j->lock);
	return atomic_load_explicit(&j->finished, memory_order_acquire);
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
	return !j->running || atomic_load_explicit(&j->finished, memory_order_acquire);
}

int
rc_dom_job_finish(struct rc_dom_job *j, struct rc_dom_view *out)
{
	if (j->running) {
		pthread_join(j->thread, NULL);
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
		pthread_cond_destroy(&j->done);
		pthread_mutex_destroy(&j->lock);
		j->sync = 0;
	}
}
