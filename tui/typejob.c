/* typejob.c - the vertices of each type, indexed on a thread (see
 * typejob.h). */
#include <config.h>

#include "tui/typejob.h"

#include <string.h>

#include "src/common/status.h"

static int
build(struct rc_type_job *j)
{
	const struct rc_model *m = j->m;

	return rc_type_index_build(&j->ix, m->type_of, m->g->n, m->ntypes,
				   m->shown);
}

/* The longest type's count. */
static uint32_t
longest(const struct rc_type_index *ix)
{
	uint32_t most = 0;

	for (uint32_t t = 0; t < ix->ntypes; t++)
		if (ix->off[t + 1] - ix->off[t] > most)
			most = ix->off[t + 1] - ix->off[t];
	return most;
}

static void *
run(void *arg)
{
	struct rc_type_job *j = arg;

	j->status = build(j);
	rc_job_done(&j->job);   /* the index is there: a type may open */
	/* A failure only leaves the first open to allocate. */
	if (j->status == RC_OK && j->rl != NULL
	    && rc_rowlist_reserve_sort(&j->room, longest(&j->ix)) == RC_OK)
		atomic_store_explicit(&j->room_ready, 1, memory_order_release);
	return NULL;
}

void
rc_type_job_start(struct rc_type_job *j, const struct rc_model *m,
		  struct rc_rowlist *rl)
{
	memset(j, 0, sizeof *j);
	j->m = m;
	j->rl = rl;
	rc_rowlist_init(&j->room);
	atomic_init(&j->room_ready, 0);
	j->running = rc_job_start(&j->job, run, j) == RC_OK;
}

/* The room, once readied, to the list (once). */
static void
give_room(struct rc_type_job *j)
{
	if (j->rl != NULL && atomic_load_explicit(&j->room_ready, memory_order_acquire)) {
		rc_rowlist_take_sort_room(j->rl, &j->room);
		atomic_store_explicit(&j->room_ready, 0, memory_order_relaxed);
	}
}

void
rc_type_job_join(struct rc_type_job *j)
{
	if (!j->running)
		return;
	rc_job_join(&j->job);
	rc_job_release(&j->job);
	j->running = 0;
	j->done = 1;   /* its status is the build's */
	give_room(j);
}

const struct rc_type_index *
rc_type_job_index(struct rc_type_job *j)
{
	if (j->m == NULL)
		return NULL;
	if (j->running) {
		while (!rc_job_wait(&j->job, 1000))
			;
		j->done = 1;   /* built: the thread may still ready the room */
		give_room(j);
	}
	if (!j->done) {   /* no thread could be started */
		j->status = build(j);
		j->done = 1;
	}
	return j->status == RC_OK ? &j->ix : NULL;
}

void
rc_type_job_free(struct rc_type_job *j)
{
	rc_type_job_join(j);
	rc_rowlist_free(&j->room);
	rc_type_index_free(&j->ix);
	memset(j, 0, sizeof *j);
}
