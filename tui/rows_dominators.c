/* rows_dominators.c - the dominator tree as rows (see rows_dominators.h). */
#include <config.h>

#include "tui/rows_dominators.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"

struct ranked {
	uint64_t retained;
	uint32_t v;
};

static int
cmp_ranked(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;

	if (a->retained != b->retained)
		return a->retained > b->retained ? -1 : 1;
	return a->v < b->v ? -1 : a->v > b->v;
}

/* a ranks after b. */
static int
after(const struct ranked *a, const struct ranked *b)
{
	return cmp_ranked(a, b) > 0;
}

int
rc_dom_order_build(const struct rc_model *m, struct rc_dom_order *o)
{
	memset(o, 0, sizeof *o);
	if (m->idom == NULL || m->dom_off == NULL || m->dom_kids == NULL
	    || m->retained == NULL)
		return RC_EINVAL;
	o->n = m->g->n;
	o->off = m->dom_off;
	o->kids = m->dom_kids;
	o->idom = m->idom;
	o->retained = m->retained;
	rc_nodemap_init(&o->where);
	return RC_OK;
}

void
rc_dom_order_free(struct rc_dom_order *o)
{
	for (uint32_t i = 0; i < o->nranked; i++)
		free(o->ranked[i].ids);
	free(o->ranked);
	rc_nodemap_free(&o->where);
	memset(o, 0, sizeof *o);
}

/* Keep the best k of a list in heap[] (a heap whose root ranks last). */
static void
sift_down(struct ranked *heap, uint32_t k, uint32_t i)
{
	for (;;) {
		uint32_t l = 2 * i + 1, r = l + 1, w = i;
		if (l < k && after(&heap[l], &heap[w]))
			w = l;
		if (r < k && after(&heap[r], &heap[w]))
			w = r;
		if (w == i)
			return;
		struct ranked t = heap[i];
		heap[i] = heap[w];
		heap[w] = t;
		i = w;
	}
}

/* The first want of v's children, ranked, into ids (want <= count):
 * a sort when that is all of them, else one pass keeping the best in a
 * heap, O(count log want). */
static int
rank_first(const struct rc_dom_order *o, uint32_t v, uint32_t want, uint32_t *ids)
{
	uint32_t lo = o->off[v], count = o->off[v + 1] - lo, k = 0;
	struct ranked *r = malloc(((size_t)want + 1) * sizeof *r);

	if (r == NULL)
		return RC_ENOMEM;
	for (uint32_t i = 0; i < count; i++) {
		struct ranked c = { o->retained[o->kids[lo + i]], o->kids[lo + i] };
		if (k < want) {
			r[k++] = c;
			if (k == want && want < count)
				for (uint32_t j = want / 2 + 1; j-- > 0;)
					sift_down(r, want, j);
		} else if (after(&r[0], &c)) {
			r[0] = c;
			sift_down(r, want, 0);
		}
	}
	qsort(r, k, sizeof *r, cmp_ranked);
	for (uint32_t i = 0; i < k; i++)
		ids[i] = r[i].v;
	free(r);
	return RC_OK;
}

/* v's children ranked at least as far as fanout (all of them when there
 * are no more), from the cache or now; NULL out of memory. */
static const struct rc_dom_ranked *
ranked_list(struct rc_dom_order *o, uint32_t v, uint32_t fanout)
{
	uint32_t count = o->off[v + 1] - o->off[v];
	uint32_t want = count < fanout ? count : fanout ? fanout : 1;
	uint32_t at = rc_nodemap_get(&o->where, v);
	struct rc_dom_ranked *e;

	if (at != RC_NODEMAP_EMPTY) {
		e = &o->ranked[at];
		if (e->whole || e->len >= want)
			return e;
	} else {
		if (o->nranked == o->cap) {
			uint32_t cap = o->cap ? 2 * o->cap : 16;
			e = realloc(o->ranked, (size_t)cap * sizeof *e);
			if (e == NULL)
				return NULL;
			o->ranked = e;
			o->cap = cap;
		}
		if (rc_nodemap_put(&o->where, v, o->nranked) != RC_OK)
			return NULL;
		at = o->nranked++;
		o->ranked[at] = (struct rc_dom_ranked){ NULL, 0, 0 };
	}
	e = &o->ranked[at];
	uint32_t *ids = realloc(e->ids, ((size_t)want + 1) * sizeof *ids);
	if (ids == NULL)
		return NULL;
	e->ids = ids;
	if (rank_first(o, v, want, ids) != RC_OK)
		return NULL;
	e->len = want;
	e->whole = want == count;
	return e;
}

/* What the rows are made from: the expanded set, the vertex to reveal,
 * the unfolded vertices as a list, and the children to show of every
 * node listed so far (ranges of shown). */
struct listing {
	struct rc_dom_order *o;
	const struct rc_nodeset *expanded;
	uint32_t reveal, fanout;
	struct rc_nodelist forced;   /* expanded members and reveal */
	struct rc_nodelist shown;
};

static int
forced(const struct listing *L, uint32_t c)
{
	return c == L->reveal || rc_nodeset_has(L->expanded, c);
}

/* The children of v shown past its ranked ones (unfolded, or revealed),
 * in rank order, appended to L->shown; their number in *count. */
static int
show_extras(struct listing *L, uint32_t v, const struct rc_dom_ranked *e)
{
	const struct rc_dom_order *o = L->o;
	struct ranked last = { o->retained[e->ids[e->len - 1]], e->ids[e->len - 1] };
	struct ranked *x = malloc(((size_t)L->forced.len + 1) * sizeof *x);
	uint32_t k = 0;

	if (x == NULL)
		return RC_ENOMEM;
	for (uint32_t i = 0; i < L->forced.len; i++) {
		uint32_t c = L->forced.ids[i];
		struct ranked rc = { c < o->n ? o->retained[c] : 0, c };
		if (c < o->n && o->idom[c] == v && after(&rc, &last))
			x[k++] = rc;
	}
	qsort(x, k, sizeof *x, cmp_ranked);
	int rc = RC_OK;
	/* Unfolded and revealed both: twice in forced, once shown. */
	for (uint32_t i = 0; rc == RC_OK && i < k; i++)
		if (i == 0 || x[i].v != x[i - 1].v)
			rc = rc_nodelist_push(&L->shown, x[i].v);
	free(x);
	return rc;
}

/* Append the children of v to show to L->shown; *skipped: how many are
 * left out. */
static int
plan(struct listing *L, uint32_t v, uint32_t *skipped)
{
	const struct rc_dom_order *o = L->o;
	uint32_t count = o->off[v + 1] - o->off[v], start = L->shown.len;
	const struct rc_dom_ranked *e = ranked_list(L->o, v, L->fanout);
	int rc = RC_OK;

	if (e == NULL)
		return RC_ENOMEM;
	for (uint32_t i = 0; rc == RC_OK && i < e->len; i++)
		if (i < L->fanout || forced(L, e->ids[i]))
			rc = rc_nodelist_push(&L->shown, e->ids[i]);
	if (rc == RC_OK && !e->whole && e->len > 0)
		rc = show_extras(L, v, e);
	*skipped = count - (L->shown.len - start);
	return rc;
}

/* A node being listed: its children to show are L->shown.ids[next ..
 * end - 1]; skipped are left out. */
struct frame {
	uint32_t node, next, end, skipped;
	uint16_t depth;
};

static int
push_row(struct rc_rowlist *rl, const struct rc_dom_order *o, uint32_t v,
	 uint16_t depth)
{
	struct rc_row r = { v, RC_NONE, RC_NONE, 0,
			    o->off[v + 1] - o->off[v], depth,
			    RC_ROW_DOMINATED, 0 };

	return rc_rowlist_push(rl, &r);
}

static int
push_more(struct rc_rowlist *rl, const struct frame *f)
{
	struct rc_row r = { RC_NONE, RC_NONE, f->node, 0, f->skipped,
			    f->depth, RC_ROW_MORE, 0 };

	return rc_rowlist_push(rl, &r);
}

/* Push the frame listing v's children; the stack grows as needed. */
static int
open_frame(struct listing *L, struct frame **stack, uint32_t *sp, uint32_t *cap,
	   uint32_t v, uint16_t depth)
{
	struct frame f = { v, L->shown.len, 0, 0, depth };
	int rc = plan(L, v, &f.skipped);

	if (rc != RC_OK)
		return rc;
	f.end = L->shown.len;
	if (*sp == *cap) {
		struct frame *grown = realloc(*stack, 2 * *cap * sizeof **stack);
		if (grown == NULL)
			return RC_ENOMEM;
		*stack = grown;
		*cap *= 2;
	}
	(*stack)[(*sp)++] = f;
	return RC_OK;
}

static int
list_rows(struct listing *L, struct rc_rowlist *rl)
{
	const struct rc_dom_order *o = L->o;
	uint32_t sp = 0, cap = 64;
	struct frame *stack = malloc(cap * sizeof *stack);
	int rc = stack ? open_frame(L, &stack, &sp, &cap, o->n, 0) : RC_ENOMEM;

	while (sp > 0 && rc == RC_OK) {
		struct frame *f = &stack[sp - 1];
		if (f->next == f->end) {
			if (f->skipped > 0)
				rc = push_more(rl, f);
			sp--;
			continue;
		}
		uint32_t c = L->shown.ids[f->next++];
		uint16_t depth = f->depth;
		rc = push_row(rl, o, c, depth);
		if (rc != RC_OK || !rc_nodeset_has(L->expanded, c)
		    || o->off[c + 1] == o->off[c])
			continue;
		rc = open_frame(L, &stack, &sp, &cap, c,
				depth < UINT16_MAX ? depth + 1 : UINT16_MAX);
	}
	free(stack);
	return rc;
}

int
rc_rows_dominators(struct rc_dom_order *o,
		   const struct rc_nodeset *expanded, uint32_t reveal,
		   uint32_t fanout, struct rc_rowlist *rl)
{
	struct listing L = { o, expanded, reveal, fanout, {0, 0, NULL}, {0, 0, NULL} };
	int rc;

	rc_rowlist_clear(rl);
	rc = rc_nodeset_to_list(expanded, &L.forced);
	if (rc == RC_OK && reveal != RC_NONE)
		rc = rc_nodelist_push(&L.forced, reveal);
	if (rc == RC_OK)
		rc = list_rows(&L, rl);
	rc_nodelist_free(&L.forced);
	rc_nodelist_free(&L.shown);
	return rc == RC_OK ? rc_rowlist_show(rl) : rc;
}

int
rc_dom_reveal(const struct rc_model *m, uint32_t v, struct rc_nodeset *expanded)
{
	uint32_t n = m->g->n;

	if (m->idom == NULL || v >= n || m->idom[v] == RC_NONE)
		return RC_ENOTFOUND;
	for (uint32_t u = m->idom[v]; u != n && u != RC_NONE; u = m->idom[u])
		rc_nodeset_add(expanded, u);
	return RC_OK;
}
