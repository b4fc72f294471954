/* mirror_iter.h - the mirror's walks of iterators: the builtin ones
 * (map, zip, filter, enumerate, the list, tuple, dict and set iterators)
 * and itertools', whose structs are private.  Internal to src/introspect. */
#ifndef RC_MIRROR_ITER_H
#define RC_MIRROR_ITER_H

#include <Python.h>

#include "src/introspect/mirror.h"

/* If tp is one of them, report what its tp_traverse visits in obj and
 * return 1; else 0.  -1 with an exception on memory errors. */
int rc_mirror_walk_iterator(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp);

#endif
