/* objectgraph.c - the ObjectGraph type: vertex and edge lookup,
 * lifecycle, container protocol and the type object with its method
 * table.  The Python-level accessors (head, children, ...) are in
 * og_access.c, queries that build subgraphs in og_queries.c. */
#include <Python.h>
#include <config.h>

#include "src/py/objectgraph.h"

#include "src/common/i18n.h"
#include "src/introspect/compat.h"
#include "src/py/analysis.h"
#include "src/py/annotated.h"
#include "src/py/args.h"
#include "src/py/census.h"
#include "src/py/og_access.h"
#include "src/py/og_describe.h"
#include "src/py/og_export.h"
#include "src/py/og_lazy.h"
#include "src/py/og_leaks.h"
#include "src/py/og_picture.h"
#include "src/py/og_queries.h"
#include "src/py/og_report.h"
#include "src/py/og_roots.h"
#include "src/py/og_store.h"
#include "src/py/views.h"

/* ------------------------------------------------------------- lookup */

/* In an annotated graph, a vertex record equal to one of the graph's
 * (same id) stands for it, as in refcycle. */
static uint32_t
record_index(rc_ObjectGraph *g, PyObject *obj)
{
	if (!rc_og_has_records(g) || !PyObject_TypeCheck(obj, &rc_AnnotatedVertex_Type))
		return RC_NONE;
	PyObject *id = ((rc_AnnotatedVertex *)obj)->id;
	if (!PyLong_CheckExact(id))
		return RC_NONE;
	if (g->lazy != NULL)
		return rc_lazy_find(g->lazy, id);
	if (g->id_map == NULL)
		return RC_NONE;
	PyObject *rec = PyDict_GetItemWithError(g->id_map, id);   /* borrowed */
	if (rec == NULL) {
		PyErr_Clear();
		return RC_NONE;
	}
	return rc_heap_index(&g->heap, rec);
}

uint32_t
rc_og_index(rc_ObjectGraph *g, PyObject *obj)
{
	if (g->lazy == NULL || g->lazy->complete)
		return rc_heap_index(&g->heap, obj);
	/* Only records made by g itself are its vertices' objects. */
	if (!PyObject_TypeCheck(obj, &rc_AnnotatedVertex_Type))
		return RC_NONE;
	uint32_t v = rc_lazy_find(g->lazy, ((rc_AnnotatedVertex *)obj)->id);
	return v != RC_NONE && g->heap.objs[v] == (void *)obj ? v : RC_NONE;
}

uint32_t
rc_og_index_address(rc_ObjectGraph *g, void *p)
{
	if (rc_lazy_complete(g) < 0)
		return RC_NONE;
	return rc_heap_index(&g->heap, (PyObject *)p);
}

int
rc_objectgraph_contains(rc_ObjectGraph *g, PyObject *obj)
{
	return rc_og_index(g, obj) != RC_NONE || record_index(g, obj) != RC_NONE;
}

int
rc_objectgraph_vertex(rc_ObjectGraph *g, PyObject *obj, uint32_t *v)
{
	*v = rc_og_index(g, obj);
	if (*v == RC_NONE)
		*v = record_index(g, obj);
	if (*v != RC_NONE)
		return 0;
	/* The message names the type and address, never the object's repr
	 * (which could run user code); KeyError carries the object itself,
	 * as refcycle's dict lookup would. */
	PyObject *msg = PyUnicode_FromFormat(_("%s object at %p is not a vertex of this graph"),
					     Py_TYPE(obj)->tp_name, (void *)obj);
	if (msg != NULL) {
		PyObject *exc_args = PyTuple_Pack(2, obj, msg);
		if (exc_args != NULL) {
			PyErr_SetObject(PyExc_KeyError, exc_args);
			Py_DECREF(exc_args);
		}
		Py_DECREF(msg);
	}
	return -1;
}

int
rc_objectgraph_edge(rc_ObjectGraph *g, PyObject *edge, uint32_t *e)
{
	if (!PyLong_Check(edge)) {
		PyErr_Format(PyExc_TypeError, _("an edge is an int, not %.100s"),
			     Py_TYPE(edge)->tp_name);
		return -1;
	}
	int overflow = 0;
	long long value = PyLong_AsLongLongAndOverflow(edge, &overflow);
	if (value == -1 && PyErr_Occurred())
		return -1;
	if (overflow != 0 || value < 0 || value >= (long long)g->heap.g.m) {
		PyErr_SetObject(PyExc_KeyError, edge);
		return -1;
	}
	*e = (uint32_t)value;
	return 0;
}

/* ---------------------------------------------------------- lifecycle */

static void
release_edge_objs(PyObject **edge_objs, uint32_t m)
{
	if (edge_objs == NULL)
		return;
	for (uint32_t e = 0; e < m; e++)
		Py_XDECREF(edge_objs[e]);
	PyMem_Free(edge_objs);
}

PyObject *
rc_objectgraph_new(PyTypeObject *type, struct rc_heap *heap,
		   PyObject **edge_objs, PyObject *id_map)
{
	/* tp_alloc: a subclass's instance has room for its own dict.  It
	 * comes zeroed (an empty heap) and already tracked. */
	rc_ObjectGraph *g = (rc_ObjectGraph *)type->tp_alloc(type, 0);

	if (g == NULL) {
		release_edge_objs(edge_objs, heap->g.m);
		Py_XDECREF(id_map);
		rc_heap_clear(heap);
		return NULL;
	}
	g->heap = *heap;
	*heap = (struct rc_heap)RC_HEAP_EMPTY;
	g->edge_objs = edge_objs;
	g->id_map = id_map;
	g->weakreflist = NULL;
	g->analysis = NULL;
	g->hints = NULL;
	g->lazy = NULL;
	return (PyObject *)g;
}

PyObject *
rc_objectgraph_from_heap(struct rc_heap *heap)
{
	return rc_objectgraph_new(&rc_ObjectGraph_Type, heap, NULL, NULL);
}

/* The id map of an annotated graph's subgraph sub: its parent's, shared,
 * or for a loaded graph's, a dict of sub's own records.  New reference,
 * NULL with an exception. */
static PyObject *
subgraph_id_map(rc_ObjectGraph *g, const struct rc_heap *sub)
{
	if (g->lazy == NULL)
		return Py_NewRef(g->id_map);
	PyObject *id_map = PyDict_New();
	for (uint32_t v = 0; id_map != NULL && v < sub->n; v++) {
		rc_AnnotatedVertex *rec = (rc_AnnotatedVertex *)rc_heap_obj(sub, v);
		if (PyDict_SetItem(id_map, rec->id, (PyObject *)rec) < 0)
			Py_CLEAR(id_map);
	}
	return id_map;
}

/* Subgraphs are of the graph's own type, and an annotated graph's keep
 * the records of their edges. */
PyObject *
rc_objectgraph_subgraph(rc_ObjectGraph *g, const uint32_t *nodes, uint32_t k)
{
	struct rc_heap sub;
	uint32_t *edge_map = NULL;
	PyObject **edge_objs = NULL, *id_map = NULL;

	/* A loaded graph's subgraph has its records made: its own are. */
	for (uint32_t i = 0; g->lazy != NULL && i < k; i++)
		if (rc_og_obj(g, nodes[i]) == NULL)
			return NULL;
	if (rc_heap_subgraph(&sub, &g->heap, nodes, k, g->edge_objs ? &edge_map : NULL) < 0)
		return NULL;
	if (g->edge_objs != NULL) {
		edge_objs = PyMem_Calloc((size_t)sub.g.m + 1, sizeof *edge_objs);
		id_map = subgraph_id_map(g, &sub);
		for (uint32_t e = 0; edge_objs != NULL && id_map != NULL && e < sub.g.m; e++) {
			edge_objs[e] = Py_XNewRef(rc_og_edge_record(g, edge_map[e]));
			if (edge_objs[e] == NULL)
				Py_CLEAR(id_map);
		}
		free(edge_map);
		if (edge_objs == NULL || id_map == NULL) {
			if (edge_objs == NULL && !PyErr_Occurred())
				PyErr_NoMemory();
			release_edge_objs(edge_objs, sub.g.m);
			Py_XDECREF(id_map);
			rc_heap_clear(&sub);
			return NULL;
		}
	}
	PyObject *graph = rc_objectgraph_new(Py_TYPE(g), &sub, edge_objs, id_map);
	if (graph != NULL && rc_picture_inherit((rc_ObjectGraph *)graph, g, nodes, k) < 0)
		Py_CLEAR(graph);
	return graph;
}

static PyObject *
og_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = {"objects", NULL};
	PyObject *objects = NULL;
	struct rc_heap heap;

	if (!PyArg_ParseTupleAndKeywords(args, kwds, "|O:ObjectGraph", kwlist, &objects))
		return NULL;
	if (objects == NULL) {
		objects = PyTuple_New(0);
		if (objects == NULL)
			return NULL;
	} else {
		Py_INCREF(objects);
	}
	int rc = rc_heap_from_iterable(&heap, objects);
	Py_DECREF(objects);
	if (rc < 0)
		return NULL;
	return rc_objectgraph_new(type, &heap, NULL, NULL);
}

static int
og_traverse(rc_ObjectGraph *self, visitproc visit, void *arg)
{
	/* A loaded graph's records are untracked (ints and strs: they can
	 * be in no cycle) and may not even exist yet: a collection need not
	 * look at millions of slots, most of them empty. */
	if (self->lazy != NULL)
		return 0;
	if (self->edge_objs != NULL)
		for (uint32_t e = 0; e < self->heap.g.m; e++)
			Py_VISIT(self->edge_objs[e]);
	Py_VISIT(self->id_map);
	return rc_heap_traverse(&self->heap, visit, arg);
}

static int
og_clear(rc_ObjectGraph *self)
{
	PyObject **edge_objs = self->edge_objs;
	struct rc_lazy *lazy = self->lazy;

	/* Detach everything first: a DECREF may run code that reaches us. */
	self->edge_objs = NULL;
	self->lazy = NULL;
	if (self->analysis != NULL) {
		rc_analysis_free(self->analysis);
		PyMem_Free(self->analysis);
		self->analysis = NULL;
	}
	rc_picture_hints_free(self);
	release_edge_objs(edge_objs, self->heap.g.m);
	Py_CLEAR(self->id_map);
	rc_heap_clear(&self->heap);
	rc_lazy_free(lazy);
	return 0;
}

static void
og_dealloc(rc_ObjectGraph *self)
{
	PyObject_GC_UnTrack(self);
	if (self->weakreflist != NULL)
		PyObject_ClearWeakRefs((PyObject *)self);
	og_clear(self);
	Py_TYPE(self)->tp_free((PyObject *)self);
}

/* ------------------------------------------------- container protocol */

static Py_ssize_t
og_len(rc_ObjectGraph *self)
{
	return (Py_ssize_t)self->heap.n;
}

static int
og_contains(rc_ObjectGraph *self, PyObject *obj)
{
	return rc_objectgraph_contains(self, obj);
}

static PyObject *
og_iter(rc_ObjectGraph *self)
{
	return rc_vertexiter_new(self);
}

static PyObject *
og_repr(rc_ObjectGraph *self)
{
	return PyUnicode_FromFormat("<%s object of size %u at %p>", Py_TYPE(self)->tp_name,
				    (unsigned)self->heap.n, (void *)self);
}

/* ----------------------------------------------------------- the type */

/* These take their one argument by position or by name, as the
 * refcycle package's do (args.h). */
RC_ARGS_ONE(og_head_kw, rc_og_head, "head", "edge")
RC_ARGS_ONE(og_tail_kw, rc_og_tail, "tail", "edge")
RC_ARGS_ONE(og_out_edges_kw, rc_og_out_edges, "out_edges", "vertex")
RC_ARGS_ONE(og_in_edges_kw, rc_og_in_edges, "in_edges", "vertex")
RC_ARGS_ONE(og_children_kw, rc_og_children, "children", "vertex")
RC_ARGS_ONE(og_parents_kw, rc_og_parents, "parents", "vertex")
RC_ARGS_ONE(rc_og_shortest_cycle_kw, rc_og_shortest_cycle, "shortest_cycle", "start")
RC_ARGS_ONE(rc_og_full_subgraph_kw, rc_og_full_subgraph, "full_subgraph", "objects")
RC_ARGS_ONE(rc_og_count_by_kw, rc_og_count_by, "count_by", "classifier")
RC_ARGS_ONE(rc_og_find_by_kw, rc_og_find_by, "find_by", "predicate")
RC_ARGS_ONE(rc_og_find_by_typename_kw, rc_og_find_by_typename, "find_by_typename", "typename")
RC_ARGS_ONE(rc_og_edge_label_kw, rc_og_edge_label, "edge_label", "edge")
RC_ARGS_ONE(rc_og_shallow_size_kw, rc_og_shallow_size, "shallow_size", "vertex")
RC_ARGS_ONE(rc_og_external_refs_kw, rc_og_external_refs, "external_refs", "vertex")
RC_ARGS_ONE(rc_og_retained_size_kw, rc_og_retained_size, "retained_size", "vertex")
RC_ARGS_ONE(rc_og_immediate_dominator_kw, rc_og_immediate_dominator, "immediate_dominator", "vertex")
RC_ARGS_ONE(rc_og_dominated_kw, rc_og_dominated, "dominated", "vertex")
RC_ARGS_ONE(rc_og_node_label_kw, rc_og_node_label, "node_label", "vertex")
RC_ARGS_ONE(rc_og_at_kw, rc_og_at, "at", "address")
RC_ARGS_ONE(rc_og_allocated_at_kw, rc_og_allocated_at, "allocated_at", "vertex")
RC_ARGS_ONE(rc_og_new_since_kw, rc_og_new_since, "new_since", "census")
RC_ARGS_ONE(rc_og_save_kw, rc_og_save, "save", "path")

static PyMethodDef og_methods[] = {
	{"head", RC_ARGS_FN(og_head_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("head($self, /, edge)\n--\n\nThe object edge points to (the referent).")},
	{"tail", RC_ARGS_FN(og_tail_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("tail($self, /, edge)\n--\n\nThe object edge starts from (the referrer).")},
	{"out_edges", RC_ARGS_FN(og_out_edges_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("out_edges($self, /, vertex)\n--\n\nList of the ids of the edges leaving vertex.")},
	{"in_edges", RC_ARGS_FN(og_in_edges_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("in_edges($self, /, vertex)\n--\n\nList of the ids of the edges entering vertex.")},
	{"children", RC_ARGS_FN(og_children_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("children($self, /, vertex)\n--\n\nList of the objects vertex refers to, one per reference.")},
	{"parents", RC_ARGS_FN(og_parents_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("parents($self, /, vertex)\n--\n\nList of the objects referring to vertex, one per reference.")},
	{"vertex_set", rc_og_vertex_set, METH_NOARGS | METH_CLASS,
	 PyDoc_STR("vertex_set($type, /)\n--\n\nAn empty set for this graph's vertices, by identity\n"
		   "(refcycle.IDirectedGraph's; a graph of objects compares them with is).")},
	{"vertex_dict", rc_og_vertex_dict, METH_NOARGS | METH_CLASS,
	 PyDoc_STR("vertex_dict($type, /)\n--\n\nAn empty mapping keyed by this graph's vertices, by identity.")},
	{"vertex_equal", RC_ARGS_FN(rc_og_vertex_equal), RC_ARGS_FLAGS | METH_CLASS,
	 PyDoc_STR("vertex_equal($type, /, vertex1, vertex2)\n--\n\nWhether the two are the same vertex: vertex1 is vertex2.")},
	{"references", (PyCFunction)rc_og_references, METH_NOARGS,
	 PyDoc_STR("references($self, /)\n--\n\nList of (tail, head) pairs, one per edge, in edge-id order.")},
	{"owned_objects", (PyCFunction)rc_og_owned_objects, METH_NOARGS,
	 PyDoc_STR("owned_objects($self, /)\n--\n\nThe gc-tracked objects this graph owns: only the graph itself,\n"
		   "since it keeps everything else in C arrays.")},
	{"ancestors", (PyCFunction)(void (*)(void))rc_og_ancestors, METH_VARARGS | METH_KEYWORDS,
	 PyDoc_STR("ancestors($self, /, start, generations=None)\n--\n\n"
		   "Subgraph of the objects from which start can be reached, start included.\n"
		   "With generations=N, only those at most N references away.")},
	{"descendants", (PyCFunction)(void (*)(void))rc_og_descendants, METH_VARARGS | METH_KEYWORDS,
	 PyDoc_STR("descendants($self, /, start, generations=None)\n--\n\n"
		   "Subgraph of the objects reachable from start, start included.\n"
		   "With generations=N, only those at most N references away.")},
	{"shortest_path", (PyCFunction)(void (*)(void))rc_og_shortest_path, METH_VARARGS | METH_KEYWORDS,
	 PyDoc_STR("shortest_path($self, /, start, end)\n--\n\n"
		   "Subgraph of the vertices of a shortest path from start to end.\n"
		   "Raises ValueError if end cannot be reached from start.")},
	{"shortest_cycle", RC_ARGS_FN(rc_og_shortest_cycle_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("shortest_cycle($self, /, start)\n--\n\n"
		   "Subgraph of the vertices of a shortest cycle through start.\n"
		   "Raises ValueError if start lies on no cycle.")},
	{"strongly_connected_components", (PyCFunction)rc_og_scc, METH_NOARGS,
	 PyDoc_STR("strongly_connected_components($self, /)\n--\n\n"
		   "List of the strongly connected components, each a subgraph.")},
	{"source_components", (PyCFunction)rc_og_source_components, METH_NOARGS,
	 PyDoc_STR("source_components($self, /)\n--\n\n"
		   "The strongly connected components that no edge enters from another\n"
		   "component: every vertex is reachable from one of them.")},
	{"full_subgraph", RC_ARGS_FN(rc_og_full_subgraph_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("full_subgraph($self, /, objects)\n--\n\n"
		   "Subgraph on the given vertices with every edge of this graph between them.")},
	{"count_by", RC_ARGS_FN(rc_og_count_by_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("count_by($self, /, classifier)\n--\n\n"
		   "collections.Counter of classifier(obj) over the vertices.")},
	{"find_by", RC_ARGS_FN(rc_og_find_by_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("find_by($self, /, predicate)\n--\n\nList of the vertices for which predicate(obj) is true.")},
	{"count_by_typename", (PyCFunction)rc_og_count_by_typename, METH_NOARGS,
	 PyDoc_STR("count_by_typename($self, /)\n--\n\n"
		   "collections.Counter mapping type(obj).__name__ to the number of vertices.")},
	{"find_by_typename", RC_ARGS_FN(rc_og_find_by_typename_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("find_by_typename($self, /, typename)\n--\n\n"
		   "List of the vertices whose type(obj).__name__ is typename.")},
	{"edge_label", RC_ARGS_FN(rc_og_edge_label_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("edge_label($self, /, edge)\n--\n\n"
		   "What the reference of edge is, as a string ('__self__', \"local 'job'\",\n"
		   "\"value['key']\", 'item[3]', 'f_back', ...), or None when unknown.\n"
		   "Read from the referrer's structure; never calls the objects' own methods.")},
	{"to_dot", (PyCFunction)(void (*)(void))rc_og_to_dot, METH_VARARGS | METH_KEYWORDS,
	 PyDoc_STR("to_dot($self, /, *, detailed=False)\n--\n\n"
		   "The graph in the DOT language, as refcycle writes it: the edges\n"
		   "'tail -> head [label=\"item[0]\"];', then the vertices\n"
		   "'id [label=\"list[1]\"];', labelled with refcycle's annotations\n"
		   "('object\\\\n__main__.A').  detailed=True labels the vertices as the\n"
		   "browser does: a frame's function and thread, the address.")},
	{"to_json", (PyCFunction)(void (*)(void))rc_og_to_json, METH_VARARGS | METH_KEYWORDS,
	 PyDoc_STR("to_json($self, /, *, detailed=False)\n--\n\n"
		   "The labelled graph in refcycle's JSON format, with refcycle's\n"
		   "annotations; detailed=True: the browser's labels, as DOT label text.")},
	{"export_json", (PyCFunction)(void (*)(void))rc_og_export_json, METH_VARARGS | METH_KEYWORDS,
	 PyDoc_STR("export_json($self, /, filename, *, detailed=False)\n--\n\n"
		   "Write to_json(detailed=detailed) to filename (UTF-8), whole or not at all.")},
	{"export_image", (PyCFunction)(void (*)(void))rc_og_export_image, METH_VARARGS | METH_KEYWORDS,
	 PyDoc_STR("export_image($self, /, filename='refcycle.png', format=None, dot_executable=None, max_nodes=None, *, detailed=True, focus=None, too_many=None)\n--\n\n"
		   "Lay the graph out with graphviz's dot and write it to filename, in\n"
		   "this process.  format defaults to the file name's extension, else\n"
		   "png: svg, png, pdf, dot and whatever graphviz's plugins offer.  A\n"
		   "failure leaves no partial file.  Given dot_executable (a path, or a\n"
		   "name looked up on PATH), that program renders instead, as refcycle\n"
		   "does: dot_executable -Tformat -ofilename with the DOT text on its\n"
		   "input (no shell); OSError if it cannot be started, RuntimeError with\n"
		   "its messages if it fails.\n\n"
		   "The picture is in refcycle's house style: each object a record (type,\n"
		   "shallow / retained size, summary, address), focus (an object or a\n"
		   "list of them; by default the object a subgraph such as ancestors(obj)\n"
		   "was asked about) in green, roots with a double blue border, labelled\n"
		   "edges, a legend.  At most max_nodes objects (None: 500) are drawn,\n"
		   "breadth first from the focus, each following at most too_many\n"
		   "referrers and referents (None: all); what is left out is said on\n"
		   "the records ('... 12 more referrers') and in the legend.\n"
		   "detailed=False draws refcycle's plain annotations instead, and\n"
		   "refuses graphs of more than max_nodes (None: 2000) vertices.")},
	{"_image_dot", (PyCFunction)(void (*)(void))rc_og_image_dot, METH_VARARGS | METH_KEYWORDS,
	 PyDoc_STR("_image_dot($self, /, *, focus=None, highlight=None, more_in=None, more_out=None, max_nodes=0, too_many=0)\n--\n\n"
		   "The DOT text of the graph's picture, as export_image renders it;\n"
		   "highlight marks objects in yellow, more_in and more_out ({id(obj): n})\n"
		   "add to the notes of what was left out.  For refcycle's own pictures.")},
	{"annotated", (PyCFunction)(void (*)(void))rc_og_annotated, METH_VARARGS | METH_KEYWORDS,
	 PyDoc_STR("annotated($self, /, *, detailed=False)\n--\n\n"
		   "An AnnotatedGraph describing this graph: records holding ids, refcycle's\n"
		   "annotations as DOT label text ('object\\\\n__main__.A', 'item[0]') and the\n"
		   "objects' type names, and none of the objects.  detailed=True: the\n"
		   "browser's labels, as DOT label text.")},
	{"shallow_size", RC_ARGS_FN(rc_og_shallow_size_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("shallow_size($self, /, vertex)\n--\n\n"
		   "The vertex's own size in bytes, as sys.getsizeof reports it for builtin\n"
		   "types, measured by the C code of its nearest builtin base type: a\n"
		   "class's own __sizeof__ is never called.")},
	{"size_by_typename", (PyCFunction)rc_og_size_by_typename, METH_NOARGS,
	 PyDoc_STR("size_by_typename($self, /)\n--\n\n"
		   "A collections.Counter of the shallow sizes of the vertices, in bytes,\n"
		   "by type name (as count_by_typename counts them).")},
	{"roots", (PyCFunction)rc_og_roots, METH_NOARGS,
	 PyDoc_STR("roots($self, /)\n--\n\n"
		   "The vertices where chains of references that keep objects alive start,\n"
		   "as a list: every vertex referenced from outside the graph (its reference\n"
		   "count, when the graph was made, exceeds the references the graph records:\n"
		   "C code, a thread's stack or an untracked container holds it), every\n"
		   "frame running in a thread, and every module.  Immortal objects (3.12+)\n"
		   "are roots.  In a graph of records (AnnotatedGraph), the vertices no edge\n"
		   "points to.")},
	{"external_refs", RC_ARGS_FN(rc_og_external_refs_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("external_refs($self, /, vertex)\n--\n\n"
		   "How many references to vertex come from outside the graph: its reference\n"
		   "count when the graph was made, less the graph's own reference and the\n"
		   "references its edges record.  None for an immortal object (3.12+).")},
	{"path_to_root", (PyCFunction)(void (*)(void))rc_og_path_to_root, METH_VARARGS | METH_KEYWORDS,
	 PyDoc_STR("path_to_root(vertex, exclude_types=(), exclude_labels=(), exclude_edges=())\n--\n\n"
		   "Why vertex is alive: the vertices of a shortest chain of references from\n"
		   "a root (see roots()) to it, as an ObjectGraph.  References from objects of\n"
		   "exclude_types (types, or names as type.__name__ or tp_name give them),\n"
		   "references whose edge_label() is in exclude_labels, and the edges in\n"
		   "exclude_edges are not used (\"ignore this retainer\").  References held\n"
		   "by other refcycle graphs are used only when nothing else leads to vertex.\n"
		   "ValueError when no chain is left.")},
	{"unreachable", (PyCFunction)rc_og_unreachable, METH_NOARGS,
	 PyDoc_STR("unreachable($self, /)\n--\n\n"
		   "The subgraph of the vertices no root reaches (see roots()) without\n"
		   "going through another refcycle graph: garbage waiting for the\n"
		   "collector, and objects only an earlier snapshot keeps alive.")},
	{"retained_size", RC_ARGS_FN(rc_og_retained_size_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("retained_size($self, /, vertex)\n--\n\n"
		   "Bytes that would be freed with vertex: the shallow sizes of vertex and of\n"
		   "every vertex it dominates (each chain from a root to them passes through\n"
		   "vertex).  Objects no root reaches (garbage awaiting collection) are\n"
		   "reached from their own cycles.")},
	{"immediate_dominator", RC_ARGS_FN(rc_og_immediate_dominator_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("immediate_dominator($self, /, vertex)\n--\n\n"
		   "The vertex closest to vertex that every chain from a root to it passes\n"
		   "through, or None when no single vertex does (vertex is a root, or held\n"
		   "from several).")},
	{"dominated", RC_ARGS_FN(rc_og_dominated_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("dominated($self, /, vertex)\n--\n\n"
		   "The subgraph of vertex and everything it dominates: what would be freed\n"
		   "with it (retained_size() is the sum of their shallow sizes).")},
	{"save", RC_ARGS_FN(rc_og_save_kw), RC_ARGS_FLAGS, rc_og_save_doc},
	{"report", (PyCFunction)(void (*)(void))rc_og_report, METH_VARARGS | METH_KEYWORDS,
	 rc_og_report_doc},
	{"suspects", (PyCFunction)(void (*)(void))rc_og_suspects, METH_VARARGS | METH_KEYWORDS,
	 PyDoc_STR("suspects($self, /, threshold=0.1)\n--\n\n"
		   "Leak suspects, as Eclipse MAT finds them on the dominator tree: each\n"
		   "object at the top of the tree that retains at least threshold of the\n"
		   "heap, then each type whose instances together do; for each, where its\n"
		   "size accumulates (walking down while one child keeps most of its\n"
		   "parent's retained size) and the path from a root to there.  A list of\n"
		   "Suspect records (.kind, .object, .accumulation, .retained_size,\n"
		   ".share, .count, .type_name, .path), largest first within each kind.")},
	{"allocated_at", RC_ARGS_FN(rc_og_allocated_at_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("allocated_at($self, /, vertex)\n--\n\n"
		   "Where the vertex was allocated, as tracemalloc recorded it: a\n"
		   "tracemalloc.Traceback (tracemalloc.start(25) before the objects are\n"
		   "made keeps 25 frames), or None when tracemalloc was not tracing then, and\n"
		   "for the records of an AnnotatedGraph.")},
	{"at", RC_ARGS_FN(rc_og_at_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("at($self, /, address)\n--\n\n"
		   "The vertex at that address (its id(); a record's id), as objgraph.at\n"
		   "finds an object, in constant time; KeyError when there is none.")},
	{"new_since", RC_ARGS_FN(rc_og_new_since_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("new_since($self, /, census)\n--\n\n"
		   "The subgraph of the vertices that census (refcycle.census()) did not\n"
		   "count: the objects made since, by address and type.  On a loaded\n"
		   "snapshot, by the records' ids and type names.")},
	{"node_label", RC_ARGS_FN(rc_og_node_label_kw), RC_ARGS_FLAGS,
	 PyDoc_STR("node_label($self, /, vertex)\n--\n\n"
		   "A short description of vertex ('list[3]', 'function\\nname',\n"
		   "'frame\\nworker\\n...worker.py:12\\nthread Thread-1', ...) ending with its\n"
		   "address.  Read from the object's type and builtin structure; never\n"
		   "calls its __repr__.")},
	{NULL, NULL, 0, NULL}
};

static PyGetSetDef og_getset[] = {
	{"vertices", (getter)rc_og_vertices, NULL,
	 PyDoc_STR("The vertices: a collection with len, iteration and identity-based `in`."), NULL},
	{"edges", (getter)rc_og_edges, NULL,
	 PyDoc_STR("The edge ids: range(number of edges)."), NULL},
	{NULL, NULL, NULL, NULL, NULL}
};

static PySequenceMethods og_as_sequence = {
	.sq_length = (lenfunc)og_len,
	.sq_contains = (objobjproc)og_contains,
};

static PyNumberMethods og_as_number = {
	.nb_subtract = rc_og_subtract,
	.nb_and = rc_og_and,
};

PyDoc_STRVAR(og_doc,
"ObjectGraph(objects=())\n"
"--\n\n"
"A directed graph of Python objects and the references between them.\n\n"
"Built from an iterable of objects, it has one vertex per distinct object\n"
"(by identity) and one edge per reference from one of them to another, as\n"
"gc.get_referents() reports them: a list holding the same object three times\n"
"has three edges to it.  The graph holds a strong reference to each vertex\n"
"and acts as a container of them: len(), iteration and `in` (by identity,\n"
"never calling __eq__ or __hash__).  Use refcycle.snapshot() for the graph of\n"
"every object alive.");

PyTypeObject rc_ObjectGraph_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "refcycle.ObjectGraph",
	.tp_basicsize = sizeof(rc_ObjectGraph),
	.tp_dealloc = (destructor)og_dealloc,
	.tp_repr = (reprfunc)og_repr,
	.tp_as_number = &og_as_number,
	.tp_as_sequence = &og_as_sequence,
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
	.tp_doc = og_doc,
	.tp_traverse = (traverseproc)og_traverse,
	.tp_clear = (inquiry)og_clear,
	.tp_weaklistoffset = offsetof(rc_ObjectGraph, weakreflist),
	.tp_iter = (getiterfunc)og_iter,
	.tp_methods = og_methods,
	.tp_getset = og_getset,
	.tp_new = og_new,
};
