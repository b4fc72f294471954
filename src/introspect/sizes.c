/* sizes.c - shallow sizes without user code (see sizes.h). */
#include <Python.h>
#include <config.h>

#include "src/introspect/sizes.h"

PyObject *
rc_sizeof_method(PyTypeObject *type)
{
	while (type->tp_base != NULL && (type->tp_flags & Py_TPFLAGS_HEAPTYPE))
		type = type->tp_base;
	/* Attribute lookup on a static type runs no Python code; the
	 * result is the C method descriptor (list.__sizeof__, ...). */
	return PyObject_GetAttrString((PyObject *)type, "__sizeof__");
}

/* What sys.getsizeof adds to __sizeof__: the collector's header, and
 * the pre-header of managed dicts (3.11+) and weak references (3.12+). */
static uint64_t
header_size(PyObject *obj)
{
	uint64_t size = 0;

	if (PyObject_IS_GC(obj))
		size += 2 * sizeof(void *);
#if PY_VERSION_HEX >= 0x030C0000
	if (Py_TYPE(obj)->tp_flags & (Py_TPFLAGS_MANAGED_DICT | Py_TPFLAGS_MANAGED_WEAKREF))
		size += 2 * sizeof(void *);
#elif PY_VERSION_HEX >= 0x030B0000
	if (Py_TYPE(obj)->tp_flags & Py_TPFLAGS_MANAGED_DICT)
		size += 2 * sizeof(void *);
#endif
	return size;
}

uint64_t
rc_shallow_size(PyObject *obj, PyObject *method)
{
	PyObject *r = PyObject_CallOneArg(method, obj);
	uint64_t size = 0;

	if (r != NULL) {
		size = PyLong_AsUnsignedLongLong(r);
		Py_DECREF(r);
	}
	if (PyErr_Occurred()) {
		PyErr_Clear();
		return 0;
	}
	return size + header_size(obj);
}
