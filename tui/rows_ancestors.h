/* rows_ancestors.h - the referrer tree of a vertex, generation-limited,
 * as rows.  No curses.
 *
 * The tree: the focus at depth 0; below each expanded vertex, one row per
 * in-edge (its referrers, in in-list order).  Each vertex is expanded
 * once, at its first occurrence in breadth-first order, so at its
 * smallest depth; any later occurrence is a leaf marked RC_ROW_SEEN.
 * Vertices at depth == generations are not expanded.  A vertex with more
 * than fanout referrers shows the first fanout and one RC_ROW_MORE row
 * (aux = how many are left out), unless it is in 'expanded'.  Rows come
 * in depth-first (pre-)order, as a tree is read. */
#ifndef RC_TUI_ROWS_ANCESTORS_H
#define RC_TUI_ROWS_ANCESTORS_H

#include <stdint.h>

#include "src/graph/graph.h"
#include "src/graph/nodeset.h"
#include "tui/rowlist.h"

/* Rows (RC_ROW_ANCESTOR: v refers to head, the row's parent, through
 * the pos-th in-edge of head; depth = generation) replace rl's and are
 * shown.  shown (if not NULL) receives the distinct vertices of the tree
 * in breadth-first order, focus first; per_gen (if not NULL) receives
 * generations + 1 counts: how many distinct vertices first appear at
 * each depth (1 for depth 0).  expanded may be NULL.  O(rows + the
 * in-lists scanned). */
int rc_rows_ancestors(const struct rc_graph *g, uint32_t focus,
		      uint32_t generations, uint32_t fanout,
		      const struct rc_nodeset *expanded,
		      struct rc_rowlist *rl, struct rc_nodelist *shown,
		      struct rc_nodelist *per_gen);

#endif
