/* heap.c - the captured heap as a container: its references, counts and
 * running frames, and the map from objects to vertex ids.  How a heap is
 * filled is elsewhere: snapshot.c (the whole heap), derived.c (given
 * objects, a subgraph, given edges), walk.c (the references). */
#include <Python.h>
#include <config.h>

#include "src/capture/capture.h"
#include "src/capture/heapbuild.h"

#include <stdlib.h>
#include <string.h>

#include "src/capture/pyerrors.h"
#include "src/common/status.h"

void
rc_heap_zero(struct rc_heap *h)
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
	if (h->typemap != NULL) {
		rc_typemap_free(h->typemap);
		free(h->typemap);
	}
	/* Empty before the first DECREF: a deallocator may run code that
	 * reaches this heap (gc.get_referrers calls our tp_traverse). */
	rc_heap_zero(h);
	for (uint32_t i = 0; i < n; i++)
		Py_XDECREF((PyObject *)objs[i]);   /* a loaded graph's may be NULL */
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

int
rc_heap_build_index(struct rc_heap *h)
{
	if (h->map.slots != NULL || h->n == 0)
		return RC_OK;
	return rc_addrmap_build(&h->map, h->objs, h->n);
}

uint32_t
rc_heap_index_by_scan(const struct rc_heap *h, PyObject *obj)
{
	for (uint32_t i = 0; i < h->n; i++)
		if (h->objs[i] == (void *)obj)
			return i;
	return RC_NONE;
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

int
rc_heap_index_objects(struct rc_heap *h)
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


void
rc_heap_frames_insert(struct rc_heap *h, uint32_t v, unsigned long tid)
{
	uint32_t k = h->nframes++;

	while (k > 0 && h->frame_vertex[k - 1] > v) {
		h->frame_vertex[k] = h->frame_vertex[k - 1];
		h->frame_tid[k] = h->frame_tid[k - 1];
		k--;
	}
	h->frame_vertex[k] = v;
	h->frame_tid[k] = tid;
}
