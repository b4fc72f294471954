/* rootpath.h - why a node is reachable: a shortest chain from a root.
 *
 * The search runs backwards from the node over in-edges until it meets a
 * root, so it touches only the node's ancestry up to the nearest root,
 * not the whole graph.  Iterative; time and memory in proportion to the
 * nodes it meets (a map, rc_nodemap, not an array of n to allocate and
 * clear), plus one word per edge when edges are skipped (their ids,
 * rc_graph_in_edge_map). */
#ifndef RC_ROOTPATH_H
#define RC_ROOTPATH_H

#include "src/graph/graph.h"
#include "src/graph/nodeset.h"

/* What a search may not use.  Any member may be NULL (nothing skipped).
 * tails: nodes whose out-edges are ignored (a universe of g->n);
 * edges: edge ids ignored (a universe of g->m). */
struct rc_rootpath_skip {
	const struct rc_nodeset *tails;
	const struct rc_nodeset *edges;
};

/* A shortest path from some node of roots (a universe of g->n) to v
 * following out-edges and nothing skip excludes: its nodes are appended
 * to path as root, ..., v (just v when v is a root) and, unless edges is
 * NULL, the id of each of its edges to edges (one fewer), in the same
 * order.  Among parallel edges the lowest id not skipped is given.
 * RC_ENOTFOUND when no root reaches v; RC_EINVAL for v >= n or a set of
 * the wrong size.  On failure path and edges keep their lengths. */
int rc_path_to_root(const struct rc_graph *g, uint32_t v,
		    const struct rc_nodeset *roots,
		    const struct rc_rootpath_skip *skip,
		    struct rc_nodelist *path, struct rc_nodelist *edges);

/* Every node some node of roots reaches (roots included) following
 * out-edges, except out of skip_tails (may be NULL; universe n), added to
 * reached (universe n).  Breadth first, n words of scratch.  RC_EINVAL
 * for a set of the wrong size. */
int rc_reach_from(const struct rc_graph *g, const struct rc_nodeset *roots,
		  const struct rc_nodeset *skip_tails, struct rc_nodeset *reached);

enum rc_path_end {
	RC_PATH_ROOT = 1,      /* is_root said so: a module, a running frame */
	RC_PATH_NO_REFERRER    /* no root reaches it: the nearest vertex
				* without a referrer */
};

/* A shortest chain from a vertex of roots (focus itself included) to
 * focus, not using the edges in ignored (the retainers the user set
 * aside; universe m): rc_path_to_root.  If no root
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

#endif
