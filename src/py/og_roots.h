/* og_roots.h - ObjectGraph's roots, paths to them and dominators
 * (og_roots.c), listed in the type's method table. */
#ifndef RC_PY_OG_ROOTS_H
#define RC_PY_OG_ROOTS_H

#include <Python.h>

PyObject *rc_og_roots(PyObject *self, PyObject *unused);
PyObject *rc_og_external_refs(PyObject *self, PyObject *arg);
PyObject *rc_og_path_to_root(PyObject *self, PyObject *args, PyObject *kwds);
PyObject *rc_og_retained_size(PyObject *self, PyObject *arg);
PyObject *rc_og_immediate_dominator(PyObject *self, PyObject *arg);
PyObject *rc_og_dominated(PyObject *self, PyObject *arg);
PyObject *rc_og_unreachable(PyObject *self, PyObject *unused);

#endif
