/* nodeset.c - bitsets over node ids and growable node lists. */
#include <config.h>

#include "src/graph/nodeset.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"

/* Words needed for a universe of n ids; computed in size_t so that
 * n == UINT32_MAX does not wrap. */
static size_t
rc_nodeset_words(uint32_t n)
{
	return ((size_t)n + 63) / 64;
}

/* Popcount of one word; the builtin where the compiler has it. */
static uint32_t
rc_nodeset_popcount(uint64_t w)
{
#if defined(__GNUC__) || defined(__clang__)
	return (uint32_t)__builtin_popcountll(w);
#else
	w = w - ((w >> 1) & 0x5555555555555555ULL);
	w = (w & 0x3333333333333333ULL) + ((w >> 2) & 0x3333333333333333ULL);
	w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (uint32_t)((w * 0x0101010101010101ULL) >> 56);
#endif
}

/* Index of the lowest set bit of a non-zero word. */
static uint32_t
rc_nodeset_ctz(uint64_t w)
{
#if defined(__GNUC__) || defined(__clang__)
	return (uint32_t)__builtin_ctzll(w);
#else
	uint32_t i = 0;

	while (!(w & 1)) {
		w >>= 1;
		i++;
	}
	return i;
#endif
}

/* Invariant kept by every function here: the bits of the last word at
 * positions >= n are zero, so counts and lists never see them.  (The
 * inline add/has/remove trust the caller to pass v < n.)  At least one
 * word is allocated, so bits is never NULL after a successful init. */
int
rc_nodeset_init(struct rc_nodeset *s, uint32_t n)
{
	size_t words = rc_nodeset_words(n);

	s->n = 0;
	s->bits = calloc(words ? words : 1, sizeof(uint64_t));
	if (s->bits == NULL)
		return RC_ENOMEM;
	s->n = n;
	return RC_OK;
}

void
rc_nodeset_free(struct rc_nodeset *s)
{
	free(s->bits);
	s->bits = NULL;
	s->n = 0;
}

void
rc_nodeset_clear(struct rc_nodeset *s)
{
	if (s->bits != NULL)
		memset(s->bits, 0, rc_nodeset_words(s->n) * sizeof(uint64_t));
}

/* The three set operations: word-wise, in place on dst.  Both operands
 * keep zero padding, so the results keep it too. */
int
rc_nodeset_union(struct rc_nodeset *dst, const struct rc_nodeset *src)
{
	size_t i, words;

	if (dst->n != src->n)
		return RC_EINVAL;
	words = rc_nodeset_words(dst->n);
	for (i = 0; i < words; i++)
		dst->bits[i] |= src->bits[i];
	return RC_OK;
}

int
rc_nodeset_intersect(struct rc_nodeset *dst, const struct rc_nodeset *src)
{
	size_t i, words;

	if (dst->n != src->n)
		return RC_EINVAL;
	words = rc_nodeset_words(dst->n);
	for (i = 0; i < words; i++)
		dst->bits[i] &= src->bits[i];
	return RC_OK;
}

int
rc_nodeset_subtract(struct rc_nodeset *dst, const struct rc_nodeset *src)
{
	size_t i, words;

	if (dst->n != src->n)
		return RC_EINVAL;
	words = rc_nodeset_words(dst->n);
	for (i = 0; i < words; i++)
		dst->bits[i] &= ~src->bits[i];
	return RC_OK;
}

uint32_t
rc_nodeset_count(const struct rc_nodeset *s)
{
	size_t i, words = rc_nodeset_words(s->n);
	uint32_t c = 0;

	for (i = 0; i < words; i++)
		c += rc_nodeset_popcount(s->bits[i]);
	return c;
}

/* Node lists: ids[0..len-1] are valid, cap >= len, and ids is NULL
 * exactly when cap == 0.  Growth doubles, so pushes are amortised O(1);
 * a failed growth leaves the list as it was. */
void
rc_nodelist_init(struct rc_nodelist *l)
{
	l->len = 0;
	l->cap = 0;
	l->ids = NULL;
}

void
rc_nodelist_free(struct rc_nodelist *l)
{
	free(l->ids);
	rc_nodelist_init(l);
}

/* Make room for 'extra' more ids beyond len.  RC_EOVERFLOW if the list
 * would need more than UINT32_MAX - 1 entries. */
static int
rc_nodelist_reserve(struct rc_nodelist *l, uint32_t extra)
{
	uint64_t need = (uint64_t)l->len + extra;
	uint64_t cap;
	uint32_t *ids;

	if (need <= l->cap)
		return RC_OK;
	if (need >= UINT32_MAX)
		return RC_EOVERFLOW;
	cap = l->cap ? (uint64_t)l->cap * 2 : 16;
	if (cap < need)
		cap = need;
	if (cap >= UINT32_MAX)
		cap = UINT32_MAX - 1;
	if (cap > SIZE_MAX / sizeof(uint32_t))
		return RC_ENOMEM;	/* only on 32-bit size_t */
	ids = realloc(l->ids, (size_t)cap * sizeof(uint32_t));
	if (ids == NULL)
		return RC_ENOMEM;
	l->ids = ids;
	l->cap = (uint32_t)cap;
	return RC_OK;
}

int
rc_nodelist_push(struct rc_nodelist *l, uint32_t v)
{
	if (l->len == l->cap) {
		int rc = rc_nodelist_reserve(l, 1);

		if (rc != RC_OK)
			return rc;
	}
	l->ids[l->len++] = v;
	return RC_OK;
}

/* One reservation for the whole set, then a scan of the set words,
 * peeling off the lowest bit each time: O(n / 64 + |s|). */
int
rc_nodeset_to_list(const struct rc_nodeset *s, struct rc_nodelist *out)
{
	size_t i, words = rc_nodeset_words(s->n);
	int rc;

	rc = rc_nodelist_reserve(out, rc_nodeset_count(s));
	if (rc != RC_OK)
		return rc;
	for (i = 0; i < words; i++) {
		uint64_t w = s->bits[i];

		while (w) {
			out->ids[out->len++] =
				(uint32_t)(i * 64 + rc_nodeset_ctz(w));
			w &= w - 1;
		}
	}
	return RC_OK;
}

void
rc_nodemap_init(struct rc_nodemap *m)
{
	memset(m, 0, sizeof *m);
}

void
rc_nodemap_free(struct rc_nodemap *m)
{
	free(m->keys);
	free(m->vals);
	rc_nodemap_init(m);
}

static uint32_t
nodemap_slot(const struct rc_nodemap *m, uint32_t k)
{
	uint32_t mask = m->cap - 1, i = (k * 0x9E3779B1u) & mask;

	while (m->keys[i] != k && m->keys[i] != RC_NODEMAP_EMPTY)
		i = (i + 1) & mask;
	return i;
}

uint32_t
rc_nodemap_get(const struct rc_nodemap *m, uint32_t k)
{
	if (m->cap == 0)
		return RC_NODEMAP_EMPTY;
	uint32_t i = nodemap_slot(m, k);
	return m->keys[i] == k ? m->vals[i] : RC_NODEMAP_EMPTY;
}

/* Twice the room (at least 64 slots), every entry placed again. */
static int
nodemap_grow(struct rc_nodemap *m)
{
	struct rc_nodemap big = { NULL, NULL, m->cap ? 2 * m->cap : 64, 0 };

	if (m->cap > UINT32_MAX / 4)
		return RC_ENOMEM;
	big.keys = malloc((size_t)big.cap * sizeof *big.keys);
	big.vals = malloc((size_t)big.cap * sizeof *big.vals);
	if (big.keys == NULL || big.vals == NULL) {
		free(big.keys);
		free(big.vals);
		return RC_ENOMEM;
	}
	memset(big.keys, 0xff, (size_t)big.cap * sizeof *big.keys);
	for (uint32_t i = 0; i < m->cap; i++)
		if (m->keys[i] != RC_NODEMAP_EMPTY) {
			uint32_t j = nodemap_slot(&big, m->keys[i]);
			big.keys[j] = m->keys[i];
			big.vals[j] = m->vals[i];
		}
	big.len = m->len;
	free(m->keys);
	free(m->vals);
	*m = big;
	return RC_OK;
}

int
rc_nodemap_put(struct rc_nodemap *m, uint32_t k, uint32_t val)
{
	if (k == RC_NODEMAP_EMPTY)
		return RC_EINVAL;
	if ((uint64_t)(m->len + 1) * 2 > m->cap && nodemap_grow(m) != RC_OK)
		return RC_ENOMEM;
	uint32_t i = nodemap_slot(m, k);
	if (m->keys[i] == RC_NODEMAP_EMPTY) {
		m->keys[i] = k;
		m->len++;
	}
	m->vals[i] = val;
	return RC_OK;
}
