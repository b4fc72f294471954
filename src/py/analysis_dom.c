/* analysis_dom.c - the dominators of a graph's analysis (see
 * analysis.h): their inputs (the graph without the tool's own edges, the
 * roots), computed on a thread of their own while the caller goes on,
 * or here when no thread can be had; waited for with the GIL released,
 * with progress reports and ^C. */
#include <Python.h>
#include <config.h>

#include "src/py/analysis.h"
#include "src/py/analysis_impl.h"

#include <stdlib.h>

#include "src/capture/pyerrors.h"
#include "src/common/status.h"
#include "src/py/objectgraph.h"
#include "src/py/progress.h"

#define GRAPH(self) ((rc_ObjectGraph *)(self))

/* g without the out-edges of the tool's own graphs: an earlier snapshot
 * refers to everything and would otherwise dominate nothing and be
 * dominated by nothing. */
static int
graph_without_tool(const struct rc_graph *g, const struct rc_nodeset *tool,
		   struct rc_graph *out)
{
	uint32_t *off = malloc(((size_t)g->n + 1) * sizeof *off);
	uint32_t *dst = malloc(((size_t)g->m + 1) * sizeof *dst);
	uint32_t m = 0;

	if (off == NULL || dst == NULL) {
		free(off);
		free(dst);
		return RC_ENOMEM;
	}
	for (uint32_t v = 0; v < g->n; v++) {
		off[v] = m;
		if (rc_nodeset_has(tool, v))
			continue;
		for (uint32_t e = g->out_off[v]; e < g->out_off[v + 1]; e++)
			dst[m++] = g->out_dst[e];
	}
	off[g->n] = m;
	return rc_graph_adopt_out(out, g->n, off, dst);
}

/* The inputs of the dominator tree: g, without the tool's own edges
 * when there are tool graphs among the vertices (then in
 * a->job_graph), and the roots as a list (a->job_roots).  A status. */
static int
dominator_inputs(struct rc_analysis *a, const struct rc_heap *h, const struct rc_graph **g)
{
	int status = RC_OK;

	*g = &h->g;
	if (a->ntool > 0) {
		status = graph_without_tool(&h->g, &a->tool, &a->job_graph);
		*g = &a->job_graph;
	}
	if (status == RC_OK)
		status = rc_nodeset_to_list(&a->roots, &a->job_roots);
	return status;
}

static void
dominator_inputs_free(struct rc_analysis *a)
{
	rc_nodelist_free(&a->job_roots);
	rc_graph_free(&a->job_graph);
	rc_nodelist_init(&a->job_roots);
}

static int
compute_dominators(struct rc_analysis *a, const struct rc_heap *h)
{
	const struct rc_graph *g;
	int status = dominator_inputs(a, h, &g);

	if (status == RC_OK)
		status = rc_dom_view_build(&a->dv, g, a->job_roots.ids, a->job_roots.len,
					   a->size, a->type_of, a->types.n);
	dominator_inputs_free(a);
	return rc_status_error(status);
}

/* Join the thread and take its tree (have_dom set on success).  0, or
 * -1 with an exception. */
static int
job_take(struct rc_analysis *a)
{
	int status = rc_dom_job_finish(a->job, &a->dv);

	a->job_running = 0;
	dominator_inputs_free(a);
	if (status != RC_OK)
		return rc_status_error(status);
	a->have_dom = 1;
	return 0;
}

/* Start the thread (types and roots computed).  RC_OK, or a status: no
 * thread could be had. */
static int
job_start(PyObject *self, struct rc_analysis *a)
{
	const struct rc_graph *g;

	if (a->job == NULL) {
		a->job = PyMem_Calloc(1, sizeof *a->job);
		if (a->job == NULL)
			return RC_ENOMEM;
	} else {
		rc_dom_job_cancel(a->job);    /* an earlier one, joined: released */
	}
	int status = dominator_inputs(a, &GRAPH(self)->heap, &g);
	if (status == RC_OK)
		status = rc_dom_job_start(a->job, g, a->job_roots.ids, a->job_roots.len, a->size,
					  a->type_of, a->types.n);
	if (status != RC_OK)
		dominator_inputs_free(a);
	else
		a->job_running = 1;
	return status;
}

/* Wait for the thread with the GIL released, so that the program's
 * other threads run, looking for signals every 50 ms: a ^C stops the
 * computation (when nobody else waits for it) and raises.  Then take the
 * tree, unless another thread took it meanwhile.  0, or -1 with an
 * exception. */
/* A waiter gives up (a signal's or the progress callback's exception
 * is set): the thread is stopped unless another thread still waits. */
static int
job_give_up(struct rc_analysis *a)
{
	if (--a->job_waiters == 0 && a->job_running) {
		struct rc_dom_view dropped;
		rc_progress_cancel(&a->job->progress);
		(void)rc_dom_job_finish(a->job, &dropped);
		rc_dom_view_free(&dropped);
		a->job_running = 0;
		dominator_inputs_free(a);
	}
	return -1;
}

static int
job_wait(struct rc_analysis *a)
{
	struct rc_dom_job *job = a->job;   /* stays allocated: see analysis.h */
	struct rc_progress_report rep;
	uint64_t done = 0, total = 0;

	rc_progress_report_begin(&rep);
	a->job_waiters++;
	for (;;) {
		int finished = rc_dom_job_poll(job, &done, &total);
		total = RC_DOM_VIEW_UNITS(job->g->n);
		if (!finished && rc_progress_report(&rep, "dominators", done, total, 0) < 0)
			return job_give_up(a);
		Py_BEGIN_ALLOW_THREADS
		finished = rc_dom_job_wait(job, 50);
		Py_END_ALLOW_THREADS
		if (finished || !a->job_running)
			break;
		if (PyErr_CheckSignals() < 0)
			return job_give_up(a);
	}
	a->job_waiters--;
	total = RC_DOM_VIEW_UNITS(job->g->n);
	if (!a->have_dom && !a->job_running) {
		/* Whoever joined it failed, and said so there. */
		PyErr_NoMemory();
		return -1;
	}
	if (!a->have_dom && job_take(a) < 0)
		return -1;
	return rc_progress_report(&rep, "dominators", total, total, 1);
}

int
rc_analysis_dominators_start(PyObject *self)
{
	struct rc_analysis *a = rc_analysis_types(self);

	if (a == NULL || rc_analysis_roots(self) == NULL)
		return -1;
	if (a->have_dom || a->job_running)
		return 0;
	/* No thread: rc_analysis_dominators computes them when asked. */
	(void)job_start(self, a);
	return 0;
}

int
rc_analysis_dominators_poll(PyObject *self, uint64_t *done, uint64_t *total)
{
	struct rc_analysis *a = analysis_of(self);

	*done = *total = 0;
	if (a == NULL)
		return -1;
	if (a->have_dom)
		return 1;
	if (!a->job_running)
		return rc_analysis_dominators(self) ? 1 : -1;
	if (!rc_dom_job_poll(a->job, done, total))
		return 0;
	return job_take(a) < 0 ? -1 : 1;
}

struct rc_analysis *
rc_analysis_dominators(PyObject *self)
{
	struct rc_analysis *a = rc_analysis_types(self);

	if (a == NULL || a->have_dom)
		return a;
	if (!a->job_running) {
		if (rc_analysis_roots(self) == NULL)
			return NULL;
		/* The caller waits for the tree anyway: the snapshot's
		 * in-edges, which the job starts with, are built here, in this
		 * thread's memory, which the last graph's freed in-edges make
		 * ready (on the job's thread, each graph's came from fresh
		 * pages: 40 ms a million).  A graph that leaves out an earlier
		 * snapshot's edges (dominator_inputs) still builds its own
		 * there. */
		const struct rc_graph *g = &GRAPH(self)->heap.g;
		const uint32_t *in_off;
		Py_BEGIN_ALLOW_THREADS
		in_off = rc_graph_in_offsets(g);
		Py_END_ALLOW_THREADS
		if (in_off == NULL && g->m > 0) {
			PyErr_NoMemory();
			return NULL;
		}
		if (job_start(self, a) != RC_OK) {
			/* No thread: here, with no ^C until it is done. */
			if (compute_dominators(a, &GRAPH(self)->heap) < 0)
				return NULL;      /* a->dv is left empty */
			a->have_dom = 1;
			return a;
		}
	}
	return job_wait(a) < 0 ? NULL : a;
}

void
rc_analysis_dominators_stop(struct rc_analysis *a)
{
	if (a->job != NULL) {
		rc_dom_job_cancel(a->job);
		PyMem_Free(a->job);
		a->job = NULL;
		a->job_running = 0;
	}
	dominator_inputs_free(a);
}
