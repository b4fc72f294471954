/* creators.h - the module-level functions that make graphs. */
#ifndef RC_CREATORS_H
#define RC_CREATORS_H

#include <Python.h>

PyObject *rc_snapshot(PyObject *module, PyObject *unused);
/* _capture_path(name): the path snapshots take (capture.h), for tests;
 * returns the one asked for before. */
PyObject *rc_set_capture_path(PyObject *module, PyObject *name);
/* _last_capture_path(): the path the last snapshot took. */
PyObject *rc_last_capture_path(PyObject *module, PyObject *unused);

/* _core._capture_sigint_at(k): see rc_capture_test_sigint (capture.h). */
PyObject *rc_capture_sigint_at(PyObject *module, PyObject *k);
PyObject *rc_garbage(PyObject *module, PyObject *unused);
PyObject *rc_cycles_created_by(PyObject *module, PyObject *callable);
PyObject *rc_objects_reachable_from(PyObject *module, PyObject *obj);

extern const char rc_snapshot_doc[];
extern const char rc_garbage_doc[];
extern const char rc_cycles_created_by_doc[];
extern const char rc_objects_reachable_from_doc[];

#endif
