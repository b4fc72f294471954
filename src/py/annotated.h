/* annotated.h - annotated graphs: vertices and edges as records holding
 * an id and an annotation (a string), as refcycle's AnnotatedGraph has
 * them.  An AnnotatedGraph is an ObjectGraph whose vertices are
 * AnnotatedVertex records, with an AnnotatedEdge record per edge: every
 * query of ObjectGraph works on it and returns AnnotatedGraphs. */
#ifndef RC_ANNOTATED_H
#define RC_ANNOTATED_H

#include <Python.h>

#include "src/py/objectgraph.h"

typedef struct {
	PyObject_HEAD
	PyObject *id;          /* an int */
	PyObject *annotation;  /* a str (plain text; newlines break lines) */
	/* What a saved snapshot knows of the object (refcycle.load), or
	 * NULL: its type's name (a str), shallow size (an int) and root
	 * kind (a str: "module", "frame", "external"; None: no root). */
	PyObject *type_name;
	PyObject *size;
	PyObject *root;
	/* Where the object was allocated ("file:line", as tracemalloc saw
	 * it when the snapshot was saved), a str, or NULL. */
	PyObject *allocated;
} rc_AnnotatedVertex;

typedef struct {
	PyObject_HEAD
	PyObject *id;
	PyObject *annotation;  /* a str, or None for an unlabelled edge */
	PyObject *head;        /* the id of the head vertex */
	PyObject *tail;        /* the id of the tail vertex */
} rc_AnnotatedEdge;

extern PyTypeObject rc_AnnotatedVertex_Type;
extern PyTypeObject rc_AnnotatedEdge_Type;

#define rc_AnnotatedGraph_Check(op) PyObject_TypeCheck(op, &rc_AnnotatedGraph_Type)

/* An AnnotatedGraph of the given type from vertex records (a list, taken
 * over) and edge records (a list, taken over); every edge's head and tail
 * must name a vertex id.  The id map is the dict id -> vertex record. */
PyObject *rc_annotated_from_records(PyTypeObject *type, PyObject *vertices, PyObject *edges);

/* graph.annotated(): the annotated copy of an object graph. */
PyObject *rc_annotated_from_graph(rc_ObjectGraph *g, PyObject *const *vertex_labels,
				  PyObject *const *edge_labels);

#endif
