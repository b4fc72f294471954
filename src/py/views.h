/* views.h - the vertices collection and the vertex iterator. */
#ifndef RC_VIEWS_H
#define RC_VIEWS_H

#include <Python.h>

#include "src/py/objectgraph.h"

extern PyTypeObject rc_VertexView_Type;
extern PyTypeObject rc_VertexIter_Type;

/* graph.vertices: len, iter, `in` by identity. */
PyObject *rc_vertexview_new(rc_ObjectGraph *graph);

/* iter(graph) and iter(graph.vertices). */
PyObject *rc_vertexiter_new(rc_ObjectGraph *graph);

#endif
