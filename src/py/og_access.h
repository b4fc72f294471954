/* og_access.h - ObjectGraph's Python-level accessors (og_access.c),
 * listed in the type's method and attribute tables. */
#ifndef RC_PY_OG_ACCESS_H
#define RC_PY_OG_ACCESS_H

#include <Python.h>

#include "src/py/objectgraph.h"

/* The vertices and edges attributes (getters). */
PyObject *rc_og_vertices(rc_ObjectGraph *self, void *closure);
PyObject *rc_og_edges(rc_ObjectGraph *self, void *closure);

PyObject *rc_og_head(rc_ObjectGraph *self, PyObject *edge);
PyObject *rc_og_tail(rc_ObjectGraph *self, PyObject *edge);
PyObject *rc_og_out_edges(rc_ObjectGraph *self, PyObject *obj);
PyObject *rc_og_in_edges(rc_ObjectGraph *self, PyObject *obj);
PyObject *rc_og_children(rc_ObjectGraph *self, PyObject *obj);
PyObject *rc_og_parents(rc_ObjectGraph *self, PyObject *obj);
PyObject *rc_og_references(rc_ObjectGraph *self, PyObject *unused);
PyObject *rc_og_owned_objects(rc_ObjectGraph *self, PyObject *unused);

/* Class methods. */
PyObject *rc_og_vertex_set(PyObject *cls, PyObject *unused);
PyObject *rc_og_vertex_dict(PyObject *cls, PyObject *unused);
PyObject *rc_og_vertex_equal(PyObject *cls, PyObject *const *args, Py_ssize_t nargs,
			     PyObject *kwnames);

#endif
