/* og_store.c - ObjectGraph.save(path) and refcycle.load(path): a graph to a
 * snapshot file (src/store) and back, as an AnnotatedGraph of records.
 *
 * Saving reads each object once for its summary and each referrer once
 * for its edges' labels (as an export does), and keeps only the UTF-8,
 * interned: Python strings live one at a time.  Loading keeps the file's
 * arrays and makes records only when asked for (og_lazy.c). */
#include <Python.h>
#include <config.h>

#include "src/py/og_store.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "src/common/i18n.h"
#include "src/common/status.h"
#include "src/introspect/compat.h"
#include "src/introspect/labels.h"
#include "src/introspect/nodelabel.h"
#include "src/py/analysis.h"
#include "src/py/annotated.h"
#include "src/py/objectgraph.h"
#include "src/py/og_describe.h"
#include "src/py/og_export.h"
#include "src/py/og_labels.h"
#include "src/py/og_lazy.h"
#include "src/py/progress.h"
#include "src/store/snapfile.h"
#include "src/store/snapjob.h"
#include "src/store/strtab.h"

#define GRAPH(self) ((rc_ObjectGraph *)(self))

/* ------------------------------------------------------------- saving */

/* What save() builds before writing: the snapshot's arrays. */
struct saving {
	struct rc_strtab strings;
	uint32_t *type_name, *summary, *label;
	uint32_t *allocated;   /* or NULL: tracemalloc was not tracing */
	uint64_t *address;
	uint8_t *root;
	/* Progress: vertices gathered, referrers labelled, (sites,) the
	 * file written, one unit per vertex each. */
	struct rc_progress_report rep;
	uint64_t done, total;
};

/* Every this many units, look for signals and tell the callback. */
#define SAVE_TICK 4096u

/* units more done; -1 with an exception when a ^C or the progress
 * callback stops the save. */
static int
save_tick(struct saving *S, uint64_t units)
{
	uint64_t before = S->done;

	S->done += units;
	if (before / SAVE_TICK == S->done / SAVE_TICK)
		return 0;
	if (PyErr_CheckSignals() < 0)
		return -1;
	return rc_progress_report(&S->rep, "save", S->done, S->total, 0);
}

static void
saving_free(struct saving *S)
{
	rc_strtab_free(&S->strings);
	free(S->type_name);
	free(S->summary);
	free(S->label);
	free(S->allocated);
	free(S->address);
	free(S->root);
}

/* The id of str's UTF-8 (lone surrogates escaped), or RC_NONE with an
 * exception. */
static uint32_t
intern(struct saving *S, PyObject *str)
{
	size_t len;
	const char *text = rc_label_ascii(str, &len);
	PyObject *bytes = NULL;

	if (text == NULL) {
		bytes = rc_label_utf8(str);
		if (bytes == NULL)
			return RC_NONE;
		text = PyBytes_AS_STRING(bytes);
		len = (size_t)PyBytes_GET_SIZE(bytes);
	}
	uint32_t id = rc_strtab_intern(&S->strings, text, len);
	Py_XDECREF(bytes);
	if (id == RC_NONE)
		PyErr_NoMemory();
	return id;
}

/* A vertex's address: id(obj), or a record's id. */
static uint64_t
vertex_address(rc_ObjectGraph *g, uint32_t v)
{
	if (g->lazy != NULL)
		return g->lazy->snap.address[v];
	PyObject *obj = rc_heap_obj(&g->heap, v);

	if (g->id_map != NULL && PyObject_TypeCheck(obj, &rc_AnnotatedVertex_Type)) {
		unsigned long long id = PyLong_AsUnsignedLongLongMask(((rc_AnnotatedVertex *)obj)->id);
		if (id == (unsigned long long)-1 && PyErr_Occurred())
			PyErr_Clear();
		return id;
	}
	return (uint64_t)(uintptr_t)obj;
}

static int
save_vertices(PyObject *self, struct saving *S)
{
	rc_ObjectGraph *g = GRAPH(self);

	for (uint32_t v = 0; v < g->heap.n; v++) {
		PyObject *line = rc_vertex_summary(self, v);
		S->summary[v] = line ? intern(S, line) : RC_NONE;
		Py_XDECREF(line);
		if (S->summary[v] == RC_NONE)
			return -1;
		S->address[v] = vertex_address(g, v);
		S->root[v] = (uint8_t)rc_analysis_root_kind(self, v);
		if (save_tick(S, 1) < 0)
			return -1;
	}
	return 0;
}

/* Where vertex v was allocated, "file:line" as a str: a record's, or
 * tracemalloc's most recent frame for an object; None when unknown.
 * New reference, NULL with an exception. */
static PyObject *
allocation_site(rc_ObjectGraph *g, uint32_t v)
{
	if (g->lazy != NULL) {
		const struct rc_snap *s = &g->lazy->snap;
		if (s->allocated == NULL || s->allocated[v] == RC_NONE)
			Py_RETURN_NONE;
		return Py_XNewRef(rc_lazy_string(g->lazy, s->allocated[v]));
	}
	PyObject *obj = rc_heap_obj(&g->heap, v);

	if (g->id_map != NULL) {
		PyObject *a = PyObject_TypeCheck(obj, &rc_AnnotatedVertex_Type)
			? ((rc_AnnotatedVertex *)obj)->allocated : NULL;
		return Py_NewRef(a != NULL ? a : Py_None);
	}
	PyObject *frames = rc_allocation_frames(obj);
	if (frames == NULL)
		return NULL;
	if (frames == Py_None || PyTuple_GET_SIZE(frames) == 0) {
		Py_DECREF(frames);
		Py_RETURN_NONE;
	}
	PyObject *top = PyTuple_GET_ITEM(frames, 0), *site = NULL;
	if (PyTuple_Check(top) && PyTuple_GET_SIZE(top) >= 2)
		site = PyUnicode_FromFormat("%S:%S", PyTuple_GET_ITEM(top, 0),
					    PyTuple_GET_ITEM(top, 1));
	else
		site = Py_NewRef(Py_None);
	Py_DECREF(frames);
	return site;
}

/* The allocation sites, when any is known: S->allocated stays NULL (no
 * section in the file) when tracemalloc is not tracing and no record has
 * one. */
static int
save_allocated(PyObject *self, struct saving *S)
{
	rc_ObjectGraph *g = GRAPH(self);
	int known = rc_og_has_records(g);

	if (!known) {
		PyObject *tracemalloc = PyImport_ImportModule("tracemalloc");
		PyObject *on = tracemalloc ? PyObject_CallMethod(tracemalloc, "is_tracing", NULL)
			: NULL;
		Py_XDECREF(tracemalloc);
		if (on == NULL)
			return -1;
		known = PyObject_IsTrue(on) == 1;
		Py_DECREF(on);
		if (!known)
			return 0;
	}
	S->allocated = malloc(((size_t)g->heap.n + 1) * sizeof *S->allocated);
	if (S->allocated == NULL) {
		PyErr_NoMemory();
		return -1;
	}
	S->total += g->heap.n;
	int any = 0;
	for (uint32_t v = 0; v < g->heap.n; v++) {
		PyObject *site = save_tick(S, 1) == 0 ? allocation_site(g, v) : NULL;
		if (site == NULL)
			return -1;
		S->allocated[v] = site == Py_None ? RC_NONE : intern(S, site);
		Py_DECREF(site);
		if (S->allocated[v] == RC_NONE && PyErr_Occurred())
			return -1;
		any |= S->allocated[v] != RC_NONE;
	}
	if (!any) {
		free(S->allocated);
		S->allocated = NULL;
	}
	return 0;
}

/* Labels as strs or None, m of them, to ids. */
static int
intern_labels(struct saving *S, PyObject **labels, uint32_t k, uint32_t *ids)
{
	int rc = 0;

	for (uint32_t i = 0; i < k; i++) {
		if (rc == 0)
			ids[i] = labels[i] == Py_None ? RC_NONE : intern(S, labels[i]);
		if (rc == 0 && ids[i] == RC_NONE && labels[i] != Py_None)
			rc = -1;
		Py_DECREF(labels[i]);
	}
	return rc;
}

/* A loaded graph's labels: the file's strings, as they are. */
static int
save_lazy_labels(const struct rc_lazy *L, uint32_t m, struct saving *S)
{
	const struct rc_snap *s = &L->snap;

	for (uint32_t e = 0; e < m; e++) {
		uint32_t id = s->label[e];
		S->label[e] = id == RC_NONE ? RC_NONE
			: rc_strtab_intern(&S->strings, rc_snap_string(s, id),
					   (size_t)(s->str_off[id + 1] - s->str_off[id] - 1));
		if (S->label[e] == RC_NONE && id != RC_NONE) {
			PyErr_NoMemory();
			return -1;
		}
	}
	return 0;
}

/* Each referrer's structure is read once for all its edges. */
static int
save_labels(rc_ObjectGraph *g, struct saving *S)
{
	const struct rc_heap *h = &g->heap;

	if (g->lazy != NULL) {
		S->done += h->n;
		return save_lazy_labels(g->lazy, h->g.m, S);
	}
	if (g->edge_objs != NULL) {
		for (uint32_t e = 0; e < h->g.m; e++) {
			PyObject *a = ((rc_AnnotatedEdge *)g->edge_objs[e])->annotation;
			S->label[e] = PyUnicode_Check(a) ? intern(S, a) : RC_NONE;
			if (S->label[e] == RC_NONE && PyErr_Occurred())
				return -1;
		}
		S->done += h->n;
		return 0;
	}
	uint32_t maxdeg = 0;
	for (uint32_t v = 0; v < h->n; v++)
		if (rc_graph_degree(&h->g, v, RC_OUT) > maxdeg)
			maxdeg = rc_graph_degree(&h->g, v, RC_OUT);
	PyObject **heads = PyMem_Malloc(((size_t)maxdeg + 1) * sizeof *heads);
	PyObject **labels = PyMem_Malloc(((size_t)maxdeg + 1) * sizeof *labels);
	int rc = heads && labels ? 0 : -1;
	if (rc < 0)
		PyErr_NoMemory();
	for (uint32_t v = 0; rc == 0 && v < h->n; v++) {
		uint32_t first = h->g.out_off[v], deg = h->g.out_off[v + 1] - first;
		for (uint32_t i = 0; i < deg; i++)
			heads[i] = rc_heap_obj(h, h->g.out_dst[first + i]);
		rc = rc_labels_for_edges(rc_heap_obj(h, v), heads, deg, labels);
		if (rc == 0)
			rc = intern_labels(S, labels, deg, S->label + first);
		if (rc == 0)
			rc = save_tick(S, 1);
	}
	PyMem_Free(heads);
	PyMem_Free(labels);
	return rc;
}

static int
save_types(struct rc_analysis *a, struct saving *S)
{
	for (uint32_t t = 0; t < a->types.n; t++) {
		PyObject *name = rc_typekey_name(a->types.types[t]);
		S->type_name[t] = name ? intern(S, name) : RC_NONE;
		Py_XDECREF(name);
		if (S->type_name[t] == RC_NONE)
			return -1;
	}
	return 0;
}

/* "Python 3.11.2, pid 1234": where the snapshot was taken. */
static uint32_t
save_title(struct saving *S)
{
	char title[96];
	const char *version = Py_GetVersion();   /* "3.11.2 (main, ...) ..." */
	int len = snprintf(title, sizeof title, "Python %.*s, pid %ld",
			   (int)strcspn(version, " "), version, (long)getpid());

	return rc_strtab_intern(&S->strings, title, (size_t)len);
}

static int
save_gather(PyObject *self, struct saving *S, struct rc_snap *snap)
{
	rc_ObjectGraph *g = GRAPH(self);
	size_t n = (size_t)g->heap.n + 1, m = (size_t)g->heap.g.m + 1;
	struct rc_analysis *a = rc_analysis_types(self);

	if (a == NULL || rc_analysis_roots(self) == NULL)
		return -1;
	S->type_name = malloc(((size_t)a->types.n + 1) * sizeof *S->type_name);
	S->summary = malloc(n * sizeof *S->summary);
	S->address = malloc(n * sizeof *S->address);
	S->root = malloc(n);
	S->label = malloc(m * sizeof *S->label);
	if (!S->type_name || !S->summary || !S->address || !S->root || !S->label) {
		PyErr_NoMemory();
		return -1;
	}
	if (save_types(a, S) < 0 || save_vertices(self, S) < 0 || save_labels(g, S) < 0
	    || save_allocated(self, S) < 0)
		return -1;
	memset(snap, 0, sizeof *snap);
	snap->g = g->heap.g;   /* borrowed: the writer only reads it */
	snap->ntypes = a->types.n;
	snap->type_name = S->type_name;
	snap->type_of = a->type_of;
	snap->size = a->size;
	snap->address = S->address;
	snap->summary = S->summary;
	snap->root = S->root;
	snap->label = S->label;
	snap->allocated = S->allocated;
	snap->title = save_title(S);
	snap->created = (uint64_t)time(NULL);
	snap->nstrings = S->strings.n;
	snap->str_off = S->strings.off;
	snap->str_data = S->strings.data;
	return 0;
}

const char rc_og_save_doc[] =
"save($self, /, path)\n--\n\n"
"Write the graph to a snapshot file: every vertex's type name, summary,\n"
"shallow size, address and root kind, and every edge with its label.\n"
"refcycle.load(path) reads it back, and refcycle-browse PATH browses it\n"
"without Python.  The file is written whole or not at all.  Raises\n"
"OSError if it cannot be written.";

PyObject *
rc_og_save(PyObject *self, PyObject *arg)
{
	PyObject *path = NULL;
	struct saving S;
	struct rc_snap snap;
	struct rc_buf err = RC_BUF_INIT;
	int rc;

	if (!PyUnicode_FSConverter(arg, &path))
		return NULL;
	memset(&S, 0, sizeof S);
	rc_strtab_init(&S.strings);
	rc_progress_report_begin(&S.rep);
	S.total = 3 * (uint64_t)GRAPH(self)->heap.n;
	/* Millions of labels, and no cycle among them: no collection. */
	int gc_was = rc_capture_gc_pause();
	rc = gc_was < 0 ? -1 : save_gather(self, &S, &snap);
	rc_capture_gc_restore(gc_was);
	if (rc == 0 && snap.title == RC_NONE) {
		PyErr_NoMemory();
		rc = -1;
	}
	if (rc == 0) {
		/* The graph is not changed by anyone while we hold self: its
		 * arrays are only replaced by its own dealloc. */
		Py_BEGIN_ALLOW_THREADS
		rc = rc_snap_write(&snap, PyBytes_AS_STRING(path), &err);
		Py_END_ALLOW_THREADS
		if (rc < 0)
			PyErr_SetString(PyExc_OSError, rc_buf_cstr(&err) ? err.data : _("write failed"));
		else
			rc = rc_progress_report(&S.rep, "save", S.total, S.total, 1);
	}
	saving_free(&S);
	rc_buf_free(&err);
	Py_DECREF(path);
	if (rc < 0)
		return NULL;
	Py_RETURN_NONE;
}

/* ------------------------------------------------------------ loading */

/* Read path on a thread while this one waits with the GIL released,
 * telling the progress callback ("load", bytes done, bytes in all) and
 * looking for signals every 50 ms: the callback's exception or a ^C
 * stops the read (RC_ECANCELED, the exception set). */
static int
read_watched(struct rc_snap *snap, const char *path, struct rc_buf *err)
{
	struct rc_snap_job job;
	struct rc_progress_report rep;
	uint64_t done = 0, total = 0;
	int finished = 0, stop = 0, rc;

	rc_progress_report_begin(&rep);
	if (rc_snap_job_start(&job, path) != RC_OK) {
		Py_BEGIN_ALLOW_THREADS
		rc = rc_snap_read(snap, path, err);
		Py_END_ALLOW_THREADS
		return rc;
	}
	while (!finished && !stop) {
		Py_BEGIN_ALLOW_THREADS
		finished = rc_snap_job_wait(&job, 50);
		Py_END_ALLOW_THREADS
		rc_progress_read(&job.progress, &done, &total);
		stop = PyErr_CheckSignals() < 0
			|| (!finished && rc_progress_report(&rep, "load", done, total, 0) < 0);
	}
	if (stop)
		rc_progress_cancel(&job.progress);
	Py_BEGIN_ALLOW_THREADS
	rc = rc_snap_job_finish(&job, snap, err);
	Py_END_ALLOW_THREADS
	if (stop) {
		if (rc == RC_OK)
			rc_snap_free(snap);
		return RC_ECANCELED;
	}
	/* The last call; with after=0, a read too quick to be told about
	 * is told once it is done. */
	if (rc == RC_OK && rc_progress_report(&rep, "load", total, total, rep.reported) < 0) {
		rc_snap_free(snap);
		return RC_ECANCELED;
	}
	return rc;
}

const char rc_load_doc[] =
"load($module, /, path)\n--\n\n"
"Read a snapshot file written by ObjectGraph.save() as an AnnotatedGraph:\n"
"its vertices are AnnotatedVertex records (id, annotation, type_name,\n"
"size, root) rather than live objects, its edges AnnotatedEdge records\n"
"with their labels, and every query of ObjectGraph works on it.  Raises\n"
"OSError if the file cannot be read, ValueError if it is not a valid\n"
"snapshot (truncated, corrupt, or of another format version).";

PyObject *
rc_load(PyObject *module, PyObject *arg)
{
	PyObject *path = NULL;
	struct rc_snap snap;
	struct rc_buf err = RC_BUF_INIT;
	int rc;
	(void)module;

	if (!PyUnicode_FSConverter(arg, &path))
		return NULL;
	rc = read_watched(&snap, PyBytes_AS_STRING(path), &err);
	PyObject *result = NULL;
	if (rc == RC_ECANCELED) {
		/* The callback's or the signal's exception is set. */
	} else if (rc == RC_EIO) {
		PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, arg);
	} else if (rc < 0) {
		PyErr_SetString(PyExc_ValueError, rc_buf_cstr(&err) ? err.data : _("invalid snapshot"));
	} else {
		result = rc_lazy_graph(&snap);   /* takes snap over */
	}
	rc_buf_free(&err);
	Py_DECREF(path);
	return result;
}
