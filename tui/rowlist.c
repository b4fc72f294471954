/* rowlist.c - the curses-free list model (see rowlist.h): its rows,
 * stored or made when asked for, the order and the rows shown, the
 * filter and the cursor.  The sorts are in rowsort.c. */
#include <config.h>

#include "tui/rowlist.h"
#include "tui/rowlist_impl.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"
#include "src/graph/prefault.h"

void
rc_rowlist_init(struct rc_rowlist *rl)
{
	memset(rl, 0, sizeof *rl);
}

/* Back to rows stored in rows[]. */
static void
drop_lazy(struct rc_rowlist *rl)
{
	if (rl->vis_shared) {
		rl->vis = NULL;
		rl->vis_shared = 0;
	}
	if (rl->lazy == NULL)
		return;
	free(rl->lazy->own);
	free(rl->lazy->flags);
	free(rl->lazy);
	rl->lazy = NULL;
}

static uint8_t
flags_of(const struct rc_rowlist *rl, uint32_t i)
{
	if (rl->lazy == NULL)
		return rl->rows[i].flags;
	return rl->lazy->flags ? rl->lazy->flags[i] : 0;
}

/* Where row i's flags live; NULL for a lazy list that has none yet
 * (every row's are 0). */
static uint8_t *
flags_ptr(struct rc_rowlist *rl, uint32_t i)
{
	if (rl->lazy == NULL)
		return &rl->rows[i].flags;
	return rl->lazy->flags ? &rl->lazy->flags[i] : NULL;
}

static void
clear_flags(struct rc_rowlist *rl, uint32_t i, uint8_t bits)
{
	uint8_t *f = flags_ptr(rl, i);

	if (f != NULL)
		*f &= (uint8_t)~bits;
}

void
rc_rowlist_free(struct rc_rowlist *rl)
{
	drop_lazy(rl);
	free(rl->keys);
	free(rl->keys2);
	free(rl->order2);
	free(rl->rows);
	free(rl->order);
	if (!rl->vis_shared)
		free(rl->vis);
	rc_rowlist_init(rl);
}

void
rc_rowlist_clear(struct rc_rowlist *rl)
{
	drop_lazy(rl);
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

/* vis an array of its own, of cnt entries (contents undefined). */
static int
own_vis(struct rc_rowlist *rl, size_t cnt)
{
	uint32_t *o = realloc(rl->vis_shared ? NULL : rl->vis, cnt * sizeof *o);

	if (o == NULL)
		return RC_ENOMEM;
	rl->vis = o;
	rl->vis_shared = 0;
	rc_prefault(rl->vis, cnt * sizeof *o);
	return RC_OK;
}

/* Room for cnt entries in order (kept: the pages of a longer list
 * before are not faulted in again). */
int
rc_rowlist_order_room(struct rc_rowlist *rl, size_t cnt)
{
	if (cnt <= rl->order_cap && rl->order != NULL)
		return RC_OK;
	uint32_t *o = realloc(rl->order, cnt * sizeof *o);

	if (o == NULL)
		return RC_ENOMEM;
	rl->order = o;
	rl->order_cap = (uint32_t)cnt;
	rc_prefault(rl->order, cnt * sizeof *o);
	return RC_OK;
}

/* order and vis sized for nrows (at least one entry, so never NULL). */
static int
alloc_order(struct rc_rowlist *rl)
{
	size_t cnt = rl->nrows ? rl->nrows : 1;

	if (rc_rowlist_order_room(rl, cnt) != RC_OK)
		return RC_ENOMEM;
	if (rl->lazy != NULL && rl->lazy->flags == NULL) {
		if (!rl->vis_shared)
			free(rl->vis);
		rl->vis = rl->order;
		rl->vis_shared = 1;
		return RC_OK;
	}
	return own_vis(rl, cnt);
}

/* vis = the rows of order not hidden; the cursor follows the row it was
 * on (cur_row, an index in rows[], or RC_NONE: the first row). */
void
rc_rowlist_rebuild_vis(struct rc_rowlist *rl, uint32_t cur_row)
{
	uint32_t i, k = 0;

	rl->cur = 0;
	if (rl->vis_shared) {
		/* Nothing can be hidden: vis is the order. */
		rl->vis = rl->order;
		for (i = 0; cur_row != RC_NONE && i < rl->nrows; i++)
			if (rl->order[i] == cur_row) {
				rl->cur = i;
				break;
			}
		rl->nvis = rl->nrows;
		if (rl->top > rl->cur)
			rl->top = rl->cur;
		return;
	}
	for (i = 0; i < rl->nrows; i++) {
		uint32_t r = rl->order[i];

		if (flags_of(rl, r) & RC_ROW_HIDDEN)
			continue;
		if (r == cur_row)
			rl->cur = k;
		rl->vis[k++] = r;
	}
	rl->nvis = k;
	if (rl->top > rl->cur)
		rl->top = rl->cur;
}

int
rc_rowlist_show(struct rc_rowlist *rl)
{
	uint32_t i;

	if (alloc_order(rl) != RC_OK)
		return RC_ENOMEM;
	for (i = 0; i < rl->nrows; i++)
		rl->order[i] = i;
	if (rl->lazy == NULL || rl->lazy->flags != NULL)
		for (i = 0; i < rl->nrows; i++)
			clear_flags(rl, i, RC_ROW_HIDDEN | RC_ROW_PENDING);
	rl->top = 0;
	rc_rowlist_rebuild_vis(rl, RC_NONE);
	return RC_OK;
}

/* A lazy list of n rows over ids (own: ids itself, freed with the
 * list, or NULL: borrowed). */
static int
lazy_rows(struct rc_rowlist *rl, const uint32_t *ids, uint32_t *own,
	  uint32_t n, rc_row_maker make, const void *ctx)
{
	rc_rowlist_clear(rl);
	rl->lazy = calloc(1, sizeof *rl->lazy);
	if (rl->lazy == NULL) {
		free(own);
		return RC_ENOMEM;
	}
	rl->lazy->ids = ids;
	rl->lazy->own = own;
	rl->lazy->make = make;
	rl->lazy->ctx = ctx;
	rl->nrows = n;
	if (rc_rowlist_show(rl) != RC_OK) {
		rc_rowlist_clear(rl);
		return RC_ENOMEM;
	}
	return RC_OK;
}

int
rc_rowlist_vertices(struct rc_rowlist *rl, uint32_t *ids, uint32_t n,
		    rc_row_maker make, const void *ctx)
{
	return lazy_rows(rl, ids, ids, n, make, ctx);
}

int
rc_rowlist_vertices_borrowed(struct rc_rowlist *rl, const uint32_t *ids,
			     uint32_t n, rc_row_maker make, const void *ctx)
{
	return lazy_rows(rl, ids, NULL, n, make, ctx);
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
	if (rl->lazy != NULL && rl->lazy->flags == NULL) {
		/* Rows may be hidden from now on: vis an array of its own. */
		if (rl->vis_shared) {
			if (own_vis(rl, rl->nrows ? rl->nrows : 1) != RC_OK)
				return -1;
			memcpy(rl->vis, rl->order, (size_t)rl->nrows * sizeof *rl->vis);
		}
		rl->lazy->flags = calloc(rl->nrows ? rl->nrows : 1, 1);
		if (rl->lazy->flags == NULL)
			return -1;
	}
	for (; rl->filter_pos < end; rl->filter_pos++) {
		struct rc_row row;
		uint8_t *f = flags_ptr(rl, rl->filter_pos);
		int k;

		get_row(rl, rl->filter_pos, &row);
		k = keep(ctx, &row);
		if (k < 0)
			return -1;
		if (k)
			*f &= (uint8_t)~RC_ROW_PENDING;
		else
			*f |= RC_ROW_PENDING;
	}
	return rl->filter_pos >= rl->nrows;
}

int
rc_rowlist_filter_commit(struct rc_rowlist *rl)
{
	uint32_t i, keep = cur_row(rl);

	for (i = 0; i < rl->nrows; i++) {
		uint8_t *f = flags_ptr(rl, i);

		if (f == NULL)
			break;	/* a lazy list never filtered: nothing hidden */
		if (*f & RC_ROW_PENDING)
			*f |= RC_ROW_HIDDEN;
		else
			*f &= (uint8_t)~RC_ROW_HIDDEN;
		*f &= (uint8_t)~RC_ROW_PENDING;
	}
	if (keep != RC_NONE && (flags_of(rl, keep) & RC_ROW_HIDDEN))
		keep = RC_NONE;
	rc_rowlist_rebuild_vis(rl, keep);
	if (keep == RC_NONE)
		rl->top = 0;
	return RC_OK;
}

void
rc_rowlist_filter_cancel(struct rc_rowlist *rl)
{
	uint32_t i;

	for (i = 0; i < rl->nrows; i++)
		clear_flags(rl, i, RC_ROW_PENDING);
	rl->filter_pos = 0;
}

int
rc_rowlist_unfilter(struct rc_rowlist *rl)
{
	uint32_t i, keep = cur_row(rl);

	for (i = 0; i < rl->nrows; i++)
		clear_flags(rl, i, RC_ROW_HIDDEN | RC_ROW_PENDING);
	rc_rowlist_rebuild_vis(rl, keep);
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
	struct rc_rowlist_lazy *z = rl->lazy;
	struct rc_row *r;

	if (i >= rl->nvis)
		return NULL;
	if (z == NULL)
		return &rl->rows[rl->vis[i]];
	r = &z->ring[z->next++ % RC_ROWLIST_RING];
	get_row(rl, rl->vis[i], r);
	return r;
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
