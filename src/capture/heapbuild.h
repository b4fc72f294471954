/* heapbuild.h - the steps the capture's files share to fill a heap
 * (src/capture only; callers use capture.h). */
#ifndef RC_HEAPBUILD_H
#define RC_HEAPBUILD_H

#include <signal.h>
#include <stdint.h>

#include "src/capture/capture.h"
#include "src/common/progress.h"

/* h = RC_HEAP_EMPTY, whatever it held (nothing is released). */
void rc_heap_zero(struct rc_heap *h);

/* Build h->map from h->objs (h->n new references), dropping duplicate
 * objects by identity.  0, or -1 with an exception set. */
int rc_heap_index_objects(struct rc_heap *h);

/* Build h->g and h->refs from h->objs and h->map: the walk (walk.c).
 * gc_only: every vertex is of a gc type, so a referent of any other type
 * is no vertex and need not be looked up.  0, or -1 with an exception. */
int rc_heap_walk_edges(struct rc_heap *h, int gc_only);

/* The same walk while every vertex's GC header holds its id (gchead.h):
 * no address map is read.  An enum rc_status, and no Python exception:
 * the caller restores the headers first, then raises.  h->g is left
 * without its in-edges; *counted says whether the headers hold every
 * vertex's in-degree (rc_gchead_restore_counts) for it. */
int rc_heap_walk_tagged(struct rc_heap *h, int *counted);

/* ^C during a capture.  While headers are tagged no Python code may run,
 * signal handlers included, so the long loops only look at whether a
 * SIGINT arrived (every RC_CAPTURE_LOOK objects) and stop with
 * RC_ECANCELED; the snapshot raises KeyboardInterrupt once the headers
 * are restored.  Only when SIGINT's handler is Python's default, which
 * would raise it anyway: a program's own handler is left its signals. */
#define RC_CAPTURE_LOOK 65536u

extern int rc_capture_interruptible;

/* A look: RC_CAPTURE_LOOK more objects taken or walked. */
static inline int
rc_capture_interrupted(void)
{
	rc_progress_step(rc_capture_progress, RC_CAPTURE_LOOK);
	/* The tests' ^C, sent at the k-th look (capture.h). */
	if (rc_capture_test_sigint > 0 && --rc_capture_test_sigint == 0)
		raise(SIGINT);
	return rc_capture_interruptible && PyOS_InterruptOccurred();
}

/* Record vertex v as a frame run by thread tid, keeping frame_vertex
 * ascending; the arrays must have room for one more. */
void rc_heap_frames_insert(struct rc_heap *h, uint32_t v, unsigned long tid);

#endif
