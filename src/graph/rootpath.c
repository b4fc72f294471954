/* rootpath.c - shortest chain from a root to a node (see rootpath.h). */
#include <config.h>

#include "src/graph/rootpath.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"

struct search {
	const struct rc_graph *g;
	const struct rc_rootpath_skip *skip;
	/* The nodes met, each with the node it leads to, towards v: a map,
	 * not an array of n, so that a search that meets a root soon costs
	 * only what it visits. */
	struct rc_nodemap next;
	struct rc_nodelist queue;
	int status;          /* RC_ENOMEM when the map or queue could not grow */
	uint32_t *eid;       /* with an edge mask: the id of each in-list
			      * entry (rc_graph_in_edge_map) */
};

/* The lowest edge id u -> w that skip allows, or RC_NONE. */
static uint32_t
edge_between(const struct search *s, uint32_t u, uint32_t w)
{
	const struct rc_graph *g = s->g;

	if (s->skip->tails != NULL && rc_nodeset_has(s->skip->tails, u))
		return RC_NONE;
	for (uint32_t e = g->out_off[u]; e < g->out_off[u + 1]; e++) {
		if (g->out_dst[e] != w)
			continue;
		if (s->skip->edges == NULL || !rc_nodeset_has(s->skip->edges, e))
			return e;
	}
	return RC_NONE;
}

/* May the in-list entry at position i (tail u) be followed?  Without an
 * edge mask only the tail matters. */
static int
usable(const struct search *s, uint32_t i, uint32_t u)
{
	if (s->skip->tails != NULL && rc_nodeset_has(s->skip->tails, u))
		return 0;
	return s->eid == NULL || !rc_nodeset_has(s->skip->edges, s->eid[i]);
}

/* u met, leading to w: queued.  0, or -1 out of memory. */
static int
meet(struct search *s, uint32_t u, uint32_t w)
{
	if (rc_nodemap_put(&s->next, u, w) != RC_OK
	    || rc_nodelist_push(&s->queue, u) != RC_OK) {
		s->status = RC_ENOMEM;
		return -1;
	}
	return 0;
}

/* Backward BFS from v: the first root met, or RC_NONE (s->status says
 * whether for want of memory). */
static uint32_t
search_back(struct search *s, uint32_t v, const struct rc_nodeset *roots)
{
	uint32_t head = 0;

	if (meet(s, v, v) < 0)
		return RC_NONE;
	if (rc_nodeset_has(roots, v))
		return v;
	/* A root is taken when it is met, not when its turn in the queue
	 * comes: the same root (the first queued is the first dequeued),
	 * without expanding the rest of its level and the next. */
	while (head < s->queue.len) {
		uint32_t w = s->queue.ids[head++];
		const uint32_t *in = rc_graph_neighbours(s->g, w, RC_IN);
		uint32_t deg = rc_graph_degree(s->g, w, RC_IN);
		uint32_t base = (uint32_t)(in - s->g->in_src);   /* in_off[w] */
		for (uint32_t k = 0; k < deg; k++) {
			uint32_t u = in[k];
			if (rc_nodemap_get(&s->next, u) != RC_NODEMAP_EMPTY
			    || !usable(s, base + k, u))
				continue;
			if (meet(s, u, w) < 0)
				return RC_NONE;
			if (rc_nodeset_has(roots, u))
				return u;
		}
	}
	return RC_NONE;
}

static int
emit(const struct search *s, uint32_t root, struct rc_nodelist *path,
     struct rc_nodelist *edges)
{
	int rc = RC_OK;

	for (uint32_t u = root; rc == RC_OK; u = rc_nodemap_get(&s->next, u)) {
		uint32_t w = rc_nodemap_get(&s->next, u);
		rc = rc_nodelist_push(path, u);
		if (w == u)
			break;
		if (rc == RC_OK && edges != NULL)
			rc = rc_nodelist_push(edges, edge_between(s, u, w));
	}
	return rc;
}

int
rc_path_to_root(const struct rc_graph *g, uint32_t v,
		const struct rc_nodeset *roots,
		const struct rc_rootpath_skip *skip,
		struct rc_nodelist *path, struct rc_nodelist *edges)
{
	static const struct rc_rootpath_skip none = {NULL, NULL};
	struct search s = {g, skip ? skip : &none, {NULL, NULL, 0, 0}, {0, 0, NULL}, RC_OK, NULL};
	uint32_t plen = path->len, elen = edges ? edges->len : 0;
	int status = RC_OK;

	if (v >= g->n || roots->n != g->n
	    || (s.skip->tails != NULL && s.skip->tails->n != g->n)
	    || (s.skip->edges != NULL && s.skip->edges->n != g->m))
		return RC_EINVAL;
	rc_nodemap_init(&s.next);
	rc_nodelist_init(&s.queue);
	if (rc_graph_in_offsets(g) == NULL)
		status = RC_ENOMEM;
	if (status == RC_OK && s.skip->edges != NULL)
		status = rc_graph_in_edge_map(g, &s.eid);
	if (status == RC_OK) {
		uint32_t root = search_back(&s, v, roots);
		status = root != RC_NONE ? emit(&s, root, path, edges)
		       : s.status != RC_OK ? s.status : RC_ENOTFOUND;
	}
	rc_nodemap_free(&s.next);
	rc_nodelist_free(&s.queue);
	free(s.eid);
	if (status != RC_OK) {
		path->len = plen;
		if (edges != NULL)
			edges->len = elen;
	}
	return status;
}

int
rc_reach_from(const struct rc_graph *g, const struct rc_nodeset *roots,
	      const struct rc_nodeset *skip_tails, struct rc_nodeset *reached)
{
	uint32_t head = 0, tail = 0;

	if (roots->n != g->n || reached->n != g->n
	    || (skip_tails != NULL && skip_tails->n != g->n))
		return RC_EINVAL;
	uint32_t *queue = malloc(((size_t)g->n + 1) * sizeof *queue);
	if (queue == NULL)
		return RC_ENOMEM;
	for (uint32_t v = 0; v < g->n; v++)
		if (rc_nodeset_has(roots, v) && !rc_nodeset_has(reached, v)) {
			rc_nodeset_add(reached, v);
			queue[tail++] = v;
		}
	while (head < tail) {
		uint32_t u = queue[head++];
		if (skip_tails != NULL && rc_nodeset_has(skip_tails, u))
			continue;
		for (uint32_t e = g->out_off[u]; e < g->out_off[u + 1]; e++) {
			uint32_t w = g->out_dst[e];
			if (!rc_nodeset_has(reached, w)) {
				rc_nodeset_add(reached, w);
				queue[tail++] = w;
			}
		}
	}
	free(queue);
	return RC_OK;
}

/* The vertices nothing refers to: where a chain starts when no root
 * reaches the focus. */
static int
orphans(const struct rc_graph *g, struct rc_nodeset *out)
{
	int rc = rc_nodeset_init(out, g->n);

	for (uint32_t v = 0; rc == RC_OK && v < g->n; v++)
		if (rc_graph_degree(g, v, RC_IN) == 0)
			rc_nodeset_add(out, v);
	return rc;
}

int
rc_roots_path(const struct rc_graph *g, uint32_t focus,
	      const struct rc_nodeset *roots, const struct rc_nodeset *ignored,
	      struct rc_nodelist *path, struct rc_nodelist *edges,
	      enum rc_path_end *end)
{
	struct rc_rootpath_skip skip = {NULL, ignored};
	struct rc_nodeset none, start;
	int rc;

	if (focus >= g->n)
		return RC_EINVAL;
	if (roots == NULL) {
		rc = rc_nodeset_init(&none, g->n);
		if (rc != RC_OK)
			return rc;
		roots = &none;
	}
	rc = rc_path_to_root(g, focus, roots, &skip, path, edges);
	if (roots == &none)
		rc_nodeset_free(&none);
	if (rc != RC_ENOTFOUND) {
		*end = RC_PATH_ROOT;
		return rc;
	}
	rc = orphans(g, &start);
	if (rc == RC_OK)
		rc = rc_path_to_root(g, focus, &start, &skip, path, edges);
	rc_nodeset_free(&start);
	*end = RC_PATH_NO_REFERRER;
	return rc;
}
