/* rows_ancestors.c - the referrer tree (see rows_ancestors.h). */
#include <config.h>

#include "tui/rows_ancestors.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"

/* A node of the tree, in breadth-first order: the children of a node
 * are nodes[first .. first + nchild - 1]. */
struct tnode {
	struct rc_row row;
	uint32_t first, nchild;
};

struct tree {
	struct tnode *nodes;
	uint32_t len, cap;
};

static int
tree_push(struct tree *t, const struct rc_row *row)
{
	if (t->len == t->cap) {
		uint32_t cap = t->cap ? t->cap * 2 : 256;
		struct tnode *n;

		if (t->cap >= UINT32_MAX / 2)
			return RC_ENOMEM;
		n = realloc(t->nodes, (size_t)cap * sizeof *n);
		if (n == NULL)
			return RC_ENOMEM;
		t->nodes = n;
		t->cap = cap;
	}
	t->nodes[t->len].row = *row;
	t->nodes[t->len].first = 0;
	t->nodes[t->len].nchild = 0;
	t->len++;
	return RC_OK;
}

/* Breadth-first construction: node i is expanded when it is the first
 * occurrence of its vertex (not RC_ROW_SEEN), not a "more" row, and
 * above the last generation. */
static int
build_tree(const struct rc_graph *g, uint32_t focus, uint32_t generations,
	   uint32_t fanout, const struct rc_nodeset *expanded,
	   struct tree *t, struct rc_nodeset *seen, struct rc_nodelist *shown,
	   uint32_t *gen_count)
{
	struct rc_row root = { focus, RC_NONE, RC_NONE, 0, 0, 0,
			       RC_ROW_ANCESTOR, 0 };
	uint32_t i;
	int rc;

	rc_nodeset_add(seen, focus);
	rc = tree_push(t, &root);
	if (rc == RC_OK && shown)
		rc = rc_nodelist_push(shown, focus);
	for (i = 0; rc == RC_OK && i < t->len; i++) {
		struct rc_row parent = t->nodes[i].row;
		uint32_t deg, limit, pos;
		const uint32_t *src;

		if (parent.kind == RC_ROW_MORE ||
		    (parent.flags & RC_ROW_SEEN) || parent.depth >= generations)
			continue;
		deg = rc_graph_degree(g, parent.v, RC_IN);
		src = rc_graph_neighbours(g, parent.v, RC_IN);
		limit = deg;
		if (deg > fanout &&
		    !(expanded && rc_nodeset_has(expanded, parent.v)))
			limit = fanout;
		t->nodes[i].first = t->len;
		for (pos = 0; rc == RC_OK && pos < limit; pos++) {
			struct rc_row r = { src[pos], RC_NONE, parent.v, pos,
					    0, (uint16_t)(parent.depth + 1),
					    RC_ROW_ANCESTOR, 0 };

			if (rc_nodeset_has(seen, r.v)) {
				r.flags |= RC_ROW_SEEN;
			} else {
				rc_nodeset_add(seen, r.v);
				if (shown)
					rc = rc_nodelist_push(shown, r.v);
				gen_count[r.depth]++;
			}
			if (rc == RC_OK)
				rc = tree_push(t, &r);
		}
		if (rc == RC_OK && limit < deg) {
			struct rc_row r = { RC_NONE, RC_NONE, parent.v, limit,
					    deg - limit,
					    (uint16_t)(parent.depth + 1),
					    RC_ROW_MORE, 0 };

			rc = tree_push(t, &r);
		}
		t->nodes[i].nchild = t->len - t->nodes[i].first;
	}
	return rc;
}

/* Depth-first emission of the tree built above: an explicit stack of
 * (node, next child), at most generations + 2 deep. */
static int
emit_rows(const struct tree *t, uint32_t generations, struct rc_rowlist *rl)
{
	uint32_t *node, *next, sp = 0;
	int rc = RC_OK;

	node = malloc(((size_t)generations + 2) * sizeof *node);
	next = malloc(((size_t)generations + 2) * sizeof *next);
	if (node == NULL || next == NULL) {
		free(node);
		free(next);
		return RC_ENOMEM;
	}
	node[0] = 0;
	next[0] = 0;
	sp = 1;
	rc = rc_rowlist_push(rl, &t->nodes[0].row);
	while (rc == RC_OK && sp > 0) {
		const struct tnode *x = &t->nodes[node[sp - 1]];

		if (next[sp - 1] >= x->nchild) {
			sp--;
			continue;
		}
		uint32_t c = x->first + next[sp - 1]++;

		rc = rc_rowlist_push(rl, &t->nodes[c].row);
		if (rc == RC_OK && t->nodes[c].nchild > 0) {
			node[sp] = c;
			next[sp] = 0;
			sp++;
		}
	}
	free(node);
	free(next);
	return rc;
}

int
rc_rows_ancestors(const struct rc_graph *g, uint32_t focus,
		  uint32_t generations, uint32_t fanout,
		  const struct rc_nodeset *expanded,
		  struct rc_rowlist *rl, struct rc_nodelist *shown,
		  struct rc_nodelist *per_gen)
{
	struct tree t = { NULL, 0, 0 };
	struct rc_nodeset seen;
	uint32_t *gen_count, d, shown_base = shown ? shown->len : 0;
	int rc;

	if (focus >= g->n)
		return RC_EINVAL;
	if (generations > UINT16_MAX - 1)
		generations = UINT16_MAX - 1;
	if (fanout == 0)
		fanout = 1;
	gen_count = calloc((size_t)generations + 1, sizeof *gen_count);
	if (gen_count == NULL)
		return RC_ENOMEM;
	rc = rc_nodeset_init(&seen, g->n);
	if (rc != RC_OK) {
		free(gen_count);
		return rc;
	}
	gen_count[0] = 1;
	rc = build_tree(g, focus, generations, fanout, expanded, &t, &seen,
			shown, gen_count);
	rc_nodeset_free(&seen);
	rc_rowlist_clear(rl);
	if (rc == RC_OK)
		rc = emit_rows(&t, generations, rl);
	free(t.nodes);
	for (d = 0; rc == RC_OK && per_gen && d <= generations; d++)
		rc = rc_nodelist_push(per_gen, gen_count[d]);
	free(gen_count);
	if (rc == RC_OK)
		rc = rc_rowlist_show(rl);
	if (rc != RC_OK) {
		rc_rowlist_clear(rl);
		if (shown)
			shown->len = shown_base;
	}
	return rc;
}
