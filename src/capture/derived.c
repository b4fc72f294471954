/* derived.c - heaps over given objects: an iterable's or an array's
 * (references found by the walk), a subgraph of another heap, or
 * objects with given edges (records, no traversal). */
#include <Python.h>
#include <config.h>

#include "src/capture/capture.h"
#include "src/capture/heapbuild.h"

#include <stdlib.h>
#include <string.h>

#include "src/capture/pyerrors.h"
#include "src/common/status.h"
#include "src/graph/subgraph.h"

int
rc_heap_from_array(struct rc_heap *h, void **objs, uint32_t n)
{
	rc_heap_zero(h);
	h->objs = objs;
	h->n = n;
	if (rc_heap_index_objects(h) < 0 || rc_heap_walk_edges(h, 0) < 0) {
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

	rc_heap_zero(h);
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

int
rc_heap_subgraph(struct rc_heap *dst, const struct rc_heap *src,
		 const uint32_t *nodes, uint32_t k, uint32_t **edge_map)
{
	int status;

	rc_heap_zero(dst);
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
		rc_heap_frames_insert(dst, v, src->frame_tid[f]);
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

	rc_heap_zero(h);
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
