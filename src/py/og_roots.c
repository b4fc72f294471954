/* og_roots.c - ObjectGraph methods answering "what holds this, and how
 * much does it hold": roots, external references, the path from a root,
 * dominators and retained sizes.  The computations are in analysis.c,
 * analysis_dom.c and the graph core (rootpath.c, dom.c, domtree.c); this
 * file turns arguments into ids and results into Python objects. */
#include <Python.h>
#include <config.h>

#include "src/py/og_roots.h"

#include <stdlib.h>

#include "src/capture/pyerrors.h"
#include "src/common/i18n.h"
#include "src/common/status.h"
#include "src/graph/nodeset.h"
#include "src/graph/rootpath.h"
#include "src/introspect/compat.h"
#include "src/introspect/typename.h"
#include "src/py/analysis.h"
#include "src/py/objectgraph.h"
#include "src/py/og_describe.h"
#include "src/py/og_picture.h"

#define GRAPH(self) ((rc_ObjectGraph *)(self))

/* A path search that meets a label it must avoid tries again without
 * that edge; past this many tries it gives up (ValueError). */
#define PATH_MAX_RETRIES 10000

/* ------------------------------------------------------------ roots */

PyObject *
rc_og_roots(PyObject *self, PyObject *unused)
{
	struct rc_analysis *a = rc_analysis_roots(self);
	struct rc_nodelist ids;

	(void)unused;
	if (a == NULL)
		return NULL;
	rc_nodelist_init(&ids);
	int status = rc_nodeset_to_list(&a->roots, &ids);
	PyObject *list = status == RC_OK
			 ? rc_objectgraph_vertex_list(GRAPH(self), ids.ids, ids.len)
			 : rc_status_raise(status);
	rc_nodelist_free(&ids);
	return list;
}

PyObject *
rc_og_external_refs(PyObject *self, PyObject *arg)
{
	const struct rc_heap *h = &GRAPH(self)->heap;
	uint32_t v;

	if (rc_objectgraph_vertex(GRAPH(self), arg, &v) < 0)
		return NULL;
	if (h->refs == NULL) {
		PyErr_SetString(PyExc_TypeError,
				_("this graph holds no reference counts (a graph of records)"));
		return NULL;
	}
	uint32_t ext = rc_heap_external_refs(h, v);
	if (ext == RC_REFS_IMMORTAL)
		Py_RETURN_NONE;
	return PyLong_FromUnsignedLong(ext);
}

/* ----------------------------------------------------- path to root */

struct path_args {
	struct rc_nodeset tails;     /* vertices of excluded types */
	struct rc_nodeset edges;     /* excluded edge ids */
	uint32_t nedges;             /* how many: none, no edge mask */
	PyObject *labels;            /* a set of str, or NULL */
};

static void
path_args_free(struct path_args *p)
{
	rc_nodeset_free(&p->tails);
	rc_nodeset_free(&p->edges);
	Py_CLEAR(p->labels);
}

/* Is type t one of types (type objects, or names as its __name__ or
 * tp_name give them)?  1, 0, or -1 with an exception. */
static int
type_excluded(void *t, PyObject *types)
{
	PyObject *name = rc_typekey_name(t);
	int hit = 0;

	if (name == NULL)
		return -1;
	for (Py_ssize_t i = 0; !hit && i < PySequence_Fast_GET_SIZE(types); i++) {
		PyObject *item = PySequence_Fast_GET_ITEM(types, i);
		hit = (PyObject *)t == item
		      || (PyUnicode_Check(item)
			  && (PyUnicode_Compare(item, name) == 0
			      || (PyType_Check((PyObject *)t)
				  && PyUnicode_CompareWithASCIIString(
					     item, ((PyTypeObject *)t)->tp_name) == 0)));
	}
	Py_DECREF(name);
	return hit;
}

/* The vertices of the excluded types, decided once per type. */
static int
mark_types(PyObject *self, PyObject *types_arg, struct rc_nodeset *tails)
{
	PyObject *types = PySequence_Fast(types_arg, _("exclude_types must be a sequence of types or names"));
	struct rc_analysis *a = types ? rc_analysis_types(self) : NULL;
	uint8_t *excluded = a ? calloc((size_t)a->types.n + 1, 1) : NULL;
	int rc = 0;

	if (a != NULL && excluded == NULL)
		PyErr_NoMemory();
	if (excluded == NULL)
		rc = -1;
	for (Py_ssize_t i = 0; rc == 0 && i < PySequence_Fast_GET_SIZE(types); i++) {
		PyObject *item = PySequence_Fast_GET_ITEM(types, i);
		if (!PyType_Check(item) && !PyUnicode_Check(item)) {
			PyErr_Format(PyExc_TypeError, _("exclude_types: a type or a type name, not %.100s"),
				     Py_TYPE(item)->tp_name);
			rc = -1;
		}
	}
	for (uint32_t t = 0; rc == 0 && t < a->types.n; t++) {
		int hit = type_excluded(a->types.types[t], types);
		if (hit < 0)
			rc = -1;
		excluded[t] = hit > 0;
	}
	for (uint32_t v = 0; rc == 0 && v < GRAPH(self)->heap.n; v++)
		if (excluded[a->type_of[v]])
			rc_nodeset_add(tails, v);
	free(excluded);
	Py_XDECREF(types);
	return rc;
}

static int
mark_edges(rc_ObjectGraph *g, PyObject *edges_arg, struct rc_nodeset *edges,
	   uint32_t *nedges)
{
	PyObject *it = PyObject_GetIter(edges_arg), *item;
	uint32_t count = 0;

	if (it == NULL)
		return -1;
	while ((item = PyIter_Next(it)) != NULL) {
		uint32_t e;
		int rc = rc_objectgraph_edge(g, item, &e);
		Py_DECREF(item);
		if (rc < 0)
			break;
		rc_nodeset_add(edges, e);
		count++;
	}
	Py_DECREF(it);
	*nedges = count;   /* an upper bound: repeats counted */
	return PyErr_Occurred() ? -1 : 0;
}

static int
path_args_init(struct path_args *p, rc_ObjectGraph *g, PyObject *types,
	       PyObject *labels, PyObject *edges)
{
	const struct rc_heap *h = &g->heap;
	int status = rc_nodeset_init(&p->tails, h->n);

	if (status == RC_OK)
		status = rc_nodeset_init(&p->edges, h->g.m);
	if (status != RC_OK) {
		rc_status_raise(status);
		return -1;
	}
	if (types != NULL && types != Py_None && mark_types((PyObject *)g, types, &p->tails) < 0)
		return -1;
	if (edges != NULL && edges != Py_None && mark_edges(g, edges, &p->edges, &p->nedges) < 0)
		return -1;
	if (labels != NULL && labels != Py_None) {
		if (PyUnicode_Check(labels)) {
			PyErr_SetString(PyExc_TypeError, _("exclude_labels must be a collection of labels, not a str"));
			return -1;
		}
		p->labels = PyFrozenSet_New(labels);
		if (p->labels == NULL)
			return -1;
	}
	return 0;
}

/* Is the label of edge e one to avoid?  1, 0, or -1 with an exception. */
static int
label_excluded(PyObject *self, PyObject *labels, uint32_t e)
{
	PyObject *id = PyLong_FromUnsignedLong(e);
	PyObject *label = id ? rc_og_edge_label(self, id) : NULL;
	int hit = -1;

	Py_XDECREF(id);
	if (label != NULL) {
		hit = PyUnicode_CheckExact(label) ? PySet_Contains(labels, label) : 0;
		Py_DECREF(label);
	}
	return hit;
}

/* Search, and search again without any edge whose label is excluded,
 * until the path found has none: each search finds a shortest path among
 * those not yet ruled out, so the first clean one is a shortest clean
 * one.  The edges ruled out by label are added to p->edges.  A status
 * (RC_OK, RC_ENOTFOUND, ...), or PATH_PYERR with a Python exception set.
 * tails: p->tails, or a superset of it. */
#define PATH_PYERR 1
static int
search(PyObject *self, uint32_t v, const struct rc_nodeset *roots,
       struct path_args *p, const struct rc_nodeset *tails, struct rc_nodelist *path)
{
	const struct rc_graph *g = &GRAPH(self)->heap.g;
	struct rc_nodelist edges;
	struct rc_rootpath_skip skip = {tails, NULL};
	int status = RC_OK;

	rc_nodelist_init(&edges);
	for (int tries = 0; tries < PATH_MAX_RETRIES; tries++) {
		path->len = edges.len = 0;
		/* An edge mask costs a map of every edge: only with one. */
		skip.edges = p->nedges ? &p->edges : NULL;
		status = rc_path_to_root(g, v, roots, &skip, path, &edges);
		if (status != RC_OK || p->labels == NULL)
			break;
		int dirty = 0;
		for (uint32_t i = 0; i < edges.len; i++) {
			int hit = label_excluded(self, p->labels, edges.ids[i]);
			if (hit < 0) {
				rc_nodelist_free(&edges);
				return PATH_PYERR;
			}
			if (hit) {
				rc_nodeset_add(&p->edges, edges.ids[i]);
				p->nedges++;
				dirty = 1;
			}
		}
		if (!dirty)
			break;
		status = RC_ENOTFOUND;
	}
	rc_nodelist_free(&edges);
	return status;
}

/* The tool's own graphs (an earlier snapshot) are passed through only
 * when nothing else leads to v: an object held by nothing else. */
static int
search_past_tool(PyObject *self, uint32_t v, const struct rc_analysis *a,
		 struct path_args *p, struct rc_nodelist *path)
{
	struct rc_nodeset tails;
	int status = rc_nodeset_init(&tails, p->tails.n);

	if (status == RC_OK)
		status = rc_nodeset_union(&tails, &p->tails);
	if (status == RC_OK)
		status = rc_nodeset_union(&tails, &a->tool);
	if (status == RC_OK)
		status = search(self, v, &a->roots, p, &tails, path);
	rc_nodeset_free(&tails);
	if (status == RC_ENOTFOUND)
		status = search(self, v, &a->roots, p, &p->tails, path);
	return status;
}

PyObject *
rc_og_path_to_root(PyObject *self, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = {"vertex", "exclude_types", "exclude_labels", "exclude_edges", NULL};
	PyObject *obj, *types = NULL, *labels = NULL, *edges = NULL;
	struct path_args p = {{0, NULL}, {0, NULL}, 0, NULL};
	struct rc_nodelist path;
	uint32_t v;

	if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|OOO:path_to_root", kwlist,
					 &obj, &types, &labels, &edges)
	    || rc_objectgraph_vertex(GRAPH(self), obj, &v) < 0)
		return NULL;
	struct rc_analysis *a = rc_analysis_roots(self);
	if (a == NULL || path_args_init(&p, GRAPH(self), types, labels, edges) < 0) {
		path_args_free(&p);
		return NULL;
	}
	rc_nodelist_init(&path);
	int status = a->ntool > 0 ? search_past_tool(self, v, a, &p, &path)
				  : search(self, v, &a->roots, &p, &p.tails, &path);
	path_args_free(&p);
	if (status != RC_OK) {
		rc_nodelist_free(&path);
		if (status == PATH_PYERR)
			return NULL;
		if (status == RC_ENOTFOUND) {
			PyErr_SetString(PyExc_ValueError,
					_("No path from a root: every chain to the object uses an excluded reference."));
			return NULL;
		}
		return rc_status_raise(status);
	}
	PyObject *sub = rc_objectgraph_subgraph(GRAPH(self), path.ids, path.len);
	for (uint32_t i = 0; i < path.len; i++)
		if (path.ids[i] == v)
			rc_picture_set_focus(sub, i);   /* the object asked about */
	rc_nodelist_free(&path);
	return sub;
}

/* Vertices no root reaches without going through a refcycle graph. */
PyObject *
rc_og_unreachable(PyObject *self, PyObject *unused)
{
	struct rc_analysis *a = rc_analysis_roots(self);
	struct rc_nodeset reached;
	struct rc_nodelist out;
	uint32_t n = GRAPH(self)->heap.n;
	(void)unused;

	if (a == NULL)
		return NULL;
	rc_nodelist_init(&out);
	int status = rc_nodeset_init(&reached, n);
	if (status == RC_OK)
		status = rc_reach_from(&GRAPH(self)->heap.g, &a->roots, &a->tool, &reached);
	for (uint32_t v = 0; status == RC_OK && v < n; v++)
		if (!rc_nodeset_has(&reached, v))
			status = rc_nodelist_push(&out, v);
	rc_nodeset_free(&reached);
	if (status != RC_OK) {
		rc_nodelist_free(&out);
		return rc_status_raise(status);
	}
	PyObject *sub = rc_objectgraph_subgraph(GRAPH(self), out.ids, out.len);
	rc_nodelist_free(&out);
	return sub;
}

/* ------------------------------------------------------- dominators */

/* The vertex id of arg, and the graph's dominator tree; NULL with an
 * exception set when arg is no vertex or the tree cannot be had. */
static struct rc_analysis *
dominators_for(PyObject *self, PyObject *arg, uint32_t *v)
{
	if (rc_objectgraph_vertex(GRAPH(self), arg, v) < 0)
		return NULL;
	return rc_analysis_dominators(self);
}

PyObject *
rc_og_retained_size(PyObject *self, PyObject *arg)
{
	uint32_t v;
	struct rc_analysis *a = dominators_for(self, arg, &v);

	return a ? PyLong_FromUnsignedLongLong(a->dv.retained[v]) : NULL;
}

PyObject *
rc_og_immediate_dominator(PyObject *self, PyObject *arg)
{
	uint32_t v;
	struct rc_analysis *a = dominators_for(self, arg, &v);

	if (a == NULL)
		return NULL;
	uint32_t d = a->dv.dom.idom[v];
	if (d == RC_NONE || d == RC_DOM_SUPER(&a->dv.dom))
		Py_RETURN_NONE;
	return Py_XNewRef(rc_og_obj(GRAPH(self), d));
}

/* v and everything it dominates, breadth first down the dominator tree. */
PyObject *
rc_og_dominated(PyObject *self, PyObject *arg)
{
	struct rc_nodelist sub;
	uint32_t v;
	int status = RC_OK;
	struct rc_analysis *a = dominators_for(self, arg, &v);

	if (a == NULL)
		return NULL;
	rc_nodelist_init(&sub);
	status = rc_nodelist_push(&sub, v);
	for (uint32_t i = 0; status == RC_OK && i < sub.len; i++) {
		uint32_t u = sub.ids[i];
		for (uint32_t k = a->dv.kid_off[u]; status == RC_OK && k < a->dv.kid_off[u + 1]; k++)
			status = rc_nodelist_push(&sub, a->dv.kids[k]);
	}
	if (status != RC_OK) {
		rc_nodelist_free(&sub);
		return rc_status_raise(status);
	}
	PyObject *graph = rc_objectgraph_subgraph(GRAPH(self), sub.ids, sub.len);
	rc_nodelist_free(&sub);
	return graph;
}
