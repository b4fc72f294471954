/* og_labels.c - the labels of a graph for the writers (see og_labels.h). */
#include <Python.h>
#include <config.h>

#include "src/py/og_labels.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/i18n.h"
#include "src/introspect/compat.h"
#include "src/introspect/labels.h"
#include "src/introspect/nodelabel.h"
#include "src/py/annotated.h"
#include "src/py/og_lazy.h"


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

void
rc_labels_free(struct labels *L)
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

int
rc_labels_alloc(struct labels *L, uint32_t n, uint32_t m)
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
		rc_labels_free(L);
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

/* og_labels.h */
const char *
rc_label_ascii(PyObject *str, size_t *len)
{
	if (!PyUnicode_IS_COMPACT_ASCII(str))
		return NULL;
	const char *text = (const char *)PyUnicode_DATA(str);
	*len = (size_t)PyUnicode_GET_LENGTH(str);
	return memchr(text, '\0', *len) == NULL ? text : NULL;
}

/* str's label text (in form dot_text) appended to buf with its NUL, at
 * *off.  0, or -1 with an exception. */
static int
append_text(struct rc_buf *buf, PyObject *str, int dot_text, size_t *off)
{
	size_t len;
	const char *text = rc_label_ascii(str, &len);
	PyObject *bytes = NULL;

	if (text == NULL) {
		bytes = label_utf8_as(str, dot_text);
		if (bytes == NULL)
			return -1;
		text = PyBytes_AS_STRING(bytes);
		len = (size_t)PyBytes_GET_SIZE(bytes);
	}
	*off = buf->len;
	rc_buf_append(buf, text, len + 1);
	Py_XDECREF(bytes);
	if (buf->failed) {
		PyErr_NoMemory();
		return -1;
	}
	return 0;
}

/* In arena mode, label *str's UTF-8 into the arena at off[i] (SIZE_MAX
 * for None), and *str dropped.  0, or -1 with an exception. */
static int
keep_text(struct labels *L, PyObject **str, size_t *off, uint32_t i)
{
	if (off == NULL)
		return 0;
	off[i] = SIZE_MAX;
	int rc = *str == Py_None ? 0 : append_text(&L->arena, *str, L->dot_text, &off[i]);
	Py_CLEAR(*str);
	return rc;
}

/* Labels of an object graph: node labels from the objects' structure,
 * edge labels read once per referrer.  Node labels are refcycle's
 * annotations (DOT label text), or with detailed the browser's (plain
 * text: with the address, a frame's function and thread). */
int
rc_labels_of_objects(rc_ObjectGraph *g, struct labels *L, int detailed)
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

int
rc_labels_gather(rc_ObjectGraph *g, struct labels *L, int detailed, struct rc_progress_report *rep)
{
	if (rc_labels_alloc(L, g->heap.n, g->heap.g.m) < 0)
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
			rc_labels_free(L);
			PyErr_NoMemory();
			return -1;
		}
		int rc = rc_labels_of_objects(g, L, detailed);
		for (uint32_t v = 0; rc == 0 && v < L->n; v++)
			L->vtext[v] = L->arena.data + L->voff[v];
		for (uint32_t e = 0; rc == 0 && e < L->m; e++)
			L->etext[e] = L->eoff[e] == SIZE_MAX ? NULL : L->arena.data + L->eoff[e];
		L->done += (uint64_t)L->n + L->m;
		if (rc < 0)
			rc_labels_free(L);
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
		rc_labels_free(L);
	return rc;
}

void
rc_labels_view(rc_ObjectGraph *g, const struct labels *L, struct rc_lgraph *lg)
{
	lg->g = &g->heap.g;
	lg->vertex_id = L->vid;
	lg->vertex_label = L->vtext;
	lg->edge_id = L->eid;
	lg->edge_label = L->etext;
	lg->dot_text = L->dot_text;
	lg->source = NULL;
}

/* ------------------------------------------------------------ streaming */

/* The strs behind the last out-edges' labels dropped. */
static void
stream_drop_edges(struct label_stream *s)
{
	for (uint32_t i = 0; i < s->nestr; i++)
		Py_DECREF(s->estr[i]);
	s->nestr = 0;
}

/* The text of a label str: its own characters when they serve
 * (rc_label_ascii), else converted into scratch at *off. */
static int
stream_text(struct label_stream *s, PyObject *str, const char **text, size_t *off)
{
	size_t len;

	*off = SIZE_MAX;
	*text = rc_label_ascii(str, &len);
	if (*text != NULL)
		return 0;
	return append_text(&s->scratch, str, !s->detailed, off);
}

static int
stream_vertex(void *ctx, uint32_t v, const char **label)
{
	struct label_stream *s = ctx;
	const struct rc_heap *h = &s->g->heap;
	PyObject *obj = rc_heap_obj(h, v);
	size_t off;

	Py_CLEAR(s->vstr);
	s->scratch.len = 0;
	s->vstr = s->detailed ? rc_node_label(obj, rc_heap_frame_thread(h, v))
		: rc_node_annotation(obj);
	if (s->vstr == NULL || stream_text(s, s->vstr, label, &off) < 0)
		return -1;
	if (off != SIZE_MAX)
		*label = s->scratch.data + off;
	return 0;
}

static int
stream_edges(void *ctx, uint32_t v, const char *const **labels)
{
	struct label_stream *s = ctx;
	const struct rc_heap *h = &s->g->heap;
	uint32_t first = h->g.out_off[v], deg = h->g.out_off[v + 1] - first;

	stream_drop_edges(s);
	s->scratch.len = 0;
	for (uint32_t i = 0; i < deg; i++)
		s->heads[i] = rc_heap_obj(h, h->g.out_dst[first + i]);
	if (rc_labels_for_edges(rc_heap_obj(h, v), s->heads, deg, s->estr) < 0)
		return -1;
	s->nestr = deg;
	for (uint32_t i = 0; i < deg; i++) {
		s->etext[i] = NULL;
		s->eoff[i] = SIZE_MAX;
		if (s->estr[i] != Py_None
		    && stream_text(s, s->estr[i], &s->etext[i], &s->eoff[i]) < 0)
			return -1;
	}
	/* Only now: the scratch may have moved as it grew. */
	for (uint32_t i = 0; i < deg; i++)
		if (s->eoff[i] != SIZE_MAX)
			s->etext[i] = s->scratch.data + s->eoff[i];
	*labels = s->etext;
	return 0;
}

void
rc_label_stream_close(struct label_stream *s)
{
	stream_drop_edges(s);
	Py_CLEAR(s->vstr);
	PyMem_Free(s->vid);
	PyMem_Free(s->heads);
	PyMem_Free(s->estr);
	PyMem_Free(s->etext);
	PyMem_Free(s->eoff);
	rc_buf_free(&s->scratch);
	memset(s, 0, sizeof *s);
}

int
rc_label_stream_open(rc_ObjectGraph *g, struct label_stream *s, int detailed)
{
	const struct rc_graph *gr = &g->heap.g;
	size_t most = 1;

	memset(s, 0, sizeof *s);
	s->g = g;
	s->detailed = detailed;
	for (uint32_t v = 0; v < gr->n; v++)
		if (gr->out_off[v + 1] - gr->out_off[v] > most)
			most = gr->out_off[v + 1] - gr->out_off[v];
	s->most = (uint32_t)most;
	s->vid = PyMem_Malloc(((size_t)gr->n + 1) * sizeof *s->vid);
	s->heads = PyMem_Malloc(most * sizeof *s->heads);
	s->estr = PyMem_Malloc(most * sizeof *s->estr);
	s->etext = PyMem_Malloc(most * sizeof *s->etext);
	s->eoff = PyMem_Malloc(most * sizeof *s->eoff);
	if (!s->vid || !s->heads || !s->estr || !s->etext || !s->eoff) {
		rc_label_stream_close(s);
		PyErr_NoMemory();
		return -1;
	}
	for (uint32_t v = 0; v < gr->n; v++)
		s->vid[v] = (int64_t)(intptr_t)rc_heap_obj(&g->heap, v);
	s->source.vertex = stream_vertex;
	s->source.edges = stream_edges;
	s->source.ctx = s;
	return 0;
}

void
rc_label_stream_view(struct label_stream *s, struct rc_lgraph *lg)
{
	memset(lg, 0, sizeof *lg);
	lg->g = &s->g->heap.g;
	lg->vertex_id = s->vid;
	lg->dot_text = !s->detailed;
	lg->source = &s->source;
}
