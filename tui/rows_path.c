/* rows_path.c - referrer chains from a root, and cycles (see rows_path.h). */
#include <config.h>

#include "tui/rows_path.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"
#include "src/graph/bfs.h"
#include "src/graph/rootpath.h"
#include "tui/rows_edges.h"

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
