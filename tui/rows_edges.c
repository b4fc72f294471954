/* rows_edges.c - referrers and referents as rows (see rows_edges.h). */
#include <config.h>

#include "tui/rows_edges.h"

#include <stdlib.h>

#include "src/common/status.h"

/* Row pos of at->v's referrers: tail u. */
static void
make_referrer(const void *ctx, uint32_t pos, uint32_t u, struct rc_row *out)
{
	const struct rc_edge_rows *at = ctx;
	uint32_t e = at->edges != NULL ? at->edges[pos] : RC_NONE;

	*out = (struct rc_row){ u, e, at->v, pos, 0, 0, RC_ROW_REFERRER, 0 };
}

void
rc_edge_rows_free(struct rc_edge_rows *at)
{
	free(at->edges);
	at->edges = NULL;
}

/* Row i of at->v's referents: its i-th out-edge, to head. */
static void
make_referent(const void *ctx, uint32_t i, uint32_t head, struct rc_row *out)
{
	const struct rc_edge_rows *at = ctx;

	*out = (struct rc_row){ head, at->g->out_off[at->v] + i, RC_NONE, 0, 0, 0,
				RC_ROW_REFERENT, 0 };
}

int
rc_rows_referrers(struct rc_edge_rows *at, const struct rc_graph *g, uint32_t v,
		  struct rc_rowlist *rl)
{
	rc_rowlist_clear(rl);
	rc_edge_rows_free(at);
	at->g = g;
	at->v = v;
	if (!rc_graph_in_ready(g)) {
		uint32_t *tails, n;
		int rc = rc_graph_scan_in(g, v, &tails, &at->edges, &n);
		if (rc != RC_OK)
			return rc;
		return rc_rowlist_vertices(rl, tails, n, make_referrer, at);
	}
	return rc_rowlist_vertices_borrowed(rl, rc_graph_neighbours(g, v, RC_IN),
					    rc_graph_degree(g, v, RC_IN), make_referrer, at);
}

int
rc_rows_referents(struct rc_edge_rows *at, const struct rc_graph *g, uint32_t v,
		  struct rc_rowlist *rl)
{
	rc_rowlist_clear(rl);
	at->g = g;
	at->v = v;
	return rc_rowlist_vertices_borrowed(rl, rc_graph_neighbours(g, v, RC_OUT),
					    rc_graph_degree(g, v, RC_OUT), make_referent, at);
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
