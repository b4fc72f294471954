/* labels.h - what a reference is, read from the referrer's structure.
 *
 * Labels come from type slots and builtin structure only: no user
 * __repr__, __eq__, __hash__ or __getattr__ runs, and nothing is
 * materialised (reading obj.__dict__ would create a dict on 3.11+).  An
 * edge whose reference cannot be identified gets None, never a guess. */
#ifndef RC_LABELS_H
#define RC_LABELS_H

#include <Python.h>
#include <stdint.h>

/* The label of the k-th reference (0-based, in the referrer's traversal
 * order) from referrer to referent: a new str, or None when unknown.
 * The references a snapshot records are those of tp_traverse (plus, for
 * every object, rc_capture_visit_hidden): when the labels cannot account
 * for exactly those references to referent, all of them get None.  Items
 * of lists and tuples, which tp_traverse visits last first, are labelled
 * in index order: [x, x] gives item[0] then item[1].  Labels are at most
 * about 200 characters.  NULL with an exception only on memory errors. */
PyObject *rc_label_edge(PyObject *referrer, PyObject *referent, uint32_t k);

/* Labels of all the out-edges of one referrer at once: heads[0..n-1] are
 * the referents of its edges in edge order (parallel edges repeated);
 * out[i] receives a new reference to the label of edge i (str or None).
 * Cheaper than n calls of rc_label_edge when the referrer is big (a
 * module's dict): its structure is read once.  0, or -1 with an exception
 * (out then holds no references). */
int rc_labels_for_edges(PyObject *referrer, PyObject *const *heads, uint32_t n,
			PyObject **out);

#endif
