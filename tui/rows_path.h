/* rows_path.h - the shortest referrer chain from a root to a vertex, and
 * its rows.  No curses. */
#ifndef RC_TUI_ROWS_PATH_H
#define RC_TUI_ROWS_PATH_H

#include <stdint.h>

#include "graph.h"
#include "nodeset.h"
#include "rowlist.h"

enum rc_path_end {
	RC_PATH_ROOT = 1,      /* is_root said so: a module, a running frame */
	RC_PATH_NO_REFERRER    /* no root reaches it: the nearest vertex
				* without a referrer */
};

/* A breadth-first search from focus along in-edges (iterative, O(n + m),
 * n words of scratch).  It stops at the first vertex found, in
 * breadth-first order, for which is_root(ctx, v) is nonzero (focus
 * itself included), so the chain is a shortest one; if there is none,
 * the chain starts at the first vertex found that has no referrer.
 * path receives the chain root, ..., focus and edges its edges
 * (edges[i] goes from path[i] to path[i + 1]; one fewer).  *end says
 * which kind of start it is.  is_root may be NULL (no roots).
 * RC_ENOTFOUND when neither exists (the focus is only reachable from
 * cycles without outside referrers); RC_EINVAL for focus >= n.  On
 * failure path and edges keep their length. */
int rc_roots_path(const struct rc_graph *g, uint32_t focus,
		  int (*is_root)(void *ctx, uint32_t v), void *ctx,
		  struct rc_nodelist *path, struct rc_nodelist *edges,
		  enum rc_path_end *end);

/* RC_ROW_PATH rows (v = path[i], e = the edge from the row above,
 * depth = i; the first row RC_ROW_ROOT), shown. */
int rc_rows_path(const uint32_t *path, const uint32_t *edges, uint32_t len,
		 struct rc_rowlist *rl);

/* The strongly connected component of v: the vertices both reachable
 * from v and reaching it, in breadth-first order from v along out-edges
 * (v first), appended to members.  O(n + m). */
int rc_cycle_members(const struct rc_graph *g, uint32_t v,
		     struct rc_nodelist *members);

/* RC_ROW_MEMBER rows, each followed by one RC_ROW_EDGE row (depth 1) per
 * out-edge to another member, in edge order.  *nedges receives the
 * number of those edges.  Shown. */
int rc_rows_cycle(const struct rc_graph *g, const uint32_t *members,
		  uint32_t k, struct rc_rowlist *rl, uint32_t *nedges);

#endif
