/* typeindex.c - the vertices of each type, grouped (typeindex.h). */
#include <config.h>

#include "src/graph/typeindex.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"
#include "src/graph/prefault.h"

void
rc_type_index_free(struct rc_type_index *ix)
{
	free(ix->off);
	free(ix->ids);
	memset(ix, 0, sizeof *ix);
}

/* off[t + 1] = how many listed vertices have type t; 0 if every type is
 * in range, else -1. */
static int
count_types(uint32_t *off, const uint32_t *type_of, uint32_t n,
	    uint32_t ntypes, const struct rc_nodeset *keep)
{
	uint32_t bad = 0;

	for (uint32_t v = 0; v < n; v++) {
		uint32_t t = type_of[v];

		if (t >= ntypes) {
			bad = 1;
			continue;
		}
		if (keep == NULL || rc_nodeset_has(keep, v))
			off[t + 1]++;
	}
	return bad ? -1 : 0;
}

/* The ids placed, in increasing order within each type; off[t] ends as
 * the start of type t (pos, a copy of the starts, is consumed). */
static void
place(uint32_t *ids, uint32_t *pos, const uint32_t *type_of, uint32_t n,
      const struct rc_nodeset *keep)
{
	if (keep == NULL) {
		for (uint32_t v = 0; v < n; v++)
			ids[pos[type_of[v]]++] = v;
		return;
	}
	for (uint32_t v = 0; v < n; v++)
		if (rc_nodeset_has(keep, v))
			ids[pos[type_of[v]]++] = v;
}

int
rc_type_index_build(struct rc_type_index *ix, const uint32_t *type_of,
		    uint32_t n, uint32_t ntypes,
		    const struct rc_nodeset *keep)
{
	uint32_t *pos;

	memset(ix, 0, sizeof *ix);
	if (keep != NULL && keep->n != n)
		return RC_EINVAL;
	ix->ntypes = ntypes;
	ix->off = calloc((size_t)ntypes + 1, sizeof *ix->off);
	pos = malloc(((size_t)ntypes + 1) * sizeof *pos);
	if (ix->off == NULL || pos == NULL)
		goto nomem;
	if (count_types(ix->off, type_of, n, ntypes, keep) != 0) {
		free(pos);
		rc_type_index_free(ix);
		return RC_EINVAL;
	}
	for (uint32_t t = 0; t < ntypes; t++)
		ix->off[t + 1] += ix->off[t];
	ix->ids = malloc(((size_t)ix->off[ntypes] + 1) * sizeof *ix->ids);
	if (ix->ids == NULL)
		goto nomem;
	rc_prefault(ix->ids, (size_t)ix->off[ntypes] * sizeof *ix->ids);
	memcpy(pos, ix->off, ((size_t)ntypes + 1) * sizeof *pos);
	place(ix->ids, pos, type_of, n, keep);
	free(pos);
	return RC_OK;
nomem:
	free(pos);
	rc_type_index_free(ix);
	return RC_ENOMEM;
}
