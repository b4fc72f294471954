/* typejob.h - the vertices of each type (src/graph/typeindex.h), indexed
 * on a thread of its own from the browser's start, so that opening a
 * type takes a slice of the index instead of a scan of every vertex.
 * The index holds the vertices of the model's shown set only, when it
 * has one.  No curses. */
#ifndef RC_TUI_TYPEJOB_H
#define RC_TUI_TYPEJOB_H

#include <stdatomic.h>

#include "src/common/job.h"
#include "src/graph/typeindex.h"
#include "src/model/model.h"
#include "tui/rowlist.h"

struct rc_type_job {
	const struct rc_model *m;   /* borrowed until rc_type_job_free */
	struct rc_rowlist *rl;      /* to be given the room, or NULL */
	struct rc_type_index ix;
	struct rc_job job;          /* finished: the index is there */
	struct rc_rowlist room;     /* the sort's room, readied after it */
	atomic_int room_ready;
	int running;                /* a thread to join */
	int status;                 /* the build's, once done */
	int done;                   /* joined, or built here */
};

/* Start indexing m's vertices.  When no thread can be started, the
 * index is built on the first rc_type_job_index instead.  rl, if not
 * NULL, is the list that will show a type's vertices: once the index is
 * there, the thread readies an order and sort scratch for the longest
 * type (rc_rowlist_reserve_sort: 16 bytes a row, faulted in there rather
 * than on the first open) in a list of its own, which rl takes over
 * (rc_rowlist_take_sort_room) when rc_type_job_index or
 * rc_type_job_join finds it ready.  The thread never touches rl: a type
 * opened before the room is ready does not wait for it. */
void rc_type_job_start(struct rc_type_job *j, const struct rc_model *m,
		       struct rc_rowlist *rl);

/* Wait for the thread, if one is at work. */
void rc_type_job_join(struct rc_type_job *j);

/* The index, waiting for the thread if it is still building it; NULL if
 * the build failed (the caller then scans). */
const struct rc_type_index *rc_type_job_index(struct rc_type_job *j);

/* Wait for the thread and release the index. */
void rc_type_job_free(struct rc_type_job *j);

#endif
