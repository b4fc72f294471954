/* analysis.h - what a graph knows of its heap beyond the edges, computed
 * on first need and kept with the graph: each vertex's type and shallow
 * size, its roots, and its dominator tree with retained sizes.
 *
 * Roots are where a chain of references that keeps an object alive can
 * start: a vertex referenced from outside the graph (its reference
 * count exceeds the references the graph records: C code, the stack,
 * untracked containers hold it), a frame running in some thread, and a
 * module.  Other refcycle graphs among the vertices (an earlier snapshot)
 * are the tool's own bookkeeping: their references are counted as
 * references, but dominators and paths do not go through them.
 * Runs no Python code of the user's objects. */
#ifndef RC_ANALYSIS_H
#define RC_ANALYSIS_H

#include <Python.h>
#include <stdint.h>

#include "src/graph/domjob.h"
#include "src/graph/domview.h"
#include "src/graph/nodeset.h"
#include "src/graph/rootkind.h"
#include "src/introspect/typename.h"

struct rc_analysis {
	/* Types and sizes (rc_analysis_types). */
	int have_types;
	struct rc_typetable types;   /* borrowed types: the vertices hold them */
	uint32_t *type_of;           /* n */
	uint64_t *size;              /* n: shallow size in bytes */

	/* Roots (rc_analysis_roots). */
	int have_roots;
	struct rc_nodeset roots;     /* vertices of a kind other than
				      * RC_ROOT_NONE (model.h) */
	struct rc_nodeset tool;      /* vertices that are refcycle graphs */
	uint32_t ntool;

	/* Dominators (rc_analysis_dominators). */
	int have_dom;
	struct rc_dom_view dv;       /* group_retained: all objects of a type */

	/* Dominators computed on a thread of their own: the job (allocated
	 * on first use, released with the analysis only: a thread waiting
	 * for it may still look at it after another joined it), whether
	 * it runs (not joined yet), how many threads wait for it (with the
	 * GIL released), and the inputs it borrows until it is joined. */
	struct rc_dom_job *job;
	int job_running;
	int job_waiters;
	struct rc_graph job_graph;   /* g without the tool's edges, or empty */
	struct rc_nodelist job_roots;
};

/* The analysis of graph g with the parts asked for computed; NULL with an
 * exception set on failure (what was computed before stays). */
struct rc_analysis *rc_analysis_types(PyObject *g);
struct rc_analysis *rc_analysis_roots(PyObject *g);
struct rc_analysis *rc_analysis_dominators(PyObject *g);

/* The dominators on a thread of their own, so that the browser can show
 * its first screen while they are computed: types and roots are
 * computed here, then the thread is started (nothing is started when
 * the dominators are there already).  0, or -1 with an exception.
 * rc_analysis_dominators waits for such a thread rather than starting
 * over. */
int rc_analysis_dominators_start(PyObject *g);

/* 1 when the dominators are there (taken up from the thread if it has
 * just finished), 0 while it runs (*done of *total units so far), -1
 * with an exception if it failed. */
int rc_analysis_dominators_poll(PyObject *g, uint64_t *done, uint64_t *total);

/* What kind of root vertex v of graph g is (model.h), by the definition
 * above; RC_ROOT_NONE if it is none.  Reads the object's type, runs no
 * code, sets no exception. */
enum rc_root_kind rc_analysis_root_kind(PyObject *g, uint32_t v);

/* A root kind's name ("module", "frame", "external"; NULL for none),
 * and the kind a name stands for (RC_ROOT_NONE for anything else, with
 * no exception). */
const char *rc_root_kind_name(enum rc_root_kind kind);
enum rc_root_kind rc_root_kind_from_name(PyObject *name);

/* Release everything; a is left empty (safe to call twice). */
void rc_analysis_free(struct rc_analysis *a);

#endif
