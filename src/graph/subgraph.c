/* subgraph.c - induced subgraphs in O(k + sum of the k out-degrees). */
#include <config.h>

#include "src/graph/subgraph.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"

/* A map from ids of g to ids of sub (RC_NONE: not in the subgraph).
 * Dense: a uint32_t array of n entries, O(n) to set up but one load per
 * lookup.  Sparse, chosen when k is small next to n: an open-addressing
 * table of 2^bits slots (at least 2k, so at most half full) with linear
 * probing and Fibonacci hashing, O(k) to set up. */
#define RC_SUB_SPARSE_RATIO 16	/* sparse when k * ratio < n */

struct rc_sub_map {
	uint32_t *dense;	/* n entries, or NULL when sparse */
	uint32_t *keys;		/* 2^bits slots, RC_NONE = empty */
	uint32_t *vals;
	uint32_t bits;
	uint32_t mask;
};

static void
rc_sub_map_free(struct rc_sub_map *map)
{
	free(map->dense);
	free(map->keys);
	free(map->vals);
}

static int
rc_sub_map_init(struct rc_sub_map *map, uint32_t n, uint32_t k)
{
	size_t slots;

	memset(map, 0, sizeof(*map));
	if ((uint64_t)k * RC_SUB_SPARSE_RATIO >= n) {
		map->dense = malloc(((size_t)n ? n : 1) * sizeof(uint32_t));
		if (map->dense == NULL)
			return RC_ENOMEM;
		memset(map->dense, 0xff, (size_t)n * sizeof(uint32_t));
		return RC_OK;
	}
	/* Here k < n / 16 < 2^28, so 2^bits >= 2k fits easily. */
	map->bits = 4;
	while (((size_t)1 << map->bits) < (size_t)k * 2)
		map->bits++;
	slots = (size_t)1 << map->bits;
	map->mask = (uint32_t)(slots - 1);
	map->keys = malloc(slots * sizeof(uint32_t));
	map->vals = malloc(slots * sizeof(uint32_t));
	if (map->keys == NULL || map->vals == NULL) {
		rc_sub_map_free(map);
		return RC_ENOMEM;
	}
	memset(map->keys, 0xff, slots * sizeof(uint32_t));
	return RC_OK;
}

static uint32_t
rc_sub_map_slot(const struct rc_sub_map *map, uint32_t key)
{
	return (uint32_t)((key * UINT32_C(2654435769)) >> (32 - map->bits));
}

static uint32_t
rc_sub_map_get(const struct rc_sub_map *map, uint32_t key)
{
	uint32_t i;

	if (map->dense != NULL)
		return map->dense[key];
	for (i = rc_sub_map_slot(map, key); map->keys[i] != RC_NONE;
	     i = (i + 1) & map->mask)
		if (map->keys[i] == key)
			return map->vals[i];
	return RC_NONE;
}

/* Insert key -> val; RC_EINVAL if key is already there (a duplicate
 * node in the caller's list).  The sparse table never fills up: it has
 * at least 2k slots for k keys. */
static int
rc_sub_map_put(struct rc_sub_map *map, uint32_t key, uint32_t val)
{
	uint32_t i;

	if (map->dense != NULL) {
		if (map->dense[key] != RC_NONE)
			return RC_EINVAL;
		map->dense[key] = val;
		return RC_OK;
	}
	for (i = rc_sub_map_slot(map, key); map->keys[i] != RC_NONE;
	     i = (i + 1) & map->mask)
		if (map->keys[i] == key)
			return RC_EINVAL;
	map->keys[i] = key;
	map->vals[i] = val;
	return RC_OK;
}

/* Two passes over the out-lists of the k nodes: count the kept edges
 * (head in the map) into the sub offsets, then fill heads and edge_map.
 * Sub edges are grouped by sub tail, as CSR requires, and follow g's
 * edge order within a tail.  adopt_out then builds the in-CSR, O(k + the
 * kept edges).  On failure *edge_map is NULL and sub is zeroed. */
int
rc_induced_subgraph(const struct rc_graph *g, const uint32_t *nodes,
		    uint32_t k, struct rc_graph *sub,
		    uint32_t **edge_map)
{
	struct rc_sub_map map;
	uint32_t *out_off = NULL, *out_dst = NULL, *emap = NULL;
	uint32_t i, e, cnt = 0;
	int rc;

	memset(sub, 0, sizeof(*sub));
	if (edge_map != NULL)
		*edge_map = NULL;
	if (k > g->n || (k > 0 && nodes == NULL))
		return RC_EINVAL;
	for (i = 0; i < k; i++)
		if (nodes[i] >= g->n)
			return RC_EINVAL;
	rc = rc_sub_map_init(&map, g->n, k);
	if (rc != RC_OK)
		return rc;
	for (i = 0; i < k && rc == RC_OK; i++)
		rc = rc_sub_map_put(&map, nodes[i], i);
	if (rc != RC_OK)
		goto out;

	out_off = malloc(((size_t)k + 1) * sizeof(uint32_t));
	if (out_off == NULL) {
		rc = RC_ENOMEM;
		goto out;
	}
	out_off[0] = 0;
	for (i = 0; i < k; i++) {
		uint32_t u = nodes[i], end = g->out_off[u + 1];

		for (e = g->out_off[u]; e < end; e++)
			if (rc_sub_map_get(&map, g->out_dst[e]) != RC_NONE)
				cnt++;
		out_off[i + 1] = cnt;
	}

	out_dst = malloc(((size_t)cnt ? cnt : 1) * sizeof(uint32_t));
	if (edge_map != NULL)
		emap = malloc(((size_t)cnt ? cnt : 1) * sizeof(uint32_t));
	if (out_dst == NULL || (edge_map != NULL && emap == NULL)) {
		rc = RC_ENOMEM;
		goto out;
	}
	cnt = 0;
	for (i = 0; i < k; i++) {
		uint32_t u = nodes[i], end = g->out_off[u + 1];

		for (e = g->out_off[u]; e < end; e++) {
			uint32_t w = rc_sub_map_get(&map, g->out_dst[e]);

			if (w == RC_NONE)
				continue;
			if (emap != NULL)
				emap[cnt] = e;
			out_dst[cnt++] = w;
		}
	}
	rc_sub_map_free(&map);
	/* adopt_out owns out_off / out_dst from here, success or not. */
	rc = rc_graph_adopt_out(sub, k, out_off, out_dst);
	if (rc != RC_OK) {
		free(emap);
		return rc;
	}
	if (edge_map != NULL)
		*edge_map = emap;
	return RC_OK;

out:
	rc_sub_map_free(&map);
	free(out_off);
	free(out_dst);
	free(emap);
	return rc;
}
