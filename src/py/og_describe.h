/* og_describe.h - ObjectGraph's descriptions of one vertex or edge
 * (og_describe.c), listed in the type's method table. */
#ifndef RC_PY_OG_DESCRIBE_H
#define RC_PY_OG_DESCRIBE_H

#include <Python.h>

PyObject *rc_og_edge_label(PyObject *self, PyObject *arg);
PyObject *rc_og_node_label(PyObject *self, PyObject *arg);

/* tracemalloc's record of where obj's memory was allocated: a tuple of
 * (filename, lineno), the most recent frame first, or None (tracemalloc
 * was not tracing then); NULL with an exception.  Reads the block's
 * trace, runs nothing of obj's. */
PyObject *rc_allocation_frames(PyObject *obj);

/* g.allocated_at(vertex): tracemalloc.get_object_traceback of it (a
 * Traceback, or None); None for records. */
PyObject *rc_og_allocated_at(PyObject *self, PyObject *vertex);

/* g.at(address): the vertex whose id() (a record's id) is address, as
 * objgraph.at finds an object; KeyError when there is none. */
PyObject *rc_og_at(PyObject *self, PyObject *address);
PyObject *rc_og_shallow_size(PyObject *self, PyObject *arg);

#endif
