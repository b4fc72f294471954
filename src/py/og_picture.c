/* og_picture.c - a graph's picture in the house style (see og_picture.h).
 *
 * The style itself (records, marks, legend, notes) is src/export/style.c,
 * which the browser uses too; this file reads the objects: type names
 * from the type slot, summaries from nodelabel.c, sizes through
 * sizes.c, edge labels through labels.c.  No user code runs. */
#include <Python.h>
#include <config.h>

#include "src/py/og_picture.h"

#include <stdlib.h>
#include <string.h>

#include "src/capture/pyerrors.h"
#include "src/common/i18n.h"
#include "src/common/status.h"
#include "src/export/style.h"
#include "src/graph/subgraph.h"
#include "src/introspect/labels.h"
#include "src/introspect/compat.h"
#include "src/introspect/nodelabel.h"
#include "src/introspect/sizes.h"
#include "src/introspect/typename.h"
#include "src/py/analysis.h"
#include "src/py/annotated.h"
#include "src/py/og_export.h"
#include "src/py/og_labels.h"

/* ---------------------------------------------------------------- hints */

int
rc_picture_inherit(rc_ObjectGraph *sub, rc_ObjectGraph *src, const uint32_t *nodes, uint32_t k)
{
	struct rc_picture_hints *from = src->hints;
	const uint64_t *retained = from && from->retained ? from->retained
		: src->analysis && src->analysis->have_dom ? src->analysis->dv.retained : NULL;
	struct rc_picture_hints *h = PyMem_Calloc(1, sizeof *h);

	if (h == NULL) {
		PyErr_NoMemory();
		return -1;
	}
	h->focus = RC_NONE;
	h->root = PyMem_Malloc((size_t)k + 1);
	h->retained = retained ? PyMem_Malloc(((size_t)k + 1) * sizeof *h->retained) : NULL;
	sub->hints = h;
	if (h->root == NULL || (retained && h->retained == NULL)) {
		PyErr_NoMemory();
		return -1;
	}
	for (uint32_t i = 0; i < k; i++) {
		h->root[i] = (uint8_t)(from ? from->root[nodes[i]]
				       : rc_analysis_root_kind((PyObject *)src, nodes[i]));
		if (retained)
			h->retained[i] = retained[nodes[i]];
	}
	return 0;
}

void
rc_picture_set_focus(PyObject *sub, uint32_t v)
{
	if (sub != NULL && ((rc_ObjectGraph *)sub)->hints != NULL)
		((rc_ObjectGraph *)sub)->hints->focus = v;
}

void
rc_picture_hints_free(rc_ObjectGraph *g)
{
	struct rc_picture_hints *h = g->hints;

	g->hints = NULL;
	if (h == NULL)
		return;
	PyMem_Free(h->root);
	PyMem_Free(h->retained);
	PyMem_Free(h);
}

/* ----------------------------------------------------- objects as marks */

/* Mark in marks[] (n entries) the vertex of each object arg names: one
 * vertex, or a list or tuple of them.  0, or -1 with ValueError naming
 * what is not a vertex. */
static int
mark_objects(rc_ObjectGraph *g, PyObject *arg, const char *what, unsigned flag, unsigned *marks)
{
	uint32_t v;

	if (arg == NULL || arg == Py_None)
		return 0;
	if (rc_objectgraph_contains(g, arg) == 1 && rc_objectgraph_vertex(g, arg, &v) == 0) {
		marks[v] |= flag;
		return 0;
	}
	PyErr_Clear();
	if (!PyList_Check(arg) && !PyTuple_Check(arg)) {
		PyErr_Format(PyExc_ValueError, _("%s: the %.100s object at %p is not a vertex of the graph"),
			     what, Py_TYPE(arg)->tp_name, (void *)arg);
		return -1;
	}
	Py_ssize_t n = PyList_Check(arg) ? PyList_GET_SIZE(arg) : PyTuple_GET_SIZE(arg);
	for (Py_ssize_t i = 0; i < n; i++) {
		PyObject *obj = PyList_Check(arg) ? PyList_GET_ITEM(arg, i) : PyTuple_GET_ITEM(arg, i);
		if (rc_objectgraph_vertex(g, obj, &v) < 0) {
			PyErr_Clear();
			PyErr_Format(PyExc_ValueError,
				     _("%s: the %.100s object at %p is not a vertex of the graph"),
				     what, Py_TYPE(obj)->tp_name, (void *)obj);
			return -1;
		}
		marks[v] |= flag;
	}
	return 0;
}

/* Counts of {id(obj): n} added to count[] (indexed by vertex). */
static int
add_counts(rc_ObjectGraph *g, PyObject *dict, uint32_t *count)
{
	PyObject *key, *value;
	Py_ssize_t pos = 0;

	if (dict == NULL || dict == Py_None)
		return 0;
	if (!PyDict_Check(dict)) {
		PyErr_SetString(PyExc_TypeError, _("more_in and more_out must be dicts"));
		return -1;
	}
	while (PyDict_Next(dict, &pos, &key, &value)) {
		void *addr = PyLong_Check(key) ? PyLong_AsVoidPtr(key) : NULL;
		long n = PyLong_Check(value) ? PyLong_AsLong(value) : -1;
		if (PyErr_Occurred())
			return -1;
		uint32_t v = addr ? rc_og_index_address(g, addr) : RC_NONE;
		if (PyErr_Occurred())
			return -1;
		if (v != RC_NONE && n > 0)
			count[v] += (uint32_t)(n > UINT32_MAX / 2 ? UINT32_MAX / 2 : n);
	}
	return 0;
}

/* ---------------------------------------------------------------- texts */

/* The texts of a picture, in one buffer: offsets while it grows. */
struct texts {
	struct rc_buf b;
	size_t *type, *body, *label;   /* SIZE_MAX: none */
};

static size_t
put_str(struct texts *t, PyObject *str)
{
	PyObject *bytes = str ? rc_label_utf8(str) : NULL;
	size_t at = t->b.len;

	if (bytes == NULL)
		return SIZE_MAX - 1;   /* an exception is set */
	rc_buf_append(&t->b, PyBytes_AS_STRING(bytes), (size_t)PyBytes_GET_SIZE(bytes));
	rc_buf_append(&t->b, "", 1);
	Py_DECREF(bytes);
	return at;
}

/* DOT label text (a record's annotation) as graphviz shows it, in place:
 * a backslash-n, -l or -r breaks the line, an escaped backslash is one,
 * any other backslash stays. */
static void
dot_text_shown(char *s)
{
	char *d = s;

	for (; *s; s++) {
		if (s[0] == '\\' && (s[1] == 'n' || s[1] == 'l' || s[1] == 'r')) {
			*d++ = '\n';
			s++;
		} else if (s[0] == '\\' && s[1] == '\\') {
			*d++ = '\\';
			s++;
		} else {
			*d++ = *s;
		}
	}
	*d = '\0';
}

/* A vertex's summary lines: a record's annotation, or an object's label
 * without its address (shown on a row of its own) and, when more lines
 * follow, without its first, the kind refcycle names ("object",
 * "frame", "function"...: the record's first row gives the type). */
static size_t
put_body(struct texts *t, rc_ObjectGraph *g, uint32_t v, int record)
{
	PyObject *obj = rc_og_obj(g, v);   /* made by the caller */
	PyObject *label = !record ? rc_vertex_label((PyObject *)g, v)
		: PyUnicode_Check(((rc_AnnotatedVertex *)obj)->annotation)
		? Py_NewRef(((rc_AnnotatedVertex *)obj)->annotation) : PyUnicode_FromString("?");
	size_t at = put_str(t, label);

	Py_XDECREF(label);
	if (at >= SIZE_MAX - 1 || t->b.failed)
		return at;
	char *s = t->b.data + at;
	if (record) {
		dot_text_shown(s);
		t->b.len = at + strlen(s) + 1;
		return at;
	}
	char *last = strrchr(s, '\n');
	if (last != NULL)
		*last = '\0';
	char *first = strchr(s, '\n');
	if (first != NULL)
		memmove(s, first + 1, strlen(first + 1) + 1);
	t->b.len = at + strlen(s) + 1;
	return at;
}

static const char *
text_at(const struct texts *t, size_t at)
{
	return at == SIZE_MAX ? NULL : t->b.data + at;
}

/* ---------------------------------------------------------- the picture */

static int
is_record(rc_ObjectGraph *g, PyObject *obj)
{
	return rc_og_has_records(g) && PyObject_TypeCheck(obj, &rc_AnnotatedVertex_Type);
}

/* The shallow size of vertex v: the analysis's if it has one, a record's
 * own, or through the type's C __sizeof__. */
static uint64_t
size_of(rc_ObjectGraph *g, uint32_t v, PyObject *obj, int record)
{
	if (g->analysis != NULL && g->analysis->have_types)
		return g->analysis->size[v];
	if (record) {
		PyObject *size = ((rc_AnnotatedVertex *)obj)->size;
		long long value = size && PyLong_Check(size) ? PyLong_AsLongLong(size) : -1;
		if (value < 0) {
			PyErr_Clear();
			return RC_STYLE_NO_SIZE;
		}
		return (uint64_t)value;
	}
	PyObject *method = rc_sizeof_method(Py_TYPE(obj));
	if (method == NULL) {
		PyErr_Clear();
		return RC_STYLE_NO_SIZE;
	}
	uint64_t size = rc_shallow_size(obj, method);
	Py_DECREF(method);
	return size;
}

static uint64_t
retained_of(rc_ObjectGraph *g, uint32_t v)
{
	if (g->hints != NULL)
		return g->hints->retained ? g->hints->retained[v] : RC_STYLE_NO_SIZE;
	if (g->analysis != NULL && g->analysis->have_dom)
		return g->analysis->dv.retained[v];
	return RC_STYLE_NO_SIZE;
}

static enum rc_root_kind
root_of(rc_ObjectGraph *g, uint32_t v)
{
	return g->hints ? (enum rc_root_kind)g->hints->root[v]
		: rc_analysis_root_kind((PyObject *)g, v);
}

/* Vertex texts and figures of the kept vertices (x[i] for kept[i]). */
static int
gather_vertices(rc_ObjectGraph *g, const uint32_t *kept, uint32_t k, const unsigned *marks,
		struct texts *t, struct rc_style_vertex *x)
{
	for (uint32_t i = 0; i < k; i++) {
		uint32_t v = kept[i];
		PyObject *obj = rc_og_obj(g, v);
		if (obj == NULL)
			return -1;
		int record = is_record(g, obj);
		PyObject *type = NULL;
		if (!record)
			type = rc_type_name(Py_TYPE(obj));
		else if (((rc_AnnotatedVertex *)obj)->type_name != NULL
			 && PyUnicode_Check(((rc_AnnotatedVertex *)obj)->type_name))
			type = Py_NewRef(((rc_AnnotatedVertex *)obj)->type_name);
		t->type[i] = type ? put_str(t, type) : SIZE_MAX;
		Py_XDECREF(type);
		t->body[i] = put_body(t, g, v, record);
		if (t->type[i] == SIZE_MAX - 1 || t->body[i] == SIZE_MAX - 1)
			return -1;
		x[i].id = record ? 0 : (int64_t)(intptr_t)obj;
		if (record && PyLong_Check(((rc_AnnotatedVertex *)obj)->id)) {
			x[i].id = PyLong_AsLongLong(((rc_AnnotatedVertex *)obj)->id);
			if (PyErr_Occurred())
				return -1;
		}
		x[i].address = record ? 0 : (uint64_t)(uintptr_t)obj;
		x[i].size = size_of(g, v, obj, record);
		x[i].retained = retained_of(g, v);
		x[i].root = root_of(g, v);
		x[i].marks = marks[v];
	}
	return 0;
}

/* Edge labels of sub (edge e is g's edge_map[e]; its vertex i is
 * kept[i]): a record's own, or read once per referrer. */
static int
gather_edges(rc_ObjectGraph *g, const struct rc_graph *sub, const uint32_t *kept,
	     const uint32_t *edge_map, struct texts *t)
{
	PyObject **heads = PyMem_Malloc(((size_t)sub->m + 1) * sizeof *heads);
	PyObject **labels = PyMem_Calloc((size_t)sub->m + 1, sizeof *labels);
	int rc = 0;

	if (heads == NULL || labels == NULL) {
		PyMem_Free(heads);
		PyMem_Free(labels);
		PyErr_NoMemory();
		return -1;
	}
	for (uint32_t i = 0; rc == 0 && i < sub->n; i++) {
		uint32_t first = sub->out_off[i], deg = sub->out_off[i + 1] - first;
		if (g->edge_objs != NULL) {
			for (uint32_t j = 0; rc == 0 && j < deg; j++) {
				PyObject *r = rc_og_edge_record(g, edge_map[first + j]);
				PyObject *a = r ? ((rc_AnnotatedEdge *)r)->annotation : NULL;
				labels[first + j] = a && PyUnicode_Check(a) ? Py_NewRef(a) : Py_NewRef(Py_None);
				rc = r ? 0 : -1;
			}
			continue;
		}
		for (uint32_t j = 0; j < deg; j++)
			heads[j] = rc_heap_obj(&g->heap, kept[sub->out_dst[first + j]]);
		rc = rc_labels_for_edges(rc_heap_obj(&g->heap, kept[i]), heads, deg, labels + first);
	}
	for (uint32_t e = 0; e < sub->m; e++) {
		if (rc == 0) {
			t->label[e] = labels[e] == NULL || labels[e] == Py_None ? SIZE_MAX
				: put_str(t, labels[e]);
			if (t->label[e] == SIZE_MAX - 1)
				rc = -1;
		}
		Py_XDECREF(labels[e]);
	}
	PyMem_Free(heads);
	PyMem_Free(labels);
	return rc;
}

/* The picture of the kept vertices, written to out. */
static int
write_kept(rc_ObjectGraph *g, const struct rc_nodelist *kept, const unsigned *marks,
	   const uint32_t *more_in, const uint32_t *more_out, struct rc_buf *out)
{
	struct rc_graph sub = {0, 0, NULL, NULL, NULL, NULL};
	uint32_t *edge_map = NULL;
	uint32_t k = kept->len;
	int status = rc_induced_subgraph(&g->heap.g, kept->ids, k, &sub, &edge_map);
	if (status != RC_OK) {
		rc_status_raise(status);
		return -1;
	}
	struct texts t = {RC_BUF_INIT, NULL, NULL, NULL};
	struct rc_style_vertex *x = PyMem_Calloc((size_t)k + 1, sizeof *x);
	const char **elabel = PyMem_Calloc((size_t)sub.m + 1, sizeof *elabel);
	t.type = PyMem_Malloc(((size_t)k + 1) * sizeof *t.type);
	t.body = PyMem_Malloc(((size_t)k + 1) * sizeof *t.body);
	t.label = PyMem_Malloc(((size_t)sub.m + 1) * sizeof *t.label);
	int rc = -1;
	if (x == NULL || elabel == NULL || t.type == NULL || t.body == NULL || t.label == NULL)
		PyErr_NoMemory();
	else if (gather_vertices(g, kept->ids, k, marks, &t, x) == 0
		 && gather_edges(g, &sub, kept->ids, edge_map, &t) == 0) {
		if (t.b.failed) {
			PyErr_NoMemory();
		} else {
			for (uint32_t i = 0; i < k; i++) {
				x[i].type = text_at(&t, t.type[i]);
				x[i].body = text_at(&t, t.body[i]);
				x[i].more_in = more_in[i];
				x[i].more_out = more_out[i];
			}
			for (uint32_t e = 0; e < sub.m; e++)
				elabel[e] = text_at(&t, t.label[e]);
			struct rc_style_graph sg = {&sub, x, elabel, g->heap.n - k, 1};
			rc = rc_style_write(out, &sg) == RC_OK ? 0 : -1;
			if (rc < 0)
				PyErr_NoMemory();
		}
	}
	rc_buf_free(&t.b);
	PyMem_Free(t.type);
	PyMem_Free(t.body);
	PyMem_Free(t.label);
	PyMem_Free(x);
	PyMem_Free(elabel);
	rc_graph_free(&sub);
	free(edge_map);
	return rc;
}

static uint32_t
limit(Py_ssize_t value)
{
	return value <= 0 ? 0 : value >= (Py_ssize_t)UINT32_MAX ? UINT32_MAX : (uint32_t)value;
}

int
rc_picture_dot(PyObject *self, const struct rc_picture_args *pa, struct rc_buf *out)
{
	rc_ObjectGraph *g = (rc_ObjectGraph *)self;
	uint32_t n = g->heap.n;
	unsigned *marks = PyMem_Calloc((size_t)n + 1, sizeof *marks);
	uint32_t *in_count = PyMem_Calloc((size_t)n + 1, sizeof *in_count);
	uint32_t *out_count = PyMem_Calloc((size_t)n + 1, sizeof *out_count);
	uint32_t *more_in = NULL, *more_out = NULL;
	struct rc_nodelist seeds, kept;
	int rc = -1;

	rc_nodelist_init(&seeds);
	rc_nodelist_init(&kept);
	if (marks == NULL || in_count == NULL || out_count == NULL) {
		PyErr_NoMemory();
		goto out;
	}
	if (pa->focus == NULL || pa->focus == Py_None) {
		if (g->hints != NULL && g->hints->focus != RC_NONE)
			marks[g->hints->focus] |= RC_STYLE_FOCUS;
	} else if (mark_objects(g, pa->focus, "focus", RC_STYLE_FOCUS, marks) < 0) {
		goto out;
	}
	if (mark_objects(g, pa->highlight, "highlight", RC_STYLE_HIGHLIGHT, marks) < 0
	    || add_counts(g, pa->more_in, in_count) < 0 || add_counts(g, pa->more_out, out_count) < 0)
		goto out;
	int status = RC_OK;
	for (uint32_t v = 0; status == RC_OK && v < n; v++)
		if (marks[v] & RC_STYLE_FOCUS)
			status = rc_nodelist_push(&seeds, v);
	if (status == RC_OK)
		status = rc_style_select(&g->heap.g, seeds.ids, seeds.len, limit(pa->max_nodes),
					 limit(pa->too_many), &kept, &more_in, &more_out);
	if (status != RC_OK) {
		rc_status_raise(status);
		goto out;
	}
	for (uint32_t i = 0; i < kept.len; i++) {
		more_in[i] += in_count[kept.ids[i]];
		more_out[i] += out_count[kept.ids[i]];
	}
	rc = write_kept(g, &kept, marks, more_in, more_out, out);
out:
	PyMem_Free(marks);
	PyMem_Free(in_count);
	PyMem_Free(out_count);
	free(more_in);
	free(more_out);
	rc_nodelist_free(&seeds);
	rc_nodelist_free(&kept);
	return rc;
}

PyObject *
rc_og_image_dot(PyObject *self, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = {"focus", "highlight", "more_in", "more_out", "max_nodes",
				 "too_many", NULL};
	struct rc_picture_args pa = {Py_None, Py_None, Py_None, Py_None, 0, 0};
	struct rc_buf out = RC_BUF_INIT;

	if (!PyArg_ParseTupleAndKeywords(args, kwds, "|$OOOOnn:_image_dot", kwlist, &pa.focus,
					 &pa.highlight, &pa.more_in, &pa.more_out, &pa.max_nodes,
					 &pa.too_many))
		return NULL;
	if (rc_picture_dot(self, &pa, &out) < 0) {
		rc_buf_free(&out);
		return NULL;
	}
	PyObject *text = rc_buf_cstr(&out) ? PyUnicode_DecodeUTF8(out.data, (Py_ssize_t)out.len,
								 "replace")
		: PyErr_NoMemory();
	rc_buf_free(&out);
	return text;
}
