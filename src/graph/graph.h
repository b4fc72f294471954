/* graph.h - a directed multigraph in compressed sparse row form.
 *
 * Nodes are uint32_t ids 0..n-1.  Edges are uint32_t ids 0..m-1, numbered
 * in source order: the out-edges of node v are the edge ids
 * out_off[v] .. out_off[v+1]-1 and out_dst[e] is the head of edge e.
 * There is one edge per reference, so parallel edges and self-loops are
 * kept as they are (a multigraph).
 *
 * The in-adjacency mirrors it: the in-edges of v are the positions
 * in_off[v] .. in_off[v+1]-1 of in_src, which holds the tail of each.
 * Within one node's in-list, tails appear in increasing edge-id order, so
 * the k-th occurrence of u in v's in-list is the k-th edge u -> v.
 *
 * Invariants: out_off[0] == in_off[0] == 0, out_off[n] == in_off[n] == m,
 * both monotone.  The graph owns all four arrays.
 *
 * A graph made by rc_graph_adopt_out_lazy builds its in-CSR when it is
 * first needed (a capture answers many questions without it): in_off
 * and in_src may be NULL until then, and are only read through the
 * functions below, which build them.  Any thread may: one builds, the
 * others wait for it, and each array is published whole. */
#ifndef RC_GRAPH_H
#define RC_GRAPH_H

#include <stddef.h>
#include <stdint.h>

#define RC_NONE UINT32_MAX  /* "no node" / "no edge" */

struct rc_graph {
	uint32_t n;         /* number of nodes */
	uint32_t m;         /* number of edges */
	uint32_t *out_off;  /* n + 1 entries */
	uint32_t *out_dst;  /* m entries: head of each edge */
	uint32_t *in_off;   /* n + 1 entries */
	uint32_t *in_src;   /* m entries: tails, grouped by head */
};

enum rc_dir { RC_OUT = 0, RC_IN = 1 };

/* Take ownership of an out-CSR (out_off with n + 1 entries, out_dst with
 * out_off[n] entries, both from malloc) and build the in-CSR by a stable
 * counting sort.  On failure the arrays are freed and g is left empty.
 * (Empty here means all zero: n = m = 0 and NULL arrays, which
 * rc_graph_free accepts.  The out-CSR is checked first: RC_EOVERFLOW if
 * n or out_off[n] is UINT32_MAX, RC_EINVAL if out_off[0] != 0, out_off
 * decreases or a head is >= n.  out_dst may be NULL when out_off[n] is
 * 0.  Every array of a built graph is non-NULL, even when empty.) */
int rc_graph_adopt_out(struct rc_graph *g, uint32_t n,
		       uint32_t *out_off, uint32_t *out_dst);

/* As rc_graph_adopt_out, but the in-CSR is left to be built when first
 * needed.  The caller vouches that every head is < n (checked in the
 * checking builds). */
int rc_graph_adopt_out_lazy(struct rc_graph *g, uint32_t n,
			    uint32_t *out_off, uint32_t *out_dst);

/* Give a lazy graph its in-degrees, counted by its maker: in_off (n + 1
 * entries, from malloc) holds the in-degree of v in in_off[v + 1].  The
 * graph takes it over and turns it into offsets, saving the count of a
 * later build.  RC_EINVAL (in_off freed, nothing changed) if the counts
 * do not add up to m or the in-CSR is built already. */
int rc_graph_give_in_degrees(struct rc_graph *g, uint32_t *in_off);

/* Build the in-CSR now if it is not built: RC_OK, or RC_ENOMEM with the
 * graph unchanged. */
int rc_graph_need_in(struct rc_graph *g);

/* The in-CSR, built if it was not: in_off, or NULL if it could not be
 * built (out of memory: the graph then answers as if it had no
 * in-edges; callers that can report an error call rc_graph_need_in
 * first). */
const uint32_t *rc_graph_in_offsets(const struct rc_graph *g);

/* Build from m (src, dst) pairs in any order; edges keep the input order
 * within one source.  Convenient for tests and small graphs.
 * (RC_EINVAL for an id >= n, RC_EOVERFLOW for n or m == UINT32_MAX; on
 * failure g is left empty as above.) */
int rc_graph_from_pairs(struct rc_graph *g, uint32_t n,
			const uint32_t *src, const uint32_t *dst, uint32_t m);

/* An empty graph with n nodes and no edges (RC_EOVERFLOW for
 * n == UINT32_MAX). */
int rc_graph_init_empty(struct rc_graph *g, uint32_t n);

void rc_graph_free(struct rc_graph *g);

/* Tail (source) of edge e, by binary search over out_off: O(log n).
 * RC_NONE if e >= m. */
uint32_t rc_graph_tail(const struct rc_graph *g, uint32_t e);

/* Degree and neighbour lists in direction dir (RC_OUT: heads of v's
 * out-edges; RC_IN: tails of v's in-edges).  v must be < n. */
static inline uint32_t
rc_graph_degree(const struct rc_graph *g, uint32_t v, enum rc_dir dir)
{
	const uint32_t *in_off = dir == RC_OUT ? NULL : __atomic_load_n(&g->in_off, __ATOMIC_ACQUIRE);
	const uint32_t *off = dir == RC_OUT ? g->out_off
		: __builtin_expect(in_off != NULL, 1) ? in_off : rc_graph_in_offsets(g);
	return off != NULL ? off[v + 1] - off[v] : 0;
}

static inline const uint32_t *
rc_graph_neighbours(const struct rc_graph *g, uint32_t v, enum rc_dir dir)
{
	if (dir == RC_OUT)
		return g->out_dst + g->out_off[v];
	const uint32_t *in_src = __atomic_load_n(&g->in_src, __ATOMIC_ACQUIRE);
	if (__builtin_expect(in_src == NULL, 0)) {
		if (rc_graph_in_offsets(g) == NULL)
			return g->out_dst;   /* none to read: the degree is 0 */
		in_src = g->in_src;
	}
	return in_src + g->in_off[v];
}

/* 1 once the in-lists are built (reading them waits for nothing), else
 * 0: another thread may be building them (graph.c's lazy in-edges). */
static inline int
rc_graph_in_ready(const struct rc_graph *g)
{
	return __atomic_load_n(&g->in_src, __ATOMIC_ACQUIRE) != NULL;
}

/* v's in-edges without the in-lists, for one question asked before
 * they are built (a browser's first object, while its analysis thread
 * builds them): one sequential pass over every out-list, O(n + m), a few
 * milliseconds at millions of edges against a few hundred for the build.
 * *tails and *edges (malloc'd, the caller's) receive *count entries in
 * in-list order (edge-id order).  An RC status. */
int rc_graph_scan_in(const struct rc_graph *g, uint32_t v, uint32_t **tails,
		     uint32_t **edges, uint32_t *count);

/* Edge ids of v's in-edges, in in-list order, written to ids (room for
 * rc_graph_degree(g, v, RC_IN) entries).  Recovered from the tails' out
 * lists: O(sum of the tails' out-degrees).  (RC_EINVAL if v >= n.) */
int rc_graph_in_edge_ids(const struct rc_graph *g, uint32_t v, uint32_t *ids);

/* The edge id of every in-list entry at once: (*eid)[i] is the id of the
 * edge whose tail is in_src[i] (m entries, from malloc, the caller's).
 * O(n + m): one pass over the out-lists, which meet each head's in-edges
 * in in-list order.  For searches that check many in-edges by id, where
 * rc_graph_in_edge_ids per node could rescan a big tail's out-list for
 * each of its heads.  (RC_ENOMEM.) */
int rc_graph_in_edge_map(const struct rc_graph *g, uint32_t **eid);

/* Parallel edges: several references from one tail to one head (a list
 * holding x twice).  The rank of e is how many edges from its tail to
 * its head come before it in the tail's out-list (0 for the first): the
 * k that labels count by (the k-th reference, in traversal order).
 * O(out-degree of the tail); e < m. */
uint32_t rc_graph_parallel_rank(const struct rc_graph *g, uint32_t e);

/* The edge of rank k from tail to head, or RC_NONE if there are not that
 * many (or tail >= n).  O(out-degree of tail). */
uint32_t rc_graph_parallel_edge(const struct rc_graph *g, uint32_t tail,
				uint32_t head, uint32_t k);

/* Check every invariant above; RC_OK or RC_EINVAL.  O(n + m).
 * (It needs n words of scratch: RC_ENOMEM if they cannot be had.) */
int rc_graph_validate(const struct rc_graph *g);

/* Bytes held by the graph's arrays. */
size_t rc_graph_bytes(const struct rc_graph *g);

#endif
