/* gclist.h - every tracked object, read off the collector's own
 * generation lists, each tagged with its vertex id as it is passed
 * (src/capture only; see gchead.h for the tag).
 *
 * gc.get_objects() walks the same lists, but returns a list: a snapshot
 * then had to read every object's header a second time to tag it, and
 * at millions of objects each of those reads is a cache and TLB miss.
 * Here the walk that finds an object tags it, while its header is in
 * the cache anyway.
 *
 * The lists' heads live in the interpreter's private gc state.  They are
 * found without private headers: the newest tracked object is the last
 * of generation 0, so its header's next is generation 0's head, and the
 * older generations follow it at a fixed stride (struct gc_generation:
 * a list head, a threshold and a count, in 3.9-3.13).  The layout is
 * trusted only after the thresholds and counts read at those places
 * match gc.get_threshold() and gc.get_count(), and every head links
 * like a list head; otherwise a snapshot uses gc.get_objects(). */
#ifndef RC_GCLIST_H
#define RC_GCLIST_H

#include <Python.h>
#include <stdint.h>

/* 1 when the generation lists can be walked here (checked once per
 * process, through the public API), else 0.  -1 with an exception only
 * if the gc module cannot be had. */
int rc_gclist_usable(void);

/* The objects of every generation (what gc.get_objects() returns), in
 * *objs (malloc'd, room for extra more), each with a new reference and
 * its header tagged with its index; exclude[0..k-1] are left out.  The
 * caller must restore the headers (rc_gclist_restore) before anything
 * can run.  On failure (RC_ENOMEM, RC_EOVERFLOW, RC_ECANCELED) nothing is
 * tagged or held and *objs is NULL.  An RC status; no exception is set. */
int rc_gclist_take_tagged(void ***objs, uint32_t *n, uint32_t extra,
			  PyObject *const *exclude, int k);

/* Write back the n headers rc_gclist_take_tagged tagged (objs as it gave
 * them), first reading each one's count into counts[0..n-1] (gchead.h)
 * unless counts is NULL.  Each word is rebuilt: the address of the
 * header before it in its list, from the lists' next links, which a
 * snapshot leaves alone, and the flags the tag kept. */
void rc_gclist_restore(void *const *objs, uint32_t n, uint32_t *counts);

/* The objects of every generation, as gc.get_objects() gives them but
 * in a plain array: *objs (malloc'd) receives *n new references, no
 * header touched but by the reference count, no list built (a census,
 * which needs nothing else, spent half its time building the list).
 * Only where rc_gclist_usable() said 1.  RC_OK or RC_ENOMEM (nothing
 * then held). */
int rc_gclist_take(PyObject ***objs, uint32_t *n);

/* How many objects the last walk of the lists took (0 before the
 * first): what the next one is likely to find. */
uint32_t rc_gclist_expected(void);

#endif
