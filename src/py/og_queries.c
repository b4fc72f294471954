/* og_queries.c - ObjectGraph methods that search the graph and return
 * subgraphs or tallies.  The searches run in the C graph core; this file
 * turns arguments into vertex ids and results into Python objects. */
#include <Python.h>
#include <config.h>

#include "src/py/og_queries.h"

#include <stdlib.h>

#include "src/capture/pyerrors.h"
#include "src/common/i18n.h"
#include "src/common/status.h"
#include "src/graph/bfs.h"
#include "src/graph/nodeset.h"
#include "src/graph/scc.h"
#include "src/introspect/compat.h"
#include "src/introspect/typename.h"
#include "src/py/analysis.h"
#include "src/py/objectgraph.h"
#include "src/py/og_lazy.h"
#include "src/py/og_picture.h"

#define GRAPH(self) ((rc_ObjectGraph *)(self))

/* A subgraph from a node list (consumed). */
static PyObject *
subgraph_of_list(PyObject *self, struct rc_nodelist *list)
{
	PyObject *sub = rc_objectgraph_subgraph(GRAPH(self), list->ids, list->len);

	rc_nodelist_free(list);
	return sub;
}

/* ------------------------------------------------- generation searches */

static int
parse_generations(PyObject *arg, int64_t *generations)
{
	if (arg == NULL || arg == Py_None) {
		*generations = RC_UNLIMITED;
		return 0;
	}
	if (!PyLong_Check(arg)) {
		PyErr_Format(PyExc_TypeError, _("generations must be an int or None, not %.100s"),
			     Py_TYPE(arg)->tp_name);
		return -1;
	}
	int overflow = 0;
	long long value = PyLong_AsLongLongAndOverflow(arg, &overflow);
	if (value == -1 && PyErr_Occurred())
		return -1;
	/* refcycle stops expanding at depth == generations, so a negative
	 * value, like one above the vertex count, means no limit. */
	if (overflow != 0 || value < 0 || value > UINT32_MAX)
		*generations = RC_UNLIMITED;
	else
		*generations = value;
	return 0;
}

static PyObject *
generation_search(PyObject *self, PyObject *args, PyObject *kwds,
		  enum rc_dir dir, const char *format)
{
	static char *kwlist[] = {"start", "generations", NULL};
	PyObject *start, *gen_arg = NULL;
	int64_t generations;
	uint32_t v;
	struct rc_nodelist found;

	if (!PyArg_ParseTupleAndKeywords(args, kwds, format, kwlist, &start, &gen_arg)
	    || parse_generations(gen_arg, &generations) < 0
	    || rc_objectgraph_vertex(GRAPH(self), start, &v) < 0)
		return NULL;
	rc_nodelist_init(&found);
	int status = rc_bfs(&GRAPH(self)->heap.g, v, dir, generations, &found, NULL);
	if (status != RC_OK) {
		rc_nodelist_free(&found);
		return rc_status_raise(status);
	}
	PyObject *sub = subgraph_of_list(self, &found);
	rc_picture_set_focus(sub, 0);   /* BFS order: start first */
	return sub;
}

PyObject *
rc_og_ancestors(PyObject *self, PyObject *args, PyObject *kwds)
{
	return generation_search(self, args, kwds, RC_IN, "O|O:ancestors");
}

PyObject *
rc_og_descendants(PyObject *self, PyObject *args, PyObject *kwds)
{
	return generation_search(self, args, kwds, RC_OUT, "O|O:descendants");
}

/* ------------------------------------------------------ paths, cycles */

PyObject *
rc_og_shortest_path(PyObject *self, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = {"start", "end", NULL};
	PyObject *start, *end;
	uint32_t from, to;
	struct rc_nodelist path;

	if (!PyArg_ParseTupleAndKeywords(args, kwds, "OO:shortest_path", kwlist, &start, &end)
	    || rc_objectgraph_vertex(GRAPH(self), start, &from) < 0
	    || rc_objectgraph_vertex(GRAPH(self), end, &to) < 0)
		return NULL;
	rc_nodelist_init(&path);
	int status = rc_shortest_path(&GRAPH(self)->heap.g, from, to, &path);
	if (status != RC_OK) {
		rc_nodelist_free(&path);
		if (status == RC_ENOTFOUND) {
			PyErr_SetString(PyExc_ValueError, _("No path found."));
			return NULL;
		}
		return rc_status_raise(status);
	}
	return subgraph_of_list(self, &path);
}

PyObject *
rc_og_shortest_cycle(PyObject *self, PyObject *arg)
{
	uint32_t v;
	struct rc_nodelist cycle;

	if (rc_objectgraph_vertex(GRAPH(self), arg, &v) < 0)
		return NULL;
	rc_nodelist_init(&cycle);
	int status = rc_shortest_cycle(&GRAPH(self)->heap.g, v, &cycle);
	if (status != RC_OK) {
		rc_nodelist_free(&cycle);
		if (status == RC_ENOTFOUND) {
			PyErr_SetString(PyExc_ValueError, _("No cycle found."));
			return NULL;
		}
		return rc_status_raise(status);
	}
	return subgraph_of_list(self, &cycle);
}

/* ---------------------------------------------------------- components */

/* One subgraph per component (all of them, or the sources only), in the
 * order the core numbers them: a component's successors come first. */
static PyObject *
components(PyObject *self, int sources_only)
{
	const struct rc_graph *g = &GRAPH(self)->heap.g;
	uint32_t ncomp = 0;
	uint32_t *comp = malloc(((size_t)g->n + 1) * sizeof *comp);
	uint32_t *start = malloc(((size_t)g->n + 2) * sizeof *start);
	uint32_t *nodes = malloc(((size_t)g->n + 1) * sizeof *nodes);
	uint8_t *is_source = NULL;
	PyObject *result = NULL;
	int status = comp && start && nodes ? RC_OK : RC_ENOMEM;

	if (status == RC_OK)
		status = rc_scc(g, comp, &ncomp);
	if (status == RC_OK)
		status = rc_scc_members(g, comp, ncomp, start, nodes);
	if (status == RC_OK && sources_only) {
		is_source = malloc((size_t)ncomp + 1);
		status = is_source ? rc_scc_sources(g, comp, ncomp, is_source) : RC_ENOMEM;
	}
	if (status != RC_OK) {
		rc_status_raise(status);
		goto done;
	}
	result = PyList_New(0);
	for (uint32_t c = 0; result != NULL && c < ncomp; c++) {
		if (is_source != NULL && !is_source[c])
			continue;
		PyObject *sub = rc_objectgraph_subgraph(GRAPH(self), nodes + start[c],
							start[c + 1] - start[c]);
		if (sub == NULL || PyList_Append(result, sub) < 0)
			Py_CLEAR(result);
		Py_XDECREF(sub);
	}
done:
	free(comp);
	free(start);
	free(nodes);
	free(is_source);
	return result;
}

PyObject *
rc_og_scc(PyObject *self, PyObject *unused)
{
	(void)unused;
	return components(self, 0);
}

PyObject *
rc_og_source_components(PyObject *self, PyObject *unused)
{
	(void)unused;
	return components(self, 1);
}

/* ------------------------------------------------------------ subsets */

/* Vertex ids of this graph's vertices for which keep(v) holds, in vertex
 * order, as a subgraph.  keep returns 1, 0, or -1 with an exception. */
typedef int (*vertex_filter)(PyObject *self, uint32_t v, void *arg);

static PyObject *
filtered_subgraph(PyObject *self, vertex_filter keep, void *arg)
{
	struct rc_nodelist kept;

	rc_nodelist_init(&kept);
	for (uint32_t v = 0; v < GRAPH(self)->heap.n; v++) {
		int k = keep(self, v, arg);
		if (k < 0 || (k > 0 && rc_nodelist_push(&kept, v) != RC_OK)) {
			if (k > 0)
				PyErr_NoMemory();
			rc_nodelist_free(&kept);
			return NULL;
		}
	}
	return subgraph_of_list(self, &kept);
}

PyObject *
rc_og_full_subgraph(PyObject *self, PyObject *arg)
{
	PyObject *it = PyObject_GetIter(arg), *item;
	struct rc_nodeset seen = {0, NULL};
	struct rc_nodelist nodes;

	if (it == NULL)
		return NULL;
	rc_nodelist_init(&nodes);
	if (rc_nodeset_init(&seen, GRAPH(self)->heap.n) != RC_OK) {
		Py_DECREF(it);
		return PyErr_NoMemory();
	}
	while ((item = PyIter_Next(it)) != NULL) {
		uint32_t v;
		int rc = rc_objectgraph_vertex(GRAPH(self), item, &v);
		Py_DECREF(item);
		if (rc < 0)
			break;
		if (rc_nodeset_has(&seen, v))
			continue;
		rc_nodeset_add(&seen, v);
		if (rc_nodelist_push(&nodes, v) != RC_OK) {
			PyErr_NoMemory();
			break;
		}
	}
	Py_DECREF(it);
	rc_nodeset_free(&seen);
	if (PyErr_Occurred()) {
		rc_nodelist_free(&nodes);
		return NULL;
	}
	return subgraph_of_list(self, &nodes);
}

static int
in_other(PyObject *self, uint32_t v, void *arg)
{
	PyObject *other = arg;
	PyObject *obj = rc_og_obj(GRAPH(self), v);

	if (obj == NULL)
		return -1;
	if (rc_ObjectGraph_Check(other))
		return rc_og_index(GRAPH(other), obj) != RC_NONE;
	/* Any graph-like object: refcycle tests `v in other.vertices`. */
	PyObject *vertices = PyObject_GetAttrString(other, "vertices");
	if (vertices == NULL)
		return -1;
	Py_INCREF(obj);
	int found = PySequence_Contains(vertices, obj);
	Py_DECREF(obj);
	Py_DECREF(vertices);
	return found;
}

static int
not_in_other(PyObject *self, uint32_t v, void *arg)
{
	int found = in_other(self, v, arg);
	return found < 0 ? -1 : !found;
}

PyObject *
rc_og_subtract(PyObject *a, PyObject *b)
{
	if (!rc_ObjectGraph_Check(a))
		Py_RETURN_NOTIMPLEMENTED;
	return filtered_subgraph(a, not_in_other, b);
}

PyObject *
rc_og_and(PyObject *a, PyObject *b)
{
	if (!rc_ObjectGraph_Check(a))
		Py_RETURN_NOTIMPLEMENTED;
	return filtered_subgraph(a, in_other, b);
}

/* ---------------------------------------------------- user callables */

PyObject *
rc_og_count_by(PyObject *self, PyObject *classifier)
{
	PyObject *mapped = PyObject_CallFunctionObjArgs((PyObject *)&PyMap_Type,
							classifier, self, NULL);
	if (mapped == NULL)
		return NULL;
	PyObject *collections = PyImport_ImportModule("collections");
	PyObject *counter = NULL;
	if (collections != NULL) {
		counter = PyObject_CallMethod(collections, "Counter", "O", mapped);
		Py_DECREF(collections);
	}
	Py_DECREF(mapped);
	return counter;
}

PyObject *
rc_og_find_by(PyObject *self, PyObject *predicate)
{
	PyObject *result = PyList_New(0);

	/* The predicate may run anything; the graph's arrays stay valid
	 * while we hold self, and n is re-read every round. */
	for (uint32_t v = 0; result != NULL && v < GRAPH(self)->heap.n; v++) {
		PyObject *obj = Py_XNewRef(rc_og_obj(GRAPH(self), v));
		if (obj == NULL) {
			Py_CLEAR(result);
			break;
		}
		PyObject *verdict = PyObject_CallOneArg(predicate, obj);
		int keep = verdict ? PyObject_IsTrue(verdict) : -1;
		Py_XDECREF(verdict);
		if (keep < 0 || (keep && PyList_Append(result, obj) < 0))
			Py_CLEAR(result);
		Py_DECREF(obj);
	}
	return result;
}

/* --------------------------------------------------------- type names */

/* Tally the vertices' types (no Python code runs meanwhile). */
static int
tally_types(PyObject *self, struct rc_typetable *t, uint32_t *type_of)
{
	const struct rc_heap *h = &GRAPH(self)->heap;

	if (rc_typetable_init(t) < 0)
		return -1;
	for (uint32_t v = 0; v < h->n; v++) {
		/* A loaded graph's names, as its records would have them. */
		struct rc_lazy *L = GRAPH(self)->lazy;
		void *key = L ? (void *)rc_lazy_type_name(L, v) : rc_vertex_typekey(rc_heap_obj(h, v));
		uint32_t i = rc_typetable_index(t, key);
		if (i == RC_NONE) {
			rc_typetable_free(t);
			return -1;
		}
		t->count[i]++;
		if (type_of != NULL)
			type_of[v] = i;
	}
	return 0;
}

/* A collections.Counter from type name to the sum of values[i] over the
 * types[i] of that name (distinct types may share a name). */
static PyObject *
counter_by_name(void *const *types, uint32_t n, const uint64_t *values)
{
	PyObject *sums = PyDict_New(), *counter = NULL;

	for (uint32_t i = 0; sums != NULL && i < n; i++) {
		PyObject *name = rc_typekey_name(types[i]);
		PyObject *old = name ? PyDict_GetItemWithError(sums, name) : NULL;
		PyObject *total = NULL;
		if (name != NULL && !PyErr_Occurred()) {
			unsigned long long before = old ? PyLong_AsUnsignedLongLong(old) : 0;
			total = PyLong_FromUnsignedLongLong(before + values[i]);
		}
		if (total == NULL || PyDict_SetItem(sums, name, total) < 0)
			Py_CLEAR(sums);
		Py_XDECREF(total);
		Py_XDECREF(name);
	}
	if (sums != NULL) {
		PyObject *collections = PyImport_ImportModule("collections");
		if (collections != NULL) {
			counter = PyObject_CallMethod(collections, "Counter", "O", sums);
			Py_DECREF(collections);
		}
		Py_DECREF(sums);
	}
	return counter;
}

PyObject *
rc_og_count_by_typename(PyObject *self, PyObject *unused)
{
	struct rc_typetable t;
	(void)unused;

	if (tally_types(self, &t, NULL) < 0)
		return NULL;
	/* Types are borrowed from the vertices, which self keeps alive. */
	PyObject *counter = counter_by_name(t.types, t.n, t.count);
	rc_typetable_free(&t);
	return counter;
}

PyObject *
rc_og_size_by_typename(PyObject *self, PyObject *unused)
{
	struct rc_analysis *a = rc_analysis_types(self);
	(void)unused;

	if (a == NULL)
		return NULL;
	uint64_t *bytes = calloc((size_t)a->types.n + 1, sizeof *bytes);
	if (bytes == NULL)
		return PyErr_NoMemory();
	for (uint32_t v = 0; v < GRAPH(self)->heap.n; v++)
		bytes[a->type_of[v]] += a->size[v];
	PyObject *counter = counter_by_name(a->types.types, a->types.n, bytes);
	free(bytes);
	return counter;
}

PyObject *
rc_og_find_by_typename(PyObject *self, PyObject *typename)
{
	struct rc_typetable t;
	uint32_t n = GRAPH(self)->heap.n;
	uint32_t *type_of;
	uint8_t *match;
	PyObject *result = NULL;

	if (!PyUnicode_Check(typename)) {
		PyErr_Format(PyExc_TypeError, _("typename must be a str, not %.100s"),
			     Py_TYPE(typename)->tp_name);
		return NULL;
	}
	type_of = malloc(((size_t)n + 1) * sizeof *type_of);
	if (type_of == NULL)
		return PyErr_NoMemory();
	if (tally_types(self, &t, type_of) < 0) {
		free(type_of);
		return NULL;
	}
	/* One name comparison per distinct type, not per object. */
	match = malloc((size_t)t.n + 1);
	for (uint32_t i = 0; match != NULL && i < t.n; i++) {
		PyObject *name = rc_typekey_name(t.types[i]);
		int eq = name ? PyUnicode_Compare(name, typename) == 0 : -1;
		Py_XDECREF(name);
		if (eq < 0 || PyErr_Occurred()) {
			free(match);
			match = NULL;
			break;
		}
		match[i] = (uint8_t)eq;
	}
	if (match != NULL) {
		result = PyList_New(0);
		for (uint32_t v = 0; result != NULL && v < n; v++) {
			PyObject *obj = match[type_of[v]] ? rc_og_obj(GRAPH(self), v) : NULL;
			if (match[type_of[v]] && (obj == NULL || PyList_Append(result, obj) < 0))
				Py_CLEAR(result);
		}
	} else if (!PyErr_Occurred()) {
		PyErr_NoMemory();
	}
	free(match);
	free(type_of);
	rc_typetable_free(&t);
	return result;
}
