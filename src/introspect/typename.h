/* typename.h - type names and per-type tallies, without user code. */
#ifndef RC_TYPENAME_H
#define RC_TYPENAME_H

#include <Python.h>
#include <stdint.h>

#include "src/capture/addrmap.h"

/* type.__name__ as the type slot holds it (a heap type's ht_name, else
 * the part of tp_name after the last dot), never through a metaclass's
 * attribute lookup.  New reference. */
PyObject *rc_type_name(PyTypeObject *type);

/* What a vertex's type is, as a table key: its type object, or, for a
 * vertex record of a saved snapshot (an AnnotatedVertex with a type_name
 * str), that name.  Borrowed: the object keeps it alive. */
void *rc_vertex_typekey(PyObject *obj);

/* The name of a type key: a type's __name__ (rc_type_name), or the name
 * itself.  New reference. */
PyObject *rc_typekey_name(void *key);

/* Distinct types (borrowed: the objects being tallied keep them alive,
 * and no Python code runs while a table is in use) with a count each. */
struct rc_typetable {
	uint32_t n;
	uint32_t cap;
	void **types;        /* PyTypeObject *, borrowed */
	uint64_t *count;
	struct rc_addrmap map;
};

int rc_typetable_init(struct rc_typetable *t);   /* 0 or -1 + MemoryError */
void rc_typetable_free(struct rc_typetable *t);

/* Index of a type key in the table, adding it with count 0 if new;
 * RC_NONE with MemoryError set when out of memory. */
uint32_t rc_typetable_index(struct rc_typetable *t, void *key);

#endif
