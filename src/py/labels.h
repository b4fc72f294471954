/* labels.h - what a reference is, read from the referrer's structure.
 *
 * Labels come from type slots and builtin structure only: no user
 * __repr__, __eq__, __hash__ or __getattr__ runs, and nothing is
 * materialised (reading obj.__dict__ would create a dict on 3.11+). */
#ifndef RC_LABELS_H
#define RC_LABELS_H

#include <Python.h>
#include <stdint.h>

/* The label of the k-th reference (0-based, in the referrer's traversal
 * order) from referrer to referent: a new str, or None when unknown.
 * NULL with an exception only on memory errors. */
PyObject *rc_label_edge(PyObject *referrer, PyObject *referent, uint32_t k);

/* All labels of the references from referrer to referent, in traversal
 * order where known, appended to list.  0 or -1. */
int rc_labels_collect(PyObject *referrer, PyObject *referent, PyObject *list);

#endif
