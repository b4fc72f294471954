/* dom.h - dominator trees and retained sizes.
 *
 * The flow graph is g plus a virtual super-root, node id n, with an edge
 * to every root.  Node d dominates v when every path from the super-root
 * to v passes through d; the immediate dominator of v is its strict
 * dominator that every other strict dominator of v dominates.  These
 * links form a tree rooted at the super-root: the dominator tree.  For
 * a heap, the dominator subtree of v is what would become unreachable if
 * v went away, so its total size is v's retained size.
 *
 * All iterative (no recursion): safe on a 1,000,000-long chain. */
#ifndef RC_DOM_H
#define RC_DOM_H

#include <stdint.h>

#include "src/graph/graph.h"

/* The super-root of d, as an idom value: the idom of every node that
 * nothing but the super-root dominates (each root, and each node that
 * no single node cuts off from all the roots); also the last node of the
 * tree rc_dom_children builds.  Always d->n, one past the last node id. */
#define RC_DOM_SUPER(d) ((d)->n)

struct rc_dom {
	uint32_t n;		/* nodes of the graph */
	uint32_t *idom;		/* n entries: immediate dominator of v;
				 * RC_DOM_SUPER(d) == n when only the
				 * super-root dominates v; RC_NONE when v is
				 * unreachable */
	uint32_t count;		/* reachable nodes */
	uint32_t *order;	/* count entries: the reachable nodes in DFS
				 * preorder from the super-root, so idom[v]
				 * comes before v; each listed once */
};

/* Dominators of every node in the flow graph super-root -> roots[0 ..
 * nroots-1] -> g.  Duplicate roots are allowed.  If adopt_unreachable is
 * nonzero, nodes the roots do not reach get reached too: every node of a
 * source strongly connected component of the subgraph induced by the
 * unreached nodes becomes an extra root (every unreached node is reached
 * from such a component), and then count == n.  Edges from adopted
 * nodes into the part the roots reach are ignored: unreachable objects
 * (garbage) keep nothing alive, so they take dominance from nothing.
 *
 * Lengauer and Tarjan's algorithm, simple version (path compression with
 * an explicit stack): O(m log n) time; besides the result, about 8 n + m
 * words of scratch (under 50 MB for 10^6 nodes and 2.2 * 10^6 edges).
 * idom and order are never NULL after success, even when empty.
 * (RC_EINVAL for a root id >= n, or nroots > 0 with roots NULL;
 * RC_ENOMEM.  On failure d is left empty: zero n and count, NULL arrays,
 * which rc_dom_free accepts.) */
int rc_dom_compute(struct rc_dom *d, const struct rc_graph *g,
		   const uint32_t *roots, uint32_t nroots,
		   int adopt_unreachable);

struct rc_progress;

/* The same, reporting to progress (progress.h; NULL: nobody watches):
 * it plans 3 n units and stops with RC_ECANCELED, d left empty, soon
 * after a cancel. */
int rc_dom_compute_watched(struct rc_dom *d, const struct rc_graph *g,
			   const uint32_t *roots, uint32_t nroots, int adopt_unreachable,
			   struct rc_progress *progress);

/* Safe on an empty d and idempotent: d is left empty. */
void rc_dom_free(struct rc_dom *d);

/* retained[v] (n entries) = sum of shallow[u] (n entries) over the nodes
 * u of v's dominator subtree, v included; an unreachable node gets its
 * shallow size only.  *total, unless total is NULL, receives the sum over
 * the super-root's children, i.e. over all reachable nodes.  O(n).
 * (RC_EOVERFLOW, before anything is written, if the shallow sizes of all
 * n nodes add up to more than UINT64_MAX: below that no sum can wrap.) */
int rc_dom_retained(const struct rc_dom *d, const uint64_t *shallow,
		    uint64_t *retained, uint64_t *total);

/* The dominator tree as CSR: the children of node v (0 <= v <= n, n
 * being the super-root) are (*kids)[(*off)[v] .. (*off)[v+1]-1], in
 * increasing node id.  *off gets n + 2 entries, *kids count entries
 * (unreachable nodes are nobody's children); both come from malloc, are
 * never NULL on success, and belong to the caller.  O(n).
 * (RC_ENOMEM; on failure both are NULL.) */
int rc_dom_children(const struct rc_dom *d, uint32_t **off, uint32_t **kids);

/* The retained size of each group of nodes (e.g. all objects of one
 * type), for all groups at once: group_retained[k] (ngroups entries) =
 * sum of retained[v] (n entries, from rc_dom_retained) over the nodes v
 * with group_of[v] == k that have no proper dominator-tree ancestor in
 * group k, so nothing is counted twice.  Unreachable nodes have no
 * ancestors and count with their own retained[v].  One iterative walk of
 * the tree with a counter per group: O(n + ngroups).
 * (RC_EINVAL, before anything is written, if some group_of[v] >=
 * ngroups; RC_ENOMEM.) */
int rc_dom_group_retained(const struct rc_dom *d, const uint32_t *group_of,
			  uint32_t ngroups, const uint64_t *retained,
			  uint64_t *group_retained);

/* The same over the tree rc_dom_children made (off, kids), when the
 * caller has it already. */
int rc_dom_group_retained_of_tree(const struct rc_dom *d, const uint32_t *off,
				  const uint32_t *kids, const uint32_t *group_of,
				  uint32_t ngroups, const uint64_t *retained,
				  uint64_t *group_retained);

#endif
