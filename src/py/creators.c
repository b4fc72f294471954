/* creators.c - snapshot(), garbage(), cycles_created_by(),
 * objects_reachable_from(), with the semantics of the refcycle package. */
#include <Python.h>
#include <config.h>

#include "src/py/creators.h"

#include <stdlib.h>

#include "src/capture/capture.h"
#include "src/common/i18n.h"
#include "src/common/status.h"
#include "src/introspect/compat.h"
#include "src/py/objectgraph.h"
#include "src/py/progress.h"

const char rc_snapshot_doc[] =
"snapshot($module, /)\n--\n\n"
"Graph of every object the cyclic garbage collector tracks (what\n"
"gc.get_objects() returns) and every reference between them, plus the\n"
"frames that every thread is running, with edges to their local variables\n"
"(labelled \"local 'name'\") and to the previous frame of their thread\n"
"(f_back).  The collector is paused while the snapshot is taken.  The graph\n"
"keeps every object in it alive until it is deleted.";

PyObject *
rc_snapshot(PyObject *module, PyObject *unused)
{
	struct rc_heap heap;
	struct rc_progress_report rep;
	(void)module;
	(void)unused;

	rc_progress_report_begin(&rep);
	if (rc_heap_snapshot(&heap) < 0)
		return NULL;
	uint32_t n = heap.n;
	PyObject *g = rc_objectgraph_from_heap(&heap);
	if (g != NULL && rc_progress_report_ended(&rep, "capture", n) < 0)
		Py_CLEAR(g);
	return g;
}

static const char *const capture_path_names[RC_CAPTURE_NPATHS] = {
	"lists", "headers", "addresses"
};

PyObject *
rc_set_capture_path(PyObject *module, PyObject *name)
{
	(void)module;
	if (!PyUnicode_Check(name)) {
		PyErr_SetString(PyExc_TypeError, "capture path must be a str");
		return NULL;
	}
	for (int p = 0; p < RC_CAPTURE_NPATHS; p++) {
		if (PyUnicode_CompareWithASCIIString(name, capture_path_names[p]) == 0) {
			enum rc_capture_path was = rc_capture_set_path((enum rc_capture_path)p);
			return PyUnicode_FromString(capture_path_names[was]);
		}
	}
	PyErr_Format(PyExc_ValueError,
		     "capture path must be 'lists', 'headers' or 'addresses', not '%U'", name);
	return NULL;
}

PyObject *
rc_last_capture_path(PyObject *module, PyObject *unused)
{
	(void)module;
	(void)unused;
	return PyUnicode_FromString(capture_path_names[rc_capture_last_path()]);
}

PyObject *
rc_capture_sigint_at(PyObject *module, PyObject *k)
{
	long n = PyLong_AsLong(k);
	(void)module;

	if (n == -1 && PyErr_Occurred())
		return NULL;
	rc_capture_test_sigint = n > 0 && n < INT_MAX ? (int)n : 0;
	Py_RETURN_NONE;
}

/* ----------------------------------------------- collector-driven graphs */

/* The gc module's state, saved and restored around a collection. */
struct gc_state {
	PyObject *gc;
	int enabled;
	PyObject *debug;
};

static int
gc_save(struct gc_state *s)
{
	s->gc = rc_capture_gc_module();
	s->debug = NULL;
	s->enabled = -1;
	if (s->gc == NULL)
		return -1;
	PyObject *enabled = PyObject_CallMethod(s->gc, "isenabled", NULL);
	if (enabled == NULL)
		return -1;
	s->enabled = PyObject_IsTrue(enabled);
	Py_DECREF(enabled);
	s->debug = PyObject_CallMethod(s->gc, "get_debug", NULL);
	return s->enabled < 0 || s->debug == NULL ? -1 : 0;
}

/* Restore, keeping any pending exception. */
static void
gc_restore(struct gc_state *s)
{
	PyObject *exc_type, *exc_value, *exc_tb;

	PyErr_Fetch(&exc_type, &exc_value, &exc_tb);
	if (s->gc != NULL && s->debug != NULL) {
		PyObject *r = PyObject_CallMethod(s->gc, "set_debug", "O", s->debug);
		Py_XDECREF(r);
	}
	if (s->gc != NULL && s->enabled == 1) {
		PyObject *r = PyObject_CallMethod(s->gc, "enable", NULL);
		Py_XDECREF(r);
	}
	PyErr_Clear();
	PyErr_Restore(exc_type, exc_value, exc_tb);
	Py_CLEAR(s->gc);
	Py_CLEAR(s->debug);
}

static int
gc_call(struct gc_state *s, const char *method)
{
	PyObject *r = PyObject_CallMethod(s->gc, method, NULL);

	Py_XDECREF(r);
	return r ? 0 : -1;
}

/* Collect with DEBUG_SAVEALL and take what was collected out of
 * gc.garbage into a new graph. */
static PyObject *
collect_into_graph(struct gc_state *s)
{
	PyObject *flag = PyObject_GetAttrString(s->gc, "DEBUG_SAVEALL");
	PyObject *r = flag ? PyObject_CallMethod(s->gc, "set_debug", "O", flag) : NULL;
	Py_XDECREF(flag);
	if (r == NULL)
		return NULL;
	Py_DECREF(r);
	PyObject *count = PyObject_CallMethod(s->gc, "collect", NULL);
	if (count == NULL)
		return NULL;
	Py_ssize_t n = PyLong_AsSsize_t(count);
	Py_DECREF(count);
	if (n == -1 && PyErr_Occurred())
		return NULL;
	PyObject *garbage = PyObject_GetAttrString(s->gc, "garbage");
	if (garbage == NULL)
		return NULL;
	if (!PyList_Check(garbage) || PyList_GET_SIZE(garbage) < n) {
		Py_DECREF(garbage);
		PyErr_SetString(PyExc_RuntimeError, _("gc.garbage changed during collection"));
		return NULL;
	}
	Py_ssize_t len = PyList_GET_SIZE(garbage);
	PyObject *objects = PyList_GetSlice(garbage, len - n, len);
	int rc = objects ? PyList_SetSlice(garbage, len - n, len, NULL) : -1;
	Py_DECREF(garbage);
	if (rc < 0) {
		Py_XDECREF(objects);
		return NULL;
	}
	struct rc_heap heap;
	rc = rc_heap_from_iterable(&heap, objects);
	Py_DECREF(objects);
	return rc < 0 ? NULL : rc_objectgraph_from_heap(&heap);
}

const char rc_garbage_doc[] =
"garbage($module, /)\n--\n\n"
"Run a full collection and return the graph of what it collected.  The\n"
"collected objects are taken out of gc.garbage but kept alive by the graph;\n"
"delete the graph and collect again to free them.  The collector's state and\n"
"debug flags are restored.";

PyObject *
rc_garbage(PyObject *module, PyObject *unused)
{
	struct gc_state s;
	PyObject *graph = NULL;
	(void)module;
	(void)unused;

	if (gc_save(&s) == 0 && gc_call(&s, "disable") == 0)
		graph = collect_into_graph(&s);
	gc_restore(&s);
	return graph;
}

const char rc_cycles_created_by_doc[] =
"cycles_created_by($module, /, callable)\n--\n\n"
"Graph of the objects that calling callable() leaves for the cyclic garbage\n"
"collector: collect, call, collect, and take what the second collection\n"
"found.  The collector's state and debug flags are restored.";

PyObject *
rc_cycles_created_by(PyObject *module, PyObject *callable)
{
	struct gc_state s;
	PyObject *graph = NULL;
	(void)module;

	if (!PyCallable_Check(callable)) {
		PyErr_Format(PyExc_TypeError, _("%.100s object is not callable"),
			     Py_TYPE(callable)->tp_name);
		return NULL;
	}
	if (gc_save(&s) == 0 && gc_call(&s, "disable") == 0
	    && gc_call(&s, "collect") == 0) {
		PyObject *r = PyObject_CallNoArgs(callable);
		if (r != NULL) {
			Py_DECREF(r);
			graph = collect_into_graph(&s);
		}
	}
	gc_restore(&s);
	return graph;
}

/* ------------------------------------------------------- reachability */

struct reach {
	void **objs;          /* found so far: new references */
	uint32_t len;
	uint32_t cap;
	struct rc_addrmap map;
	int failed;
};

static int
reach_visit(PyObject *ref, void *arg)
{
	struct reach *r = arg;

	if (r->len == r->cap) {
		uint32_t cap = r->cap * 2;
		void **objs = cap > r->cap ? realloc(r->objs, cap * sizeof *objs) : NULL;
		if (objs == NULL) {
			r->failed = 1;
			return -1;
		}
		r->objs = objs;
		r->cap = cap;
	}
	r->objs[r->len] = ref;
	uint32_t at = rc_addrmap_insert_unique(&r->map, r->objs, r->len);
	if (at == RC_NONE) {
		r->failed = 1;
		return -1;
	}
	if (at == r->len) {
		Py_INCREF(ref);
		r->len++;
	}
	return 0;
}

const char rc_objects_reachable_from_doc[] =
"objects_reachable_from($module, /, obj)\n--\n\n"
"Graph of every object reachable from obj by following references (as\n"
"gc.get_referents() reports them), obj included.  Unlike snapshot(), it may\n"
"hold untracked objects such as ints and strings.";

PyObject *
rc_objects_reachable_from(PyObject *module, PyObject *obj)
{
	struct reach r = {NULL, 0, 64, {0, 0, NULL}, 0};
	struct rc_heap heap;
	(void)module;

	r.objs = malloc(r.cap * sizeof *r.objs);
	if (r.objs == NULL || rc_addrmap_init(&r.map, r.cap) != RC_OK) {
		free(r.objs);
		return PyErr_NoMemory();
	}
	r.objs[0] = Py_NewRef(obj);
	rc_addrmap_insert(&r.map, r.objs, 0);
	r.len = 1;
	/* Breadth-first over the growing array itself: no recursion, and
	 * every object found is held before it is scanned. */
	for (uint32_t i = 0; i < r.len && !r.failed; i++) {
		PyObject *op = r.objs[i];
		if (PyObject_IS_GC(op) && Py_TYPE(op)->tp_traverse != NULL)
			Py_TYPE(op)->tp_traverse(op, reach_visit, &r);
		if (!r.failed)
			rc_capture_visit_hidden(op, reach_visit, &r);
	}
	rc_addrmap_free(&r.map);
	if (r.failed) {
		for (uint32_t i = 0; i < r.len; i++)
			Py_DECREF((PyObject *)r.objs[i]);
		free(r.objs);
		return PyErr_NoMemory();
	}
	if (rc_heap_from_array(&heap, r.objs, r.len) < 0)
		return NULL;
	return rc_objectgraph_from_heap(&heap);
}
