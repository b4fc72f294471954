/* bfs.h - breadth-first searches: generation-limited reachability,
 * shortest path, shortest cycle.  All iterative (no recursion), O(n + m)
 * at most, memory O(n) bits plus a queue. */
#ifndef RC_BFS_H
#define RC_BFS_H

#include "src/graph/graph.h"
#include "src/graph/nodeset.h"

#define RC_UNLIMITED (-1)

/* Nodes reachable from start by following edges in direction dir
 * (RC_OUT: descendants, RC_IN: ancestors), start included, expanding no
 * node found at depth == generations (generations RC_UNLIMITED: no limit;
 * 0: just start).  Appended to out in BFS order.  If depth is not NULL
 * the depth of each appended node is appended to it, in the same order.
 * (RC_EINVAL for start >= n, a bad dir, or generations below
 * RC_UNLIMITED.  On failure out and depth keep their former length.)
 * In all three functions an id >= n is RC_EINVAL. */
int rc_bfs(const struct rc_graph *g, uint32_t start, enum rc_dir dir,
	   int64_t generations, struct rc_nodelist *out,
	   struct rc_nodelist *depth);

/* A shortest path from 'from' to 'to' following out-edges: appended to
 * path as from, ..., to (just 'from' when from == to).  RC_ENOTFOUND if
 * 'to' cannot be reached. */
int rc_shortest_path(const struct rc_graph *g, uint32_t from, uint32_t to,
		     struct rc_nodelist *path);

/* A shortest cycle through v following out-edges (a self-loop is a cycle
 * of length 1): appended to path as v, ..., u where u -> v closes it.
 * RC_ENOTFOUND if v lies on no cycle. */
int rc_shortest_cycle(const struct rc_graph *g, uint32_t v,
		      struct rc_nodelist *path);

#endif
