/* check_subgraph.c - tests of subgraph.c: induced subgraphs through both
 * maps (dense array for large k, hash table for small k on large n). */
#include <config.h>

#include "tests/check_suites.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "src/common/status.h"
#include "src/graph/graph.h"
#include "src/graph/subgraph.h"

/* Compare sub and emap with a brute-force derivation: scan all m edges
 * of g in id order, keep those with both ends listed, then order them
 * stably by the position of their tail in nodes.  Also checks sub's
 * invariants and that g's edge emap[s] has the ends nodes[] gives. */
static void
check_against_brute(const struct rc_graph *g, const uint32_t *nodes,
		    uint32_t k, const struct rc_graph *sub,
		    const uint32_t *emap)
{
	uint32_t *pos = malloc(((size_t)g->n + 1) * sizeof(uint32_t));
	uint32_t *want = malloc(((size_t)g->m + 1) * sizeof(uint32_t));
	uint32_t *cnt = calloc((size_t)k + 1, sizeof(uint32_t));
	uint32_t i, e, s, nkept = 0;

	ck_assert_ptr_nonnull(pos);
	ck_assert_ptr_nonnull(want);
	ck_assert_ptr_nonnull(cnt);
	ck_assert_uint_eq(sub->n, k);
	rc_test_check_graph(sub);
	for (i = 0; i < g->n; i++)
		pos[i] = RC_NONE;
	for (i = 0; i < k; i++)
		pos[nodes[i]] = i;
	/* Counting sort of the kept edges by their tail's position. */
	for (e = 0; e < g->m; e++) {
		uint32_t t = pos[rc_graph_tail(g, e)], h = pos[g->out_dst[e]];

		if (t != RC_NONE && h != RC_NONE) {
			cnt[t + 1]++;
			nkept++;
		}
	}
	ck_assert_uint_eq(sub->m, nkept);
	for (i = 0; i < k; i++) {
		RC_TEST_REQUIRE(sub->out_off[i + 1] - sub->out_off[i] ==
				cnt[i + 1]);
		cnt[i + 1] += cnt[i];
	}
	for (e = 0; e < g->m; e++) {
		uint32_t t = pos[rc_graph_tail(g, e)], h = pos[g->out_dst[e]];

		if (t != RC_NONE && h != RC_NONE)
			want[cnt[t]++] = e;
	}
	for (s = 0; s < sub->m; s++) {
		uint32_t ge = want[s];

		RC_TEST_REQUIRE(emap == NULL || emap[s] == ge);
		RC_TEST_REQUIRE(sub->out_dst[s] == pos[g->out_dst[ge]]);
		RC_TEST_REQUIRE(nodes[rc_graph_tail(sub, s)] ==
				rc_graph_tail(g, ge));
	}
	free(pos);
	free(want);
	free(cnt);
}

/* The example, 0-based: edges e0..e8 are 0->1 (three times), 1->2, 1->1,
 * 2->0, 2->3, 3->0, 4->2.  For _i == 1 the same graph sits in 1000 nodes
 * with more edges from higher ids (their ids come after e8), so that
 * k = 3 takes the hash-table path. */
START_TEST(test_example_reordered)
{
	static const uint32_t p[][2] = {
		{0, 1}, {0, 1}, {1, 2}, {2, 0}, {0, 1}, {1, 1}, {2, 3}, {3, 0},
		{4, 2}, {500, 0}, {999, 1}, {999, 999}, {600, 2}
	};
	static const uint32_t nodes[] = { 2, 0, 1 };
	static const uint32_t want_off[] = { 0, 1, 4, 6 };
	static const uint32_t want_dst[] = { 1, 2, 2, 2, 0, 2 };
	static const uint32_t want_map[] = { 5, 0, 1, 2, 3, 4 };
	struct rc_graph g, sub;
	uint32_t *emap = NULL;
	uint32_t ids[4];

	if (_i == 0)
		rc_test_build(&g, 5, p, 9, 0);
	else
		rc_test_build(&g, 1000, p, RC_TEST_COUNT(p), 0);
	ck_assert_int_eq(rc_induced_subgraph(&g, nodes, 3, &sub, &emap), RC_OK);
	ck_assert_ptr_nonnull(emap);
	ck_assert_uint_eq(sub.n, 3);
	ck_assert_uint_eq(sub.m, 6);
	ck_assert_mem_eq(sub.out_off, want_off, sizeof(want_off));
	ck_assert_mem_eq(sub.out_dst, want_dst, sizeof(want_dst));
	ck_assert_mem_eq(emap, want_map, sizeof(want_map));
	/* Three parallel edges g0 -> g1 survive as sub 1 -> 2. */
	ck_assert_uint_eq(rc_graph_degree(&sub, 2, RC_IN), 4);
	ck_assert_int_eq(rc_graph_in_edge_ids(&sub, 2, ids), RC_OK);
	ck_assert_uint_eq(ids[0], 1);
	ck_assert_uint_eq(ids[1], 2);
	ck_assert_uint_eq(ids[2], 3);
	ck_assert_uint_eq(ids[3], 5);
	check_against_brute(&g, nodes, 3, &sub, emap);
	free(emap);
	rc_graph_free(&sub);

	/* Without edge_map. */
	ck_assert_int_eq(rc_induced_subgraph(&g, nodes, 3, &sub, NULL), RC_OK);
	check_against_brute(&g, nodes, 3, &sub, NULL);
	rc_graph_free(&sub);
	rc_graph_free(&g);
}
END_TEST

START_TEST(test_empty)
{
	static const uint32_t three[] = { 4, 0, 2 };
	struct rc_graph g, sub;
	uint32_t *emap = NULL;

	ck_assert_int_eq(rc_graph_init_empty(&g, 0), RC_OK);
	ck_assert_int_eq(rc_induced_subgraph(&g, NULL, 0, &sub, &emap), RC_OK);
	ck_assert_uint_eq(sub.n, 0);
	ck_assert_uint_eq(sub.m, 0);
	rc_test_check_graph(&sub);
	free(emap);
	rc_graph_free(&sub);
	rc_graph_free(&g);

	ck_assert_int_eq(rc_graph_init_empty(&g, 5), RC_OK);
	ck_assert_int_eq(rc_induced_subgraph(&g, three, 0, &sub, NULL), RC_OK);
	ck_assert_uint_eq(sub.n, 0);
	rc_graph_free(&sub);
	ck_assert_int_eq(rc_induced_subgraph(&g, three, 3, &sub, &emap), RC_OK);
	ck_assert_uint_eq(sub.n, 3);
	ck_assert_uint_eq(sub.m, 0);
	check_against_brute(&g, three, 3, &sub, emap);
	free(emap);
	rc_graph_free(&sub);
	rc_graph_free(&g);
}
END_TEST

/* Every node, in order: sub is a copy of g, edge_map the identity. */
START_TEST(test_identity)
{
	uint64_t seed = 5;
	uint32_t n = 150, i, *nodes = malloc(n * sizeof(uint32_t)), *emap;
	struct rc_graph g, sub;

	ck_assert_ptr_nonnull(nodes);
	rc_test_random_graph(&g, n, 600, &seed);
	for (i = 0; i < n; i++)
		nodes[i] = i;
	ck_assert_int_eq(rc_induced_subgraph(&g, nodes, n, &sub, &emap), RC_OK);
	ck_assert_uint_eq(sub.m, g.m);
	ck_assert_mem_eq(sub.out_off, g.out_off, (n + 1) * sizeof(uint32_t));
	ck_assert_mem_eq(sub.out_dst, g.out_dst, g.m * sizeof(uint32_t));
	ck_assert_mem_eq(sub.in_off, g.in_off, (n + 1) * sizeof(uint32_t));
	ck_assert_mem_eq(sub.in_src, g.in_src, g.m * sizeof(uint32_t));
	for (i = 0; i < g.m; i++)
		ck_assert_uint_eq(emap[i], i);
	free(emap);
	rc_graph_free(&sub);
	rc_graph_free(&g);
	free(nodes);
}
END_TEST

/* Random distinct subsets (partial Fisher-Yates) of random multigraphs:
 * small k on large n goes through the hash table, the rest through the
 * dense array; k = n in reverse order included. */
START_TEST(test_random)
{
	static const uint32_t cases[][3] = {	/* n, m, k */
		{ 10, 30, 10 }, { 10, 30, 4 }, { 200, 800, 100 },
		{ 200, 800, 12 }, { 200, 800, 13 }, { 200, 3000, 5 },
		{ 2000, 8000, 1 }, { 2000, 8000, 50 }, { 2000, 8000, 124 },
		{ 2000, 8000, 126 }, { 2000, 8000, 1500 }, { 300, 3000, 300 }
	};
	uint32_t n = cases[_i][0], m = cases[_i][1], k = cases[_i][2], i;
	uint64_t seed = 777 + (uint64_t)_i;
	uint32_t *perm = malloc(n * sizeof(uint32_t)), *emap;
	struct rc_graph g, sub;
	int round;

	ck_assert_ptr_nonnull(perm);
	rc_test_random_graph(&g, n, m, &seed);
	for (round = 0; round < 4; round++) {
		for (i = 0; i < n; i++)
			perm[i] = i;
		for (i = 0; i < k; i++) {
			uint32_t j = i + rc_test_below(&seed, n - i), t = perm[i];

			perm[i] = perm[j];
			perm[j] = t;
		}
		if (round == 3 && k == n)	/* reverse order */
			for (i = 0; i < n; i++)
				perm[i] = n - 1 - i;
		ck_assert_int_eq(rc_induced_subgraph(&g, perm, k, &sub, &emap),
				 RC_OK);
		check_against_brute(&g, perm, k, &sub, emap);
		free(emap);
		rc_graph_free(&sub);
	}
	rc_graph_free(&g);
	free(perm);
}
END_TEST

/* Bad node lists: RC_EINVAL through both maps, *edge_map NULL, sub
 * zeroed. */
START_TEST(test_errors)
{
	static const uint32_t range[] = { 0, 5, 1 }, dup[] = { 3, 1, 3 };
	static const uint32_t range_big[] = { 0, 1000, 1 };
	static const uint32_t dup_big[] = { 999, 1, 999 };
	struct rc_graph g, big, sub;
	uint32_t *emap = (uint32_t *)&g;	/* any non-NULL junk */

	rc_test_chain(&g, 5, 1);
	rc_test_chain(&big, 1000, 1);
	ck_assert_int_eq(rc_induced_subgraph(&g, range, 3, &sub, &emap),
			 RC_EINVAL);
	ck_assert_ptr_null(emap);
	ck_assert_uint_eq(sub.n, 0);
	ck_assert_ptr_null(sub.out_off);
	ck_assert_int_eq(rc_induced_subgraph(&g, dup, 3, &sub, &emap),
			 RC_EINVAL);
	ck_assert_int_eq(rc_induced_subgraph(&big, range_big, 3, &sub, &emap),
			 RC_EINVAL);
	ck_assert_int_eq(rc_induced_subgraph(&big, dup_big, 3, &sub, &emap),
			 RC_EINVAL);
	ck_assert_int_eq(rc_induced_subgraph(&g, NULL, 2, &sub, &emap),
			 RC_EINVAL);
	ck_assert_int_eq(rc_induced_subgraph(&g, dup, 6, &sub, NULL),
			 RC_EINVAL);
	ck_assert_ptr_null(emap);
	rc_graph_free(&g);
	rc_graph_free(&big);
}
END_TEST

/* A million-node cycle: three consecutive nodes (hash table: O(k), no
 * O(n) map) and every node in reverse order (dense map). */
START_TEST(test_big)
{
	uint32_t n = RC_TEST_BIG, i, *nodes, *emap;
	static const uint32_t few[] = { 500001, 500000, 500002 };
	struct rc_graph g, sub;

	rc_test_chain(&g, n, 1);
	ck_assert_int_eq(rc_induced_subgraph(&g, few, 3, &sub, &emap), RC_OK);
	ck_assert_uint_eq(sub.m, 2);
	ck_assert_uint_eq(sub.out_dst[0], 2);	/* 500001 -> 500002 */
	ck_assert_uint_eq(sub.out_dst[1], 0);	/* 500000 -> 500001 */
	ck_assert_uint_eq(emap[0], 500001);
	ck_assert_uint_eq(emap[1], 500000);
	rc_test_check_graph(&sub);
	free(emap);
	rc_graph_free(&sub);

	nodes = malloc((size_t)n * sizeof(uint32_t));
	ck_assert_ptr_nonnull(nodes);
	for (i = 0; i < n; i++)
		nodes[i] = n - 1 - i;
	ck_assert_int_eq(rc_induced_subgraph(&g, nodes, n, &sub, &emap), RC_OK);
	ck_assert_uint_eq(sub.m, n);
	rc_test_check_graph(&sub);
	for (i = 0; i < n; i++) {
		/* sub node i is g node n-1-i, whose one edge is n-1-i. */
		RC_TEST_REQUIRE(emap[i] == n - 1 - i);
		RC_TEST_REQUIRE(sub.out_dst[i] == (i == 0 ? n - 1 : i - 1));
	}
	free(emap);
	free(nodes);
	rc_graph_free(&sub);
	rc_graph_free(&g);
}
END_TEST

Suite *
subgraph_suite(void)
{
	Suite *s = suite_create("subgraph");
	TCase *tc = tcase_create("core");
	TCase *big = tcase_create("big");

	tcase_add_loop_test(tc, test_example_reordered, 0, 2);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_identity);
	tcase_add_loop_test(tc, test_random, 0, 12);
	tcase_add_test(tc, test_errors);
	suite_add_tcase(s, tc);

	tcase_set_timeout(big, RC_TEST_BIG_TIMEOUT);
	tcase_add_test(big, test_big);
	suite_add_tcase(s, big);
	return s;
}
