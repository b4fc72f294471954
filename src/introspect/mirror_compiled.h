/* mirror_compiled.h - the mirror's walks of compiled classes: mypyc's
 * native classes, named by the attribute names mypyc records on each
 * class, and Cython's functions.  Internal to src/introspect. */
#ifndef RC_MIRROR_COMPILED_H
#define RC_MIRROR_COMPILED_H

#include <Python.h>

#include "src/introspect/mirror.h"

/* If tp (obj's type or the base whose tp_traverse is being mirrored) is a
 * mypyc native class, report what its tp_traverse visits in obj, each
 * attribute as ".name", and return 1; else 0 (nothing reported).  -1 with
 * an exception on memory errors. */
int rc_mirror_walk_mypyc(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp);

/* For a Cython function (its own type in each module Cython built):
 * report, each as a part of unknown position, the references its getters
 * show without creating anything (__globals__, __closure__) and return 1;
 * else 0.  The rest is the generic walk's (members, dict). */
int rc_mirror_cython_function(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp);

#endif
