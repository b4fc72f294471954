/* rows_edges.h - a vertex's referrers and referents as rows, and the
 * edge behind a row.  No curses.
 *
 * The rows are made only when drawn, sorted or filtered (rowlist.h's
 * lazy rows, on the graph's own in- and out-lists): a list of 300,000
 * items opens as fast as a list of three.  A referrer row does not store
 * its edge id: finding it costs a scan of the referrer's out-list, paid
 * only for the rows drawn or exported. */
#ifndef RC_TUI_ROWS_EDGES_H
#define RC_TUI_ROWS_EDGES_H

#include <stdint.h>

#include "src/graph/graph.h"
#include "tui/rowlist.h"

/* What a list of edge rows is made from, kept by the caller for the
 * list's life (or until its next rc_rows_referrers/referents). */
struct rc_edge_rows {
	const struct rc_graph *g;
	uint32_t v;
	uint32_t *edges;   /* referrers found by a scan: their edges (owned) */
};

/* at's own memory freed (the list made from it is then unusable). */
void rc_edge_rows_free(struct rc_edge_rows *at);

/* One RC_ROW_REFERRER row per in-edge of v, in in-list order (v = the
 * tail, head = v, pos = index in v's in-list), shown; *at holds g and v
 * for the list (zeroed before the first call).  While the in-lists are
 * still being built, the rows come from a scan of the out-lists
 * (graph.h's rc_graph_scan_in) and carry their edge e: the first object
 * a browser opens does not wait for the build. */
int rc_rows_referrers(struct rc_edge_rows *at, const struct rc_graph *g, uint32_t v,
		      struct rc_rowlist *rl);

/* One RC_ROW_REFERENT row per out-edge of v, in edge order (v = the
 * head, e = the edge), shown; *at as above. */
int rc_rows_referents(struct rc_edge_rows *at, const struct rc_graph *g, uint32_t v,
		      struct rc_rowlist *rl);

/* The edge id of the pos-th in-edge of head: the k-th edge u -> head
 * where u = in_src[in_off[head] + pos] and k counts the earlier u in
 * that in-list (graph.h's ordering).  O(pos + outdeg(u)); RC_NONE if
 * out of range. */
uint32_t rc_in_edge_at(const struct rc_graph *g, uint32_t head,
		       uint32_t pos);

/* The first edge tail -> head, or RC_NONE.  O(outdeg(tail)). */
uint32_t rc_edge_between(const struct rc_graph *g, uint32_t tail,
			 uint32_t head);

/* The edge a row stands for: e, or the pos-th in-edge of head, or
 * RC_NONE. */
uint32_t rc_row_edge(const struct rc_graph *g, const struct rc_row *r);

#endif
