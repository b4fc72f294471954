/* og_report.c - ObjectGraph.report(path, since=None, *, objects=None,
 * title=None): the leak report as one HTML file (see og_report.h). */
#include <Python.h>
#include <config.h>

#include "src/py/og_report.h"

#include <stdlib.h>
#include <string.h>

#include "src/capture/pyerrors.h"
#include "src/common/i18n.h"
#include "src/common/status.h"
#include "src/export/report.h"
#include "src/introspect/compat.h"
#include "src/py/annotated.h"
#include "src/py/census.h"
#include "src/py/livemodel.h"
#include "src/py/objectgraph.h"

const char rc_og_report_doc[] =
"report($self, /, path, since=None, *, objects=None, title=None)\n--\n\n"
"Write a leak report of the graph to path: one self-contained HTML file\n"
"(inline SVG and CSS, no script, nothing fetched) that any browser opens:\n"
"the heap's summary (objects, bytes, the types that retain most), the\n"
"leak suspects (suspects()) with where their size accumulates and the\n"
"path from a root to there drawn, the watched objects still alive\n"
"(refcycle.watch) grouped by the path that keeps them, and where objects\n"
"were allocated when tracemalloc was tracing.  With since=an earlier\n"
"snapshot, a census or a saved snapshot's file, the growth per type since\n"
"then (as browse(since=...) counts it).  objects: more objects of the\n"
"graph to group and draw as the watched ones; title: a heading (where the\n"
"heap comes from).  The file is written whole or not at all.  Raises\n"
"OSError if it cannot be written, TypeError for a since that is none of\n"
"those or when the graph is an AnnotatedGraph (a loaded snapshot: it\n"
"holds no live objects to compare), ValueError for an object not in the\n"
"graph.  Keeps nothing alive.";

/* objects (an iterable of the graph's objects, or None) as vertex ids,
 * into *ids (malloc'd) and *n.  0, or -1 with an exception set. */
static int
vertices_of(rc_ObjectGraph *g, PyObject *objects, uint32_t **ids, uint32_t *n)
{
	*ids = NULL;
	*n = 0;
	if (objects == Py_None)
		return 0;
	PyObject *seq = PySequence_Fast(objects, "objects must be an iterable");
	if (seq == NULL)
		return -1;
	Py_ssize_t k = PySequence_Fast_GET_SIZE(seq);
	*ids = malloc(((size_t)k + 1) * sizeof **ids);
	if (*ids == NULL) {
		Py_DECREF(seq);
		PyErr_NoMemory();
		return -1;
	}
	for (Py_ssize_t i = 0; i < k; i++) {
		uint32_t v;
		if (rc_objectgraph_vertex(g, PySequence_Fast_GET_ITEM(seq, i), &v) < 0) {
			Py_DECREF(seq);
			return -1;
		}
		(*ids)[(*n)++] = v;
	}
	Py_DECREF(seq);
	return 0;
}

/* since as browse() takes it: None, a census, an ObjectGraph of live
 * objects, or a snapshot file's path (made its census: *made holds it).
 * *what receives how the report names it (UTF-8, borrowed from *made's
 * or since's life, or a constant).  0, or -1 with an exception set. */
static int
check_since(PyObject *self, PyObject **since, PyObject **made, const char **what)
{
	*made = NULL;
	*what = NULL;
	if (*since == Py_None)
		return 0;
	/* As browse(): an AnnotatedGraph holds records, never the objects
	 * a census or a snapshot counted. */
	if (PyObject_TypeCheck(self, &rc_AnnotatedGraph_Type)) {
		PyErr_SetString(PyExc_TypeError,
				_("since compares snapshots of live objects: graph is an AnnotatedGraph"));
		return -1;
	}
	if (PyUnicode_Check(*since) || PyBytes_Check(*since)
	    || PyObject_HasAttrString((PyObject *)Py_TYPE(*since), "__fspath__")) {
		PyObject *pkg = PyImport_ImportModule("refcycle");
		*made = pkg ? PyObject_CallMethod(pkg, "census", "(O)", *since) : NULL;
		Py_XDECREF(pkg);
		if (*made == NULL)
			return -1;
		if (PyUnicode_Check(*since))
			*what = PyUnicode_AsUTF8(*since);
		if (*what == NULL) {
			PyErr_Clear();
			*what = _("a saved snapshot");
		}
		*since = *made;
		return 0;
	}
	if (PyObject_TypeCheck(*since, &rc_Census_Type)) {
		*what = _("a census");
		return 0;
	}
	if (!rc_ObjectGraph_Check(*since) || PyObject_TypeCheck(*since, &rc_AnnotatedGraph_Type)) {
		PyErr_Format(PyExc_TypeError,
			     _("since must be an earlier snapshot (an ObjectGraph of live objects), "
			       "a census or None, not %.100s"), Py_TYPE(*since)->tp_name);
		return -1;
	}
	*what = _("an earlier snapshot");
	return 0;
}

PyObject *
rc_og_report(PyObject *self, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = {"path", "since", "objects", "title", NULL};
	PyObject *path_arg, *since = Py_None, *objects = Py_None, *title = Py_None;
	PyObject *path = NULL, *made = NULL, *result = NULL;
	struct rc_buf err = RC_BUF_INIT;
	struct rc_live L;
	uint32_t *ids = NULL, nids = 0;
	const char *since_text = NULL;
	int live = 0;

	memset(&L, 0, sizeof L);
	if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O$OO:report", kwlist, &path_arg, &since,
					 &objects, &title))
		return NULL;
	if (title != Py_None && !PyUnicode_Check(title)) {
		PyErr_Format(PyExc_TypeError, "title must be a str or None, not %.100s",
			     Py_TYPE(title)->tp_name);
		return NULL;
	}
	const char *title_text = title == Py_None ? NULL : PyUnicode_AsUTF8(title);
	if (title != Py_None && title_text == NULL)
		return NULL;
	if (!PyUnicode_FSConverter(path_arg, &path))
		return NULL;
	if (vertices_of((rc_ObjectGraph *)self, objects, &ids, &nids) < 0
	    || check_since(self, &since, &made, &since_text) < 0)
		goto out;
	live = 1;
	if (rc_live_init(&L, (rc_ObjectGraph *)self, since == Py_None ? NULL : since, 0) < 0)
		goto out;
	struct rc_report_opts o = {title_text, since_text, ids, nids,
				   objects != Py_None ? _("The objects given, still alive") : NULL, 1};
	int rc = rc_report_save(&L.model, &o, PyBytes_AS_STRING(path), NULL, &err);
	if (PyErr_Occurred()) {
		/* a callback's exception (an interrupt): it wins */
	} else if (rc == RC_EIO) {
		PyErr_SetString(PyExc_OSError, rc_buf_cstr(&err) ? err.data : _("write failed"));
	} else if (rc != RC_OK) {
		rc_status_error(rc);
	} else {
		result = Py_NewRef(Py_None);
	}
out:
	if (live)
		rc_live_free(&L);
	rc_buf_free(&err);
	free(ids);
	Py_XDECREF(made);
	Py_XDECREF(path);
	return result;
}
