/* domtree.c - what is read from a dominator tree once dom.c has
 * computed it: the retained size of each node (subtree sums), the tree
 * as children lists (CSR), and the retained size of each group of nodes
 * (see dom.h). */
#include <config.h>

#include "src/graph/dom.h"
#include "src/graph/dom_impl.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"

/* Subtree sums bottom-up: order lists each idom before its children, so
 * in reverse order every node is complete before it is added to its
 * idom.  The first pass proves no partial sum can wrap. */
int
rc_dom_retained(const struct rc_dom *d, const uint64_t *shallow,
		uint64_t *retained, uint64_t *total)
{
	uint64_t sum = 0, top = 0;
	uint32_t v, k;

	for (v = 0; v < d->n; v++) {
		if (shallow[v] > UINT64_MAX - sum)
			return RC_EOVERFLOW;
		sum += shallow[v];
	}
	for (v = 0; v < d->n; v++)
		retained[v] = shallow[v];
	for (k = d->count; k-- > 0;) {
		uint32_t u = d->order[k], p = d->idom[u];

		if (p == RC_DOM_SUPER(d))
			top += retained[u];
		else
			retained[p] += retained[u];
	}
	if (total != NULL)
		*total = top;
	return RC_OK;
}

/* Counting sort of the reached nodes by idom, scanned in increasing id
 * so each child list comes out sorted; off[] counts, then (shifted by
 * one, as in graph.c) gives the starts. */
int
rc_dom_children(const struct rc_dom *d, uint32_t **off, uint32_t **kids)
{
	uint32_t n = d->n, v, p;
	uint32_t *o, *c;

	*off = NULL;
	*kids = NULL;
	o = calloc((size_t)n + 2, sizeof(uint32_t));
	c = rc_dom_alloc_u32(d->count);
	if (o == NULL || c == NULL) {
		free(o);
		free(c);
		return RC_ENOMEM;
	}
	for (v = 0; v < n; v++)
		if (d->idom[v] != RC_NONE)
			o[d->idom[v] + 1]++;
	for (p = 0; p <= n; p++)
		o[p + 1] += o[p];
	for (v = 0; v < n; v++)
		if (d->idom[v] != RC_NONE)
			c[o[d->idom[v]]++] = v;
	memmove(o + 1, o, ((size_t)n + 1) * sizeof(uint32_t));
	o[0] = 0;
	*off = o;
	*kids = c;
	return RC_OK;
}

/* One rc_dom_group_retained walk: the tree as CSR (off, kids), and a
 * DFS of it from the super-root with path[] holding the nodes and next[]
 * each one's next child position.  open[k] counts the nodes of group k
 * on the path: a node entered while its group has none open is the top
 * of its group there and adds its retained size. */
struct rc_dom_walk {
	const uint32_t *group_of;
	const uint64_t *retained;
	uint64_t *group_retained;
	const uint32_t *off;
	const uint32_t *kids;
	uint32_t *open;
	uint32_t *path;
	uint32_t *next;
};

static void
rc_dom_group_walk(const struct rc_dom *d, struct rc_dom_walk *wk)
{
	uint32_t depth = 1, super = RC_DOM_SUPER(d);

	wk->path[0] = super;
	wk->next[0] = wk->off[super];
	while (depth > 0) {
		uint32_t v = wk->path[depth - 1], w, k;

		if (wk->next[depth - 1] == wk->off[v + 1]) {
			if (v != super)
				wk->open[wk->group_of[v]]--;
			depth--;
			continue;
		}
		w = wk->kids[wk->next[depth - 1]++];
		k = wk->group_of[w];
		if (wk->open[k]++ == 0)
			wk->group_retained[k] += wk->retained[w];
		wk->path[depth] = w;
		wk->next[depth] = wk->off[w];
		depth++;
	}
}

/* Unreachable nodes are tops of their own, outside the walk.  The path
 * holds at most the super-root and the count reached nodes. */
int
rc_dom_group_retained_of_tree(const struct rc_dom *d, const uint32_t *off,
			      const uint32_t *kids, const uint32_t *group_of,
			      uint32_t ngroups, const uint64_t *retained,
			      uint64_t *group_retained)
{
	struct rc_dom_walk wk;
	uint32_t v, k;
	int rc = RC_OK;

	for (v = 0; v < d->n; v++)
		if (group_of[v] >= ngroups)
			return RC_EINVAL;
	wk.off = off;
	wk.kids = kids;
	wk.group_of = group_of;
	wk.retained = retained;
	wk.group_retained = group_retained;
	wk.open = calloc((size_t)ngroups + 1, sizeof(uint32_t));
	wk.path = rc_dom_alloc_u32((size_t)d->count + 1);
	wk.next = rc_dom_alloc_u32((size_t)d->count + 1);
	if (wk.open != NULL && wk.path != NULL && wk.next != NULL) {
		for (k = 0; k < ngroups; k++)
			group_retained[k] = 0;
		for (v = 0; v < d->n; v++)
			if (d->idom[v] == RC_NONE)
				group_retained[group_of[v]] += retained[v];
		rc_dom_group_walk(d, &wk);
	} else {
		rc = RC_ENOMEM;
	}
	free(wk.open);
	free(wk.path);
	free(wk.next);
	return rc;
}

int
rc_dom_group_retained(const struct rc_dom *d, const uint32_t *group_of,
		      uint32_t ngroups, const uint64_t *retained,
		      uint64_t *group_retained)
{
	uint32_t *off, *kids;
	int rc;

	for (uint32_t v = 0; v < d->n; v++)
		if (group_of[v] >= ngroups)
			return RC_EINVAL;
	rc = rc_dom_children(d, &off, &kids);
	if (rc == RC_OK)
		rc = rc_dom_group_retained_of_tree(d, off, kids, group_of, ngroups,
						   retained, group_retained);
	free(off);
	free(kids);
	return rc;
}
