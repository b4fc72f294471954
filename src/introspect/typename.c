/* typename.c - type names and per-type tallies (see typename.h). */
#include <Python.h>
#include <config.h>

#include "src/introspect/typename.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"
#include "src/introspect/compat.h"
#include "src/py/annotated.h"

PyObject *
rc_type_name(PyTypeObject *type)
{
	if (type->tp_flags & Py_TPFLAGS_HEAPTYPE) {
		PyObject *name = ((PyHeapTypeObject *)type)->ht_name;
		if (name != NULL && PyUnicode_Check(name))
			return Py_NewRef(name);
	}
	const char *dot = strrchr(type->tp_name, '.');
	return PyUnicode_FromString(dot ? dot + 1 : type->tp_name);
}

void *
rc_vertex_typekey(PyObject *obj)
{
	if (PyObject_TypeCheck(obj, &rc_AnnotatedVertex_Type)) {
		PyObject *name = ((rc_AnnotatedVertex *)obj)->type_name;
		if (name != NULL && PyUnicode_Check(name))
			return name;
	}
	return Py_TYPE(obj);
}

PyObject *
rc_typekey_name(void *key)
{
	if (PyUnicode_Check((PyObject *)key))
		return Py_NewRef((PyObject *)key);
	return rc_type_name(key);
}

int
rc_typetable_init(struct rc_typetable *t)
{
	memset(t, 0, sizeof *t);
	if (rc_addrmap_init(&t->map, 256) != RC_OK) {
		PyErr_NoMemory();
		return -1;
	}
	return 0;
}

void
rc_typetable_free(struct rc_typetable *t)
{
	rc_addrmap_free(&t->map);
	free(t->types);
	free(t->count);
	memset(t, 0, sizeof *t);
}

uint32_t
rc_typetable_index(struct rc_typetable *t, void *type)
{
	uint32_t i = t->n ? rc_addrmap_find(&t->map, t->types, type) : RC_NONE;

	if (i != RC_NONE)
		return i;
	if (t->n == t->cap) {
		uint32_t cap = t->cap ? t->cap * 2 : 256;
		void **types = realloc(t->types, cap * sizeof *types);
		if (types != NULL)
			t->types = types;
		uint64_t *count = types ? realloc(t->count, cap * sizeof *count) : NULL;
		if (count == NULL) {
			PyErr_NoMemory();
			return RC_NONE;
		}
		t->count = count;
		t->cap = cap;
	}
	t->types[t->n] = type;
	t->count[t->n] = 0;
	if (rc_addrmap_insert(&t->map, t->types, t->n) != RC_OK) {
		PyErr_NoMemory();
		return RC_NONE;
	}
	return t->n++;
}
