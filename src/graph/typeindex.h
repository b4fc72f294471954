/* typeindex.h - the vertices of each type, grouped: a counting sort of
 * type_of, so that the vertices of one type are a slice to copy or
 * borrow instead of a scan of every vertex.  Plain C. */
#ifndef RC_GRAPH_TYPEINDEX_H
#define RC_GRAPH_TYPEINDEX_H

#include <stdint.h>

#include "src/graph/nodeset.h"

/* The vertices of type t are ids[off[t]] .. ids[off[t + 1] - 1], in
 * increasing order; off has ntypes + 1 entries, ids off[ntypes]. */
struct rc_type_index {
	uint32_t ntypes;
	uint32_t *off;
	uint32_t *ids;
};

/* Index the n vertices by type (type_of[v] < ntypes), only those of keep
 * when keep is not NULL.  Two passes over type_of, O(n + ntypes).
 * RC_OK; RC_EINVAL if some type_of[v] >= ntypes or keep's universe is
 * not n (ix left empty); RC_ENOMEM. */
int rc_type_index_build(struct rc_type_index *ix, const uint32_t *type_of,
			uint32_t n, uint32_t ntypes,
			const struct rc_nodeset *keep);

/* Release ix (zeroed: safe to free again, or on an index never built). */
void rc_type_index_free(struct rc_type_index *ix);

#endif
