/* og_export.c - ObjectGraph and AnnotatedGraph export: DOT, refcycle's
 * JSON, images rendered in-process by graphviz, annotated copies.
 *
 * Labels are computed once per export, for the edges of this graph only
 * (a subgraph, typically), then handed to the plain-C writers in
 * src/export as UTF-8 (og_labels.c). */
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
#include "src/py/og_labels.h"
#include "src/py/og_picture.h"
#include "src/py/progress.h"

#define GRAPH(self) ((rc_ObjectGraph *)(self))

/* Past this many vertices, dot's layout takes minutes: with
 * detailed=False, export_image refuses unless max_nodes is raised. */
#define DEFAULT_MAX_NODES 2000
/* A picture in the house style draws at most this many by default (the
 * rest said in notes): laid out in about a second. */
#define DEFAULT_PICTURE_NODES 500

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

	if (rc_labels_gather(GRAPH(self), &L, detailed, NULL) < 0)
		return NULL;
	rc_labels_view(GRAPH(self), &L, &lg);
	if (w(&out, &lg) == 0 && rc_buf_cstr(&out) != NULL)
		text = PyUnicode_DecodeUTF8(out.data, (Py_ssize_t)out.len, "replace");
	else
		PyErr_NoMemory();
	rc_buf_free(&out);
	rc_labels_free(&L);
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
 * (the GIL released meanwhile), telling the progress callback how far
 * it has come: after `base` units of `total` (labels made up front), the
 * writer's. */
struct export_out {
	struct rc_file_out file;
	struct rc_progress_report *rep;
	uint64_t base, total;
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
	if (PyErr_CheckSignals() < 0
	    || rc_progress_report(x->rep, "export", x->base + done, x->total, 0) < 0)
		return RC_ECANCELED;
	return 0;
}

/* Write the labelled graph lg to path; 0, or -1 with an exception (a
 * failed write, a ^C, the callback's, a label source's): the file is then
 * left as it was. */
static int
export_write(const struct rc_lgraph *lg, const char *path, struct rc_progress_report *rep,
	     uint64_t base, uint64_t total)
{
	struct export_out x = {.rep = rep, .base = base, .total = total};
	struct rc_json_sink sink = {export_flush, &x};
	struct rc_buf out = RC_BUF_INIT, err = RC_BUF_INIT;

	if (rc_file_open_atomic(&x.file, path, &err) < 0) {
		raise_buf(PyExc_OSError, &err);
		return -1;
	}
	int rc = rc_json_write_to(&out, lg, &sink);
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
	return rc_progress_report(rep, "export", total, total, 1);
}

/* A live graph's JSON, its labels made as they are written. */
static int
export_streamed(rc_ObjectGraph *g, const char *path, int detailed,
		struct rc_progress_report *rep)
{
	struct label_stream s;
	struct rc_lgraph lg;

	if (rc_label_stream_open(g, &s, detailed) < 0)
		return -1;
	rc_label_stream_view(&s, &lg);
	int rc = export_write(&lg, path, rep, 0, 2 * (uint64_t)g->heap.n);
	rc_label_stream_close(&s);
	return rc;
}

/* A loaded or annotated graph's JSON, its labels gathered first. */
static int
export_gathered(rc_ObjectGraph *g, const char *path, int detailed,
		struct rc_progress_report *rep)
{
	struct labels L;
	struct rc_lgraph lg;

	if (rc_labels_gather(g, &L, detailed, rep) < 0)
		return -1;
	rc_labels_view(g, &L, &lg);
	/* After the labels' units, the writer's two per vertex. */
	int rc = export_write(&lg, path, rep, L.total - 2 * (uint64_t)L.n, L.total);
	rc_labels_free(&L);
	return rc;
}

PyObject *
rc_og_export_json(PyObject *self, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = {"filename", "detailed", NULL};
	PyObject *filename;
	int detailed = 0;
	struct rc_progress_report rep;
	rc_ObjectGraph *g = GRAPH(self);

	if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|$p:export_json", kwlist, &filename,
					 &detailed))
		return NULL;
	PyObject *path = fs_path(filename);
	if (path == NULL)
		return NULL;
	rc_progress_report_begin(&rep);
	int rc;
	if (g->lazy == NULL && g->edge_objs == NULL)
		rc = export_streamed(g, PyBytes_AS_STRING(path), detailed, &rep);
	else
		rc = export_gathered(g, PyBytes_AS_STRING(path), detailed, &rep);
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
	if (rc_labels_alloc(&L, GRAPH(self)->heap.n, GRAPH(self)->heap.g.m) < 0)
		return NULL;
	PyObject *result = NULL;
	int rc = rc_labels_of_objects(GRAPH(self), &L, detailed);
	for (uint32_t v = 0; rc == 0 && detailed && v < L.n; v++)
		rc = plain_to_dot_text(&L.vstr[v]);
	if (rc == 0)
		result = rc_annotated_from_graph(GRAPH(self), L.vstr, L.estr);
	rc_labels_free(&L);
	return result;
}
