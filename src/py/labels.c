/* labels.c - edge labels (see labels.h).
 *
 * One collector per kind of referrer, each appending the labels under
 * which the referrer holds the referent, in the order its tp_traverse
 * visits them where that is known. */
#include <Python.h>
#include <frameobject.h>
#include <config.h>

#include "labels.h"

#include "compat.h"
#include "frames.h"

static int
add(PyObject *list, const char *label)
{
	PyObject *s = PyUnicode_FromString(label);
	int rc = s ? PyList_Append(list, s) : -1;
	Py_XDECREF(s);
	return rc;
}

static int
add_if(PyObject *list, PyObject *field, PyObject *referent, const char *label)
{
	return field == referent && field != NULL ? add(list, label) : 0;
}

/* repr() of a dict key, for builtin scalar types only: a user type's
 * __repr__ must not run.  Other keys are shown by type and address. */
static PyObject *
safe_key_repr(PyObject *key)
{
	if (PyUnicode_CheckExact(key) || PyLong_CheckExact(key) || PyFloat_CheckExact(key)
	    || PyBytes_CheckExact(key) || PyBool_Check(key) || key == Py_None)
		return PyObject_Repr(key);
	return PyUnicode_FromFormat("<%s object at %p>", Py_TYPE(key)->tp_name, (void *)key);
}

static int
dict_labels(PyObject *dict, PyObject *referent, PyObject *list)
{
	Py_ssize_t pos = 0;
	PyObject *key, *value;   /* borrowed; the loop runs no Python code */

	while (PyDict_Next(dict, &pos, &key, &value)) {
		if (key == referent && add(list, "key") < 0)
			return -1;
		if (value == referent) {
			PyObject *r = safe_key_repr(key);
			PyObject *label = r ? PyUnicode_FromFormat("value[%U]", r) : NULL;
			int rc = label ? PyList_Append(list, label) : -1;
			Py_XDECREF(label);
			Py_XDECREF(r);
			if (rc < 0)
				return -1;
		}
	}
	return 0;
}

static int
items_labels(PyObject *const *items, Py_ssize_t n, PyObject *referent, PyObject *list)
{
	for (Py_ssize_t i = 0; i < n; i++) {
		if (items[i] != referent)
			continue;
		PyObject *label = PyUnicode_FromFormat("item[%zd]", i);
		int rc = label ? PyList_Append(list, label) : -1;
		Py_XDECREF(label);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int
function_labels(PyFunctionObject *f, PyObject *referent, PyObject *list)
{
	struct { PyObject *field; const char *name; } fields[] = {
		{f->func_code, "__code__"},
		{f->func_globals, "__globals__"},
#if PY_VERSION_HEX >= 0x030A0000
		{f->func_builtins, "__builtins__"},
#endif
		{f->func_module, "__module__"},
		{f->func_defaults, "__defaults__"},
		{f->func_kwdefaults, "__kwdefaults__"},
		{f->func_doc, "__doc__"},
		{f->func_name, "__name__"},
		{f->func_dict, "__dict__"},
		{f->func_closure, "__closure__"},
		{f->func_annotations, "__annotations__"},
		{f->func_qualname, "__qualname__"},
	};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (add_if(list, fields[i].field, referent, fields[i].name) < 0)
			return -1;
	return 0;
}

struct name_sink {
	PyObject *list;
	int failed;
};

static void
add_local_name(PyObject *name, void *arg)
{
	struct name_sink *sink = arg;
	PyObject *label = PyUnicode_FromFormat("local %R", name);  /* name is a str */

	if (label == NULL || PyList_Append(sink->list, label) < 0)
		sink->failed = 1;
	Py_XDECREF(label);
}

static int
frame_labels(PyObject *frame, PyObject *referent, PyObject *list)
{
	struct name_sink sink = {list, 0};
	PyFrameObject *f = (PyFrameObject *)frame;

	if (add_if(list, rc_frames_back(frame), referent, "f_back") < 0)
		return -1;
	PyCodeObject *code = PyFrame_GetCode(f);   /* new reference */
	int rc = add_if(list, (PyObject *)code, referent, "f_code");
	Py_XDECREF(code);
	if (rc < 0)
		return -1;
#if PY_VERSION_HEX >= 0x030B0000
	PyObject *globals = PyFrame_GetGlobals(f), *builtins = PyFrame_GetBuiltins(f);
	rc = add_if(list, globals, referent, "f_globals");
	if (rc == 0)
		rc = add_if(list, builtins, referent, "f_builtins");
	Py_XDECREF(globals);
	Py_XDECREF(builtins);
#else
	rc = add_if(list, f->f_globals, referent, "f_globals");
	if (rc == 0)
		rc = add_if(list, f->f_builtins, referent, "f_builtins");
	if (rc == 0)
		rc = add_if(list, f->f_locals, referent, "f_locals");
	if (rc == 0)
		rc = add_if(list, f->f_trace, referent, "f_trace");
#endif
	if (rc < 0)
		return -1;
	rc_frames_local_names(frame, referent, add_local_name, &sink);
	return sink.failed ? -1 : 0;
}

static int
type_labels(PyTypeObject *type, PyObject *referent, PyObject *list)
{
	if (add_if(list, type->tp_dict, referent, "__dict__") < 0
	    || add_if(list, type->tp_bases, referent, "__bases__") < 0
	    || add_if(list, type->tp_mro, referent, "__mro__") < 0
	    || add_if(list, (PyObject *)type->tp_base, referent, "__base__") < 0)
		return -1;
	return 0;
}

/* An instance's own __dict__, only if it already exists: never
 * materialise one.  3.11+ instances may have no dict object at all. */
static PyObject *
existing_instance_dict(PyObject *obj)
{
	PyTypeObject *type = Py_TYPE(obj);
	if (type->tp_dictoffset > 0)
		return *(PyObject **)((char *)obj + type->tp_dictoffset);
	return NULL;
}

int
rc_labels_collect(PyObject *referrer, PyObject *referent, PyObject *list)
{
	int rc = 0;

	if (PyDict_Check(referrer))
		rc = dict_labels(referrer, referent, list);
	else if (PyList_Check(referrer))
		rc = items_labels(((PyListObject *)referrer)->ob_item,
				  PyList_GET_SIZE(referrer), referent, list);
	else if (PyTuple_Check(referrer))
		rc = items_labels(((PyTupleObject *)referrer)->ob_item,
				  PyTuple_GET_SIZE(referrer), referent, list);
	else if (PyAnySet_Check(referrer))
		rc = add(list, "element");
	else if (PyMethod_Check(referrer)) {
		rc = add_if(list, PyMethod_GET_FUNCTION(referrer), referent, "__func__");
		if (rc == 0)
			rc = add_if(list, PyMethod_GET_SELF(referrer), referent, "__self__");
	} else if (PyFunction_Check(referrer))
		rc = function_labels((PyFunctionObject *)referrer, referent, list);
	else if (PyCell_Check(referrer))
		rc = add_if(list, PyCell_GET(referrer), referent, "cell_contents");
	else if (PyFrame_Check(referrer))
		rc = frame_labels(referrer, referent, list);
	else if (PyType_Check(referrer))
		rc = type_labels((PyTypeObject *)referrer, referent, list);
	else if (PyModule_Check(referrer))
		rc = add_if(list, PyModule_GetDict(referrer), referent, "__dict__");
	else if (PyWeakref_Check(referrer))
		rc = add_if(list, ((PyWeakReference *)referrer)->wr_callback, referent,
			    "__callback__");
	if (rc < 0)
		return -1;
	if (!PyType_Check(referrer) && !PyModule_Check(referrer)) {
		rc = add_if(list, existing_instance_dict(referrer), referent, "__dict__");
		if (rc == 0 && (Py_TYPE(referrer)->tp_flags & Py_TPFLAGS_HEAPTYPE))
			rc = add_if(list, (PyObject *)Py_TYPE(referrer), referent, "__class__");
	}
	return rc;
}

PyObject *
rc_label_edge(PyObject *referrer, PyObject *referent, uint32_t k)
{
	PyObject *list = PyList_New(0);

	if (list == NULL || rc_labels_collect(referrer, referent, list) < 0) {
		Py_XDECREF(list);
		return NULL;
	}
	PyObject *label = (Py_ssize_t)k < PyList_GET_SIZE(list)
		? Py_NewRef(PyList_GET_ITEM(list, k)) : Py_NewRef(Py_None);
	Py_DECREF(list);
	return label;
}

int
rc_labels_for_edges(PyObject *referrer, PyObject *const *heads, uint32_t n,
		    PyObject **out)
{
	for (uint32_t i = 0; i < n; i++) {
		uint32_t k = 0;
		for (uint32_t j = 0; j < i; j++)
			k += heads[j] == heads[i];
		out[i] = rc_label_edge(referrer, heads[i], k);
		if (out[i] == NULL) {
			while (i > 0)
				Py_DECREF(out[--i]);
			return -1;
		}
	}
	return 0;
}
