/* objectgraph.h - the ObjectGraph type: a captured heap as a Python object.
 *
 * The graph holds its vertices in C arrays (struct rc_heap) and takes part
 * in cyclic GC through them: its tp_traverse visits every vertex, so a
 * cycle through a graph is collected. */
#ifndef RC_OBJECTGRAPH_H
#define RC_OBJECTGRAPH_H

#include <Python.h>

#include "src/capture/capture.h"

struct rc_analysis;
struct rc_lazy;
struct rc_picture_hints;

typedef struct {
	PyObject_HEAD
	struct rc_heap heap;
	/* Annotated graphs only (NULL otherwise): the record of each edge
	 * (heap.g.m strong references, in edge-id order), and a dict from
	 * vertex id to vertex record, shared with subgraphs. */
	PyObject **edge_objs;
	PyObject *id_map;
	/* A loaded snapshot's (og_lazy.h), or NULL: its records are made on
	 * first need, so heap.objs[v] and edge_objs[e] may still be NULL;
	 * id_map is NULL (the file's table of addresses stands for it).
	 * Read objects and records through rc_og_obj and
	 * rc_og_edge_record. */
	struct rc_lazy *lazy;
	PyObject *weakreflist;
	/* Types, sizes, roots, dominators: computed on first need
	 * (analysis.h), NULL until then. */
	struct rc_analysis *analysis;
	/* A subgraph's picture hints (og_picture.h): its focus, the root
	 * kinds and retained sizes of the graph it came from; or NULL. */
	struct rc_picture_hints *hints;
} rc_ObjectGraph;

extern PyTypeObject rc_ObjectGraph_Type;
extern PyTypeObject rc_AnnotatedGraph_Type;

#define rc_ObjectGraph_Check(op) PyObject_TypeCheck(op, &rc_ObjectGraph_Type)

/* A new graph owning the contents of *heap (left empty).  On failure the
 * heap is released and NULL returned with an exception set. */
PyObject *rc_objectgraph_from_heap(struct rc_heap *heap);

/* A new graph of the given type (ObjectGraph or AnnotatedGraph) owning
 * *heap, edge_objs (an array of heap->g.m new references, or NULL) and a
 * new reference to id_map (or NULL); all released on failure. */
PyObject *rc_objectgraph_new(PyTypeObject *type, struct rc_heap *heap,
			     PyObject **edge_objs, PyObject *id_map);

/* A new graph: the subgraph of g induced by vertices nodes[0..k-1]. */
PyObject *rc_objectgraph_subgraph(rc_ObjectGraph *g, const uint32_t *nodes,
				  uint32_t k);

/* 1 if obj is a vertex of g (by identity; in an annotated graph, also a
 * vertex record with the id of one of g's), else 0.  Runs no user code. */
int rc_objectgraph_contains(rc_ObjectGraph *g, PyObject *obj);

/* Vertex id of obj in g, or -1 with KeyError set. */
int rc_objectgraph_vertex(rc_ObjectGraph *g, PyObject *obj, uint32_t *v);

/* A new list of the objects of vertices ids[0..n-1] of g (og_access.c). */
PyObject *rc_objectgraph_vertex_list(rc_ObjectGraph *g, const uint32_t *ids, uint32_t n);

/* Made on first need (og_lazy.c): borrowed, NULL with an exception. */
PyObject *rc_lazy_vertex(rc_ObjectGraph *g, uint32_t v);
PyObject *rc_lazy_edge(rc_ObjectGraph *g, uint32_t e);

/* The object of vertex v (a record in an annotated graph): borrowed;
 * NULL with an exception only in a loaded graph, when its record cannot
 * be made. */
static inline PyObject *
rc_og_obj(rc_ObjectGraph *g, uint32_t v)
{
	PyObject *obj = (PyObject *)g->heap.objs[v];

	return obj != NULL ? obj : rc_lazy_vertex(g, v);
}

/* An annotated graph's record of edge e: borrowed, NULL with an
 * exception (as rc_og_obj). */
static inline PyObject *
rc_og_edge_record(rc_ObjectGraph *g, uint32_t e)
{
	PyObject *rec = g->edge_objs[e];

	return rec != NULL ? rec : rc_lazy_edge(g, e);
}

/* Whether g's vertices are records (an AnnotatedGraph's). */
static inline int
rc_og_has_records(const rc_ObjectGraph *g)
{
	return g->edge_objs != NULL;
}

/* Vertex id of obj in g by identity, or RC_NONE (rc_heap_index, which a
 * loaded graph answers from its records' ids).  Runs no user code. */
uint32_t rc_og_index(rc_ObjectGraph *g, PyObject *obj);

/* Vertex id of the object at address p (never read), or RC_NONE; a
 * loaded graph makes all its records first.  -1 is never returned; on
 * failure RC_NONE with an exception. */
uint32_t rc_og_index_address(rc_ObjectGraph *g, void *p);

/* Edge id from a Python int, or -1 with KeyError / TypeError set. */
int rc_objectgraph_edge(rc_ObjectGraph *g, PyObject *edge, uint32_t *e);

#endif
