/* typejob.h - the vertices of each type (src/graph/typeindex.h), indexed
 * on a thread of its own from the browser's start, so that opening a
 * type takes a slice of the index instead of a scan of every vertex.
 * The index holds the vertices of the model's shown set only, when it
 * has one.  No curses. */
#ifndef RC_TUI_TYPEJOB_H
#define RC_TUI_TYPEJOB_H

#include <pthread.h>

#include "src/graph/typeindex.h"
#include "src/model/model.h"
#include "tui/rowlist.h"

struct rc_type_job {
	const struct rc_model *m;   /* borrowed until rc_type_job_free */
	struct rc_rowlist *rl;      /* readied by the thread, or NULL */
	struct rc_type_index ix;
	pthread_t thread;
	int running;                /* a thread to join */
	int status;                 /* the build's, once done */
	int done;                   /* joined, or built here */
};

/* Start indexing m's vertices.  When no thread can be started, the
 * index is built on the first rc_type_job_index instead.  rl, if not
 * NULL, is the list that will show a type's vertices: the thread then
 * also readies its order and sort scratch for the longest type
 * (rc_rowlist_reserve_sort: 16 bytes a row, faulted in here rather than
 * on the first open), and nothing may touch rl until rc_type_job_join
 * or rc_type_job_index returns. */
void rc_type_job_start(struct rc_type_job *j, const struct rc_model *m,
		       struct rc_rowlist *rl);

/* Wait for the thread, if one is at work. */
void rc_type_job_join(struct rc_type_job *j);

/* The index, waiting for the thread if it is still at work; NULL if the
 * build failed (the caller then scans). */
const struct rc_type_index *rc_type_job_index(struct rc_type_job *j);

/* Wait for the thread and release the index. */
void rc_type_job_free(struct rc_type_job *j);

#endif
