/* domview.h - a dominator tree with what a heap view reads from it.
 *
 * The browser on a saved snapshot (tui/snapmodel.c) and the Python module
 * on a live one (src/py/analysis_dom.c) both want the same four things
 * from one set of roots: the tree, each node's retained size, each
 * group's (type's) retained size, and the tree's children lists. */
#ifndef RC_DOMVIEW_H
#define RC_DOMVIEW_H

#include <stdint.h>

#include "src/graph/dom.h"
#include "src/graph/graph.h"

struct rc_dom_view {
	struct rc_dom dom;
	uint64_t *retained;        /* n entries: rc_dom_retained */
	uint64_t *group_retained;  /* ngroups entries: rc_dom_group_retained */
	uint32_t *kid_off, *kids;  /* the tree as CSR: rc_dom_children */
};

/* Dominators of g from roots[0 .. nroots-1] (the unreachable adopted:
 * rc_dom_compute), then the retained sizes from shallow[] (n entries),
 * per group from group_of[] (n entries, each < ngroups), and the
 * children.  RC_OK, or the first failure of those (RC_ENOMEM,
 * RC_EOVERFLOW, RC_EINVAL), after which v is left empty. */
int rc_dom_view_build(struct rc_dom_view *v, const struct rc_graph *g,
		      const uint32_t *roots, uint32_t nroots, const uint64_t *shallow,
		      const uint32_t *group_of, uint32_t ngroups);

struct rc_progress;

/* The same, reporting to progress (progress.h; NULL: nobody watches),
 * and stopping with RC_ECANCELED, v left empty, soon after a cancel.  It
 * plans RC_DOM_VIEW_UNITS(g->n) units in all (the tree's three passes and
 * the view's three), so a watcher knows the total before it starts. */
#define RC_DOM_VIEW_UNITS(n) (6 * (uint64_t)(n))
int rc_dom_view_build_watched(struct rc_dom_view *v, const struct rc_graph *g,
			      const uint32_t *roots, uint32_t nroots,
			      const uint64_t *shallow, const uint32_t *group_of,
			      uint32_t ngroups, struct rc_progress *progress);

/* Safe on an empty (zeroed) v and idempotent: v is left empty. */
void rc_dom_view_free(struct rc_dom_view *v);

#endif
