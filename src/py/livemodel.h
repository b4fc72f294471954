/* livemodel.h - a struct rc_model (src/model/model.h) over a live
 * ObjectGraph: what refcycle.browse() and ObjectGraph.report() hand to
 * the browser and to the report.
 *
 * Everything needed for every vertex (type, size, address) is computed
 * once, in C arrays; summaries and labels on demand.  While the browser
 * waits for a key, the GIL is released (wait_begin/wait_end): the
 * graph's objects stay alive, held by the graph. */
#ifndef RC_PY_LIVEMODEL_H
#define RC_PY_LIVEMODEL_H

#include <Python.h>

#include <stdint.h>

#include "src/graph/nodeset.h"
#include "src/model/model.h"
#include "src/py/objectgraph.h"

struct rc_live {
	struct rc_model model;
	rc_ObjectGraph *graph;       /* strong reference */
	char **type_name;            /* UTF-8 copies, model.ntypes of them */
	uint64_t *address;
	PyThreadState *released;     /* while waiting for a key */
	/* With background: the in-edges and the dominators' thread are
	 * still to be started (after the first screen), or failed to. */
	int unstarted, start_failed;
	int collector_held;          /* the browser turned the collector off
				      * while it works on a key */
	/* browse(since=...): the new vertices (model.shown) and each
	 * type's changes; empty and NULL otherwise. */
	struct rc_nodeset shown;
	int64_t *count_delta, *size_delta;
};

/* Types and sizes (the graph's analysis, its dominator tree included),
 * type names and addresses of every vertex, in C arrays; with since
 * (else NULL: an earlier ObjectGraph of live objects or a census), the
 * comparison with it, as refcycle.diff(since, graph) decides.  With
 * background set, the dominator tree is computed on a thread of its own
 * and handed over through the model's analysis_poll (the browser's
 * first screen does not wait for it: the in-edges and the thread are
 * started by the browser's first poll or wait for a key); otherwise it
 * is there on return.
 * 0, or -1 with an exception set; rc_live_free in both cases. */
int rc_live_init(struct rc_live *L, rc_ObjectGraph *graph, PyObject *since, int background);

void rc_live_free(struct rc_live *L);

#endif
