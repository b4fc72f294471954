/* og_lazy.c - a loaded snapshot's records, made when first asked for
 * (see og_lazy.h).
 *
 * Records hold only ints and strs, so they are untracked by the
 * collector (they can be in no cycle): a loaded million-object graph
 * does not slow every collection. */
#include <Python.h>
#include <config.h>

#include "src/py/og_lazy.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/bigalloc.h"
#include "src/common/i18n.h"
#include "src/introspect/compat.h"
#include "src/py/analysis.h"
#include "src/py/annotated.h"

/* ------------------------------------------------------------ strings */

PyObject *
rc_lazy_string(struct rc_lazy *L, uint32_t id)
{
	const struct rc_snap *s = &L->snap;

	if (L->str[id] == NULL)
		L->str[id] = PyUnicode_DecodeUTF8(rc_snap_string(s, id),
						  (Py_ssize_t)(s->str_off[id + 1] - s->str_off[id] - 1),
						  "replace");
	return L->str[id];
}

static int
lazy_names(struct rc_lazy *L)
{
	const struct rc_snap *s = &L->snap;

	for (int k = RC_ROOT_MODULE; k < RC_ROOT_KIND_COUNT; k++) {
		L->root[k] = PyUnicode_InternFromString(rc_root_kind_name(k));
		if (L->root[k] == NULL)
			return -1;
	}
	for (uint32_t t = 0; t < s->ntypes; t++) {
		L->type_names[t] = Py_XNewRef(rc_lazy_string(L, s->type_name[t]));
		if (L->type_names[t] == NULL)
			return -1;
		/* Equal names share one object: type tallies key on it. */
		PyUnicode_InternInPlace(&L->type_names[t]);
	}
	return 0;
}

void
rc_lazy_free(struct rc_lazy *L)
{
	if (L == NULL)
		return;
	for (uint32_t i = 0; L->str != NULL && i < L->snap.nstrings; i++)
		Py_XDECREF(L->str[i]);
	for (uint32_t t = 0; L->type_names != NULL && t < L->snap.ntypes; t++)
		Py_XDECREF(L->type_names[t]);
	for (int k = 0; k < RC_ROOT_KIND_COUNT; k++)
		Py_XDECREF(L->root[k]);
	PyMem_Free(L->str);
	PyMem_Free(L->type_names);
	free(L->slots);
	rc_snap_free(&L->snap);
	PyMem_Free(L);
}

/* ---------------------------------------------------- address table */

static inline uint64_t
slot_of(uint64_t address, uint64_t mask)
{
	/* Addresses are aligned: mix the high bits down. */
	return ((address * UINT64_C(0x9E3779B97F4A7C15)) >> 29) & mask;
}

static uint32_t
find_address(const struct rc_lazy *L, uint64_t address)
{
	for (uint64_t i = slot_of(address, L->mask);; i = (i + 1) & L->mask) {
		uint32_t at = L->slots[i];
		if (at == 0 || L->snap.address[at - 1] == address)
			return at == 0 ? RC_NONE : at - 1;
	}
}

/* The table, at most half full; 0, or -1 with an exception (a repeated
 * address is a corrupt file). */
static int
build_table(struct rc_lazy *L)
{
	const struct rc_snap *s = &L->snap;
	uint64_t size = 16;

	while (size < 2 * (uint64_t)s->g.n)
		size *= 2;
	L->slots = rc_bigalloc(size * sizeof *L->slots, 1);
	if (L->slots == NULL) {
		PyErr_NoMemory();
		return -1;
	}
	L->mask = size - 1;
	for (uint32_t v = 0; v < s->g.n; v++) {
		uint64_t i = slot_of(s->address[v], L->mask);
		while (L->slots[i] != 0 && s->address[L->slots[i] - 1] != s->address[v])
			i = (i + 1) & L->mask;
		if (L->slots[i] != 0) {
			PyObject *id = PyLong_FromUnsignedLongLong(s->address[v]);
			if (id != NULL)
				PyErr_Format(PyExc_ValueError,
					     _("corrupt snapshot: two objects have id %R"), id);
			Py_XDECREF(id);
			return -1;
		}
		L->slots[i] = v + 1;
	}
	return 0;
}

uint32_t
rc_lazy_find(const struct rc_lazy *L, PyObject *id)
{
	if (!PyLong_Check(id))
		return RC_NONE;
	int overflow = 0;
	long long value = PyLong_AsLongLongAndOverflow(id, &overflow);
	uint64_t address = (uint64_t)value;
	if (value == -1 && PyErr_Occurred()) {
		PyErr_Clear();
		return RC_NONE;
	}
	if (overflow > 0) {   /* above LLONG_MAX: maybe still a uint64 */
		address = PyLong_AsUnsignedLongLong(id);
		if (address == (uint64_t)-1 && PyErr_Occurred()) {
			PyErr_Clear();
			return RC_NONE;
		}
	} else if (overflow < 0 || value < 0) {
		return RC_NONE;
	}
	return find_address(L, address);
}

/* ------------------------------------------------------------ records */

PyObject *
rc_lazy_vertex(rc_ObjectGraph *g, uint32_t v)
{
	struct rc_lazy *L = g->lazy;
	const struct rc_snap *s = &L->snap;
	rc_AnnotatedVertex *rec = PyObject_GC_New(rc_AnnotatedVertex, &rc_AnnotatedVertex_Type);

	if (rec == NULL)
		return NULL;
	rec->annotation = rec->size = rec->root = rec->allocated = NULL;
	rec->id = PyLong_FromUnsignedLongLong(s->address[v]);
	rec->annotation = Py_XNewRef(rc_lazy_string(L, s->summary[v]));
	rec->type_name = Py_NewRef(rc_lazy_type_name(L, v));
	rec->size = PyLong_FromUnsignedLongLong(s->size[v]);
	rec->root = Py_XNewRef(L->root[s->root[v]]);   /* NULL for none */
	if (s->allocated != NULL && s->allocated[v] != RC_NONE)
		rec->allocated = Py_XNewRef(rc_lazy_string(L, s->allocated[v]));
	/* Not tracked: ints and strs cannot form a cycle. */
	if (rec->id == NULL || rec->annotation == NULL || rec->size == NULL || PyErr_Occurred()) {
		Py_DECREF(rec);
		return NULL;
	}
	g->heap.objs[v] = rec;   /* the heap's reference */
	return (PyObject *)rec;
}

PyObject *
rc_lazy_edge(rc_ObjectGraph *g, uint32_t e)
{
	struct rc_lazy *L = g->lazy;
	const struct rc_snap *s = &L->snap;
	rc_AnnotatedEdge *rec = PyObject_GC_New(rc_AnnotatedEdge, &rc_AnnotatedEdge_Type);
	uint32_t label = s->label[e];

	if (rec == NULL)
		return NULL;
	rec->annotation = rec->head = rec->tail = NULL;
	rec->id = PyLong_FromUnsignedLong(e);
	rec->annotation = Py_XNewRef(label == RC_NONE ? Py_None : rc_lazy_string(L, label));
	rec->head = PyLong_FromUnsignedLongLong(s->address[g->heap.g.out_dst[e]]);
	rec->tail = PyLong_FromUnsignedLongLong(s->address[rc_graph_tail(&g->heap.g, e)]);
	if (rec->id == NULL || rec->annotation == NULL || rec->head == NULL || rec->tail == NULL) {
		Py_DECREF(rec);
		return NULL;
	}
	g->edge_objs[e] = (PyObject *)rec;
	return (PyObject *)rec;
}

int
rc_lazy_complete(rc_ObjectGraph *g)
{
	if (g->lazy == NULL || g->lazy->complete)
		return 0;
	for (uint32_t v = 0; v < g->heap.n; v++)
		if (rc_og_obj(g, v) == NULL)
			return -1;
	g->lazy->complete = 1;
	return 0;
}

/* ------------------------------------------------------------ loading */

static struct rc_lazy *
lazy_new(struct rc_snap *s)
{
	struct rc_lazy *L = PyMem_Calloc(1, sizeof *L);

	if (L == NULL) {
		rc_snap_free(s);
		PyErr_NoMemory();
		return NULL;
	}
	L->snap = *s;
	memset(s, 0, sizeof *s);
	L->str = PyMem_Calloc((size_t)L->snap.nstrings + 1, sizeof *L->str);
	L->type_names = PyMem_Calloc((size_t)L->snap.ntypes + 1, sizeof *L->type_names);
	if (L->str == NULL || L->type_names == NULL) {
		PyErr_NoMemory();
		rc_lazy_free(L);
		return NULL;
	}
	if (lazy_names(L) < 0 || build_table(L) < 0) {
		rc_lazy_free(L);
		return NULL;
	}
	return L;
}

PyObject *
rc_lazy_graph(struct rc_snap *s)
{
	struct rc_heap heap = RC_HEAP_EMPTY;
	uint32_t n = s->g.n, m = s->g.m;
	struct rc_lazy *L = lazy_new(s);

	if (L == NULL)
		return NULL;
	void **objs = calloc((size_t)n + 1, sizeof *objs);
	PyObject **edge_objs = PyMem_Calloc((size_t)m + 1, sizeof *edge_objs);
	if (objs == NULL || edge_objs == NULL) {
		free(objs);
		PyMem_Free(edge_objs);
		rc_lazy_free(L);
		return PyErr_NoMemory();
	}
	/* The file's arrays are the graph's: the heap takes them over. */
	heap.n = n;
	heap.objs = objs;
	heap.g = L->snap.g;
	memset(&L->snap.g, 0, sizeof L->snap.g);
	PyObject *graph = rc_objectgraph_new(&rc_AnnotatedGraph_Type, &heap, edge_objs, NULL);
	if (graph == NULL)
		rc_lazy_free(L);
	else
		((rc_ObjectGraph *)graph)->lazy = L;
	return graph;
}
