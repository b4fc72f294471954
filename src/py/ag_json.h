/* ag_json.h - AnnotatedGraph from refcycle's JSON (ag_json.c). */
#ifndef RC_AG_JSON_H
#define RC_AG_JSON_H

#include <Python.h>

/* cls.from_json(text): a new graph of type cls, or NULL with a
 * ValueError (malformed JSON or not a graph) or another exception. */
PyObject *rc_annotated_from_json(PyObject *cls, PyObject *text);

/* cls.import_json(filename): the same, read from a UTF-8 file. */
PyObject *rc_annotated_import_json(PyObject *cls, PyObject *filename);

#endif
