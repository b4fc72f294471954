/* scc.c - strongly connected components: an iterative Tarjan (in the
 * single-index form of Pearce, "A space-efficient algorithm for finding
 * strongly connected components", 2016), source components and grouping.
 * No recursion: the DFS keeps an explicit stack of (node, next edge). */
#include <config.h>

#include "src/graph/scc.h"

#include <stdlib.h>

#include "src/common/status.h"
#include "src/graph/bfs.h"

/* State of one rc_scc run.  comp[] (the caller's array) serves as
 * Pearce's rindex while the search runs:
 *   0                  not yet visited;
 *   1 .. index - 1     live (visited, component not yet known): the
 *                      smallest visit index reachable so far, i.e.
 *                      Tarjan's lowlink merged with the index;
 *   c .. n             finished, in component number c (counted down
 *                      from n).
 * Live values stay below every finished one, so "rindex[w] < rindex[v]"
 * ignores finished nodes without a separate on-stack flag.
 * stack[] holds two stacks of n entries in all, as a node is on at most
 * one of them: the DFS path grows down from the top (with pos[] holding
 * each frame's next edge), Tarjan's stack of finished-but-live nodes
 * grows up from the bottom.  root marks nodes whose rindex is still their
 * own visit index (candidate component roots). */
struct rc_scc_state {
	const struct rc_graph *g;
	uint32_t *rindex;
	uint32_t *stack;
	uint32_t *pos;
	struct rc_nodeset root;
	uint32_t index;		/* next visit index */
	uint32_t c;		/* next component number, counting down */
	uint32_t sp;		/* Tarjan stack: stack[0 .. sp-1] */
	uint32_t depth;		/* DFS path: stack[n-depth .. n-1] */
};

static void
rc_scc_begin(struct rc_scc_state *st, uint32_t v)
{
	st->depth++;
	st->stack[st->g->n - st->depth] = v;
	st->pos[st->depth - 1] = st->g->out_off[v];
	st->rindex[v] = st->index++;
	rc_nodeset_add(&st->root, v);
}

/* v's DFS frame is done: if v is still a root, it and the nodes above it
 * on Tarjan's stack form a component; otherwise v waits on that stack. */
static void
rc_scc_finish(struct rc_scc_state *st, uint32_t v)
{
	uint32_t *rindex = st->rindex;

	st->depth--;
	if (!rc_nodeset_has(&st->root, v)) {
		st->stack[st->sp++] = v;
		return;
	}
	st->index--;
	while (st->sp > 0 && rindex[v] <= rindex[st->stack[st->sp - 1]]) {
		rindex[st->stack[--st->sp]] = st->c;
		st->index--;
	}
	rindex[v] = st->c--;
}

/* One DFS tree from r.  The top frame resumes at its saved edge; meeting
 * an unvisited head pushes a frame, any other head lowers v's rindex (a
 * finished head has a larger value and changes nothing).  Returning from
 * a child lowers the parent by the child's value the same way. */
static void
rc_scc_visit(struct rc_scc_state *st, uint32_t r)
{
	const struct rc_graph *g = st->g;
	uint32_t *rindex = st->rindex;

	rc_scc_begin(st, r);
	while (st->depth > 0) {
		uint32_t v = st->stack[g->n - st->depth];
		uint32_t e = st->pos[st->depth - 1];
		uint32_t end = g->out_off[v + 1];
		int descended = 0;

		for (; e < end; e++) {
			uint32_t w = g->out_dst[e];

			if (rindex[w] == 0) {
				st->pos[st->depth - 1] = e;
				rc_scc_begin(st, w);
				descended = 1;
				break;
			}
			if (rindex[w] < rindex[v]) {
				rindex[v] = rindex[w];
				rc_nodeset_remove(&st->root, v);
			}
		}
		if (descended)
			continue;
		rc_scc_finish(st, v);
		if (st->depth > 0) {
			uint32_t p = st->stack[g->n - st->depth];

			if (rindex[v] < rindex[p]) {
				rindex[p] = rindex[v];
				rc_nodeset_remove(&st->root, p);
			}
			st->pos[st->depth - 1]++;	/* past the edge p -> v */
		}
	}
}

/* Components come out sinks first with numbers n, n-1, ...; the final
 * pass maps number c to n - c, so the first found is 0 and every edge
 * goes from a component to one with a smaller or equal number. */
int
rc_scc(const struct rc_graph *g, uint32_t *comp, uint32_t *ncomp)
{
	struct rc_scc_state st;
	uint32_t n = g->n, v;
	int rc;

	*ncomp = 0;
	if (n == 0)
		return RC_OK;
	if (n >= UINT32_MAX)
		return RC_EOVERFLOW;
	st.g = g;
	st.rindex = comp;
	st.stack = malloc((size_t)n * sizeof(uint32_t));
	st.pos = malloc((size_t)n * sizeof(uint32_t));
	rc = rc_nodeset_init(&st.root, n);
	if (st.stack == NULL || st.pos == NULL || rc != RC_OK) {
		free(st.stack);
		free(st.pos);
		if (rc == RC_OK)
			rc_nodeset_free(&st.root);
		return RC_ENOMEM;
	}
	st.index = 1;
	st.c = n;
	st.sp = 0;
	st.depth = 0;
	for (v = 0; v < n; v++)
		comp[v] = 0;
	for (v = 0; v < n; v++)
		if (comp[v] == 0)
			rc_scc_visit(&st, v);
	for (v = 0; v < n; v++)
		comp[v] = n - comp[v];
	*ncomp = n - st.c;
	free(st.stack);
	free(st.pos);
	rc_nodeset_free(&st.root);
	return RC_OK;
}

/* comp must hold values < ncomp, ncomp <= n: checked first, O(n). */
static int
rc_scc_check_comp(const struct rc_graph *g, const uint32_t *comp,
		  uint32_t ncomp)
{
	uint32_t v;

	if (ncomp > g->n)
		return RC_EINVAL;
	for (v = 0; v < g->n; v++)
		if (comp[v] >= ncomp)
			return RC_EINVAL;
	return RC_OK;
}

/* A component stops being a source when any edge enters it from another
 * component: one pass over all edges, O(n + m). */
int
rc_scc_sources(const struct rc_graph *g, const uint32_t *comp,
	       uint32_t ncomp, uint8_t *is_source)
{
	uint32_t u, e, c;
	int rc = rc_scc_check_comp(g, comp, ncomp);

	if (rc != RC_OK)
		return rc;
	for (c = 0; c < ncomp; c++)
		is_source[c] = 1;
	for (u = 0; u < g->n; u++) {
		uint32_t cu = comp[u], end = g->out_off[u + 1];

		for (e = g->out_off[u]; e < end; e++) {
			uint32_t cv = comp[g->out_dst[e]];

			if (cv != cu)
				is_source[cv] = 0;
		}
	}
	return RC_OK;
}

/* Counting sort of the nodes by component, scanning nodes in increasing
 * id so each group comes out sorted; start[] is the count/offset array
 * (same shift trick as the CSR build), so no scratch memory. */
int
rc_scc_members(const struct rc_graph *g, const uint32_t *comp,
	       uint32_t ncomp, uint32_t *start, uint32_t *nodes)
{
	uint32_t v, c;
	int rc = rc_scc_check_comp(g, comp, ncomp);

	if (rc != RC_OK)
		return rc;
	for (c = 0; c <= ncomp; c++)
		start[c] = 0;
	for (v = 0; v < g->n; v++)
		start[comp[v] + 1]++;
	for (c = 0; c < ncomp; c++)
		start[c + 1] += start[c];
	for (v = 0; v < g->n; v++)
		nodes[start[comp[v]]++] = v;
	for (c = ncomp; c > 0; c--)
		start[c] = start[c - 1];
	start[0] = 0;
	return RC_OK;
}

/* scc.h: one component alone, from two searches rather than the whole
 * graph's decomposition (the browser asks for the focus's only). */
int
rc_scc_component_of(const struct rc_graph *g, uint32_t v,
		    struct rc_nodelist *members)
{
	struct rc_nodelist fwd, back;
	struct rc_nodeset in_back;
	uint32_t i;
	int rc;

	if (v >= g->n)
		return RC_EINVAL;
	rc_nodelist_init(&fwd);
	rc_nodelist_init(&back);
	rc = rc_nodeset_init(&in_back, g->n);
	if (rc == RC_OK)
		rc = rc_bfs(g, v, RC_IN, RC_UNLIMITED, &back, NULL);
	if (rc == RC_OK)
		rc = rc_bfs(g, v, RC_OUT, RC_UNLIMITED, &fwd, NULL);
	for (i = 0; rc == RC_OK && i < back.len; i++)
		rc_nodeset_add(&in_back, back.ids[i]);
	for (i = 0; rc == RC_OK && i < fwd.len; i++)
		if (rc_nodeset_has(&in_back, fwd.ids[i]))
			rc = rc_nodelist_push(members, fwd.ids[i]);
	rc_nodeset_free(&in_back);
	rc_nodelist_free(&fwd);
	rc_nodelist_free(&back);
	return rc;
}
