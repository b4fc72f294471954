/* gclist.c - every tracked object off the generation lists (gclist.h). */
#include <Python.h>
#include <config.h>

#include "src/capture/gclist.h"

#include <stdlib.h>
#include <string.h>

#include "src/capture/capture.h"
#include "src/capture/gchead.h"
#include "src/capture/heapbuild.h"
#include "src/common/status.h"
#include "src/graph/prefault.h"

#define NGENERATIONS 3

/* struct gc_generation, 3.9-3.13: the list head, then two ints. */
struct generation {
	struct rc_gchead head;
	int threshold;
	int count;
};

/* The generations, then gc.c's pointer to generation 0 (the layout of
 * struct _gc_runtime_state from its generations on). */
struct generations {
	struct generation gen[NGENERATIONS];
	struct rc_gchead *generation0;
};

/* NULL until checked; checked is -1 until then, then 1 or 0. */
static struct generations *gens;
static int checked = -1;

/* Whether head links like a list head: its neighbours point back to it
 * (prev words carry flag bits in their low two bits). */
static int
links_like_head(const struct rc_gchead *head)
{
	const struct rc_gchead *next = (const struct rc_gchead *)head->next;
	const struct rc_gchead *prev = (const struct rc_gchead *)(head->prev & ~(uintptr_t)3);

	return next != NULL && prev != NULL
		&& (next->prev & ~(uintptr_t)3) == (uintptr_t)head
		&& prev->next == (uintptr_t)head;
}

/* The thresholds as gc.get_threshold() gives them, or 0 (with none set)
 * when they cannot be had. */
static int
public_thresholds(long out[NGENERATIONS])
{
	PyObject *gc = rc_capture_gc_module();
	PyObject *t = gc ? PyObject_CallMethod(gc, "get_threshold", NULL) : NULL;
	int ok = t != NULL && PyTuple_Check(t) && PyTuple_GET_SIZE(t) == NGENERATIONS;

	for (int i = 0; ok && i < NGENERATIONS; i++) {
		out[i] = PyLong_AsLong(PyTuple_GET_ITEM(t, i));
		ok = !(out[i] == -1 && PyErr_Occurred());
	}
	Py_XDECREF(t);
	Py_XDECREF(gc);
	PyErr_Clear();
	return ok;
}

/* Find generation 0's head from a new tracked object (the last of its
 * list) and check the layout around it; NULL if it is not the one this
 * file knows. */
static struct generations *
find_generations(void)
{
	long thresholds[NGENERATIONS];

	if (!rc_gchead_usable() || !public_thresholds(thresholds))
		return NULL;
	PyObject *probe = PyList_New(0);    /* new lists are tracked */
	if (probe == NULL) {
		PyErr_Clear();
		return NULL;
	}
	struct rc_gchead *mine = rc_gchead_of(probe);
	struct rc_gchead *head0 = (struct rc_gchead *)mine->next;
	int ok = head0 != NULL && (head0->prev & ~(uintptr_t)3) == (uintptr_t)mine;
	Py_DECREF(probe);
	if (!ok)
		return NULL;
	struct generations *g = (struct generations *)head0;
	if (g->generation0 != head0)
		return NULL;
	for (int i = 0; i < NGENERATIONS; i++) {
		if (g->gen[i].threshold != thresholds[i] || !links_like_head(&g->gen[i].head))
			return NULL;
	}
	return g;
}

int
rc_gclist_usable(void)
{
	if (checked < 0) {
		gens = find_generations();
		checked = gens != NULL;
	}
	return checked;
}

/* The walk's arrays.  Both ends of each list are walked at once, so
 * that two chains of loads are in flight instead of one: each next (or
 * prev) pointer is a cache miss the next step must wait for.  What the
 * forward walk finds fills the arrays from the front, what the backward
 * walk finds from the back; at the end the back part moves down to
 * follow the front part, in list order, so the vertex of the j-th
 * object found from the back is n - 1 - j (gchead.h). */
struct take {
	void **objs;
	size_t cap;
	size_t nfront, nback;
	uint32_t extra;          /* room kept free for the frames */
	PyObject *const *exclude;
	int k;
	uint32_t since_look;     /* objects taken since the last look for ^C */
};

/* Where the last take put each generation's objects: nfront from index
 * front on, found from the front; nback found from the back after back
 * others had been (rc_gclist_restore). */
static struct {
	uint32_t front, nfront, back, nback;
} taken[NGENERATIONS];

/* Room for at least need entries, the back part moved to the new end.
 * An RC status. */
static int
grow(struct take *t, size_t need)
{
	size_t want = t->cap < 4096 ? 4096 : t->cap * 2;
	if (want < need)
		want = need;
	if (want >= UINT32_MAX)
		want = UINT32_MAX - 1;     /* vertex ids are 32-bit */
	if (want < need)
		return RC_EOVERFLOW;
	void **o = realloc(t->objs, want * sizeof *o);
	if (o == NULL)
		return RC_ENOMEM;
	t->objs = o;
	rc_hugepages(o, want * sizeof *o);
	memmove(o + want - t->nback, o + t->cap - t->nback, t->nback * sizeof *o);
	t->cap = want;
	return RC_OK;
}

static int
excluded(PyObject *op, PyObject *const *exclude, int k)
{
	for (int j = 0; j < k; j++) {
		if (op == exclude[j])
			return 1;
	}
	return 0;
}

/* Take the object of header gc, from the front (back = 0) or the back:
 * a reference, its place, its header tagged.  The word the tag replaces
 * is not saved: it is the address of the header before it in its list
 * (or of the list's head), found again from the list's unchanged next
 * links when the headers are restored, and its two flag bits, which the
 * tag keeps.  An RC status. */
static int
take_one(struct take *t, struct rc_gchead *gc, int back)
{
	PyObject *op = (PyObject *)(gc + 1);

	if (t->k > 0 && excluded(op, t->exclude, t->k))
		return RC_OK;
	if (++t->since_look == RC_CAPTURE_LOOK) {
		t->since_look = 0;
		if (rc_capture_interrupted())
			return RC_ECANCELED;
	}
	if (t->nfront + t->nback + t->extra + 1 >= t->cap) {
		int status = grow(t, t->nfront + t->nback + t->extra + 2);
		if (status != RC_OK)
			return status;
	}
	size_t at = back ? t->cap - 1 - t->nback : t->nfront;
	uintptr_t tag = back ? ((uintptr_t)t->nback++ << 4) | RC_GCHEAD_FROM_END
		: (uintptr_t)t->nfront++ << 4;
	Py_INCREF(op);
	t->objs[at] = op;
	gc->prev = tag | RC_GCHEAD_TAG | (gc->prev & RC_GCHEAD_FLAGS);
	return RC_OK;
}

/* One generation's list, from both ends until they meet.  The backward
 * step reads a header's prev before take_one tags it. */
static int
take_list(struct take *t, struct rc_gchead *head)
{
	struct rc_gchead *f = (struct rc_gchead *)head->next;
	struct rc_gchead *b = (struct rc_gchead *)(head->prev & ~(uintptr_t)3);
	int status = RC_OK;

	while (f != head && status == RC_OK) {
		status = take_one(t, f, 0);
		if (f == b || status != RC_OK)
			break;
		struct rc_gchead *next = (struct rc_gchead *)f->next;
		if (next == b) {
			status = take_one(t, b, 1);
			break;
		}
		struct rc_gchead *prev = (struct rc_gchead *)(b->prev & ~(uintptr_t)3);
		status = take_one(t, b, 1);
		f = next;
		b = prev;
	}
	return status;
}

/* Undo a failed walk: headers back, references dropped (each object was
 * alive before its INCREF, so nothing is freed).  Only part of a list may
 * be tagged: every list is walked, and each tagged header gets back the
 * address of the one before it. */
static void
untake(struct take *t)
{
	for (int g = 0; g < NGENERATIONS; g++) {
		struct rc_gchead *head = &gens->gen[g].head, *before = head;
		for (struct rc_gchead *h = (struct rc_gchead *)head->next; h != head;
		     h = (struct rc_gchead *)h->next) {
			if (h->prev & RC_GCHEAD_TAG)
				h->prev = (uintptr_t)before | (h->prev & RC_GCHEAD_FLAGS);
			before = h;
		}
	}
	for (size_t i = 0; i < t->nfront; i++)
		Py_DECREF((PyObject *)t->objs[i]);
	for (size_t i = t->cap - t->nback; i < t->cap; i++)
		Py_DECREF((PyObject *)t->objs[i]);
}

/* How far ahead the restoring pass prefetches headers, for writing. */
#define RESTORE_AHEAD 16

/* Restore the headers of objs[from .. to - 1], which follow each other in
 * the list of head from before on (objects left out may sit between
 * them); the last header restored. */
static struct rc_gchead *
restore_run(void *const *objs, uint32_t from, uint32_t to, struct rc_gchead *before,
	    const struct rc_gchead *head, uint32_t *counts)
{
	for (uint32_t i = from; i < to; i++) {
		if (i + RESTORE_AHEAD < to)
			__builtin_prefetch(rc_gchead_of((PyObject *)objs[i + RESTORE_AHEAD]), 1);
		struct rc_gchead *h = rc_gchead_of((PyObject *)objs[i]);
		while ((struct rc_gchead *)before->next != h) {   /* past objects left out */
			before = (struct rc_gchead *)before->next;
			if (before == head)
				Py_FatalError("refcycle: a generation list changed during a snapshot");
		}
		uintptr_t word = h->prev;
#if RC_GCHEAD_COUNTS
		if (counts != NULL)
			counts[i] = (uint32_t)(word >> RC_GCHEAD_COUNT_SHIFT);
#else
		(void)counts;
#endif
		h->prev = (uintptr_t)before | (word & RC_GCHEAD_FLAGS);
		before = h;
	}
	return before;
}

/* Each generation's objects are two runs of the arrays: those found from
 * the front, in list order, and after them in the list those found from
 * the back, which end up at the arrays' end (the j-th from the back is
 * vertex n - 1 - j), also in list order. */
void
rc_gclist_restore(void *const *objs, uint32_t n, uint32_t *counts)
{
	for (int g = 0; g < NGENERATIONS; g++) {
		const struct rc_gchead *head = &gens->gen[g].head;
		struct rc_gchead *before = (struct rc_gchead *)head;
		uint32_t back_end = n - taken[g].back;

		before = restore_run(objs, taken[g].front, taken[g].front + taken[g].nfront, before,
				     head, counts);
		(void)restore_run(objs, back_end - taken[g].nback, back_end, before, head, counts);
	}
#ifdef RC_DEBUG
	/* Every list links both ways again. */
	for (int g = 0; g < NGENERATIONS; g++) {
		struct rc_gchead *head = &gens->gen[g].head, *h = head;
		do {
			struct rc_gchead *next = (struct rc_gchead *)h->next;
			if ((next->prev & ~RC_GCHEAD_FLAGS) != (uintptr_t)h)
				Py_FatalError("refcycle: a header was restored wrong");
			h = next;
		} while (h != head);
	}
#endif
}

/* The size the previous walk found: the next heap is likely about as
 * large. */
static size_t last_n;

/* The room a walk starts with, at least: the heap's size is not known
 * until the walk ends, and growing by steps costs a copy and fresh
 * faults each time.  It is address space only (a large malloc is a
 * mapping of its own); pages are faulted as the walk first writes them,
 * 2 MiB at a time where the kernel gives huge pages, and what is left
 * over is given back at the end. */
#ifndef RC_DEBUG
#define TAKE_RESERVE ((size_t)1 << 24)
#else
/* The checking builds start small, so that every snapshot of the tests
 * grows the arrays, moving the part filled from the back each time. */
#define TAKE_RESERVE ((size_t)1 << 10)
#endif

/* Give back the unused end of an array (shrinking never fails to keep
 * the data: on failure the larger block stays). */
static void *
shrink(void *p, size_t bytes)
{
	void *q = realloc(p, bytes);

	return q != NULL ? q : p;
}

uint32_t
rc_gclist_expected(void)
{
	return (uint32_t)last_n;
}

int
rc_gclist_take_tagged(void ***objs_out, uint32_t *n_out, uint32_t extra,
		      PyObject *const *exclude, int k)
{
	struct take t = {NULL, 0, 0, 0, extra, exclude, k, 0};
#ifndef RC_DEBUG
	size_t first = last_n + last_n / 8 + (size_t)extra + 2;
#else
	size_t first = (size_t)extra + 2;
#endif
	int status = grow(&t, first > TAKE_RESERVE ? first : TAKE_RESERVE);

	if (status == RC_ENOMEM)    /* no room for the reserve: step by step */
		status = grow(&t, first);

	for (int i = 0; status == RC_OK && i < NGENERATIONS; i++) {
		taken[i].front = (uint32_t)t.nfront;
		taken[i].back = (uint32_t)t.nback;
		status = take_list(&t, &gens->gen[i].head);
		taken[i].nfront = (uint32_t)t.nfront - taken[i].front;
		taken[i].nback = (uint32_t)t.nback - taken[i].back;
	}
	if (status != RC_OK) {
		untake(&t);
		free(t.objs);
		*objs_out = NULL;
		*n_out = 0;
		return status;
	}
	size_t n = t.nfront + t.nback;
	memmove(t.objs + t.nfront, t.objs + t.cap - t.nback, t.nback * sizeof *t.objs);
	t.objs = shrink(t.objs, (n + extra + 1) * sizeof *t.objs);
	rc_gchead_from_end = (uint32_t)n - 1;
	last_n = n;
	*objs_out = t.objs;
	*n_out = (uint32_t)n;
	return RC_OK;
}

int
rc_gclist_take(PyObject ***objs_out, uint32_t *n_out)
{
	size_t cap = last_n + last_n / 8 + 16, n = 0;
	PyObject **objs = malloc(cap * sizeof *objs);
	int status = objs != NULL ? RC_OK : RC_ENOMEM;

	if (objs != NULL)
		rc_prefault(objs, cap * sizeof *objs);
	for (int i = 0; status == RC_OK && i < NGENERATIONS; i++) {
		struct rc_gchead *head = &gens->gen[i].head;
		for (struct rc_gchead *gc = (struct rc_gchead *)head->next; gc != head;
		     gc = (struct rc_gchead *)gc->next) {
			if (n == cap) {
				PyObject **more = n < UINT32_MAX / 2
					? realloc(objs, 2 * cap * sizeof *objs) : NULL;
				if (more == NULL) {
					status = RC_ENOMEM;
					break;
				}
				objs = more;
				cap *= 2;
			}
			PyObject *op = (PyObject *)(gc + 1);
			Py_INCREF(op);
			objs[n++] = op;
		}
	}
	if (status != RC_OK) {
		while (n > 0)
			Py_DECREF(objs[--n]);
		free(objs);
		objs = NULL;
	} else {
		last_n = n;
	}
	*objs_out = objs;
	*n_out = (uint32_t)n;
	return status;
}
