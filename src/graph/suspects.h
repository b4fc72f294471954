/* suspects.h - leak suspects on a dominator tree, as Eclipse MAT finds
 * them: what retains a large share of the heap, and where inside it the
 * size accumulates.
 *
 * An object suspect is a top-level node of the dominator tree (a child
 * of the super-root) that retains at least a given share of the total; a
 * group suspect is a group (a type) whose members together retain that
 * share.  From each, the accumulation point is found by walking down the
 * tree while one child keeps most of its parent's retained size: where
 * that stops, the node retains far more than any one child (a list
 * holding 100,000 entries, a dict of a cache).  Plain C, iterative. */
#ifndef RC_SUSPECTS_H
#define RC_SUSPECTS_H

#include <stdint.h>

#include "src/graph/domview.h"

/* What the search reads of a dominator tree of n nodes: each node's
 * retained size, the children as CSR (node n the super-root), and each
 * group's retained size; an rc_dom_view gives them all
 * (rc_suspect_tree_of), and so does a heap view's model. */
struct rc_suspect_tree {
	uint32_t n;
	const uint64_t *retained;       /* n */
	const uint32_t *kid_off;        /* n + 2 */
	const uint32_t *kids;
	const uint64_t *group_retained; /* ngroups */
};

static inline struct rc_suspect_tree
rc_suspect_tree_of(const struct rc_dom_view *dv)
{
	struct rc_suspect_tree t = {dv->dom.n, dv->retained, dv->kid_off, dv->kids,
				    dv->group_retained};
	return t;
}

/* The walk down goes on while the largest child retains at least this
 * share of its parent's retained size. */
#define RC_SUSPECT_KEEP 0.8

struct rc_suspect {
	uint32_t node;          /* the object; for a group, its largest member */
	uint32_t accumulation;  /* where the size accumulates, from node */
	uint32_t group;         /* RC_NONE for an object suspect */
	uint32_t count;         /* members of the group (1 for an object) */
	uint64_t retained;      /* the object's, or the group's together */
};

/* From node v (< t->n), down the dominator tree while the child that
 * retains most keeps at least RC_SUSPECT_KEEP of its parent's retained
 * size: the node where that stops. */
uint32_t rc_suspect_accumulation(const struct rc_suspect_tree *t, uint32_t v);

/* Whether a type of this name is part of the interpreter's own structure
 * (module, dict, type, function, code, frame, descriptors, ...): together
 * such types' instances always retain most of a heap, so as group
 * suspects they say nothing (their objects can still be object suspects
 * and accumulation points). */
int rc_suspect_structural_type(const char *name);

/* The suspects of a heap of t->n nodes whose shallow sizes total total:
 * every top-level node retaining at least share * total, then every
 * group (group_of: n entries, each < ngroups) of at least two members
 * retaining that much together, unless skip (NULL, or ngroups flags)
 * sets it aside; each with its accumulation point; largest first within
 * each kind.  *out (malloc'd, caller frees, never NULL on success)
 * receives *nout entries.  RC_OK, RC_ENOMEM. */
int rc_suspects_find(const struct rc_suspect_tree *t, const uint32_t *group_of,
		     uint32_t ngroups, const unsigned char *skip, uint64_t total, double share,
		     struct rc_suspect **out, uint32_t *nout);

#endif
