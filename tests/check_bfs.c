/* check_bfs.c - tests of bfs.c: generation-limited BFS, shortest path,
 * shortest cycle. */
#include <config.h>

#include "tests/check_suites.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "src/common/status.h"
#include "src/graph/bfs.h"

#define INF UINT32_MAX

/* The refcycle example, 1-based: 1->2->3->4->8, 1->5->4, 1->6->7->4. */
static const uint32_t refcycle_pairs[][2] = {
	{1, 2}, {2, 3}, {3, 4}, {4, 8}, {1, 5}, {5, 4}, {1, 6}, {6, 7}, {7, 4}
};

/* Run rc_bfs from start (1-based) and compare order and depths with the
 * expected 1-based lists.  The lists get a sentinel first, which must
 * survive: rc_bfs appends. */
static void
check_bfs(const struct rc_graph *g, uint32_t start, enum rc_dir dir,
	  int64_t gens, const uint32_t *want, const uint32_t *want_depth,
	  uint32_t count)
{
	struct rc_nodelist out, depth;
	uint32_t k;

	rc_nodelist_init(&out);
	rc_nodelist_init(&depth);
	ck_assert_int_eq(rc_nodelist_push(&out, 4242), RC_OK);
	ck_assert_int_eq(rc_nodelist_push(&depth, 4343), RC_OK);
	ck_assert_int_eq(rc_bfs(g, start - 1, dir, gens, &out, &depth), RC_OK);
	ck_assert_uint_eq(out.len, count + 1);
	ck_assert_uint_eq(depth.len, count + 1);
	ck_assert_uint_eq(out.ids[0], 4242);
	ck_assert_uint_eq(depth.ids[0], 4343);
	for (k = 0; k < count; k++) {
		ck_assert_uint_eq(out.ids[k + 1] + 1, want[k]);
		ck_assert_uint_eq(depth.ids[k + 1], want_depth[k]);
	}
	/* The same without depths. */
	out.len = 0;
	ck_assert_int_eq(rc_bfs(g, start - 1, dir, gens, &out, NULL), RC_OK);
	ck_assert_uint_eq(out.len, count);
	rc_nodelist_free(&out);
	rc_nodelist_free(&depth);
}

START_TEST(test_refcycle_descendants)
{
	static const uint32_t order[] = { 1, 2, 5, 6, 3, 4, 7, 8 };
	static const uint32_t depth[] = { 0, 1, 1, 1, 2, 2, 2, 3 };
	static const uint32_t count_by_gen[] = { 1, 4, 7, 8, 8, 8 };
	struct rc_graph g;
	int64_t gen;

	rc_test_build(&g, 8, refcycle_pairs, RC_TEST_COUNT(refcycle_pairs), 1);
	for (gen = 0; gen < 6; gen++)
		check_bfs(&g, 1, RC_OUT, gen, order, depth, count_by_gen[gen]);
	check_bfs(&g, 1, RC_OUT, RC_UNLIMITED, order, depth, 8);
	check_bfs(&g, 1, RC_OUT, INT64_MAX, order, depth, 8);
	rc_graph_free(&g);
}
END_TEST

START_TEST(test_refcycle_ancestors)
{
	static const uint32_t order8[] = { 8, 4, 3, 5, 7, 2, 1, 6 };
	static const uint32_t depth8[] = { 0, 1, 2, 2, 2, 3, 3, 3 };
	static const uint32_t count_by_gen[] = { 1, 2, 5, 8, 8 };
	static const uint32_t order4[] = { 4, 3, 5, 7, 2, 1, 6 };
	static const uint32_t depth4[] = { 0, 1, 1, 1, 2, 2, 2 };
	static const uint32_t order1[] = { 1 }, depth1[] = { 0 };
	struct rc_graph g;
	int64_t gen;

	rc_test_build(&g, 8, refcycle_pairs, RC_TEST_COUNT(refcycle_pairs), 1);
	for (gen = 0; gen < 5; gen++)
		check_bfs(&g, 8, RC_IN, gen, order8, depth8, count_by_gen[gen]);
	check_bfs(&g, 8, RC_IN, RC_UNLIMITED, order8, depth8, 8);
	check_bfs(&g, 4, RC_IN, 1, order4, depth4, 4);
	check_bfs(&g, 4, RC_IN, RC_UNLIMITED, order4, depth4, 7);
	check_bfs(&g, 1, RC_IN, RC_UNLIMITED, order1, depth1, 1);
	check_bfs(&g, 8, RC_OUT, RC_UNLIMITED, order8, depth8, 1);
	rc_graph_free(&g);
}
END_TEST

/* No edges: every search sees only its start; n = 0: every id is out of
 * range. */
START_TEST(test_empty)
{
	static const uint32_t z[] = { 0 };
	struct rc_graph g;
	struct rc_nodelist l;
	uint32_t v, w;

	rc_nodelist_init(&l);
	ck_assert_int_eq(rc_graph_init_empty(&g, 0), RC_OK);
	ck_assert_int_eq(rc_bfs(&g, 0, RC_OUT, RC_UNLIMITED, &l, NULL),
			 RC_EINVAL);
	ck_assert_int_eq(rc_shortest_path(&g, 0, 0, &l), RC_EINVAL);
	ck_assert_int_eq(rc_shortest_cycle(&g, 0, &l), RC_EINVAL);
	ck_assert_uint_eq(l.len, 0);
	rc_graph_free(&g);

	ck_assert_int_eq(rc_graph_init_empty(&g, 5), RC_OK);
	for (v = 0; v < 5; v++) {
		uint32_t one[] = { v + 1 };

		check_bfs(&g, v + 1, RC_OUT, RC_UNLIMITED, one, z, 1);
		check_bfs(&g, v + 1, RC_IN, 3, one, z, 1);
		ck_assert_int_eq(rc_shortest_cycle(&g, v, &l), RC_ENOTFOUND);
		for (w = 0; w < 5; w++) {
			l.len = 0;
			if (v == w) {
				ck_assert_int_eq(rc_shortest_path(&g, v, w, &l),
						 RC_OK);
				ck_assert_uint_eq(l.len, 1);
				ck_assert_uint_eq(l.ids[0], v);
			} else {
				ck_assert_int_eq(rc_shortest_path(&g, v, w, &l),
						 RC_ENOTFOUND);
				ck_assert_uint_eq(l.len, 0);
			}
		}
	}
	rc_graph_free(&g);
	rc_nodelist_free(&l);
}
END_TEST

/* A self-loop is a cycle of length 1 and does not revisit the start;
 * parallel edges discover their head once. */
START_TEST(test_self_loop_multi_edges)
{
	static const uint32_t p[][2] = {
		{1, 2}, {1, 2}, {1, 2}, {2, 2}, {2, 3}, {3, 1}, {1, 1}
	};
	static const uint32_t o1[] = { 1, 2, 3 }, d1[] = { 0, 1, 2 };
	static const uint32_t o2in[] = { 2, 1, 3 }, d2in[] = { 0, 1, 2 };
	struct rc_graph g;
	struct rc_nodelist l;

	rc_test_build(&g, 3, p, RC_TEST_COUNT(p), 1);
	check_bfs(&g, 1, RC_OUT, RC_UNLIMITED, o1, d1, 3);
	check_bfs(&g, 2, RC_IN, RC_UNLIMITED, o2in, d2in, 3);
	rc_nodelist_init(&l);
	ck_assert_int_eq(rc_shortest_cycle(&g, 0, &l), RC_OK);
	ck_assert_uint_eq(l.len, 1);
	ck_assert_uint_eq(l.ids[0], 0);
	l.len = 0;
	ck_assert_int_eq(rc_shortest_cycle(&g, 1, &l), RC_OK);
	ck_assert_uint_eq(l.len, 1);
	ck_assert_uint_eq(l.ids[0], 1);
	l.len = 0;
	ck_assert_int_eq(rc_shortest_cycle(&g, 2, &l), RC_OK);
	ck_assert_uint_eq(l.len, 3);	/* 3 -> 1 -> 2 -> 3 */
	ck_assert_uint_eq(l.ids[0], 2);
	ck_assert_uint_eq(l.ids[1], 0);
	ck_assert_uint_eq(l.ids[2], 1);
	l.len = 0;
	ck_assert_int_eq(rc_shortest_path(&g, 0, 0, &l), RC_OK);
	ck_assert_uint_eq(l.len, 1);
	rc_nodelist_free(&l);
	rc_graph_free(&g);
}
END_TEST

static void
check_list(const struct rc_nodelist *l, const uint32_t *want, uint32_t count)
{
	uint32_t k;

	ck_assert_uint_eq(l->len, count);
	for (k = 0; k < count; k++)
		ck_assert_uint_eq(l->ids[k], want[k]);
}

START_TEST(test_chain_cycle_diamond)
{
	static const uint32_t d[][2] = { {0, 1}, {0, 2}, {1, 3}, {2, 3} };
	static const uint32_t chain[] = { 0, 1, 2, 3, 4 };
	static const uint32_t cyc2[] = { 2, 3, 4, 0, 1 };
	static const uint32_t dpath[] = { 0, 1, 3 };
	/* Diamond searches, 1-based for check_bfs. */
	static const uint32_t dgen1[] = { 1, 2, 3 }, dd[] = { 0, 1, 1, 2 };
	static const uint32_t danc[] = { 4, 2, 3, 1 };
	struct rc_graph g;
	struct rc_nodelist l;

	rc_nodelist_init(&l);
	rc_test_chain(&g, 5, 0);
	ck_assert_int_eq(rc_shortest_path(&g, 0, 4, &l), RC_OK);
	check_list(&l, chain, 5);
	l.len = 0;
	ck_assert_int_eq(rc_shortest_path(&g, 1, 3, &l), RC_OK);
	check_list(&l, chain + 1, 3);
	l.len = 0;
	ck_assert_int_eq(rc_shortest_path(&g, 4, 0, &l), RC_ENOTFOUND);
	ck_assert_int_eq(rc_shortest_cycle(&g, 2, &l), RC_ENOTFOUND);
	ck_assert_uint_eq(l.len, 0);
	rc_graph_free(&g);

	rc_test_chain(&g, 5, 1);
	ck_assert_int_eq(rc_shortest_cycle(&g, 2, &l), RC_OK);
	check_list(&l, cyc2, 5);
	l.len = 0;
	ck_assert_int_eq(rc_shortest_path(&g, 2, 1, &l), RC_OK);
	check_list(&l, cyc2, 5);
	l.len = 0;
	rc_graph_free(&g);

	rc_test_build(&g, 4, d, 4, 0);
	ck_assert_int_eq(rc_shortest_path(&g, 0, 3, &l), RC_OK);
	check_list(&l, dpath, 3);	/* first discovered parent wins */
	l.len = 0;
	ck_assert_int_eq(rc_shortest_cycle(&g, 0, &l), RC_ENOTFOUND);
	check_bfs(&g, 1, RC_OUT, 1, dgen1, dd, 3);
	check_bfs(&g, 4, RC_IN, RC_UNLIMITED, danc, dd, 4);
	rc_graph_free(&g);
	rc_nodelist_free(&l);
}
END_TEST

/* The shortest of two cycles through v wins; a cycle reachable from v
 * but not through v is no answer. */
START_TEST(test_cycle_choice)
{
	static const uint32_t p[][2] = {
		{0, 1}, {1, 2}, {2, 3}, {3, 0}, {0, 4}, {4, 0}, {5, 6}, {6, 7},
		{7, 6}
	};
	static const uint32_t want[] = { 0, 4 };
	struct rc_graph g;
	struct rc_nodelist l;

	rc_test_build(&g, 8, p, RC_TEST_COUNT(p), 0);
	rc_nodelist_init(&l);
	ck_assert_int_eq(rc_shortest_cycle(&g, 0, &l), RC_OK);
	check_list(&l, want, 2);
	l.len = 0;
	ck_assert_int_eq(rc_shortest_cycle(&g, 5, &l), RC_ENOTFOUND);
	ck_assert_int_eq(rc_shortest_cycle(&g, 6, &l), RC_OK);
	ck_assert_uint_eq(l.len, 2);
	ck_assert_uint_eq(l.ids[0], 6);
	ck_assert_uint_eq(l.ids[1], 7);
	rc_nodelist_free(&l);
	rc_graph_free(&g);
}
END_TEST

/* Out-of-range ids and bad arguments: RC_EINVAL, lists untouched. */
START_TEST(test_errors)
{
	struct rc_graph g;
	struct rc_nodelist l, d;

	rc_test_chain(&g, 4, 1);
	rc_nodelist_init(&l);
	rc_nodelist_init(&d);
	ck_assert_int_eq(rc_bfs(&g, 4, RC_OUT, RC_UNLIMITED, &l, &d),
			 RC_EINVAL);
	ck_assert_int_eq(rc_bfs(&g, RC_NONE, RC_IN, 2, &l, &d), RC_EINVAL);
	ck_assert_int_eq(rc_bfs(&g, 0, (enum rc_dir)2, 2, &l, &d), RC_EINVAL);
	ck_assert_int_eq(rc_bfs(&g, 0, RC_OUT, -2, &l, &d), RC_EINVAL);
	ck_assert_int_eq(rc_bfs(&g, 0, RC_OUT, INT64_MIN, &l, &d), RC_EINVAL);
	ck_assert_int_eq(rc_shortest_path(&g, 4, 0, &l), RC_EINVAL);
	ck_assert_int_eq(rc_shortest_path(&g, 0, 4, &l), RC_EINVAL);
	ck_assert_int_eq(rc_shortest_path(&g, RC_NONE, RC_NONE, &l), RC_EINVAL);
	ck_assert_int_eq(rc_shortest_cycle(&g, 4, &l), RC_EINVAL);
	ck_assert_uint_eq(l.len, 0);
	ck_assert_uint_eq(d.len, 0);
	rc_nodelist_free(&l);
	rc_nodelist_free(&d);
	rc_graph_free(&g);
}
END_TEST

/* Reference distances by Bellman-Ford style relaxation, O(n * m): no
 * queue, so independent of the BFS under test. */
static void
relax(const struct rc_graph *g, uint32_t start, enum rc_dir dir,
      uint32_t *dist)
{
	uint32_t v;
	int changed = 1;

	for (v = 0; v < g->n; v++)
		dist[v] = INF;
	dist[start] = 0;
	while (changed) {
		changed = 0;
		for (v = 0; v < g->n; v++) {
			const uint32_t *nb = rc_graph_neighbours(g, v, dir);
			uint32_t k, deg = rc_graph_degree(g, v, dir);

			if (dist[v] == INF)
				continue;
			for (k = 0; k < deg; k++) {
				if (dist[v] + 1 < dist[nb[k]]) {
					dist[nb[k]] = dist[v] + 1;
					changed = 1;
				}
			}
		}
	}
}

/* path is a walk along out-edges with no repeated node. */
static void
check_walk(const struct rc_graph *g, const struct rc_nodelist *path,
	   uint8_t *mark)
{
	uint32_t k;

	memset(mark, 0, g->n);
	for (k = 0; k < path->len; k++) {
		RC_TEST_REQUIRE(path->ids[k] < g->n);
		RC_TEST_REQUIRE(mark[path->ids[k]]++ == 0);
		if (k > 0)
			RC_TEST_REQUIRE(rc_test_has_edge(g, path->ids[k - 1],
							 path->ids[k]));
	}
}

/* Random graphs of 200 nodes against the relaxation: BFS sets and depths
 * for several generation limits both ways, shortest path lengths and
 * shortest cycle lengths. */
START_TEST(test_random_cross_check)
{
	static const uint32_t edges[] = { 0, 100, 200, 300, 500, 1000, 3000 };
	static const int64_t gens[] = { RC_UNLIMITED, 0, 1, 2, 3, 5 };
	uint32_t n = 200, m = edges[_i], s, k;
	uint64_t seed = 4711 + (uint64_t)_i;
	uint32_t *dist = malloc(n * sizeof(uint32_t));
	uint32_t *seen_depth = malloc(n * sizeof(uint32_t));
	uint8_t *mark = malloc(n);
	struct rc_nodelist out, depth;
	struct rc_graph g;

	ck_assert_ptr_nonnull(dist);
	ck_assert_ptr_nonnull(seen_depth);
	ck_assert_ptr_nonnull(mark);
	rc_test_random_graph(&g, n, m, &seed);
	rc_nodelist_init(&out);
	rc_nodelist_init(&depth);
	for (s = 0; s < n; s += 7) {
		int dir;

		for (dir = RC_OUT; dir <= RC_IN; dir++) {
			relax(&g, s, (enum rc_dir)dir, dist);
			for (k = 0; k < RC_TEST_COUNT(gens); k++) {
				uint32_t i, v, want = 0;

				/* Each node once, depths non-decreasing, and
				 * exactly the nodes within the limit, each at
				 * its relaxed distance. */
				out.len = depth.len = 0;
				RC_TEST_REQUIRE(rc_bfs(&g, s, (enum rc_dir)dir,
						       gens[k], &out,
						       &depth) == RC_OK);
				RC_TEST_REQUIRE(out.len == depth.len);
				RC_TEST_REQUIRE(out.ids[0] == s);
				for (v = 0; v < n; v++)
					seen_depth[v] = INF;
				for (i = 0; i < out.len; i++) {
					v = out.ids[i];
					RC_TEST_REQUIRE(seen_depth[v] == INF);
					seen_depth[v] = depth.ids[i];
					RC_TEST_REQUIRE(i == 0 ||
							depth.ids[i - 1] <=
							depth.ids[i]);
				}
				for (v = 0; v < n; v++) {
					int in = dist[v] != INF &&
						 (gens[k] < 0 ||
						  dist[v] <= gens[k]);

					want += in;
					RC_TEST_REQUIRE(seen_depth[v] ==
							(in ? dist[v] : INF));
				}
				RC_TEST_REQUIRE(out.len == want);
			}
		}
		/* Shortest paths from s, and the shortest cycle through s:
		 * one edge u -> s after the shortest path s ... u. */
		relax(&g, s, RC_OUT, dist);
		for (k = 0; k < n; k++) {
			int rc;

			out.len = 0;
			rc = rc_shortest_path(&g, s, k, &out);
			if (dist[k] == INF) {
				RC_TEST_REQUIRE(rc == RC_ENOTFOUND);
				RC_TEST_REQUIRE(out.len == 0);
				continue;
			}
			RC_TEST_REQUIRE(rc == RC_OK);
			RC_TEST_REQUIRE(out.len == dist[k] + 1);
			RC_TEST_REQUIRE(out.ids[0] == s);
			RC_TEST_REQUIRE(out.ids[out.len - 1] == k);
			check_walk(&g, &out, mark);
		}
		{
			uint32_t best = INF, u;
			int rc;

			for (u = 0; u < n; u++)
				if (dist[u] != INF && dist[u] + 1 < best &&
				    rc_test_has_edge(&g, u, s))
					best = dist[u] + 1;
			out.len = 0;
			rc = rc_shortest_cycle(&g, s, &out);
			if (best == INF) {
				RC_TEST_REQUIRE(rc == RC_ENOTFOUND);
				RC_TEST_REQUIRE(out.len == 0);
			} else {
				RC_TEST_REQUIRE(rc == RC_OK);
				RC_TEST_REQUIRE(out.len == best);
				RC_TEST_REQUIRE(out.ids[0] == s);
				check_walk(&g, &out, mark);
				RC_TEST_REQUIRE(rc_test_has_edge(
					&g, out.ids[out.len - 1], s));
			}
		}
	}
	rc_nodelist_free(&out);
	rc_nodelist_free(&depth);
	rc_graph_free(&g);
	free(dist);
	free(seen_depth);
	free(mark);
}
END_TEST

/* A million-node chain (_i == 0) or cycle (_i == 1): unlimited BFS both
 * ways reaches every node, with depth equal to the distance; shortest
 * path end to end has all 10^6 nodes; shortest cycle through 0. */
START_TEST(test_big)
{
	uint32_t n = RC_TEST_BIG, last = n - 1, v;
	int cycle = _i;
	struct rc_graph g;
	struct rc_nodelist out, depth;

	rc_test_chain(&g, n, cycle);
	rc_nodelist_init(&out);
	rc_nodelist_init(&depth);

	ck_assert_int_eq(rc_bfs(&g, 0, RC_OUT, RC_UNLIMITED, &out, &depth),
			 RC_OK);
	ck_assert_uint_eq(out.len, n);
	for (v = 0; v < n; v++)
		RC_TEST_REQUIRE(out.ids[v] == v && depth.ids[v] == v);
	out.len = depth.len = 0;
	ck_assert_int_eq(rc_bfs(&g, last, RC_IN, RC_UNLIMITED, &out, &depth),
			 RC_OK);
	ck_assert_uint_eq(out.len, n);
	for (v = 0; v < n; v++)
		RC_TEST_REQUIRE(out.ids[v] == last - v && depth.ids[v] == v);
	out.len = depth.len = 0;
	ck_assert_int_eq(rc_bfs(&g, 0, RC_OUT, 10, &out, NULL), RC_OK);
	ck_assert_uint_eq(out.len, 11);
	out.len = 0;
	ck_assert_int_eq(rc_bfs(&g, last, RC_IN, 10, &out, NULL), RC_OK);
	ck_assert_uint_eq(out.len, 11);
	out.len = 0;

	/* Paths: end to end (10^6 nodes), backwards (the closing edge on
	 * the cycle, none on the chain), and 1 -> 0 the long way round. */
	ck_assert_int_eq(rc_shortest_path(&g, 0, last, &out), RC_OK);
	ck_assert_uint_eq(out.len, n);
	for (v = 0; v < n; v++)
		RC_TEST_REQUIRE(out.ids[v] == v);
	out.len = 0;
	ck_assert_int_eq(rc_shortest_path(&g, last, 0, &out),
			 cycle ? RC_OK : RC_ENOTFOUND);
	ck_assert_uint_eq(out.len, cycle ? 2 : 0);
	out.len = 0;
	ck_assert_int_eq(rc_shortest_path(&g, 1, 0, &out),
			 cycle ? RC_OK : RC_ENOTFOUND);
	ck_assert_uint_eq(out.len, cycle ? n : 0);
	out.len = 0;

	ck_assert_int_eq(rc_shortest_cycle(&g, 0, &out),
			 cycle ? RC_OK : RC_ENOTFOUND);
	if (cycle) {
		ck_assert_uint_eq(out.len, n);
		for (v = 0; v < n; v++)
			RC_TEST_REQUIRE(out.ids[v] == v);
		out.len = 0;
		ck_assert_int_eq(rc_shortest_cycle(&g, n / 2, &out), RC_OK);
		ck_assert_uint_eq(out.len, n);
		for (v = 0; v < n; v++)
			RC_TEST_REQUIRE(out.ids[v] == (n / 2 + v) % n);
	}
	rc_nodelist_free(&out);
	rc_nodelist_free(&depth);
	rc_graph_free(&g);
}
END_TEST

Suite *
bfs_suite(void)
{
	Suite *s = suite_create("bfs");
	TCase *tc = tcase_create("core");
	TCase *rnd = tcase_create("random");
	TCase *big = tcase_create("big");

	tcase_add_test(tc, test_refcycle_descendants);
	tcase_add_test(tc, test_refcycle_ancestors);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_self_loop_multi_edges);
	tcase_add_test(tc, test_chain_cycle_diamond);
	tcase_add_test(tc, test_cycle_choice);
	tcase_add_test(tc, test_errors);
	suite_add_tcase(s, tc);

	tcase_set_timeout(rnd, RC_TEST_BIG_TIMEOUT);
	tcase_add_loop_test(rnd, test_random_cross_check, 0, 7);
	suite_add_tcase(s, rnd);

	tcase_set_timeout(big, RC_TEST_BIG_TIMEOUT);
	tcase_add_loop_test(big, test_big, 0, 2);
	suite_add_tcase(s, big);
	return s;
}
