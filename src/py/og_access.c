/* og_access.c - ObjectGraph's Python-level accessors: the vertices and
 * edges attributes, an edge's head and tail, a vertex's edges, children
 * and parents, the references and owned objects, and the vertex_set,
 * vertex_dict and vertex_equal class methods.  Lookup and the type itself
 * are in objectgraph.c. */
#include <Python.h>
#include <config.h>

#include "src/py/og_access.h"

#include "src/introspect/compat.h"
#include "src/py/args.h"
#include "src/py/objectgraph.h"
#include "src/py/views.h"

/* --------------------------------------------------------- attributes */

PyObject *
rc_og_vertices(rc_ObjectGraph *self, void *closure)
{
	(void)closure;
	return rc_vertexview_new(self);
}

/* Edge ids are 0..m-1: a range is a collection with O(1) `in`. */
PyObject *
rc_og_edges(rc_ObjectGraph *self, void *closure)
{
	(void)closure;
	return PyObject_CallFunction((PyObject *)&PyRange_Type, "I",
				     (unsigned)self->heap.g.m);
}

/* ---------------------------------------------------------- accessors */

PyObject *
rc_og_head(rc_ObjectGraph *self, PyObject *edge)
{
	uint32_t e;

	if (rc_objectgraph_edge(self, edge, &e) < 0)
		return NULL;
	return Py_XNewRef(rc_og_obj(self, self->heap.g.out_dst[e]));
}

PyObject *
rc_og_tail(rc_ObjectGraph *self, PyObject *edge)
{
	uint32_t e;

	if (rc_objectgraph_edge(self, edge, &e) < 0)
		return NULL;
	return Py_XNewRef(rc_og_obj(self, rc_graph_tail(&self->heap.g, e)));
}

/* A list of n ints from ids[0..n-1]. */
static PyObject *
int_list(const uint32_t *ids, uint32_t n)
{
	PyObject *list = PyList_New(n);

	for (uint32_t i = 0; list != NULL && i < n; i++) {
		PyObject *item = PyLong_FromUnsignedLong(ids[i]);
		if (item == NULL) {
			Py_CLEAR(list);
			break;
		}
		PyList_SET_ITEM(list, i, item);
	}
	return list;
}

PyObject *
rc_objectgraph_vertex_list(rc_ObjectGraph *self, const uint32_t *ids, uint32_t n)
{
	PyObject *list = PyList_New(n);

	for (uint32_t i = 0; list != NULL && i < n; i++) {
		PyObject *obj = rc_og_obj(self, ids[i]);
		if (obj == NULL) {
			Py_CLEAR(list);
			break;
		}
		PyList_SET_ITEM(list, i, Py_NewRef(obj));
	}
	return list;
}

PyObject *
rc_og_out_edges(rc_ObjectGraph *self, PyObject *obj)
{
	uint32_t v;

	if (rc_objectgraph_vertex(self, obj, &v) < 0)
		return NULL;
	const struct rc_graph *g = &self->heap.g;
	PyObject *list = PyList_New(g->out_off[v + 1] - g->out_off[v]);
	for (uint32_t e = g->out_off[v]; list != NULL && e < g->out_off[v + 1]; e++) {
		PyObject *item = PyLong_FromUnsignedLong(e);
		if (item == NULL) {
			Py_CLEAR(list);
			break;
		}
		PyList_SET_ITEM(list, e - g->out_off[v], item);
	}
	return list;
}

PyObject *
rc_og_in_edges(rc_ObjectGraph *self, PyObject *obj)
{
	uint32_t v;

	if (rc_objectgraph_vertex(self, obj, &v) < 0)
		return NULL;
	uint32_t deg = rc_graph_degree(&self->heap.g, v, RC_IN);
	uint32_t *ids = PyMem_Malloc(((size_t)deg + 1) * sizeof *ids);
	if (ids == NULL)
		return PyErr_NoMemory();
	PyObject *list = NULL;
	if (rc_graph_in_edge_ids(&self->heap.g, v, ids) == 0)
		list = int_list(ids, deg);
	else
		PyErr_NoMemory();
	PyMem_Free(ids);
	return list;
}

static PyObject *
og_neighbours(rc_ObjectGraph *self, PyObject *obj, enum rc_dir dir)
{
	uint32_t v;

	if (rc_objectgraph_vertex(self, obj, &v) < 0)
		return NULL;
	return rc_objectgraph_vertex_list(self, rc_graph_neighbours(&self->heap.g, v, dir),
			   rc_graph_degree(&self->heap.g, v, dir));
}

PyObject *
rc_og_children(rc_ObjectGraph *self, PyObject *obj)
{
	return og_neighbours(self, obj, RC_OUT);
}

PyObject *
rc_og_parents(rc_ObjectGraph *self, PyObject *obj)
{
	return og_neighbours(self, obj, RC_IN);
}

PyObject *
rc_og_references(rc_ObjectGraph *self, PyObject *unused)
{
	const struct rc_graph *g = &self->heap.g;
	PyObject *list = PyList_New(g->m);
	(void)unused;

	for (uint32_t v = 0; list != NULL && v < g->n; v++) {
		for (uint32_t e = g->out_off[v]; e < g->out_off[v + 1]; e++) {
			PyObject *tail = rc_og_obj(self, v);
			PyObject *head = tail ? rc_og_obj(self, g->out_dst[e]) : NULL;
			PyObject *pair = head ? PyTuple_Pack(2, tail, head) : NULL;
			if (pair == NULL) {
				Py_CLEAR(list);
				break;
			}
			PyList_SET_ITEM(list, e, pair);
		}
	}
	return list;
}

PyObject *
rc_og_owned_objects(rc_ObjectGraph *self, PyObject *unused)
{
	(void)unused;
	/* Everything else the graph holds is in C arrays, invisible to gc. */
	return Py_BuildValue("[O]", (PyObject *)self);
}

/* ------------------------------------------------------ class methods */

/* refcycle's vertex collections: by identity here (a graph of Python
 * objects, which may define any __eq__), by equality in an
 * AnnotatedGraph (records equal by id). */
static PyObject *
call_identity_type(const char *name)
{
	PyObject *module = PyImport_ImportModule("refcycle._identity");
	PyObject *type = module ? PyObject_GetAttrString(module, name) : NULL;
	PyObject *result = type ? PyObject_CallNoArgs(type) : NULL;

	Py_XDECREF(type);
	Py_XDECREF(module);
	return result;
}

PyObject *
rc_og_vertex_set(PyObject *cls, PyObject *unused)
{
	(void)cls;
	(void)unused;
	return call_identity_type("IdentitySet");
}

PyObject *
rc_og_vertex_dict(PyObject *cls, PyObject *unused)
{
	(void)cls;
	(void)unused;
	return call_identity_type("IdentityDict");
}

PyObject *
rc_og_vertex_equal(PyObject *cls, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
	static const char *const names[] = { "vertex1", "vertex2" };
	PyObject *v[2];

	(void)cls;
	if (rc_args_parse("vertex_equal", names, 2, args, nargs, kwnames, v) < 0)
		return NULL;
	return PyBool_FromLong(v[0] == v[1]);
}
