/* scc.h - strongly connected components (iterative Tarjan) and source
 * components.  Safe on a 1,000,000-long chain: no recursion. */
#ifndef RC_SCC_H
#define RC_SCC_H

#include "src/graph/graph.h"
#include "src/graph/nodeset.h"

/* comp[v] receives the component number of each node (comp has n
 * entries); *ncomp the number of components.  Components are numbered in
 * reverse topological order of the condensation (a component's
 * successors have smaller numbers), as Tarjan's algorithm finds them. */
int rc_scc(const struct rc_graph *g, uint32_t *comp, uint32_t *ncomp);

/* is_source[c] (ncomp entries, from a previous rc_scc) is set to 1 when
 * no edge enters component c from another component, else 0.
 * (This and rc_scc_members: RC_EINVAL if ncomp > n or some comp[v] >=
 * ncomp, before anything is written.) */
int rc_scc_sources(const struct rc_graph *g, const uint32_t *comp,
		   uint32_t ncomp, uint8_t *is_source);

/* Group nodes by component: members of component c are
 * nodes[start[c] .. start[c+1]-1], in increasing node id.  start has
 * ncomp + 1 entries, nodes n entries, both allocated by the caller. */
int rc_scc_members(const struct rc_graph *g, const uint32_t *comp,
		   uint32_t ncomp, uint32_t *start, uint32_t *nodes);

/* The strongly connected component of v alone: the vertices both
 * reachable from v and reaching it, in breadth-first order from v along
 * out-edges (v first), appended to members.  O(n + m).  (RC_EINVAL if
 * v >= n, RC_ENOMEM.) */
int rc_scc_component_of(const struct rc_graph *g, uint32_t v,
			struct rc_nodelist *members);

#endif
