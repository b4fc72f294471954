/* og_describe.c - ObjectGraph methods that describe one vertex or edge:
 * its label, where it was allocated, its shallow size, and the vertex at
 * an address.  Each reads the object's type and builtin structure (or a
 * record's fields), never the object's own methods. */
#include <Python.h>
#include <config.h>

#include "src/py/og_describe.h"

#include "src/common/i18n.h"
#include "src/introspect/compat.h"
#include "src/introspect/labels.h"
#include "src/introspect/nodelabel.h"
#include "src/introspect/sizes.h"
#include "src/py/annotated.h"
#include "src/py/objectgraph.h"
#include "src/py/og_lazy.h"

#define GRAPH(self) ((rc_ObjectGraph *)(self))

/* ------------------------------------------------------------- labels */

PyObject *
rc_og_edge_label(PyObject *self, PyObject *arg)
{
	const struct rc_heap *h = &GRAPH(self)->heap;
	uint32_t e;

	if (rc_objectgraph_edge(GRAPH(self), arg, &e) < 0)
		return NULL;
	uint32_t tail = rc_graph_tail(&h->g, e), head = h->g.out_dst[e];
	/* Parallel edges tail -> head get the labels in traversal order. */
	return rc_label_edge(rc_heap_obj(h, tail), rc_heap_obj(h, head),
			     rc_graph_parallel_rank(&h->g, e));
}

PyObject *
rc_og_node_label(PyObject *self, PyObject *arg)
{
	uint32_t v;

	if (rc_objectgraph_vertex(GRAPH(self), arg, &v) < 0)
		return NULL;
	return rc_node_label(arg, rc_heap_frame_thread(&GRAPH(self)->heap, v));
}

/* --------------------------------------------------- allocation sites */

PyObject *
rc_allocation_frames(PyObject *obj)
{
	/* The C module (built in): importing tracemalloc.py on the first
	 * question costs an import and, on a large heap, often a full
	 * collection. */
	PyObject *tracemalloc = PyImport_ImportModule("_tracemalloc");
	PyObject *frames = tracemalloc
		? PyObject_CallMethod(tracemalloc, "_get_object_traceback", "(O)", obj) : NULL;

	Py_XDECREF(tracemalloc);
	if (frames != NULL && frames != Py_None && !PyTuple_Check(frames)) {
		Py_DECREF(frames);
		Py_RETURN_NONE;
	}
	return frames;
}

PyObject *
rc_og_allocated_at(PyObject *self, PyObject *vertex)
{
	uint32_t v;

	if (rc_objectgraph_vertex(GRAPH(self), vertex, &v) < 0)
		return NULL;
	PyObject *rec = rc_og_obj(GRAPH(self), v);
	if (rec == NULL)
		return NULL;
	PyObject *tracemalloc = PyImport_ImportModule("tracemalloc");
	if (tracemalloc != NULL && rc_og_has_records(GRAPH(self))) {
		/* A record: the site saved with the snapshot, as a Traceback
		 * of one frame. */
		PyObject *site = PyObject_TypeCheck(vertex, &rc_AnnotatedVertex_Type)
			? ((rc_AnnotatedVertex *)rec)->allocated : NULL;
		PyObject *tb = NULL;
		Py_ssize_t colon = site ? PyUnicode_FindChar(site, ':', 0,
							     PyUnicode_GET_LENGTH(site), -1) : -1;
		if (colon > 0) {
			PyObject *file = PyUnicode_Substring(site, 0, colon);
			PyObject *digits = file ? PyUnicode_Substring(site, colon + 1,
								      PyUnicode_GET_LENGTH(site)) : NULL;
			PyObject *line = digits ? PyLong_FromUnicodeObject(digits, 10) : NULL;
			PyObject *frames = line ? Py_BuildValue("((OO))", file, line) : NULL;
			tb = frames ? PyObject_CallMethod(tracemalloc, "Traceback", "(O)", frames) : NULL;
			Py_XDECREF(frames);
			Py_XDECREF(line);
			Py_XDECREF(digits);
			Py_XDECREF(file);
			if (tb == NULL)
				PyErr_Clear();   /* a record's own text: not a site */
		}
		Py_DECREF(tracemalloc);
		return tb ? tb : Py_NewRef(Py_None);
	}
	PyObject *tb = tracemalloc
		? PyObject_CallMethod(tracemalloc, "get_object_traceback", "(O)", vertex) : NULL;
	Py_XDECREF(tracemalloc);
	return tb;
}

/* ------------------------------------------------------ address, size */

PyObject *
rc_og_at(PyObject *self, PyObject *address)
{
	rc_ObjectGraph *g = GRAPH(self);

	if (!PyLong_Check(address)) {
		PyErr_Format(PyExc_TypeError, _("at() takes an address (an int), not %.100s"),
			     Py_TYPE(address)->tp_name);
		return NULL;
	}
	if (g->lazy != NULL) {   /* records: their ids are the addresses */
		uint32_t v = rc_lazy_find(g->lazy, address);
		if (v != RC_NONE)
			return Py_XNewRef(rc_og_obj(g, v));
	} else if (g->id_map != NULL) {
		PyObject *v = PyDict_GetItemWithError(g->id_map, address);
		if (v != NULL)
			return Py_NewRef(v);
	} else {
		void *p = PyLong_AsVoidPtr(address);
		if (p == NULL && PyErr_Occurred()) {
			if (!PyErr_ExceptionMatches(PyExc_OverflowError))
				return NULL;
			PyErr_Clear();
		}
		/* The lookup compares addresses: nothing is read at p. */
		uint32_t v = p ? rc_heap_index(&g->heap, (PyObject *)p) : RC_NONE;
		if (v != RC_NONE)
			return Py_NewRef(rc_heap_obj(&g->heap, v));
	}
	if (!PyErr_Occurred())
		PyErr_Format(PyExc_KeyError, _("no vertex at address %R"), address);
	return NULL;
}

PyObject *
rc_og_shallow_size(PyObject *self, PyObject *arg)
{
	uint32_t v;

	if (rc_objectgraph_vertex(GRAPH(self), arg, &v) < 0)
		return NULL;
	PyObject *obj = rc_og_obj(GRAPH(self), v);
	if (obj == NULL)
		return NULL;
	if (PyObject_TypeCheck(obj, &rc_AnnotatedVertex_Type)
	    && ((rc_AnnotatedVertex *)obj)->size != NULL)
		return Py_NewRef(((rc_AnnotatedVertex *)obj)->size);
	PyObject *method = rc_sizeof_method(Py_TYPE(obj));
	if (method == NULL)
		return NULL;
	uint64_t size = rc_shallow_size(obj, method);
	Py_DECREF(method);
	return PyLong_FromUnsignedLongLong(size);
}
