/* check_scc.c - tests of scc.c: components, sources, members. */
#include <config.h>

#include "tests/check_suites.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "src/common/status.h"
#include "src/graph/scc.h"

/* The result of one rc_scc run with its derived arrays. */
struct scc_result {
	uint32_t ncomp;
	uint32_t *comp;		/* n */
	uint8_t *is_source;	/* ncomp */
	uint32_t *start;	/* ncomp + 1 */
	uint32_t *nodes;	/* n */
};

/* Run rc_scc, rc_scc_sources and rc_scc_members and check what holds for
 * any graph: numbers in range and all used; every edge goes to an equal
 * or smaller number (reverse topological order); sources as a brute scan
 * of the edges says; members grouped by component in increasing id. */
static void
scc_run(const struct rc_graph *g, struct scc_result *r)
{
	uint32_t n = g->n, u, c, k, e;
	uint8_t *entered;

	r->comp = malloc(((size_t)n + 1) * sizeof(uint32_t));
	r->nodes = malloc(((size_t)n + 1) * sizeof(uint32_t));
	ck_assert_ptr_nonnull(r->comp);
	ck_assert_ptr_nonnull(r->nodes);
	ck_assert_int_eq(rc_scc(g, r->comp, &r->ncomp), RC_OK);
	ck_assert_uint_le(r->ncomp, n);
	ck_assert(n == 0 || r->ncomp > 0);
	r->is_source = malloc((size_t)r->ncomp + 1);
	r->start = malloc(((size_t)r->ncomp + 1) * sizeof(uint32_t));
	entered = calloc((size_t)r->ncomp + 1, 1);
	ck_assert_ptr_nonnull(r->is_source);
	ck_assert_ptr_nonnull(r->start);
	ck_assert_ptr_nonnull(entered);
	ck_assert_int_eq(rc_scc_sources(g, r->comp, r->ncomp, r->is_source),
			 RC_OK);
	ck_assert_int_eq(rc_scc_members(g, r->comp, r->ncomp, r->start,
					r->nodes), RC_OK);

	/* entered[c]: some edge reaches c from another component. */
	for (u = 0; u < n; u++) {
		RC_TEST_REQUIRE(r->comp[u] < r->ncomp);
		for (e = g->out_off[u]; e < g->out_off[u + 1]; e++) {
			uint32_t cv = r->comp[g->out_dst[e]];

			RC_TEST_REQUIRE(r->comp[u] >= cv);
			if (cv != r->comp[u])
				entered[cv] = 1;
		}
	}
	ck_assert_uint_eq(r->start[0], 0);
	ck_assert_uint_eq(r->start[r->ncomp], n);
	for (c = 0; c < r->ncomp; c++) {
		RC_TEST_REQUIRE(r->is_source[c] == !entered[c]);
		RC_TEST_REQUIRE(r->start[c] < r->start[c + 1]);	/* used */
		for (k = r->start[c]; k < r->start[c + 1]; k++) {
			RC_TEST_REQUIRE(r->comp[r->nodes[k]] == c);
			RC_TEST_REQUIRE(k == r->start[c] ||
					r->nodes[k - 1] < r->nodes[k]);
		}
	}
	free(entered);
}

static void
scc_free(struct scc_result *r)
{
	free(r->comp);
	free(r->is_source);
	free(r->start);
	free(r->nodes);
}

static uint32_t
count_sources(const struct scc_result *r)
{
	uint32_t c, k = 0;

	for (c = 0; c < r->ncomp; c++)
		k += r->is_source[c];
	return k;
}

/* Build from 1-based pairs, run, and compare with the expected numbers
 * (1-based node v gets want[v - 1]; the order of components in the
 * condensations used here is forced, so numbers are checked as such). */
static void
check_example(const uint32_t (*pairs)[2], uint32_t m, uint32_t n,
	      const uint32_t *want, uint32_t ncomp, uint32_t nsources)
{
	struct rc_graph g;
	struct scc_result r;
	uint32_t v;

	rc_test_build(&g, n, pairs, m, 1);
	scc_run(&g, &r);
	ck_assert_uint_eq(r.ncomp, ncomp);
	for (v = 0; v < n; v++)
		ck_assert_uint_eq(r.comp[v], want[v]);
	ck_assert_uint_eq(count_sources(&r), nsources);
	scc_free(&r);
	rc_graph_free(&g);
}

START_TEST(test_triangle)
{
	static const uint32_t p[][2] = { {1, 2}, {2, 3}, {3, 1} };
	static const uint32_t want[] = { 0, 0, 0 };

	check_example(p, 3, 3, want, 1, 1);
}
END_TEST

/* Tarjan 1972: {1,2,8} -> {3,4,5,7} -> {6}. */
START_TEST(test_tarjan_example)
{
	static const uint32_t p[][2] = {
		{1, 2}, {2, 3}, {2, 8}, {3, 4}, {3, 7}, {4, 5}, {5, 3}, {5, 6},
		{7, 4}, {7, 6}, {8, 1}, {8, 7}
	};
	static const uint32_t want[] = { 2, 2, 1, 1, 1, 0, 1, 2 };
	struct rc_graph g;
	struct scc_result r;

	check_example(p, RC_TEST_COUNT(p), 8, want, 3, 1);
	rc_test_build(&g, 8, p, RC_TEST_COUNT(p), 1);
	scc_run(&g, &r);
	ck_assert(r.is_source[2]);
	ck_assert(!r.is_source[1]);
	ck_assert(!r.is_source[0]);
	ck_assert_uint_eq(r.start[1], 1);	/* {6} */
	ck_assert_uint_eq(r.nodes[0], 5);
	ck_assert_uint_eq(r.start[2], 5);	/* {3,4,5,7} */
	ck_assert_uint_eq(r.nodes[1], 2);
	ck_assert_uint_eq(r.nodes[2], 3);
	ck_assert_uint_eq(r.nodes[3], 4);
	ck_assert_uint_eq(r.nodes[4], 6);
	ck_assert_uint_eq(r.nodes[5], 0);	/* {1,2,8} */
	ck_assert_uint_eq(r.nodes[6], 1);
	ck_assert_uint_eq(r.nodes[7], 7);
	scc_free(&r);
	rc_graph_free(&g);
}
END_TEST

/* One component alone: the same members as the whole decomposition's,
 * the vertex asked about first. */
START_TEST(test_component_of)
{
	static const uint32_t p[][2] = {
		{1, 2}, {2, 3}, {2, 8}, {3, 4}, {3, 7}, {4, 5}, {5, 3}, {5, 6},
		{7, 4}, {7, 6}, {8, 1}, {8, 7}
	};
	static const uint32_t sizes[] = { 3, 3, 4, 4, 4, 1, 4, 3 };
	struct rc_graph g;
	uint32_t comp[8], ncomp;
	struct rc_nodelist members;

	rc_test_build(&g, 8, p, RC_TEST_COUNT(p), 1);
	ck_assert_int_eq(rc_scc(&g, comp, &ncomp), RC_OK);
	rc_nodelist_init(&members);
	for (uint32_t v = 0; v < 8; v++) {
		members.len = 0;
		ck_assert_int_eq(rc_scc_component_of(&g, v, &members), RC_OK);
		ck_assert_uint_eq(members.len, sizes[v]);
		ck_assert_uint_eq(members.ids[0], v);
		for (uint32_t i = 0; i < members.len; i++)
			ck_assert_uint_eq(comp[members.ids[i]], comp[v]);
	}
	ck_assert_int_eq(rc_scc_component_of(&g, 8, &members), RC_EINVAL);
	rc_nodelist_free(&members);
	rc_graph_free(&g);
}
END_TEST

/* Gabow 2000: {1} -> {2,4,5,6} -> {3}, and {1} -> {3}. */
START_TEST(test_gabow_example)
{
	static const uint32_t p[][2] = {
		{1, 2}, {1, 3}, {2, 3}, {2, 4}, {4, 3}, {4, 5}, {5, 2}, {5, 6},
		{6, 3}, {6, 4}
	};
	static const uint32_t want[] = { 2, 1, 0, 1, 1, 1 };

	check_example(p, RC_TEST_COUNT(p), 6, want, 3, 1);
}
END_TEST

START_TEST(test_empty)
{
	struct rc_graph g;
	struct scc_result r;
	uint32_t v;

	ck_assert_int_eq(rc_graph_init_empty(&g, 0), RC_OK);
	scc_run(&g, &r);
	ck_assert_uint_eq(r.ncomp, 0);
	scc_free(&r);
	rc_graph_free(&g);

	/* No edges: singletons, found in id order, all sources. */
	ck_assert_int_eq(rc_graph_init_empty(&g, 70), RC_OK);
	scc_run(&g, &r);
	ck_assert_uint_eq(r.ncomp, 70);
	for (v = 0; v < 70; v++)
		ck_assert_uint_eq(r.comp[v], v);
	ck_assert_uint_eq(count_sources(&r), 70);
	scc_free(&r);
	rc_graph_free(&g);
}
END_TEST

/* Self-loops do not merge anything; parallel edges count as one. */
START_TEST(test_self_loops_multi_edges)
{
	static const uint32_t p[][2] = {
		{1, 1}, {1, 2}, {1, 2}, {1, 2}, {2, 2}, {3, 4}, {3, 4}, {4, 3},
		{4, 4}, {4, 1}
	};
	static const uint32_t want[] = { 1, 0, 2, 2 };

	check_example(p, RC_TEST_COUNT(p), 4, want, 3, 1);
}
END_TEST

START_TEST(test_chain_cycle_diamond)
{
	static const uint32_t d[][2] = { {1, 2}, {1, 3}, {2, 4}, {3, 4} };
	static const uint32_t dwant[] = { 3, 1, 2, 0 };
	struct rc_graph g;
	struct scc_result r;
	uint32_t v;

	check_example(d, 4, 4, dwant, 4, 1);
	rc_test_chain(&g, 6, 0);
	scc_run(&g, &r);
	ck_assert_uint_eq(r.ncomp, 6);
	for (v = 0; v < 6; v++)
		ck_assert_uint_eq(r.comp[v], 5 - v);
	ck_assert_uint_eq(count_sources(&r), 1);
	ck_assert(r.is_source[5]);
	scc_free(&r);
	rc_graph_free(&g);
	rc_test_chain(&g, 6, 1);
	scc_run(&g, &r);
	ck_assert_uint_eq(r.ncomp, 1);
	ck_assert_uint_eq(count_sources(&r), 1);
	scc_free(&r);
	rc_graph_free(&g);
}
END_TEST

START_TEST(test_errors)
{
	static const uint32_t p[][2] = { {1, 2}, {2, 1}, {2, 3} };
	struct rc_graph g;
	uint32_t comp[3] = { 1, 1, 0 }, start[4], nodes[3];
	uint8_t src[4];

	rc_test_build(&g, 3, p, 3, 1);
	ck_assert_int_eq(rc_scc_sources(&g, comp, 2, src), RC_OK);
	ck_assert_int_eq(rc_scc_members(&g, comp, 2, start, nodes), RC_OK);
	ck_assert_int_eq(rc_scc_sources(&g, comp, 1, src), RC_EINVAL);
	ck_assert_int_eq(rc_scc_members(&g, comp, 1, start, nodes), RC_EINVAL);
	ck_assert_int_eq(rc_scc_sources(&g, comp, 4, src), RC_EINVAL);
	ck_assert_int_eq(rc_scc_members(&g, comp, 4, start, nodes), RC_EINVAL);
	comp[2] = RC_NONE;
	ck_assert_int_eq(rc_scc_sources(&g, comp, 3, src), RC_EINVAL);
	ck_assert_int_eq(rc_scc_members(&g, comp, 3, start, nodes), RC_EINVAL);
	rc_graph_free(&g);
}
END_TEST

/* Random graphs of 200 nodes against the slow definition: u and v share
 * a component iff each reaches the other (reflexive-transitive closure
 * by Warshall's algorithm on bit rows). */
#define RND_N 200
#define RND_WORDS ((RND_N + 63) / 64)

START_TEST(test_random_cross_check)
{
	static const uint32_t edges[] = {
		0, 50, 150, 200, 250, 300, 400, 600, 1000, 3000
	};
	uint64_t seed = 2024 + (uint64_t)_i;
	uint64_t (*reach)[RND_WORDS] = calloc(RND_N, sizeof(*reach));
	struct rc_graph g;
	struct scc_result r;
	uint32_t u, v, k, e, classes = 0;

	ck_assert_ptr_nonnull(reach);
	rc_test_random_graph(&g, RND_N, edges[_i], &seed);
	for (u = 0; u < RND_N; u++) {
		reach[u][u / 64] |= (uint64_t)1 << (u % 64);
		for (e = g.out_off[u]; e < g.out_off[u + 1]; e++)
			reach[u][g.out_dst[e] / 64] |=
				(uint64_t)1 << (g.out_dst[e] % 64);
	}
	for (k = 0; k < RND_N; k++)
		for (u = 0; u < RND_N; u++)
			if ((reach[u][k / 64] >> (k % 64)) & 1)
				for (v = 0; v < RND_WORDS; v++)
					reach[u][v] |= reach[k][v];
	/* Same component iff mutually reachable; count the classes by
	 * their smallest member. */
	scc_run(&g, &r);
	for (u = 0; u < RND_N; u++) {
		uint32_t first = u;

		for (v = 0; v < RND_N; v++) {
			int uv = (reach[u][v / 64] >> (v % 64)) & 1;
			int vu = (reach[v][u / 64] >> (u % 64)) & 1;

			RC_TEST_REQUIRE((r.comp[u] == r.comp[v]) == (uv && vu));
			if (uv && vu && v < first)
				first = v;
		}
		classes += first == u;
	}
	ck_assert_uint_eq(r.ncomp, classes);
	scc_free(&r);
	rc_graph_free(&g);
	free(reach);
}
END_TEST

/* A million-node chain: 10^6 components numbered from the sink, one
 * source, a DFS 10^6 deep.  A million-node cycle: one component. */
START_TEST(test_big)
{
	uint32_t n = RC_TEST_BIG, v;
	int cycle = _i;
	struct rc_graph g;
	struct scc_result r;

	rc_test_chain(&g, n, cycle);
	scc_run(&g, &r);
	ck_assert_uint_eq(r.ncomp, cycle ? 1 : n);
	for (v = 0; v < n; v++)
		RC_TEST_REQUIRE(r.comp[v] == (cycle ? 0 : n - 1 - v));
	ck_assert_uint_eq(count_sources(&r), 1);
	ck_assert(r.is_source[r.comp[0]]);
	scc_free(&r);
	rc_graph_free(&g);
}
END_TEST

Suite *
scc_suite(void)
{
	Suite *s = suite_create("scc");
	TCase *tc = tcase_create("core");
	TCase *big = tcase_create("big");

	tcase_add_test(tc, test_triangle);
	tcase_add_test(tc, test_tarjan_example);
	tcase_add_test(tc, test_component_of);
	tcase_add_test(tc, test_gabow_example);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_self_loops_multi_edges);
	tcase_add_test(tc, test_chain_cycle_diamond);
	tcase_add_test(tc, test_errors);
	tcase_add_loop_test(tc, test_random_cross_check, 0, 10);
	tcase_set_timeout(tc, RC_TEST_BIG_TIMEOUT);
	suite_add_tcase(s, tc);

	tcase_set_timeout(big, RC_TEST_BIG_TIMEOUT);
	tcase_add_loop_test(big, test_big, 0, 2);
	suite_add_tcase(s, big);
	return s;
}
