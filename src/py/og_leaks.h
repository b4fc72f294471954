/* og_leaks.h - the leak finder's ObjectGraph methods (og_leaks.c). */
#ifndef RC_PY_OG_LEAKS_H
#define RC_PY_OG_LEAKS_H

#include <Python.h>

/* g.suspects(threshold=0.1): a list of refcycle._leaks.Suspect. */
PyObject *rc_og_suspects(PyObject *self, PyObject *args, PyObject *kwds);

#endif
