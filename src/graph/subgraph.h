/* subgraph.h - induced subgraphs. */
#ifndef RC_SUBGRAPH_H
#define RC_SUBGRAPH_H

#include "src/graph/graph.h"

/* The subgraph induced by nodes[0..k-1] (distinct ids of g): node i of
 * sub is nodes[i]; it has every edge of g whose tail and head are both
 * among them, in g's edge order.  If edge_map is not NULL it receives a
 * malloc'd array mapping each edge of sub to its edge id in g.
 * (As CSR requires, sub's edges are grouped by sub tail, i.e. by the
 * tail's position in nodes; g's edge order holds within each tail, and
 * overall when nodes is increasing.  RC_EINVAL for an id >= n or a
 * repeated id; on failure sub is left empty and *edge_map is NULL.) */
int rc_induced_subgraph(const struct rc_graph *g, const uint32_t *nodes,
			uint32_t k, struct rc_graph *sub,
			uint32_t **edge_map);

#endif
