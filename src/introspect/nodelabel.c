/* nodelabel.c - object descriptions (see nodelabel.h).
 *
 * Every string comes from the object's own fields (names held by
 * functions, code, types and modules) or from the repr of an exact
 * builtin scalar: no user __repr__, __getattr__, __eq__ or __hash__ runs.
 * Dicts (a class's, a module's, threading._active) are read by scanning
 * with PyDict_Next and comparing exact str or exact int keys.  Only str
 * objects are created, so no collection can run while a borrowed pointer
 * is held. */
#include <Python.h>
#include <frameobject.h>
#include <config.h>

#include "src/introspect/nodelabel.h"

#include <stdio.h>
#include <string.h>

#include "src/common/buf.h"
#include "src/export/json.h"
#include "src/introspect/attrs.h"
#include "src/introspect/compat.h"
#include "src/introspect/stdlib_summary.h"
#include "src/py/annotated.h"
#include "src/py/objectgraph.h"
#include "src/py/og_lazy.h"

/* Longest label body (before the address line), longest scalar repr, and
 * longest file name tail, in characters. */
#define BODY_MAX 200
#define SCALAR_MAX 60
#define FILE_TAIL 30

/* s (a new reference, consumed) cut to max characters, ending in "...". */
static PyObject *
truncated(PyObject *s, Py_ssize_t max)
{
	if (s == NULL || PyUnicode_GET_LENGTH(s) <= max)
		return s;
	PyObject *head = PyUnicode_Substring(s, 0, max - 3);
	Py_DECREF(s);
	if (head == NULL)
		return NULL;
	PyObject *cut = PyUnicode_FromFormat("%U...", head);
	Py_DECREF(head);
	return cut;
}

/* str, or NULL when o is not an exact str (a subclass could be anything). */
static PyObject *
exact_str(PyObject *o)
{
	return o != NULL && PyUnicode_CheckExact(o) ? o : NULL;
}

/* After the last dot of a static type's tp_name. */
static const char *
last_component(const char *tp_name)
{
	const char *dot = strrchr(tp_name, '.');
	return dot ? dot + 1 : tp_name;
}

/* type.__name__ and type.__qualname__, from the heap type's fields or a
 * static type's tp_name.  New references. */
static PyObject *
type_name(PyTypeObject *t, int qualified)
{
	if (t->tp_flags & Py_TPFLAGS_HEAPTYPE) {
		PyHeapTypeObject *ht = (PyHeapTypeObject *)t;
		PyObject *name = exact_str(qualified ? ht->ht_qualname : ht->ht_name);
		if (name != NULL)
			return Py_NewRef(name);
	}
	return PyUnicode_FromString(last_component(t->tp_name));
}

/* type.__module__: the '__module__' entry of a heap type's dict, or what
 * precedes the last dot of tp_name ("builtins" when there is none). */
static PyObject *
type_module(PyTypeObject *t)
{
	if (t->tp_flags & Py_TPFLAGS_HEAPTYPE) {
		PyObject *module = exact_str(rc_attrs_dict_find(t->tp_dict, "__module__"));
		if (module != NULL)
			return Py_NewRef(module);
	}
	const char *dot = strrchr(t->tp_name, '.');
	if (dot == NULL)
		return PyUnicode_FromString("builtins");
	return PyUnicode_FromStringAndSize(t->tp_name, dot - t->tp_name);
}

/* format filled with obj's type's module and name (its __qualname__ when
 * qualified). */
static PyObject *
object_text(PyObject *obj, int qualified, const char *format)
{
	PyObject *module = type_module(Py_TYPE(obj));
	PyObject *name = module ? type_name(Py_TYPE(obj), qualified) : NULL;
	PyObject *body = name ? PyUnicode_FromFormat(format, module, name) : NULL;

	Py_XDECREF(module);
	Py_XDECREF(name);
	return body;
}

/* "object\n<module>.<qualname>", with a real newline (plain text). */
static PyObject *
object_body(PyObject *obj)
{
	return object_text(obj, 1, "object\n%U.%U");
}

static int
is_scalar(PyObject *o)
{
	return PyUnicode_CheckExact(o) || PyLong_CheckExact(o) || PyFloat_CheckExact(o)
		|| PyComplex_CheckExact(o) || PyBytes_CheckExact(o) || PyBool_Check(o)
		|| o == Py_None;
}

/* repr() of an exact builtin scalar, at most SCALAR_MAX characters; an
 * int too long to print cheaply is shown as an object. */
static PyObject *
scalar_body(PyObject *o)
{
	PyObject *part = NULL;

	if (PyLong_CheckExact(o) && _PyLong_NumBits(o) > 4 * SCALAR_MAX)
		return object_body(o);
	if (PyUnicode_CheckExact(o) && PyUnicode_GET_LENGTH(o) > SCALAR_MAX)
		o = part = PyUnicode_Substring(o, 0, SCALAR_MAX);
	else if (PyBytes_CheckExact(o) && PyBytes_GET_SIZE(o) > SCALAR_MAX)
		o = part = PyBytes_FromStringAndSize(PyBytes_AS_STRING(o), SCALAR_MAX);
	if (o == NULL)
		return NULL;
	PyObject *r = PyObject_Repr(o);
	Py_XDECREF(part);
	return truncated(r, SCALAR_MAX);
}

/* A file name when at most FILE_TAIL characters, else "..." and its last
 * keep characters. */
static PyObject *
file_tail(PyObject *filename, Py_ssize_t keep)
{
	if (exact_str(filename) == NULL)
		return PyUnicode_FromString("?");
	Py_ssize_t len = PyUnicode_GET_LENGTH(filename);
	if (len <= FILE_TAIL)
		return Py_NewRef(filename);
	PyObject *tail = PyUnicode_Substring(filename, len - keep, len);
	PyObject *s = tail ? PyUnicode_FromFormat("...%U", tail) : NULL;
	Py_XDECREF(tail);
	return s;
}

static PyObject *
code_name(PyCodeObject *code)
{
	PyObject *name = exact_str(code->co_name);
	return name ? Py_NewRef(name) : PyUnicode_FromString("?");
}

static PyObject *
code_body(PyCodeObject *code)
{
	PyObject *name = code_name(code);
	PyObject *file = name ? file_tail(code->co_filename, FILE_TAIL) : NULL;
	PyObject *body = file ? PyUnicode_FromFormat("code\n%U\n%U:%d", name, file,
						     code->co_firstlineno) : NULL;
	Py_XDECREF(name);
	Py_XDECREF(file);
	return body;
}

/* The name of the thread whose id is tid, from threading._active (a dict
 * keyed by int ids; the thread's _name attribute read without running
 * Python code).  New reference, or NULL without an exception. */
static PyObject *
thread_name(unsigned long tid)
{
	PyObject *threading = rc_attrs_dict_find(PyImport_GetModuleDict(), "threading");

	if (threading == NULL || !PyModule_Check(threading))
		return NULL;
	PyObject *active = rc_attrs_dict_find(PyModule_GetDict(threading), "_active");
	if (active == NULL || !PyDict_Check(active))
		return NULL;
	Py_ssize_t pos = 0;
	PyObject *key, *value;   /* borrowed; the loop runs no Python code */
	while (PyDict_Next(active, &pos, &key, &value)) {
		if (!PyLong_CheckExact(key))
			continue;
		unsigned long id = PyLong_AsUnsignedLong(key);
		if (id == (unsigned long)-1 && PyErr_Occurred()) {
			PyErr_Clear();   /* negative or too large: not a thread id */
			continue;
		}
		if (id == tid) {
			PyObject *name = exact_str(rc_attrs_find(value, "_name"));
			return name ? Py_NewRef(name) : NULL;
		}
	}
	return NULL;
}

static PyObject *
frame_body(PyObject *obj, unsigned long thread_id)
{
	PyFrameObject *frame = (PyFrameObject *)obj;
	PyCodeObject *code = PyFrame_GetCode(frame);   /* new reference */
	PyObject *name = code_name(code);
	PyObject *file = name ? file_tail(code->co_filename, FILE_TAIL) : NULL;
	PyObject *body = file ? PyUnicode_FromFormat("frame\n%U\n%U:%d", name, file,
						     PyFrame_GetLineNumber(frame)) : NULL;

	Py_DECREF(code);
	Py_XDECREF(name);
	Py_XDECREF(file);
	if (body == NULL || thread_id == 0)
		return body;
	PyObject *thread = thread_name(thread_id);
	PyObject *more;
	if (thread != NULL) {
		more = PyUnicode_FromFormat("%U\nthread %U", body, thread);
		Py_DECREF(thread);
	} else {
		char id[3 + 2 * sizeof thread_id];
		snprintf(id, sizeof id, "0x%lx", thread_id);
		more = PyUnicode_FromFormat("%U\nthread %s", body, id);
	}
	Py_DECREF(body);
	return more;
}

static PyObject *
function_body(const char *kind, PyObject *func)
{
	if (PyFunction_Check(func)) {
		PyFunctionObject *f = (PyFunctionObject *)func;
		PyObject *name = exact_str(f->func_qualname);
		if (name == NULL)
			name = exact_str(f->func_name);
		if (name != NULL)
			return PyUnicode_FromFormat("%s\n%U", kind, name);
	}
	if (PyCFunction_Check(func))
		return PyUnicode_FromFormat("%s\n%s", kind,
					    ((PyCFunctionObject *)func)->m_ml->ml_name);
	PyObject *name = type_name(Py_TYPE(func), 1);
	PyObject *body = name ? PyUnicode_FromFormat("%s\n%U", kind, name) : NULL;
	Py_XDECREF(name);
	return body;
}

static PyObject *
weakref_body(PyObject *obj)
{
	PyObject *referent = ((PyWeakReference *)obj)->wr_object;

	/* A dead reference's target is None (or, before 3.13, an object
	 * whose count already dropped to zero). */
	if (referent == NULL || referent == Py_None || Py_REFCNT(referent) <= 0)
		return PyUnicode_FromString("weakref (dead referent)");
	return PyUnicode_FromFormat("weakref to id %p", (void *)referent);
}

static PyObject *
body_of(PyObject *obj, unsigned long thread_id)
{
	if (is_scalar(obj))
		return scalar_body(obj);
	if (PyType_Check(obj)) {
		PyObject *name = type_name((PyTypeObject *)obj, 0);
		PyObject *body = name ? PyUnicode_FromFormat("type\n%U", name) : NULL;
		Py_XDECREF(name);
		return body;
	}
	if (PyDict_Check(obj))
		return PyUnicode_FromFormat("dict[%zd]", PyDict_GET_SIZE(obj));
	if (PyList_Check(obj))
		return PyUnicode_FromFormat("list[%zd]", PyList_GET_SIZE(obj));
	if (PyTuple_Check(obj))
		return PyUnicode_FromFormat("tuple[%zd]", PyTuple_GET_SIZE(obj));
	if (PyFrozenSet_Check(obj))
		return PyUnicode_FromFormat("frozenset[%zd]", PySet_GET_SIZE(obj));
	if (PySet_Check(obj))
		return PyUnicode_FromFormat("set[%zd]", PySet_GET_SIZE(obj));
	if (PyFunction_Check(obj))
		return function_body("function", obj);
	if (PyMethod_Check(obj))
		return function_body("instancemethod", PyMethod_GET_FUNCTION(obj));
	if (PyModule_Check(obj)) {
		PyObject *name = exact_str(rc_attrs_dict_find(PyModule_GetDict(obj), "__name__"));
		return name ? PyUnicode_FromFormat("module\n%U", name)
			: PyUnicode_FromString("module\n?");
	}
	if (PyFrame_Check(obj))
		return frame_body(obj, thread_id);
	if (PyCode_Check(obj))
		return code_body((PyCodeObject *)obj);
	if (PyGen_CheckExact(obj) || PyCoro_CheckExact(obj) || PyAsyncGen_CheckExact(obj)) {
		PyObject *name = exact_str(((PyGenObject *)obj)->gi_qualname);
		const char *kind = PyCoro_CheckExact(obj) ? "coroutine"
			: PyGen_CheckExact(obj) ? "generator" : "async_generator";
		if (name != NULL)
			return PyUnicode_FromFormat("%s\n%U", kind, name);
	}
	if (PyCell_Check(obj))
		return PyUnicode_FromString("cell");
	if (PyWeakref_CheckRef(obj))
		return weakref_body(obj);
	PyObject *known = rc_stdlib_summary(obj);
	if (known != NULL || PyErr_Occurred())
		return known;
	return object_body(obj);
}

/* ------------------------------------------- refcycle's annotations */

/* refcycle's BASE_TYPES (int, bool included, float, complex, None,
 * bytes, str) by their repr.  A subclass is shown by its builtin base's
 * repr, not its own (which could be a user __repr__); NULL without an
 * exception when obj is none of these or its repr fails (an int too long
 * to print, 3.11+), so the caller shows it as an object. */
static PyObject *
base_type_repr(PyObject *obj)
{
	static PyTypeObject *const bases[] = {
		&PyLong_Type, &PyFloat_Type, &PyComplex_Type, &PyBytes_Type, &PyUnicode_Type,
	};
	reprfunc repr = NULL;

	if (obj == Py_None || PyBool_Check(obj))
		return PyObject_Repr(obj);
	for (size_t i = 0; i < sizeof bases / sizeof *bases && repr == NULL; i++)
		if (PyObject_TypeCheck(obj, bases[i]))
			repr = bases[i]->tp_repr;
	if (repr == NULL)
		return NULL;
	PyObject *text = repr(obj);
	if (text == NULL && PyErr_ExceptionMatches(PyExc_ValueError))
		PyErr_Clear();
	if (text != NULL && !PyUnicode_Check(text))
		Py_CLEAR(text);
	return text;
}

/* "frame\n<file>:<line>", the file name cut to its last 27 characters
 * after "..." when longer than 30, as refcycle cuts it. */
static PyObject *
frame_annotation(PyObject *obj)
{
	PyFrameObject *frame = (PyFrameObject *)obj;
	PyCodeObject *code = PyFrame_GetCode(frame);   /* new reference */
	PyObject *shown = file_tail(code->co_filename, FILE_TAIL - 3);
	PyObject *text = shown ? PyUnicode_FromFormat("frame\\n%U:%d", shown,
						      PyFrame_GetLineNumber(frame)) : NULL;
	Py_XDECREF(shown);
	Py_DECREF(code);
	return text;
}

/* "instancemethod\n<__func__.__qualname__>", "<anonymous>" when the
 * function is not one whose qualified name can be read without code. */
static PyObject *
method_annotation(PyObject *func)
{
	if (PyFunction_Check(func)) {
		PyObject *name = exact_str(((PyFunctionObject *)func)->func_qualname);
		if (name != NULL)
			return PyUnicode_FromFormat("instancemethod\\n%U", name);
	}
	if (PyCFunction_Check(func))
		return PyUnicode_FromFormat("instancemethod\\n%s",
					    ((PyCFunctionObject *)func)->m_ml->ml_name);
	return PyUnicode_FromString("instancemethod\\n<anonymous>");
}

static PyObject *
module_annotation(PyObject *obj)
{
	PyObject *name = exact_str(rc_attrs_dict_find(PyModule_GetDict(obj), "__name__"));
	return name ? PyUnicode_FromFormat("module\\n%U", name)
		: PyUnicode_FromString("module\\n?");
}

/* "object\n<type.__module__>.<type.__name__>" */
static PyObject *
object_annotation(PyObject *obj)
{
	return object_text(obj, 0, "object\\n%U.%U");
}

PyObject *
rc_node_annotation(PyObject *obj)
{
	PyObject *text = base_type_repr(obj);

	if (text != NULL || PyErr_Occurred())
		return text;
	if (PyFunction_Check(obj)) {
		PyObject *name = exact_str(((PyFunctionObject *)obj)->func_name);
		return name ? PyUnicode_FromFormat("function\\n%U", name)
			: PyUnicode_FromString("function\\n?");
	}
	if (PyMethod_Check(obj))
		return method_annotation(PyMethod_GET_FUNCTION(obj));
	if (PyList_Check(obj))
		return PyUnicode_FromFormat("list[%zd]", PyList_GET_SIZE(obj));
	if (PyTuple_Check(obj))
		return PyUnicode_FromFormat("tuple[%zd]", PyTuple_GET_SIZE(obj));
	if (PyDict_Check(obj))
		return PyUnicode_FromFormat("dict[%zd]", PyDict_GET_SIZE(obj));
	if (PyModule_Check(obj))
		return module_annotation(obj);
	if (PyType_Check(obj)) {
		PyObject *name = type_name((PyTypeObject *)obj, 0);
		text = name ? PyUnicode_FromFormat("type\\n%U", name) : NULL;
		Py_XDECREF(name);
		return text;
	}
	if (PyWeakref_CheckRef(obj))
		return weakref_body(obj);
	if (PyFrame_Check(obj))
		return frame_annotation(obj);
	return object_annotation(obj);
}

PyObject *
rc_node_label(PyObject *obj, unsigned long thread_id)
{
	PyObject *body = truncated(body_of(obj, thread_id), BODY_MAX);
	PyObject *label = body ? PyUnicode_FromFormat("%U\n%p", body, (void *)obj) : NULL;

	Py_XDECREF(body);
	return label;
}

PyObject *
rc_vertex_label(PyObject *self, uint32_t v)
{
	rc_ObjectGraph *g = (rc_ObjectGraph *)self;
	PyObject *obj = g->lazy == NULL ? rc_og_obj(g, v) : NULL;
	PyObject *annotation;

	if (g->lazy != NULL) {   /* the record's annotation, without making it */
		annotation = rc_lazy_string(g->lazy, g->lazy->snap.summary[v]);
		if (annotation == NULL)
			return NULL;
		return rc_label_plain(annotation);
	}
	if (obj == NULL)
		return NULL;
	if (!rc_og_has_records(g) || !PyObject_TypeCheck(obj, &rc_AnnotatedVertex_Type))
		return rc_node_label(obj, rc_heap_frame_thread(&g->heap, v));
	annotation = ((rc_AnnotatedVertex *)obj)->annotation;
	if (!PyUnicode_Check(annotation))
		return PyUnicode_FromString("?");
	return rc_label_plain(annotation);
}

PyObject *
rc_label_plain(PyObject *text)
{
	Py_ssize_t len;
	const char *utf8 = PyUnicode_AsUTF8AndSize(text, &len);

	if (utf8 == NULL) {
		/* A lone surrogate: shown as it is, not converted. */
		PyErr_Clear();
		return Py_NewRef(text);
	}
	if (memchr(utf8, '\\', (size_t)len) == NULL)
		return Py_NewRef(text);
	struct rc_buf out = RC_BUF_INIT;
	rc_label_from_file(&out, utf8, (size_t)len);
	PyObject *plain = out.failed ? PyErr_NoMemory()
		: PyUnicode_DecodeUTF8(out.data ? out.data : "", (Py_ssize_t)out.len, "replace");
	rc_buf_free(&out);
	return plain;
}

/* The lines of s joined by spaces (s itself when it has one line). */
static PyObject *
one_line(PyObject *s)
{
	Py_ssize_t nl = PyUnicode_FindChar(s, '\n', 0, PyUnicode_GET_LENGTH(s), 1);

	if (nl == -2)
		return NULL;
	if (nl < 0)
		return Py_NewRef(s);
	PyObject *newline = PyUnicode_FromString("\n");
	PyObject *space = newline ? PyUnicode_FromString(" ") : NULL;
	PyObject *line = space ? PyUnicode_Replace(s, newline, space, -1) : NULL;

	Py_XDECREF(space);
	Py_XDECREF(newline);
	return line;
}

PyObject *
rc_vertex_summary(PyObject *self, uint32_t v)
{
	rc_ObjectGraph *g = (rc_ObjectGraph *)self;

	if (rc_og_has_records(g)) {
		PyObject *label = rc_vertex_label(self, v);
		PyObject *line = label ? rc_label_summary(label) : NULL;
		Py_XDECREF(label);
		return line;
	}
	/* rc_node_label's lines but the address: its body, without making
	 * the label only to cut it. */
	PyObject *obj = rc_heap_obj(&g->heap, v);
	PyObject *body = truncated(body_of(obj, rc_heap_frame_thread(&g->heap, v)), BODY_MAX);
	PyObject *line = body ? one_line(body) : NULL;

	Py_XDECREF(body);
	return line;
}

PyObject *
rc_label_summary(PyObject *label)
{
	Py_ssize_t len = PyUnicode_GET_LENGTH(label);
	Py_ssize_t last = PyUnicode_FindChar(label, '\n', 0, len, -1);

	if (last == -2)
		return NULL;
	if (last < 0)
		return Py_NewRef(label);
	PyObject *head = PyUnicode_Substring(label, 0, last);
	PyObject *nl = head ? PyUnicode_FromString("\n") : NULL;
	PyObject *space = nl ? PyUnicode_FromString(" ") : NULL;
	PyObject *line = space ? PyUnicode_Replace(head, nl, space, -1) : NULL;

	Py_XDECREF(space);
	Py_XDECREF(nl);
	Py_XDECREF(head);
	return line;
}
