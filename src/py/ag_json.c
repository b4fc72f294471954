/* ag_json.c - AnnotatedGraph.from_json and import_json: refcycle's JSON
 * form of a graph read back into records.  Every malformed input is a
 * ValueError naming what is wrong and where; nothing here trusts the
 * text's shape. */
#include <Python.h>
#include <config.h>

#include "src/py/ag_json.h"

#include "src/common/i18n.h"
#include "src/introspect/compat.h"
#include "src/py/annotated.h"

/* obj[key] for a dict obj read from JSON, with a clear error. */
static PyObject *
json_field(PyObject *obj, const char *key, const char *what, Py_ssize_t i)
{
	if (!PyDict_Check(obj)) {
		PyErr_Format(PyExc_ValueError, _("not a refcycle graph: %s %zd is not an object"), what, i);
		return NULL;
	}
	PyObject *value = PyDict_GetItemString(obj, key);   /* borrowed; keys are str */
	if (value == NULL)
		PyErr_Format(PyExc_ValueError, _("not a refcycle graph: %s %zd has no \"%s\""), what, i, key);
	return value;
}

/* A label read from a file: a str kept as it is (DOT label text, as
 * refcycle keeps annotations), or None.  A lone surrogate, which no
 * writer could put in a file, is a UnicodeEncodeError (a ValueError). */
static PyObject *
label_from_file(PyObject *text)
{
	if (text == Py_None)
		return Py_NewRef(text);
	if (!PyUnicode_Check(text)) {
		PyErr_SetString(PyExc_ValueError,
				_("not a refcycle graph: an annotation is not a string"));
		return NULL;
	}
	if (PyUnicode_AsUTF8AndSize(text, NULL) == NULL)
		return NULL;
	return Py_NewRef(text);
}

static int
check_id(PyObject *id, const char *what, Py_ssize_t i)
{
	if (PyLong_CheckExact(id))
		return 0;
	PyErr_Format(PyExc_ValueError, _("not a refcycle graph: the id of %s %zd is not an integer"), what, i);
	return -1;
}

static PyObject *
records_from_json(PyObject *items, int edges)
{
	const char *what = edges ? _("edge") : _("vertex");

	if (!PyList_Check(items)) {
		PyErr_Format(PyExc_ValueError, _("not a refcycle graph: \"%s\" is not a list"),
			     edges ? "edges" : "vertices");
		return NULL;
	}
	Py_ssize_t n = PyList_GET_SIZE(items);
	PyObject *records = PyList_New(n);
	for (Py_ssize_t i = 0; records != NULL && i < n; i++) {
		PyObject *item = PyList_GET_ITEM(items, i), *rec = NULL;
		PyObject *id = json_field(item, "id", what, i);
		PyObject *ann = id ? json_field(item, "annotation", what, i) : NULL;
		PyObject *head = ann && edges ? json_field(item, "head", what, i) : NULL;
		PyObject *tail = head ? json_field(item, "tail", what, i) : NULL;
		PyObject *label = NULL;
		if (ann != NULL && (!edges || tail != NULL) && check_id(id, what, i) == 0
		    && (!edges || (check_id(head, what, i) == 0 && check_id(tail, what, i) == 0))) {
			if (!edges && ann == Py_None)
				PyErr_Format(PyExc_ValueError,
					     _("not a refcycle graph: vertex %zd has no annotation"), i);
			else
				label = label_from_file(ann);
		}
		if (label != NULL)
			rec = edges ? PyObject_CallFunctionObjArgs((PyObject *)&rc_AnnotatedEdge_Type,
								   id, label, head, tail, NULL)
				    : PyObject_CallFunctionObjArgs((PyObject *)&rc_AnnotatedVertex_Type,
								   id, label, NULL);
		Py_XDECREF(label);
		if (rec == NULL)
			Py_CLEAR(records);
		else
			PyList_SET_ITEM(records, i, rec);
	}
	return records;
}

PyObject *
rc_annotated_from_json(PyObject *cls, PyObject *text)
{
	PyObject *json = PyImport_ImportModule("json");
	PyObject *obj = json ? PyObject_CallMethod(json, "loads", "(O)", text) : NULL;
	PyObject *vertices = NULL, *edges = NULL;

	Py_XDECREF(json);
	if (obj == NULL)
		return NULL;   /* json.JSONDecodeError is a ValueError */
	if (!PyDict_Check(obj)) {
		PyErr_SetString(PyExc_ValueError, _("not a refcycle graph: the JSON is not an object"));
	} else {
		PyObject *vs = PyDict_GetItemString(obj, "vertices");
		PyObject *es = PyDict_GetItemString(obj, "edges");
		if (vs == NULL || es == NULL)
			PyErr_SetString(PyExc_ValueError,
					_("not a refcycle graph: \"vertices\" or \"edges\" is missing"));
		else if ((vertices = records_from_json(vs, 0)) != NULL)
			edges = records_from_json(es, 1);
	}
	Py_DECREF(obj);
	if (edges == NULL) {
		Py_XDECREF(vertices);
		return NULL;
	}
	return rc_annotated_from_records((PyTypeObject *)cls, vertices, edges);
}

PyObject *
rc_annotated_import_json(PyObject *cls, PyObject *filename)
{
	PyObject *io = PyImport_ImportModule("io");
	PyObject *open = io ? PyObject_GetAttrString(io, "open") : NULL;
	PyObject *args = open ? Py_BuildValue("(O)", filename) : NULL;
	PyObject *kwargs = args ? Py_BuildValue("{s:s}", "encoding", "utf-8") : NULL;
	PyObject *f = kwargs ? PyObject_Call(open, args, kwargs) : NULL;
	PyObject *text = f ? PyObject_CallMethod(f, "read", NULL) : NULL;

	Py_XDECREF(kwargs);
	Py_XDECREF(args);
	Py_XDECREF(open);

	if (f != NULL) {
		PyObject *r = PyObject_CallMethod(f, "close", NULL);
		Py_XDECREF(r);
	}
	Py_XDECREF(f);
	Py_XDECREF(io);
	if (text == NULL)
		return NULL;
	PyObject *graph = rc_annotated_from_json(cls, text);
	Py_DECREF(text);
	return graph;
}
