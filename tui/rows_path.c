/* rows_path.c - referrer chains from a root, and cycles (see rows_path.h). */
#include <config.h>

#include "tui/rows_path.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"
#include "tui/rows_edges.h"

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
