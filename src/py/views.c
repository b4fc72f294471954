/* views.c - graph.vertices and iteration over the vertices.
 *
 * Both hold a strong reference to the graph, and iterate by index: the
 * graph's arrays never change after it is built (tp_clear empties them,
 * and an index past the end just stops the iteration). */
#include <Python.h>
#include <config.h>

#include "src/py/views.h"

#include "src/introspect/compat.h"

typedef struct {
	PyObject_HEAD
	rc_ObjectGraph *graph;
} rc_VertexView;

typedef struct {
	PyObject_HEAD
	rc_ObjectGraph *graph;
	uint32_t next;
} rc_VertexIter;

/* ------------------------------------------------------------- view */

PyObject *
rc_vertexview_new(rc_ObjectGraph *graph)
{
	rc_VertexView *view = PyObject_GC_New(rc_VertexView, &rc_VertexView_Type);

	if (view == NULL)
		return NULL;
	view->graph = (rc_ObjectGraph *)Py_NewRef((PyObject *)graph);
	PyObject_GC_Track(view);
	return (PyObject *)view;
}

static int
view_traverse(rc_VertexView *self, visitproc visit, void *arg)
{
	Py_VISIT(self->graph);
	return 0;
}

static void
view_dealloc(rc_VertexView *self)
{
	PyObject_GC_UnTrack(self);
	Py_CLEAR(self->graph);
	PyObject_GC_Del(self);
}

static Py_ssize_t
view_len(rc_VertexView *self)
{
	return (Py_ssize_t)self->graph->heap.n;
}

static int
view_contains(rc_VertexView *self, PyObject *obj)
{
	return rc_objectgraph_contains(self->graph, obj);
}

static PyObject *
view_iter(rc_VertexView *self)
{
	return rc_vertexiter_new(self->graph);
}

static PyObject *
view_repr(rc_VertexView *self)
{
	return PyUnicode_FromFormat("<refcycle vertices of size %u>",
				    (unsigned)self->graph->heap.n);
}

static PySequenceMethods view_as_sequence = {
	.sq_length = (lenfunc)view_len,
	.sq_contains = (objobjproc)view_contains,
};

PyTypeObject rc_VertexView_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "refcycle.VertexView",
	.tp_basicsize = sizeof(rc_VertexView),
	.tp_dealloc = (destructor)view_dealloc,
	.tp_repr = (reprfunc)view_repr,
	.tp_as_sequence = &view_as_sequence,
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
	.tp_doc = PyDoc_STR("The vertices of an ObjectGraph: len, iteration, `in` by identity."),
	.tp_traverse = (traverseproc)view_traverse,
	.tp_iter = (getiterfunc)view_iter,
};

/* --------------------------------------------------------- iterator */

PyObject *
rc_vertexiter_new(rc_ObjectGraph *graph)
{
	rc_VertexIter *it = PyObject_GC_New(rc_VertexIter, &rc_VertexIter_Type);

	if (it == NULL)
		return NULL;
	it->graph = (rc_ObjectGraph *)Py_NewRef((PyObject *)graph);
	it->next = 0;
	PyObject_GC_Track(it);
	return (PyObject *)it;
}

static int
iter_traverse(rc_VertexIter *self, visitproc visit, void *arg)
{
	Py_VISIT(self->graph);
	return 0;
}

static void
iter_dealloc(rc_VertexIter *self)
{
	PyObject_GC_UnTrack(self);
	Py_CLEAR(self->graph);
	PyObject_GC_Del(self);
}

static PyObject *
iter_next(rc_VertexIter *self)
{
	if (self->graph == NULL || self->next >= self->graph->heap.n)
		return NULL;
	return Py_XNewRef(rc_og_obj(self->graph, self->next++));
}

static PyObject *
iter_length_hint(rc_VertexIter *self, PyObject *unused)
{
	(void)unused;
	uint32_t n = self->graph ? self->graph->heap.n : 0;
	return PyLong_FromUnsignedLong(self->next < n ? n - self->next : 0);
}

static PyMethodDef iter_methods[] = {
	{"__length_hint__", (PyCFunction)iter_length_hint, METH_NOARGS, NULL},
	{NULL, NULL, 0, NULL}
};

PyTypeObject rc_VertexIter_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "refcycle.VertexIterator",
	.tp_basicsize = sizeof(rc_VertexIter),
	.tp_dealloc = (destructor)iter_dealloc,
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
	.tp_traverse = (traverseproc)iter_traverse,
	.tp_iter = PyObject_SelfIter,
	.tp_iternext = (iternextfunc)iter_next,
	.tp_methods = iter_methods,
};
