/* analysis_impl.h - what analysis.c (types, sizes, roots) and
 * analysis_dom.c (dominators) share; other files use analysis.h. */
#ifndef RC_ANALYSIS_IMPL_H
#define RC_ANALYSIS_IMPL_H

#include <Python.h>

#include "src/py/analysis.h"
#include "src/py/objectgraph.h"

/* The analysis of graph self, allocated (empty) on first need; NULL
 * with an exception. */
static inline struct rc_analysis *
analysis_of(PyObject *self)
{
	rc_ObjectGraph *g = (rc_ObjectGraph *)self;

	if (g->analysis == NULL) {
		g->analysis = PyMem_Calloc(1, sizeof *g->analysis);
		if (g->analysis == NULL)
			PyErr_NoMemory();
	}
	return g->analysis;
}

/* Stop the dominators' thread, if any, and release it and the inputs it
 * borrowed (rc_analysis_free, first: the thread reads the arrays). */
void rc_analysis_dominators_stop(struct rc_analysis *a);

#endif
