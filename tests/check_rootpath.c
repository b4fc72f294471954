/* check_rootpath.c - tests of rootpath.c: a shortest path from a root to
 * a node, found backwards, with skipped tails and skipped edges. */
#include <config.h>

#include "tests/check_suites.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "src/common/status.h"
#include "src/graph/nodeset.h"
#include "src/graph/rootpath.h"

#define INF UINT32_MAX

/* Sentinels put in front of path and edges: rc_path_to_root appends. */
#define PATH_MARK 4242u
#define EDGE_MARK 4343u

/* A node set of universe n holding the count ids of members. */
static void
make_set(struct rc_nodeset *s, uint32_t n, const uint32_t *members,
	 uint32_t count)
{
	uint32_t k;

	ck_assert_int_eq(rc_nodeset_init(s, n), RC_OK);
	for (k = 0; k < count; k++) {
		ck_assert_uint_lt(members[k], n);
		rc_nodeset_add(s, members[k]);
	}
}

/* Both lists emptied and given their sentinel. */
static void
reset_lists(struct rc_nodelist *path, struct rc_nodelist *edges)
{
	path->len = edges->len = 0;
	ck_assert_int_eq(rc_nodelist_push(path, PATH_MARK), RC_OK);
	ck_assert_int_eq(rc_nodelist_push(edges, EDGE_MARK), RC_OK);
}

/* rc_path_to_root must succeed with exactly the given nodes and edge ids
 * after the sentinels (count nodes, count - 1 edges); then the same call
 * with edges NULL must give the same nodes. */
static void
expect_path(const struct rc_graph *g, uint32_t v,
	    const struct rc_nodeset *roots,
	    const struct rc_rootpath_skip *skip, const uint32_t *want,
	    const uint32_t *want_edges, uint32_t count)
{
	struct rc_nodelist path, edges;
	uint32_t k;

	rc_nodelist_init(&path);
	rc_nodelist_init(&edges);
	reset_lists(&path, &edges);
	ck_assert_int_eq(rc_path_to_root(g, v, roots, skip, &path, &edges),
			 RC_OK);
	ck_assert_uint_eq(path.len, count + 1);
	ck_assert_uint_eq(edges.len, count);
	ck_assert_uint_eq(path.ids[0], PATH_MARK);
	ck_assert_uint_eq(edges.ids[0], EDGE_MARK);
	for (k = 0; k < count; k++)
		ck_assert_uint_eq(path.ids[k + 1], want[k]);
	for (k = 0; k + 1 < count; k++)
		ck_assert_uint_eq(edges.ids[k + 1], want_edges[k]);

	path.len = 0;
	ck_assert_int_eq(rc_path_to_root(g, v, roots, skip, &path, NULL),
			 RC_OK);
	ck_assert_uint_eq(path.len, count);
	for (k = 0; k < count; k++)
		ck_assert_uint_eq(path.ids[k], want[k]);
	rc_nodelist_free(&path);
	rc_nodelist_free(&edges);
}

/* rc_path_to_root must fail with status want and leave both lists as
 * they were: empty, and then holding a few entries. */
static void
expect_fail(const struct rc_graph *g, uint32_t v,
	    const struct rc_nodeset *roots,
	    const struct rc_rootpath_skip *skip, int want)
{
	struct rc_nodelist path, edges;
	uint32_t k;

	rc_nodelist_init(&path);
	rc_nodelist_init(&edges);
	ck_assert_int_eq(rc_path_to_root(g, v, roots, skip, &path, &edges),
			 want);
	ck_assert_uint_eq(path.len, 0);
	ck_assert_uint_eq(edges.len, 0);
	ck_assert_int_eq(rc_path_to_root(g, v, roots, skip, &path, NULL),
			 want);
	ck_assert_uint_eq(path.len, 0);

	for (k = 0; k < 3; k++)
		ck_assert_int_eq(rc_nodelist_push(&path, 100 + k), RC_OK);
	for (k = 0; k < 2; k++)
		ck_assert_int_eq(rc_nodelist_push(&edges, 200 + k), RC_OK);
	ck_assert_int_eq(rc_path_to_root(g, v, roots, skip, &path, &edges),
			 want);
	ck_assert_uint_eq(path.len, 3);
	ck_assert_uint_eq(edges.len, 2);
	for (k = 0; k < 3; k++)
		ck_assert_uint_eq(path.ids[k], 100 + k);
	for (k = 0; k < 2; k++)
		ck_assert_uint_eq(edges.ids[k], 200 + k);
	ck_assert_int_eq(rc_path_to_root(g, v, roots, skip, &path, NULL),
			 want);
	ck_assert_uint_eq(path.len, 3);
	rc_nodelist_free(&path);
	rc_nodelist_free(&edges);
}

/* v a root: the path is just v, with no edges, whatever else is a root,
 * whatever is skipped (v's own out-edges are never used) and whatever
 * edges lead into v. */
START_TEST(test_v_is_root)
{
	/* Edge ids are the positions: the pairs are sorted by source. */
	static const uint32_t p[][2] = { {0, 1}, {1, 1}, {1, 2}, {2, 1} };
	static const uint32_t all[] = { 0, 1, 2 }, one[] = { 1 };
	static const uint32_t e_all[] = { 0, 1, 2, 3 };
	struct rc_graph g;
	struct rc_nodeset roots, tails, eskip;
	struct rc_rootpath_skip none = { NULL, NULL };
	struct rc_rootpath_skip both;
	uint32_t v;

	rc_test_build(&g, 3, p, RC_TEST_COUNT(p), 0);
	make_set(&roots, 3, all, 3);
	make_set(&tails, 3, all, 3);
	make_set(&eskip, 4, e_all, 4);
	both.tails = &tails;
	both.edges = &eskip;
	for (v = 0; v < 3; v++) {
		uint32_t want[] = { v };

		expect_path(&g, v, &roots, NULL, want, NULL, 1);
		expect_path(&g, v, &roots, &none, want, NULL, 1);
		expect_path(&g, v, &roots, &both, want, NULL, 1);
	}
	rc_nodeset_free(&roots);
	make_set(&roots, 3, one, 1);
	expect_path(&g, 1, &roots, NULL, one, NULL, 1);
	expect_path(&g, 1, &roots, &both, one, NULL, 1);
	/* With every tail skipped, 1 reaches neither 0 nor 2. */
	expect_fail(&g, 0, &roots, &both, RC_ENOTFOUND);
	expect_fail(&g, 2, &roots, &both, RC_ENOTFOUND);
	rc_nodeset_free(&roots);
	rc_nodeset_free(&tails);
	rc_nodeset_free(&eskip);
	rc_graph_free(&g);
}
END_TEST

/* root -> a -> b -> v with distractors: a branch off the chain and a node
 * leading into it from outside the roots. */
START_TEST(test_chain)
{
	/* 0 = root, 1 = a, 2 = b, 3 = v; 4 -> 2 (4 no root), 1 -> 5. */
	static const uint32_t p[][2] = {
		{0, 1}, {1, 5}, {1, 2}, {2, 3}, {4, 2}
	};
	static const uint32_t r[] = { 0 };
	static const uint32_t want[] = { 0, 1, 2, 3 };
	static const uint32_t want_e[] = { 0, 2, 3 };
	struct rc_graph g;
	struct rc_nodeset roots;

	rc_test_build(&g, 6, p, RC_TEST_COUNT(p), 0);
	make_set(&roots, 6, r, 1);
	expect_path(&g, 3, &roots, NULL, want, want_e, 4);
	expect_path(&g, 2, &roots, NULL, want, want_e, 3);
	expect_path(&g, 1, &roots, NULL, want, want_e, 2);
	{
		static const uint32_t w5[] = { 0, 1, 5 }, e5[] = { 0, 1 };

		expect_path(&g, 5, &roots, NULL, w5, e5, 3);
	}
	/* Nothing reaches the unrooted 4. */
	expect_fail(&g, 4, &roots, NULL, RC_ENOTFOUND);
	/* A root with no path from it: none of the chain is reachable
	 * from 5. */
	rc_nodeset_remove(&roots, 0);
	rc_nodeset_add(&roots, 5);
	expect_fail(&g, 3, &roots, NULL, RC_ENOTFOUND);
	/* No roots at all. */
	rc_nodeset_remove(&roots, 5);
	expect_fail(&g, 3, &roots, NULL, RC_ENOTFOUND);
	rc_nodeset_free(&roots);
	rc_graph_free(&g);
}
END_TEST

/* Two roots at different distances: the nearer wins, whichever has the
 * lower id and whichever is first in v's in-list. */
START_TEST(test_nearer_root)
{
	/* 0 -> 1 -> 2 -> 5 (root 0 at 3), 4 -> 5 (root 4 at 1),
	 * 3 -> 0 (root 3 at 4). */
	static const uint32_t p[][2] = {
		{0, 1}, {1, 2}, {2, 5}, {3, 0}, {4, 5}
	};
	static const uint32_t r[] = { 0, 3, 4 };
	static const uint32_t w4[] = { 4, 5 }, e4[] = { 4 };
	static const uint32_t w0[] = { 0, 1, 2, 5 }, e0[] = { 0, 1, 2 };
	static const uint32_t w3[] = { 3, 0, 1, 2, 5 }, e3[] = { 3, 0, 1, 2 };
	/* A chain 0 -> 1 -> ... -> 5 with roots 0 and 3: v = 5 from 3. */
	static const uint32_t c[] = { 0, 3 };
	static const uint32_t wc[] = { 3, 4, 5 }, ec[] = { 3, 4 };
	struct rc_graph g;
	struct rc_nodeset roots;

	rc_test_build(&g, 6, p, RC_TEST_COUNT(p), 0);
	make_set(&roots, 6, r, 3);
	expect_path(&g, 5, &roots, NULL, w4, e4, 2);
	rc_nodeset_remove(&roots, 4);
	expect_path(&g, 5, &roots, NULL, w0, e0, 4);
	rc_nodeset_remove(&roots, 0);
	expect_path(&g, 5, &roots, NULL, w3, e3, 5);
	rc_nodeset_free(&roots);
	rc_graph_free(&g);

	rc_test_chain(&g, 6, 0);
	make_set(&roots, 6, c, 2);
	expect_path(&g, 5, &roots, NULL, wc, ec, 3);
	rc_nodeset_free(&roots);
	rc_graph_free(&g);
}
END_TEST

/* Check one successful answer against g: path root ... v, each edge a
 * real edge from one node to the next, as given. */
static void
check_found(const struct rc_graph *g, uint32_t v,
	    const struct rc_nodeset *roots, const struct rc_nodelist *path,
	    const struct rc_nodelist *edges, uint32_t want_len)
{
	uint32_t k;

	RC_TEST_REQUIRE(path->len == want_len);
	RC_TEST_REQUIRE(edges->len + 1 == want_len);
	RC_TEST_REQUIRE(rc_nodeset_has(roots, path->ids[0]));
	RC_TEST_REQUIRE(path->ids[path->len - 1] == v);
	for (k = 0; k < edges->len; k++) {
		uint32_t e = edges->ids[k];

		RC_TEST_REQUIRE(e < g->m);
		RC_TEST_REQUIRE(rc_graph_tail(g, e) == path->ids[k]);
		RC_TEST_REQUIRE(g->out_dst[e] == path->ids[k + 1]);
	}
}

/* A diamond 0 -> {1, 2} -> 3: either middle is a shortest path; skipping
 * one side (its edge or its tail) forces the other. */
START_TEST(test_diamond)
{
	/* Edge ids: 0: 0->1, 1: 0->2, 2: 1->3, 3: 2->3. */
	static const uint32_t p[][2] = { {0, 1}, {0, 2}, {1, 3}, {2, 3} };
	static const uint32_t r[] = { 0 };
	static const uint32_t via1[] = { 0, 1, 3 }, e1[] = { 0, 2 };
	static const uint32_t via2[] = { 0, 2, 3 }, e2[] = { 1, 3 };
	static const uint32_t s1[] = { 1 }, s2[] = { 2 };
	static const uint32_t se0[] = { 0 }, se3[] = { 3 }, se23[] = { 2, 3 };
	struct rc_graph g;
	struct rc_nodeset roots, tails, eskip;
	struct rc_rootpath_skip skip = { NULL, NULL };
	struct rc_nodelist path, edges;

	rc_test_build(&g, 4, p, RC_TEST_COUNT(p), 0);
	make_set(&roots, 4, r, 1);
	rc_nodelist_init(&path);
	rc_nodelist_init(&edges);
	ck_assert_int_eq(rc_path_to_root(&g, 3, &roots, NULL, &path, &edges),
			 RC_OK);
	check_found(&g, 3, &roots, &path, &edges, 3);
	ck_assert(path.ids[1] == 1 || path.ids[1] == 2);

	make_set(&tails, 4, s1, 1);
	skip.tails = &tails;
	expect_path(&g, 3, &roots, &skip, via2, e2, 3);
	rc_nodeset_free(&tails);
	make_set(&tails, 4, s2, 1);
	expect_path(&g, 3, &roots, &skip, via1, e1, 3);
	rc_nodeset_free(&tails);
	skip.tails = NULL;

	skip.edges = &eskip;
	make_set(&eskip, 4, se0, 1);
	expect_path(&g, 3, &roots, &skip, via2, e2, 3);
	rc_nodeset_free(&eskip);
	make_set(&eskip, 4, se3, 1);
	expect_path(&g, 3, &roots, &skip, via1, e1, 3);
	rc_nodeset_free(&eskip);
	make_set(&eskip, 4, se23, 2);
	expect_fail(&g, 3, &roots, &skip, RC_ENOTFOUND);
	rc_nodeset_free(&eskip);

	rc_nodelist_free(&path);
	rc_nodelist_free(&edges);
	rc_nodeset_free(&roots);
	rc_graph_free(&g);
}
END_TEST

/* Parallel edges: the lowest edge id that is not skipped is reported,
 * also when the parallel edges are interleaved with others in the tail's
 * out-list and when they are in the middle of the path. */
START_TEST(test_parallel_edges)
{
	/* Edge ids: 0: 0->2, 1: 0->1, 2: 0->2, 3: 0->1, 4: 0->1,
	 * 5: 1->3, 6: 1->3, 7: 2->3. */
	static const uint32_t p[][2] = {
		{0, 2}, {0, 1}, {0, 2}, {0, 1}, {0, 1}, {1, 3}, {1, 3}, {2, 3}
	};
	static const uint32_t r[] = { 0 };
	static const uint32_t w1[] = { 0, 1 }, w2[] = { 0, 2 };
	static const uint32_t w13[] = { 0, 1, 3 }, w23[] = { 0, 2, 3 };
	struct rc_graph g;
	struct rc_nodeset roots, eskip;
	struct rc_rootpath_skip skip = { NULL, NULL };

	rc_test_build(&g, 4, p, RC_TEST_COUNT(p), 0);
	make_set(&roots, 4, r, 1);
	ck_assert_int_eq(rc_nodeset_init(&eskip, g.m), RC_OK);
	skip.edges = &eskip;

	{
		static const uint32_t e[] = { 1 };

		expect_path(&g, 1, &roots, NULL, w1, e, 2);
		expect_path(&g, 1, &roots, &skip, w1, e, 2);
	}
	rc_nodeset_add(&eskip, 1);
	{
		static const uint32_t e[] = { 3 };

		expect_path(&g, 1, &roots, &skip, w1, e, 2);
	}
	rc_nodeset_add(&eskip, 3);
	{
		static const uint32_t e[] = { 4 };

		expect_path(&g, 1, &roots, &skip, w1, e, 2);
	}
	rc_nodeset_add(&eskip, 4);
	expect_fail(&g, 1, &roots, &skip, RC_ENOTFOUND);
	/* Only 0 -> 1 skipped: 3 through 2. */
	{
		static const uint32_t e[] = { 0, 7 };

		expect_path(&g, 3, &roots, &skip, w23, e, 3);
	}

	rc_nodeset_clear(&eskip);
	{
		static const uint32_t e[] = { 0 };

		expect_path(&g, 2, &roots, NULL, w2, e, 2);
	}
	rc_nodeset_add(&eskip, 0);
	{
		static const uint32_t e[] = { 2 };

		expect_path(&g, 2, &roots, &skip, w2, e, 2);
	}

	/* Parallel edges in the middle: 1 -> 3 is 5 or 6.  Skip 2 -> 3 so
	 * the path must go through 1. */
	rc_nodeset_clear(&eskip);
	rc_nodeset_add(&eskip, 7);
	{
		static const uint32_t e[] = { 1, 5 };

		expect_path(&g, 3, &roots, &skip, w13, e, 3);
	}
	rc_nodeset_add(&eskip, 5);
	{
		static const uint32_t e[] = { 1, 6 };

		expect_path(&g, 3, &roots, &skip, w13, e, 3);
	}
	rc_nodeset_add(&eskip, 1);
	{
		static const uint32_t e[] = { 3, 6 };

		expect_path(&g, 3, &roots, &skip, w13, e, 3);
	}
	rc_nodeset_add(&eskip, 6);
	expect_fail(&g, 3, &roots, &skip, RC_ENOTFOUND);

	rc_nodeset_free(&eskip);
	rc_nodeset_free(&roots);
	rc_graph_free(&g);
}
END_TEST

/* A self-loop on v (and on a node before it) is never part of a path. */
START_TEST(test_self_loop)
{
	/* Edge ids: 0: 0->1, 1: 1->1, 2: 1->2, 3: 2->2, 4: 3->3. */
	static const uint32_t p[][2] = {
		{0, 1}, {1, 1}, {1, 2}, {2, 2}, {3, 3}
	};
	static const uint32_t r[] = { 0 };
	static const uint32_t w[] = { 0, 1, 2 }, e[] = { 0, 2 };
	static const uint32_t s0[] = { 0 };
	struct rc_graph g;
	struct rc_nodeset roots, eskip;
	struct rc_rootpath_skip skip = { NULL, NULL };

	rc_test_build(&g, 4, p, RC_TEST_COUNT(p), 0);
	make_set(&roots, 4, r, 1);
	expect_path(&g, 1, &roots, NULL, w, e, 2);
	expect_path(&g, 2, &roots, NULL, w, e, 3);
	/* 3 has only its self-loop. */
	expect_fail(&g, 3, &roots, NULL, RC_ENOTFOUND);
	/* Without 0 -> 1, 1 has only its self-loop. */
	make_set(&eskip, 5, s0, 1);
	skip.edges = &eskip;
	expect_fail(&g, 1, &roots, &skip, RC_ENOTFOUND);
	expect_fail(&g, 2, &roots, &skip, RC_ENOTFOUND);
	/* v a root with a self-loop. */
	rc_nodeset_add(&roots, 3);
	{
		static const uint32_t w3[] = { 3 };

		expect_path(&g, 3, &roots, NULL, w3, NULL, 1);
	}
	rc_nodeset_free(&eskip);
	rc_nodeset_free(&roots);
	rc_graph_free(&g);
}
END_TEST

/* Skipped tails: a skipped tail's out-edges are unusable, so removing
 * the only way gives RC_ENOTFOUND with the lists as they were; a skipped
 * v or a root skipped as a tail only matter through their out-edges. */
START_TEST(test_skip_tails)
{
	/* Edge ids: 0: 0->1, 1: 1->2, 2: 2->3. */
	static const uint32_t r[] = { 0 };
	static const uint32_t s1[] = { 1 }, s0[] = { 0 }, s3[] = { 3 };
	static const uint32_t w[] = { 0, 1, 2, 3 }, e[] = { 0, 1, 2 };
	struct rc_graph g;
	struct rc_nodeset roots, tails;
	struct rc_rootpath_skip skip = { NULL, NULL };

	rc_test_chain(&g, 4, 0);
	make_set(&roots, 4, r, 1);
	skip.tails = &tails;

	make_set(&tails, 4, s1, 1);
	expect_fail(&g, 3, &roots, &skip, RC_ENOTFOUND);
	expect_fail(&g, 2, &roots, &skip, RC_ENOTFOUND);
	expect_path(&g, 1, &roots, &skip, w, e, 2);	/* 1's in-edge is fine */
	rc_nodeset_free(&tails);

	make_set(&tails, 4, s0, 1);			/* the root itself */
	expect_fail(&g, 3, &roots, &skip, RC_ENOTFOUND);
	expect_fail(&g, 1, &roots, &skip, RC_ENOTFOUND);
	expect_path(&g, 0, &roots, &skip, w, e, 1);
	rc_nodeset_free(&tails);

	make_set(&tails, 4, s3, 1);			/* v: no effect */
	expect_path(&g, 3, &roots, &skip, w, e, 4);
	rc_nodeset_free(&tails);

	/* An empty tails set is no restriction. */
	ck_assert_int_eq(rc_nodeset_init(&tails, 4), RC_OK);
	expect_path(&g, 3, &roots, &skip, w, e, 4);
	rc_nodeset_free(&tails);

	rc_nodeset_free(&roots);
	rc_graph_free(&g);
}
END_TEST

/* Skipped edges force a longer path, or none. */
START_TEST(test_skip_edges)
{
	/* Edge ids: 0: 0->3, 1: 0->1, 2: 1->2, 3: 2->3, 4: 4->3. */
	static const uint32_t p[][2] = {
		{0, 3}, {0, 1}, {1, 2}, {2, 3}, {4, 3}
	};
	static const uint32_t r[] = { 0 };
	static const uint32_t ws[] = { 0, 3 }, es[] = { 0 };
	static const uint32_t wl[] = { 0, 1, 2, 3 }, el[] = { 1, 2, 3 };
	static const uint32_t sk0[] = { 0 }, sk02[] = { 0, 2 };
	struct rc_graph g;
	struct rc_nodeset roots, eskip;
	struct rc_rootpath_skip skip = { NULL, NULL };

	rc_test_build(&g, 5, p, RC_TEST_COUNT(p), 0);
	make_set(&roots, 5, r, 1);
	skip.edges = &eskip;
	expect_path(&g, 3, &roots, NULL, ws, es, 2);
	make_set(&eskip, 5, sk0, 1);
	expect_path(&g, 3, &roots, &skip, wl, el, 4);
	rc_nodeset_free(&eskip);
	make_set(&eskip, 5, sk02, 2);
	expect_fail(&g, 3, &roots, &skip, RC_ENOTFOUND);
	/* Root 4 gives the way back. */
	rc_nodeset_add(&roots, 4);
	{
		static const uint32_t w4[] = { 4, 3 }, e4[] = { 4 };

		expect_path(&g, 3, &roots, &skip, w4, e4, 2);
	}
	rc_nodeset_free(&eskip);
	rc_nodeset_free(&roots);
	rc_graph_free(&g);
}
END_TEST

/* RC_EINVAL for v out of range or a set of the wrong universe; the lists
 * keep their lengths. */
START_TEST(test_errors)
{
	/* n = 4, m = 5, so the node and edge universes differ. */
	static const uint32_t p[][2] = {
		{0, 1}, {0, 1}, {1, 2}, {2, 3}, {3, 0}
	};
	struct rc_graph g;
	struct rc_nodeset roots, small, big, tails, eskip;
	struct rc_rootpath_skip skip = { NULL, NULL };

	rc_test_build(&g, 4, p, RC_TEST_COUNT(p), 0);
	ck_assert_int_eq(rc_nodeset_init(&roots, 4), RC_OK);
	rc_nodeset_add(&roots, 0);
	ck_assert_int_eq(rc_nodeset_init(&small, 3), RC_OK);
	rc_nodeset_add(&small, 0);
	ck_assert_int_eq(rc_nodeset_init(&big, 5), RC_OK);
	rc_nodeset_add(&big, 0);
	ck_assert_int_eq(rc_nodeset_init(&tails, 4), RC_OK);
	ck_assert_int_eq(rc_nodeset_init(&eskip, 5), RC_OK);

	/* All fine: a baseline. */
	skip.tails = &tails;
	skip.edges = &eskip;
	{
		static const uint32_t w[] = { 0, 1, 2, 3 }, e[] = { 0, 2, 3 };

		expect_path(&g, 3, &roots, &skip, w, e, 4);
	}

	expect_fail(&g, 4, &roots, NULL, RC_EINVAL);
	expect_fail(&g, 4, &roots, &skip, RC_EINVAL);
	expect_fail(&g, RC_NONE, &roots, NULL, RC_EINVAL);
	/* Roots of n - 1 or n + 1 (= m) nodes. */
	expect_fail(&g, 3, &small, NULL, RC_EINVAL);
	expect_fail(&g, 3, &big, NULL, RC_EINVAL);
	expect_fail(&g, 0, &big, NULL, RC_EINVAL);	/* even v a root */
	/* Tails of the edge universe or too small. */
	skip.tails = &big;
	expect_fail(&g, 3, &roots, &skip, RC_EINVAL);
	skip.tails = &small;
	expect_fail(&g, 0, &roots, &skip, RC_EINVAL);
	skip.tails = NULL;
	/* Edges of the node universe. */
	skip.edges = &roots;
	expect_fail(&g, 3, &roots, &skip, RC_EINVAL);
	expect_fail(&g, 0, &roots, &skip, RC_EINVAL);
	skip.edges = &small;
	expect_fail(&g, 3, &roots, &skip, RC_EINVAL);
	skip.tails = &tails;
	skip.edges = &tails;
	expect_fail(&g, 3, &roots, &skip, RC_EINVAL);

	rc_nodeset_free(&roots);
	rc_nodeset_free(&small);
	rc_nodeset_free(&big);
	rc_nodeset_free(&tails);
	rc_nodeset_free(&eskip);
	rc_graph_free(&g);
}
END_TEST

/* No edges: only roots have a path; n = 0: every v is out of range. */
START_TEST(test_empty)
{
	static const uint32_t r[] = { 1, 3 };
	struct rc_graph g;
	struct rc_nodeset roots, tails, eskip, eskip1;
	struct rc_rootpath_skip skip;
	uint32_t v;

	ck_assert_int_eq(rc_graph_init_empty(&g, 0), RC_OK);
	ck_assert_int_eq(rc_nodeset_init(&roots, 0), RC_OK);
	expect_fail(&g, 0, &roots, NULL, RC_EINVAL);
	rc_nodeset_free(&roots);
	rc_graph_free(&g);

	ck_assert_int_eq(rc_graph_init_empty(&g, 5), RC_OK);
	make_set(&roots, 5, r, 2);
	ck_assert_int_eq(rc_nodeset_init(&tails, 5), RC_OK);
	ck_assert_int_eq(rc_nodeset_init(&eskip, 0), RC_OK);
	ck_assert_int_eq(rc_nodeset_init(&eskip1, 1), RC_OK);
	skip.tails = &tails;
	skip.edges = &eskip;
	for (v = 0; v < 5; v++) {
		uint32_t want[] = { v };

		if (rc_nodeset_has(&roots, v)) {
			expect_path(&g, v, &roots, NULL, want, NULL, 1);
			expect_path(&g, v, &roots, &skip, want, NULL, 1);
		} else {
			expect_fail(&g, v, &roots, NULL, RC_ENOTFOUND);
			expect_fail(&g, v, &roots, &skip, RC_ENOTFOUND);
		}
	}
	expect_fail(&g, 5, &roots, NULL, RC_EINVAL);
	skip.edges = &eskip1;	/* m is 0, not 1 */
	expect_fail(&g, 1, &roots, &skip, RC_EINVAL);
	rc_nodeset_free(&roots);
	rc_nodeset_free(&tails);
	rc_nodeset_free(&eskip);
	rc_nodeset_free(&eskip1);
	rc_graph_free(&g);
}
END_TEST

/* Reference distances to v over the allowed edges by Bellman-Ford style
 * relaxation over the edge list, O(n * m): no queue and no in-lists, so
 * independent of the search under test. */
static void
relax_to(const struct rc_graph *g, uint32_t v,
	 const struct rc_rootpath_skip *skip, uint32_t *dist)
{
	uint32_t u, e;
	int changed = 1;

	for (u = 0; u < g->n; u++)
		dist[u] = INF;
	dist[v] = 0;
	while (changed) {
		changed = 0;
		for (u = 0; u < g->n; u++) {
			if (skip->tails != NULL && rc_nodeset_has(skip->tails, u))
				continue;
			for (e = g->out_off[u]; e < g->out_off[u + 1]; e++) {
				uint32_t w = g->out_dst[e];

				if (skip->edges != NULL &&
				    rc_nodeset_has(skip->edges, e))
					continue;
				if (dist[w] != INF && dist[w] + 1 < dist[u]) {
					dist[u] = dist[w] + 1;
					changed = 1;
				}
			}
		}
	}
}

/* The lowest allowed edge id u -> w, or RC_NONE (linear scan). */
static uint32_t
lowest_allowed(const struct rc_graph *g, const struct rc_rootpath_skip *skip,
	       uint32_t u, uint32_t w)
{
	uint32_t e;

	if (skip->tails != NULL && rc_nodeset_has(skip->tails, u))
		return RC_NONE;
	for (e = g->out_off[u]; e < g->out_off[u + 1]; e++)
		if (g->out_dst[e] == w &&
		    (skip->edges == NULL || !rc_nodeset_has(skip->edges, e)))
			return e;
	return RC_NONE;
}

/* 60 random graphs per run (five runs: 300 graphs) of 1 to 12 nodes and
 * up to 3n edges, self-loops and parallel edges included, with random
 * roots, skipped tails and skipped edges (each sometimes NULL), every v:
 * against the relaxation.  Checked: the status, the path length, the
 * first node a root and the last v, every edge real, allowed and from
 * one node to the next, the lowest allowed among parallels, and the
 * lists untouched on failure. */
START_TEST(test_random_cross_check)
{
	uint64_t seed = 0x5eed0000u + (uint64_t)_i;
	uint32_t *dist = malloc(16 * sizeof(uint32_t));
	struct rc_nodelist path, edges;
	int round;

	ck_assert_ptr_nonnull(dist);
	rc_nodelist_init(&path);
	rc_nodelist_init(&edges);
	for (round = 0; round < 60; round++) {
		uint32_t n = 1 + rc_test_below(&seed, 12);
		uint32_t m = rc_test_below(&seed, 3 * n + 1);
		uint32_t mode = rc_test_below(&seed, 4);
		uint32_t u, e, v;
		struct rc_graph g;
		struct rc_nodeset roots, tails, eskip;
		struct rc_rootpath_skip skip = { NULL, NULL };

		rc_test_random_graph(&g, n, m, &seed);
		RC_TEST_REQUIRE(rc_nodeset_init(&roots, n) == RC_OK);
		RC_TEST_REQUIRE(rc_nodeset_init(&tails, n) == RC_OK);
		RC_TEST_REQUIRE(rc_nodeset_init(&eskip, m) == RC_OK);
		for (u = 0; u < n; u++) {
			if (rc_test_below(&seed, 4) == 0)
				rc_nodeset_add(&roots, u);
			if (rc_test_below(&seed, 6) == 0)
				rc_nodeset_add(&tails, u);
		}
		for (e = 0; e < m; e++)
			if (rc_test_below(&seed, 4) == 0)
				rc_nodeset_add(&eskip, e);
		if (mode & 1)
			skip.tails = &tails;
		if (mode & 2)
			skip.edges = &eskip;

		for (v = 0; v < n; v++) {
			uint32_t best = INF, k;
			int rc, with_edges = rc_test_below(&seed, 4) != 0;
			uint32_t pre = rc_test_below(&seed, 3);

			relax_to(&g, v, &skip, dist);
			for (u = 0; u < n; u++)
				if (rc_nodeset_has(&roots, u) && dist[u] < best)
					best = dist[u];

			/* pre entries already in each list, to be kept. */
			path.len = edges.len = 0;
			for (k = 0; k < pre; k++) {
				RC_TEST_REQUIRE(rc_nodelist_push(&path, 900 + k)
						== RC_OK);
				RC_TEST_REQUIRE(rc_nodelist_push(&edges, 950 + k)
						== RC_OK);
			}
			rc = rc_path_to_root(&g, v, &roots,
					     (mode != 0 || (v & 1)) ? &skip
								    : NULL,
					     &path, with_edges ? &edges : NULL);
			for (k = 0; k < pre; k++) {
				RC_TEST_REQUIRE(path.ids[k] == 900 + k);
				RC_TEST_REQUIRE(edges.ids[k] == 950 + k);
			}
			if (best == INF) {
				RC_TEST_REQUIRE(rc == RC_ENOTFOUND);
				RC_TEST_REQUIRE(path.len == pre);
				RC_TEST_REQUIRE(edges.len == pre);
				continue;
			}
			RC_TEST_REQUIRE(rc == RC_OK);
			RC_TEST_REQUIRE(path.len == pre + best + 1);
			RC_TEST_REQUIRE(edges.len ==
					(with_edges ? pre + best : pre));
			RC_TEST_REQUIRE(rc_nodeset_has(&roots, path.ids[pre]));
			RC_TEST_REQUIRE(path.ids[path.len - 1] == v);
			for (k = 0; k <= best; k++) {
				/* Each node at its distance: a shortest path. */
				RC_TEST_REQUIRE(path.ids[pre + k] < n);
				RC_TEST_REQUIRE(dist[path.ids[pre + k]] ==
						best - k);
			}
			if (!with_edges)
				continue;
			for (k = 0; k < best; k++) {
				uint32_t a = path.ids[pre + k];
				uint32_t b = path.ids[pre + k + 1];

				e = edges.ids[pre + k];
				RC_TEST_REQUIRE(e < m);
				RC_TEST_REQUIRE(rc_graph_tail(&g, e) == a);
				RC_TEST_REQUIRE(g.out_dst[e] == b);
				RC_TEST_REQUIRE(skip.edges == NULL ||
						!rc_nodeset_has(&eskip, e));
				RC_TEST_REQUIRE(skip.tails == NULL ||
						!rc_nodeset_has(&tails, a));
				RC_TEST_REQUIRE(e ==
						lowest_allowed(&g, &skip, a, b));
			}
		}
		rc_nodeset_free(&roots);
		rc_nodeset_free(&tails);
		rc_nodeset_free(&eskip);
		rc_graph_free(&g);
	}
	rc_nodelist_free(&path);
	rc_nodelist_free(&edges);
	free(dist);
}
END_TEST

/* A million-node chain 0 -> ... -> n-1, root 0, v = n-1: the whole chain
 * (edge k is k -> k+1); with an (empty) edge mask too; a second root
 * halfway is nearer; a skipped tail past both cuts every path, and the
 * lists keep their million entries. */
START_TEST(test_big)
{
	uint32_t n = RC_TEST_BIG, last = n - 1, half = n / 2, k;
	struct rc_graph g;
	struct rc_nodeset roots, tails, eskip;
	struct rc_rootpath_skip skip = { NULL, NULL };
	struct rc_nodelist path, edges;

	rc_test_chain(&g, n, 0);
	ck_assert_int_eq(rc_nodeset_init(&roots, n), RC_OK);
	ck_assert_int_eq(rc_nodeset_init(&tails, n), RC_OK);
	ck_assert_int_eq(rc_nodeset_init(&eskip, g.m), RC_OK);
	rc_nodeset_add(&roots, 0);
	rc_nodelist_init(&path);
	rc_nodelist_init(&edges);

	ck_assert_int_eq(rc_path_to_root(&g, last, &roots, NULL, &path,
					 &edges), RC_OK);
	ck_assert_uint_eq(path.len, n);
	ck_assert_uint_eq(edges.len, n - 1);
	for (k = 0; k < n; k++)
		RC_TEST_REQUIRE(path.ids[k] == k);
	for (k = 0; k < n - 1; k++)
		RC_TEST_REQUIRE(edges.ids[k] == k);

	path.len = edges.len = 0;
	skip.tails = &tails;
	skip.edges = &eskip;
	ck_assert_int_eq(rc_path_to_root(&g, last, &roots, &skip, &path,
					 &edges), RC_OK);
	ck_assert_uint_eq(path.len, n);
	ck_assert_uint_eq(edges.len, n - 1);
	for (k = 0; k < n; k++)
		RC_TEST_REQUIRE(path.ids[k] == k);
	for (k = 0; k < n - 1; k++)
		RC_TEST_REQUIRE(edges.ids[k] == k);

	path.len = edges.len = 0;
	rc_nodeset_add(&roots, half);
	ck_assert_int_eq(rc_path_to_root(&g, last, &roots, &skip, &path,
					 &edges), RC_OK);
	ck_assert_uint_eq(path.len, n - half);
	ck_assert_uint_eq(edges.len, n - half - 1);
	for (k = 0; k < n - half; k++)
		RC_TEST_REQUIRE(path.ids[k] == half + k);
	for (k = 0; k + 1 < n - half; k++)
		RC_TEST_REQUIRE(edges.ids[k] == half + k);

	/* A skipped tail past the second root: no way; the lists keep
	 * their lengths (and contents). */
	rc_nodeset_add(&tails, half + 10);
	ck_assert_int_eq(rc_path_to_root(&g, last, &roots, &skip, &path,
					 &edges), RC_ENOTFOUND);
	ck_assert_uint_eq(path.len, n - half);
	ck_assert_uint_eq(edges.len, n - half - 1);
	ck_assert_uint_eq(path.ids[0], half);
	ck_assert_uint_eq(path.ids[path.len - 1], last);
	/* A skipped edge instead, with only the root 0. */
	rc_nodeset_clear(&tails);
	rc_nodeset_remove(&roots, half);
	rc_nodeset_add(&eskip, 17);
	ck_assert_int_eq(rc_path_to_root(&g, last, &roots, &skip, &path,
					 &edges), RC_ENOTFOUND);
	ck_assert_uint_eq(path.len, n - half);
	ck_assert_uint_eq(edges.len, n - half - 1);

	rc_nodelist_free(&path);
	rc_nodelist_free(&edges);
	rc_nodeset_free(&roots);
	rc_nodeset_free(&tails);
	rc_nodeset_free(&eskip);
	rc_graph_free(&g);
}
END_TEST

/* A hub: root 0 -> 1, 1 -> each of 2 .. d+1 (d = 10^6 children), each
 * child -> v = d+2.  The answer is 0, 1, a child, v, in time about
 * linear in the graph, with or without an edge mask.
 *
 * With an edge mask the search reads each in-edge's id from one map
 * built per call (rc_graph_in_edge_map); it used to recover a node's
 * in-edge ids from its tails' out-lists, so every child rescanned the
 * hub's: about d^2/2 steps.  In a heap: path_to_root(C) for a class C
 * whose instances are held by one large list.  The graph is built with rc_graph_adopt_out and checked
 * with rc_graph_validate only: rc_test_check_graph would call
 * rc_graph_in_edge_ids on every child, quadratic in the same way. */
START_TEST(test_big_hub)
{
	uint32_t d = RC_TEST_BIG, n = d + 3, m = 2 * d + 1, v = d + 2, k;
	uint32_t *off = malloc(((size_t)n + 1) * sizeof(uint32_t));
	uint32_t *dst = malloc((size_t)m * sizeof(uint32_t));
	struct rc_graph g;
	struct rc_nodeset roots, eskip;
	struct rc_rootpath_skip skip = { NULL, NULL };
	struct rc_nodelist path, edges;

	ck_assert_ptr_nonnull(off);
	ck_assert_ptr_nonnull(dst);
	off[0] = 0;
	off[1] = 1;				/* 0 -> 1: edge 0 */
	dst[0] = 1;
	off[2] = 1 + d;				/* 1 -> 2 + k: edge 1 + k */
	for (k = 0; k < d; k++)
		dst[1 + k] = 2 + k;
	for (k = 0; k < d; k++) {		/* 2 + k -> v: edge 1 + d + k */
		off[3 + k] = 2 + d + k;
		dst[1 + d + k] = v;
	}
	off[n] = m;				/* v: no out-edges */
	ck_assert_uint_eq(off[n - 1], m);
	ck_assert_int_eq(rc_graph_adopt_out(&g, n, off, dst), RC_OK);
	ck_assert_int_eq(rc_graph_validate(&g), RC_OK);
	ck_assert_int_eq(rc_nodeset_init(&roots, n), RC_OK);
	ck_assert_int_eq(rc_nodeset_init(&eskip, m), RC_OK);
	rc_nodeset_add(&roots, 0);
	rc_nodelist_init(&path);
	rc_nodelist_init(&edges);

	/* Without a mask: fast. */
	ck_assert_int_eq(rc_path_to_root(&g, v, &roots, NULL, &path, &edges),
			 RC_OK);
	check_found(&g, v, &roots, &path, &edges, 4);
	/* With an empty mask: the same answer, but quadratic time. */
	path.len = edges.len = 0;
	skip.edges = &eskip;
	mark_point();	/* a timeout here: the search went quadratic */
	ck_assert_int_eq(rc_path_to_root(&g, v, &roots, &skip, &path, &edges),
			 RC_OK);
	check_found(&g, v, &roots, &path, &edges, 4);

	rc_nodelist_free(&path);
	rc_nodelist_free(&edges);
	rc_nodeset_free(&roots);
	rc_nodeset_free(&eskip);
	rc_graph_free(&g);
}
END_TEST

/* Reachability from a set, not through skipped tails: 0 -> 1 -> 2,
 * 3 -> 4, 4 -> 3, 2 -> 2. */
START_TEST(test_reach_from)
{
	static const uint32_t p[][2] = { {0, 1}, {1, 2}, {3, 4}, {4, 3}, {2, 2} };
	struct rc_graph g;
	struct rc_nodeset roots, skip, reached, small;

	rc_test_build(&g, 5, p, RC_TEST_COUNT(p), 0);
	ck_assert_int_eq(rc_nodeset_init(&roots, 5), RC_OK);
	ck_assert_int_eq(rc_nodeset_init(&skip, 5), RC_OK);
	ck_assert_int_eq(rc_nodeset_init(&reached, 5), RC_OK);
	ck_assert_int_eq(rc_nodeset_init(&small, 4), RC_OK);
	rc_nodeset_add(&roots, 0);
	ck_assert_int_eq(rc_reach_from(&g, &roots, NULL, &reached), RC_OK);
	ck_assert_uint_eq(rc_nodeset_count(&reached), 3);
	ck_assert(!rc_nodeset_has(&reached, 3) && !rc_nodeset_has(&reached, 4));
	/* Through 1 no further: 1 itself is reached. */
	rc_nodeset_clear(&reached);
	rc_nodeset_add(&skip, 1);
	ck_assert_int_eq(rc_reach_from(&g, &roots, &skip, &reached), RC_OK);
	ck_assert_uint_eq(rc_nodeset_count(&reached), 2);
	ck_assert(rc_nodeset_has(&reached, 1) && !rc_nodeset_has(&reached, 2));
	/* A cycle from one of its members; no roots, nothing. */
	rc_nodeset_clear(&reached);
	rc_nodeset_clear(&roots);
	ck_assert_int_eq(rc_reach_from(&g, &roots, NULL, &reached), RC_OK);
	ck_assert_uint_eq(rc_nodeset_count(&reached), 0);
	rc_nodeset_add(&roots, 4);
	ck_assert_int_eq(rc_reach_from(&g, &roots, NULL, &reached), RC_OK);
	ck_assert_uint_eq(rc_nodeset_count(&reached), 2);
	ck_assert_int_eq(rc_reach_from(&g, &small, NULL, &reached), RC_EINVAL);
	ck_assert_int_eq(rc_reach_from(&g, &roots, &small, &reached), RC_EINVAL);
	ck_assert_int_eq(rc_reach_from(&g, &roots, NULL, &small), RC_EINVAL);
	rc_nodeset_free(&roots);
	rc_nodeset_free(&skip);
	rc_nodeset_free(&reached);
	rc_nodeset_free(&small);
	rc_graph_free(&g);
}
END_TEST

Suite *
rootpath_suite(void)
{
	Suite *s = suite_create("rootpath");
	TCase *tc = tcase_create("core");
	TCase *rnd = tcase_create("random");
	TCase *big = tcase_create("big");
	TCase *hub = tcase_create("hub");

	tcase_add_test(tc, test_v_is_root);
	tcase_add_test(tc, test_reach_from);
	tcase_add_test(tc, test_chain);
	tcase_add_test(tc, test_nearer_root);
	tcase_add_test(tc, test_diamond);
	tcase_add_test(tc, test_parallel_edges);
	tcase_add_test(tc, test_self_loop);
	tcase_add_test(tc, test_skip_tails);
	tcase_add_test(tc, test_skip_edges);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_empty);
	suite_add_tcase(s, tc);

	tcase_set_timeout(rnd, RC_TEST_BIG_TIMEOUT);
	tcase_add_loop_test(rnd, test_random_cross_check, 0, 5);
	suite_add_tcase(s, rnd);

	tcase_set_timeout(big, RC_TEST_BIG_TIMEOUT);
	tcase_add_test(big, test_big);
	suite_add_tcase(s, big);

	tcase_set_timeout(hub, RC_TEST_BIG_TIMEOUT);
	tcase_add_test(hub, test_big_hub);
	suite_add_tcase(s, hub);
	return s;
}
