/* rowlist.c - the curses-free list model (see rowlist.h). */
#include <config.h>

#include "tui/rowlist.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"
#include "src/graph/prefault.h"

void
rc_rowlist_init(struct rc_rowlist *rl)
{
	memset(rl, 0, sizeof *rl);
}

void
rc_rowlist_free(struct rc_rowlist *rl)
{
	free(rl->rows);
	free(rl->order);
	free(rl->vis);
	rc_rowlist_init(rl);
}

void
rc_rowlist_clear(struct rc_rowlist *rl)
{
	rl->nrows = 0;
	rl->nvis = 0;
	rl->cur = rl->top = 0;
	rl->filter_pos = 0;
}

int
rc_rowlist_reserve(struct rc_rowlist *rl, uint32_t n)
{
	if (n <= rl->cap)
		return RC_OK;
	struct rc_row *rows = realloc(rl->rows, (size_t)n * sizeof *rows);

	if (rows == NULL)
		return RC_ENOMEM;
	rl->rows = rows;
	rl->cap = n;
	rc_prefault(rows + rl->nrows, (size_t)(n - rl->nrows) * sizeof *rows);
	return RC_OK;
}

int
rc_rowlist_push(struct rc_rowlist *rl, const struct rc_row *row)
{
	if (rl->nrows == rl->cap) {
		uint32_t cap = rl->cap ? rl->cap * 2 : 64;
		struct rc_row *rows;

		if (rl->cap >= UINT32_MAX / 2)
			return RC_ENOMEM;
		rows = realloc(rl->rows, (size_t)cap * sizeof *rows);
		if (rows == NULL)
			return RC_ENOMEM;
		rl->rows = rows;
		rl->cap = cap;
	}
	rl->rows[rl->nrows++] = *row;
	return RC_OK;
}

/* order and vis sized for nrows (at least one entry, so never NULL). */
static int
alloc_order(struct rc_rowlist *rl)
{
	size_t cnt = rl->nrows ? rl->nrows : 1;
	uint32_t *o = realloc(rl->order, cnt * sizeof *o);

	if (o == NULL)
		return RC_ENOMEM;
	rl->order = o;
	o = realloc(rl->vis, cnt * sizeof *o);
	if (o == NULL)
		return RC_ENOMEM;
	rl->vis = o;
	rc_prefault(rl->order, cnt * sizeof *o);
	rc_prefault(rl->vis, cnt * sizeof *o);
	return RC_OK;
}

/* vis = the rows of order not hidden; the cursor follows the row it was
 * on (cur_row, an index in rows[], or RC_NONE: the first row). */
static void
rebuild_vis(struct rc_rowlist *rl, uint32_t cur_row)
{
	uint32_t i, k = 0;

	rl->cur = 0;
	for (i = 0; i < rl->nrows; i++) {
		uint32_t r = rl->order[i];

		if (rl->rows[r].flags & RC_ROW_HIDDEN)
			continue;
		if (r == cur_row)
			rl->cur = k;
		rl->vis[k++] = r;
	}
	rl->nvis = k;
	if (rl->top > rl->cur)
		rl->top = rl->cur;
}

static uint32_t
cur_row(const struct rc_rowlist *rl)
{
	return rl->nvis ? rl->vis[rl->cur] : RC_NONE;
}

int
rc_rowlist_show(struct rc_rowlist *rl)
{
	uint32_t i;

	if (alloc_order(rl) != RC_OK)
		return RC_ENOMEM;
	for (i = 0; i < rl->nrows; i++) {
		rl->order[i] = i;
		rl->rows[i].flags &= (uint8_t)~(RC_ROW_HIDDEN | RC_ROW_PENDING);
	}
	rl->top = 0;
	rebuild_vis(rl, RC_NONE);
	return RC_OK;
}

int
rc_rowlist_sort_key(struct rc_rowlist *rl,
		    uint64_t (*key)(void *ctx, const struct rc_row *row),
		    void *ctx, int descending)
{
	uint32_t n = rl->nrows, i, keep = cur_row(rl);
	uint64_t *k, *k2;
	uint32_t *o2;
	unsigned pass;

	if (n < 2 || rl->order == NULL)
		return RC_OK;
	k = malloc((size_t)n * sizeof *k);
	k2 = malloc((size_t)n * sizeof *k2);
	o2 = malloc((size_t)n * sizeof *o2);
	if (k == NULL || k2 == NULL || o2 == NULL) {
		free(k);
		free(k2);
		free(o2);
		return RC_ENOMEM;
	}
	rc_prefault(k, (size_t)n * sizeof *k);
	rc_prefault(k2, (size_t)n * sizeof *k2);
	rc_prefault(o2, (size_t)n * sizeof *o2);
	/* Descending = ascending on the complemented key: still stable. */
	for (i = 0; i < n; i++) {
		uint64_t x = key(ctx, &rl->rows[rl->order[i]]);

		k[i] = descending ? ~x : x;
	}
	for (pass = 0; pass < 8; pass++) {
		uint32_t count[256], sum = 0;
		unsigned shift = pass * 8, b;

		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++)
			count[(k[i] >> shift) & 0xff]++;
		if (count[k[0] >> shift & 0xff] == n)
			continue;	/* every key has this byte: no-op pass */
		for (b = 0; b < 256; b++) {
			uint32_t c = count[b];

			count[b] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++) {
			uint32_t d = count[(k[i] >> shift) & 0xff]++;

			k2[d] = k[i];
			o2[d] = rl->order[i];
		}
		uint64_t *tk = k;
		uint32_t *to = rl->order;

		k = k2;
		k2 = tk;
		rl->order = o2;
		o2 = to;
	}
	free(k);
	free(k2);
	free(o2);
	rebuild_vis(rl, keep);
	return RC_OK;
}

void
rc_rowlist_unsort(struct rc_rowlist *rl)
{
	uint32_t i, keep = cur_row(rl);

	if (rl->order == NULL)
		return;
	for (i = 0; i < rl->nrows; i++)
		rl->order[i] = i;
	rebuild_vis(rl, keep);
}

struct cmp_ctx {
	const struct rc_row *rows;
	int (*cmp)(void *, const struct rc_row *, const struct rc_row *);
	void *ctx;
	int sign;
};

static int
cmp_rows(const struct cmp_ctx *c, uint32_t a, uint32_t b)
{
	return c->sign * c->cmp(c->ctx, &c->rows[a], &c->rows[b]);
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
	struct cmp_ctx c = { rl->rows, cmp, ctx, descending ? -1 : 1 };
	uint32_t keep = cur_row(rl), *tmp;

	if (rl->nrows < 2 || rl->order == NULL)
		return RC_OK;
	tmp = malloc((size_t)rl->nrows * sizeof *tmp);
	if (tmp == NULL)
		return RC_ENOMEM;
	merge_sort(rl->order, tmp, rl->nrows, &c);
	free(tmp);
	rebuild_vis(rl, keep);
	return RC_OK;
}

void
rc_rowlist_filter_begin(struct rc_rowlist *rl)
{
	rl->filter_pos = 0;
}

int
rc_rowlist_filter_step(struct rc_rowlist *rl,
		       int (*keep)(void *ctx, const struct rc_row *row),
		       void *ctx, uint32_t budget)
{
	uint32_t end = rl->filter_pos + budget;

	if (end > rl->nrows || end < rl->filter_pos)
		end = rl->nrows;
	for (; rl->filter_pos < end; rl->filter_pos++) {
		struct rc_row *r = &rl->rows[rl->filter_pos];
		int k = keep(ctx, r);

		if (k < 0)
			return -1;
		if (k)
			r->flags &= (uint8_t)~RC_ROW_PENDING;
		else
			r->flags |= RC_ROW_PENDING;
	}
	return rl->filter_pos >= rl->nrows;
}

int
rc_rowlist_filter_commit(struct rc_rowlist *rl)
{
	uint32_t i, keep = cur_row(rl);

	for (i = 0; i < rl->nrows; i++) {
		struct rc_row *r = &rl->rows[i];

		if (r->flags & RC_ROW_PENDING)
			r->flags |= RC_ROW_HIDDEN;
		else
			r->flags &= (uint8_t)~RC_ROW_HIDDEN;
		r->flags &= (uint8_t)~RC_ROW_PENDING;
	}
	if (keep != RC_NONE && (rl->rows[keep].flags & RC_ROW_HIDDEN))
		keep = RC_NONE;
	rebuild_vis(rl, keep);
	if (keep == RC_NONE)
		rl->top = 0;
	return RC_OK;
}

void
rc_rowlist_filter_cancel(struct rc_rowlist *rl)
{
	uint32_t i;

	for (i = 0; i < rl->nrows; i++)
		rl->rows[i].flags &= (uint8_t)~RC_ROW_PENDING;
	rl->filter_pos = 0;
}

int
rc_rowlist_unfilter(struct rc_rowlist *rl)
{
	uint32_t i, keep = cur_row(rl);

	for (i = 0; i < rl->nrows; i++)
		rl->rows[i].flags &=
			(uint8_t)~(RC_ROW_HIDDEN | RC_ROW_PENDING);
	rebuild_vis(rl, keep);
	return RC_OK;
}

const struct rc_row *
rc_rowlist_selected(const struct rc_rowlist *rl)
{
	return rc_rowlist_at(rl, rl->cur);
}

const struct rc_row *
rc_rowlist_at(const struct rc_rowlist *rl, uint32_t i)
{
	return i < rl->nvis ? &rl->rows[rl->vis[i]] : NULL;
}

void
rc_rowlist_set_cur(struct rc_rowlist *rl, uint32_t pos)
{
	if (rl->nvis == 0)
		rl->cur = 0;
	else
		rl->cur = pos < rl->nvis ? pos : rl->nvis - 1;
}

void
rc_rowlist_move(struct rc_rowlist *rl, int64_t delta)
{
	int64_t p = (int64_t)rl->cur + delta;

	if (p < 0)
		p = 0;
	if (p > UINT32_MAX)
		p = UINT32_MAX;
	rc_rowlist_set_cur(rl, (uint32_t)p);
}

void
rc_rowlist_scroll(struct rc_rowlist *rl, uint32_t height)
{
	if (height == 0)
		height = 1;
	if (rl->cur < rl->top)
		rl->top = rl->cur;
	if (rl->cur >= rl->top + height)
		rl->top = rl->cur - height + 1;
	if (rl->nvis > height && rl->top > rl->nvis - height)
		rl->top = rl->nvis - height;
	if (rl->nvis <= height)
		rl->top = 0;
}

uint32_t
rc_rowlist_find(const struct rc_rowlist *rl, uint32_t idx)
{
	uint32_t i;

	for (i = 0; i < rl->nvis; i++)
		if (rl->vis[i] == idx)
			return i;
	return RC_NONE;
}
