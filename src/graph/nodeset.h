/* nodeset.h - sets of node ids as bitsets over 0..n-1, and growable
 * node lists.  Set operations work on sets of the same universe size. */
#ifndef RC_NODESET_H
#define RC_NODESET_H

#include <stdbool.h>
#include <stdint.h>

struct rc_nodeset {
	uint32_t n;       /* universe size */
	uint64_t *bits;   /* (n + 63) / 64 words */
};

int  rc_nodeset_init(struct rc_nodeset *s, uint32_t n);   /* empty set */
void rc_nodeset_free(struct rc_nodeset *s);
void rc_nodeset_clear(struct rc_nodeset *s);

static inline bool
rc_nodeset_has(const struct rc_nodeset *s, uint32_t v)
{
	return (s->bits[v >> 6] >> (v & 63)) & 1;
}

static inline void
rc_nodeset_add(struct rc_nodeset *s, uint32_t v)
{
	s->bits[v >> 6] |= (uint64_t)1 << (v & 63);
}

static inline void
rc_nodeset_remove(struct rc_nodeset *s, uint32_t v)
{
	s->bits[v >> 6] &= ~((uint64_t)1 << (v & 63));
}

/* dst = dst OP src, in place; RC_EINVAL if the universes differ. */
int rc_nodeset_union(struct rc_nodeset *dst, const struct rc_nodeset *src);
int rc_nodeset_intersect(struct rc_nodeset *dst, const struct rc_nodeset *src);
int rc_nodeset_subtract(struct rc_nodeset *dst, const struct rc_nodeset *src);

uint32_t rc_nodeset_count(const struct rc_nodeset *s);

/* A growable array of node ids (order matters: BFS order, path order). */
struct rc_nodelist {
	uint32_t len;
	uint32_t cap;
	uint32_t *ids;
};

void rc_nodelist_init(struct rc_nodelist *l);   /* empty, no allocation */
void rc_nodelist_free(struct rc_nodelist *l);
int  rc_nodelist_push(struct rc_nodelist *l, uint32_t v);

/* Append the members of s in increasing id order. */
int rc_nodeset_to_list(const struct rc_nodeset *s, struct rc_nodelist *out);

/* A map from node id to a 32-bit value, in memory proportional to what
 * it holds (open addressing): for a search that visits a small part of
 * a large graph, where an array of n entries would cost more to
 * allocate and clear than the search itself.  Keys are any id but
 * RC_NODEMAP_EMPTY (UINT32_MAX). */
#define RC_NODEMAP_EMPTY UINT32_MAX

struct rc_nodemap {
	uint32_t *keys, *vals;
	uint32_t cap;     /* a power of two, or 0 */
	uint32_t len;
};

void rc_nodemap_init(struct rc_nodemap *m);   /* empty, no allocation */
void rc_nodemap_free(struct rc_nodemap *m);
/* k's value, or RC_NODEMAP_EMPTY when k is not in the map. */
uint32_t rc_nodemap_get(const struct rc_nodemap *m, uint32_t k);
/* Set k's value (k != RC_NODEMAP_EMPTY).  RC_OK or RC_ENOMEM. */
int rc_nodemap_put(struct rc_nodemap *m, uint32_t k, uint32_t val);

#endif
