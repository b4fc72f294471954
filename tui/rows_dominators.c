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

int
rc_dom_order_build(const struct rc_model *m, struct rc_dom_order *o)
{
	uint32_t n = m->g->n;

	memset(o, 0, sizeof *o);
	if (m->idom == NULL || m->dom_off == NULL || m->dom_kids == NULL
	    || m->retained == NULL)
		return RC_EINVAL;
	size_t count = m->dom_off[n + 1];
	o->kids = malloc((count + 1) * sizeof *o->kids);
	if (o->kids == NULL || rc_nodeset_init(&o->sorted, n + 1) != RC_OK) {
		rc_dom_order_free(o);
		return RC_ENOMEM;
	}
	memcpy(o->kids, m->dom_kids, count * sizeof *o->kids);
	o->n = n;
	o->off = m->dom_off;
	o->retained = m->retained;
	return RC_OK;
}

void
rc_dom_order_free(struct rc_dom_order *o)
{
	free(o->kids);
	rc_nodeset_free(&o->sorted);
	memset(o, 0, sizeof *o);
}

/* Sort the children of v by decreasing retained size, once. */
static int
sort_kids(struct rc_dom_order *o, uint32_t v)
{
	uint32_t lo = o->off[v], k = o->off[v + 1] - lo;

	if (rc_nodeset_has(&o->sorted, v) || k < 2) {
		rc_nodeset_add(&o->sorted, v);
		return RC_OK;
	}
	struct ranked *r = malloc((size_t)k * sizeof *r);
	if (r == NULL)
		return RC_ENOMEM;
	for (uint32_t i = 0; i < k; i++)
		r[i] = (struct ranked){o->retained[o->kids[lo + i]], o->kids[lo + i]};
	qsort(r, k, sizeof *r, cmp_ranked);
	for (uint32_t i = 0; i < k; i++)
		o->kids[lo + i] = r[i].v;
	free(r);
	rc_nodeset_add(&o->sorted, v);
	return RC_OK;
}

/* A node being listed: its next child, how many shown and left out. */
struct frame {
	uint32_t node, next, shown, skipped;
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

int
rc_rows_dominators(struct rc_dom_order *o,
		   const struct rc_nodeset *expanded, uint32_t reveal,
		   uint32_t fanout, struct rc_rowlist *rl)
{
	uint32_t sp = 0, cap = 64;
	struct frame *stack = malloc(cap * sizeof *stack);
	int rc = RC_OK;

	rc_rowlist_clear(rl);
	if (stack == NULL || sort_kids(o, o->n) != RC_OK) {
		free(stack);
		return RC_ENOMEM;
	}
	stack[sp++] = (struct frame){o->n, o->off[o->n], 0, 0, 0};
	while (sp > 0 && rc == RC_OK) {
		struct frame *f = &stack[sp - 1];
		if (f->next == o->off[f->node + 1]) {
			if (f->skipped > 0)
				rc = push_more(rl, f);
			sp--;
			continue;
		}
		uint32_t c = o->kids[f->next++];
		int open = rc_nodeset_has(expanded, c);
		if (f->shown >= fanout && !open && c != reveal) {
			f->skipped++;
			continue;
		}
		f->shown++;
		rc = push_row(rl, o, c, f->depth);
		if (rc != RC_OK || !open || o->off[c + 1] == o->off[c])
			continue;
		rc = sort_kids(o, c);
		if (rc != RC_OK)
			break;
		if (sp == cap) {
			struct frame *grown = realloc(stack, 2 * cap * sizeof *stack);
			if (grown == NULL) {
				rc = RC_ENOMEM;
				break;
			}
			stack = grown;
			cap *= 2;
			f = &stack[sp - 1];
		}
		uint16_t depth = f->depth < UINT16_MAX ? f->depth + 1 : UINT16_MAX;
		stack[sp++] = (struct frame){c, o->off[c], 0, 0, depth};
	}
	free(stack);
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
