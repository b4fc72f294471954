/* typedelta.h - how each type's count and size changed between two
 * snapshots: the "+/-" columns of a comparison and refcycle.diff()'s
 * counts.  Plain C. */
#ifndef RC_GRAPH_TYPEDELTA_H
#define RC_GRAPH_TYPEDELTA_H

#include <stdint.h>

#include "src/graph/nodeset.h"

/* For each of ntypes types, count_delta[t] = the vertices v of type t
 * (type_of[v], n entries) in new_ minus those in gone, size_delta[t] the
 * same in shallow bytes (size[v], n entries, or NULL: zero).  gone may
 * be NULL (nothing gone).  O(n).  RC_OK, or RC_EINVAL if a set's
 * universe is not n or some type_of[v] >= ntypes. */
int rc_type_deltas(const uint32_t *type_of, const uint64_t *size, uint32_t n,
		   uint32_t ntypes, const struct rc_nodeset *new_,
		   const struct rc_nodeset *gone, int64_t *count_delta,
		   int64_t *size_delta);

#endif
