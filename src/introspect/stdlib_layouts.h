/* stdlib_layouts.h - the structs of standard-library C types that CPython
 * keeps private, written out for every version 3.9-3.13 (read from each
 * version's source), for the mirror (mirror_stdlib.c) and the summaries
 * (nodelabel.c).  A struct is used only on an object whose type has the
 * tp_basicsize it gives (rc_layout_is()), so a build of some other layout
 * reads nothing.  Internal to src/introspect. */
#ifndef RC_STDLIB_LAYOUTS_H
#define RC_STDLIB_LAYOUTS_H

#include <Python.h>
#include <string.h>

#define RC_V310 (PY_VERSION_HEX >= 0x030A0000)
#define RC_V311 (PY_VERSION_HEX >= 0x030B0000)
#define RC_V313 (PY_VERSION_HEX >= 0x030D0000)

/* Modules/_functoolsmodule.c: a bounded cache keeps its entries in a
 * circular list of links through the root, which is the head of the
 * wrapper object itself. */
struct rc_lru_link {
	PyObject_HEAD
	struct rc_lru_link *prev, *next;
	Py_hash_t hash;
	PyObject *key, *result;
};

struct rc_lru_cache {
	struct rc_lru_link root;
	void *wrapper;
	int typed;
	PyObject *cache;
	Py_ssize_t hits;
	PyObject *func;
	Py_ssize_t maxsize, misses;
#if RC_V310
	PyObject *kwd_mark;
	PyTypeObject *lru_list_elem_type;
#endif
	PyObject *cache_info_type;
	PyObject *dict;
	PyObject *weakreflist;
};

/* Modules/_asynciomodule.c, FutureObj_HEAD. */
struct rc_future {
	PyObject_HEAD
	PyObject *loop, *callback0, *context0, *callbacks, *exception;
#if RC_V310
	PyObject *exception_tb;
#endif
	PyObject *result, *source_tb, *cancel_msg;
#if RC_V313
	PyObject *cancelled_exc;
	int state;
	unsigned bits;
#else
	int state, log_tb, blocking;
	PyObject *dict, *weakreflist;
# if RC_V311
	PyObject *cancelled_exc;
# else
	PyObject *cancelled_exc_type, *cancelled_exc_value, *cancelled_exc_tb;
	void *previous_item;
# endif
#endif
};

struct rc_task {
	struct rc_future fut;
#if RC_V313
	int num_cancels_requested;
#endif
	PyObject *fut_waiter, *coro, *name, *context;
#if !RC_V313
	int must_cancel, log_destroy_pending;
# if RC_V311
	int num_cancels_requested;
# endif
#endif
};

/* Include/internal/pycore_context.h (3.9-3.13): a context variable's
 * first fields. */
struct rc_context_var {
	PyObject_HEAD
	PyObject *name, *dflt, *cached;
};

/* 1 when obj's type is the one named, with the size of the struct. */
static inline int
rc_layout_is(PyObject *obj, const char *tp_name, size_t size)
{
	PyTypeObject *tp = Py_TYPE(obj);

	return (size_t)tp->tp_basicsize == size && strcmp(tp->tp_name, tp_name) == 0;
}

#define RC_LRU_CACHE_NAME "functools._lru_cache_wrapper"
#define RC_TASK_NAME "_asyncio.Task"

#endif
