/* check_graph.c - tests of graph.c, and the helpers shared by all the
 * suites (declared in check_suites.h). */
#include <config.h>

#include "tests/check_suites.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "src/common/status.h"
#include "src/graph/graph.h"
#include "src/graph/nodeset.h"
#include "src/graph/typedelta.h"

/* ------------------------------------------------------------ helpers */

/* Invariants of a built graph, checked with RC_TEST_REQUIRE so that a
 * million-edge graph stays fast.  seen[] counts how often each edge id is
 * returned by rc_graph_in_edge_ids over all nodes: exactly once each. */
void
rc_test_check_graph(const struct rc_graph *g)
{
	uint32_t *ids, *map, v, e;
	uint8_t *seen;

	ck_assert_int_eq(rc_graph_validate(g), RC_OK);
	ck_assert_int_eq(rc_graph_in_edge_map(g, &map), RC_OK);
	ck_assert_uint_eq(rc_graph_tail(g, g->m), RC_NONE);
	ck_assert_uint_eq(rc_graph_tail(g, RC_NONE), RC_NONE);
	for (e = 0; e < g->m; e++) {
		uint32_t t = rc_graph_tail(g, e);

		RC_TEST_REQUIRE(t < g->n);
		RC_TEST_REQUIRE(g->out_off[t] <= e && e < g->out_off[t + 1]);
	}
	ids = malloc(((size_t)g->m + 1) * sizeof(uint32_t));
	seen = calloc((size_t)g->m + 1, 1);
	ck_assert_ptr_nonnull(ids);
	ck_assert_ptr_nonnull(seen);
	for (v = 0; v < g->n; v++) {
		uint32_t k, deg = rc_graph_degree(g, v, RC_IN);
		const uint32_t *tails = rc_graph_neighbours(g, v, RC_IN);

		RC_TEST_REQUIRE(rc_graph_in_edge_ids(g, v, ids) == RC_OK);
		for (k = 0; k < deg; k++) {
			RC_TEST_REQUIRE(ids[k] < g->m);
			RC_TEST_REQUIRE(k == 0 || ids[k - 1] < ids[k]);
			RC_TEST_REQUIRE(g->out_dst[ids[k]] == v);
			RC_TEST_REQUIRE(rc_graph_tail(g, ids[k]) == tails[k]);
			RC_TEST_REQUIRE(seen[ids[k]]++ == 0);
			/* The map agrees, entry for entry. */
			RC_TEST_REQUIRE(map[g->in_off[v] + k] == ids[k]);
		}
	}
	for (e = 0; e < g->m; e++)
		RC_TEST_REQUIRE(seen[e] == 1);
	free(ids);
	free(seen);
	free(map);
}

void
rc_test_build(struct rc_graph *g, uint32_t n, const uint32_t (*pairs)[2],
	      uint32_t m, uint32_t base)
{
	uint32_t *src = malloc(((size_t)m + 1) * sizeof(uint32_t));
	uint32_t *dst = malloc(((size_t)m + 1) * sizeof(uint32_t));
	uint32_t i;

	ck_assert_ptr_nonnull(src);
	ck_assert_ptr_nonnull(dst);
	for (i = 0; i < m; i++) {
		src[i] = pairs[i][0] - base;
		dst[i] = pairs[i][1] - base;
	}
	ck_assert_int_eq(rc_graph_from_pairs(g, n, src, dst, m), RC_OK);
	ck_assert_uint_eq(g->n, n);
	ck_assert_uint_eq(g->m, m);
	free(src);
	free(dst);
	rc_test_check_graph(g);
}

void
rc_test_chain(struct rc_graph *g, uint32_t n, int cycle)
{
	uint32_t m = cycle ? n : (n > 0 ? n - 1 : 0);
	uint32_t *off = malloc(((size_t)n + 1) * sizeof(uint32_t));
	uint32_t *dst = malloc(((size_t)m + 1) * sizeof(uint32_t));
	uint32_t v;

	ck_assert_ptr_nonnull(off);
	ck_assert_ptr_nonnull(dst);
	for (v = 0; v <= n; v++)
		off[v] = v < m ? v : m;
	for (v = 0; v < m; v++)
		dst[v] = v + 1 < n ? v + 1 : 0;
	ck_assert_int_eq(rc_graph_adopt_out(g, n, off, dst), RC_OK);
	ck_assert_uint_eq(g->m, m);
	rc_test_check_graph(g);
}

uint64_t
rc_test_rand(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

uint32_t
rc_test_below(uint64_t *state, uint32_t bound)
{
	return (uint32_t)(rc_test_rand(state) % bound);
}

void
rc_test_random_graph(struct rc_graph *g, uint32_t n, uint32_t m,
		     uint64_t *state)
{
	uint32_t (*pairs)[2] = malloc(((size_t)m + 1) * sizeof(*pairs));
	uint32_t i;

	ck_assert_ptr_nonnull(pairs);
	for (i = 0; i < m; i++) {
		pairs[i][0] = rc_test_below(state, n);
		pairs[i][1] = rc_test_below(state, n);
	}
	rc_test_build(g, n, (const uint32_t (*)[2])pairs, m, 0);
	free(pairs);
}

int
rc_test_has_edge(const struct rc_graph *g, uint32_t u, uint32_t v)
{
	uint32_t e;

	for (e = g->out_off[u]; e < g->out_off[u + 1]; e++)
		if (g->out_dst[e] == v)
			return 1;
	return 0;
}

/* Out- and in-lists of v as expected, in order. */
static void
check_lists(const struct rc_graph *g, uint32_t v, const uint32_t *out,
	    uint32_t nout, const uint32_t *in, uint32_t nin)
{
	uint32_t k;

	ck_assert_uint_eq(rc_graph_degree(g, v, RC_OUT), nout);
	ck_assert_uint_eq(rc_graph_degree(g, v, RC_IN), nin);
	for (k = 0; k < nout; k++)
		ck_assert_uint_eq(rc_graph_neighbours(g, v, RC_OUT)[k], out[k]);
	for (k = 0; k < nin; k++)
		ck_assert_uint_eq(rc_graph_neighbours(g, v, RC_IN)[k], in[k]);
}

static int
graph_is_zeroed(const struct rc_graph *g)
{
	return g->n == 0 && g->m == 0 && g->out_off == NULL &&
	       g->out_dst == NULL && g->in_off == NULL && g->in_src == NULL;
}

/* -------------------------------------------------------------- tests */

START_TEST(test_empty_zero_nodes)
{
	struct rc_graph g;
	uint32_t ids[1];

	ck_assert_int_eq(rc_graph_init_empty(&g, 0), RC_OK);
	ck_assert_uint_eq(g.n, 0);
	ck_assert_uint_eq(g.m, 0);
	rc_test_check_graph(&g);
	ck_assert_uint_eq(rc_graph_tail(&g, 0), RC_NONE);
	ck_assert_int_eq(rc_graph_in_edge_ids(&g, 0, ids), RC_EINVAL);
	ck_assert_uint_eq(rc_graph_bytes(&g), 2 * sizeof(uint32_t));
	rc_graph_free(&g);
	ck_assert(graph_is_zeroed(&g));
	rc_graph_free(&g);	/* idempotent */

	ck_assert_int_eq(rc_graph_from_pairs(&g, 0, NULL, NULL, 0), RC_OK);
	rc_test_check_graph(&g);
	rc_graph_free(&g);
}
END_TEST

/* n nodes, no edges, for sizes around the word boundaries. */
static const uint32_t empty_sizes[] = { 1, 2, 63, 64, 65, 1000 };

START_TEST(test_empty_no_edges)
{
	uint32_t n = empty_sizes[_i], v;
	struct rc_graph g, h;

	ck_assert_int_eq(rc_graph_init_empty(&g, n), RC_OK);
	ck_assert_int_eq(rc_graph_from_pairs(&h, n, NULL, NULL, 0), RC_OK);
	ck_assert_uint_eq(g.n, n);
	ck_assert_uint_eq(g.m, 0);
	ck_assert_uint_eq(h.m, 0);
	rc_test_check_graph(&g);
	rc_test_check_graph(&h);
	for (v = 0; v < n; v++) {
		RC_TEST_REQUIRE(rc_graph_degree(&g, v, RC_OUT) == 0);
		RC_TEST_REQUIRE(rc_graph_degree(&g, v, RC_IN) == 0);
	}
	ck_assert_uint_eq(rc_graph_bytes(&g), 2 * ((size_t)n + 1) * 4);
	rc_graph_free(&g);
	rc_graph_free(&h);
}
END_TEST

START_TEST(test_self_loops)
{
	static const uint32_t p[][2] = { {0, 0}, {0, 1}, {1, 1}, {1, 1} };
	static const uint32_t out0[] = { 0, 1 }, in0[] = { 0 };
	static const uint32_t out1[] = { 1, 1 }, in1[] = { 0, 1, 1 };
	struct rc_graph g;
	uint32_t ids[3];

	rc_test_build(&g, 2, p, RC_TEST_COUNT(p), 0);
	check_lists(&g, 0, out0, 2, in0, 1);
	check_lists(&g, 1, out1, 2, in1, 3);
	ck_assert_int_eq(rc_graph_in_edge_ids(&g, 1, ids), RC_OK);
	ck_assert_uint_eq(ids[0], 1);
	ck_assert_uint_eq(ids[1], 2);
	ck_assert_uint_eq(ids[2], 3);
	ck_assert_int_eq(rc_graph_in_edge_ids(&g, 0, ids), RC_OK);
	ck_assert_uint_eq(ids[0], 0);
	rc_graph_free(&g);
}
END_TEST

START_TEST(test_multi_edges)
{
	static const uint32_t p[][2] = { {0, 1}, {0, 1}, {0, 1} };
	struct rc_graph g;
	uint32_t ids[3], e;

	rc_test_build(&g, 2, p, 3, 0);
	ck_assert_uint_eq(rc_graph_degree(&g, 0, RC_OUT), 3);
	ck_assert_uint_eq(rc_graph_degree(&g, 1, RC_IN), 3);
	ck_assert_uint_eq(rc_graph_degree(&g, 0, RC_IN), 0);
	ck_assert_uint_eq(rc_graph_degree(&g, 1, RC_OUT), 0);
	ck_assert_int_eq(rc_graph_in_edge_ids(&g, 1, ids), RC_OK);
	for (e = 0; e < 3; e++) {
		ck_assert_uint_eq(ids[e], e);
		ck_assert_uint_eq(rc_graph_tail(&g, e), 0);
		ck_assert_uint_eq(g.out_dst[e], 1);
		ck_assert_uint_eq(g.in_src[e], 0);
	}
	rc_graph_free(&g);
}
END_TEST

/* Parallel edges interleaved with others and given out of source order:
 * from_pairs keeps input order within a source, and the k-th copy of a
 * tail in an in-list is its k-th edge to that head. */
START_TEST(test_multi_edges_interleaved)
{
	static const uint32_t p[][2] = {
		{2, 1}, {0, 1}, {0, 2}, {3, 1}, {0, 1}, {2, 2}, {0, 1}, {2, 1}
	};
	static const uint32_t out0[] = { 1, 2, 1, 1 }, in1[] = { 0, 0, 0, 2, 2, 3 };
	static const uint32_t out2[] = { 1, 2, 1 }, in2[] = { 0, 2 };
	static const uint32_t ids1[] = { 0, 2, 3, 4, 6, 7 }, ids2[] = { 1, 5 };
	struct rc_graph g;
	uint32_t ids[6], k;

	rc_test_build(&g, 4, p, RC_TEST_COUNT(p), 0);
	check_lists(&g, 0, out0, 4, NULL, 0);
	check_lists(&g, 1, NULL, 0, in1, 6);
	check_lists(&g, 2, out2, 3, in2, 2);
	ck_assert_int_eq(rc_graph_in_edge_ids(&g, 1, ids), RC_OK);
	for (k = 0; k < 6; k++)
		ck_assert_uint_eq(ids[k], ids1[k]);
	ck_assert_int_eq(rc_graph_in_edge_ids(&g, 2, ids), RC_OK);
	for (k = 0; k < 2; k++)
		ck_assert_uint_eq(ids[k], ids2[k]);
	ck_assert_int_eq(rc_graph_in_edge_ids(&g, 3, ids), RC_OK);
	ck_assert_int_eq(rc_graph_in_edge_ids(&g, 4, ids), RC_EINVAL);
	ck_assert_int_eq(rc_graph_in_edge_ids(&g, RC_NONE, ids), RC_EINVAL);
	rc_graph_free(&g);
}
END_TEST

/* Ranks among parallel edges, and back: on the interleaved multigraph,
 * tail 0's out-list is 1, 2, 1, 1. */
START_TEST(test_parallel_rank)
{
	static const uint32_t p[][2] = {
		{2, 1}, {0, 1}, {0, 2}, {3, 1}, {0, 1}, {2, 2}, {0, 1}, {2, 1}
	};
	static const uint32_t rank0[] = { 0, 0, 1, 2 };
	struct rc_graph g;

	rc_test_build(&g, 4, p, RC_TEST_COUNT(p), 0);
	for (uint32_t i = 0; i < 4; i++)
		ck_assert_uint_eq(rc_graph_parallel_rank(&g, g.out_off[0] + i), rank0[i]);
	ck_assert_uint_eq(rc_graph_parallel_edge(&g, 0, 1, 0), g.out_off[0]);
	ck_assert_uint_eq(rc_graph_parallel_edge(&g, 0, 1, 1), g.out_off[0] + 2);
	ck_assert_uint_eq(rc_graph_parallel_edge(&g, 0, 1, 2), g.out_off[0] + 3);
	ck_assert_uint_eq(rc_graph_parallel_edge(&g, 0, 1, 3), RC_NONE);
	ck_assert_uint_eq(rc_graph_parallel_edge(&g, 0, 3, 0), RC_NONE);
	ck_assert_uint_eq(rc_graph_parallel_edge(&g, 4, 1, 0), RC_NONE);
	/* Every edge is the edge of its own rank. */
	for (uint32_t e = 0; e < g.m; e++)
		ck_assert_uint_eq(rc_graph_parallel_edge(&g, rc_graph_tail(&g, e), g.out_dst[e],
							 rc_graph_parallel_rank(&g, e)), e);
	rc_graph_free(&g);
}
END_TEST

/* Per-type changes: new minus gone, counts and bytes. */
START_TEST(test_type_deltas)
{
	static const uint32_t type_of[] = { 0, 1, 1, 2, 0 };
	static const uint64_t size[] = { 10, 20, 30, 40, 50 };
	struct rc_nodeset new_, gone, small;
	int64_t count[3], bytes[3];

	ck_assert_int_eq(rc_nodeset_init(&new_, 5), RC_OK);
	ck_assert_int_eq(rc_nodeset_init(&gone, 5), RC_OK);
	ck_assert_int_eq(rc_nodeset_init(&small, 4), RC_OK);
	rc_nodeset_add(&new_, 1);
	rc_nodeset_add(&new_, 2);
	rc_nodeset_add(&new_, 4);
	rc_nodeset_add(&gone, 0);
	rc_nodeset_add(&gone, 3);
	rc_nodeset_add(&gone, 4);   /* new and gone: no change */
	ck_assert_int_eq(rc_type_deltas(type_of, size, 5, 3, &new_, &gone, count, bytes), RC_OK);
	ck_assert_int_eq(count[0], -1);
	ck_assert_int_eq(bytes[0], -10);
	ck_assert_int_eq(count[1], 2);
	ck_assert_int_eq(bytes[1], 50);
	ck_assert_int_eq(count[2], -1);
	ck_assert_int_eq(bytes[2], -40);
	ck_assert_int_eq(rc_type_deltas(type_of, NULL, 5, 3, &new_, NULL, count, bytes), RC_OK);
	ck_assert_int_eq(count[0], 1);
	ck_assert_int_eq(bytes[1], 0);
	ck_assert_int_eq(rc_type_deltas(type_of, size, 5, 3, &small, NULL, count, bytes), RC_EINVAL);
	ck_assert_int_eq(rc_type_deltas(type_of, size, 5, 2, &new_, &gone, count, bytes), RC_EINVAL);
	rc_nodeset_free(&new_);
	rc_nodeset_free(&gone);
	rc_nodeset_free(&small);
}
END_TEST

START_TEST(test_chain_cycle_diamond)
{
	static const uint32_t d[][2] = { {0, 1}, {0, 2}, {1, 3}, {2, 3} };
	static const uint32_t dout0[] = { 1, 2 }, din3[] = { 1, 2 };
	struct rc_graph g;
	uint32_t v;

	rc_test_chain(&g, 10, 0);
	for (v = 0; v < 10; v++) {
		ck_assert_uint_eq(rc_graph_degree(&g, v, RC_OUT), v < 9);
		ck_assert_uint_eq(rc_graph_degree(&g, v, RC_IN), v > 0);
	}
	rc_graph_free(&g);

	rc_test_chain(&g, 10, 1);
	for (v = 0; v < 10; v++) {
		ck_assert_uint_eq(rc_graph_neighbours(&g, v, RC_OUT)[0],
				  (v + 1) % 10);
		ck_assert_uint_eq(rc_graph_neighbours(&g, v, RC_IN)[0],
				  (v + 9) % 10);
	}
	rc_graph_free(&g);

	rc_test_chain(&g, 1, 1);	/* one node with a self-loop */
	ck_assert_uint_eq(g.m, 1);
	ck_assert_uint_eq(g.out_dst[0], 0);
	rc_graph_free(&g);

	rc_test_build(&g, 4, d, 4, 0);
	check_lists(&g, 0, dout0, 2, NULL, 0);
	check_lists(&g, 3, NULL, 0, din3, 2);
	rc_graph_free(&g);
}
END_TEST

/* Nodes without out-edges share their offset with the next node: the
 * binary search in rc_graph_tail must land on the node that owns e. */
START_TEST(test_tail_with_gaps)
{
	static const uint32_t p[][2] = { {2, 0}, {2, 5}, {5, 5}, {7, 1} };
	struct rc_graph g;

	rc_test_build(&g, 9, p, 4, 0);
	ck_assert_uint_eq(rc_graph_tail(&g, 0), 2);
	ck_assert_uint_eq(rc_graph_tail(&g, 1), 2);
	ck_assert_uint_eq(rc_graph_tail(&g, 2), 5);
	ck_assert_uint_eq(rc_graph_tail(&g, 3), 7);
	ck_assert_uint_eq(rc_graph_tail(&g, 4), RC_NONE);
	rc_graph_free(&g);
}
END_TEST

/* A 4-node example's out-CSR (from malloc, for adopting) and the in-CSR
 * it must give. */
static const uint32_t example_in_off[] = { 0, 1, 1, 3, 5 };
static const uint32_t example_in_src[] = { 2, 0, 2, 0, 2 };

static void
example_out(uint32_t **off, uint32_t **dst)
{
	static const uint32_t o[] = { 0, 2, 2, 5, 5 }, d[] = { 2, 3, 0, 2, 3 };

	*off = malloc(sizeof(o));
	*dst = malloc(sizeof(d));
	ck_assert_ptr_nonnull(*off);
	ck_assert_ptr_nonnull(*dst);
	memcpy(*off, o, sizeof(o));
	memcpy(*dst, d, sizeof(d));
}

/* g holds the example, its in-CSR built; freed after the checks. */
static void
check_example_and_free(struct rc_graph *g)
{
	ck_assert_mem_eq(g->in_off, example_in_off, sizeof(example_in_off));
	ck_assert_mem_eq(g->in_src, example_in_src, sizeof(example_in_src));
	ck_assert_uint_eq(rc_graph_bytes(g), (2 * 5 + 2 * 5) * 4);
	rc_test_check_graph(g);
	rc_graph_free(g);
}

START_TEST(test_adopt_out)
{
	struct rc_graph g;
	uint32_t *off, *dst;

	example_out(&off, &dst);
	ck_assert_int_eq(rc_graph_adopt_out(&g, 4, off, dst), RC_OK);
	ck_assert_ptr_eq(g.out_off, off);
	ck_assert_ptr_eq(g.out_dst, dst);
	check_example_and_free(&g);
}
END_TEST

/* The example of test_adopt_out, adopted lazily: its in-CSR appears when
 * first read, through any of the ways to read it, the same as built at
 * once; given in-degrees are taken as offsets. */
enum { LAZY_DEGREE, LAZY_NEIGHBOURS, LAZY_NEED, LAZY_GIVEN, LAZY_GIVEN_WRONG, LAZY_COUNT };

START_TEST(test_adopt_out_lazy)
{
	struct rc_graph g;
	uint32_t *off, *dst, *deg = malloc(5 * sizeof(uint32_t));
	static const uint32_t degrees[] = { 0, 1, 0, 2, 2 }, wrong[] = { 0, 1, 0, 2, 1 };

	example_out(&off, &dst);
	ck_assert_ptr_nonnull(deg);
	memcpy(deg, _i == LAZY_GIVEN_WRONG ? wrong : degrees, sizeof(degrees));
	ck_assert_int_eq(rc_graph_adopt_out_lazy(&g, 4, off, dst), RC_OK);
	ck_assert_ptr_null(g.in_off);
	ck_assert_ptr_null(g.in_src);
	ck_assert_uint_eq(rc_graph_bytes(&g), (5 + 5) * 4);
	switch (_i) {
	case LAZY_DEGREE:
		ck_assert_uint_eq(rc_graph_degree(&g, 3, RC_IN), 2);
		free(deg);
		break;
	case LAZY_NEIGHBOURS:
		ck_assert_uint_eq(rc_graph_neighbours(&g, 2, RC_IN)[1], 2);
		free(deg);
		break;
	case LAZY_NEED:
		ck_assert_int_eq(rc_graph_need_in(&g), RC_OK);
		free(deg);
		break;
	case LAZY_GIVEN:
		ck_assert_int_eq(rc_graph_give_in_degrees(&g, deg), RC_OK);
		ck_assert_mem_eq(g.in_off, example_in_off, sizeof(example_in_off));
		ck_assert_ptr_null(g.in_src);   /* degrees need no tails */
		ck_assert_uint_eq(rc_graph_degree(&g, 2, RC_IN), 2);
		ck_assert_ptr_null(g.in_src);
		break;
	case LAZY_GIVEN_WRONG:
		ck_assert_int_eq(rc_graph_give_in_degrees(&g, deg), RC_EINVAL);
		ck_assert_ptr_null(g.in_off);
		break;
	}
	ck_assert_int_eq(rc_graph_need_in(&g), RC_OK);
	check_example_and_free(&g);
}
END_TEST

/* Each bad out-CSR is refused; the arrays are freed (ASan / LSan would
 * report them otherwise) and g is zeroed. */
enum {
	BAD_FIRST, BAD_ORDER, BAD_HEAD, BAD_NULL_OFF, BAD_NULL_DST, BAD_N,
	BAD_M, BAD_COUNT
};

START_TEST(test_adopt_out_errors)
{
	static const int want[BAD_COUNT] = {
		RC_EINVAL, RC_EINVAL, RC_EINVAL, RC_EINVAL, RC_EINVAL,
		RC_EOVERFLOW, RC_EOVERFLOW
	};
	static const uint32_t o[] = { 0, 1, 2, 3 }, d[] = { 1, 2, 0 };
	struct rc_graph g;
	uint32_t *off = malloc(sizeof(o)), *dst = malloc(sizeof(d));
	uint32_t n = 3;

	ck_assert_ptr_nonnull(off);
	ck_assert_ptr_nonnull(dst);
	memcpy(off, o, sizeof(o));
	memcpy(dst, d, sizeof(d));
	switch (_i) {
	case BAD_FIRST: off[0] = 1; break;
	case BAD_ORDER: off[1] = 3; break;
	case BAD_HEAD: dst[2] = 3; break;
	case BAD_NULL_OFF: free(off); off = NULL; break;
	case BAD_NULL_DST: free(dst); dst = NULL; break;
	case BAD_N: n = UINT32_MAX; break;
	case BAD_M: off[3] = UINT32_MAX; break;
	}
	memset(&g, 0x5a, sizeof(g));
	ck_assert_int_eq(rc_graph_adopt_out(&g, n, off, dst), want[_i]);
	ck_assert(graph_is_zeroed(&g));
	rc_graph_free(&g);
}
END_TEST

START_TEST(test_adopt_out_null_dst_no_edges)
{
	struct rc_graph g;
	uint32_t *off = calloc(4, sizeof(uint32_t));

	ck_assert_ptr_nonnull(off);
	ck_assert_int_eq(rc_graph_adopt_out(&g, 3, off, NULL), RC_OK);
	ck_assert_ptr_nonnull(g.out_dst);
	rc_test_check_graph(&g);
	rc_graph_free(&g);
}
END_TEST

START_TEST(test_from_pairs_errors)
{
	static const uint32_t src[] = { 0, 1, 2 }, dst[] = { 1, 2, 0 };
	static const uint32_t bad[] = { 0, 3, 2 };
	struct rc_graph g;

	ck_assert_int_eq(rc_graph_from_pairs(&g, 3, bad, dst, 3), RC_EINVAL);
	ck_assert(graph_is_zeroed(&g));
	ck_assert_int_eq(rc_graph_from_pairs(&g, 3, src, bad, 3), RC_EINVAL);
	ck_assert_int_eq(rc_graph_from_pairs(&g, 3, NULL, dst, 3), RC_EINVAL);
	ck_assert_int_eq(rc_graph_from_pairs(&g, 3, src, dst, UINT32_MAX),
			 RC_EOVERFLOW);
	ck_assert_int_eq(rc_graph_from_pairs(&g, UINT32_MAX, src, dst, 3),
			 RC_EOVERFLOW);
	ck_assert_int_eq(rc_graph_init_empty(&g, UINT32_MAX), RC_EOVERFLOW);
	ck_assert(graph_is_zeroed(&g));
	ck_assert_int_eq(rc_graph_from_pairs(&g, 3, src, dst, 3), RC_OK);
	rc_test_check_graph(&g);
	rc_graph_free(&g);
}
END_TEST

/* Each corruption of a valid graph must make rc_graph_validate fail. */
enum {
	COR_HEAD, COR_TAIL, COR_SWAP, COR_IN_OFF, COR_OUT_OFF, COR_M, COR_N,
	COR_NULL, COR_FIRST, COR_COUNT
};

START_TEST(test_validate_detects)
{
	static const uint32_t p[][2] = {
		{0, 1}, {0, 2}, {1, 2}, {2, 0}, {3, 2}, {2, 2}
	};
	struct rc_graph g;
	uint32_t *saved = NULL;

	rc_test_build(&g, 4, p, RC_TEST_COUNT(p), 0);
	switch (_i) {
	case COR_HEAD: g.out_dst[0] = 4; break;
	case COR_TAIL: g.in_src[0] = 3; break;	/* 0's in-list: {2} */
	case COR_SWAP: {	/* 2's in-list {0,1,2,3} out of order */
		uint32_t t = g.in_src[g.in_off[2]];

		g.in_src[g.in_off[2]] = g.in_src[g.in_off[2] + 1];
		g.in_src[g.in_off[2] + 1] = t;
		break;
	}
	case COR_IN_OFF: g.in_off[1] = g.in_off[2] + 1; break;
	case COR_OUT_OFF: g.out_off[4] = 5; break;
	case COR_M: g.m = 5; break;
	case COR_N: g.n = 3; break;
	case COR_NULL: saved = g.out_dst; g.out_dst = NULL; break;
	case COR_FIRST: g.out_off[0] = 1; break;
	}
	ck_assert_int_eq(rc_graph_validate(&g), RC_EINVAL);
	if (saved != NULL)
		g.out_dst = saved;
	rc_graph_free(&g);
}
END_TEST

/* Random multigraphs: out-lists keep input order per source, in-lists
 * list the tails of the edges into v in edge-id order (brute force). */
START_TEST(test_random_graphs)
{
	static const uint32_t sizes[][2] = {
		{1, 5}, {2, 10}, {10, 0}, {10, 40}, {64, 200}, {200, 600},
		{200, 3000}
	};
	uint64_t seed = 12345 + (uint64_t)_i;
	uint32_t n = sizes[_i][0], m = sizes[_i][1];
	uint32_t *src = malloc(((size_t)m + 1) * sizeof(uint32_t));
	uint32_t *dst = malloc(((size_t)m + 1) * sizeof(uint32_t));
	uint32_t *pos = calloc((size_t)n + 1, sizeof(uint32_t));
	struct rc_graph g;
	uint32_t i, v;

	ck_assert_ptr_nonnull(src);
	ck_assert_ptr_nonnull(dst);
	ck_assert_ptr_nonnull(pos);
	for (i = 0; i < m; i++) {
		src[i] = rc_test_below(&seed, n);
		dst[i] = rc_test_below(&seed, n);
	}
	ck_assert_int_eq(rc_graph_from_pairs(&g, n, src, dst, m), RC_OK);
	rc_test_check_graph(&g);
	/* Out side: the i-th pair of source u is u's next out-edge. */
	for (i = 0; i < m; i++) {
		uint32_t u = src[i];

		RC_TEST_REQUIRE(g.out_dst[g.out_off[u] + pos[u]++] == dst[i]);
	}
	for (v = 0; v < n; v++)
		RC_TEST_REQUIRE(pos[v] == rc_graph_degree(&g, v, RC_OUT));
	/* In side: scan the edges in id order. */
	memset(pos, 0, ((size_t)n + 1) * sizeof(uint32_t));
	for (i = 0; i < m; i++) {
		uint32_t t = rc_graph_tail(&g, i), h = g.out_dst[i];

		RC_TEST_REQUIRE(g.in_src[g.in_off[h] + pos[h]++] == t);
	}
	for (v = 0; v < n; v++)
		RC_TEST_REQUIRE(pos[v] == rc_graph_degree(&g, v, RC_IN));
	rc_graph_free(&g);
	free(src);
	free(dst);
	free(pos);
}
END_TEST

/* A million-node chain and cycle through both builders: from_pairs with
 * the pairs in reverse order must give the same CSR as adopt_out. */
START_TEST(test_big)
{
	uint32_t n = RC_TEST_BIG, i;
	int cycle = _i;
	uint32_t m = cycle ? n : n - 1;
	uint32_t *src = malloc((size_t)m * sizeof(uint32_t));
	uint32_t *dst = malloc((size_t)m * sizeof(uint32_t));
	struct rc_graph g, h;

	ck_assert_ptr_nonnull(src);
	ck_assert_ptr_nonnull(dst);
	rc_test_chain(&g, n, cycle);
	for (i = 0; i < m; i++) {
		src[i] = m - 1 - i;
		dst[i] = (src[i] + 1) % n;
	}
	ck_assert_int_eq(rc_graph_from_pairs(&h, n, src, dst, m), RC_OK);
	ck_assert_int_eq(rc_graph_validate(&h), RC_OK);
	ck_assert_mem_eq(g.out_off, h.out_off, ((size_t)n + 1) * 4);
	ck_assert_mem_eq(g.out_dst, h.out_dst, (size_t)m * 4);
	ck_assert_mem_eq(g.in_off, h.in_off, ((size_t)n + 1) * 4);
	ck_assert_mem_eq(g.in_src, h.in_src, (size_t)m * 4);
	rc_graph_free(&g);
	rc_graph_free(&h);
	free(src);
	free(dst);
}
END_TEST

Suite *
graph_suite(void)
{
	Suite *s = suite_create("graph");
	TCase *tc = tcase_create("core");
	TCase *big = tcase_create("big");

	tcase_add_test(tc, test_empty_zero_nodes);
	tcase_add_loop_test(tc, test_empty_no_edges, 0,
			    (int)RC_TEST_COUNT(empty_sizes));
	tcase_add_test(tc, test_self_loops);
	tcase_add_test(tc, test_multi_edges);
	tcase_add_test(tc, test_multi_edges_interleaved);
	tcase_add_test(tc, test_parallel_rank);
	tcase_add_test(tc, test_type_deltas);
	tcase_add_test(tc, test_chain_cycle_diamond);
	tcase_add_test(tc, test_tail_with_gaps);
	tcase_add_test(tc, test_adopt_out);
	tcase_add_loop_test(tc, test_adopt_out_lazy, 0, LAZY_COUNT);
	tcase_add_loop_test(tc, test_adopt_out_errors, 0, BAD_COUNT);
	tcase_add_test(tc, test_adopt_out_null_dst_no_edges);
	tcase_add_test(tc, test_from_pairs_errors);
	tcase_add_loop_test(tc, test_validate_detects, 0, COR_COUNT);
	tcase_add_loop_test(tc, test_random_graphs, 0, 7);
	suite_add_tcase(s, tc);

	tcase_set_timeout(big, RC_TEST_BIG_TIMEOUT);
	tcase_add_loop_test(big, test_big, 0, 2);
	suite_add_tcase(s, big);
	return s;
}
