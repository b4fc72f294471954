/* stdlib_summary.h - one-line summaries of standard-library C objects
 * whose structs are private (an lru_cache wrapper, an asyncio Task), for
 * nodelabel.c.  Internal to src/introspect. */
#ifndef RC_STDLIB_SUMMARY_H
#define RC_STDLIB_SUMMARY_H

#include <Python.h>

/* The summary's body ("lru_cache\nf\n12 entries", "Task\nworker-1\nwork")
 * as a new str; NULL without an exception when obj is none of these,
 * NULL with one on memory errors.  Reads fields only: no code runs. */
PyObject *rc_stdlib_summary(PyObject *obj);

#endif
