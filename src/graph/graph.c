/* graph.c - construction, validation and queries of the CSR multigraph. */
#include <config.h>

#include "src/graph/graph.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"
#include "src/graph/prefault.h"

/* malloc of count uint32_t, never of zero bytes: an empty array still
 * gets one (unused) entry so that no array of a built graph is NULL. */
static uint32_t *
rc_graph_alloc_u32(size_t count)
{
	if (count > SIZE_MAX / sizeof(uint32_t))
		return NULL;	/* only on 32-bit size_t */
	return malloc((count ? count : 1) * sizeof(uint32_t));
}

static void
rc_graph_zero(struct rc_graph *g)
{
	g->n = 0;
	g->m = 0;
	g->out_off = NULL;
	g->out_dst = NULL;
	g->in_off = NULL;
	g->in_src = NULL;
}

/* Turn per-bucket counts into offsets and scatter, the stable counting
 * sort used for both CSRs.  On entry off[0..n] holds 0 and the count of
 * bucket b in off[b + 1]; prefix sums make off[b] the start of bucket b.
 * The scatter advances off[b] to the end of b (= start of b + 1), so the
 * final shift by one entry restores the starts, with off[n] == total. */
static void
rc_graph_prefix(uint32_t *off, uint32_t n)
{
	uint32_t v;

	for (v = 0; v < n; v++)
		off[v + 1] += off[v];
}

static void
rc_graph_unshift(uint32_t *off, uint32_t n)
{
	if (n > 0)
		memmove(off + 1, off, (size_t)n * sizeof(uint32_t));
	off[0] = 0;
}

/* Check a caller's out offsets before trusting them for the counting
 * sort: out_off[0] == 0, monotone. */
static int
rc_graph_check_offsets(uint32_t n, const uint32_t *out_off)
{
	if (out_off[0] != 0)
		return RC_EINVAL;
	for (uint32_t v = 0; v < n; v++)
		if (out_off[v + 1] < out_off[v])
			return RC_EINVAL;
	return RC_OK;
}

/* Serialises lazy builds of in-edges (rc_graph_need_in), of any graph. */
static pthread_mutex_t building = PTHREAD_MUTEX_INITIALIZER;

/* How far ahead the in-edges' counting sort prefetches counters. */
#define SORT_AHEAD 16

/* Take over an out-CSR after checking it (heads too when check_heads);
 * on failure free it and leave g empty. */
static int
adopt(struct rc_graph *g, uint32_t n, uint32_t *out_off, uint32_t *out_dst, int check_heads)
{
	uint32_t m;
	int rc;

	rc_graph_zero(g);
	if (out_off == NULL) {
		rc = RC_EINVAL;
		goto fail;
	}
	if (n >= UINT32_MAX || out_off[n] >= UINT32_MAX) {
		rc = RC_EOVERFLOW;
		goto fail;
	}
	m = out_off[n];
	if (out_dst == NULL) {
		if (m > 0) {
			rc = RC_EINVAL;
			goto fail;
		}
		out_dst = rc_graph_alloc_u32(0);
		if (out_dst == NULL) {
			rc = RC_ENOMEM;
			goto fail;
		}
	}
	rc = rc_graph_check_offsets(n, out_off);
	for (uint32_t e = 0; rc == RC_OK && check_heads && e < m; e++)
		if (out_dst[e] >= n)
			rc = RC_EINVAL;
	if (rc != RC_OK)
		goto fail;
	g->n = n;
	g->m = m;
	g->out_off = out_off;
	g->out_dst = out_dst;
	return RC_OK;

fail:
	free(out_off);
	free(out_dst);
	return rc;
}

/* The in-degrees, as offsets: a counting pass over the edges.  The
 * counters are read and written at random, so the array is faulted in
 * up front (in huge pages where the kernel gives them) and the pass
 * prefetches the counter of an edge a few places ahead.  calloc: a
 * fresh mapping is zero already, so only reused memory is cleared. */
static uint32_t *
count_in_degrees(const struct rc_graph *g)
{
	uint32_t n = g->n, m = g->m;
	const uint32_t *out_dst = g->out_dst;
	uint32_t *in_off = calloc((size_t)n + 1, sizeof(uint32_t));

	if (in_off == NULL)
		return NULL;
	rc_prefault(in_off, ((size_t)n + 1) * sizeof *in_off);
	for (uint32_t e = 0; e < m; e++) {
		if (e + SORT_AHEAD < m)
			__builtin_prefetch(&in_off[out_dst[e + SORT_AHEAD] + 1], 1);
		in_off[out_dst[e] + 1]++;
	}
	rc_graph_prefix(in_off, n);
	return in_off;
}

/* The tails of the in-edges, by scattering each edge to its head's
 * bucket, tail by tail in edge-id order, which keeps each in-list in
 * increasing edge-id order.  in_off's entries are advanced as cursors
 * and shifted back after. */
static uint32_t *
scatter_in_edges(const struct rc_graph *g, const uint32_t *in_off)
{
	uint32_t n = g->n, m = g->m;
	const uint32_t *out_off = g->out_off, *out_dst = g->out_dst;
	uint32_t *in_src = rc_graph_alloc_u32(m);
	/* Cursors of their own: other threads may read in_off meanwhile. */
	uint32_t *at = rc_graph_alloc_u32((size_t)n + 1);

	if (in_src == NULL || at == NULL) {
		free(in_src);
		free(at);
		return NULL;
	}
	memcpy(at, in_off, ((size_t)n + 1) * sizeof *at);
	rc_prefault(in_src, (size_t)m * sizeof *in_src);
	for (uint32_t u = 0; u < n; u++)
		for (uint32_t e = out_off[u]; e < out_off[u + 1]; e++) {
			if (e + SORT_AHEAD < m)
				__builtin_prefetch(&at[out_dst[e + SORT_AHEAD]], 1);
			in_src[at[out_dst[e]]++] = u;
		}
	free(at);
	return in_src;
}

int
rc_graph_need_in(struct rc_graph *g)
{
	if (__atomic_load_n(&g->in_src, __ATOMIC_ACQUIRE) != NULL || g->out_off == NULL)
		return RC_OK;
	/* One build at a time, whichever thread asks first: the others wait
	 * for it here, then find it done. */
	pthread_mutex_lock(&building);
	int rc = RC_OK;
	if (g->in_src == NULL) {
		if (g->in_off == NULL) {
			uint32_t *counted = count_in_degrees(g);
			if (counted == NULL)
				rc = RC_ENOMEM;
			else
				__atomic_store_n(&g->in_off, counted, __ATOMIC_RELEASE);
		}
		uint32_t *in_src = rc == RC_OK ? scatter_in_edges(g, g->in_off) : NULL;
		if (in_src != NULL)
			__atomic_store_n(&g->in_src, in_src, __ATOMIC_RELEASE);
		else
			rc = RC_ENOMEM;
	}
	pthread_mutex_unlock(&building);
#ifdef RC_DEBUG
	if (rc == RC_OK && rc_graph_validate(g) == RC_EINVAL) {
		fprintf(stderr, "refcycle: in-edges built wrong\n");
		abort();
	}
#endif
	return rc;
}

const uint32_t *
rc_graph_in_offsets(const struct rc_graph *g)
{
	/* Building writes to the graph, but the graph's contents, what its
	 * readers see through it, are unchanged. */
	(void)rc_graph_need_in((struct rc_graph *)g);
	return __atomic_load_n(&g->in_src, __ATOMIC_ACQUIRE) != NULL ? g->in_off : NULL;
}

int
rc_graph_adopt_out_lazy(struct rc_graph *g, uint32_t n, uint32_t *out_off, uint32_t *out_dst)
{
#ifdef RC_DEBUG
	return adopt(g, n, out_off, out_dst, 1);
#else
	return adopt(g, n, out_off, out_dst, 0);
#endif
}

int
rc_graph_give_in_degrees(struct rc_graph *g, uint32_t *in_off)
{
	if (g->in_off != NULL || g->out_off == NULL) {
		free(in_off);
		return RC_EINVAL;
	}
	in_off[0] = 0;
	rc_graph_prefix(in_off, g->n);
	if (in_off[g->n] != g->m) {
		free(in_off);
		return RC_EINVAL;
	}
#ifdef RC_DEBUG
	uint32_t *counted = count_in_degrees(g);
	if (counted != NULL && memcmp(counted, in_off, ((size_t)g->n + 1) * sizeof *in_off) != 0) {
		fprintf(stderr, "refcycle: in-degrees given wrong\n");
		abort();
	}
	free(counted);
#endif
	g->in_off = in_off;
	return RC_OK;
}

int
rc_graph_adopt_out(struct rc_graph *g, uint32_t n,
		   uint32_t *out_off, uint32_t *out_dst)
{
	int rc = adopt(g, n, out_off, out_dst, 1);

	if (rc == RC_OK)
		rc = rc_graph_need_in(g);
	if (rc != RC_OK) {
		rc_graph_free(g);
		return rc;
	}
#ifdef RC_DEBUG
	if (rc_graph_validate(g) == RC_EINVAL) {
		rc_graph_free(g);
		return RC_EINVAL;
	}
#endif
	return RC_OK;
}

/* Counting sort of the pairs by source (stable: input order kept within
 * a source), then adopt_out.  All ids are checked before any write. */
int
rc_graph_from_pairs(struct rc_graph *g, uint32_t n,
		    const uint32_t *src, const uint32_t *dst, uint32_t m)
{
	uint32_t *out_off, *out_dst;
	uint32_t i;

	rc_graph_zero(g);
	if (n >= UINT32_MAX || m >= UINT32_MAX)
		return RC_EOVERFLOW;
	if (m > 0 && (src == NULL || dst == NULL))
		return RC_EINVAL;
	for (i = 0; i < m; i++)
		if (src[i] >= n || dst[i] >= n)
			return RC_EINVAL;

	out_off = calloc((size_t)n + 1, sizeof(uint32_t));
	out_dst = rc_graph_alloc_u32(m);
	if (out_off == NULL || out_dst == NULL) {
		free(out_off);
		free(out_dst);
		return RC_ENOMEM;
	}
	for (i = 0; i < m; i++)
		out_off[src[i] + 1]++;
	rc_graph_prefix(out_off, n);
	for (i = 0; i < m; i++)
		out_dst[out_off[src[i]]++] = dst[i];
	rc_graph_unshift(out_off, n);
	return rc_graph_adopt_out(g, n, out_off, out_dst);
}

int
rc_graph_init_empty(struct rc_graph *g, uint32_t n)
{
	uint32_t *out_off;

	rc_graph_zero(g);
	if (n >= UINT32_MAX)
		return RC_EOVERFLOW;
	out_off = calloc((size_t)n + 1, sizeof(uint32_t));
	if (out_off == NULL)
		return RC_ENOMEM;
	return rc_graph_adopt_out(g, n, out_off, NULL);
}

/* Safe on a zeroed graph and idempotent: g is zeroed afterwards. */
void
rc_graph_free(struct rc_graph *g)
{
	free(g->out_off);
	free(g->out_dst);
	free(g->in_off);
	free(g->in_src);
	rc_graph_zero(g);
}

/* The tail of e is the v with out_off[v] <= e < out_off[v + 1]: the last
 * offset <= e.  Nodes without out-edges share their offset with the next
 * node, so search for the first offset > e and step back one. */
uint32_t
rc_graph_tail(const struct rc_graph *g, uint32_t e)
{
	uint32_t lo = 0, hi = g->n;	/* answer in [lo, hi) */

	if (e >= g->m)
		return RC_NONE;
	/* Invariant: out_off[lo] <= e < out_off[hi]. */
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (g->out_off[mid] <= e)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The in-list is in increasing edge-id order and edge ids are grouped by
 * tail, so equal tails form one run in it, in increasing tail order.  A
 * run of c copies of u is matched by the first c edges u -> v of u's
 * out-list.  A mismatch means g breaks its invariants: RC_EINVAL. */
int
rc_graph_in_edge_map(const struct rc_graph *g, uint32_t **eid)
{
	const uint32_t *in_off = rc_graph_in_offsets(g);
	uint32_t *map = in_off ? rc_graph_alloc_u32(g->m) : NULL;
	uint32_t *cursor = in_off ? rc_graph_alloc_u32((size_t)g->n + 1) : NULL;

	if (map == NULL || cursor == NULL) {
		free(map);
		free(cursor);
		*eid = NULL;
		return RC_ENOMEM;
	}
	memcpy(cursor, in_off, (size_t)g->n * sizeof *cursor);
	for (uint32_t u = 0; u < g->n; u++)
		for (uint32_t e = g->out_off[u]; e < g->out_off[u + 1]; e++)
			map[cursor[g->out_dst[e]]++] = e;
	free(cursor);
	*eid = map;
	return RC_OK;
}

/* Append u, e to the scan's arrays, growing them by doubling. */
static int
scan_push(uint32_t **tails, uint32_t **edges, uint32_t *count, uint32_t *cap,
	  uint32_t u, uint32_t e)
{
	if (*count == *cap) {
		uint32_t more = *cap ? *cap * 2 : 16;
		uint32_t *t = realloc(*tails, (size_t)more * sizeof **tails);
		if (t == NULL)
			return RC_ENOMEM;
		*tails = t;
		uint32_t *d = realloc(*edges, (size_t)more * sizeof **edges);
		if (d == NULL)
			return RC_ENOMEM;
		*edges = d;
		*cap = more;
	}
	(*tails)[*count] = u;
	(*edges)[*count] = e;
	(*count)++;
	return RC_OK;
}

int
rc_graph_scan_in(const struct rc_graph *g, uint32_t v, uint32_t **tails,
		 uint32_t **edges, uint32_t *count)
{
	uint32_t cap = 0;
	int rc = RC_OK;

	*tails = *edges = NULL;
	*count = 0;
	if (v >= g->n)
		return RC_EINVAL;
	for (uint32_t u = 0; rc == RC_OK && u < g->n; u++)
		for (uint32_t e = g->out_off[u]; rc == RC_OK && e < g->out_off[u + 1]; e++)
			if (g->out_dst[e] == v)
				rc = scan_push(tails, edges, count, &cap, u, e);
	if (rc != RC_OK) {
		free(*tails);
		free(*edges);
		*tails = *edges = NULL;
		*count = 0;
	}
	return rc;
}

int
rc_graph_in_edge_ids(const struct rc_graph *g, uint32_t v, uint32_t *ids)
{
	uint32_t i, end;

	if (v >= g->n)
		return RC_EINVAL;
	if (rc_graph_in_offsets(g) == NULL)
		return RC_ENOMEM;
	i = g->in_off[v];
	end = g->in_off[v + 1];
	while (i < end) {
		uint32_t u = g->in_src[i];
		uint32_t j = i, need, e, e_end;

		while (j < end && g->in_src[j] == u)
			j++;
		need = j - i;
		if (u >= g->n)
			return RC_EINVAL;
		e_end = g->out_off[u + 1];
		for (e = g->out_off[u]; e < e_end && need > 0; e++) {
			if (g->out_dst[e] == v) {
				ids[i - g->in_off[v]] = e;
				i++;
				need--;
			}
		}
		if (need > 0)
			return RC_EINVAL;
	}
	return RC_OK;
}

/* Structural checks of one CSR side: offsets from 0 to m, monotone,
 * every listed node < n. */
static int
rc_graph_check_side(uint32_t n, uint32_t m, const uint32_t *off,
		    const uint32_t *ids)
{
	uint32_t v, i;

	if (off == NULL || ids == NULL || off[0] != 0 || off[n] != m)
		return RC_EINVAL;
	for (v = 0; v < n; v++)
		if (off[v + 1] < off[v])
			return RC_EINVAL;
	for (i = 0; i < m; i++)
		if (ids[i] >= n)
			return RC_EINVAL;
	return RC_OK;
}

/* Beyond the per-side checks, the in-CSR must be exactly the stable
 * counting sort of the out-CSR: replaying the edges in id order with a
 * cursor per head must meet the tails in the in-lists one by one.  The
 * cursors are n words of scratch (RC_ENOMEM if they cannot be had). */
int
rc_graph_validate(const struct rc_graph *g)
{
	uint32_t *cursor;
	uint32_t n = g->n, m = g->m, u, e;
	int rc = RC_OK;

	if (n >= UINT32_MAX || m >= UINT32_MAX)
		return RC_EINVAL;
	if (g->out_off != NULL && rc_graph_in_offsets(g) == NULL)
		return RC_ENOMEM;
	if (rc_graph_check_side(n, m, g->out_off, g->out_dst) != RC_OK ||
	    rc_graph_check_side(n, m, g->in_off, g->in_src) != RC_OK)
		return RC_EINVAL;

	cursor = rc_graph_alloc_u32(n);
	if (cursor == NULL)
		return RC_ENOMEM;
	if (n > 0)
		memcpy(cursor, g->in_off, (size_t)n * sizeof(uint32_t));
	for (u = 0; u < n && rc == RC_OK; u++) {
		for (e = g->out_off[u]; e < g->out_off[u + 1]; e++) {
			uint32_t v = g->out_dst[e];
			uint32_t pos = cursor[v]++;

			if (pos >= g->in_off[v + 1] || g->in_src[pos] != u) {
				rc = RC_EINVAL;
				break;
			}
		}
	}
	/* Every cursor stayed within its list and m placements were made,
	 * as many as the lists hold, so every list was filled exactly. */
	free(cursor);
	return rc;
}

size_t
rc_graph_bytes(const struct rc_graph *g)
{
	if (g->out_off == NULL)
		return 0;
	return ((size_t)g->n + 1) * sizeof(uint32_t) * (1 + (g->in_off != NULL)) +
	       (size_t)g->m * sizeof(uint32_t) * (1 + (g->in_src != NULL));
}

uint32_t
rc_graph_parallel_rank(const struct rc_graph *g, uint32_t e)
{
	uint32_t tail = rc_graph_tail(g, e), head = g->out_dst[e], k = 0;

	for (uint32_t f = g->out_off[tail]; f < e; f++)
		k += g->out_dst[f] == head;
	return k;
}

uint32_t
rc_graph_parallel_edge(const struct rc_graph *g, uint32_t tail, uint32_t head,
		       uint32_t k)
{
	if (tail >= g->n)
		return RC_NONE;
	for (uint32_t e = g->out_off[tail]; e < g->out_off[tail + 1]; e++)
		if (g->out_dst[e] == head && k-- == 0)
			return e;
	return RC_NONE;
}
