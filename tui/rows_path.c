/* rows_path.c - referrer chains from a root, and cycles (see rows_path.h). */
#include <config.h>

#include "rows_path.h"

#include <stdlib.h>
#include <string.h>

#include "bfs.h"
#include "rows_edges.h"
#include "status.h"

/* next[u] = the vertex u refers to on the way to focus (RC_NONE: not
 * reached; next[focus] = focus).  The queue holds vertices in the order
 * found. */
int
rc_roots_path(const struct rc_graph *g, uint32_t focus,
	      int (*is_root)(void *ctx, uint32_t v), void *ctx,
	      struct rc_nodelist *path, struct rc_nodelist *edges,
	      enum rc_path_end *end)
{
	uint32_t *next, *queue, head = 0, tail = 0;
	uint32_t start = RC_NONE, orphan = RC_NONE, pbase = path->len;
	uint32_t ebase = edges->len, x;
	size_t cnt;
	int rc = RC_OK;

	if (focus >= g->n)
		return RC_EINVAL;
	cnt = g->n;
	next = malloc(cnt * sizeof *next);
	queue = malloc(cnt * sizeof *queue);
	if (next == NULL || queue == NULL) {
		free(next);
		free(queue);
		return RC_ENOMEM;
	}
	memset(next, 0xff, cnt * sizeof *next);	/* RC_NONE */
	next[focus] = focus;
	queue[tail++] = focus;
	while (head < tail) {
		uint32_t w = queue[head++];
		uint32_t k, deg = rc_graph_degree(g, w, RC_IN);
		const uint32_t *src = rc_graph_neighbours(g, w, RC_IN);

		if (is_root && is_root(ctx, w)) {
			start = w;
			break;
		}
		if (deg == 0 && orphan == RC_NONE)
			orphan = w;
		for (k = 0; k < deg; k++) {
			uint32_t u = src[k];

			if (next[u] != RC_NONE)
				continue;
			next[u] = w;
			queue[tail++] = u;
		}
	}
	if (start != RC_NONE) {
		*end = RC_PATH_ROOT;
	} else if (orphan != RC_NONE) {
		start = orphan;
		*end = RC_PATH_NO_REFERRER;
	} else {
		rc = RC_ENOTFOUND;
	}
	for (x = start; rc == RC_OK; x = next[x]) {
		rc = rc_nodelist_push(path, x);
		if (rc != RC_OK || x == focus)
			break;
		rc = rc_nodelist_push(edges, rc_edge_between(g, x, next[x]));
	}
	free(next);
	free(queue);
	if (rc != RC_OK) {
		path->len = pbase;
		edges->len = ebase;
	}
	return rc;
}

int
rc_rows_path(const uint32_t *path, const uint32_t *edges, uint32_t len,
	     struct rc_rowlist *rl)
{
	uint32_t i;

	rc_rowlist_clear(rl);
	for (i = 0; i < len; i++) {
		struct rc_row r = { path[i], i ? edges[i - 1] : RC_NONE,
				    RC_NONE, 0, 0,
				    (uint16_t)(i < UINT16_MAX ? i : UINT16_MAX),
				    RC_ROW_PATH, i ? 0 : RC_ROW_ROOT };

		if (rc_rowlist_push(rl, &r) != RC_OK)
			return RC_ENOMEM;
	}
	return rc_rowlist_show(rl);
}

int
rc_cycle_members(const struct rc_graph *g, uint32_t v,
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

int
rc_rows_cycle(const struct rc_graph *g, const uint32_t *members,
	      uint32_t k, struct rc_rowlist *rl, uint32_t *nedges)
{
	struct rc_nodeset in;
	uint32_t i, count = 0;
	int rc;

	rc_rowlist_clear(rl);
	rc = rc_nodeset_init(&in, g->n);
	if (rc != RC_OK)
		return rc;
	for (i = 0; i < k; i++)
		rc_nodeset_add(&in, members[i]);
	for (i = 0; rc == RC_OK && i < k; i++) {
		uint32_t u = members[i], e, end = g->out_off[u + 1];
		struct rc_row r = { u, RC_NONE, RC_NONE, 0, 0, 0,
				    RC_ROW_MEMBER, 0 };

		rc = rc_rowlist_push(rl, &r);
		for (e = g->out_off[u]; rc == RC_OK && e < end; e++) {
			struct rc_row er = { g->out_dst[e], e, RC_NONE, 0, 0,
					     1, RC_ROW_EDGE, 0 };

			if (!rc_nodeset_has(&in, er.v))
				continue;
			rc = rc_rowlist_push(rl, &er);
			count++;
		}
	}
	rc_nodeset_free(&in);
	if (rc == RC_OK)
		rc = rc_rowlist_show(rl);
	if (nedges)
		*nedges = count;
	return rc;
}
