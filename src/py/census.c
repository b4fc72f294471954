/* census.c - refcycle.census(): a weightless baseline (see census.h).
 *
 * One pass over every tracked object (read off the collector's lists,
 * gclist.h, or where they cannot be read gc.get_objects()): each
 * object's address and type, and per type a count and the shallow bytes
 * (one builtin __sizeof__ per type, as the analysis measures them).  The census keeps addresses as
 * numbers, type names as strs and nothing else: no reference to any
 * object it counted, so it changes neither what is alive nor what a later
 * snapshot sees.  It is not tracked by the collector. */
#include <Python.h>
#include <config.h>

#include "src/py/census.h"

#include <stdlib.h>
#include <string.h>

#include "src/capture/addrmap.h"
#include "src/capture/capture.h"
#include "src/capture/gclist.h"
#include "src/capture/pyerrors.h"
#include "src/common/i18n.h"
#include "src/common/status.h"
#include "src/graph/prefault.h"
#include "src/introspect/compat.h"
#include "src/introspect/sizes.h"
#include "src/introspect/typename.h"
#include "src/py/annotated.h"
#include "src/py/objectgraph.h"
#include "src/py/og_lazy.h"

typedef struct {
	PyObject_HEAD
	uint32_t n;
	void **addr;             /* n addresses, as numbers: never dereferenced */
	uint32_t *type_of;       /* n indices into the type table */
	struct rc_addrmap map;   /* addr[i] -> i, once indexed */
	int indexed;
	uint32_t ntypes;
	uintptr_t *type_addr;    /* each type's address, as a number */
	PyObject **type_name;    /* each type's __name__ (str, owned) */
	uint64_t *count;
	uint64_t *bytes;
} rc_Census;

static void
census_dealloc(rc_Census *self)
{
	for (uint32_t t = 0; t < self->ntypes; t++)
		Py_XDECREF(self->type_name[t]);
	free(self->type_name);
	free(self->type_addr);
	free(self->count);
	free(self->bytes);
	free(self->addr);
	free(self->type_of);
	rc_addrmap_free(&self->map);
	Py_TYPE(self)->tp_free((PyObject *)self);
}

/* The types seen, from a type table, with a count and bytes each. */
static int
census_types(rc_Census *c, const struct rc_typetable *types, const uint64_t *bytes)
{
	size_t k = (size_t)types->n + 1;

	c->type_addr = malloc(k * sizeof *c->type_addr);
	c->type_name = calloc(k, sizeof *c->type_name);
	c->count = malloc(k * sizeof *c->count);
	c->bytes = malloc(k * sizeof *c->bytes);
	if (!c->type_addr || !c->type_name || !c->count || !c->bytes) {
		PyErr_NoMemory();
		return -1;
	}
	for (uint32_t t = 0; t < types->n; t++) {
		c->type_name[t] = rc_type_name(types->types[t]);
		if (c->type_name[t] == NULL)
			return -1;
		PyUnicode_InternInPlace(&c->type_name[t]);
		c->ntypes = t + 1;
		c->type_addr[t] = (uintptr_t)types->types[t];
		c->count[t] = types->count[t];
		c->bytes[t] = bytes[t];
	}
	return 0;
}

/* How far ahead the pass prefetches objects' headers. */
#define CENSUS_AHEAD 16

/* How each type seen is measured: its builtin __sizeof__ (never a
 * class's own), and its formula when known (rc_sizeof_kind). */
struct measures {
	uint32_t n, cap;
	PyObject **method;
	char *kind;
	uint64_t *bytes;
};

static void
measures_free(struct measures *m)
{
	for (uint32_t t = 0; t < m->n; t++)
		Py_XDECREF(m->method[t]);
	free(m->method);
	free(m->kind);
	free(m->bytes);
}

/* Type t, just added to the table, measured from now on. */
static int
measures_add(struct measures *m, PyTypeObject *type)
{
	if (m->n == m->cap) {
		uint32_t cap = m->cap ? 2 * m->cap : 256;
		PyObject **method = realloc(m->method, cap * sizeof *method);
		if (method != NULL)
			m->method = method;
		char *kind = method ? realloc(m->kind, cap) : NULL;
		if (kind != NULL)
			m->kind = kind;
		uint64_t *bytes = kind ? realloc(m->bytes, cap * sizeof *bytes) : NULL;
		if (bytes == NULL) {
			PyErr_NoMemory();
			return -1;
		}
		m->bytes = bytes;
		m->cap = cap;
	}
	PyObject *method = rc_sizeof_method(type);
	if (method == NULL)
		return -1;
	m->method[m->n] = method;
	m->kind[m->n] = (char)rc_sizeof_kind(method);
	m->bytes[m->n] = 0;
	m->n++;
	return 0;
}

/* Fill c from every tracked object (items[0..n-1], held by the caller),
 * in one pass: each object's header is read once (the pass is bound by
 * those reads).  The address map is built when first asked
 * (census_index), not here. */
static int
census_fill(rc_Census *c, PyObject *const *items, Py_ssize_t n)
{
	struct rc_typetable types;
	struct measures m = {0, 0, NULL, NULL, NULL};
	PyTypeObject *last = NULL;
	uint32_t t = RC_NONE;
	int rc = -1;

	if ((uint64_t)n >= UINT32_MAX)
		return rc_status_error(RC_EOVERFLOW);
	if (rc_typetable_init(&types) < 0)
		return -1;
	c->addr = malloc(((size_t)n + 1) * sizeof *c->addr);
	c->type_of = malloc(((size_t)n + 1) * sizeof *c->type_of);
	if (c->addr == NULL || c->type_of == NULL) {
		PyErr_NoMemory();
		goto out;
	}
	/* Fresh pages, written in order: faulted in at once (prefault.h). */
	rc_prefault(c->addr, ((size_t)n + 1) * sizeof *c->addr);
	rc_prefault(c->type_of, ((size_t)n + 1) * sizeof *c->type_of);
	for (uint32_t i = 0; i < (uint32_t)n; i++) {
		PyObject *obj = items[i];
		/* The pass waits on memory, one header after another:
		 * ask for the headers ahead before they are needed. */
		if (i + CENSUS_AHEAD < (uint32_t)n)
			__builtin_prefetch(items[i + CENSUS_AHEAD]);
		PyTypeObject *type = Py_TYPE(obj);
		if (type != last) {   /* neighbours are often of one type */
			t = rc_typetable_index(&types, type);
			if (t == RC_NONE || (t == m.n && measures_add(&m, type) < 0))
				goto out;
			last = type;
		}
		c->addr[i] = obj;
		c->type_of[i] = t;
		types.count[t]++;
		m.bytes[t] += rc_shallow_size_of_kind(obj, m.method[t], m.kind[t]);
	}
	c->n = (uint32_t)n;
	if (census_types(c, &types, m.bytes) == 0)
		rc = 0;
out:
	measures_free(&m);
	rc_typetable_free(&types);
	return rc;
}

/* A census of items[0..n-1]. */
static PyObject *
census_of(PyObject *const *items, Py_ssize_t n)
{
	rc_Census *c = PyObject_New(rc_Census, &rc_Census_Type);

	if (c != NULL) {
		memset((char *)c + sizeof(PyObject), 0, sizeof *c - sizeof(PyObject));
		if (census_fill(c, items, n) < 0)
			Py_CLEAR(c);
	}
	return (PyObject *)c;
}

/* A census from the collector's lists, read directly (gclist.h): the
 * objects held in a plain array while they are counted, then let go. */
static PyObject *
census_from_lists(void)
{
	PyObject **objs;
	uint32_t n;
	int status = rc_gclist_take(&objs, &n);

	if (status != RC_OK) {
		rc_status_error(status);
		return NULL;
	}
	PyObject *c = census_of(objs, n);
	while (n > 0)
		Py_DECREF(objs[--n]);
	free(objs);
	return c;
}

PyObject *
rc_census(PyObject *module, PyObject *unused)
{
	(void)module;
	(void)unused;
	int usable = rc_gclist_usable();
	if (usable < 0)
		return NULL;
	if (usable)
		return census_from_lists();
	PyObject *gc = rc_capture_gc_module();
	PyObject *list = gc ? PyObject_CallMethod(gc, "get_objects", NULL) : NULL;

	Py_XDECREF(gc);
	if (list == NULL)
		return NULL;
	if (!PyList_CheckExact(list)) {
		Py_DECREF(list);
		PyErr_SetString(PyExc_TypeError, _("gc.get_objects() did not return a list"));
		return NULL;
	}
	PyObject *c = census_of(PySequence_Fast_ITEMS(list), PyList_GET_SIZE(list));
	/* The list's references go; the census keeps none. */
	Py_DECREF(list);
	return c;
}

/* A census of a loaded snapshot's records (refcycle.census(path)): their
 * ids are the addresses, their type names the types (type_addr 0), their
 * sizes as saved. */
PyObject *
rc_census_of_records(PyObject *module, PyObject *graph)
{
	(void)module;
	if (!PyObject_TypeCheck(graph, &rc_ObjectGraph_Type)
	    || !rc_og_has_records((rc_ObjectGraph *)graph)) {
		PyErr_Format(PyExc_TypeError, _("a census of records takes a loaded snapshot, "
						"not %.100s"), Py_TYPE(graph)->tp_name);
		return NULL;
	}
	const struct rc_heap *h = &((rc_ObjectGraph *)graph)->heap;
	rc_Census *c = PyObject_New(rc_Census, &rc_Census_Type);
	if (c == NULL)
		return NULL;
	memset((char *)c + sizeof(PyObject), 0, sizeof *c - sizeof(PyObject));
	struct rc_typetable names;
	uint64_t *bytes = NULL;
	if (rc_typetable_init(&names) < 0) {
		Py_DECREF(c);
		return NULL;
	}
	c->addr = malloc(((size_t)h->n + 1) * sizeof *c->addr);
	c->type_of = malloc(((size_t)h->n + 1) * sizeof *c->type_of);
	int ok = c->addr != NULL && c->type_of != NULL;
	if (!ok)
		PyErr_NoMemory();
	struct rc_lazy *lazy = ((rc_ObjectGraph *)graph)->lazy;
	for (uint32_t v = 0; ok && lazy != NULL && v < h->n; v++) {
		/* A loaded graph's: the file's addresses and names, no record. */
		c->addr[v] = (void *)(uintptr_t)lazy->snap.address[v];
		uint32_t t = rc_typetable_index(&names, rc_lazy_type_name(lazy, v));
		ok = t != RC_NONE;
		if (ok) {
			c->type_of[v] = t;
			names.count[t]++;
			c->n = v + 1;
		}
	}
	for (uint32_t v = 0; ok && lazy == NULL && v < h->n; v++) {
		rc_AnnotatedVertex *rec = (rc_AnnotatedVertex *)rc_og_obj((rc_ObjectGraph *)graph, v);
		if (rec == NULL) {
			ok = 0;
			break;
		}
		if (!PyObject_TypeCheck(rec, &rc_AnnotatedVertex_Type) || rec->type_name == NULL
		    || !PyLong_Check(rec->id)) {
			PyErr_SetString(PyExc_ValueError,
					_("a census of records needs each record's address and type "
					  "name: a loaded snapshot's"));
			ok = 0;
			break;
		}
		c->addr[v] = PyLong_AsVoidPtr(rec->id);
		/* Interned names: one table entry per name. */
		uint32_t t = c->addr[v] || !PyErr_Occurred()
			? rc_typetable_index(&names, rec->type_name) : RC_NONE;
		if (t == RC_NONE) {
			ok = 0;
			break;
		}
		c->type_of[v] = t;
		names.count[t]++;
		c->n = v + 1;
	}
	if (ok) {
		bytes = calloc((size_t)names.n + 1, sizeof *bytes);
		c->type_addr = calloc((size_t)names.n + 1, sizeof *c->type_addr);
		c->type_name = calloc((size_t)names.n + 1, sizeof *c->type_name);
		c->count = malloc(((size_t)names.n + 1) * sizeof *c->count);
		c->bytes = bytes;
		bytes = NULL;
		ok = c->bytes && c->type_addr && c->type_name && c->count;
		if (!ok)
			PyErr_NoMemory();
	}
	for (uint32_t v = 0; ok && lazy != NULL && v < c->n; v++)
		c->bytes[c->type_of[v]] += lazy->snap.size[v];
	for (uint32_t v = 0; ok && lazy == NULL && v < c->n; v++) {
		PyObject *size = ((rc_AnnotatedVertex *)rc_heap_obj(h, v))->size;
		if (size != NULL && PyLong_Check(size))
			c->bytes[c->type_of[v]] += PyLong_AsUnsignedLongLong(size);
	}
	if (ok && PyErr_Occurred())
		ok = 0;
	for (uint32_t t = 0; ok && t < names.n; t++) {
		c->type_name[t] = Py_NewRef((PyObject *)names.types[t]);
		c->count[t] = names.count[t];
		c->ntypes = t + 1;
	}
	rc_typetable_free(&names);
	free(bytes);
	if (!ok) {
		Py_DECREF(c);
		return NULL;
	}
	return (PyObject *)c;
}

/* refcycle._core._watch_ref(obj): a weak reference to obj, no callback,
 * that the collector does not track, or None when obj cannot be weakly
 * referenced.  refcycle.watch() keeps these, so that watching adds no
 * tracked object to the heap it watches (growth() and repeat() would
 * count them).  A weak reference without a callback holds no strong
 * reference, so untracking it hides no cycle; the collector clears it
 * through its referent's list of weak references, which untracking does
 * not touch. */
PyObject *
rc_watch_ref(PyObject *module, PyObject *obj)
{
	(void)module;
	PyObject *ref = PyWeakref_NewRef(obj, NULL);
	if (ref == NULL) {
		if (!PyErr_ExceptionMatches(PyExc_TypeError))
			return NULL;
		PyErr_Clear();
		Py_RETURN_NONE;
	}
	if (PyObject_GC_IsTracked(ref))
		PyObject_GC_UnTrack(ref);
	return ref;
}

/* -------------------------------------------------------------- queries */

/* The address map, built on the first question: a census that is only
 * compared by counts (growth()) never pays for it.  0, or -1 with
 * MemoryError. */
static int
census_index(rc_Census *c)
{
	if (c->indexed || c->n == 0)
		return 0;
	int status = rc_addrmap_init(&c->map, c->n);
	for (uint32_t i = 0; status == RC_OK && i < c->n; i++)
		status = rc_addrmap_insert(&c->map, c->addr, i);
	if (status != RC_OK) {
		rc_addrmap_free(&c->map);
		return rc_status_error(status);
	}
	c->indexed = 1;
	return 0;
}

int
rc_census_had(PyObject *census, PyObject *obj)
{
	rc_Census *c = (rc_Census *)census;
	void *addr = obj;
	PyObject *name = NULL;
	uintptr_t type = (uintptr_t)Py_TYPE(obj);

	if (census_index(c) < 0)
		return -1;
	if (PyObject_TypeCheck(obj, &rc_AnnotatedVertex_Type)) {
		/* A record of a saved snapshot: its address and type name. */
		rc_AnnotatedVertex *rec = (rc_AnnotatedVertex *)obj;
		if (rec->type_name == NULL || !PyLong_Check(rec->id))
			return 0;
		addr = PyLong_AsVoidPtr(rec->id);
		if (addr == NULL && PyErr_Occurred()) {
			PyErr_Clear();
			return 0;
		}
		name = rec->type_name;
		type = 0;
	}
	uint32_t i = c->n ? rc_addrmap_find(&c->map, c->addr, addr) : RC_NONE;
	if (i == RC_NONE)
		return 0;
	uint32_t t = c->type_of[i];
	if (name == NULL && c->type_addr[t] == 0) {
		/* A census of a saved snapshot knows types by name only. */
		PyObject *own = rc_type_name(Py_TYPE(obj));
		if (own == NULL)
			return -1;
		int same = PyUnicode_Compare(own, c->type_name[t]) == 0;
		Py_DECREF(own);
		return same;
	}
	if (name != NULL)
		return PyUnicode_Compare(name, c->type_name[t]) == 0;
	/* The same address and the same type object: an object freed and
	 * its address reused by another type's is not the same one. */
	return c->type_addr[t] == type;
}

int
rc_census_type_tally(PyObject *census, PyTypeObject *type, uint64_t *count, uint64_t *bytes)
{
	const rc_Census *c = (const rc_Census *)census;
	PyObject *name = rc_type_name(type);

	*count = *bytes = 0;
	if (name == NULL)
		return -1;
	for (uint32_t t = 0; t < c->ntypes; t++) {
		if (c->type_addr[t] != (uintptr_t)type && c->type_addr[t] != 0)
			continue;   /* 0: a saved snapshot's type, known by name */
		int same = PyUnicode_Compare(name, c->type_name[t]);
		if (same == -1 && PyErr_Occurred()) {
			Py_DECREF(name);
			return -1;
		}
		if (same == 0) {
			*count += c->count[t];
			*bytes += c->bytes[t];
		}
	}
	Py_DECREF(name);
	return 0;
}

/* {type name: value}, as a collections.Counter. */
static PyObject *
counter_of(const rc_Census *c, const uint64_t *value)
{
	PyObject *dict = PyDict_New();

	for (uint32_t t = 0; dict != NULL && t < c->ntypes; t++) {
		PyObject *old = PyDict_GetItemWithError(dict, c->type_name[t]);   /* borrowed */
		uint64_t sum = value[t];
		if (old == NULL && PyErr_Occurred())
			Py_CLEAR(dict);
		else if (old != NULL)
			sum += PyLong_AsUnsignedLongLong(old);
		PyObject *v = dict ? PyLong_FromUnsignedLongLong(sum) : NULL;
		if (v == NULL || PyDict_SetItem(dict, c->type_name[t], v) < 0)
			Py_CLEAR(dict);
		Py_XDECREF(v);
	}
	if (dict == NULL)
		return NULL;
	PyObject *collections = PyImport_ImportModule("collections");
	PyObject *counter = collections ? PyObject_CallMethod(collections, "Counter", "O", dict) : NULL;
	Py_XDECREF(collections);
	Py_DECREF(dict);
	return counter;
}

static PyObject *
census_counts(rc_Census *self, void *closure)
{
	(void)closure;
	return counter_of(self, self->count);
}

static PyObject *
census_sizes_get(rc_Census *self, void *closure)
{
	(void)closure;
	return counter_of(self, self->bytes);
}

static Py_ssize_t
census_len(rc_Census *self)
{
	return (Py_ssize_t)self->n;
}

static int
census_contains(rc_Census *self, PyObject *obj)
{
	return rc_census_had((PyObject *)self, obj);
}

static PyObject *
census_repr(rc_Census *self)
{
	return PyUnicode_FromFormat("<refcycle.Census of %u objects, %u types>",
				    (unsigned)self->n, (unsigned)self->ntypes);
}

static PySequenceMethods census_as_sequence = {
	.sq_length = (lenfunc)census_len,
	.sq_contains = (objobjproc)census_contains,
};

static PyGetSetDef census_getset[] = {
	{"counts", (getter)census_counts, NULL,
	 PyDoc_STR("Objects per type name, a collections.Counter."), NULL},
	{"sizes", (getter)census_sizes_get, NULL,
	 PyDoc_STR("Shallow bytes per type name, a collections.Counter."), NULL},
	{NULL, NULL, NULL, NULL, NULL}
};

PyTypeObject rc_Census_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "refcycle.Census",
	.tp_basicsize = sizeof(rc_Census),
	.tp_dealloc = (destructor)census_dealloc,
	.tp_repr = (reprfunc)census_repr,
	.tp_as_sequence = &census_as_sequence,
	.tp_flags = Py_TPFLAGS_DEFAULT,
	.tp_doc = PyDoc_STR(
		"What refcycle.census() counted: every object the collector tracked then,\n"
		"by address and type, with counts and shallow sizes per type name.  It\n"
		"holds no reference to any of them.  obj in census: obj was there then\n"
		"(the same address and the same type)."),
	.tp_getset = census_getset,
};

const char rc_census_doc[] =
"census($module, /)\n--\n\n"
"A weightless baseline: the address and type of every object the collector\n"
"tracks, and per type its count and shallow bytes, holding no reference to\n"
"any of them (so nothing stays alive for it, and a later snapshot sees the\n"
"heap as it would have been).  Give it to growth(), g.new_since(), diff() or\n"
"browse(since=...).  An object freed and its address reused by an object of\n"
"another type counts as new; one of the same type does not (a census cannot\n"
"tell them apart).";

/* ---------------------------------------------------- g.new_since(census) */

PyObject *
rc_og_new_since(PyObject *self, PyObject *census)
{
	const rc_ObjectGraph *g = (const rc_ObjectGraph *)self;

	if (!PyObject_TypeCheck(census, &rc_Census_Type)) {
		PyErr_Format(PyExc_TypeError, _("new_since() takes a census (refcycle.census()), "
						"not %.100s"), Py_TYPE(census)->tp_name);
		return NULL;
	}
	uint32_t *nodes = malloc(((size_t)g->heap.n + 1) * sizeof *nodes);
	uint32_t k = 0;
	if (nodes == NULL)
		return PyErr_NoMemory();
	for (uint32_t v = 0; v < g->heap.n; v++) {
		PyObject *obj = rc_og_obj((rc_ObjectGraph *)g, v);
		int had = obj ? rc_census_had(census, obj) : -1;
		if (had < 0) {
			free(nodes);
			return NULL;
		}
		if (!had)
			nodes[k++] = v;
	}
	PyObject *sub = rc_objectgraph_subgraph((rc_ObjectGraph *)g, nodes, k);
	free(nodes);
	return sub;
}
