/* gchead.c - vertex ids in GC headers (see gchead.h). */
#include <Python.h>
#include <config.h>

#include "src/capture/gchead.h"

uint32_t rc_gchead_from_end;

/* -1: not checked yet. */
static int usable = -1;

/* A tracked list's header links it into a generation (next and prev are
 * addresses of headers, or of a generation's list head: 8-byte aligned);
 * untracked, next is 0 and prev 0 or FINALIZED.  Anything else is a
 * layout this file does not know. */
static int
check_layout(void)
{
	PyObject *list = PyList_New(0);   /* new lists are tracked */

	if (list == NULL) {
		PyErr_Clear();
		return 0;
	}
	struct rc_gchead *head = rc_gchead_of(list);
	int ok = PyObject_GC_IsTracked(list) && head->next != 0
		&& (head->next & 7) == 0 && (head->prev & 6) == 0
		&& head->prev > 1;
	PyObject_GC_UnTrack(list);
	ok = ok && head->next == 0 && head->prev <= 1;
	PyObject_GC_Track(list);
	ok = ok && head->next != 0;
	Py_DECREF(list);
	return ok;
}

int
rc_gchead_usable(void)
{
	if (usable < 0)
		usable = check_layout();
	return usable;
}

void
rc_gchead_restore(void *const *objs, const uintptr_t *saved, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		rc_gchead_of((PyObject *)objs[i])->prev = saved[i];
}

/* How far ahead the restoring pass prefetches headers, for writing. */
#define RESTORE_AHEAD 16

void
rc_gchead_restore_counts(void *const *objs, const uintptr_t *saved, uint32_t n,
			 uint32_t *counts)
{
#if RC_GCHEAD_COUNTS
	for (uint32_t i = 0; i < n; i++) {
		if (i + RESTORE_AHEAD < n)
			__builtin_prefetch(rc_gchead_of((PyObject *)objs[i + RESTORE_AHEAD]), 1);
		struct rc_gchead *head = rc_gchead_of((PyObject *)objs[i]);
		counts[i] = (uint32_t)(head->prev >> RC_GCHEAD_COUNT_SHIFT);
		head->prev = saved[i];
	}
#else
	(void)counts;
	rc_gchead_restore(objs, saved, n);
#endif
}
