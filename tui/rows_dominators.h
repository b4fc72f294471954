/* rows_dominators.h - the dominator tree as rows, largest retained size
 * first (Eclipse MAT's dominator tree).  No curses.
 *
 * The tree is the model's (dom_off, dom_kids, n + 1 nodes, n being the
 * top: what no single object dominates).  Children are shown in
 * decreasing retained size; below a vertex in 'expanded' its children
 * are rows, at most fanout of them and one RC_ROW_MORE row (aux = how
 * many are left out), except that a child in 'expanded' or equal to
 * 'reveal' is always shown (so a path opened down to an object stays
 * visible).  The top is always expanded.  Rows come in depth-first
 * (pre-)order. */
#ifndef RC_TUI_ROWS_DOMINATORS_H
#define RC_TUI_ROWS_DOMINATORS_H

#include <stdint.h>

#include "src/graph/nodeset.h"
#include "src/model/model.h"
#include "tui/rowlist.h"

/* The children lists of the model's tree in decreasing retained size
 * (ties by vertex id), ranked the first time a list is shown and only as
 * far as it is shown: a list longer than the fanout keeps its first
 * fanout children, found in one pass (the top of a large heap has
 * hundreds of thousands), and a child shown past them (unfolded, or the
 * object revealed) is placed when the rows are made.  Opening the view
 * copies nothing of the tree.  RC_EINVAL if the model has no tree. */
struct rc_dom_ranked {
	uint32_t *ids;     /* the first len children of the list, ranked */
	uint32_t len;
	int whole;         /* len is every child */
};

struct rc_dom_order {
	uint32_t n;
	const uint32_t *off, *kids, *idom;   /* the model's */
	const uint64_t *retained;
	struct rc_nodemap where;      /* node -> its entry in ranked */
	struct rc_dom_ranked *ranked;
	uint32_t nranked, cap;
};

int rc_dom_order_build(const struct rc_model *m, struct rc_dom_order *o);
void rc_dom_order_free(struct rc_dom_order *o);

/* Rows (RC_ROW_DOMINATED: v, depth = its depth below the top, counting
 * from 0; aux = how many it dominates immediately) replace rl's and are
 * shown.  expanded has n + 1 members (the top is n).  reveal may be
 * RC_NONE. */
int rc_rows_dominators(struct rc_dom_order *o,
		       const struct rc_nodeset *expanded, uint32_t reveal,
		       uint32_t fanout, struct rc_rowlist *rl);

/* Expand every dominator of v (its idom chain up to the top) so that v
 * shows; RC_ENOTFOUND if v is not in the tree (unreached). */
int rc_dom_reveal(const struct rc_model *m, uint32_t v,
		  struct rc_nodeset *expanded);

#endif
