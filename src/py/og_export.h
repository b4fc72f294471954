/* og_export.h - ObjectGraph's exports (og_export.c): DOT, refcycle's JSON,
 * images, annotated copies; the methods of both graph types' tables. */
#ifndef RC_PY_OG_EXPORT_H
#define RC_PY_OG_EXPORT_H

#include <Python.h>

PyObject *rc_og_to_dot(PyObject *self, PyObject *args, PyObject *kwds);
PyObject *rc_og_to_json(PyObject *self, PyObject *args, PyObject *kwds);
PyObject *rc_og_export_json(PyObject *self, PyObject *args, PyObject *kwds);
PyObject *rc_og_export_image(PyObject *self, PyObject *args, PyObject *kwds);
PyObject *rc_og_annotated(PyObject *self, PyObject *args, PyObject *kwds);

/* refcycle._core._render_dot(dot, filename, format=None). */
PyObject *rc_render_dot(PyObject *module, PyObject *args, PyObject *kwds);

#endif
