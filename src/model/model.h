/* model.h - what the browser knows of a heap: the interface between the
 * views and whoever holds the graph (a live snapshot in the Python
 * module, a saved snapshot file in the standalone program, a synthetic
 * graph in the tests).  No curses, no Python.
 *
 * Vertices and edges are those of the CSR graph g (graph.h): edge e goes
 * from rc_graph_tail(g, e) to g->out_dst[e].  Strings are UTF-8.  The
 * callbacks may be slow (a label reads the referrer's structure): the
 * views call them only for what they draw or export, never for the whole
 * heap at once, except summary() where a filter asks for it. */
#ifndef RC_MODEL_MODEL_H
#define RC_MODEL_MODEL_H

#include <stdint.h>

#include "src/common/buf.h"
#include "src/graph/domview.h"
#include "src/graph/graph.h"
#include "src/graph/nodeset.h"
#include "src/graph/rootkind.h"

struct rc_model {
	const struct rc_graph *g;    /* borrowed for the model's life */

	/* Types: type_of[v] < ntypes for every vertex; names live as long
	 * as the model. */
	uint32_t ntypes;
	const uint32_t *type_of;     /* n entries */
	const char *const *type_name;/* ntypes entries */
	const uint64_t *size;        /* n entries: shallow size in bytes */
	/* Retained sizes (what would be freed with the object, from the
	 * dominator tree), or NULL: no retained column.  retained has n
	 * entries, type_retained ntypes (all objects of the type, nothing
	 * counted twice). */
	const uint64_t *retained;
	const uint64_t *type_retained;
	/* The dominator tree, or NULL (with retained): idom[v] (n
	 * entries) is v's immediate dominator, n when no single object
	 * dominates it, RC_NONE when it is in no tree; the children of v
	 * (0 <= v <= n) are dom_kids[dom_off[v] .. dom_off[v + 1] - 1]. */
	const uint32_t *idom;
	const uint32_t *dom_off;
	const uint32_t *dom_kids;
	/* The five fields above still being computed (NULL meanwhile), or
	 * NULL: nothing is pending, they are all there will be.  The
	 * browser calls it while it waits for keys, and while a request
	 * that needs them waits: 1 when the host has just filled them in
	 * (the views then take them up), 0 while the work goes on (*done of
	 * *total units so far), -1 when it failed (why in err; they stay
	 * NULL).  After a 1 or a -1 it is not called again. */
	int (*analysis_poll)(void *ctx, uint64_t *done, uint64_t *total, struct rc_buf *err);
	/* id(obj) of each vertex: address (n entries), or the objects
	 * themselves (n pointers, whose values are their ids: a live heap's
	 * own array, with nothing to copy), or neither (the vertex's number
	 * stands in).  Read through rc_model_address(). */
	const uint64_t *address;
	const void *const *objects;

	/* A comparison with an earlier snapshot, or NULL: shown is the set
	 * of vertices that are new since then (universe n, borrowed for
	 * the model's life).  The types view then lists only the types
	 * with new vertices, counting those only, and the objects view
	 * only new vertices; everything that follows references
	 * (referrers, ancestors, paths, cycles, dominators) still runs
	 * over the whole graph: an old object can keep a new one alive.
	 * NULL: every vertex, no comparison. */
	const struct rc_nodeset *shown;
	/* With shown, the change per type since the earlier snapshot
	 * (ntypes entries each, or NULL: no such column): how many more
	 * objects of the type there are, and how many more bytes of
	 * shallow size (negative: fewer).  The host decides what counts
	 * as gone; the Python module counts as refcycle.diff() does: the
	 * new vertices minus the objects only the earlier snapshot still
	 * keeps alive (it holds every object it saw, so nothing it saw
	 * is ever freed while it lives). */
	const int64_t *type_count_delta;
	const int64_t *type_size_delta;

	/* A one-line description of v (never from a user __repr__: "dict
	 * len=3", "function worker", "frame worker worker.py:12"), appended
	 * to out.  0, or -1 if it failed (out then says why). */
	int (*summary)(void *ctx, uint32_t v, struct rc_buf *out);

	/* What edge e is ("__self__", "local 'job'", "item[3]"), appended to
	 * out; 1 if labelled, 0 if the reference is not identified, -1 on
	 * failure. */
	int (*edge_label)(void *ctx, uint32_t e, struct rc_buf *out);

	/* Where v was allocated, from the allocation's most recent frame
	 * ("worker.py:25"), appended to out: 1 if known, 0 if not
	 * (tracemalloc was not tracing then), -1 on failure.  May be NULL. */
	int (*allocated_at)(void *ctx, uint32_t v, struct rc_buf *out);

	/* The watched objects (refcycle.watch) still alive among the
	 * vertices: *ids (malloc'd, the caller frees) receives *n vertex
	 * ids.  An RC status.  May be NULL: nothing is watched. */
	int (*watched)(void *ctx, uint32_t **ids, uint32_t *n);

	/* Where a referrer chain may start: modules, running frames,
	 * objects held from outside the graph. */
	enum rc_root_kind (*root_kind)(void *ctx, uint32_t v);

	/* The vertices whose root_kind is not RC_ROOT_NONE, as a set, if
	 * the host has it (borrowed for the model's life); NULL: the
	 * browser asks root_kind of every vertex, once. */
	const struct rc_nodeset *roots;

	/* Render dot, the picture the browser composed from this model in
	 * the house style (src/export/style.h), to path (format from the
	 * path's extension; none: png).  0, or -1 with the cause in err.
	 * May be NULL: the browser then offers no export. */
	int (*export_image)(void *ctx, const char *dot, const char *path,
			    struct rc_buf *err);

	/* Blocking for input: the Python module releases the GIL between
	 * these two, so the program's other threads run.  May be NULL. */
	void (*wait_begin)(void *ctx);
	void (*wait_end)(void *ctx);

	/* Polled while idle and during long work: nonzero asks the browser
	 * to stop (a pending Ctrl-C, or an error in the host).  May be NULL. */
	int (*interrupted)(void *ctx);

	void *ctx;
};

/* Point m's retained sizes and dominator tree at those of dv (borrowed:
 * dv lives as long as the model uses them). */
static inline void
rc_model_set_dominators(struct rc_model *m, const struct rc_dom_view *dv)
{
	m->retained = dv->retained;
	m->type_retained = dv->group_retained;
	m->idom = dv->dom.idom;
	m->dom_off = dv->kid_off;
	m->dom_kids = dv->kids;
}

/* id(obj) of vertex v (see address and objects above). */
static inline uint64_t
rc_model_address(const struct rc_model *m, uint32_t v)
{
	if (m->address != NULL)
		return m->address[v];
	if (m->objects != NULL)
		return (uint64_t)(uintptr_t)m->objects[v];
	return v;
}

/* Whether vertices have ids of their own (else rc_model_address gives
 * their numbers). */
static inline int
rc_model_has_address(const struct rc_model *m)
{
	return m->address != NULL || m->objects != NULL;
}

#endif
