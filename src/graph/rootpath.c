/* rootpath.c - shortest chain from a root to a node (see rootpath.h). */
#include <config.h>

#include "rootpath.h"

#include <stdlib.h>
#include <string.h>

#include "status.h"

struct search {
	const struct rc_graph *g;
	const struct rc_rootpath_skip *skip;
	uint32_t *next;      /* next[u]: the node u leads to, towards v */
	uint32_t *queue;
	uint32_t *ids;       /* scratch for one node's in-edge ids */
	uint32_t ids_cap;
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

/* Is some edge from the k-th entry of w's in-list allowed?  Without an
 * edge mask only the tail matters; with one, the edge ids of w's in-list
 * (fetched once per node into s->ids) decide. */
static int
usable(const struct search *s, uint32_t k, uint32_t u)
{
	if (s->skip->tails != NULL && rc_nodeset_has(s->skip->tails, u))
		return 0;
	if (s->skip->edges == NULL)
		return 1;
	return !rc_nodeset_has(s->skip->edges, s->ids[k]);
}

static int
fetch_in_ids(struct search *s, uint32_t w)
{
	uint32_t deg = rc_graph_degree(s->g, w, RC_IN);

	if (s->skip->edges == NULL)
		return RC_OK;
	if (deg > s->ids_cap) {
		uint32_t *ids = realloc(s->ids, (size_t)deg * sizeof *ids);
		if (ids == NULL)
			return RC_ENOMEM;
		s->ids = ids;
		s->ids_cap = deg;
	}
	return rc_graph_in_edge_ids(s->g, w, s->ids);
}

/* Backward BFS from v; the root found, or RC_NONE (or an error status
 * through *status). */
static uint32_t
search_back(struct search *s, uint32_t v, const struct rc_nodeset *roots,
	    int *status)
{
	uint32_t head = 0, tail = 0;

	s->next[v] = v;
	s->queue[tail++] = v;
	while (head < tail) {
		uint32_t w = s->queue[head++];
		if (rc_nodeset_has(roots, w))
			return w;
		*status = fetch_in_ids(s, w);
		if (*status != RC_OK)
			return RC_NONE;
		const uint32_t *in = rc_graph_neighbours(s->g, w, RC_IN);
		uint32_t deg = rc_graph_degree(s->g, w, RC_IN);
		for (uint32_t k = 0; k < deg; k++) {
			uint32_t u = in[k];
			if (s->next[u] != RC_NONE || !usable(s, k, u))
				continue;
			s->next[u] = w;
			s->queue[tail++] = u;
		}
	}
	*status = RC_ENOTFOUND;
	return RC_NONE;
}

static int
emit(const struct search *s, uint32_t root, struct rc_nodelist *path,
     struct rc_nodelist *edges)
{
	int rc = RC_OK;

	for (uint32_t u = root; rc == RC_OK; u = s->next[u]) {
		rc = rc_nodelist_push(path, u);
		if (s->next[u] == u)
			break;
		if (rc == RC_OK && edges != NULL)
			rc = rc_nodelist_push(edges, edge_between(s, u, s->next[u]));
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
	struct search s = {g, skip ? skip : &none, NULL, NULL, NULL, 0};
	uint32_t plen = path->len, elen = edges ? edges->len : 0;
	int status = RC_OK;

	if (v >= g->n || roots->n != g->n
	    || (s.skip->tails != NULL && s.skip->tails->n != g->n)
	    || (s.skip->edges != NULL && s.skip->edges->n != g->m))
		return RC_EINVAL;
	s.next = malloc((size_t)g->n * sizeof *s.next);
	s.queue = malloc((size_t)g->n * sizeof *s.queue);
	if (s.next == NULL || s.queue == NULL) {
		status = RC_ENOMEM;
		goto out;
	}
	memset(s.next, 0xff, (size_t)g->n * sizeof *s.next);   /* RC_NONE */
	uint32_t root = search_back(&s, v, roots, &status);
	if (root != RC_NONE)
		status = emit(&s, root, path, edges);
out:
	free(s.next);
	free(s.queue);
	free(s.ids);
	if (status != RC_OK) {
		path->len = plen;
		if (edges != NULL)
			edges->len = elen;
	}
	return status;
}
