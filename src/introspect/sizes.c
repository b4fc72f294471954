/* sizes.c - shallow sizes without user code (see sizes.h). */
#include <Python.h>
#include <config.h>

#include "src/introspect/sizes.h"

#include "src/introspect/compat.h"

PyObject *
rc_sizeof_method_borrowed(PyTypeObject *type, PyObject *name)
{
	/* The type's own __sizeof__, if it is written in C: a C type made
	 * at run time (3.11+'s deque, array, io) measures its real layout
	 * with it, and a class that defines none inherits its base's.
	 * _PyType_Lookup reads the dicts of the MRO and runs no code. */
	PyObject *method = _PyType_Lookup(type, name);

	if (method != NULL && Py_IS_TYPE(method, &PyMethodDescr_Type))
		return method;
	/* A class's own (Python code): never called; its nearest static
	 * base's measures the instance's layout. */
	while (type->tp_base != NULL && (type->tp_flags & Py_TPFLAGS_HEAPTYPE))
		type = type->tp_base;
	return _PyType_Lookup(type, name);
}

PyObject *
rc_sizeof_method(PyTypeObject *type)
{
	static PyObject *name;

	if (name == NULL && (name = PyUnicode_InternFromString("__sizeof__")) == NULL)
		return NULL;
	PyObject *method = rc_sizeof_method_borrowed(type, name);
	if (method == NULL) {
		PyErr_Format(PyExc_TypeError, "type %.100s has no __sizeof__", type->tp_name);
		return NULL;
	}
	return Py_NewRef(method);
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

/* method(obj).  A builtin's __sizeof__ is a method descriptor of a
 * METH_NOARGS C function: called directly, as the interpreter would
 * after its checks (obj is an instance of the type the method was
 * found on), it costs a C call instead of a vectorcall's argument
 * handling, once per object of a type with no formula (dicts, sets). */
static PyObject *
call_sizeof(PyObject *method, PyObject *obj)
{
	if (Py_IS_TYPE(method, &PyMethodDescr_Type)) {
		PyMethodDef *def = ((PyMethodDescrObject *)method)->d_method;
		if ((def->ml_flags & ~METH_COEXIST) == METH_NOARGS)
			return def->ml_meth(obj, NULL);
	}
	return PyObject_CallOneArg(method, obj);
}

uint64_t
rc_shallow_size(PyObject *obj, PyObject *method)
{
	PyObject *r = call_sizeof(method, obj);
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

/* object.__sizeof__, tuple.__sizeof__ and list.__sizeof__, looked up
 * once, and the formula each stands for. */
static PyObject *known_methods[3];
static const int known_kinds[3] = {RC_SIZEOF_BASIC, RC_SIZEOF_BASIC, RC_SIZEOF_LIST};

int
rc_sizeof_kind(PyObject *method)
{
	static PyTypeObject *const owners[3] = {&PyBaseObject_Type, &PyTuple_Type, &PyList_Type};

	for (int i = 0; i < 3; i++) {
		if (known_methods[i] == NULL) {
			known_methods[i] = PyObject_GetAttrString((PyObject *)owners[i], "__sizeof__");
			if (known_methods[i] == NULL) {
				PyErr_Clear();
				return RC_SIZEOF_CALL;
			}
		}
		if (method == known_methods[i])
			return known_kinds[i];
	}
	return RC_SIZEOF_CALL;
}

int
rc_sizeof_kind_known(PyObject *method)
{
	for (int i = 0; i < 3; i++) {
		if (method != NULL && method == known_methods[i])
			return known_kinds[i];
	}
	return RC_SIZEOF_CALL;
}

uint64_t
rc_shallow_size_of_kind(PyObject *obj, PyObject *method, int kind)
{
	uint64_t size = rc_shallow_size_formula(obj, kind);

	return size != RC_SIZE_CALL ? size : rc_shallow_size(obj, method);
}

uint64_t
rc_shallow_size_formula(PyObject *obj, int kind)
{
	PyTypeObject *type = Py_TYPE(obj);
	uint64_t size = (uint64_t)type->tp_basicsize;

#ifdef Py_TPFLAGS_INLINE_VALUES
	/* 3.13+: object.__sizeof__ adds the inline values, whose size is
	 * the interpreter's to know. */
	if (type->tp_flags & Py_TPFLAGS_INLINE_VALUES)
		kind = RC_SIZEOF_CALL;
#endif
	switch (kind) {
	case RC_SIZEOF_BASIC:   /* tp_basicsize plus the items */
		if (type->tp_itemsize > 0) {
			Py_ssize_t items = Py_SIZE(obj);
			size += (uint64_t)(items < 0 ? -items : items) * (uint64_t)type->tp_itemsize;
		}
		break;
	case RC_SIZEOF_LIST:    /* tp_basicsize plus the allocated slots */
		size += (uint64_t)((PyListObject *)obj)->allocated * sizeof(PyObject *);
		break;
	default:
		return RC_SIZE_CALL;
	}
	return size + header_size(obj);
}
