/* gchead.h - vertex ids kept in the objects' own GC headers while a
 * snapshot walks them (src/capture only).
 *
 * gc.c keeps a per-object scratch count in the object's GC header during
 * a collection and restores the header afterwards, so looking an object
 * up costs no hash probe: the header is next to the type pointer every
 * visit reads anyway.  A snapshot does the same with vertex ids: before
 * the walk, each vertex's _gc_prev word is saved and replaced by
 * (id << 4) | RC_GCHEAD_TAG; after it, every saved word is written back.
 *
 * Why a tagged word proves a vertex: every object for which
 * PyObject_IS_GC() holds has a real GC header (gc.c reads it for every
 * such referent it visits).  Outside a collection that header's _gc_prev
 * is 0 or 1 (untracked: only the FINALIZED bit) or the address of the
 * previous header in a generation's list (or of the list's head), which
 * is 8-byte aligned, with the FINALIZED bit at most: bit 2 is never set
 * but by this tag.
 *
 * While headers hold ids nothing may track or untrack an object (that
 * rewrites a neighbour's _gc_prev) and no collection may run: no Python
 * code, no Python exception, no allocation of a gc object, until
 * rc_gchead_restore().  The collector is paused during a snapshot. */
#ifndef RC_GCHEAD_H
#define RC_GCHEAD_H

#include <Python.h>
#include <stdint.h>

#include "src/capture/addrmap.h"

#define RC_GCHEAD_TAG ((uintptr_t)4)
/* The collector's flag bits of _gc_prev (FINALIZED; COLLECTING only
 * during a collection): a tag keeps them. */
#define RC_GCHEAD_FLAGS ((uintptr_t)3)
/* With the tag: the id is counted down from rc_gchead_from_end (a walk
 * that fills its array from both ends, gclist.c). */
#define RC_GCHEAD_FROM_END ((uintptr_t)8)

/* The vertex id of a header tagged k with RC_GCHEAD_FROM_END is
 * rc_gchead_from_end - k; set by the walk that tags them. */
extern uint32_t rc_gchead_from_end;

/* The two words CPython 3.9-3.13 (default builds) put before every gc
 * object: PyGC_Head. */
struct rc_gchead {
	uintptr_t next, prev;
};

static inline struct rc_gchead *
rc_gchead_of(PyObject *op)
{
	return (struct rc_gchead *)op - 1;
}

/* 1 when this interpreter's GC headers are laid out as above (checked
 * once, on a list tracked and untracked through the public API), else 0:
 * the snapshot then looks objects up in its address map. */
int rc_gchead_usable(void);

/* The vertex op's header names, or RC_NONE.  op must be a gc object
 * (PyObject_IS_GC), and headers tagged. */
static inline uint32_t
rc_gchead_vertex(PyObject *op)
{
	uintptr_t prev = rc_gchead_of(op)->prev;

	if (!(prev & RC_GCHEAD_TAG))
		return RC_NONE;
	uint32_t k = (uint32_t)(prev >> 4);
	return (prev & RC_GCHEAD_FROM_END) ? rc_gchead_from_end - k : k;
}

/* Save op's _gc_prev into *saved and tag it with vertex id v. */
static inline void
rc_gchead_tag(PyObject *op, uint32_t v, uintptr_t *saved)
{
	struct rc_gchead *head = rc_gchead_of(op);

	*saved = head->prev;
	head->prev = ((uintptr_t)v << 4) | RC_GCHEAD_TAG;
}

/* Write back the saved words of objs[0..n-1]. */
void rc_gchead_restore(void *const *objs, const uintptr_t *saved, uint32_t n);

/* The walk also counts, in a tagged header's top bits, the references it
 * finds to the object (its in-degree): the header's line is in the cache
 * for the lookup anyway, so the in-edges need no counting pass of their
 * own over the edges, a random access each.  The id takes bits 4..35. */
#if UINTPTR_MAX > UINT32_MAX
#define RC_GCHEAD_COUNTS 1
#define RC_GCHEAD_COUNT_SHIFT 36
#define RC_GCHEAD_COUNT_ONE ((uintptr_t)1 << RC_GCHEAD_COUNT_SHIFT)
/* A header whose count reached this stops counting (the walk then says
 * the counts are not to be trusted). */
#define RC_GCHEAD_COUNT_FULL (~(uintptr_t)0 << RC_GCHEAD_COUNT_SHIFT)
#else
#define RC_GCHEAD_COUNTS 0
#endif

/* Write back the saved words as rc_gchead_restore does, first reading
 * each header's count into counts[0..n-1] (a 64-bit build only). */
void rc_gchead_restore_counts(void *const *objs, const uintptr_t *saved, uint32_t n,
			      uint32_t *counts);

#endif
