/* progress.h - how far a long computation has come, read from another
 * thread, and a request to stop it (plain C11 atomics).
 *
 * The computation adds to done as it goes (total is set first, in the
 * same units), and looks at cancel now and then: once it is set, it
 * stops at the next look, frees what it made and returns RC_ECANCELED.
 * Every function that takes one accepts NULL: nobody watches, nothing
 * stops it. */
#ifndef RC_PROGRESS_H
#define RC_PROGRESS_H

#include <stdatomic.h>
#include <stdint.h>

struct rc_progress {
	atomic_uint_fast64_t done;
	atomic_uint_fast64_t total;
	atomic_int cancel;
};

/* How often (in units of work) a loop looks at its progress: often
 * enough that a cancel is seen within a few milliseconds, rarely enough
 * to cost nothing. */
#define RC_PROGRESS_EVERY 65536u

static inline void
rc_progress_init(struct rc_progress *p)
{
	atomic_init(&p->done, 0);
	atomic_init(&p->total, 0);
	atomic_init(&p->cancel, 0);
}

/* Add units to the total (each step of the work adds its own). */
static inline void
rc_progress_plan(struct rc_progress *p, uint64_t units)
{
	if (p != NULL)
		atomic_fetch_add_explicit(&p->total, units, memory_order_relaxed);
}

/* Say where the work stands, when it is known better than by adding. */
static inline void
rc_progress_set(struct rc_progress *p, uint64_t done, uint64_t total)
{
	if (p == NULL)
		return;
	atomic_store_explicit(&p->total, total, memory_order_relaxed);
	atomic_store_explicit(&p->done, done, memory_order_relaxed);
}

/* Record units more done; nonzero when the work should stop. */
static inline int
rc_progress_step(struct rc_progress *p, uint64_t units)
{
	if (p == NULL)
		return 0;
	atomic_fetch_add_explicit(&p->done, units, memory_order_relaxed);
	return atomic_load_explicit(&p->cancel, memory_order_relaxed);
}

static inline int
rc_progress_cancelled(struct rc_progress *p)
{
	return p != NULL && atomic_load_explicit(&p->cancel, memory_order_relaxed);
}

static inline void
rc_progress_cancel(struct rc_progress *p)
{
	atomic_store_explicit(&p->cancel, 1, memory_order_relaxed);
}

/* done and total as one reading (done never exceeds total). */
static inline void
rc_progress_read(struct rc_progress *p, uint64_t *done, uint64_t *total)
{
	uint64_t t = atomic_load_explicit(&p->total, memory_order_relaxed);
	uint64_t d = atomic_load_explicit(&p->done, memory_order_relaxed);

	*total = t;
	*done = d < t ? d : t;
}

#endif
