/* livemodel.c - the model over a live graph (see livemodel.h); split
 * from browse.c, which ObjectGraph.report() shares it with. */
#include <Python.h>
#include <config.h>

#include "src/py/livemodel.h"

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
#include "src/py/analysis.h"
#include "src/py/annotated.h"
#include "src/py/census.h"
#include "src/py/og_describe.h"
#include "src/py/og_lazy.h"


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
	struct rc_live *L = ctx;
	PyObject *line = rc_vertex_summary((PyObject *)L->graph, v);

	if (line == NULL)
		return failed(out);
	int rc = append_str(out, line);
	Py_DECREF(line);
	return rc;
}

static int
live_edge_label(void *ctx, uint32_t e, struct rc_buf *out)
{
	struct rc_live *L = ctx;
	const struct rc_heap *h = &L->graph->heap;
	uint32_t tail = rc_graph_tail(&h->g, e), head = h->g.out_dst[e];

	if (L->graph->edge_objs != NULL) {   /* a record: its annotation */
		PyObject *rec = rc_og_edge_record(L->graph, e);
		if (rec == NULL)
			return failed(out);
		PyObject *a = ((rc_AnnotatedEdge *)rec)->annotation;
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
	struct rc_live *L = ctx;
	PyObject *obj = rc_og_obj(L->graph, v);
	PyObject *frames = obj ? rc_allocation_frames(obj) : NULL;

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
	struct rc_live *L = ctx;
	const struct rc_heap *h = &L->graph->heap;
	PyObject *mod = PyImport_ImportModule("refcycle._watch");
	PyObject *entries = mod ? PyObject_GetAttrString(mod, "_watched") : NULL;
	PyObject *refs = entries ? PyObject_GetAttrString(mod, "_refs") : NULL;
	int rc = RC_OK;

	*ids = NULL;
	*n = 0;
	Py_XDECREF(mod);
	if (L->graph->lazy != NULL) {   /* records of a file: none is watched */
		Py_XDECREF(entries);
		Py_XDECREF(refs);
		return RC_OK;
	}
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
	struct rc_live *L = ctx;

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

/* Start the dominators' thread, which builds the in-edges first (any
 * thread that needs them meanwhile waits for it: graph.h).  On the
 * browser's first poll or first wait for a key, whichever comes first.
 * 0, or -1 with an exception (also noted in start_failed). */
static int
live_start_analysis(struct rc_live *L)
{
	if (!L->unstarted)
		return 0;
	L->unstarted = 0;
	if (rc_analysis_dominators_start((PyObject *)L->graph) < 0) {
		L->start_failed = 1;
		return -1;
	}
	return 0;
}

/* The cyclic collector off (1 if it was on), or back on.  A key's work
 * allocates a few Python objects (labels, summaries); one of them may
 * set off a full collection of the whole heap (300 ms at 5,000,000
 * objects), so the collector waits while the browser holds the GIL and
 * runs again while it waits for keys (when the program's threads run). */
static int
collector_off(void)
{
	int was = rc_capture_gc_pause();

	PyErr_Clear();
	return was == 1;
}

static void
collector_on(void)
{
	rc_capture_gc_restore(1);
}

static void
live_wait_begin(void *ctx)
{
	struct rc_live *L = ctx;

	if (live_start_analysis(L) < 0)
		PyErr_Clear();   /* the next poll says so */
	if (L->collector_held)
		collector_on();
	L->collector_held = 0;
	L->released = PyEval_SaveThread();
}

static void
live_wait_end(void *ctx)
{
	struct rc_live *L = ctx;
	PyEval_RestoreThread(L->released);
	L->released = NULL;
	L->collector_held = collector_off();
}

/* A pending signal (Ctrl-C sent from elsewhere, SIGTERM ...) stops the
 * browser; its exception is raised when browse() returns. */
static int
live_interrupted(void *ctx)
{
	(void)ctx;
	return PyErr_Occurred() != NULL || PyErr_CheckSignals() < 0;
}

/* ------------------------------------------------------ building it */

void
rc_live_free(struct rc_live *L)
{
	if (L->collector_held)
		collector_on();
	L->collector_held = 0;
	rc_render_warm_wait();
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
live_compare(struct rc_live *L, rc_ObjectGraph *since)
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
		PyObject *obj = rc_og_obj(L->graph, v);

		if (obj == NULL) {
			rc_nodeset_free(&reached);
			rc_nodeset_free(&gone);
			return -1;
		}
		if (obj == (PyObject *)since || obj == (PyObject *)L->graph)
			continue;
		if (rc_og_index(since, obj) == RC_NONE)
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
live_compare_census(struct rc_live *L, PyObject *census)
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
		PyObject *obj = rc_og_obj(L->graph, v);
		if (obj == NULL)
			return -1;
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

/* model.h: the dominator tree computed on its thread (analysis.h). */
static int
live_analysis_poll(void *ctx, uint64_t *done, uint64_t *total, struct rc_buf *err)
{
	struct rc_live *L = ctx;
	int r = L->start_failed || live_start_analysis(L) < 0 ? -1
		: rc_analysis_dominators_poll((PyObject *)L->graph, done, total);

	if (r > 0) {
		rc_model_set_dominators(&L->model, &L->graph->analysis->dv);
		/* graphviz gets ready for a picture (render.h) now: before,
		 * the threads of the type index and the in-edges, which the
		 * first keys wait for, have the cores. */
		rc_render_warm_start();
	} else if (r < 0) {
		/* Out of memory, or a cancel: the browser says so. */
		rc_buf_puts(err, !PyErr_Occurred() || PyErr_ExceptionMatches(PyExc_MemoryError)
			    ? _("out of memory") : _("stopped"));
		PyErr_Clear();
	}
	return r;
}

int
rc_live_init(struct rc_live *L, rc_ObjectGraph *graph, PyObject *since, int background)
{
	const struct rc_heap *h = &graph->heap;
	struct rc_analysis *a = rc_analysis_types((PyObject *)graph);

	memset(L, 0, sizeof *L);
	if (a == NULL)
		return -1;
	/* The browser shows its first screen before the dominators are
	 * computed (live_start_analysis); the report needs them at once. */
	L->graph = (rc_ObjectGraph *)Py_NewRef((PyObject *)graph);
	L->unstarted = background;
	if (background ? rc_analysis_roots((PyObject *)graph) == NULL
	    : rc_analysis_dominators((PyObject *)graph) == NULL)
		return -1;
	/* A snapshot's objects are their ids; a graph of records has its
	 * records' addresses copied. */
	int records = PyObject_TypeCheck((PyObject *)graph, &rc_AnnotatedGraph_Type);
	L->address = records ? malloc(((size_t)h->n + 1) * sizeof *L->address) : NULL;
	L->type_name = calloc((size_t)a->types.n + 1, sizeof *L->type_name);
	if ((records && L->address == NULL) || L->type_name == NULL) {
		PyErr_NoMemory();
		return -1;
	}
	L->model.ntypes = a->types.n;
	/* A loaded graph's: the addresses saved (its records' ids). */
	for (uint32_t v = 0; records && v < h->n; v++)
		L->address[v] = graph->lazy ? graph->lazy->snap.address[v]
			: (uint64_t)(uintptr_t)rc_heap_obj(h, v);
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
		rc_model_set_dominators(m, &a->dv);
	else
		m->analysis_poll = live_analysis_poll;
	m->address = L->address;
	m->objects = L->address == NULL ? (const void *const *)h->objs : NULL;
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

