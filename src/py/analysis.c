/* analysis.c - types, sizes and roots of a graph, computed once on first
 * need (see analysis.h).  The dominators, computed on a thread of their
 * own or here, are in analysis_dom.c. */
#include <Python.h>
#include <frameobject.h>
#include <config.h>

#include "src/py/analysis.h"
#include "src/py/analysis_impl.h"

#include <stdlib.h>
#include <string.h>

#include "src/capture/pyerrors.h"
#include "src/common/status.h"
#include "src/introspect/sizes.h"
#include "src/py/annotated.h"
#include "src/py/objectgraph.h"
#include "src/py/og_lazy.h"

#define GRAPH(self) ((rc_ObjectGraph *)(self))

void
rc_analysis_free(struct rc_analysis *a)
{
	/* A thread reads the arrays below: it stops first. */
	rc_analysis_dominators_stop(a);
	if (a->have_types)
		rc_typetable_free(&a->types);
	free(a->type_of);
	free(a->size);
	rc_nodeset_free(&a->roots);
	rc_nodeset_free(&a->tool);
	rc_dom_view_free(&a->dv);
	memset(a, 0, sizeof *a);
}

/* ------------------------------------------------------ types, sizes */

/* A vertex record's stored size (a loaded snapshot's), or -1. */
static int64_t
record_size(PyObject *obj)
{
	if (!PyObject_TypeCheck(obj, &rc_AnnotatedVertex_Type))
		return -1;
	PyObject *size = ((rc_AnnotatedVertex *)obj)->size;
	if (size == NULL || !PyLong_Check(size))
		return -1;
	long long value = PyLong_AsLongLong(size);
	if (value < 0) {
		PyErr_Clear();
		return -1;
	}
	return value;
}

/* How the objects of one type are measured (sizes.h): the __sizeof__
 * of its builtin base (NULL for a type that is a name: a loaded
 * snapshot's records carry their sizes), and the formula it stands for. */
struct sizer {
	PyObject *method;
	int kind;
};

struct sizers {
	struct sizer *of;   /* per type index */
	uint32_t n, cap;
};

static void
sizers_free(struct sizers *s)
{
	for (uint32_t t = 0; t < s->n; t++)
		Py_XDECREF(s->of[t].method);
	PyMem_Free(s->of);
}

/* Add the sizer of type key (the next type index).  0, or -1 with an
 * exception. */
static int
sizers_add(struct sizers *s, void *key)
{
	if (s->n == s->cap) {
		uint32_t cap = s->cap ? 2 * s->cap : 64;
		struct sizer *of = PyMem_Realloc(s->of, cap * sizeof *of);
		if (of == NULL) {
			PyErr_NoMemory();
			return -1;
		}
		s->of = of;
		s->cap = cap;
	}
	struct sizer *z = &s->of[s->n];
	z->method = NULL;
	z->kind = RC_SIZEOF_CALL;
	if (!PyUnicode_Check((PyObject *)key)) {
		z->method = rc_sizeof_method(key);
		if (z->method == NULL)
			return -1;
		z->kind = rc_sizeof_kind(z->method);
	}
	s->n++;
	return 0;
}

/* The size of v (of type index t, with sizer z) when no formula gave it:
 * a record's stored size, or the call. */
static uint64_t
size_by_call(PyObject *obj, const struct sizer *z)
{
	int64_t stored = record_size(obj);

	if (stored >= 0)
		return (uint64_t)stored;
	return z->method ? rc_shallow_size(obj, z->method) : 0;
}

/* The types and sizes a snapshot's walk noted (src/capture/typemap.h):
 * the table in the walk's order, the sizes only a call can give computed
 * now, and the objects whose type name is their own (a loaded snapshot's
 * records held in a live heap) keyed as compute_types keys them.  Reads
 * only those objects. */
static int
adopt_typemap(struct rc_analysis *a, struct rc_heap *h)
{
	struct rc_typemap *tm = h->typemap;
	struct sizers sz = {NULL, 0, 0};
	uint8_t *byname = calloc((size_t)tm->ntypes + 1, 1);
	int rc = 0;

	if (byname == NULL) {
		PyErr_NoMemory();
		return -1;
	}
	for (uint32_t t = 0; rc == 0 && t < tm->ntypes; t++) {
		if (rc_typetable_index(&a->types, tm->types[t]) != t || sizers_add(&sz, tm->types[t]) < 0)
			rc = -1;
		else
			byname[t] = PyType_IsSubtype(tm->types[t], &rc_AnnotatedVertex_Type) != 0;
	}
	if (rc == 0) {
		a->type_of = tm->type_of;
		a->size = tm->size;
		tm->type_of = NULL;
		tm->size = NULL;
	}
	for (uint32_t v = 0; rc == 0 && v < h->n; v++) {
		uint32_t t = a->type_of[v];
		PyObject *obj = rc_heap_obj(h, v);
		if (byname[t]) {
			void *key = rc_vertex_typekey(obj);
			t = rc_typetable_index(&a->types, key);
			if (t == RC_NONE || (t == sz.n && sizers_add(&sz, key) < 0)) {
				rc = -1;
				break;
			}
			a->type_of[v] = t;
			a->size[v] = size_by_call(obj, &sz.of[t]);
		} else if (a->size[v] == RC_SIZE_CALL) {
			a->size[v] = size_by_call(obj, &sz.of[t]);
		}
	}
	free(byname);
	sizers_free(&sz);
	rc_typemap_free(tm);
	free(tm);
	h->typemap = NULL;
	return rc;
}

/* A loaded snapshot's types and sizes, from the file's arrays (its
 * types keyed by name, as its records' are): no record is made. */
static int
lazy_types(struct rc_analysis *a, const struct rc_lazy *L, uint32_t n)
{
	const struct rc_snap *s = &L->snap;
	uint32_t *index = malloc(((size_t)s->ntypes + 1) * sizeof *index);

	a->type_of = malloc(((size_t)n + 1) * sizeof *a->type_of);
	a->size = malloc(((size_t)n + 1) * sizeof *a->size);
	if (index == NULL || a->type_of == NULL || a->size == NULL) {
		free(index);
		PyErr_NoMemory();
		return -1;
	}
	for (uint32_t t = 0; t < s->ntypes; t++) {
		index[t] = rc_typetable_index(&a->types, L->type_names[t]);
		if (index[t] == RC_NONE) {
			free(index);
			return -1;
		}
	}
	for (uint32_t v = 0; v < n; v++)
		a->type_of[v] = index[s->type_of[v]];
	memcpy(a->size, s->size, (size_t)n * sizeof *a->size);
	free(index);
	return 0;
}

/* How far ahead the pass prefetches objects: each object's type is a
 * random access at millions of objects. */
#define TYPES_AHEAD 16

/* Each vertex's type, and its shallow size by its builtin base's
 * formula, or through that base's __sizeof__ (never a class's); a
 * loaded snapshot's records carry both (types are names there).  One
 * pass: the object's first line, read for its type, holds what most
 * formulas read. */
static int
compute_types(struct rc_analysis *a, struct rc_heap *h)
{
	size_t n = (size_t)h->n + 1;
	struct sizers sz = {NULL, 0, 0};
	void *last_key = NULL;
	uint32_t last_t = RC_NONE;
	int rc = 0;

	if (h->typemap != NULL)
		return adopt_typemap(a, h);
	a->type_of = malloc(n * sizeof *a->type_of);
	a->size = malloc(n * sizeof *a->size);
	if (a->type_of == NULL || a->size == NULL) {
		PyErr_NoMemory();
		return -1;
	}
	for (uint32_t v = 0; rc == 0 && v < h->n; v++) {
		if (v + TYPES_AHEAD < h->n)
			__builtin_prefetch(rc_heap_obj(h, v + TYPES_AHEAD));
		PyObject *obj = rc_heap_obj(h, v);
		void *key = rc_vertex_typekey(obj);
		uint32_t t = key == last_key ? last_t : rc_typetable_index(&a->types, key);
		if (t == RC_NONE || (t == sz.n && sizers_add(&sz, key) < 0)) {
			rc = -1;
			break;
		}
		last_key = key;
		last_t = t;
		a->type_of[v] = t;
		int64_t stored = record_size(obj);
		const struct sizer *z = &sz.of[t];
		a->size[v] = stored >= 0 ? (uint64_t)stored
			: z->method ? rc_shallow_size_of_kind(obj, z->method, z->kind) : 0;
	}
	sizers_free(&sz);
	return rc;
}

struct rc_analysis *
rc_analysis_types(PyObject *self)
{
	struct rc_analysis *a = analysis_of(self);

	if (a == NULL || a->have_types)
		return a;
	if (rc_typetable_init(&a->types) < 0)
		return NULL;
	a->have_types = 1;
	if (GRAPH(self)->lazy != NULL ? lazy_types(a, GRAPH(self)->lazy, GRAPH(self)->heap.n) < 0
	    : compute_types(a, &GRAPH(self)->heap) < 0) {
		rc_analysis_free(a);
		return NULL;
	}
	return a;
}

/* ------------------------------------------------------------ roots */

const char *
rc_root_kind_name(enum rc_root_kind kind)
{
	switch (kind) {
	case RC_ROOT_MODULE: return "module";
	case RC_ROOT_FRAME: return "frame";
	case RC_ROOT_EXTERNAL: return "external";
	default: return NULL;
	}
}

enum rc_root_kind
rc_root_kind_from_name(PyObject *name)
{
	for (int k = RC_ROOT_MODULE; k < RC_ROOT_KIND_COUNT; k++)
		if (PyUnicode_Check(name)
		    && PyUnicode_CompareWithASCIIString(name, rc_root_kind_name(k)) == 0)
			return k;
	return RC_ROOT_NONE;
}

/* Without reference counts (a graph of records), a vertex nothing in the
 * graph refers to is where chains start, unless the record says what it
 * was in a saved snapshot (its records have a size; annotated()'s have
 * only a type name). */
static enum rc_root_kind
root_kind_of(const rc_ObjectGraph *g, uint32_t v)
{
	const struct rc_heap *h = &g->heap;

	if (g->lazy != NULL)   /* the file says */
		return (enum rc_root_kind)g->lazy->snap.root[v];
	PyObject *obj = rc_heap_obj(h, v);

	if (PyObject_TypeCheck(obj, &rc_AnnotatedVertex_Type)
	    && ((rc_AnnotatedVertex *)obj)->size != NULL) {
		PyObject *root = ((rc_AnnotatedVertex *)obj)->root;
		return root ? rc_root_kind_from_name(root) : RC_ROOT_NONE;
	}
	if (rc_heap_frame_thread(h, v) != 0)
		return RC_ROOT_FRAME;
	if (PyModule_Check(obj))
		return RC_ROOT_MODULE;
	if (h->refs == NULL)
		return rc_graph_degree(&h->g, v, RC_IN) == 0 ? RC_ROOT_EXTERNAL : RC_ROOT_NONE;
	return rc_heap_external_refs(h, v) > 0 ? RC_ROOT_EXTERNAL : RC_ROOT_NONE;
}

/* What a vertex's type says of it as a root, decided once per type when
 * the types are known: the pass over the vertices then reads arrays only,
 * never the objects themselves (at millions of objects each would be a
 * cache miss). */
enum {
	TYPE_RECORD = 1,   /* a name: a loaded snapshot's records say */
	TYPE_MODULE = 2,
	TYPE_FRAME = 4,    /* a root while some thread runs it */
	TYPE_TOOL = 8      /* a refcycle graph */
};

static uint8_t *
type_flags(const struct rc_analysis *a)
{
	uint8_t *flags = calloc((size_t)a->types.n + 1, 1);

	for (uint32_t t = 0; flags != NULL && t < a->types.n; t++) {
		PyObject *key = a->types.types[t];
		if (PyUnicode_Check(key)) {
			flags[t] = TYPE_RECORD;
			continue;
		}
		PyTypeObject *type = (PyTypeObject *)key;
		if (PyType_IsSubtype(type, &PyModule_Type))
			flags[t] |= TYPE_MODULE;
		if (type == &PyFrame_Type)
			flags[t] |= TYPE_FRAME;
		if (PyType_IsSubtype(type, &rc_ObjectGraph_Type))
			flags[t] |= TYPE_TOOL;
	}
	return flags;
}

/* The roots and the tool's graphs from the types (see type_flags). */
static void
roots_by_type(struct rc_analysis *a, const rc_ObjectGraph *g, const uint8_t *flags)
{
	const struct rc_heap *h = &g->heap;

	for (uint32_t v = 0; v < h->n; v++) {
		uint8_t f = flags[a->type_of[v]];
		int root, tool;
		if (f & TYPE_RECORD) {
			root = root_kind_of(g, v) != RC_ROOT_NONE;
			tool = 0;
		} else {
			root = (f & TYPE_MODULE) || ((f & TYPE_FRAME) && rc_heap_frame_thread(h, v) != 0)
				|| (h->refs == NULL ? rc_graph_degree(&h->g, v, RC_IN) == 0
				    : rc_heap_external_refs(h, v) > 0);
			tool = (f & TYPE_TOOL) != 0;
		}
		if (root)
			rc_nodeset_add(&a->roots, v);
		if (tool) {
			rc_nodeset_add(&a->tool, v);
			a->ntool++;
		}
	}
}

static int
compute_roots(struct rc_analysis *a, const rc_ObjectGraph *g)
{
	const struct rc_heap *h = &g->heap;

	int status = rc_nodeset_init(&a->roots, h->n);

	if (status == RC_OK)
		status = rc_nodeset_init(&a->tool, h->n);
	if (status != RC_OK)
		return rc_status_error(status);
	if (a->have_types) {
		uint8_t *flags = type_flags(a);
		if (flags == NULL)
			return rc_status_error(RC_ENOMEM);
		roots_by_type(a, g, flags);
		free(flags);
		return 0;
	}
	for (uint32_t v = 0; v < h->n; v++) {
		if (root_kind_of(g, v) != RC_ROOT_NONE)
			rc_nodeset_add(&a->roots, v);
		if (g->lazy == NULL && rc_ObjectGraph_Check(rc_heap_obj(h, v))) {
			rc_nodeset_add(&a->tool, v);
			a->ntool++;
		}
	}
	return 0;
}

enum rc_root_kind
rc_analysis_root_kind(PyObject *self, uint32_t v)
{
	return root_kind_of(GRAPH(self), v);
}

struct rc_analysis *
rc_analysis_roots(PyObject *self)
{
	struct rc_analysis *a = analysis_of(self);

	if (a == NULL || a->have_roots)
		return a;
	if (compute_roots(a, GRAPH(self)) < 0) {
		rc_nodeset_free(&a->roots);
		rc_nodeset_free(&a->tool);
		a->ntool = 0;
		return NULL;
	}
	a->have_roots = 1;
	return a;
}
