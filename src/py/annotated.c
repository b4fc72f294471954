/* annotated.c - AnnotatedGraph: building one from records or from an
 * object graph, and the type with its record-aware methods (see
 * annotated.h).  The record types, AnnotatedVertex and AnnotatedEdge,
 * are in ag_records.c; reading refcycle's JSON format back in ag_json.c. */
#include <Python.h>
#include <config.h>

#include "src/py/annotated.h"

#include <stdlib.h>

#include "src/common/i18n.h"
#include "src/introspect/compat.h"
#include "src/introspect/typename.h"
#include "src/py/ag_json.h"
#include "src/py/og_lazy.h"
#include "src/py/args.h"
#include "src/py/og_queries.h"
#include "src/py/views.h"

#define GRAPH(self) ((rc_ObjectGraph *)(self))

/* ------------------------------------------------------------ building */

PyObject *
rc_annotated_from_records(PyTypeObject *type, PyObject *vertices, PyObject *edges)
{
	Py_ssize_t n = PyList_GET_SIZE(vertices), m = PyList_GET_SIZE(edges);
	PyObject *id_map = PyDict_New(), *index = PyDict_New(), *result = NULL;
	void **objs = NULL;
	uint32_t *tails = NULL, *heads = NULL, *order = NULL;
	PyObject **edge_objs = NULL;

	if (id_map == NULL || index == NULL)
		goto done;
	if (n >= UINT32_MAX || m >= UINT32_MAX) {
		PyErr_SetString(PyExc_OverflowError, _("too many vertices or edges for a graph"));
		goto done;
	}
	objs = malloc(((size_t)n + 1) * sizeof *objs);
	tails = malloc(((size_t)m + 1) * sizeof *tails);
	heads = malloc(((size_t)m + 1) * sizeof *heads);
	edge_objs = PyMem_Calloc((size_t)m + 1, sizeof *edge_objs);
	if (!objs || !tails || !heads || !edge_objs) {
		PyErr_NoMemory();
		goto done;
	}
	for (Py_ssize_t i = 0; i < n; i++) {
		PyObject *v = PyList_GET_ITEM(vertices, i), *at;
		if (!PyObject_TypeCheck(v, &rc_AnnotatedVertex_Type)) {
			PyErr_Format(PyExc_TypeError, _("vertices must be AnnotatedVertex, not %.100s"),
				     Py_TYPE(v)->tp_name);
			goto done;
		}
		PyObject *id = ((rc_AnnotatedVertex *)v)->id;
		int dup = PyDict_Contains(id_map, id);
		if (dup != 0) {
			if (dup > 0)
				PyErr_Format(PyExc_ValueError, _("vertex id %R is given twice"), id);
			goto done;
		}
		at = PyLong_FromSsize_t(i);
		if (at == NULL || PyDict_SetItem(id_map, id, v) < 0
		    || PyDict_SetItem(index, id, at) < 0) {
			Py_XDECREF(at);
			goto done;
		}
		Py_DECREF(at);
		objs[i] = v;
	}
	for (Py_ssize_t i = 0; i < m; i++) {
		PyObject *e = PyList_GET_ITEM(edges, i);
		if (!PyObject_TypeCheck(e, &rc_AnnotatedEdge_Type)) {
			PyErr_Format(PyExc_TypeError, _("edges must be AnnotatedEdge, not %.100s"),
				     Py_TYPE(e)->tp_name);
			goto done;
		}
		rc_AnnotatedEdge *rec = (rc_AnnotatedEdge *)e;
		PyObject *t = PyDict_GetItemWithError(index, rec->tail);
		PyObject *h = t ? PyDict_GetItemWithError(index, rec->head) : NULL;
		if (h == NULL) {
			if (!PyErr_Occurred())
				PyErr_Format(PyExc_ValueError,
					     _("edge %R goes from vertex %R to vertex %R, not both in the graph"),
					     rec->id, rec->tail, rec->head);
			goto done;
		}
		tails[i] = (uint32_t)PyLong_AsSsize_t(t);
		heads[i] = (uint32_t)PyLong_AsSsize_t(h);
	}
	/* The heap holds its own references to the vertex records. */
	for (Py_ssize_t i = 0; i < n; i++)
		Py_INCREF((PyObject *)objs[i]);
	struct rc_heap heap;
	if (rc_heap_from_edges(&heap, objs, (uint32_t)n, tails, heads, (uint32_t)m, &order) < 0) {
		objs = NULL;   /* released by rc_heap_from_edges */
		goto done;
	}
	objs = NULL;
	for (uint32_t j = 0; j < (uint32_t)m; j++)
		edge_objs[j] = Py_NewRef(PyList_GET_ITEM(edges, order[j]));
	result = rc_objectgraph_new(type, &heap, edge_objs, id_map);
	edge_objs = NULL;
	id_map = NULL;
done:
	if (edge_objs != NULL) {
		for (Py_ssize_t i = 0; i < m; i++)
			Py_XDECREF(edge_objs[i]);
		PyMem_Free(edge_objs);
	}
	free(objs);
	free(tails);
	free(heads);
	free(order);
	Py_XDECREF(index);
	Py_XDECREF(id_map);
	Py_DECREF(vertices);
	Py_DECREF(edges);
	return result;
}

PyObject *
rc_annotated_from_graph(rc_ObjectGraph *g, PyObject *const *vertex_labels,
			PyObject *const *edge_labels)
{
	const struct rc_heap *h = &g->heap;
	PyObject *vertices = PyList_New(h->n), *edges = PyList_New(h->g.m);
	PyObject **ids = PyMem_Calloc((size_t)h->n + 1, sizeof *ids);

	if (vertices == NULL || edges == NULL || ids == NULL)
		goto fail;
	for (uint32_t v = 0; v < h->n; v++) {
		ids[v] = PyLong_FromVoidPtr(rc_heap_obj(h, v));   /* id(obj) */
		PyObject *rec = ids[v] ? PyObject_CallFunctionObjArgs(
			(PyObject *)&rc_AnnotatedVertex_Type, ids[v], vertex_labels[v], NULL) : NULL;
		if (rec == NULL)
			goto fail;
		PyList_SET_ITEM(vertices, v, rec);
		/* count_by_typename() and the types view see the object's
		 * type, not the record's. */
		PyObject *name = rc_type_name(Py_TYPE(rc_heap_obj(h, v)));
		if (name == NULL)
			goto fail;
		PyUnicode_InternInPlace(&name);
		((rc_AnnotatedVertex *)rec)->type_name = name;
	}
	for (uint32_t v = 0; v < h->n; v++) {
		for (uint32_t e = h->g.out_off[v]; e < h->g.out_off[v + 1]; e++) {
			PyObject *id = PyLong_FromUnsignedLong(e);
			PyObject *rec = id ? PyObject_CallFunctionObjArgs(
				(PyObject *)&rc_AnnotatedEdge_Type, id, edge_labels[e],
				ids[h->g.out_dst[e]], ids[v], NULL) : NULL;
			Py_XDECREF(id);
			if (rec == NULL)
				goto fail;
			PyList_SET_ITEM(edges, e, rec);
		}
	}
	for (uint32_t v = 0; v < h->n; v++)
		Py_DECREF(ids[v]);
	PyMem_Free(ids);
	return rc_annotated_from_records(&rc_AnnotatedGraph_Type, vertices, edges);
fail:
	if (ids != NULL)
		for (uint32_t v = 0; v < h->n; v++)
			Py_XDECREF(ids[v]);
	PyMem_Free(ids);
	Py_XDECREF(vertices);
	Py_XDECREF(edges);
	return NULL;
}

/* --------------------------------------------------------- the type */

static PyObject *
ag_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = {"vertices", "edges", NULL};
	PyObject *vertices, *edges;

	if (!PyArg_ParseTupleAndKeywords(args, kwds, "OO:AnnotatedGraph", kwlist,
					 &vertices, &edges))
		return NULL;
	vertices = PySequence_List(vertices);
	edges = vertices ? PySequence_List(edges) : NULL;
	if (edges == NULL) {
		Py_XDECREF(vertices);
		return NULL;
	}
	return rc_annotated_from_records(type, vertices, edges);
}

/* The vertex record an edge record's head or tail id names. */
static PyObject *
endpoint(PyObject *self, PyObject *edge, int want_head)
{
	if (!PyObject_TypeCheck(edge, &rc_AnnotatedEdge_Type)) {
		PyErr_Format(PyExc_TypeError, _("an edge of an AnnotatedGraph is an AnnotatedEdge, not %.100s"),
			     Py_TYPE(edge)->tp_name);
		return NULL;
	}
	PyObject *id = want_head ? ((rc_AnnotatedEdge *)edge)->head : ((rc_AnnotatedEdge *)edge)->tail;
	PyObject *v;
	if (GRAPH(self)->lazy != NULL) {
		uint32_t at = rc_lazy_find(GRAPH(self)->lazy, id);
		v = at != RC_NONE ? rc_og_obj(GRAPH(self), at) : NULL;
	} else {
		v = PyDict_GetItemWithError(GRAPH(self)->id_map, id);
	}
	if (v == NULL) {
		if (!PyErr_Occurred())
			PyErr_SetObject(PyExc_KeyError, id);
		return NULL;
	}
	return Py_NewRef(v);
}

static PyObject *
ag_head(PyObject *self, PyObject *edge)
{
	return endpoint(self, edge, 1);
}

static PyObject *
ag_tail(PyObject *self, PyObject *edge)
{
	return endpoint(self, edge, 0);
}

static PyObject *
ag_edges(PyObject *self, void *closure)
{
	const struct rc_graph *g = &GRAPH(self)->heap.g;
	PyObject *list = PyList_New(g->m);
	(void)closure;

	for (uint32_t e = 0; list != NULL && e < g->m; e++) {
		PyObject *rec = rc_og_edge_record(GRAPH(self), e);
		if (rec == NULL) {
			Py_CLEAR(list);
			break;
		}
		PyList_SET_ITEM(list, e, Py_NewRef(rec));
	}
	PyObject *set = list ? PyFrozenSet_New(list) : NULL;
	Py_XDECREF(list);
	return set;
}

static PyObject *
edge_records(PyObject *self, const uint32_t *ids, uint32_t n)
{
	PyObject *list = PyList_New(n);

	for (uint32_t i = 0; list != NULL && i < n; i++) {
		PyObject *rec = rc_og_edge_record(GRAPH(self), ids[i]);
		if (rec == NULL) {
			Py_CLEAR(list);
			break;
		}
		PyList_SET_ITEM(list, i, Py_NewRef(rec));
	}
	return list;
}

static PyObject *
ag_out_edges(PyObject *self, PyObject *vertex)
{
	uint32_t v;

	if (rc_objectgraph_vertex(GRAPH(self), vertex, &v) < 0)
		return NULL;
	const struct rc_graph *g = &GRAPH(self)->heap.g;
	uint32_t deg = g->out_off[v + 1] - g->out_off[v];
	uint32_t *ids = PyMem_Malloc(((size_t)deg + 1) * sizeof *ids);
	if (ids == NULL)
		return PyErr_NoMemory();
	for (uint32_t i = 0; i < deg; i++)
		ids[i] = g->out_off[v] + i;
	PyObject *list = edge_records(self, ids, deg);
	PyMem_Free(ids);
	return list;
}

static PyObject *
ag_in_edges(PyObject *self, PyObject *vertex)
{
	uint32_t v;

	if (rc_objectgraph_vertex(GRAPH(self), vertex, &v) < 0)
		return NULL;
	const struct rc_graph *g = &GRAPH(self)->heap.g;
	uint32_t deg = rc_graph_degree(g, v, RC_IN);
	uint32_t *ids = PyMem_Malloc(((size_t)deg + 1) * sizeof *ids);
	if (ids == NULL)
		return PyErr_NoMemory();
	PyObject *list = NULL;
	if (rc_graph_in_edge_ids(g, v, ids) == 0)
		list = edge_records(self, ids, deg);
	else
		PyErr_NoMemory();
	PyMem_Free(ids);
	return list;
}

static PyObject *
ag_edge_label(PyObject *self, PyObject *edge)
{
	(void)self;
	if (!PyObject_TypeCheck(edge, &rc_AnnotatedEdge_Type)) {
		PyErr_Format(PyExc_TypeError, _("an edge of an AnnotatedGraph is an AnnotatedEdge, not %.100s"),
			     Py_TYPE(edge)->tp_name);
		return NULL;
	}
	return Py_NewRef(((rc_AnnotatedEdge *)edge)->annotation);
}

static PyObject *
ag_node_label(PyObject *self, PyObject *vertex)
{
	uint32_t v;

	if (rc_objectgraph_vertex(GRAPH(self), vertex, &v) < 0)
		return NULL;
	PyObject *rec = rc_og_obj(GRAPH(self), v);
	return rec ? Py_NewRef(((rc_AnnotatedVertex *)rec)->annotation) : NULL;
}

/* refcycle's vertex collections for records: plain ones, since records
 * compare by id (their __eq__ and __hash__ are this file's). */
static PyObject *
ag_vertex_set(PyObject *cls, PyObject *unused)
{
	(void)cls;
	(void)unused;
	return PySet_New(NULL);
}

static PyObject *
ag_vertex_dict(PyObject *cls, PyObject *unused)
{
	(void)cls;
	(void)unused;
	return PyDict_New();
}

static PyObject *
ag_vertex_equal(PyObject *cls, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
	static const char *const names[] = { "vertex1", "vertex2" };
	PyObject *v[2];

	(void)cls;
	if (rc_args_parse("vertex_equal", names, 2, args, nargs, kwnames, v) < 0)
		return NULL;
	return PyObject_RichCompare(v[0], v[1], Py_EQ);
}

/* These take their one argument by position or by name, as the
 * refcycle package's do (args.h). */
RC_ARGS_ONE(ag_head_kw, ag_head, "head", "edge")
RC_ARGS_ONE(ag_tail_kw, ag_tail, "tail", "edge")
RC_ARGS_ONE(ag_out_edges_kw, ag_out_edges, "out_edges", "vertex")
RC_ARGS_ONE(ag_in_edges_kw, ag_in_edges, "in_edges", "vertex")
RC_ARGS_ONE(ag_edge_label_kw, ag_edge_label, "edge_label", "edge")
RC_ARGS_ONE(ag_node_label_kw, ag_node_label, "node_label", "vertex")
RC_ARGS_ONE(ag_full_subgraph_kw, rc_og_full_subgraph, "full_subgraph", "vertices")
RC_ARGS_ONE(ag_from_json_kw, rc_annotated_from_json, "from_json", "json_graph")
RC_ARGS_ONE(ag_import_json_kw, rc_annotated_import_json, "import_json", "filename")

static PyMethodDef ag_methods[] = {
	{"head", RC_ARGS_FN(ag_head_kw), RC_ARGS_FLAGS, PyDoc_STR("head($self, /, edge)\n--\n\nThe vertex record edge points to.")},
	{"tail", RC_ARGS_FN(ag_tail_kw), RC_ARGS_FLAGS, PyDoc_STR("tail($self, /, edge)\n--\n\nThe vertex record edge starts from.")},
	{"out_edges", RC_ARGS_FN(ag_out_edges_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("out_edges($self, /, vertex)\n--\n\nList of the edge records leaving vertex.")},
	{"in_edges", RC_ARGS_FN(ag_in_edges_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("in_edges($self, /, vertex)\n--\n\nList of the edge records entering vertex.")},
	{"edge_label", RC_ARGS_FN(ag_edge_label_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("edge_label($self, /, edge)\n--\n\nThe edge record's annotation.")},
	{"node_label", RC_ARGS_FN(ag_node_label_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("node_label($self, /, vertex)\n--\n\nThe vertex record's annotation.")},
	{"full_subgraph", RC_ARGS_FN(ag_full_subgraph_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("full_subgraph($self, /, vertices)\n--\n\n"
		   "Subgraph on the given vertex records with every edge of this graph\n"
		   "between them.")},
	{"vertex_set", ag_vertex_set, METH_NOARGS | METH_CLASS,
	 PyDoc_STR("vertex_set($type, /)\n--\n\nAn empty set for vertex records (a set: records are equal by id).")},
	{"vertex_dict", ag_vertex_dict, METH_NOARGS | METH_CLASS,
	 PyDoc_STR("vertex_dict($type, /)\n--\n\nAn empty dict keyed by vertex records.")},
	{"vertex_equal", RC_ARGS_FN(ag_vertex_equal), RC_ARGS_FLAGS | METH_CLASS,
	 PyDoc_STR("vertex_equal($type, /, vertex1, vertex2)\n--\n\nWhether the two records stand for the same vertex: equal ids.")},
	{"from_json", RC_ARGS_FN(ag_from_json_kw), RC_ARGS_FLAGS | METH_CLASS,
	 PyDoc_STR("from_json($type, /, json_graph)\n--\n\nAn AnnotatedGraph from refcycle's JSON format.\n"
		   "Raises ValueError when json_graph is not such a graph.")},
	{"import_json", RC_ARGS_FN(ag_import_json_kw), RC_ARGS_FLAGS | METH_CLASS,
	 PyDoc_STR("import_json($type, /, filename)\n--\n\nAn AnnotatedGraph from a UTF-8 file in refcycle's JSON format.")},
	{NULL, NULL, 0, NULL}
};

static PyGetSetDef ag_getset[] = {
	{"edges", (getter)ag_edges, NULL, PyDoc_STR("The edge records, as a frozenset."), NULL},
	{NULL, NULL, NULL, NULL, NULL}
};

PyDoc_STRVAR(ag_doc,
"AnnotatedGraph(vertices, edges)\n"
"--\n\n"
"A graph of AnnotatedVertex and AnnotatedEdge records: a description of\n"
"objects and references that holds none of them, as graph.annotated() makes\n"
"it and refcycle's JSON format stores it.  It has the queries of ObjectGraph\n"
"(ancestors, shortest_path, ...), taking and returning records.");

PyTypeObject rc_AnnotatedGraph_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "refcycle.AnnotatedGraph",
	.tp_basicsize = sizeof(rc_ObjectGraph),
	/* Py_TPFLAGS_HAVE_GC, tp_traverse and tp_clear come from ObjectGraph. */
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
	.tp_doc = ag_doc,
	.tp_methods = ag_methods,
	.tp_getset = ag_getset,
	.tp_base = &rc_ObjectGraph_Type,
	.tp_new = ag_new,
};
