/* rows_path.h - the shortest referrer chain from a root to a vertex, and
 * its rows.  No curses. */
#ifndef RC_TUI_ROWS_PATH_H
#define RC_TUI_ROWS_PATH_H

#include <stdint.h>

#include "src/graph/graph.h"
#include "src/graph/nodeset.h"
#include "tui/rowlist.h"

enum rc_path_end {
	RC_PATH_ROOT = 1,      /* is_root said so: a module, a running frame */
	RC_PATH_NO_REFERRER    /* no root reaches it: the nearest vertex
				* without a referrer */
};

/* A shortest chain from a vertex of roots (focus itself included) to
 * focus, not using the edges in ignored (the retainers the user set
 * aside; universe m): rc_path_to_root (rootpath.h).  If no root
 * reaches focus, the chain starts at the nearest vertex without
 * referrers.  path receives the chain root, ..., focus and edges its
 * edges (edges[i] goes from path[i] to path[i + 1]; one fewer).  *end
 * says which kind of start it is.  roots and ignored may be NULL (no
 * roots, nothing ignored).  RC_ENOTFOUND when neither exists (the
 * focus is only reachable from cycles without outside referrers, or
 * through ignored edges); RC_EINVAL for focus >= n.  On failure path
 * and edges keep their length. */
int rc_roots_path(const struct rc_graph *g, uint32_t focus,
		  const struct rc_nodeset *roots, const struct rc_nodeset *ignored,
		  struct rc_nodelist *path, struct rc_nodelist *edges,
		  enum rc_path_end *end);

/* RC_ROW_PATH rows (v = path[i], e = the edge from the row above,
 * depth = i; the first row RC_ROW_ROOT), shown. */
int rc_rows_path(const uint32_t *path, const uint32_t *edges, uint32_t len,
		 struct rc_rowlist *rl);

/* RC_ROW_MEMBER rows, each followed by one RC_ROW_EDGE row (depth 1) per
 * out-edge to another member, in edge order.  *nedges receives the
 * number of those edges.  Shown. */
int rc_rows_cycle(const struct rc_graph *g, const uint32_t *members,
		  uint32_t k, struct rc_rowlist *rl, uint32_t *nedges);

#endif
