/* og_export.c - ObjectGraph and AnnotatedGraph export: DOT, refcycle's
 * JSON, images rendered in-process by graphviz, annotated copies.
 *
 * Labels are computed once per export, for the edges of this graph only
 * (a subgraph, typically), then handed to the plain-C writers in
 * src/export as UTF-8. */
#include <Python.h>
#include <config.h>

#include "src/py/og_export.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/file.h"
#include "src/common/i18n.h"
#include "src/common/status.h"
#include "src/export/dot.h"
#include "src/export/dotcmd.h"
#include "src/export/json.h"
#include "src/export/lgraph.h"
#include "src/export/render.h"
#include "src/introspect/compat.h"
#include "src/introspect/labels.h"
#include "src/introspect/nodelabel.h"
#include "src/py/annotated.h"
#include "src/py/objectgraph.h"
#include "src/py/og_lazy.h"
#include "src/py/og_picture.h"
#include "src/py/progress.h"

#define GRAPH(self) ((rc_ObjectGraph *)(self))

/* Past this many vertices, dot's layout takes minutes: with
 * detailed=False, export_image refuses unless max_nodes is raised. */
#define DEFAULT_MAX_NODES 2000
/* A picture in the house style draws at most this many by default (the
 * rest said in notes): laid out in about a second. */
#define DEFAULT_PICTURE_NODES 500

/* ---------------------------------------------------- gathering labels */

/* The labels of a graph: Python strs (or None for unlabelled edges),
 * their UTF-8 encodings, and the ids the formats name vertices and edges
 * by.  Everything here is owned by the struct. */
struct labels {
	uint32_t n, m;
	PyObject **vstr;       /* n strs */
	PyObject **estr;       /* m strs or None */
	PyObject **vbytes;     /* n bytes: UTF-8 of vstr */
	PyObject **ebytes;     /* m bytes or NULL */
	const char **vtext;
	const char **etext;
	int64_t *vid;
	int64_t *eid;
	int dot_text;          /* labels are DOT label text (refcycle's), not plain */
	/* export_json's progress (rep NULL: none told): a unit per label
	 * made, then two per vertex written (json.h). */
	struct rc_progress_report *rep;
	uint64_t done, total;
	/* The writers' labels of a live graph: each one's UTF-8 kept in
	 * one arena as soon as it is made, its str dropped (millions of
	 * strs and bytes alive at once cost more than making them), at
	 * offsets voff and eoff (SIZE_MAX: unlabelled); vstr, estr unused.
	 * Off (arena_off NULL) for annotated(), which keeps the strs. */
	struct rc_buf arena;
	size_t *voff, *eoff;
};

/* Every this many units, look for signals and tell the callback. */
#define EXPORT_TICK 4096u

/* units more done; -1 with an exception when a ^C or the progress
 * callback stops the export. */
static int
labels_tick(struct labels *L, uint64_t units)
{
	uint64_t before = L->done;

	L->done += units;
	if (L->rep == NULL || before / EXPORT_TICK == L->done / EXPORT_TICK)
		return 0;
	if (PyErr_CheckSignals() < 0)
		return -1;
	return rc_progress_report(L->rep, "export", L->done, L->total, 0);
}

static void
labels_free(struct labels *L)
{
	for (uint32_t i = 0; i < L->n; i++) {
		if (L->vstr)
			Py_XDECREF(L->vstr[i]);
		if (L->vbytes)
			Py_XDECREF(L->vbytes[i]);
	}
	for (uint32_t i = 0; i < L->m; i++) {
		if (L->estr)
			Py_XDECREF(L->estr[i]);
		if (L->ebytes)
			Py_XDECREF(L->ebytes[i]);
	}
	PyMem_Free(L->vstr);
	PyMem_Free(L->estr);
	PyMem_Free(L->vbytes);
	PyMem_Free(L->ebytes);
	PyMem_Free(L->vtext);
	PyMem_Free(L->etext);
	PyMem_Free(L->vid);
	PyMem_Free(L->eid);
	PyMem_Free(L->voff);
	PyMem_Free(L->eoff);
	rc_buf_free(&L->arena);
	memset(L, 0, sizeof *L);
}

static int
labels_alloc(struct labels *L, uint32_t n, uint32_t m)
{
	memset(L, 0, sizeof *L);
	L->n = n;
	L->m = m;
	L->vstr = PyMem_Calloc((size_t)n + 1, sizeof *L->vstr);
	L->estr = PyMem_Calloc((size_t)m + 1, sizeof *L->estr);
	L->vbytes = PyMem_Calloc((size_t)n + 1, sizeof *L->vbytes);
	L->ebytes = PyMem_Calloc((size_t)m + 1, sizeof *L->ebytes);
	L->vtext = PyMem_Calloc((size_t)n + 1, sizeof *L->vtext);
	L->etext = PyMem_Calloc((size_t)m + 1, sizeof *L->etext);
	L->vid = PyMem_Calloc((size_t)n + 1, sizeof *L->vid);
	L->eid = PyMem_Calloc((size_t)m + 1, sizeof *L->eid);
	if (!L->vstr || !L->estr || !L->vbytes || !L->ebytes || !L->vtext
	    || !L->etext || !L->vid || !L->eid) {
		labels_free(L);
		PyErr_NoMemory();
		return -1;
	}
	return 0;
}

/* bytes with each NUL written as esc (\x00, or in DOT label text \\x00,
 * which shows as \x00). */
static PyObject *
escape_nuls(PyObject *bytes, const char *esc)
{
	const char *s = PyBytes_AS_STRING(bytes);
	Py_ssize_t n = PyBytes_GET_SIZE(bytes), nuls = 0, k = (Py_ssize_t)strlen(esc);

	for (Py_ssize_t i = 0; i < n; i++)
		nuls += s[i] == '\0';
	PyObject *out = PyBytes_FromStringAndSize(NULL, n + (k - 1) * nuls);
	if (out == NULL)
		return NULL;
	char *d = PyBytes_AS_STRING(out);
	for (Py_ssize_t i = 0; i < n; i++) {
		if (s[i] != '\0') {
			*d++ = s[i];
		} else {
			memcpy(d, esc, (size_t)k);
			d += k;
		}
	}
	return out;
}

/* A label as a C string in its form (plain or DOT label text).  A NUL
 * (which a record's annotation may hold) would end it early: written as
 * visible \x00, the rest of the label is kept. */
static PyObject *
label_utf8_as(PyObject *str, int dot_text)
{
	PyObject *bytes = PyUnicode_AsEncodedString(str, "utf-8", "backslashreplace");

	if (bytes == NULL
	    || memchr(PyBytes_AS_STRING(bytes), '\0', (size_t)PyBytes_GET_SIZE(bytes)) == NULL)
		return bytes;
	PyObject *escaped = escape_nuls(bytes, dot_text ? "\\\\x00" : "\\x00");
	Py_DECREF(bytes);
	return escaped;
}

/* objectgraph.h */
PyObject *
rc_label_utf8(PyObject *str)
{
	return label_utf8_as(str, 0);
}

static int
id_value(PyObject *id, int64_t *out)
{
	long long value = PyLong_AsLongLong(id);

	if (value == -1 && PyErr_Occurred()) {
		if (PyErr_ExceptionMatches(PyExc_TypeError)) {
			PyErr_Clear();
			PyErr_Format(PyExc_TypeError, _("an annotated graph's ids must be ints, not %.100s"),
				     Py_TYPE(id)->tp_name);
		}
		return -1;
	}
	*out = value;
	return 0;
}

/* In arena mode, label *str's UTF-8 into the arena at off[i] (SIZE_MAX
 * for None), and *str dropped.  0, or -1 with an exception. */
static int
keep_text(struct labels *L, PyObject **str, size_t *off, uint32_t i)
{
	if (off == NULL)
		return 0;
	if (*str == Py_None) {
		off[i] = SIZE_MAX;
		Py_CLEAR(*str);
		return 0;
	}
	PyObject *bytes = label_utf8_as(*str, L->dot_text);
	Py_CLEAR(*str);
	if (bytes == NULL)
		return -1;
	off[i] = L->arena.len;
	rc_buf_append(&L->arena, PyBytes_AS_STRING(bytes), (size_t)PyBytes_GET_SIZE(bytes) + 1);
	Py_DECREF(bytes);
	if (L->arena.failed) {
		PyErr_NoMemory();
		return -1;
	}
	return 0;
}

/* Labels of an object graph: node labels from the objects' structure,
 * edge labels read once per referrer.  Node labels are refcycle's
 * annotations (DOT label text), or with detailed the browser's (plain
 * text: with the address, a frame's function and thread). */
static int
gather_object_labels(rc_ObjectGraph *g, struct labels *L, int detailed)
{
	const struct rc_heap *h = &g->heap;

	L->dot_text = !detailed;
	for (uint32_t v = 0; v < h->n; v++) {
		PyObject *obj = rc_heap_obj(h, v);
		L->vid[v] = (int64_t)(intptr_t)obj;
		L->vstr[v] = detailed ? rc_node_label(obj, rc_heap_frame_thread(h, v))
			: rc_node_annotation(obj);
		if (L->vstr[v] == NULL || keep_text(L, &L->vstr[v], L->voff, v) < 0
		    || labels_tick(L, 1) < 0)
			return -1;
	}
	PyObject **heads = PyMem_Malloc(((size_t)h->g.m + 1) * sizeof *heads);
	if (heads == NULL) {
		PyErr_NoMemory();
		return -1;
	}
	int rc = 0;
	for (uint32_t v = 0; rc == 0 && v < h->n; v++) {
		uint32_t first = h->g.out_off[v], deg = h->g.out_off[v + 1] - first;
		for (uint32_t i = 0; i < deg; i++)
			heads[i] = rc_heap_obj(h, h->g.out_dst[first + i]);
		rc = rc_labels_for_edges(rc_heap_obj(h, v), heads, deg, L->estr + first);
		for (uint32_t i = 0; rc == 0 && i < deg; i++)
			rc = keep_text(L, &L->estr[first + i], L->eoff, first + i);
		if (rc == 0)
			rc = labels_tick(L, 1);
	}
	PyMem_Free(heads);
	for (uint32_t e = 0; e < h->g.m; e++)
		L->eid[e] = e;
	return rc;
}

/* The texts of a loaded graph: the file's own strings, as they are
 * (checked UTF-8, no NUL): no Python object is made. */
static void
gather_lazy_texts(rc_ObjectGraph *g, struct labels *L)
{
	const struct rc_snap *s = &g->lazy->snap;

	L->dot_text = 1;
	for (uint32_t v = 0; v < g->heap.n; v++) {
		L->vid[v] = (int64_t)s->address[v];
		L->vtext[v] = rc_snap_string(s, s->summary[v]);
	}
	for (uint32_t e = 0; e < g->heap.g.m; e++) {
		L->eid[e] = e;
		L->etext[e] = s->label[e] == RC_NONE ? NULL : rc_snap_string(s, s->label[e]);
	}
	L->done += 3 * (uint64_t)g->heap.n + g->heap.g.m;
}

/* Labels of a loaded graph: what its records would hold, from the
 * file, without making them. */
static int
gather_lazy_labels(rc_ObjectGraph *g, struct labels *L)
{
	struct rc_lazy *lazy = g->lazy;
	const struct rc_snap *s = &lazy->snap;

	L->dot_text = 1;
	for (uint32_t v = 0; v < g->heap.n; v++) {
		L->vid[v] = (int64_t)s->address[v];
		L->vstr[v] = Py_XNewRef(rc_lazy_string(lazy, s->summary[v]));
		if (L->vstr[v] == NULL)
			return -1;
	}
	for (uint32_t e = 0; e < g->heap.g.m; e++) {
		L->eid[e] = e;
		L->estr[e] = Py_XNewRef(s->label[e] == RC_NONE ? Py_None
					: rc_lazy_string(lazy, s->label[e]));
		if (L->estr[e] == NULL)
			return -1;
	}
	return 0;
}

/* Labels of an annotated graph: its records' own, DOT label text as
 * refcycle keeps them. */
static int
gather_record_labels(rc_ObjectGraph *g, struct labels *L)
{
	const struct rc_heap *h = &g->heap;

	if (g->lazy != NULL)
		return gather_lazy_labels(g, L);
	L->dot_text = 1;

	for (uint32_t v = 0; v < h->n; v++) {
		rc_AnnotatedVertex *rec = (rc_AnnotatedVertex *)rc_heap_obj(h, v);
		if (id_value(rec->id, &L->vid[v]) < 0)
			return -1;
		PyObject *a = rec->annotation;
		L->vstr[v] = PyUnicode_Check(a) ? Py_NewRef(a) : PyObject_Str(a);
		if (L->vstr[v] == NULL)
			return -1;
	}
	for (uint32_t e = 0; e < h->g.m; e++) {
		rc_AnnotatedEdge *rec = (rc_AnnotatedEdge *)g->edge_objs[e];
		if (id_value(rec->id, &L->eid[e]) < 0)
			return -1;
		PyObject *a = rec->annotation;
		L->estr[e] = a == Py_None || PyUnicode_Check(a) ? Py_NewRef(a) : PyObject_Str(a);
		if (L->estr[e] == NULL)
			return -1;
	}
	return 0;
}

static int
labels_gather(rc_ObjectGraph *g, struct labels *L, int detailed, struct rc_progress_report *rep)
{
	if (labels_alloc(L, g->heap.n, g->heap.g.m) < 0)
		return -1;
	L->rep = rep;
	/* Labels made (a unit per vertex, then per referrer), encoded (per
	 * label), written (json.h: two per vertex). */
	L->total = 5 * (uint64_t)L->n + L->m;
	if (g->lazy != NULL) {
		gather_lazy_texts(g, L);
		return 0;
	}
	if (g->edge_objs == NULL) {   /* a live graph: its texts in the arena */
		L->voff = PyMem_Calloc((size_t)L->n + 1, sizeof *L->voff);
		L->eoff = PyMem_Calloc((size_t)L->m + 1, sizeof *L->eoff);
		if (L->voff == NULL || L->eoff == NULL) {
			labels_free(L);
			PyErr_NoMemory();
			return -1;
		}
		int rc = gather_object_labels(g, L, detailed);
		for (uint32_t v = 0; rc == 0 && v < L->n; v++)
			L->vtext[v] = L->arena.data + L->voff[v];
		for (uint32_t e = 0; rc == 0 && e < L->m; e++)
			L->etext[e] = L->eoff[e] == SIZE_MAX ? NULL : L->arena.data + L->eoff[e];
		L->done += (uint64_t)L->n + L->m;
		if (rc < 0)
			labels_free(L);
		return rc;
	}
	int rc = gather_record_labels(g, L);
	L->done += 2 * (uint64_t)L->n;
	for (uint32_t v = 0; rc == 0 && v < L->n; v++) {
		L->vbytes[v] = label_utf8_as(L->vstr[v], L->dot_text);
		if (L->vbytes[v] == NULL || labels_tick(L, 1) < 0)
			rc = -1;
		else
			L->vtext[v] = PyBytes_AS_STRING(L->vbytes[v]);
	}
	for (uint32_t e = 0; rc == 0 && e < L->m; e++) {
		if (L->estr[e] == Py_None)
			continue;
		L->ebytes[e] = label_utf8_as(L->estr[e], L->dot_text);
		if (L->ebytes[e] == NULL || labels_tick(L, 1) < 0)
			rc = -1;
		else
			L->etext[e] = PyBytes_AS_STRING(L->ebytes[e]);
	}
	if (rc < 0)
		labels_free(L);
	return rc;
}

static void
labels_view(rc_ObjectGraph *g, const struct labels *L, struct rc_lgraph *lg)
{
	lg->g = &g->heap.g;
	lg->vertex_id = L->vid;
	lg->vertex_label = L->vtext;
	lg->edge_id = L->eid;
	lg->edge_label = L->etext;
	lg->dot_text = L->dot_text;
}

/* ------------------------------------------------------------- writers */

typedef int (*writer)(struct rc_buf *out, const struct rc_lgraph *lg);

/* The graph written by w, as a str. */
static PyObject *
write_text(PyObject *self, writer w, int detailed)
{
	struct labels L;
	struct rc_lgraph lg;
	struct rc_buf out = RC_BUF_INIT;
	PyObject *text = NULL;

	if (labels_gather(GRAPH(self), &L, detailed, NULL) < 0)
		return NULL;
	labels_view(GRAPH(self), &L, &lg);
	if (w(&out, &lg) == 0 && rc_buf_cstr(&out) != NULL)
		text = PyUnicode_DecodeUTF8(out.data, (Py_ssize_t)out.len, "replace");
	else
		PyErr_NoMemory();
	rc_buf_free(&out);
	labels_free(&L);
	return text;
}

/* The keyword-only detailed=False of to_dot, to_json and annotated. */
static int
parse_detailed(PyObject *args, PyObject *kwds, const char *format, int *detailed)
{
	static char *kwlist[] = {"detailed", NULL};

	*detailed = 0;
	return PyArg_ParseTupleAndKeywords(args, kwds, format, kwlist, detailed) ? 0 : -1;
}

PyObject *
rc_og_to_dot(PyObject *self, PyObject *args, PyObject *kwds)
{
	int detailed;

	if (parse_detailed(args, kwds, "|$p:to_dot", &detailed) < 0)
		return NULL;
	return write_text(self, rc_dot_write, detailed);
}

PyObject *
rc_og_to_json(PyObject *self, PyObject *args, PyObject *kwds)
{
	int detailed;

	if (parse_detailed(args, kwds, "|$p:to_json", &detailed) < 0)
		return NULL;
	return write_text(self, rc_json_write, detailed);
}

/* A path argument (str, bytes or os.PathLike) as a bytes object. */
static PyObject *
fs_path(PyObject *arg)
{
	PyObject *bytes = NULL;

	if (!PyUnicode_FSConverter(arg, &bytes))
		return NULL;
	return bytes;
}

/* Raise for a failed write: OSError for I/O, else the given type. */
static PyObject *
raise_buf(PyObject *type, struct rc_buf *err)
{
	const char *msg = rc_buf_cstr(err);
	PyErr_SetString(type, msg ? msg : _("out of memory"));
	rc_buf_free(err);
	return NULL;
}

/* export_json's sink: the JSON written to the file a piece at a time
 * (the GIL released meanwhile), telling the progress callback. */
struct export_out {
	struct rc_file_out file;
	struct labels *L;
};

static int
export_flush(void *ctx, const char *data, size_t len, uint64_t done, uint64_t total)
{
	struct export_out *x = ctx;
	int rc;
	(void)total;

	Py_BEGIN_ALLOW_THREADS
	rc = rc_file_put(&x->file, data, len);
	Py_END_ALLOW_THREADS
	if (rc < 0)
		return -1;   /* commit says why */
	/* After the labels' units, the writer's. */
	x->L->done = x->L->total - 2 * (uint64_t)x->L->n + done;
	if (PyErr_CheckSignals() < 0
	    || rc_progress_report(x->L->rep, "export", x->L->done, x->L->total, 0) < 0)
		return RC_ECANCELED;
	return 0;
}

/* Write the labelled graph to path; 0, or -1 with an exception (a
 * failed write, a ^C, the callback's): the file is then left as it was. */
static int
export_write(rc_ObjectGraph *g, struct labels *L, const char *path)
{
	struct export_out x;
	struct rc_json_sink sink = {export_flush, &x};
	struct rc_lgraph lg;
	struct rc_buf out = RC_BUF_INIT, err = RC_BUF_INIT;

	if (rc_file_open_atomic(&x.file, path, &err) < 0) {
		raise_buf(PyExc_OSError, &err);
		return -1;
	}
	x.L = L;
	labels_view(g, L, &lg);
	int rc = rc_json_write_to(&out, &lg, &sink);
	rc_buf_free(&out);
	if (rc == RC_ECANCELED || (rc < 0 && x.file.errnum == 0)) {
		rc_file_abandon(&x.file);
		if (!PyErr_Occurred())
			PyErr_NoMemory();
		return -1;
	}
	if (rc_file_commit(&x.file, &err) < 0) {
		raise_buf(PyExc_OSError, &err);
		return -1;
	}
	rc_buf_free(&err);
	return rc_progress_report(L->rep, "export", L->total, L->total, 1);
}

PyObject *
rc_og_export_json(PyObject *self, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = {"filename", "detailed", NULL};
	PyObject *filename;
	int detailed = 0;
	struct rc_progress_report rep;
	struct labels L;

	if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|$p:export_json", kwlist, &filename,
					 &detailed))
		return NULL;
	PyObject *path = fs_path(filename);
	if (path == NULL)
		return NULL;
	rc_progress_report_begin(&rep);
	/* Millions of labels, and no cycle among them: no collection. */
	int gc_was = rc_capture_gc_pause();
	int rc = gc_was < 0 ? -1 : labels_gather(GRAPH(self), &L, detailed, &rep);
	rc_capture_gc_restore(gc_was);
	if (rc == 0) {
		rc = export_write(GRAPH(self), &L, PyBytes_AS_STRING(path));
		labels_free(&L);
	}
	Py_DECREF(path);
	if (rc < 0)
		return NULL;
	Py_RETURN_NONE;
}

/* The format from the file name's extension, as refcycle does: "png"
 * when there is none. */
static PyObject *
format_from_filename(PyObject *path)
{
	const char *p = PyBytes_AS_STRING(path);
	const char *slash = strrchr(p, '/');
	const char *dot = strrchr(slash ? slash + 1 : p, '.');

	if (dot == NULL || dot[1] == '\0' || dot == (slash ? slash + 1 : p))
		return PyUnicode_FromString("png");
	return PyUnicode_DecodeFSDefault(dot + 1);
}

/* export_image(dot_executable=PATH): the program at PATH renders, as
 * with refcycle (the GIL released while it runs). */
static PyObject *
render_with_command(PyObject *dot_executable, const char *dot, const char *format,
		    PyObject *path)
{
	PyObject *exe = fs_path(dot_executable);
	struct rc_buf err = RC_BUF_INIT;
	int status;

	if (exe == NULL)
		return NULL;
	Py_BEGIN_ALLOW_THREADS
	status = rc_dotcmd_render(PyBytes_AS_STRING(exe), dot, format, PyBytes_AS_STRING(path),
				  &err);
	Py_END_ALLOW_THREADS
	Py_DECREF(exe);
	if (status != RC_DOTCMD_OK)
		return raise_buf(status == RC_DOTCMD_START ? PyExc_OSError : PyExc_RuntimeError,
				 &err);
	rc_buf_free(&err);
	Py_RETURN_NONE;
}

/* DOT text rendered by the graphviz library to path (bytes): None, or
 * NULL with ValueError (an unknown format), OSError or RuntimeError. */
static PyObject *
render_in_process(const char *dot, const char *format, PyObject *path)
{
	struct rc_buf err = RC_BUF_INIT;
	int status = rc_render(dot, format, PyBytes_AS_STRING(path), &err);

	if (status != RC_RENDER_OK)
		return raise_buf(status == RC_RENDER_FORMAT ? PyExc_ValueError
				 : status == RC_RENDER_IO ? PyExc_OSError
				 : PyExc_RuntimeError, &err);
	rc_buf_free(&err);
	Py_RETURN_NONE;
}

/* A keyword such as too_many: None (*out = none) or an int >= 1. */
static int
parse_count(PyObject *arg, const char *name, Py_ssize_t none, Py_ssize_t *out)
{
	*out = none;
	if (arg == Py_None)
		return 0;
	Py_ssize_t value = PyLong_Check(arg) ? PyLong_AsSsize_t(arg) : -1;
	if (value == -1 && PyErr_Occurred())
		return -1;
	if (value < 1) {
		PyErr_Format(PyExc_ValueError, _("%s must be None or an int of at least 1"), name);
		return -1;
	}
	*out = value;
	return 0;
}

/* The DOT text export_image renders: the house style's picture
 * (og_picture.h), or with detailed=False refcycle's plain annotations. */
static PyObject *
image_dot(PyObject *self, int detailed, const struct rc_picture_args *pa)
{
	if (!detailed)
		return write_text(self, rc_dot_write, 0);
	struct rc_buf out = RC_BUF_INIT;
	PyObject *text = NULL;
	if (rc_picture_dot(self, pa, &out) == 0)
		text = rc_buf_cstr(&out) ? PyUnicode_DecodeUTF8(out.data, (Py_ssize_t)out.len,
								"replace")
			: PyErr_NoMemory();
	rc_buf_free(&out);
	return text;
}

PyObject *
rc_og_export_image(PyObject *self, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = {"filename", "format", "dot_executable", "max_nodes", "detailed",
				 "focus", "too_many", NULL};
	PyObject *filename = NULL, *format = Py_None, *dot_executable = Py_None;
	PyObject *too_many = Py_None, *max_nodes = Py_None;
	struct rc_picture_args pa = {Py_None, Py_None, Py_None, Py_None, 0, 0};
	int detailed = 1;   /* a picture is for people: the house style */
	PyObject *path = NULL, *fmt = NULL, *dot = NULL, *result = NULL;

	if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OOOO$pOO:export_image", kwlist,
					 &filename, &format, &dot_executable, &max_nodes,
					 &detailed, &pa.focus, &too_many)
	    || parse_count(too_many, "too_many", 0, &pa.too_many) < 0
	    || parse_count(max_nodes, "max_nodes",
			   detailed ? DEFAULT_PICTURE_NODES : DEFAULT_MAX_NODES, &pa.max_nodes) < 0)
		return NULL;
	if (!detailed && (Py_ssize_t)GRAPH(self)->heap.n > pa.max_nodes) {
		PyErr_Format(PyExc_ValueError,
			     _("the graph has %u vertices, more than max_nodes=%zd: graphviz would "
			       "take minutes to lay it out; export a smaller subgraph (for "
			       "example ancestors(obj, generations=3)) or raise max_nodes"),
			     (unsigned)GRAPH(self)->heap.n, pa.max_nodes);
		return NULL;
	}
	path = filename ? fs_path(filename) : PyBytes_FromString("refcycle.png");
	if (path == NULL)
		return NULL;
	if (format == Py_None)
		fmt = format_from_filename(path);
	else if (PyUnicode_Check(format))
		fmt = Py_NewRef(format);
	else
		PyErr_Format(PyExc_TypeError, _("format must be a str or None, not %.100s"),
			     Py_TYPE(format)->tp_name);
	const char *fmt_text = fmt ? PyUnicode_AsUTF8(fmt) : NULL;
	if (fmt_text != NULL)
		dot = image_dot(self, detailed, &pa);
	const char *dot_text = dot ? PyUnicode_AsUTF8(dot) : NULL;
	if (dot_text != NULL && dot_executable != Py_None)
		result = render_with_command(dot_executable, dot_text, fmt_text, path);
	else if (dot_text != NULL)
		result = render_in_process(dot_text, fmt_text, path);
	Py_XDECREF(dot);
	Py_XDECREF(fmt);
	Py_DECREF(path);
	return result;
}

/* refcycle._core._render_dot(dot, filename, format=None): DOT text laid
 * out and rendered in-process, as export_image renders a graph's; for the
 * pictures refcycle's Python code composes (show_backrefs, ...). */
PyObject *
rc_render_dot(PyObject *module, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = {"dot", "filename", "format", NULL};
	const char *dot;
	PyObject *filename, *format = Py_None, *fmt = NULL, *result = NULL;

	(void)module;
	if (!PyArg_ParseTupleAndKeywords(args, kwds, "sO|O:_render_dot", kwlist, &dot, &filename,
					 &format))
		return NULL;
	PyObject *path = fs_path(filename);
	if (path == NULL)
		return NULL;
	fmt = format == Py_None ? format_from_filename(path) : Py_NewRef(format);
	const char *fmt_text = fmt ? PyUnicode_AsUTF8(fmt) : NULL;
	if (fmt_text != NULL)
		result = render_in_process(dot, fmt_text, path);
	Py_XDECREF(fmt);
	Py_DECREF(path);
	return result;
}

/* A plain node label (a real newline breaks a line) as DOT label text,
 * which records hold: rc_label_to_file.  Edge labels are one line and
 * kept as they are, as refcycle keeps them. */
static int
plain_to_dot_text(PyObject **label)
{
	if (*label == Py_None)
		return 0;
	PyObject *bytes = rc_label_utf8(*label);
	if (bytes == NULL)
		return -1;
	struct rc_buf out = RC_BUF_INIT;
	rc_label_to_file(&out, PyBytes_AS_STRING(bytes));
	Py_DECREF(bytes);
	PyObject *text = rc_buf_cstr(&out) == NULL ? PyErr_NoMemory()
		: PyUnicode_DecodeUTF8(out.data, (Py_ssize_t)out.len, "replace");
	rc_buf_free(&out);
	if (text == NULL)
		return -1;
	Py_SETREF(*label, text);
	return 0;
}

PyObject *
rc_og_annotated(PyObject *self, PyObject *args, PyObject *kwds)
{
	struct labels L;
	int detailed;

	if (parse_detailed(args, kwds, "|$p:annotated", &detailed) < 0)
		return NULL;
	if (GRAPH(self)->edge_objs != NULL)   /* already annotated */
		return Py_NewRef(self);
	if (labels_alloc(&L, GRAPH(self)->heap.n, GRAPH(self)->heap.g.m) < 0)
		return NULL;
	PyObject *result = NULL;
	int rc = gather_object_labels(GRAPH(self), &L, detailed);
	for (uint32_t v = 0; rc == 0 && detailed && v < L.n; v++)
		rc = plain_to_dot_text(&L.vstr[v]);
	if (rc == 0)
		result = rc_annotated_from_graph(GRAPH(self), L.vstr, L.estr);
	labels_free(&L);
	return result;
}
