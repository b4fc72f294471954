/* census.h - refcycle.census(), a weightless baseline of the heap, and
 * what is new since one (census.c). */
#ifndef RC_PY_CENSUS_H
#define RC_PY_CENSUS_H

#include <Python.h>
#include <stdint.h>

extern PyTypeObject rc_Census_Type;
extern const char rc_census_doc[];

/* refcycle.census(): a new Census, or NULL with an exception. */
PyObject *rc_census(PyObject *module, PyObject *unused);

/* refcycle._core._census_of_records(graph): a census of a loaded
 * snapshot (its records' ids, type names and sizes). */
PyObject *rc_census_of_records(PyObject *module, PyObject *graph);

/* refcycle._core._watch_ref(obj): an untracked weak reference, or None. */
PyObject *rc_watch_ref(PyObject *module, PyObject *obj);

/* Whether obj was counted by census (a Census): the same address and the
 * same type, or for a record of a saved snapshot its id and type name.
 * Runs no code of obj's.  1 or 0; -1 with MemoryError (the census's
 * address map is built on the first question). */
int rc_census_had(PyObject *census, PyObject *obj);

/* What census counted of type (the same type object, by address and
 * name): *count objects, *bytes shallow bytes.  0, or -1 with an
 * exception. */
int rc_census_type_tally(PyObject *census, PyTypeObject *type, uint64_t *count, uint64_t *bytes);

/* g.new_since(census): the subgraph of the vertices census did not count. */
PyObject *rc_og_new_since(PyObject *self, PyObject *census);

#endif
