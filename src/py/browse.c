/* browse.c - refcycle.browse(): a struct rc_model over a live graph, and
 * the checks and hand-over around the browser (tui/).
 *
 * The browser sees the heap only through the model.  Everything it needs
 * for every vertex (type, size, address) is computed here once, in C
 * arrays; summaries and labels are computed on demand for what it shows.
 * While it waits for a key, the GIL is released (wait_begin/wait_end):
 * the graph's objects stay alive, held by the graph. */
#include <Python.h>
#include <config.h>

#include "src/py/browse.h"

#include <stdlib.h>
#include <string.h>

#include "src/capture/pyerrors.h"
#include "src/common/i18n.h"
#include "src/common/status.h"
#include "src/export/render.h"
#include "src/graph/rootpath.h"
#include "src/graph/typedelta.h"
#include "src/introspect/compat.h"
#include "src/introspect/labels.h"
#include "src/introspect/nodelabel.h"
#include "src/introspect/typename.h"
#include "src/model/browser.h"
#include "src/model/model.h"
#include "src/py/analysis.h"
#include "src/py/annotated.h"
#include "src/py/census.h"
#include "src/py/objectgraph.h"
#include "src/py/og_queries.h"

#define GRAPH(self) ((rc_ObjectGraph *)(self))

struct live {
	struct rc_model model;
	rc_ObjectGraph *graph;       /* strong reference */
	char **type_name;            /* UTF-8 copies, model.ntypes of them */
	uint64_t *address;
	PyThreadState *released;     /* while waiting for a key */
	/* browse(since=...): the new vertices (model.shown) and each
	 * type's changes; empty and NULL otherwise. */
	struct rc_nodeset shown;
	int64_t *count_delta, *size_delta;
};

/* ---------------------------------------------------------- callbacks */

/* Append a str's UTF-8 to out (lone surrogates escaped). */
static int
append_str(struct rc_buf *out, PyObject *str)
{
	PyObject *bytes = PyUnicode_AsEncodedString(str, "utf-8", "backslashreplace");

	if (bytes == NULL)
		return -1;
	rc_buf_append(out, PyBytes_AS_STRING(bytes), (size_t)PyBytes_GET_SIZE(bytes));
	Py_DECREF(bytes);
	return out->failed ? -1 : 0;
}

/* Report a failed callback in out, clearing the exception. */
static int
failed(struct rc_buf *out)
{
	PyObject *type, *value, *tb;

	PyErr_Fetch(&type, &value, &tb);
	PyObject *msg = value ? PyObject_Str(value) : NULL;
	if (msg == NULL || append_str(out, msg) < 0)
		rc_buf_puts(out, "?");
	PyErr_Clear();
	Py_XDECREF(msg);
	Py_XDECREF(type);
	Py_XDECREF(value);
	Py_XDECREF(tb);
	return -1;
}

/* One line: the node label's lines but the last (the address, which
 * has a column of its own), joined by spaces. */
static int
live_summary(void *ctx, uint32_t v, struct rc_buf *out)
{
	struct live *L = ctx;
	PyObject *label = rc_vertex_label((PyObject *)L->graph, v);
	PyObject *line = label ? rc_label_summary(label) : NULL;

	Py_XDECREF(label);
	if (line == NULL)
		return failed(out);
	int rc = append_str(out, line);
	Py_DECREF(line);
	return rc;
}

static int
live_edge_label(void *ctx, uint32_t e, struct rc_buf *out)
{
	struct live *L = ctx;
	const struct rc_heap *h = &L->graph->heap;
	uint32_t tail = rc_graph_tail(&h->g, e), head = h->g.out_dst[e];

	if (L->graph->edge_objs != NULL) {   /* a record: its annotation */
		PyObject *a = ((rc_AnnotatedEdge *)L->graph->edge_objs[e])->annotation;
		if (!PyUnicode_Check(a))
			return 0;
		return append_str(out, a) == 0 ? 1 : -1;
	}
	PyObject *label = rc_label_edge(rc_heap_obj(h, tail), rc_heap_obj(h, head),
					rc_graph_parallel_rank(&h->g, e));
	if (label == NULL)
		return failed(out);
	int rc = label == Py_None ? 0 : append_str(out, label) == 0 ? 1 : -1;
	Py_DECREF(label);
	return rc;
}

/* model.h: tracemalloc's most recent frame of v's allocation. */
static int
live_allocated_at(void *ctx, uint32_t v, struct rc_buf *out)
{
	struct live *L = ctx;
	PyObject *frames = rc_allocation_frames(rc_heap_obj(&L->graph->heap, v));

	if (frames == NULL)
		return failed(out);
	int rc = 0;
	if (frames != Py_None && PyTuple_GET_SIZE(frames) > 0) {
		PyObject *top = PyTuple_GET_ITEM(frames, 0);
		const char *file = NULL;
		long line = 0;
		if (PyTuple_Check(top) && PyTuple_GET_SIZE(top) >= 2
		    && PyUnicode_Check(PyTuple_GET_ITEM(top, 0))) {
			file = PyUnicode_AsUTF8(PyTuple_GET_ITEM(top, 0));
			line = PyLong_AsLong(PyTuple_GET_ITEM(top, 1));
		}
		if (file == NULL || (line == -1 && PyErr_Occurred())) {
			PyErr_Clear();
		} else {
			const char *slash = strrchr(file, '/');
			rc_buf_printf(out, "%s:%ld", slash ? slash + 1 : file, line);
			rc = out->failed ? -1 : 1;
		}
	}
	Py_DECREF(frames);
	return rc;
}

/* model.h: refcycle._watch's entries ((id, type name, reason) and a weak
 * reference or None) whose object is a vertex of this graph: the same
 * address, the same type name, and the same object as the weak
 * reference's, when there is one. */
static int
live_watched(void *ctx, uint32_t **ids, uint32_t *n)
{
	struct live *L = ctx;
	const struct rc_heap *h = &L->graph->heap;
	PyObject *mod = PyImport_ImportModule("refcycle._watch");
	PyObject *entries = mod ? PyObject_GetAttrString(mod, "_watched") : NULL;
	PyObject *refs = entries ? PyObject_GetAttrString(mod, "_refs") : NULL;
	int rc = RC_OK;

	*ids = NULL;
	*n = 0;
	Py_XDECREF(mod);
	if (refs == NULL || !PyList_Check(entries) || !PyList_Check(refs)
	    || PyList_GET_SIZE(entries) != PyList_GET_SIZE(refs)) {
		PyErr_Clear();   /* nothing watched, or not as expected: none */
		Py_XDECREF(entries);
		Py_XDECREF(refs);
		return RC_OK;
	}
	Py_ssize_t k = PyList_GET_SIZE(entries);
	*ids = malloc(((size_t)k + 1) * sizeof **ids);
	if (*ids == NULL)
		rc = RC_ENOMEM;
	for (Py_ssize_t i = 0; rc == RC_OK && i < k; i++) {
		PyObject *e = PyList_GET_ITEM(entries, i), *ref = PyList_GET_ITEM(refs, i);
		if (!PyTuple_Check(e) || PyTuple_GET_SIZE(e) < 2 || !PyLong_Check(PyTuple_GET_ITEM(e, 0)))
			continue;
		void *addr = PyLong_AsVoidPtr(PyTuple_GET_ITEM(e, 0));
		uint32_t v = addr ? rc_heap_index(h, (PyObject *)addr) : RC_NONE;
		if (v == RC_NONE) {
			PyErr_Clear();
			continue;
		}
		PyObject *obj = rc_heap_obj(h, v);
		PyObject *name = rc_type_name(Py_TYPE(obj));
		int same = name && PyUnicode_Check(PyTuple_GET_ITEM(e, 1))
			&& PyUnicode_Compare(name, PyTuple_GET_ITEM(e, 1)) == 0;
		Py_XDECREF(name);
		PyErr_Clear();
		if (same && ref != Py_None && PyWeakref_CheckRef(ref))
			same = ((PyWeakReference *)ref)->wr_object == obj;
		if (same)
			(*ids)[(*n)++] = v;
	}
	Py_DECREF(entries);
	Py_DECREF(refs);
	return rc;
}

static enum rc_root_kind
live_root_kind(void *ctx, uint32_t v)
{
	struct live *L = ctx;

	return rc_analysis_root_kind((PyObject *)L->graph, v);
}

/* model.h: the browser's picture, rendered in-process (the GIL held:
 * graphviz's state is global). */
static int
live_export_image(void *ctx, const char *dot, const char *path, struct rc_buf *err)
{
	(void)ctx;
	return rc_render(dot, rc_render_format_of(path), path, err) == RC_RENDER_OK ? 0 : -1;
}

static void
live_wait_begin(void *ctx)
{
	struct live *L = ctx;
	L->released = PyEval_SaveThread();
}

static void
live_wait_end(void *ctx)
{
	struct live *L = ctx;
	PyEval_RestoreThread(L->released);
	L->released = NULL;
}

/* A pending signal (Ctrl-C sent from elsewhere, SIGTERM ...) stops the
 * browser; its exception is raised when browse() returns. */
static int
live_interrupted(void *ctx)
{
	(void)ctx;
	return PyErr_Occurred() != NULL || PyErr_CheckSignals() < 0;
}

/* The graph's dominator tree into the model. */
static void
live_take_dominators(struct live *L, const struct rc_analysis *a)
{
	struct rc_model *m = &L->model;

	m->retained = a->dv.retained;
	m->type_retained = a->dv.group_retained;
	m->idom = a->dv.dom.idom;
	m->dom_off = a->dv.kid_off;
	m->dom_kids = a->dv.kids;
}

static int
live_analysis_poll(void *ctx, uint64_t *done, uint64_t *total, struct rc_buf *err)
{
	struct live *L = ctx;
	int r = rc_analysis_dominators_poll((PyObject *)L->graph, done, total);

	if (r > 0) {
		live_take_dominators(L, GRAPH(L->graph)->analysis);
	} else if (r < 0) {
		/* Out of memory, or a cancel: the browser says so. */
		rc_buf_puts(err, PyErr_ExceptionMatches(PyExc_MemoryError) ? _("out of memory")
			    : _("stopped"));
		PyErr_Clear();
	}
	return r;
}

/* ------------------------------------------------------ building it */

static void
live_free(struct live *L)
{
	if (L->type_name != NULL)
		for (uint32_t t = 0; t < L->model.ntypes; t++)
			free(L->type_name[t]);
	free(L->type_name);
	free(L->address);
	rc_nodeset_free(&L->shown);
	free(L->count_delta);
	free(L->size_delta);
	Py_CLEAR(L->graph);
}

/* The comparison with an earlier snapshot, decided as refcycle.diff(since,
 * graph) decides it: a vertex is new when since does not hold it (by
 * identity: since keeps each of its objects alive, so no new object can
 * have an old one's address), gone when since holds it and no root
 * reaches it without going through a refcycle graph (only since keeps it
 * alive: it would have been freed); the two graphs themselves are
 * neither.  The changes are per row of the types view, a type object
 * (two classes of one name have a row each; their changes add up to
 * diff()'s counts and sizes for that name): new minus gone, so a type
 * whose objects died since shows a negative change, which a difference
 * of the two snapshots' counts would never show (since still holds
 * them).  L's model is complete but for these. */
static int
live_compare(struct live *L, rc_ObjectGraph *since)
{
	const struct rc_heap *h = &L->graph->heap;
	struct rc_analysis *a = rc_analysis_roots((PyObject *)L->graph);
	struct rc_nodeset reached = {0, NULL}, gone = {0, NULL};
	size_t ntypes = (size_t)L->model.ntypes + 1;
	int status;

	if (a == NULL)
		return -1;
	status = rc_nodeset_init(&L->shown, h->n);
	if (status == RC_OK)
		status = rc_nodeset_init(&reached, h->n);
	if (status == RC_OK)
		status = rc_nodeset_init(&gone, h->n);
	if (status == RC_OK)
		status = rc_reach_from(&h->g, &a->roots, &a->tool, &reached);
	for (uint32_t v = 0; status == RC_OK && v < h->n; v++) {
		PyObject *obj = rc_heap_obj(h, v);

		if (obj == (PyObject *)since || obj == (PyObject *)L->graph)
			continue;
		if (rc_heap_index(&since->heap, obj) == RC_NONE)
			rc_nodeset_add(&L->shown, v);
		else if (!rc_nodeset_has(&reached, v))
			rc_nodeset_add(&gone, v);
	}
	if (status == RC_OK) {
		L->count_delta = malloc(ntypes * sizeof *L->count_delta);
		L->size_delta = malloc(ntypes * sizeof *L->size_delta);
		status = L->count_delta && L->size_delta ? RC_OK : RC_ENOMEM;
	}
	if (status == RC_OK)
		status = rc_type_deltas(L->model.type_of, L->model.size, h->n, L->model.ntypes,
					&L->shown, &gone, L->count_delta, L->size_delta);
	rc_nodeset_free(&reached);
	rc_nodeset_free(&gone);
	if (status != RC_OK)
		return rc_status_error(status);
	L->model.shown = &L->shown;
	L->model.type_count_delta = L->count_delta;
	L->model.type_size_delta = L->size_delta;
	return 0;
}

/* The comparison with a census (refcycle.census()), decided as
 * diff(census, graph) decides it: a vertex is new when the census did
 * not count it (the same address and type); each row's change is its
 * objects and bytes now minus what the census counted of that type, so
 * types whose objects died show it although nothing of them is left. */
static int
live_compare_census(struct live *L, PyObject *census)
{
	const struct rc_heap *h = &L->graph->heap;
	struct rc_analysis *a = rc_analysis_types((PyObject *)L->graph);
	uint32_t ntypes = L->model.ntypes;
	int status;

	if (a == NULL)
		return -1;
	status = rc_nodeset_init(&L->shown, h->n);
	L->count_delta = calloc((size_t)ntypes + 1, sizeof *L->count_delta);
	L->size_delta = calloc((size_t)ntypes + 1, sizeof *L->size_delta);
	if (status != RC_OK || L->count_delta == NULL || L->size_delta == NULL)
		return rc_status_error(RC_ENOMEM);
	for (uint32_t v = 0; v < h->n; v++) {
		PyObject *obj = rc_heap_obj(h, v);
		L->count_delta[L->model.type_of[v]]++;
		L->size_delta[L->model.type_of[v]] += (int64_t)L->model.size[v];
		if (obj == (PyObject *)L->graph)
			continue;
		int had = rc_census_had(census, obj);
		if (had < 0)
			return -1;
		if (!had)
			rc_nodeset_add(&L->shown, v);
	}
	for (uint32_t t = 0; t < ntypes; t++) {
		uint64_t count, bytes;
		if (rc_census_type_tally(census, a->types.types[t], &count, &bytes) < 0)
			return -1;
		L->count_delta[t] -= (int64_t)count;
		L->size_delta[t] -= (int64_t)bytes;
	}
	L->model.shown = &L->shown;
	L->model.type_count_delta = L->count_delta;
	L->model.type_size_delta = L->size_delta;
	return 0;
}

/* Types and sizes (the graph's analysis), type names and addresses of
 * every vertex, in C arrays; with since (else NULL), the comparison with
 * that earlier snapshot (live_compare). */
static int
live_init(struct live *L, rc_ObjectGraph *graph, PyObject *since)
{
	const struct rc_heap *h = &graph->heap;
	struct rc_analysis *a = rc_analysis_types((PyObject *)graph);

	memset(L, 0, sizeof *L);
	/* The dominators are computed while the first screen is shown. */
	if (a == NULL || rc_analysis_dominators_start((PyObject *)graph) < 0)
		return -1;
	L->graph = (rc_ObjectGraph *)Py_NewRef((PyObject *)graph);
	L->address = malloc(((size_t)h->n + 1) * sizeof *L->address);
	L->type_name = calloc((size_t)a->types.n + 1, sizeof *L->type_name);
	if (L->address == NULL || L->type_name == NULL) {
		PyErr_NoMemory();
		return -1;
	}
	L->model.ntypes = a->types.n;
	for (uint32_t v = 0; v < h->n; v++)
		L->address[v] = (uint64_t)(uintptr_t)rc_heap_obj(h, v);
	for (uint32_t t = 0; t < a->types.n; t++) {
		PyObject *name = rc_typekey_name(a->types.types[t]);
		const char *utf8 = name ? PyUnicode_AsUTF8(name) : NULL;
		L->type_name[t] = utf8 ? strdup(utf8) : NULL;
		Py_XDECREF(name);
		if (L->type_name[t] == NULL) {
			if (!PyErr_Occurred())
				PyErr_NoMemory();
			return -1;
		}
	}

	struct rc_model *m = &L->model;
	m->g = &h->g;
	m->type_of = a->type_of;
	m->type_name = (const char *const *)L->type_name;
	m->size = a->size;
	m->roots = &a->roots;
	if (a->have_dom)
		live_take_dominators(L, a);
	else
		m->analysis_poll = live_analysis_poll;
	m->address = L->address;
	m->summary = live_summary;
	m->edge_label = live_edge_label;
	m->root_kind = live_root_kind;
	m->allocated_at = live_allocated_at;
	m->watched = live_watched;
	m->export_image = live_export_image;
	m->wait_begin = live_wait_begin;
	m->wait_end = live_wait_end;
	m->interrupted = live_interrupted;
	m->ctx = L;
	if (since != NULL && PyObject_TypeCheck(since, &rc_Census_Type))
		return live_compare_census(L, since);
	if (since != NULL && live_compare(L, (rc_ObjectGraph *)since) < 0)
		return -1;
	return 0;
}

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
static PyObject *
browse_impl(PyObject *args, PyObject *kwds, PyObject *graph, PyObject *focus, PyObject *since)
{
	PyObject *result = NULL;
	struct rc_buf err = RC_BUF_INIT;
	struct live L;

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
		if (rc_heap_snapshot_excluding(&heap, own, kwds ? 2 : 1) < 0)
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
	if (live_init(&L, GRAPH(graph), since == Py_None ? NULL : since) < 0) {
		live_free(&L);
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
		result = Py_NewRef(rc_heap_obj(&L.graph->heap, yanked));
	} else {
		result = Py_NewRef(Py_None);
	}
	rc_buf_free(&err);
	live_free(&L);
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
