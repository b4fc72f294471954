/* typemap.c - types and sizes taken during the walk (typemap.h). */
#include <Python.h>
#include <config.h>

#include "src/capture/typemap.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"
#include "src/graph/prefault.h"
#include "src/introspect/sizes.h"

static PyObject *sizeof_name;

int
rc_typemap_prepare(void)
{
	if (sizeof_name == NULL) {
		sizeof_name = PyUnicode_InternFromString("__sizeof__");
		if (sizeof_name == NULL)
			return -1;
	}
	/* Looks the known formulas' methods up, once. */
	(void)rc_sizeof_kind(Py_None);
	return PyErr_Occurred() ? -1 : 0;
}

int
rc_typemap_init(struct rc_typemap *tm, uint32_t n)
{
	memset(tm, 0, sizeof *tm);
	tm->mask = 255;
	tm->slots = calloc((size_t)tm->mask + 1, sizeof *tm->slots);
	tm->type_of = malloc(((size_t)n + 1) * sizeof *tm->type_of);
	tm->size = malloc(((size_t)n + 1) * sizeof *tm->size);
	if (tm->slots == NULL || tm->type_of == NULL || tm->size == NULL) {
		rc_typemap_free(tm);
		return RC_ENOMEM;
	}
	rc_prefault(tm->type_of, (size_t)n * sizeof *tm->type_of);
	rc_prefault(tm->size, (size_t)n * sizeof *tm->size);
	tm->last_t = UINT32_MAX;
	return RC_OK;
}

void
rc_typemap_free(struct rc_typemap *tm)
{
	free(tm->types);
	free(tm->kind);
	free(tm->slots);
	free(tm->type_of);
	free(tm->size);
	memset(tm, 0, sizeof *tm);
}

static uint32_t
slot_of(const struct rc_typemap *tm, PyTypeObject *tp)
{
	uintptr_t h = (uintptr_t)tp >> 4;

	return (uint32_t)(h ^ (h >> 11)) & tm->mask;
}

/* Twice the slots, every type placed again.  An RC status. */
static int
rehash(struct rc_typemap *tm)
{
	uint32_t mask = tm->mask * 2 + 1;
	uint32_t *slots = calloc((size_t)mask + 1, sizeof *slots);

	if (slots == NULL)
		return RC_ENOMEM;
	free(tm->slots);
	tm->slots = slots;
	tm->mask = mask;
	for (uint32_t t = 0; t < tm->ntypes; t++) {
		uint32_t s = slot_of(tm, tm->types[t]);
		while (slots[s] != 0)
			s = (s + 1) & mask;
		slots[s] = t + 1;
	}
	return RC_OK;
}

/* The size formula of tp's objects: that of the __sizeof__
 * rc_sizeof_method finds, looked up without running anything; a call
 * (later) when it is no known formula. */
static int8_t
kind_of(PyTypeObject *tp)
{
	PyObject *method = sizeof_name ? rc_sizeof_method_borrowed(tp, sizeof_name) : NULL;

	return (int8_t)rc_sizeof_kind_known(method);
}

/* tp's index, a new one if it is new; UINT32_MAX when out of memory. */
static uint32_t
index_of(struct rc_typemap *tm, PyTypeObject *tp)
{
	uint32_t s = slot_of(tm, tp);

	for (; tm->slots[s] != 0; s = (s + 1) & tm->mask) {
		if (tm->types[tm->slots[s] - 1] == tp)
			return tm->slots[s] - 1;
	}
	if (tm->ntypes == tm->cap) {
		uint32_t cap = tm->cap ? 2 * tm->cap : 64;
		PyTypeObject **types = realloc(tm->types, cap * sizeof *types);
		if (types != NULL)
			tm->types = types;
		int8_t *kind = types ? realloc(tm->kind, cap * sizeof *kind) : NULL;
		if (kind == NULL)
			return UINT32_MAX;
		tm->kind = kind;
		tm->cap = cap;
	}
	uint32_t t = tm->ntypes++;
	tm->types[t] = tp;
	tm->kind[t] = kind_of(tp);
	tm->slots[s] = t + 1;
	if (2 * tm->ntypes > tm->mask && rehash(tm) != RC_OK)
		return UINT32_MAX;
	return t;
}

void
rc_typemap_note(struct rc_typemap *tm, uint32_t v, PyObject *op)
{
	PyTypeObject *tp = Py_TYPE(op);
	uint32_t t = tp == tm->last ? tm->last_t : index_of(tm, tp);

	if (t == UINT32_MAX) {
		tm->status = RC_ENOMEM;
		tm->type_of[v] = 0;
		tm->size[v] = RC_SIZE_CALL;
		return;
	}
	tm->last = tp;
	tm->last_t = t;
	tm->type_of[v] = t;
	tm->size[v] = rc_shallow_size_formula(op, tm->kind[t]);
}
