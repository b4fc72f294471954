/* rowsort.c - the list model's sorts (see rowlist.h): by a 64-bit key,
 * a stable LSD radix sort over the bytes in which the keys differ, its
 * scratch kept from one sort to the next; by a comparison, a merge sort;
 * and back to build order. */
#include <config.h>

#include "tui/rowlist.h"
#include "tui/rowlist_impl.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"
#include "src/graph/prefault.h"

/* The bits in which some key differs from the first: what a radix sort
 * has to look at.  Gathered while the keys are computed, before they are
 * stored, so that keys whose varying bits fit in 32 are stored in 4
 * bytes (sizes, degrees: half the scratch, half the passes' traffic). */
struct key_span {
	uint64_t first, diff;
	int any;
};

static void
span_add(struct key_span *sp, uint64_t x)
{
	if (!sp->any) {
		sp->first = x;
		sp->any = 1;
	}
	sp->diff |= x ^ sp->first;
}

/* The shift that brings the varying bits into the low 32, or -1 when
 * they span more than 32 bits. */
static int
span_shift(const struct key_span *sp)
{
	int lo = 0;

	if (sp->diff == 0)
		return 0;
	while (!((sp->diff >> lo) & 1))
		lo++;
	lo &= ~7;	/* whole bytes */
	return (sp->diff >> lo) >> 31 >> 1 ? -1 : lo;
}

/* Room for n keys of width bytes in rl->keys and keys2, and n entries
 * in order2 (kept from one sort to the next). */
static int
scratch_room(struct rc_rowlist *rl, size_t n, size_t width)
{
	size_t need = n * width;

	if (rl->key_room < need || rl->keys == NULL) {
		free(rl->keys);
		free(rl->keys2);
		rl->keys = malloc(need);
		rl->keys2 = malloc(need);
		rl->key_room = need;
		if (rl->keys == NULL || rl->keys2 == NULL) {
			free(rl->keys);
			free(rl->keys2);
			rl->keys = rl->keys2 = NULL;
			rl->key_room = 0;
			return RC_ENOMEM;
		}
		rc_prefault(rl->keys, need);
		rc_prefault(rl->keys2, need);
	}
	if (rl->nkeys < n || rl->order2 == NULL) {
		free(rl->order2);
		rl->order2 = malloc(n * sizeof *rl->order2);
		rl->nkeys = rl->order2 ? (uint32_t)n : 0;
		if (rl->order2 == NULL)
			return RC_ENOMEM;
		rc_prefault(rl->order2, n * sizeof *rl->order2);
	}
	return RC_OK;
}

static int
sort_scratch(struct rc_rowlist *rl, size_t width)
{
	return scratch_room(rl, rl->nrows, width);
}

int
rc_rowlist_reserve_sort(struct rc_rowlist *rl, uint32_t n)
{
	if (rc_rowlist_order_room(rl, n ? n : 1) != RC_OK
	    || (n && scratch_room(rl, n, 4) != RC_OK))
		return RC_ENOMEM;
	/* Written, not only populated: on a virtual machine the host backs
	 * a page at its first write, and that trap is most of the cost. */
	memset(rl->order, 0, (size_t)rl->order_cap * sizeof *rl->order);
	if (n) {
		memset(rl->keys, 0, rl->key_room);
		memset(rl->keys2, 0, rl->key_room);
		memset(rl->order2, 0, (size_t)rl->nkeys * sizeof *rl->order2);
	}
	return RC_OK;
}

/* After the passes: the order back in its own array (sized with the
 * rows, while the scratch is sized with the longest list sorted), the
 * scratch arrays where they are now, vis rebuilt around row keep. */
static void
finish_order(struct rc_rowlist *rl, uint32_t *order, void *k, void *k2,
	     uint32_t keep)
{
	if (rl->order != order) {
		memcpy(order, rl->order, (size_t)rl->nrows * sizeof *order);
		rl->order2 = rl->order;
		rl->order = order;
	}
	rl->keys = k;
	rl->keys2 = k2;
	rc_rowlist_rebuild_vis(rl, keep);
}

/* One stable counting pass of the order by byte shift / 8 of the keys
 * (type T), from (k, order) into (k2, o2); counted: how many keys have
 * each value of that byte, or NULL (counted here, one more read). */
#define RADIX_PASS(T, k, k2, o2, shift, counted) do { \
	uint32_t count_[256] = {0}, sum_ = 0; \
	const uint32_t *counted_ = (counted); \
	if (counted_ != NULL) \
		for (unsigned b_ = 0; b_ < 256; b_++) \
			count_[b_] = counted_[b_]; \
	else \
		for (uint32_t i_ = 0; i_ < n; i_++) \
			count_[((k)[i_] >> (shift)) & 0xff]++; \
	for (unsigned b_ = 0; b_ < 256; b_++) { \
		uint32_t c_ = count_[b_]; \
		count_[b_] = sum_; \
		sum_ += c_; \
	} \
	for (uint32_t i_ = 0; i_ < n; i_++) { \
		uint32_t d_ = count_[((k)[i_] >> (shift)) & 0xff]++; \
		(k2)[d_] = (k)[i_]; \
		(o2)[d_] = rl->order[i_]; \
	} \
	T *tk_ = (k); (k) = (k2); (k2) = tk_; \
	uint32_t *to_ = rl->order; rl->order = (o2); (o2) = to_; \
} while (0)

/* Stable LSD radix sort of rl->order by the keys in rl->keys (keys[i]
 * that of order[i]; 8 bytes each, or 4 when wide is 0), over the bytes
 * in which they differ (diff); then vis around row keep.  hist: for
 * 4-byte keys, the counts of each of their bytes' values when gathered
 * with the keys, or NULL. */
static int
radix_order(struct rc_rowlist *rl, int wide, uint64_t diff, uint32_t keep,
	    uint32_t (*hist)[256])
{
	uint32_t n = rl->nrows, *order = rl->order, *o2 = rl->order2;

	if (wide) {
		uint64_t *k = rl->keys, *k2 = rl->keys2;
		for (unsigned pass = 0; pass < 8; pass++)
			if ((diff >> (8 * pass)) & 0xff)
				RADIX_PASS(uint64_t, k, k2, o2, 8 * pass, NULL);
		finish_order(rl, order, k, k2, keep);
	} else {
		uint32_t *k = rl->keys, *k2 = rl->keys2;
		for (unsigned pass = 0; pass < 4; pass++)
			if ((diff >> (8 * pass)) & 0xff)
				RADIX_PASS(uint32_t, k, k2, o2, 8 * pass,
					   hist ? hist[pass] : NULL);
		finish_order(rl, order, k, k2, keep);
	}
	return RC_OK;
}

/* The key of the row at position i of the order. */
struct key_source {
	uint64_t (*row_key)(void *ctx, const struct rc_row *row);
	uint64_t (*vertex_key)(const void *ctx, uint32_t v);
	void *ctx;
	uint64_t flip;   /* all ones: descending (ascending on ~key, stable) */
};

static uint64_t
key_at(const struct rc_rowlist *rl, const struct key_source *ks, uint32_t i)
{
	if (ks->vertex_key != NULL)
		return ks->vertex_key(ks->ctx, rl->lazy->ids[rl->order[i]]) ^ ks->flip;
	struct rc_row row;
	get_row(rl, rl->order[i], &row);
	return ks->row_key(ks->ctx, &row) ^ ks->flip;
}

/* The keys stored as 4 bytes on the guess that their high halves are
 * all alike (sizes and degrees: the common case, one pass); when they
 * are not, asked again and stored as they need, shifted to 4 bytes or
 * in 8. */
static int
sort_by(struct rc_rowlist *rl, const struct key_source *ks)
{
	uint32_t n = rl->nrows, keep = cur_row(rl);
	struct key_span sp = { 0, 0, 0 };

	if (n < 2 || rl->order == NULL)
		return RC_OK;
	if (sort_scratch(rl, 4) != RC_OK)
		return RC_ENOMEM;
	uint32_t *k = rl->keys, hist[4][256];
	memset(hist, 0, sizeof hist);
	for (uint32_t i = 0; i < n; i++) {
		uint64_t x = key_at(rl, ks, i);
		span_add(&sp, x);
		k[i] = (uint32_t)x;
		/* Counted now: the passes need not read the keys to count. */
		hist[0][x & 0xff]++;
		hist[1][(x >> 8) & 0xff]++;
		hist[2][(x >> 16) & 0xff]++;
		hist[3][(x >> 24) & 0xff]++;
	}
	if ((sp.diff >> 32) == 0)   /* the guess held */
		return radix_order(rl, 0, sp.diff, keep, hist);
	int shift = span_shift(&sp);
	if (sort_scratch(rl, shift < 0 ? 8 : 4) != RC_OK)
		return RC_ENOMEM;
	if (shift < 0) {
		uint64_t *w = rl->keys;
		for (uint32_t i = 0; i < n; i++)
			w[i] = key_at(rl, ks, i);
		return radix_order(rl, 1, sp.diff, keep, NULL);
	}
	k = rl->keys;
	for (uint32_t i = 0; i < n; i++)
		k[i] = (uint32_t)(key_at(rl, ks, i) >> shift);
	return radix_order(rl, 0, sp.diff >> shift, keep, NULL);
}

int
rc_rowlist_sort_key(struct rc_rowlist *rl,
		    uint64_t (*key)(void *ctx, const struct rc_row *row),
		    void *ctx, int descending)
{
	struct key_source ks = { key, NULL, ctx, descending ? ~(uint64_t)0 : 0 };

	return sort_by(rl, &ks);
}

int
rc_rowlist_sort_vertex_key(struct rc_rowlist *rl,
			   uint64_t (*key)(const void *ctx, uint32_t v),
			   const void *ctx, int descending)
{
	struct key_source ks = { NULL, key, (void *)ctx,
				 descending ? ~(uint64_t)0 : 0 };

	if (rl->lazy == NULL)
		return RC_EINVAL;
	return sort_by(rl, &ks);
}

void
rc_rowlist_unsort(struct rc_rowlist *rl)
{
	uint32_t i, keep = cur_row(rl);

	if (rl->order == NULL)
		return;
	for (i = 0; i < rl->nrows; i++)
		rl->order[i] = i;
	rc_rowlist_rebuild_vis(rl, keep);
}

struct cmp_ctx {
	const struct rc_rowlist *rl;
	int (*cmp)(void *, const struct rc_row *, const struct rc_row *);
	void *ctx;
	int sign;
};

static int
cmp_rows(const struct cmp_ctx *c, uint32_t a, uint32_t b)
{
	struct rc_row ra, rb;

	if (c->rl->lazy == NULL)
		return c->sign * c->cmp(c->ctx, &c->rl->rows[a], &c->rl->rows[b]);
	get_row(c->rl, a, &ra);
	get_row(c->rl, b, &rb);
	return c->sign * c->cmp(c->ctx, &ra, &rb);
}

/* Bottom-up merge sort of a[0..n-1] using tmp (n entries). */
static void
merge_sort(uint32_t *a, uint32_t *tmp, uint32_t n, const struct cmp_ctx *c)
{
	uint32_t *src = a, *dst = tmp, width, i;

	for (width = 1; width < n; width *= 2) {
		for (i = 0; i < n; i += 2 * width) {
			uint32_t lo = i, mid = i + width, hi = i + 2 * width;
			uint32_t p, q, o = lo;

			if (mid > n)
				mid = n;
			if (hi > n || hi < i)
				hi = n;
			p = lo;
			q = mid;
			while (p < mid && q < hi)
				dst[o++] = cmp_rows(c, src[q], src[p]) < 0 ?
					src[q++] : src[p++];
			while (p < mid)
				dst[o++] = src[p++];
			while (q < hi)
				dst[o++] = src[q++];
		}
		uint32_t *t = src;

		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, (size_t)n * sizeof *a);
}

int
rc_rowlist_sort_cmp(struct rc_rowlist *rl,
		    int (*cmp)(void *ctx, const struct rc_row *a,
			       const struct rc_row *b),
		    void *ctx, int descending)
{
	struct cmp_ctx c = { rl, cmp, ctx, descending ? -1 : 1 };
	uint32_t keep = cur_row(rl), *tmp;

	if (rl->nrows < 2 || rl->order == NULL)
		return RC_OK;
	tmp = malloc((size_t)rl->nrows * sizeof *tmp);
	if (tmp == NULL)
		return RC_ENOMEM;
	merge_sort(rl->order, tmp, rl->nrows, &c);
	free(tmp);
	rc_rowlist_rebuild_vis(rl, keep);
	return RC_OK;
}
