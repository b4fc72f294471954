/* gclist.c - every tracked object off the generation lists (gclist.h). */
#include <Python.h>
#include <config.h>

#include "src/capture/gclist.h"

#include <stdlib.h>

#include "src/capture/capture.h"
#include "src/capture/gchead.h"
#include "src/common/status.h"

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

/* Undo the first n of a failed walk: headers back, references dropped
 * (each object was alive before its INCREF, so nothing is freed). */
static void
untake(void **objs, const uintptr_t *saved, uint32_t n)
{
	rc_gchead_restore(objs, saved, n);
	for (uint32_t i = 0; i < n; i++)
		Py_DECREF((PyObject *)objs[i]);
}

/* Room for at least need entries in both arrays.  An RC status. */
static int
grow(void ***objs, uintptr_t **saved, size_t *cap, size_t need)
{
	size_t want = *cap < 4096 ? 4096 : *cap * 2;
	if (want < need)
		want = need;
	void **o = realloc(*objs, want * sizeof *o);
	if (o != NULL)
		*objs = o;
	uintptr_t *s = o ? realloc(*saved, want * sizeof *s) : NULL;
	if (s == NULL)
		return RC_ENOMEM;
	*saved = s;
	*cap = want;
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

/* The size the previous walk found: the next heap is likely about as
 * large, and growing by doubling would copy both arrays a few times. */
static size_t last_n;

int
rc_gclist_take_tagged(void ***objs_out, uintptr_t **saved_out, uint32_t *n_out,
		      uint32_t extra, PyObject *const *exclude, int k)
{
	void **objs = NULL;
	uintptr_t *saved = NULL;
	size_t cap = 0, n = 0;
	int status = grow(&objs, &saved, &cap, last_n + last_n / 8 + extra + 1);

	for (int i = 0; status == RC_OK && i < NGENERATIONS; i++) {
		struct rc_gchead *head = &gens->gen[i].head;
		for (struct rc_gchead *gc = (struct rc_gchead *)head->next; gc != head;
		     gc = (struct rc_gchead *)gc->next) {
			PyObject *op = (PyObject *)(gc + 1);
			if (k > 0 && excluded(op, exclude, k))
				continue;
			if (n + extra + 1 >= cap
			    && (status = grow(&objs, &saved, &cap, n + extra + 2)) != RC_OK)
				break;
			if ((uint64_t)n + extra + 1 >= UINT32_MAX) {
				status = RC_EOVERFLOW;
				break;
			}
			Py_INCREF(op);
			objs[n] = op;
			rc_gchead_tag(op, (uint32_t)n, &saved[n]);
			n++;
		}
	}
	if (status != RC_OK) {
		untake(objs, saved, (uint32_t)n);
		free(objs);
		free(saved);
		objs = NULL;
		saved = NULL;
		n = 0;
	}
	last_n = n;
	*objs_out = objs;
	*saved_out = saved;
	*n_out = (uint32_t)n;
	return status;
}
