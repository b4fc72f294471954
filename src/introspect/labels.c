/* labels.c - edge labels (see labels.h).
 *
 * Two passes over the referrer.  The real one runs its tp_traverse (and
 * rc_capture_visit_hidden: what the capture runs) and
 * counts the visits of each wanted referent.  The mirror reads the
 * referrer's structure and reports the same references in the same order,
 * each with its label.  The k-th visit of a referent gets the k-th label
 * the mirror reported for it, but only when the mirror accounts for as
 * many visits of that referent as the traversal made: otherwise one of
 * them is a reference the mirror does not know, which could be any of
 * them, and every edge to that referent gets None.
 *
 * Where the mirror cannot know the order (fields read from the member
 * table of a type whose tp_traverse is not mirrored here), each such part
 * is a group of its own, and a referent reported from several groups gets
 * labels only when they are all the same.
 *
 * Label forms: refcycle's (key, value[<repr(key)>], item[i], element,
 * attribute names of builtin fields, local 'name'), plus ".name" for an
 * instance attribute held outside any dict (__slots__, and on 3.11+ values
 * kept by the object while it has no __dict__): the dot reads as attribute
 * access and cannot be mistaken for a builtin field or a dict entry.
 * References the mirror cannot name (evaluation stack entries, a
 * generator's saved exception, a module's C state, the fields of a
 * compiled class it does not know) get their place instead: "field #k of
 * T", k the reference's position in T's tp_traverse order (the hidden
 * references a capture adds after it), which is the class's layout
 * order, the same from one object of T to the next.  So no edge stays
 * blank, and parallel edges stay apart.
 *
 * Nothing here runs Python code or creates a gc-tracked object while it
 * holds pointers borrowed from the referrer: it creates only str objects
 * (which never trigger a collection) and C arrays. */
#include <Python.h>
#include <config.h>

#include "src/introspect/labels.h"

#include <stdlib.h>

#include "src/capture/addrmap.h"
#include "src/capture/capture.h"
#include "src/introspect/compat.h"
#include "src/introspect/mirror.h"
#include "src/introspect/stdlib_layouts.h"
#include "src/introspect/typename.h"

/* Longest label, in characters (longer ones end in "..."). */
#define LABEL_MAX 200

/* mirror.h */
int
rc_mirror_report(struct rc_mirror *m, PyObject *ref, struct rc_mirror_found f)
{
	uint32_t h = rc_mirror_wanted(m, ref);

	if (h == RC_NONE)
		return 0;
	if (m->len == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 16;
		struct rc_mirror_found *more = realloc(m->found, cap * sizeof *more);
		if (more == NULL) {
			PyErr_NoMemory();
			return -1;
		}
		m->found = more;
		m->cap = cap;
	}
	f.head = h;
	f.group = m->group;
	m->found[m->len++] = f;
	return 0;
}


static PyObject *
capped(PyObject *label)
{
	if (label == NULL || PyUnicode_GET_LENGTH(label) <= LABEL_MAX)
		return label;
	PyObject *head = PyUnicode_Substring(label, 0, LABEL_MAX - 3);
	Py_DECREF(label);
	if (head == NULL)
		return NULL;
	PyObject *cut = PyUnicode_FromFormat("%U...", head);
	Py_DECREF(head);
	return cut;
}

/* ------------------------------------------------------------ dict keys */

static int
is_scalar(PyObject *o)
{
	return PyUnicode_CheckExact(o) || PyLong_CheckExact(o) || PyFloat_CheckExact(o)
		|| PyComplex_CheckExact(o) || PyBytes_CheckExact(o) || PyBool_Check(o)
		|| o == Py_None;
}

/* repr() of a builtin scalar, whose repr runs no user code; long str and
 * bytes are cut first (the label is capped anyway).  NULL without an
 * exception when there is no cheap repr (an int too long to print). */
static PyObject *
scalar_repr(PyObject *o)
{
	PyObject *part = NULL;

	if (PyLong_CheckExact(o) && _PyLong_NumBits(o) > 4 * LABEL_MAX)
		return NULL;
	if (PyUnicode_CheckExact(o) && PyUnicode_GET_LENGTH(o) > LABEL_MAX)
		o = part = PyUnicode_Substring(o, 0, LABEL_MAX);
	else if (PyBytes_CheckExact(o) && PyBytes_GET_SIZE(o) > LABEL_MAX)
		o = part = PyBytes_FromStringAndSize(PyBytes_AS_STRING(o), LABEL_MAX);
	if (o == NULL)
		return NULL;
	PyObject *r = PyObject_Repr(o);
	Py_XDECREF(part);
	return r;
}

/* repr() of a tuple of scalars, built here: tuple.__repr__ would create a
 * list in the thread state (Py_ReprEnter).  NULL without an exception for
 * other tuples. */
static PyObject *
tuple_repr(PyObject *t)
{
	Py_ssize_t n = PyTuple_GET_SIZE(t);

	if (n > 8)
		return NULL;
	for (Py_ssize_t i = 0; i < n; i++)
		if (!is_scalar(PyTuple_GET_ITEM(t, i)))
			return NULL;
	PyObject *r = PyUnicode_FromString("(");
	for (Py_ssize_t i = 0; r != NULL && i < n; i++) {
		PyObject *item = scalar_repr(PyTuple_GET_ITEM(t, i));
		PyObject *more = item ? PyUnicode_FromFormat("%U%s%U", r, i ? ", " : "", item)
			: NULL;
		Py_XDECREF(item);
		Py_SETREF(r, more);
	}
	if (r != NULL)
		Py_SETREF(r, PyUnicode_FromFormat("%U%s)", r, n == 1 ? "," : ""));
	return r;
}

/* A context variable, as its repr shows it, from its name (a hamt's
 * keys); NULL without an exception when the name is not a str. */
static PyObject *
context_var_repr(PyObject *var)
{
	PyObject *name = ((struct rc_context_var *)var)->name;

	if (name == NULL || !PyUnicode_CheckExact(name))
		return NULL;
	return PyUnicode_FromFormat("<ContextVar name=%R>", name);
}

/* How a dict key shows in value[...]: repr() for builtin scalars and
 * tuples of them, else type and address (a user __repr__ must not run). */
static PyObject *
key_repr(PyObject *key)
{
	PyObject *r = NULL;

	if (is_scalar(key))
		r = scalar_repr(key);
	else if (PyContextVar_CheckExact(key))
		r = context_var_repr(key);
	else if (PyTuple_CheckExact(key))
		r = tuple_repr(key);
	if (r != NULL || PyErr_Occurred())
		return r;
	return PyUnicode_FromFormat("<%s object at %p>", Py_TYPE(key)->tp_name, (void *)key);
}

/* The label f reads as: a new str, or a new reference to None.  NULL with
 * an exception on memory errors. */
static PyObject *
render(const struct rc_mirror_found *f)
{
	PyObject *r, *label = NULL;

	switch (f->form) {
	case RC_MIRROR_F_NONE:
		return Py_NewRef(Py_None);
	case RC_MIRROR_F_TEXT:
		label = PyUnicode_FromString(f->u.text);
		break;
	case RC_MIRROR_F_ITEM:
		label = PyUnicode_FromFormat("item[%zd]", f->u.index);
		break;
	case RC_MIRROR_F_VALUE:
		r = key_repr(f->u.name);
		label = r ? PyUnicode_FromFormat("value[%U]", r) : NULL;
		Py_XDECREF(r);
		break;
	case RC_MIRROR_F_ATTR:
		label = PyUnicode_FromFormat(".%U", f->u.name);
		break;
	case RC_MIRROR_F_SLOT:
		label = PyUnicode_FromFormat(".%s", f->u.text);
		break;
	case RC_MIRROR_F_LOCAL:
		label = PyUnicode_FromFormat("local %R", f->u.name);
		break;
	}
	return capped(label);
}


/* ------------------------------------------------------------ matching */

struct labelling {
	struct rc_mirror m;
	PyObject *referrer;
	uint32_t *visits;    /* [first occurrence] visits by the traversal */
	uint32_t *pos;       /* [start[h] + i] the position of the i-th visit of
			      * h in the traversal (positions_run), or NULL */
	uint32_t *pstart;    /* [first occurrence] its positions in pos[] */
	uint32_t seen;       /* visits so far, of any referent */
	uint32_t *start;     /* [first occurrence] its labels in byhead[] */
	uint32_t *count;     /* [first occurrence] labels the mirror reported */
	uint32_t *key;       /* [i] first occurrence of heads[i] */
	struct rc_mirror_found **byhead;
	uint8_t *ok;         /* [first occurrence] labels can be handed out */
};

static int
count_visit(PyObject *ref, void *arg)
{
	struct labelling *l = arg;
	uint32_t h = rc_mirror_wanted(&l->m, ref);

	if (h != RC_NONE)
		l->visits[h]++;
	return 0;
}

/* The second pass, for place labels: where each visit comes. */
static int
position_visit(PyObject *ref, void *arg)
{
	struct labelling *l = arg;
	uint32_t h = rc_mirror_wanted(&l->m, ref);

	if (h != RC_NONE)
		l->pos[l->pstart[h] + l->visits[h]++] = l->seen;
	l->seen++;
	return 0;
}

/* What the capture records, visit by visit: tp_traverse, then the
 * references it does not visit (a running frame's, a shared dict on
 * 3.13).  No Python code runs in either. */
static void
traverse(PyObject *referrer, visitproc visit, struct labelling *l)
{
	if (PyObject_IS_GC(referrer) && Py_TYPE(referrer)->tp_traverse != NULL)
		Py_TYPE(referrer)->tp_traverse(referrer, visit, l);
	rc_capture_visit_hidden(referrer, visit, l);
}

/* Record the position of every visit of the wanted referents (for the
 * place labels of references the mirror could not name).  0, or -1 with
 * MemoryError.  visits[] is counted anew. */
static int
positions_run(struct labelling *l)
{
	uint32_t n = l->m.nheads, total = 0;

	l->pstart = malloc(((size_t)n + 1) * sizeof *l->pstart);
	if (l->pstart == NULL)
		return -1;
	for (uint32_t h = 0; h < n; h++) {
		l->pstart[h] = total;
		total += l->visits[h];
		l->visits[h] = 0;
	}
	l->pos = malloc(((size_t)total + 1) * sizeof *l->pos);
	if (l->pos == NULL)
		return -1;
	l->seen = 0;
	traverse(l->referrer, position_visit, l);
	return 0;
}

/* 1 when a and b read the same, 0 when not, -1 on error. */
static int
same_label(const struct rc_mirror_found *a, const struct rc_mirror_found *b)
{
	if (a->form == RC_MIRROR_F_NONE || b->form == RC_MIRROR_F_NONE)
		return a->form == b->form;
	PyObject *x = render(a), *y = x ? render(b) : NULL;
	int same = y ? PyUnicode_Compare(x, y) == 0 : -1;
	Py_XDECREF(x);
	Py_XDECREF(y);
	return same;
}

/* The labels of one referent's visits can be handed out when they come
 * from one part of known order, or all read the same.  1, 0 or -1. */
static int
consistent(struct rc_mirror_found *const *labels, uint32_t n)
{
	for (uint32_t i = 1; i < n; i++) {
		if (labels[i]->group == labels[0]->group)
			continue;
		int same = same_label(labels[0], labels[i]);
		if (same <= 0)
			return same;
	}
	return 1;
}

static void
labelling_free(struct labelling *l)
{
	free(l->m.found);
	rc_addrmap_free(&l->m.map);
	free(l->visits);
	free(l->start);
	free(l->count);
	free(l->key);
	free(l->byhead);
	free(l->ok);
	free(l->pos);
	free(l->pstart);
	*l = (struct labelling){.m = {.found = NULL}};
}

/* Match the labels of every reference from referrer to heads[0..n-1].
 * 0, or -1 with an exception (l is freed then).  The labels refer to the
 * referrer's structure: render them before anything can run Python code. */
static int
labelling_run(struct labelling *l, PyObject *referrer, PyObject *const *heads, uint32_t n)
{
	size_t ncounts = n ? n : 1;

	*l = (struct labelling){.m = {.heads = (void *const *)heads, .nheads = n},
				.referrer = referrer};
	if (rc_addrmap_init(&l->m.map, n) != 0) {
		PyErr_NoMemory();
		return -1;
	}
	l->visits = calloc(ncounts, sizeof *l->visits);
	l->start = calloc(ncounts + 1, sizeof *l->start);
	l->count = calloc(ncounts, sizeof *l->count);
	l->key = malloc(ncounts * sizeof *l->key);
	l->ok = calloc(ncounts, 1);
	if (!l->visits || !l->start || !l->count || !l->key || !l->ok)
		goto nomem;
	for (uint32_t i = 0; i < n; i++) {
		l->key[i] = rc_addrmap_insert_unique(&l->m.map, l->m.heads, i);
		if (l->key[i] == RC_NONE)
			goto nomem;
	}

	traverse(referrer, count_visit, l);

	if (PyObject_IS_GC(referrer) && rc_mirror_walk(&l->m, referrer) < 0)
		goto error;

	/* Group the reported labels by referent, keeping their order. */
	for (size_t i = 0; i < l->m.len; i++)
		l->count[l->m.found[i].head]++;
	for (uint32_t h = 0; h < n; h++)
		l->start[h + 1] = l->start[h] + l->count[h];
	l->byhead = malloc((l->m.len ? l->m.len : 1) * sizeof *l->byhead);
	if (l->byhead == NULL)
		goto nomem;
	for (uint32_t h = 0; h < n; h++)
		l->count[h] = 0;
	for (size_t i = 0; i < l->m.len; i++) {
		uint32_t h = l->m.found[i].head;
		l->byhead[l->start[h] + l->count[h]++] = &l->m.found[i];
	}
	int unnamed = 0;
	for (uint32_t h = 0; h < n; h++) {
		if (l->count[h] != l->visits[h]) {
			unnamed = 1;
			continue;
		}
		int ok = consistent(l->byhead + l->start[h], l->count[h]);
		if (ok < 0)
			goto error;
		l->ok[h] = (uint8_t)ok;
		for (uint32_t i = 0; !unnamed && i < l->count[h]; i++)
			unnamed = !ok || l->byhead[l->start[h] + i]->form == RC_MIRROR_F_NONE;
	}
	/* Places only when some reference has no name: a second traversal. */
	if (unnamed && positions_run(l) < 0)
		goto nomem;
	return 0;

nomem:
	PyErr_NoMemory();
error:
	labelling_free(l);
	return -1;
}

/* The label of the occ-th visit of the referent whose first occurrence
 * is h: a new str, or a new reference to None; NULL on memory errors. */
static PyObject *
labelling_get(const struct labelling *l, uint32_t h, uint32_t occ)
{
	if (l->ok[h] && occ < l->count[h]) {
		const struct rc_mirror_found *f = l->byhead[l->start[h] + occ];
		if (f->form != RC_MIRROR_F_NONE || l->pos == NULL)
			return render(f);
	}
	if (l->pos == NULL || occ >= l->visits[h])
		return Py_NewRef(Py_None);
	/* No name: the reference's place in its referrer's traversal. */
	PyObject *type = rc_type_name(Py_TYPE(l->referrer));
	PyObject *label = type ? PyUnicode_FromFormat("field #%u of %U",
						      (unsigned)l->pos[l->pstart[h] + occ], type)
		: NULL;
	Py_XDECREF(type);
	return capped(label);
}

/* ---------------------------------------------------------------- API */

PyObject *
rc_label_edge(PyObject *referrer, PyObject *referent, uint32_t k)
{
	struct labelling l;

	if (labelling_run(&l, referrer, &referent, 1) < 0)
		return NULL;
	PyObject *label = labelling_get(&l, 0, k);
	labelling_free(&l);
	return label;
}

int
rc_labels_for_edges(PyObject *referrer, PyObject *const *heads, uint32_t n,
		    PyObject **out)
{
	struct labelling l;

	if (n == 0)
		return 0;
	if (labelling_run(&l, referrer, heads, n) < 0)
		return -1;
	/* Reuse visits[] as the running occurrence count of each referent. */
	for (uint32_t h = 0; h < n; h++)
		l.visits[h] = 0;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t h = l.key[i];
		out[i] = labelling_get(&l, h, l.visits[h]++);
		if (out[i] == NULL) {
			while (i > 0)
				Py_DECREF(out[--i]);
			labelling_free(&l);
			return -1;
		}
	}
	labelling_free(&l);
	return 0;
}
