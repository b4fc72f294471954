/* rows_path.h - the rows of a referrer chain (rc_roots_path, rootpath.h)
 * and of a cycle.  No curses. */
#ifndef RC_TUI_ROWS_PATH_H
#define RC_TUI_ROWS_PATH_H

#include <stdint.h>

#include "src/graph/graph.h"
#include "src/graph/nodeset.h"
#include "src/graph/rootpath.h"
#include "tui/rowlist.h"

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
