/* og_leaks.c - g.suspects(): Eclipse MAT's leak suspects on the graph's
 * dominator tree (src/graph/suspects.c), handed to refcycle._leaks, which
 * makes the Suspect records (with each one's path from a root). */
#include <Python.h>
#include <config.h>

#include "src/py/og_leaks.h"

#include <stdlib.h>

#include "src/capture/pyerrors.h"
#include "src/common/i18n.h"
#include "src/common/status.h"
#include "src/graph/suspects.h"
#include "src/introspect/typename.h"
#include "src/py/analysis.h"
#include "src/py/objectgraph.h"

#define GRAPH(self) ((rc_ObjectGraph *)(self))

/* (kind, node, accumulation, retained, count, type name), kind being
 * "object" or "type". */
static PyObject *
suspect_tuple(rc_ObjectGraph *g, const struct rc_analysis *a, const struct rc_suspect *s)
{
	PyObject *name = rc_typekey_name(a->types.types[a->type_of[s->node]]);

	if (name == NULL)
		return NULL;
	PyObject *node = rc_og_obj(g, s->node);
	PyObject *acc = node ? rc_og_obj(g, s->accumulation) : NULL;
	if (acc == NULL) {
		Py_DECREF(name);
		return NULL;
	}
	return Py_BuildValue("(sOOKIN)", s->group == RC_NONE ? "object" : "type", node, acc,
			     (unsigned long long)s->retained, (unsigned)s->count, name);
}

PyObject *
rc_og_suspects(PyObject *self, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = {"threshold", NULL};
	double threshold = 0.1;

	if (!PyArg_ParseTupleAndKeywords(args, kwds, "|d:suspects", kwlist, &threshold))
		return NULL;
	if (!(threshold > 0.0 && threshold <= 1.0)) {
		PyErr_Format(PyExc_ValueError,
			     _("threshold is a share of the heap, above 0 and at most 1, not %R"),
			     PyTuple_GET_SIZE(args) ? PyTuple_GET_ITEM(args, 0)
			     : PyDict_GetItemString(kwds, "threshold"));
		return NULL;
	}
	struct rc_analysis *a = rc_analysis_dominators(self);
	if (a == NULL)
		return NULL;
	uint64_t total = 0;
	for (uint32_t v = 0; v < GRAPH(self)->heap.n; v++)
		total += a->size[v];
	unsigned char *skip = calloc((size_t)a->types.n + 1, 1);
	if (skip == NULL)
		return PyErr_NoMemory();
	for (uint32_t t = 0; t < a->types.n; t++) {
		PyObject *name = rc_typekey_name(a->types.types[t]);
		const char *utf8 = name ? PyUnicode_AsUTF8(name) : NULL;
		if (utf8 == NULL) {
			Py_XDECREF(name);
			free(skip);
			return NULL;
		}
		skip[t] = (unsigned char)rc_suspect_structural_type(utf8);
		Py_DECREF(name);
	}
	struct rc_suspect *s;
	uint32_t n;
	struct rc_suspect_tree tree = rc_suspect_tree_of(&a->dv);
	int status = rc_suspects_find(&tree, a->type_of, a->types.n, skip, total, threshold,
				      &s, &n);
	free(skip);
	if (status != RC_OK)
		return rc_status_raise(status);
	PyObject *raw = PyList_New(n);
	for (uint32_t i = 0; raw != NULL && i < n; i++) {
		PyObject *t = suspect_tuple(GRAPH(self), a, &s[i]);
		if (t == NULL)
			Py_CLEAR(raw);
		else
			PyList_SET_ITEM(raw, i, t);
	}
	free(s);
	if (raw == NULL)
		return NULL;
	PyObject *leaks = PyImport_ImportModule("refcycle._leaks");
	PyObject *result = leaks ? PyObject_CallMethod(leaks, "make_suspects", "OOK", self, raw,
						       (unsigned long long)total) : NULL;
	Py_XDECREF(leaks);
	Py_DECREF(raw);
	return result;
}
