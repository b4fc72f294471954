/* walk.c - the references of a heap's objects, found by their tp_traverse
 * and looked up in its address map, written as the out-CSR.
 *
 * The walk is memory-latency bound (one random access per reference
 * found: the referent's GC header, or a probe of the address map), so
 * it batches those accesses and does as little else as it can: the out-CSR is written
 * directly during the walk, since each object's references arrive
 * together, and the in-CSR is one counting sort (rc_graph_adopt_out).
 * No Python code of the user's objects runs here. */
#include <Python.h>
#include <frameobject.h>
#include <config.h>

#include "src/capture/capture.h"
#include "src/capture/heapbuild.h"

#include <stdlib.h>
#include <string.h>

#include "src/capture/gchead.h"
#include "src/capture/pyerrors.h"
#include "src/common/status.h"
#include "src/graph/prefault.h"
#include "src/introspect/attrs.h"
#include "src/introspect/frames.h"


/* References are looked up in batches that span objects: the visit
 * callback only records the referent and prefetches its hash slot; a
 * flush, once the batch is full, reads the slots (arrived by then) and
 * prefetches the key each names, and a last pass compares.  The random
 * accesses of a batch overlap instead of waiting for each other, which is
 * most of the walk's time.  A batch entry with ref == NULL marks the start
 * of vertex 'slot', so out_off is written in order as the batch drains. */
#define WALK_BATCH 64

struct walk {
	const struct rc_addrmap *map;
	void *const *keys;
	uint32_t *out_off; /* n + 1 */
	uint32_t *refs;    /* n: reference counts, as the walk finds them */
	uint32_t *dst;     /* heads of the edges found so far */
	uint64_t len;
	uint64_t cap;
	int status;        /* RC_OK until an allocation or a limit fails */
	int gc_only;       /* every vertex is of a gc type (see walk_visit) */
	int tagged;        /* vertices' GC headers hold their ids (gchead.h) */
	int counts_full;   /* a header's in-degree count overflowed */
	struct rc_typemap *tm;   /* types and sizes to note, or NULL */
	uint32_t nbatch;
	PyObject *batch_ref[WALK_BATCH];
	uint32_t batch_slot[WALK_BATCH];
};

static int
walk_grow(struct walk *w, uint64_t need)
{
	uint64_t cap = w->cap < 1024 ? 1024 : w->cap + w->cap / 2;
	if (cap < need)
		cap = need;
	if (cap > UINT32_MAX - 1)
		cap = UINT32_MAX - 1;
	if (cap < need) {
		w->status = RC_EOVERFLOW;
		return -1;
	}
	uint32_t *dst = realloc(w->dst, cap * sizeof *dst);
	if (dst == NULL) {
		w->status = RC_ENOMEM;
		return -1;
	}
	w->dst = dst;
	w->cap = cap;
	return 0;
}

/* Resolve the batched entries in the order they were queued (a vertex's
 * out-edges are in its traversal order). */
static int
walk_flush(struct walk *w)
{
	const uint32_t *slots = w->map->slots;
	uint32_t mask = w->map->mask;
	uint32_t first[WALK_BATCH];
	uint32_t n = w->nbatch;

	w->nbatch = 0;
	if (w->len + n > w->cap && walk_grow(w, w->len + n) < 0)
		return -1;
	for (uint32_t b = 0; b < n; b++) {
		if (w->batch_ref[b] == NULL)
			continue;
		first[b] = slots[w->batch_slot[b]];
		if (first[b] != RC_NONE)
			__builtin_prefetch(&w->keys[first[b]]);
	}
	for (uint32_t b = 0; b < n; b++) {
		const void *ref = w->batch_ref[b];
		uint32_t s = w->batch_slot[b];
		if (ref == NULL) {
			w->out_off[s] = (uint32_t)w->len;
			continue;
		}
		uint32_t v = first[b];
		while (v != RC_NONE && w->keys[v] != ref) {
			s = (s + 1) & mask;
			v = slots[s];
		}
		if (v != RC_NONE)
			w->dst[w->len++] = v;
	}
	return 0;
}

static int
walk_queue(struct walk *w, PyObject *ref, uint32_t slot)
{
	w->batch_ref[w->nbatch] = ref;
	w->batch_slot[w->nbatch] = slot;
	if (++w->nbatch == WALK_BATCH)
		return walk_flush(w);
	return 0;
}

/* visitproc: queue ref for lookup.  Most referents of a full heap are
 * untracked (strings, ints) and would miss.  When every vertex is of a
 * gc type (a snapshot: tracked objects and frames), a referent of any
 * other type cannot be one, and reading its type (shared, usually cached
 * objects: str, int) is cheaper than a random probe of the map. */
static int
walk_visit(PyObject *ref, void *arg)
{
	struct walk *w = arg;
	if (w->gc_only && !PyType_IS_GC(Py_TYPE(ref)))
		return 0;
	uint32_t s = rc_addrmap_slot_of(w->map, ref);

	__builtin_prefetch(&w->map->slots[s]);
	return walk_queue(w, ref, s);
}

/* The vertex a referent is while headers are tagged: a gc object whose
 * header is tagged is that vertex; nothing else is one. */
static uint32_t
tagged_vertex(struct walk *w, PyObject *ref)
{
	PyTypeObject *tp = Py_TYPE(ref);

	if (!PyType_IS_GC(tp) || (tp->tp_is_gc != NULL && !tp->tp_is_gc(ref)))
		return RC_NONE;
	uint32_t v = rc_gchead_vertex(ref);
#ifdef RC_DEBUG
	if (v != RC_NONE && w->keys[v] != ref)
		Py_FatalError("refcycle: a GC header names another vertex");
#endif
#if RC_GCHEAD_COUNTS
	/* One more reference to v: its in-degree (gchead.h). */
	if (v != RC_NONE) {
		struct rc_gchead *head = rc_gchead_of(ref);
		if ((head->prev & RC_GCHEAD_COUNT_FULL) != RC_GCHEAD_COUNT_FULL)
			head->prev += RC_GCHEAD_COUNT_ONE;
		else
			w->counts_full = 1;
	}
#endif
	return v;
}

/* Resolve a tagged walk's batch, in order: by now the referents' lines,
 * prefetched when they were queued, have arrived. */
static int
walk_flush_tagged(struct walk *w)
{
	uint32_t n = w->nbatch;

	w->nbatch = 0;
	if (w->len + n > w->cap && walk_grow(w, w->len + n) < 0)
		return -1;
	for (uint32_t b = 0; b < n; b++) {
		PyObject *ref = w->batch_ref[b];
		if (ref == NULL) {
			w->out_off[w->batch_slot[b]] = (uint32_t)w->len;
			continue;
		}
		uint32_t v = tagged_vertex(w, ref);
		if (v != RC_NONE)
			w->dst[w->len++] = v;
	}
	return 0;
}

/* visitproc while the vertices' GC headers hold their ids: prefetch the
 * referent's header and type pointer (a line or two, at random) and
 * queue it; the batch is resolved when full, so that the misses of a
 * batch overlap instead of waiting for each other. */
static int
walk_visit_tagged(PyObject *ref, void *arg)
{
	struct walk *w = arg;

	__builtin_prefetch(rc_gchead_of(ref));
	__builtin_prefetch(&ref->ob_type);
	w->batch_ref[w->nbatch] = ref;
	if (++w->nbatch == WALK_BATCH)
		return walk_flush_tagged(w);
	return 0;
}

/* A vertex's first edge is at the batch's position when it drains. */
static int
walk_mark_vertex(struct walk *w, uint32_t v)
{
	w->batch_ref[w->nbatch] = NULL;
	w->batch_slot[w->nbatch] = v;
	if (++w->nbatch == WALK_BATCH)
		return w->tagged ? walk_flush_tagged(w) : walk_flush(w);
	return 0;
}

/* An object's reference count as the heap keeps it (capture.h). */
static uint32_t
count_refs(PyObject *op)
{
#if PY_VERSION_HEX >= 0x030C0000
	if (_Py_IsImmortal(op))
		return RC_REFS_IMMORTAL;
#endif
	Py_ssize_t refcnt = Py_REFCNT(op);
	return refcnt >= RC_REFS_IMMORTAL ? RC_REFS_IMMORTAL - 1 : (uint32_t)refcnt;
}

/* Queue the references vertex v holds, as gc.get_referents() finds
 * them, plus those a running frame hides from tp_traverse; note its
 * reference count. */
static int
walk_object(struct walk *w, uint32_t v, PyObject *op)
{
	visitproc visit = w->tagged ? walk_visit_tagged : walk_visit;

	w->refs[v] = count_refs(op);
	if (w->tm != NULL)
		rc_typemap_note(w->tm, v, op);
	if (walk_mark_vertex(w, v) < 0)
		return -1;
	if (PyObject_IS_GC(op)) {
		traverseproc traverse = Py_TYPE(op)->tp_traverse;
		if (traverse != NULL && traverse(op, visit, w) != 0)
			return -1;
	}
	if (rc_capture_visit_hidden(op, visit, w) != 0)
		return -1;
	return 0;
}

int
rc_capture_visit_hidden(PyObject *op, visitproc visit, void *arg)
{
	if (PyFrame_Check(op))
		return rc_frames_visit_hidden(op, visit, arg);
#if PY_VERSION_HEX >= 0x030D0000
	/* Not a call per object of the capture where it can find nothing. */
	PyObject *dict = rc_attrs_hidden_dict(op);
	if (dict != NULL)
		return visit(dict, arg);
#endif
	return 0;
}

/* The number of edges the previous walk found: the next heap likely
 * has about as many. */
static uint64_t last_edges;

/* Room for the edges before the walk knows how many there are.  A heap
 * has about two references between tracked objects per object, but
 * growing past a guess costs a copy of everything so far and fresh
 * faults (measured: a sixth of a 1M snapshot's time), so the array is
 * reserved at twice the guess as address space only: the expected part
 * is faulted in at once, in huge pages, the rest only if it is written,
 * and what is left over is given back when the walk ends. */
static int
walk_reserve(struct walk *w, uint32_t n)
{
#ifndef RC_DEBUG
	uint64_t expect = last_edges > 2 * (uint64_t)n ? last_edges + last_edges / 8
						       : 2 * (uint64_t)n;
#else
	/* The checking builds start small, so every test snapshot grows. */
	uint64_t expect = n / 4;
#endif
	w->cap = 2 * expect + 16;
	if (w->cap > UINT32_MAX - 1)
		w->cap = UINT32_MAX - 1;
	w->dst = malloc(w->cap * sizeof *w->dst);
	if (w->dst == NULL) {
		/* No room for the reserve: start at the guess and grow. */
		w->cap = expect + 16 < w->cap ? expect + 16 : w->cap;
		w->dst = malloc(w->cap * sizeof *w->dst);
		if (w->dst == NULL)
			return -1;
	}
	rc_hugepages(w->dst, w->cap * sizeof *w->dst);
	rc_prefault(w->dst, (expect < w->cap ? expect : w->cap) * sizeof *w->dst);
	return 0;
}

/* How far ahead the walk prefetches objects' headers: far enough for
 * the memory to arrive, near enough to stay in cache. */
#define WALK_AHEAD 8

/* The walk, in either mode; a status, and no Python exception (while
 * headers are tagged none may be raised). */
static int
walk_edges(struct rc_heap *h, int gc_only, int tagged, int *counted)
{
	struct walk w = {.map = &h->map, .keys = h->objs, .status = RC_OK,
			 .gc_only = gc_only, .tagged = tagged, .tm = h->typemap};
	uint32_t *out_off = malloc(((size_t)h->n + 1) * sizeof *out_off);

	h->refs = malloc(((size_t)h->n + 1) * sizeof *h->refs);
	if (out_off == NULL || h->refs == NULL) {
		free(out_off);
		return RC_ENOMEM;
	}
	rc_prefault(h->refs, (size_t)h->n * sizeof *h->refs);
	w.refs = h->refs;
	if (walk_reserve(&w, h->n) < 0) {
		free(out_off);
		return RC_ENOMEM;
	}
	rc_prefault(out_off, ((size_t)h->n + 1) * sizeof *out_off);
	w.out_off = out_off;
	rc_progress_set(rc_capture_progress, h->n, 2 * (uint64_t)h->n);
	for (uint32_t i = 0; i < h->n; i++) {
		if (i % RC_CAPTURE_LOOK == RC_CAPTURE_LOOK - 1 && rc_capture_interrupted()) {
			w.status = RC_ECANCELED;
			break;
		}
		if (i + WALK_AHEAD < h->n)
			__builtin_prefetch(h->objs[i + WALK_AHEAD]);
		if (walk_object(&w, i, (PyObject *)h->objs[i]) < 0)
			break;
	}
	if (w.status == RC_OK && w.nbatch > 0)
		(void)(tagged ? walk_flush_tagged(&w) : walk_flush(&w));
	if (w.status != RC_OK) {
		free(out_off);
		free(w.dst);
		return w.status;
	}
	out_off[h->n] = (uint32_t)w.len;
	last_edges = w.len;
	uint32_t *dst = w.len ? realloc(w.dst, w.len * sizeof *dst) : w.dst;
	if (dst == NULL)
		dst = w.dst;   /* shrinking failed: keep the larger block */
	if (!tagged)
		return rc_graph_adopt_out(&h->g, h->n, out_off, dst);
	/* The in-edges are built when first needed, from the in-degrees
	 * the headers counted, when the caller reads them as it restores
	 * the headers. */
	*counted = RC_GCHEAD_COUNTS && !w.counts_full;
	return rc_graph_adopt_out_lazy(&h->g, h->n, out_off, dst);
}

int
rc_heap_walk_edges(struct rc_heap *h, int gc_only)
{
	int counted;

	return rc_status_error(walk_edges(h, gc_only, 0, &counted));
}

int
rc_heap_walk_tagged(struct rc_heap *h, int *counted)
{
	return walk_edges(h, 1, 1, counted);
}
