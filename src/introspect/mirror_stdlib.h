/* mirror_stdlib.h - the mirror's walks of standard-library C types whose
 * structs are private (lru_cache, asyncio, contextvars, collections,
 * descriptor objects).  Internal to src/introspect. */
#ifndef RC_MIRROR_STDLIB_H
#define RC_MIRROR_STDLIB_H

#include <Python.h>

#include "src/introspect/mirror.h"

/* If tp (obj's type or the base whose tp_traverse is being mirrored) is
 * one of them, with the layout this build knows, report what its
 * tp_traverse visits in obj and return 1; else 0 (nothing reported).
 * -1 with an exception on memory errors. */
int rc_mirror_walk_stdlib(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp);

#endif
