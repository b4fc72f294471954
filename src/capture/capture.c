/* capture.c - taking a heap: objects, then references, then CSR.
 *
 * Collect into C arrays first, build Python objects after; no Python code
 * of the user's objects runs here.  The walk is memory-latency bound (one
 * random probe per reference found), so it does as little else as it can:
 * the out-CSR is written directly during the walk, since each object's
 * references arrive together, and the in-CSR is one counting sort. */
#include <Python.h>
#include <frameobject.h>
#include <config.h>

#include "src/capture/capture.h"

#include <stdlib.h>
#include <string.h>

#include "src/capture/pyerrors.h"
#include "src/common/status.h"
#include "src/graph/prefault.h"
#include "src/graph/subgraph.h"
#include "src/introspect/attrs.h"
#include "src/introspect/frames.h"

/* ---------------------------------------------------------- the walk */

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
	w->refs[v] = count_refs(op);
	if (walk_queue(w, NULL, v) < 0)
		return -1;
	if (PyObject_IS_GC(op)) {
		traverseproc traverse = Py_TYPE(op)->tp_traverse;
		if (traverse != NULL && traverse(op, walk_visit, w) != 0)
			return -1;
	}
	if (rc_capture_visit_hidden(op, walk_visit, w) != 0)
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

/* How far ahead the walk prefetches objects' headers: far enough for
 * the memory to arrive, near enough to stay in cache. */
#define WALK_AHEAD 8

/* Build h->g from h->objs and h->map.  gc_only: every vertex is of a gc
 * type (see walk_visit). */
static int
build_edges(struct rc_heap *h, int gc_only)
{
	struct walk w = {.map = &h->map, .keys = h->objs, .status = RC_OK,
			 .gc_only = gc_only};
	uint32_t *out_off = malloc(((size_t)h->n + 1) * sizeof *out_off);

	h->refs = malloc(((size_t)h->n + 1) * sizeof *h->refs);
	if (out_off == NULL || h->refs == NULL) {
		free(out_off);
		return rc_status_error(RC_ENOMEM);
	}
	rc_prefault(h->refs, (size_t)h->n * sizeof *h->refs);
	w.refs = h->refs;
	/* A heap has about two references between tracked objects per
	 * object: start there and grow by half. */
	w.cap = 2 * (uint64_t)h->n + 16;
	if (w.cap > UINT32_MAX - 1)
		w.cap = UINT32_MAX - 1;
	w.dst = malloc(w.cap * sizeof *w.dst);
	if (w.dst == NULL) {
		free(out_off);
		return rc_status_error(RC_ENOMEM);
	}
	rc_prefault(w.dst, w.cap * sizeof *w.dst);
	rc_prefault(out_off, ((size_t)h->n + 1) * sizeof *out_off);
	w.out_off = out_off;
	for (uint32_t i = 0; i < h->n; i++) {
		if (i + WALK_AHEAD < h->n)
			__builtin_prefetch(h->objs[i + WALK_AHEAD]);
		if (walk_object(&w, i, (PyObject *)h->objs[i]) < 0)
			break;
	}
	if (w.status == RC_OK && w.nbatch > 0)
		walk_flush(&w);
	if (w.status != RC_OK) {
		free(out_off);
		free(w.dst);
		return rc_status_error(w.status);
	}
	out_off[h->n] = (uint32_t)w.len;
	uint32_t *dst = w.len ? realloc(w.dst, w.len * sizeof *dst) : w.dst;
	if (dst == NULL)
		dst = w.dst;   /* shrinking failed: keep the larger block */
	return rc_status_error(rc_graph_adopt_out(&h->g, h->n, out_off, dst));
}

/* --------------------------------------------------------- the heap */

static void
heap_zero(struct rc_heap *h)
{
	static const struct rc_heap empty = RC_HEAP_EMPTY;
	*h = empty;
}

void
rc_heap_clear(struct rc_heap *h)
{
	void **objs = h->objs;
	uint32_t n = h->n;

	rc_graph_free(&h->g);
	rc_addrmap_free(&h->map);
	free(h->frame_vertex);
	free(h->frame_tid);
	free(h->refs);
	/* Empty before the first DECREF: a deallocator may run code that
	 * reaches this heap (gc.get_referrers calls our tp_traverse). */
	heap_zero(h);
	for (uint32_t i = 0; i < n; i++)
		Py_DECREF((PyObject *)objs[i]);
	free(objs);
}

int
rc_heap_traverse(const struct rc_heap *h, visitproc visit, void *arg)
{
	for (uint32_t i = 0; i < h->n; i++)
		Py_VISIT((PyObject *)h->objs[i]);
	return 0;
}

unsigned long
rc_heap_frame_thread(const struct rc_heap *h, uint32_t v)
{
	uint32_t lo = 0, hi = h->nframes;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (h->frame_vertex[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < h->nframes && h->frame_vertex[lo] == v ? h->frame_tid[lo] : 0;
}

void
rc_heap_discount(struct rc_heap *h, PyObject *obj, uint32_t k)
{
	uint32_t v = h->refs ? rc_heap_index(h, obj) : RC_NONE;

	if (v == RC_NONE || h->refs[v] == RC_REFS_IMMORTAL)
		return;
	uint32_t floor = rc_graph_degree(&h->g, v, RC_IN) + 1;
	if (h->refs[v] > floor)
		h->refs[v] -= h->refs[v] - floor < k ? h->refs[v] - floor : k;
}

uint32_t
rc_heap_external_refs(const struct rc_heap *h, uint32_t v)
{
	if (h->refs == NULL)
		return 0;
	uint32_t refs = h->refs[v];
	if (refs == RC_REFS_IMMORTAL)
		return RC_REFS_IMMORTAL;
	uint32_t inside = rc_graph_degree(&h->g, v, RC_IN) + 1;
	return refs > inside ? refs - inside : 0;
}

/* Drop duplicate objects (by identity) from h->objs while building the
 * map; h->objs holds h->n new references on entry. */
static int
index_objects(struct rc_heap *h)
{
	int status = rc_addrmap_init(&h->map, h->n);
	uint32_t kept = 0;

	if (status != RC_OK)
		return rc_status_error(status);
	for (uint32_t i = 0; i < h->n; i++) {
		h->objs[kept] = h->objs[i];
		uint32_t at = rc_addrmap_insert_unique(&h->map, h->objs, kept);
		if (at == RC_NONE) {
			/* Keep the references owned: the tail not yet scanned
			 * moves down so rc_heap_clear releases it all. */
			memmove(h->objs + kept + 1, h->objs + i + 1,
				(size_t)(h->n - i - 1) * sizeof *h->objs);
			h->n = kept + 1 + (h->n - i - 1);
			return rc_status_error(RC_ENOMEM);
		}
		if (at == kept)
			kept++;
		else
			Py_DECREF((PyObject *)h->objs[i]);
	}
	h->n = kept;
	return 0;
}

int
rc_heap_from_array(struct rc_heap *h, void **objs, uint32_t n)
{
	heap_zero(h);
	h->objs = objs;
	h->n = n;
	if (index_objects(h) < 0 || build_edges(h, 0) < 0) {
		rc_heap_clear(h);
		return -1;
	}
	return 0;
}

/* Append one new reference to a growing object array. */
static int
objs_push(void ***objs, uint32_t *len, uint32_t *cap, PyObject *item)
{
	if (*len == *cap) {
		if (*cap >= UINT32_MAX / 2) {
			PyErr_SetString(PyExc_OverflowError, "too many objects for a graph");
			return -1;
		}
		uint32_t ncap = *cap ? *cap * 2 : 64;
		void **grown = realloc(*objs, ncap * sizeof *grown);
		if (grown == NULL) {
			PyErr_NoMemory();
			return -1;
		}
		*objs = grown;
		*cap = ncap;
	}
	(*objs)[(*len)++] = item;
	return 0;
}

int
rc_heap_from_iterable(struct rc_heap *h, PyObject *iterable)
{
	PyObject *it = PyObject_GetIter(iterable);
	void **objs = NULL;
	uint32_t len = 0, cap = 0;
	PyObject *item;

	heap_zero(h);
	if (it == NULL)
		return -1;
	while ((item = PyIter_Next(it)) != NULL) {
		if (objs_push(&objs, &len, &cap, item) < 0) {
			Py_DECREF(item);
			break;
		}
	}
	Py_DECREF(it);
	if (PyErr_Occurred()) {
		h->objs = objs;
		h->n = len;
		rc_heap_clear(h);
		return -1;
	}
	return rc_heap_from_array(h, objs, len);
}

/* ------------------------------------------------------ the snapshot */

/* Pause the collector: a collection during capture could run __del__
 * methods and finalizers in the middle of the walk.  Returns whether it
 * was enabled, or -1 with an exception set. */
static int
gc_pause(void)
{
#if PY_VERSION_HEX >= 0x030A0000
	return PyGC_Disable();
#else
	PyObject *gc = PyImport_ImportModule("gc");
	if (gc == NULL)
		return -1;
	PyObject *was = PyObject_CallMethod(gc, "isenabled", NULL);
	PyObject *r = was ? PyObject_CallMethod(gc, "disable", NULL) : NULL;
	int enabled = r ? PyObject_IsTrue(was) : -1;
	Py_XDECREF(r);
	Py_XDECREF(was);
	Py_DECREF(gc);
	return enabled;
#endif
}

static void
gc_restore(int was_enabled)
{
	if (was_enabled != 1)
		return;
#if PY_VERSION_HEX >= 0x030A0000
	PyGC_Enable();
#else
	PyObject *exc_type, *exc_value, *exc_tb;
	PyErr_Fetch(&exc_type, &exc_value, &exc_tb);
	PyObject *gc = PyImport_ImportModule("gc");
	PyObject *r = gc ? PyObject_CallMethod(gc, "enable", NULL) : NULL;
	Py_XDECREF(r);
	Py_XDECREF(gc);
	PyErr_Clear();
	PyErr_Restore(exc_type, exc_value, exc_tb);
#endif
}

/* gc.get_objects(), taken over: the list's references move into a C
 * array without an INCREF/DECREF pair per object (each pair would touch
 * every object's header again).  gc.get_objects leaves out its own list. */
static int
take_gc_objects(struct rc_heap *h, uint32_t extra, PyObject *const *exclude, int k)
{
	PyObject *gc = PyImport_ImportModule("gc");
	PyObject *list = gc ? PyObject_CallMethod(gc, "get_objects", NULL) : NULL;

	Py_XDECREF(gc);
	if (list == NULL)
		return -1;
	if (!PyList_CheckExact(list)) {
		Py_DECREF(list);
		PyErr_SetString(PyExc_TypeError, "gc.get_objects() did not return a list");
		return -1;
	}
	Py_ssize_t n = PyList_GET_SIZE(list);
	if ((uint64_t)n + extra >= UINT32_MAX) {
		Py_DECREF(list);
		return rc_status_error(RC_EOVERFLOW);
	}
	h->objs = malloc(((size_t)n + extra + 1) * sizeof *h->objs);
	if (h->objs == NULL) {
		Py_DECREF(list);
		PyErr_NoMemory();
		return -1;
	}
	memcpy(h->objs, PySequence_Fast_ITEMS(list), (size_t)n * sizeof *h->objs);
	h->n = (uint32_t)n;
	Py_SET_SIZE(list, 0);   /* the references are ours now */
	Py_DECREF(list);
	for (uint32_t i = 0; k > 0 && i < h->n; i++) {
		for (int j = 0; j < k; j++) {
			if (h->objs[i] != (void *)exclude[j])
				continue;
			/* The caller holds it: this DECREF frees nothing. */
			Py_DECREF(exclude[j]);
			h->objs[i--] = h->objs[--h->n];
			break;
		}
	}
	return 0;
}

/* Add the running frames (untracked, so not in gc.get_objects) as
 * vertices, recording which thread runs each.  Takes over fb's
 * references; fb is empty afterwards. */
static int
add_frames(struct rc_heap *h, struct rc_framebuf *fb)
{
	int status = rc_addrmap_init(&h->map, h->n + fb->len);
	uint32_t nfb = fb->len;

	if (status == RC_OK) {
		for (uint32_t i = 0; i < h->n && status == RC_OK; i++)
			status = rc_addrmap_insert(&h->map, h->objs, i);
	}
	h->frame_vertex = malloc((nfb + 1) * sizeof *h->frame_vertex);
	h->frame_tid = malloc((nfb + 1) * sizeof *h->frame_tid);
	if (status == RC_OK && (h->frame_vertex == NULL || h->frame_tid == NULL))
		status = RC_ENOMEM;
	if (status != RC_OK)
		return rc_status_error(status);
	for (uint32_t i = 0; i < nfb; i++) {
		PyObject *frame = fb->frames[i];
		fb->frames[i] = NULL;
		h->objs[h->n] = frame;
		uint32_t at = rc_addrmap_insert_unique(&h->map, h->objs, h->n);
		if (at == h->n) {
			h->n++;
		} else {
			Py_DECREF(frame);   /* already a vertex (a tracked frame) */
			if (at == RC_NONE) {
				fb->len = 0;
				return rc_status_error(RC_ENOMEM);
			}
		}
		/* Frames were appended in ascending vertex order, except
		 * tracked ones found in place; keep the array sorted. */
		uint32_t k = h->nframes++;
		while (k > 0 && h->frame_vertex[k - 1] > at) {
			h->frame_vertex[k] = h->frame_vertex[k - 1];
			h->frame_tid[k] = h->frame_tid[k - 1];
			k--;
		}
		h->frame_vertex[k] = at;
		h->frame_tid[k] = fb->thread_id[i];
	}
	fb->len = 0;
	return 0;
}

/* Count the edges the walk recorded from running frames to the previous
 * frame of their thread that are no reference of the frame (3.11+), so
 * that they are not taken for references of the target's count. */
static void
count_hidden_backs(struct rc_heap *h)
{
	for (uint32_t i = 0; i < h->nframes; i++) {
		PyObject *back = rc_frames_hidden_back(rc_heap_obj(h, h->frame_vertex[i]));
		uint32_t v = back ? rc_heap_index(h, back) : RC_NONE;
		if (v != RC_NONE && h->refs[v] < RC_REFS_IMMORTAL - 1)
			h->refs[v]++;
	}
}

int
rc_heap_snapshot(struct rc_heap *h)
{
	return rc_heap_snapshot_excluding(h, NULL, 0);
}

int
rc_heap_snapshot_excluding(struct rc_heap *h, PyObject *const *exclude, int k)
{
	struct rc_framebuf fb = {0, 0, NULL, NULL};
	int rc = -1;

	heap_zero(h);
	int was_enabled = gc_pause();
	if (was_enabled < 0)
		return -1;
	/* Frames first: the dict sys._current_frames() returns is gone
	 * before gc.get_objects() runs, so it is not in the snapshot. */
	if (rc_frames_collect(&fb) == 0 && take_gc_objects(h, fb.len, exclude, k) == 0
	    && add_frames(h, &fb) == 0 && build_edges(h, 1) == 0) {
		count_hidden_backs(h);
		rc = 0;
	}
	rc_frames_release(&fb);
	if (rc < 0)
		rc_heap_clear(h);
	gc_restore(was_enabled);
	return rc;
}

/* ------------------------------------------------------- subgraphs */

int
rc_heap_subgraph(struct rc_heap *dst, const struct rc_heap *src,
		 const uint32_t *nodes, uint32_t k, uint32_t **edge_map)
{
	int status;

	heap_zero(dst);
	dst->objs = malloc(((size_t)k + 1) * sizeof *dst->objs);
	if (dst->objs == NULL)
		return rc_status_error(RC_ENOMEM);
	for (uint32_t i = 0; i < k; i++) {
		dst->objs[i] = src->objs[nodes[i]];
		Py_INCREF((PyObject *)dst->objs[i]);
	}
	dst->n = k;
	if (src->refs != NULL) {
		dst->refs = malloc(((size_t)k + 1) * sizeof *dst->refs);
		if (dst->refs == NULL) {
			rc_heap_clear(dst);
			return rc_status_error(RC_ENOMEM);
		}
		for (uint32_t i = 0; i < k; i++)
			dst->refs[i] = src->refs[nodes[i]];
	}
	status = rc_induced_subgraph(&src->g, nodes, k, &dst->g, edge_map);
	if (status == RC_OK)
		status = rc_addrmap_init(&dst->map, k);
	for (uint32_t i = 0; status == RC_OK && i < k; i++)
		status = rc_addrmap_insert(&dst->map, dst->objs, i);
	if (status == RC_OK && src->nframes > 0) {
		dst->frame_vertex = malloc(src->nframes * sizeof *dst->frame_vertex);
		dst->frame_tid = malloc(src->nframes * sizeof *dst->frame_tid);
		if (dst->frame_vertex == NULL || dst->frame_tid == NULL)
			status = RC_ENOMEM;
	}
	for (uint32_t f = 0; status == RC_OK && f < src->nframes; f++) {
		uint32_t v = rc_heap_index(dst, rc_heap_obj(src, src->frame_vertex[f]));
		if (v == RC_NONE)
			continue;
		uint32_t j = dst->nframes++;
		while (j > 0 && dst->frame_vertex[j - 1] > v) {
			dst->frame_vertex[j] = dst->frame_vertex[j - 1];
			dst->frame_tid[j] = dst->frame_tid[j - 1];
			j--;
		}
		dst->frame_vertex[j] = v;
		dst->frame_tid[j] = src->frame_tid[f];
	}
	if (status != RC_OK) {
		if (edge_map != NULL) {
			free(*edge_map);
			*edge_map = NULL;
		}
		rc_heap_clear(dst);
		return rc_status_error(status);
	}
	return 0;
}

int
rc_heap_from_edges(struct rc_heap *h, void **objs, uint32_t n,
		   const uint32_t *tails, const uint32_t *heads, uint32_t m,
		   uint32_t **order)
{
	int status = RC_OK;
	uint32_t *pos = NULL;

	heap_zero(h);
	h->objs = objs;
	h->n = n;
	if (order != NULL)
		*order = NULL;
	status = rc_addrmap_init(&h->map, n);
	for (uint32_t i = 0; status == RC_OK && i < n; i++) {
		uint32_t at = rc_addrmap_insert_unique(&h->map, h->objs, i);
		if (at == RC_NONE)
			status = RC_ENOMEM;
		else if (at != i) {
			rc_heap_clear(h);
			PyErr_SetString(PyExc_ValueError, "a vertex is given twice");
			return -1;
		}
	}
	if (status == RC_OK)
		status = rc_graph_from_pairs(&h->g, n, tails, heads, m);
	if (status == RC_OK && order != NULL) {
		/* The stable order rc_graph_from_pairs gives: by tail, then
		 * input order. */
		pos = malloc(((size_t)n + 1) * sizeof *pos);
		*order = malloc(((size_t)m + 1) * sizeof **order);
		if (pos == NULL || *order == NULL)
			status = RC_ENOMEM;
		else {
			memcpy(pos, h->g.out_off, (size_t)n * sizeof *pos);
			for (uint32_t i = 0; i < m; i++)
				(*order)[pos[tails[i]]++] = i;
		}
		free(pos);
	}
	if (status != RC_OK) {
		if (order != NULL) {
			free(*order);
			*order = NULL;
		}
		rc_heap_clear(h);
		return rc_status_error(status);
	}
	return 0;
}
