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
	/* A failure only leaves the first open to allocate. */
	if (j->status == RC_OK && j->rl != NULL)
		(void)rc_rowlist_reserve_sort(j->rl, longest(&j->ix));
	return NULL;
}

void
rc_type_job_start(struct rc_type_job *j, const struct rc_model *m,
		  struct rc_rowlist *rl)
{
	memset(j, 0, sizeof *j);
	j->m = m;
	j->rl = rl;
	j->running = pthread_create(&j->thread, NULL, run, j) == 0;
}

void
rc_type_job_join(struct rc_type_job *j)
{
	if (!j->running)
		return;
	pthread_join(j->thread, NULL);
	j->running = 0;
	j->done = 1;   /* its status is the build's */
}

const struct rc_type_index *
rc_type_job_index(struct rc_type_job *j)
{
	if (j->m == NULL)
		return NULL;
	rc_type_job_join(j);
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
	rc_type_index_free(&j->ix);
	memset(j, 0, sizeof *j);
}
