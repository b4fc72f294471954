/* browse.c - refcycle.browse(): the checks and hand-over around the
 * browser (tui/), which sees the heap only through the model over the
 * live graph (livemodel.c). */
#include <Python.h>
#include <config.h>

#include "src/py/browse.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/capture/pyerrors.h"
#include "src/common/i18n.h"
#include "src/common/status.h"
#include "src/introspect/compat.h"
#include "src/model/browser.h"
#include "src/model/model.h"
#include "src/py/annotated.h"
#include "src/py/census.h"
#include "src/py/livemodel.h"
#include "src/py/objectgraph.h"
#include "src/py/progress.h"
#include "src/common/ticker.h"

#define GRAPH(self) ((rc_ObjectGraph *)(self))

/* --------------------------------------------------------- browse() */

/* An argument of this call is held twice by the call itself: by the
 * argument tuple or keyword dict, and by the caller's evaluation stack
 * while the call runs.  Neither is a reason for it to live: without
 * this, browse(focus=obj) would show obj as held from outside. */
static void
discount_arguments(struct rc_heap *heap, PyObject *args, PyObject *kwds)
{
	Py_ssize_t pos = 0;
	PyObject *key, *value;

	for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++)
		rc_heap_discount(heap, PyTuple_GET_ITEM(args, i), 2);
	while (kwds != NULL && PyDict_Next(kwds, &pos, &key, &value))
		rc_heap_discount(heap, value, 2);
}

static int
is_main_thread(void)
{
	PyObject *threading = PyImport_ImportModule("threading");
	PyObject *main = threading ? PyObject_CallMethod(threading, "main_thread", NULL) : NULL;
	PyObject *ident = main ? PyObject_GetAttrString(main, "ident") : NULL;
	int yes = -1;

	if (ident != NULL)
		yes = PyLong_AsUnsignedLong(ident) == PyThread_get_thread_ident();
	Py_XDECREF(ident);
	Py_XDECREF(main);
	Py_XDECREF(threading);
	return yes;
}

static int
flush_stream(const char *name)
{
	PyObject *stream = PySys_GetObject(name);   /* borrowed */
	if (stream == NULL || stream == Py_None)
		return 0;
	PyObject *r = PyObject_CallMethod(stream, "flush", NULL);
	if (r == NULL)
		PyErr_Clear();   /* a closed stream is not our business */
	Py_XDECREF(r);
	return 0;
}

const char rc_browse_doc[] =
"browse($module, /, graph=None, focus=None, since=None)\n--\n\n"
"Explore a graph in the terminal: types, objects, who refers to what,\n"
"ancestors generation by generation, the path that keeps an object alive,\n"
"cycles, and SVG export (press ? for the keys).  Without a graph, a\n"
"snapshot is taken; with focus=obj, the browser opens on that object.\n"
"With since=an earlier snapshot, a census (refcycle.census(), which keeps\n"
"nothing alive) or a saved snapshot's file, it compares: the types and\n"
"objects views list only the objects new since then (as\n"
"refcycle.diff(since, graph) finds them), with each type's change in count\n"
"and size; referrers, paths and dominators still cover the whole graph.\n"
"Returns None when you quit with q, or the object in focus when you quit\n"
"with y.  Raises RuntimeError without a usable terminal, TypeError when\n"
"since is none of those (an AnnotatedGraph, say: it holds no live\n"
"objects).  Nothing of the browser keeps any\n"
"object alive after it returns.";

/* browse(), its arguments parsed and since made a census when it was a
 * file; args and kwds are left out of the snapshot. */
/* The snapshot browse() takes, with a progress line on the terminal
 * while it runs (after half a second) and the progress callback's call
 * when it has ended.  0, or -1 with an exception. */
static int
take_snapshot(struct rc_heap *heap, PyObject *const *own, int k)
{
	struct rc_progress progress;
	struct rc_progress_report rep;
	struct rc_ticker ticker;

	rc_progress_init(&progress);
	rc_progress_report_begin(&rep);
	rc_capture_progress = &progress;
	rc_ticker_start(&ticker, STDERR_FILENO, 0.5, _("taking a snapshot"), _("objects"),
			&progress);
	int rc = rc_heap_snapshot_excluding(heap, own, k);
	rc_ticker_stop(&ticker);
	rc_capture_progress = NULL;
	if (rc == 0 && rc_progress_report_ended(&rep, "capture", heap->n) < 0) {
		rc_heap_clear(heap);
		return -1;
	}
	return rc;
}

static PyObject *
browse_impl(PyObject *args, PyObject *kwds, PyObject *graph, PyObject *focus, PyObject *since)
{
	PyObject *result = NULL;
	struct rc_buf err = RC_BUF_INIT;
	struct rc_live L;

	if (graph != Py_None && !rc_ObjectGraph_Check(graph)) {
		PyErr_Format(PyExc_TypeError, _("graph must be an ObjectGraph or None, not %.100s"),
			     Py_TYPE(graph)->tp_name);
		return NULL;
	}
	/* Objects are matched by identity, as diff() matches them: an
	 * AnnotatedGraph holds records, never the objects themselves. */
	if (since != Py_None && !PyObject_TypeCheck(since, &rc_Census_Type)
	    && (!rc_ObjectGraph_Check(since) || PyObject_TypeCheck(since, &rc_AnnotatedGraph_Type))) {
		PyErr_Format(PyExc_TypeError,
			     _("since must be an earlier snapshot (an ObjectGraph of live objects), "
			       "a census or None, not %.100s"), Py_TYPE(since)->tp_name);
		return NULL;
	}
	if (since != Py_None && graph != Py_None
	    && PyObject_TypeCheck(graph, &rc_AnnotatedGraph_Type)) {
		PyErr_SetString(PyExc_TypeError,
				_("since compares snapshots of live objects: graph is an AnnotatedGraph"));
		return NULL;
	}
	int main_thread = is_main_thread();
	if (main_thread <= 0) {
		if (main_thread == 0)
			PyErr_SetString(PyExc_RuntimeError,
					_("browse() runs in the main thread only (it handles the terminal's signals)"));
		return NULL;
	}
	if (rc_browser_check_terminal(&err) < 0) {
		PyErr_SetString(PyExc_RuntimeError, rc_buf_cstr(&err) ? err.data : _("no terminal"));
		rc_buf_free(&err);
		return NULL;
	}
	if (graph == Py_None) {
		/* Not our own call's arguments: they would show as referrers
		 * of the focus. */
		PyObject *own[2] = {args, kwds};
		struct rc_heap heap;
		if (take_snapshot(&heap, own, kwds ? 2 : 1) < 0)
			return NULL;
		discount_arguments(&heap, args, kwds);
		graph = rc_objectgraph_from_heap(&heap);
		if (graph == NULL)
			return NULL;
	} else {
		Py_INCREF(graph);
	}
	uint32_t start = RC_NONE;
	if (focus != NULL && focus != Py_None
	    && rc_objectgraph_vertex(GRAPH(graph), focus, &start) < 0) {
		Py_DECREF(graph);
		return NULL;
	}
	if (rc_live_init(&L, GRAPH(graph), since == Py_None ? NULL : since, 1) < 0) {
		rc_live_free(&L);
		Py_DECREF(graph);
		return NULL;
	}
	Py_DECREF(graph);   /* L holds it */
	flush_stream("stdout");
	flush_stream("stderr");

	uint32_t yanked = RC_NONE;
	int status = rc_browser_run(&L.model, start, &yanked, &err);
	if (PyErr_Occurred()) {
		/* A signal's exception (KeyboardInterrupt) stopped it. */
	} else if (status == RC_BROWSER_ERROR) {
		PyErr_SetString(PyExc_RuntimeError, rc_buf_cstr(&err) ? err.data : _("browser failed"));
	} else if (status == RC_BROWSER_YANK && yanked != RC_NONE) {
		result = Py_XNewRef(rc_og_obj(L.graph, yanked));
	} else {
		result = Py_NewRef(Py_None);
	}
	rc_buf_free(&err);
	rc_live_free(&L);
	return result;
}

PyObject *
rc_browse(PyObject *module, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = {"graph", "focus", "since", NULL};
	PyObject *graph = Py_None, *focus = NULL, *since = Py_None, *census = NULL;
	(void)module;

	if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OOO:browse", kwlist, &graph, &focus,
					 &since))
		return NULL;
	/* A saved snapshot's file (a str, bytes or os.PathLike, told by its
	 * type, not by asking the object): its census, refcycle.census(path). */
	if (PyUnicode_Check(since) || PyBytes_Check(since)
	    || PyObject_HasAttrString((PyObject *)Py_TYPE(since), "__fspath__")) {
		PyObject *pkg = PyImport_ImportModule("refcycle");
		census = pkg ? PyObject_CallMethod(pkg, "census", "(O)", since) : NULL;
		Py_XDECREF(pkg);
		if (census == NULL)
			return NULL;
		since = census;
	}
	PyObject *result = browse_impl(args, kwds, graph, focus, since);
	Py_XDECREF(census);
	return result;
}
