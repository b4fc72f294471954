/* sizes.h - shallow sizes, as sys.getsizeof reports them, without user
 * code: a class's own __sizeof__ (Python code) is never called. */
#ifndef RC_SIZES_H
#define RC_SIZES_H

#include <Python.h>
#include <stdint.h>

/* The __sizeof__ to use for instances of type: the one it finds when it
 * is written in C (a method descriptor), else, when it is a class's own
 * (Python code, never called), that of its nearest static (C) base type;
 * either measures the instance's real layout (tp_basicsize of its own
 * type, plus items) in C.  New reference, or NULL with an exception. */
PyObject *rc_sizeof_method(PyTypeObject *type);

/* The same, borrowed, looked up under name (the interned "__sizeof__")
 * without running anything or setting an exception (NULL: none). */
PyObject *rc_sizeof_method_borrowed(PyTypeObject *type, PyObject *name);

/* The shallow size of obj in bytes, through method (from
 * rc_sizeof_method(Py_TYPE(obj))) plus the collector's header.  0 with
 * no exception when the method fails (an object being torn down). */
uint64_t rc_shallow_size(PyObject *obj, PyObject *method);

/* What a __sizeof__ method (from rc_sizeof_method) computes, when its
 * formula is known, so that a size can be computed here instead of
 * through a call per object: object's and tuple's (tp_basicsize plus
 * items), list's (plus the allocated slots), or another (a call). */
enum { RC_SIZEOF_CALL, RC_SIZEOF_BASIC, RC_SIZEOF_LIST };
int rc_sizeof_kind(PyObject *method);

/* rc_sizeof_kind once it has been called: no lookup, no Python code (a
 * capture's walk uses it while nothing may run); RC_SIZEOF_CALL for
 * NULL. */
int rc_sizeof_kind_known(PyObject *method);

/* rc_shallow_size, computed without the call when kind (from
 * rc_sizeof_kind(method)) names a known formula. */
uint64_t rc_shallow_size_of_kind(PyObject *obj, PyObject *method, int kind);

/* The size by kind's formula, reading obj and its type only (no call,
 * no Python code); RC_SIZE_CALL when only the method can tell. */
#define RC_SIZE_CALL UINT64_MAX
uint64_t rc_shallow_size_formula(PyObject *obj, int kind);

#endif
