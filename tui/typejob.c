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

static void *
run(void *arg)
{
	struct rc_type_job *j = arg;

	j->status = build(j);
	return NULL;
}

void
rc_type_job_start(struct rc_type_job *j, const struct rc_model *m)
{
	memset(j, 0, sizeof *j);
	j->m = m;
	j->running = pthread_create(&j->thread, NULL, run, j) == 0;
}

const struct rc_type_index *
rc_type_job_index(struct rc_type_job *j)
{
	if (j->m == NULL)
		return NULL;
	if (!j->done) {
		if (j->running)
			pthread_join(j->thread, NULL);
		else
			j->status = build(j);
		j->running = 0;
		j->done = 1;
	}
	return j->status == RC_OK ? &j->ix : NULL;
}

void
rc_type_job_free(struct rc_type_job *j)
{
	if (j->running)
		pthread_join(j->thread, NULL);
	rc_type_index_free(&j->ix);
	memset(j, 0, sizeof *j);
}
