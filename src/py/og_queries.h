/* og_queries.h - ObjectGraph's searches and tallies (og_queries.c),
 * listed in the type's method table. */
#ifndef RC_PY_OG_QUERIES_H
#define RC_PY_OG_QUERIES_H

#include <Python.h>

PyObject *rc_og_ancestors(PyObject *self, PyObject *args, PyObject *kwds);
PyObject *rc_og_descendants(PyObject *self, PyObject *args, PyObject *kwds);
PyObject *rc_og_shortest_path(PyObject *self, PyObject *args, PyObject *kwds);
PyObject *rc_og_shortest_cycle(PyObject *self, PyObject *arg);
PyObject *rc_og_scc(PyObject *self, PyObject *unused);
PyObject *rc_og_source_components(PyObject *self, PyObject *unused);
PyObject *rc_og_full_subgraph(PyObject *self, PyObject *arg);
PyObject *rc_og_count_by(PyObject *self, PyObject *arg);
PyObject *rc_og_find_by(PyObject *self, PyObject *arg);
PyObject *rc_og_count_by_typename(PyObject *self, PyObject *unused);
PyObject *rc_og_find_by_typename(PyObject *self, PyObject *arg);
PyObject *rc_og_size_by_typename(PyObject *self, PyObject *unused);
PyObject *rc_og_subtract(PyObject *a, PyObject *b);
PyObject *rc_og_and(PyObject *a, PyObject *b);

#endif
