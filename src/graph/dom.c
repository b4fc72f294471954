/* dom.c - dominator trees by Lengauer and Tarjan's algorithm ("A fast
 * algorithm for finding dominators in a flowgraph", 1979), simple
 * version: semidominators computed in reverse DFS preorder over a forest
 * with path compression, then immediate dominators from them.  No
 * recursion: the DFS and the compression keep explicit stacks.
 *
 * Speed: the DFS is bound by memory latency, one node after the other,
 * so its frames keep what backtracking needs.  The rest works on DFS
 * numbers: the predecessors are renamed once into lists by number, in
 * sweeps whose loads do not wait on each other; the fields the
 * compression touches together share one 16-byte slot, and the main
 * loop prefetches the slots of the predecessors it will meet next.
 *
 * What is read from the finished tree (retained sizes, the children
 * lists) is in domtree.c. */
#include <config.h>

#include "src/graph/dom.h"
#include "src/graph/dom_impl.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"
#include "src/graph/nodeset.h"
#include "src/common/progress.h"
#include "src/graph/scc.h"
#include "src/graph/subgraph.h"

#if defined(__GNUC__) || defined(__clang__)
#define RC_DOM_PREFETCH(p) __builtin_prefetch(p)
#else
#define RC_DOM_PREFETCH(p) ((void)(p))
#endif
#define RC_DOM_AHEAD 16	/* prefetch distance, in predecessors */

/* What the forest knows of DFS number k. */
struct rc_dom_slot {
	uint32_t anc;	/* DFS parent, then the compressed forest link */
	uint32_t label;	/* number of smallest semi on the compressed path
			 * from k up; k itself at first */
	uint32_t lsemi;	/* semi of label; k until k is processed */
	uint32_t dom;	/* the next in k's bucket while k waits there, then
			 * the relative dominator, then the idom */
};

/* State of one rc_dom_compute run.  Nodes are renamed by their DFS
 * preorder number: number 0 is the super-root, 1 .. cnt-1 the reached
 * nodes, so a DFS ancestor always has a smaller number.  By number, n + 1
 * entries each (cnt of them used):
 *   vertex  node id of each number (vertex[0] unused);
 *   t       the forest, above;
 *   semi    during the DFS, the end of the out-edges of the frame at
 *           each depth; then the semidominator, once k is processed;
 *   head    during the DFS, the next out-edge of the frame at each
 *           depth; then the first of each number's bucket (RC_NONE:
 *           empty), the numbers whose semidominator it is;
 *   stack   the DFS path (numbers), then the path-compression stack;
 *   poff    k's predecessors, by number, are pred[poff[k] ..
 *           poff[k+1]-1] (n + 2 entries; empty for roots).
 * num, the caller's idom array, maps node ids to numbers (RC_NONE: not
 * reached) until the result replaces it; seen marks the same nodes in
 * n bits, cheaper to test.  isroot marks the roots: the super-root is
 * their predecessor, so their semidominator is 0. */
struct rc_dom_state {
	const struct rc_graph *g;
	uint32_t *num;
	uint32_t *vertex;
	struct rc_dom_slot *t;
	uint32_t *semi;
	uint32_t *head;
	uint32_t *stack;
	uint32_t *poff;
	uint32_t *pred;
	struct rc_nodeset seen;
	struct rc_nodeset isroot;
	uint32_t cnt;		/* numbers given, the super-root too */
	uint32_t live;		/* numbers below this: reached from the
				 * given roots, not adopted */
	struct rc_progress *progress;	/* or NULL */
	int stopped;		/* the progress asked to stop */
};

static void
rc_dom_zero(struct rc_dom *d)
{
	d->n = 0;
	d->idom = NULL;
	d->count = 0;
	d->order = NULL;
}

void
rc_dom_free(struct rc_dom *d)
{
	free(d->idom);
	free(d->order);
	rc_dom_zero(d);
}

/* Frees the scratch arrays; vertex only if free_vertex (on success it
 * becomes the caller's order).  Safe on a partly allocated state. */
static void
rc_dom_state_free(struct rc_dom_state *st, int free_vertex)
{
	free(st->t);
	free(st->semi);
	free(st->pred);
	if (free_vertex)
		free(st->vertex);
	rc_nodeset_free(&st->seen);
	rc_nodeset_free(&st->isroot);
}

/* vertex, t, the four other arrays by number (one block: semi, head,
 * stack, poff) and the two bitsets.  num must already be allocated.  On
 * failure everything allocated here is freed again. */
static int
rc_dom_state_init(struct rc_dom_state *st, const struct rc_graph *g,
		  uint32_t *num)
{
	size_t w = (size_t)g->n + 1;
	int rc1, rc2;

	memset(st, 0, sizeof(*st));
	st->g = g;
	st->num = num;
	if (w > SIZE_MAX / 4 / sizeof(struct rc_dom_slot))
		return RC_ENOMEM;
	st->vertex = rc_dom_alloc_u32(w);
	st->t = malloc(w * sizeof(struct rc_dom_slot));
	st->semi = rc_dom_alloc_u32(4 * w + 1);
	rc1 = rc_nodeset_init(&st->seen, g->n);
	rc2 = rc_nodeset_init(&st->isroot, g->n);
	if (st->vertex == NULL || st->t == NULL || st->semi == NULL ||
	    rc1 != RC_OK || rc2 != RC_OK) {
		rc_dom_state_free(st, 1);
		return RC_ENOMEM;
	}
	st->head = st->semi + w;
	st->stack = st->semi + 2 * w;
	st->poff = st->semi + 3 * w;
	memset(num, 0xff, (size_t)g->n * sizeof(uint32_t));
	st->cnt = 1;		/* 0: the super-root */
	return RC_OK;
}

/* Give node v the next number, as the DFS child of number parent. */
static uint32_t
rc_dom_number(struct rc_dom_state *st, uint32_t v, uint32_t parent)
{
	uint32_t k = st->cnt++;

	if ((k & (RC_PROGRESS_EVERY - 1)) == 0 && rc_progress_step(st->progress, RC_PROGRESS_EVERY))
		st->stopped = 1;
	st->num[v] = k;
	rc_nodeset_add(&st->seen, v);
	st->vertex[k] = v;
	st->t[k].anc = parent;
	st->t[k].label = k;
	st->t[k].lsemi = k;
	return k;
}

/* Mark r a root and, unless some earlier DFS reached it, run a DFS from
 * it as a child of the super-root.  The frame at depth j is stack[j]
 * (its number), head[j] (its next out-edge) and semi[j] (the end of its
 * out-edges); a node is numbered when the search first descends into
 * it, so the numbers are a true DFS preorder (the semidominator theorem
 * needs one). */
static void
rc_dom_dfs(struct rc_dom_state *st, uint32_t r)
{
	const struct rc_graph *g = st->g;
	uint32_t depth = 1;

	rc_nodeset_add(&st->isroot, r);
	if (rc_nodeset_has(&st->seen, r))
		return;
	st->stack[0] = rc_dom_number(st, r, 0);
	st->head[0] = g->out_off[r];
	st->semi[0] = g->out_off[r + 1];
	while (depth > 0 && !st->stopped) {
		uint32_t e = st->head[depth - 1], end = st->semi[depth - 1];
		uint32_t w;

		while (e < end && rc_nodeset_has(&st->seen, g->out_dst[e]))
			e++;
		if (e == end) {
			depth--;
			continue;
		}
		st->head[depth - 1] = e + 1;
		w = g->out_dst[e];
		st->stack[depth] = rc_dom_number(st, w, st->stack[depth - 1]);
		st->head[depth] = g->out_off[w];
		st->semi[depth] = g->out_off[w + 1];
		depth++;
	}
}

/* The nodes no root reached, in increasing id; in the subgraph they
 * induce, each node of a source component becomes a root.  Every
 * unreached node lies below such a component, so afterwards all n nodes
 * are numbered. */
static int
rc_dom_adopt(struct rc_dom_state *st)
{
	const struct rc_graph *g = st->g;
	uint32_t k = g->n - (st->cnt - 1), ncomp = 0, v, j = 0;
	uint32_t *nodes = rc_dom_alloc_u32(k), *comp = rc_dom_alloc_u32(k);
	uint8_t *is_source = NULL;
	struct rc_graph sub;
	int rc = RC_ENOMEM;

	memset(&sub, 0, sizeof(sub));
	if (nodes == NULL || comp == NULL)
		goto out;
	for (v = 0; v < g->n; v++)
		if (!rc_nodeset_has(&st->seen, v))
			nodes[j++] = v;
	rc = rc_induced_subgraph(g, nodes, k, &sub, NULL);
	if (rc == RC_OK)
		rc = rc_scc(&sub, comp, &ncomp);
	if (rc == RC_OK && (is_source = malloc(ncomp ? ncomp : 1)) == NULL)
		rc = RC_ENOMEM;
	if (rc == RC_OK)
		rc = rc_scc_sources(&sub, comp, ncomp, is_source);
	if (rc == RC_OK)
		for (j = 0; j < k && !st->stopped; j++)
			if (is_source[comp[j]])
				rc_dom_dfs(st, nodes[j]);
	if (rc == RC_OK && st->stopped)
		rc = RC_ECANCELED;
out:
	free(nodes);
	free(comp);
	free(is_source);
	rc_graph_free(&sub);
	return rc;
}

/* The predecessors of each non-root number, renamed to numbers (a
 * root's list stays empty: its semi is 0 whatever precedes it).  An
 * adopted tail of a node the roots reached is dropped the same way as
 * an unreached one: garbage keeps nothing alive, so it takes dominance
 * from nothing.  Two
 * sweeps over the nodes in id order: the lengths (the in-degrees) go
 * to poff by number, then, after the prefix sums, each in-list is
 * copied to its place.  Only the unrelated loads of the tails' numbers
 * are random, so the sweeps run at memory bandwidth.  An unreached tail
 * becomes k itself, which can lower no semidominator of k. */
static int
rc_dom_preds(struct rc_dom_state *st)
{
	const struct rc_graph *g = st->g;
	uint32_t cnt = st->cnt, w, k, j;

	memset(st->poff, 0, ((size_t)cnt + 1) * sizeof(uint32_t));
	for (w = 0; w < g->n; w++)
		if (st->num[w] != RC_NONE && !rc_nodeset_has(&st->isroot, w))
			st->poff[st->num[w] + 1] = rc_graph_degree(g, w, RC_IN);
	for (k = 0; k < cnt; k++)
		st->poff[k + 1] += st->poff[k];
	st->pred = rc_dom_alloc_u32(st->poff[cnt]);
	if (st->pred == NULL)
		return RC_ENOMEM;
	for (w = 0; w < g->n; w++) {
		const uint32_t *in = rc_graph_neighbours(g, w, RC_IN);
		uint32_t *dst, len;

		k = st->num[w];
		if (k == RC_NONE)
			continue;
		dst = st->pred + st->poff[k];
		len = st->poff[k + 1] - st->poff[k];
		for (j = 0; j < len; j++) {
			uint32_t t = st->num[in[j]];
			dst[j] = t != RC_NONE && (k >= st->live || t < st->live) ? t : k;
		}
	}
	return RC_OK;
}

/* LT's EVAL with i the number being processed, for a linked v (v > i):
 * the numbers above i are linked in the forest, i and below are not.
 * Returns the number of smallest semi on the forest path from v up to
 * the first unlinked number, that one excluded; its semi is then
 * t[v].lsemi.  COMPRESS, unrolled: push the nodes whose link is itself
 * linked, then pop them top-down, each taking its link's label if
 * better and linking past it. */
static uint32_t
rc_dom_eval(struct rc_dom_state *st, uint32_t v, uint32_t i)
{
	struct rc_dom_slot *t = st->t;
	uint32_t sp = 0, x;

	for (x = v; t[x].anc > i; x = t[x].anc)
		st->stack[sp++] = x;
	while (sp > 0) {
		struct rc_dom_slot *a;

		x = st->stack[--sp];
		a = &t[t[x].anc];
		if (a->lsemi < t[x].lsemi) {
			t[x].lsemi = a->lsemi;
			t[x].label = a->label;
		}
		t[x].anc = a->anc;
	}
	return t[v].label;
}

/* Empty bucket i (all its numbers are above i, so linked up to i, and
 * have semi i): each v's relative dominator is the smallest-semi number
 * u between i and v when semi[u] < i, else i itself. */
static void
rc_dom_bucket(struct rc_dom_state *st, uint32_t i)
{
	uint32_t v = st->head[i], next, u;

	while (v != RC_NONE) {
		next = st->t[v].dom;
		u = rc_dom_eval(st, v, i);
		st->t[v].dom = st->t[v].lsemi < i ? u : i;
		v = next;
	}
	st->head[i] = RC_NONE;
}

/* semi[i]: the smallest of the predecessors' numbers below i and the
 * semis EVAL finds from those above it; 0 for a root (the super-root
 * precedes it).  The DFS parent is a predecessor, so it starts there.
 * When semi is the parent, the relative dominator is the parent at
 * once; otherwise i waits in its semidominator's bucket.  The main loop
 * meets the predecessors in pred[] from the end down, so the slots of
 * those a little lower are fetched ahead. */
static void
rc_dom_semi(struct rc_dom_state *st, uint32_t i)
{
	struct rc_dom_slot *t = st->t;
	uint32_t s = t[i].anc, j;

	if (rc_nodeset_has(&st->isroot, st->vertex[i]))
		s = 0;
	for (j = st->poff[i + 1]; j-- > st->poff[i];) {
		uint32_t k = st->pred[j];

		if (j >= RC_DOM_AHEAD)
			RC_DOM_PREFETCH(&t[st->pred[j - RC_DOM_AHEAD]]);
		if (k > i) {
			rc_dom_eval(st, k, i);
			k = t[k].lsemi;
		}
		if (k < s)
			s = k;
	}
	st->semi[i] = s;
	t[i].lsemi = s;
	if (s == t[i].anc) {
		t[i].dom = s;
	} else {
		t[i].dom = st->head[s];
		st->head[s] = i;
	}
}

/* The main loop in reverse preorder, bucket 0 last; then, in preorder,
 * a relative dominator other than the semidominator is replaced by its
 * own immediate dominator, already final. */
static void
rc_dom_lengauer_tarjan(struct rc_dom_state *st)
{
	struct rc_dom_slot *t = st->t;
	uint32_t i, cnt = st->cnt;

	for (i = 0; i < cnt; i++)
		st->head[i] = RC_NONE;
	for (i = cnt - 1; i > 0; i--) {
		if ((i & (RC_PROGRESS_EVERY - 1)) == 0
		    && rc_progress_step(st->progress, RC_PROGRESS_EVERY)) {
			st->stopped = 1;
			return;
		}
		rc_dom_bucket(st, i);
		rc_dom_semi(st, i);
	}
	rc_dom_bucket(st, 0);
	for (i = 1; i < cnt; i++)
		if (t[i].dom != st->semi[i])
			t[i].dom = t[t[i].dom].dom;
}

/* Numbers back to node ids: num (d->idom) is overwritten in place, each
 * reached node's entry once; vertex[1 ..] slides down to become order. */
static void
rc_dom_result(struct rc_dom_state *st, struct rc_dom *d)
{
	uint32_t i, n = st->g->n, count = st->cnt - 1;
	uint32_t *order;

	for (i = 1; i < st->cnt; i++) {
		uint32_t k = st->t[i].dom;

		st->num[st->vertex[i]] = k == 0 ? n : st->vertex[k];
	}
	memmove(st->vertex, st->vertex + 1, (size_t)count * sizeof(uint32_t));
	order = realloc(st->vertex, (size_t)(count ? count : 1) *
			sizeof(uint32_t));
	d->n = n;
	d->idom = st->num;
	d->count = count;
	d->order = order != NULL ? order : st->vertex;
}

int
rc_dom_compute(struct rc_dom *d, const struct rc_graph *g,
	       const uint32_t *roots, uint32_t nroots, int adopt_unreachable)
{
	return rc_dom_compute_watched(d, g, roots, nroots, adopt_unreachable, NULL);
}

int
rc_dom_compute_watched(struct rc_dom *d, const struct rc_graph *g,
		       const uint32_t *roots, uint32_t nroots, int adopt_unreachable,
		       struct rc_progress *progress)
{
	struct rc_dom_state st;
	uint32_t *num, j;
	int rc;

	rc_dom_zero(d);
	if (nroots > 0 && roots == NULL)
		return RC_EINVAL;
	for (j = 0; j < nroots; j++)
		if (roots[j] >= g->n)
			return RC_EINVAL;
	num = rc_dom_alloc_u32(g->n);
	if (num == NULL)
		return RC_ENOMEM;
	rc = rc_dom_state_init(&st, g, num);
	if (rc != RC_OK) {
		free(num);
		return rc;
	}
	st.progress = progress;
	/* Numbering and the main loop report as they go; the
	 * predecessors' sweeps count once. */
	rc_progress_plan(progress, 3 * (uint64_t)g->n);
	for (j = 0; j < nroots && !st.stopped; j++)
		rc_dom_dfs(&st, roots[j]);
	st.live = st.cnt;
	if (st.stopped)
		rc = RC_ECANCELED;
	if (rc == RC_OK && adopt_unreachable && st.cnt - 1 < g->n)
		rc = rc_dom_adopt(&st);
	if (rc == RC_OK)
		rc = rc_dom_preds(&st);
	if (rc == RC_OK && rc_progress_step(progress, g->n))
		rc = RC_ECANCELED;
	if (rc == RC_OK) {
		rc_dom_lengauer_tarjan(&st);
		if (st.stopped)
			rc = RC_ECANCELED;
	}
	if (rc != RC_OK) {
		rc_dom_state_free(&st, 1);
		free(num);
		return rc;
	}
	rc_dom_result(&st, d);
	rc_dom_state_free(&st, 0);
	return RC_OK;
}
