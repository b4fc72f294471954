/* og_store.h - saving a graph to a snapshot file and loading one (the file
 * format is src/store's). */
#ifndef RC_STORE_H
#define RC_STORE_H

#include <Python.h>

/* ObjectGraph.save(path), in the type's method table. */
extern const char rc_og_save_doc[];
PyObject *rc_og_save(PyObject *self, PyObject *arg);

/* refcycle.load(path), in the module's method table. */
extern const char rc_load_doc[];
PyObject *rc_load(PyObject *module, PyObject *arg);

#endif
