/* typemap.h - each vertex's type and shallow size, taken by a snapshot's
 * walk while it reads the object anyway (src/capture only).
 *
 * Counting types and sizes in a pass of their own read every object a
 * second time: at millions of objects each read is a cache miss, and the
 * pass cost about half as much as the snapshot.  The walk reads each
 * object's type pointer and first line for its tp_traverse; noting the
 * type and applying the size formula of its builtin base there costs
 * next to nothing.  Nothing here runs Python code or allocates a Python
 * object (the walk may hold GC headers tagged): a type's __sizeof__ is
 * found with _PyType_Lookup, which reads the bases' dicts, and a size
 * only a call can give is left for later (RC_SIZE_CALL). */
#ifndef RC_TYPEMAP_H
#define RC_TYPEMAP_H

#include <Python.h>
#include <stdint.h>

struct rc_typemap {
	uint32_t ntypes, cap;
	PyTypeObject **types;    /* borrowed: the vertices hold them */
	int8_t *kind;            /* per type: its size formula (sizes.h) */
	uint32_t *slots;         /* open addressing: type -> index + 1 */
	uint32_t mask;
	PyTypeObject *last;      /* the previous object's type, and its index */
	uint32_t last_t;
	uint32_t *type_of;       /* per vertex: an index into types */
	uint64_t *size;          /* per vertex, or RC_SIZE_CALL */
	int status;              /* RC_OK until an allocation fails */
};

/* What the walk needs ready before it starts, where Python may still
 * run: the interned name "__sizeof__" and the known formulas' methods.
 * 0, or -1 with an exception. */
int rc_typemap_prepare(void);

/* Room for n vertices; an RC status (nothing set up on failure). */
int rc_typemap_init(struct rc_typemap *tm, uint32_t n);
void rc_typemap_free(struct rc_typemap *tm);

/* Note vertex v, object op (called by the walk for every vertex).  On
 * failure tm->status says so and the walk goes on. */
void rc_typemap_note(struct rc_typemap *tm, uint32_t v, PyObject *op);

#endif
