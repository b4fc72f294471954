/* sizes.h - shallow sizes, as sys.getsizeof reports them, without user
 * code: a class's own __sizeof__ (Python code) is never called. */
#ifndef RC_SIZES_H
#define RC_SIZES_H

#include <Python.h>
#include <stdint.h>

/* The __sizeof__ to use for instances of type: that of its nearest
 * static (C) base type, which measures the instance's real layout
 * (tp_basicsize of its own type, plus items) in C.  New reference. */
PyObject *rc_sizeof_method(PyTypeObject *type);

/* The shallow size of obj in bytes, through method (from
 * rc_sizeof_method(Py_TYPE(obj))) plus the collector's header.  0 with
 * no exception when the method fails (an object being torn down). */
uint64_t rc_shallow_size(PyObject *obj, PyObject *method);

#endif
