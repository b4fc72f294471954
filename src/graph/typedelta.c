/* typedelta.c - per-type changes between two snapshots (typedelta.h). */
#include <config.h>

#include "src/graph/typedelta.h"

#include <stddef.h>

#include "src/common/status.h"

int
rc_type_deltas(const uint32_t *type_of, const uint64_t *size, uint32_t n,
	       uint32_t ntypes, const struct rc_nodeset *new_,
	       const struct rc_nodeset *gone, int64_t *count_delta,
	       int64_t *size_delta)
{
	if (new_->n != n || (gone != NULL && gone->n != n))
		return RC_EINVAL;
	for (uint32_t t = 0; t < ntypes; t++)
		count_delta[t] = size_delta[t] = 0;
	for (uint32_t v = 0; v < n; v++) {
		int64_t sign = rc_nodeset_has(new_, v) ? 1 : 0;

		if (gone != NULL && rc_nodeset_has(gone, v))
			sign--;
		if (sign == 0)
			continue;
		uint32_t t = type_of[v];
		if (t >= ntypes)
			return RC_EINVAL;
		count_delta[t] += sign;
		size_delta[t] += sign * (int64_t)(size ? size[v] : 0);
	}
	return RC_OK;
}
