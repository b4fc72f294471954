/* rows_edges.c - referrers and referents as rows (see rows_edges.h). */
#include <config.h>

#include "tui/rows_edges.h"

#include "src/common/status.h"

int
rc_rows_referrers(const struct rc_graph *g, uint32_t v,
		  struct rc_rowlist *rl)
{
	uint32_t pos, deg = rc_graph_degree(g, v, RC_IN);
	const uint32_t *src = rc_graph_neighbours(g, v, RC_IN);

	rc_rowlist_clear(rl);
	for (pos = 0; pos < deg; pos++) {
		struct rc_row r = { src[pos], RC_NONE, v, pos, 0, 0,
				    RC_ROW_REFERRER, 0 };

		if (rc_rowlist_push(rl, &r) != RC_OK)
			return RC_ENOMEM;
	}
	return rc_rowlist_show(rl);
}

int
rc_rows_referents(const struct rc_graph *g, uint32_t v,
		  struct rc_rowlist *rl)
{
	uint32_t e, end = g->out_off[v + 1];

	rc_rowlist_clear(rl);
	for (e = g->out_off[v]; e < end; e++) {
		struct rc_row r = { g->out_dst[e], e, RC_NONE, 0, 0, 0,
				    RC_ROW_REFERENT, 0 };

		if (rc_rowlist_push(rl, &r) != RC_OK)
			return RC_ENOMEM;
	}
	return rc_rowlist_show(rl);
}

uint32_t
rc_in_edge_at(const struct rc_graph *g, uint32_t head, uint32_t pos)
{
	const uint32_t *src;
	uint32_t u, k = 0, i;

	if (head >= g->n || pos >= rc_graph_degree(g, head, RC_IN))
		return RC_NONE;
	/* In-list entries of one tail come in its out-list's order. */
	src = rc_graph_neighbours(g, head, RC_IN);
	u = src[pos];
	for (i = 0; i < pos; i++)
		k += src[i] == u;
	return rc_graph_parallel_edge(g, u, head, k);
}

uint32_t
rc_edge_between(const struct rc_graph *g, uint32_t tail, uint32_t head)
{
	uint32_t e, end;

	if (tail >= g->n)
		return RC_NONE;
	end = g->out_off[tail + 1];
	for (e = g->out_off[tail]; e < end; e++)
		if (g->out_dst[e] == head)
			return e;
	return RC_NONE;
}

uint32_t
rc_row_edge(const struct rc_graph *g, const struct rc_row *r)
{
	if (r->e != RC_NONE)
		return r->e;
	if (r->head != RC_NONE && r->kind != RC_ROW_MORE)
		return rc_in_edge_at(g, r->head, r->pos);
	return RC_NONE;
}
