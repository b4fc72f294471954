/* mirror_compiled.c - the mirror's walks of compiled classes
 * (mirror_compiled.h): mypyc's native classes, and Cython's functions
 * (the fields of Cython's own classes have no names at run time: they get
 * their places).
 *
 * A native class keeps its attributes in C fields whose layout is known
 * only to the compiled module: mypyc records their names on the class
 * (__mypyc_attrs__, the class's own and its bases'), and gives each one a
 * getter in the class's tp_getset that reads the field.  Calling those
 * getters (compiled accessors, not user code: a property of the class is
 * never in __mypyc_attrs__) tells which referent each name holds.  Its
 * tp_traverse visits every attribute that holds an object, then the
 * instance dict and weak reference list when the class has them.
 *
 * A getter may box a value (a new int, float or tuple) or raise
 * AttributeError for an attribute never set: the collector is paused
 * around the calls (3.10+), so no collection, and so no Python code, can
 * run while the mirror holds pointers borrowed from the referrer.  Only
 * the multiset of names each referent gets matters (parallel references
 * to one object are interchangeable), so the names are reported in
 * __mypyc_attrs__'s order rather than the fields'. */
#include <Python.h>
#include <config.h>

#include "src/introspect/mirror_compiled.h"

#include <string.h>

#include "src/introspect/attrs.h"

/* __mypyc_attrs__ of tp, borrowed from its dict, or NULL. */
static PyObject *
mypyc_attrs(PyTypeObject *tp)
{
	if (!(tp->tp_flags & Py_TPFLAGS_HEAPTYPE) || tp->tp_dict == NULL)
		return NULL;
	PyObject *attrs = rc_attrs_dict_find(tp->tp_dict, "__mypyc_attrs__");
	return attrs != NULL && PyTuple_CheckExact(attrs) ? attrs : NULL;
}

/* The getter tp or a base declares for name, or NULL. */
static const PyGetSetDef *
find_getter(PyTypeObject *tp, const char *name)
{
	for (PyTypeObject *t = tp; t != NULL; t = t->tp_base)
		for (const PyGetSetDef *gs = t->tp_getset; gs != NULL && gs->name != NULL; gs++)
			if (gs->get != NULL && strcmp(gs->name, name) == 0)
				return gs;
	return NULL;
}

/* Report what attribute name holds: the object, or for a tuple the getter
 * made (a tuple-typed attribute is unboxed in the fields, and the
 * traversal visits its items), each item. */
static int
report_value(struct rc_mirror *m, PyObject *value, PyObject *name)
{
	if (PyTuple_CheckExact(value) && Py_REFCNT(value) == 1) {
		for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(value); i++)
			RC_MIRROR_TRY(rc_mirror_put_attr(m, PyTuple_GET_ITEM(value, i), name));
		return 0;
	}
	return rc_mirror_put_attr(m, value, name);
}

static int
report_attrs(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp, PyObject *attrs)
{
	for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(attrs); i++) {
		PyObject *name = PyTuple_GET_ITEM(attrs, i);
		const char *utf8 = PyUnicode_CheckExact(name) ? PyUnicode_AsUTF8(name) : NULL;
		if (utf8 == NULL) {
			PyErr_Clear();
			continue;
		}
		const PyGetSetDef *gs = find_getter(tp, utf8);
		if (gs == NULL)
			continue;
		PyObject *value = gs->get(obj, gs->closure);
		if (value == NULL) {       /* an attribute never set */
			PyErr_Clear();
			continue;
		}
		int rc = report_value(m, value, name);
		Py_DECREF(value);   /* the object holds another (or a box dies) */
		RC_MIRROR_TRY(rc);
	}
	return 0;
}

/* Call the getter tp (or a base) declares for name and report what it
 * returns under that name.  Only for getters known to return a field
 * the object holds, never one that creates what it returns. */
static int
report_getter(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp, const char *name)
{
	const PyGetSetDef *gs = find_getter(tp, name);
	if (gs == NULL)
		return 0;
	PyObject *value = gs->get(obj, gs->closure);
	if (value == NULL) {
		PyErr_Clear();
		return 0;
	}
	int rc = rc_mirror_put(m, value, name);
	Py_DECREF(value);
	return rc;
}

/* mirror_compiled.h */
int
rc_mirror_cython_function(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	const char *name = tp->tp_name;
	size_t len = strlen(name);
	static const char *const suffixes[] = {"cython_function_or_method",
					       "fused_cython_function"};
	int cython = 0;

	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t n = strlen(suffixes[i]);
		cython |= len >= n && strcmp(name + len - n, suffixes[i]) == 0;
	}
	if (!cython)
		return 0;
	/* Cython's getters of these return the field itself (incref'd) or
	 * None; its __defaults__, __dict__ and name getters could create
	 * what they return, and are not called. */
	static const char *const getters[] = {"__globals__", "__closure__", "__code__"};
	for (size_t i = 0; i < sizeof getters / sizeof getters[0]; i++) {
		rc_mirror_new_group(m);
		RC_MIRROR_TRY(report_getter(m, obj, tp, getters[i]));
	}
	return 1;
}

/* mirror_compiled.h */
int
rc_mirror_walk_mypyc(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	PyObject *attrs = mypyc_attrs(tp);

	if (attrs == NULL)
		return 0;
#if PY_VERSION_HEX >= 0x030A0000
	int was_enabled = PyGC_Disable();
#endif
	int rc = report_attrs(m, obj, tp, attrs);
#if PY_VERSION_HEX >= 0x030A0000
	if (was_enabled)
		PyGC_Enable();
#endif
	if (rc < 0)
		return -1;
#ifdef Py_TPFLAGS_MANAGED_DICT
	if (tp->tp_flags & Py_TPFLAGS_MANAGED_DICT)
		return rc_mirror_walk_managed_dict(m, obj) < 0 ? -1 : 1;
#endif
	if (tp->tp_dictoffset > 0)
		RC_MIRROR_TRY(rc_mirror_put(m, rc_attrs_dict_at_offset(obj), "__dict__"));
	if (tp->tp_weaklistoffset > 0)
		RC_MIRROR_TRY(rc_mirror_put(m, *(PyObject **)((char *)obj + tp->tp_weaklistoffset),
					    "__weakref__"));
	return 1;
}
