/* check_tui_graph.c - the ancestors tree (generations, marking, fan-in
 * collapse), the path from a root, and the cycle of a vertex. */
#include <config.h>

#include "tests/check_tui_suites.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "src/common/status.h"
#include "src/graph/nodeset.h"
#include "src/graph/scc.h"
#include "tests/tui_fixture.h"
#include "tui/rows_ancestors.h"
#include "tui/rows_edges.h"
#include "tui/rows_path.h"

/* The worked example's ids (tf_worked_example adds them in this
 * order). */
enum { MOD, MDICT, THREAD, WORKER, GET, METHOD, COMP, QUEUE, NODE_A,
       NODE_B, FILLER };

static const char *
label_of(const struct tui_fixture *f, uint32_t e)
{
	return e < f->g.m && f->labels[e] ? f->labels[e] : "?";
}

START_TEST(test_ancestors_worked_example)
{
	struct tui_fixture f;
	struct rc_rowlist rl;
	struct rc_nodelist shown, gen;
	uint32_t comp, i;
	static const uint32_t want_v[] = { COMP, METHOD, WORKER, GET };
	static const char *const want_label[] = {
		NULL, "__self__", "local 'job'", "f_back"
	};

	tf_init(&f);
	tf_worked_example(&f, 0, &comp);
	ck_assert_uint_eq(comp, COMP);
	rc_rowlist_init(&rl);
	rc_nodelist_init(&shown);
	rc_nodelist_init(&gen);
	/* Generation 1: the object and its method. */
	ck_assert_int_eq(rc_rows_ancestors(&f.g, comp, 1, 50, NULL, &rl,
					   &shown, &gen), RC_OK);
	ck_assert_uint_eq(rl.nvis, 2);
	ck_assert_uint_eq(gen.len, 2);
	ck_assert_uint_eq(gen.ids[0], 1);
	ck_assert_uint_eq(gen.ids[1], 1);
	/* Generation 3: the README's chain, in tree order, labelled. */
	shown.len = gen.len = 0;
	ck_assert_int_eq(rc_rows_ancestors(&f.g, comp, 3, 50, NULL, &rl,
					   &shown, &gen), RC_OK);
	ck_assert_uint_eq(rl.nvis, 4);
	for (i = 0; i < 4; i++) {
		const struct rc_row *r = rc_rowlist_at(&rl, i);

		ck_assert_uint_eq(r->v, want_v[i]);
		ck_assert_uint_eq(r->depth, i);
		ck_assert_int_eq(r->flags & RC_ROW_SEEN, 0);
		if (i > 0) {
			ck_assert_uint_eq(r->head, want_v[i - 1]);
			ck_assert_str_eq(label_of(&f, rc_row_edge(&f.g, r)),
					 want_label[i]);
		}
	}
	ck_assert_uint_eq(shown.len, 4);
	ck_assert_uint_eq(gen.len, 4);
	rc_nodelist_free(&shown);
	rc_nodelist_free(&gen);
	rc_rowlist_free(&rl);
	tf_free(&f);
}
END_TEST

/* A diamond and a cycle: 0 <- 1 <- 3, 0 <- 2 <- 3, 3 <- 0.  Vertex 3 is
 * expanded once (under 1, first in breadth-first order), marked under 2;
 * the focus met again is marked too. */
START_TEST(test_ancestors_marking)
{
	struct tui_fixture f;
	struct rc_rowlist rl;
	struct rc_nodelist shown, gen;
	uint32_t v[4], i;
	static const struct { uint32_t v, depth; int seen; } want[] = {
		{ 0, 0, 0 }, { 1, 1, 0 }, { 3, 2, 0 }, { 0, 3, 1 },
		{ 2, 1, 0 }, { 3, 2, 1 }
	};

	tf_init(&f);
	for (i = 0; i < 4; i++)
		v[i] = tf_vertex(&f, "T", 1, "t");
	tf_edge(&f, v[1], v[0], "a");
	tf_edge(&f, v[2], v[0], "b");
	tf_edge(&f, v[3], v[1], "c");
	tf_edge(&f, v[3], v[2], "d");
	tf_edge(&f, v[0], v[3], "e");
	tf_build(&f);
	rc_rowlist_init(&rl);
	rc_nodelist_init(&shown);
	rc_nodelist_init(&gen);
	ck_assert_int_eq(rc_rows_ancestors(&f.g, v[0], 10, 50, NULL, &rl,
					   &shown, &gen), RC_OK);
	ck_assert_uint_eq(rl.nvis, 6);
	for (i = 0; i < 6; i++) {
		const struct rc_row *r = rc_rowlist_at(&rl, i);

		ck_assert_uint_eq(r->v, want[i].v);
		ck_assert_uint_eq(r->depth, want[i].depth);
		ck_assert_int_eq(!!(r->flags & RC_ROW_SEEN), want[i].seen);
	}
	ck_assert_uint_eq(shown.len, 4);
	ck_assert_uint_eq(gen.len, 11);
	ck_assert_uint_eq(gen.ids[1], 2);
	ck_assert_uint_eq(gen.ids[2], 1);
	ck_assert_uint_eq(gen.ids[3], 0);
	/* Generation 0: the focus alone. */
	ck_assert_int_eq(rc_rows_ancestors(&f.g, v[0], 0, 50, NULL, &rl,
					   NULL, NULL), RC_OK);
	ck_assert_uint_eq(rl.nvis, 1);
	ck_assert_int_eq(rc_rows_ancestors(&f.g, 4, 1, 50, NULL, &rl, NULL,
					   NULL), RC_EINVAL);
	rc_nodelist_free(&shown);
	rc_nodelist_free(&gen);
	rc_rowlist_free(&rl);
	tf_free(&f);
}
END_TEST

/* 120 referrers, fanout 50: 50 rows and "70 more"; expanded: all. */
START_TEST(test_ancestors_fanin)
{
	struct tui_fixture f;
	struct rc_rowlist rl;
	struct rc_nodelist shown;
	struct rc_nodeset expanded;
	const struct rc_row *last;
	uint32_t hub, i;

	tf_init(&f);
	hub = tf_vertex(&f, "hub", 1, "hub");
	for (i = 0; i < 120; i++)
		tf_edge(&f, tf_vertex(&f, "leaf", 1, "leaf"), hub, "x");
	tf_build(&f);
	rc_rowlist_init(&rl);
	rc_nodelist_init(&shown);
	ck_assert_int_eq(rc_rows_ancestors(&f.g, hub, 3, 50, NULL, &rl,
					   &shown, NULL), RC_OK);
	ck_assert_uint_eq(rl.nvis, 52);
	last = rc_rowlist_at(&rl, 51);
	ck_assert_int_eq(last->kind, RC_ROW_MORE);
	ck_assert_uint_eq(last->aux, 70);
	ck_assert_uint_eq(last->head, hub);
	ck_assert_uint_eq(last->v, RC_NONE);
	ck_assert_uint_eq(rc_row_edge(&f.g, last), RC_NONE);
	ck_assert_uint_eq(shown.len, 51);
	ck_assert_int_eq(rc_nodeset_init(&expanded, f.g.n), RC_OK);
	rc_nodeset_add(&expanded, hub);
	ck_assert_int_eq(rc_rows_ancestors(&f.g, hub, 3, 50, &expanded, &rl,
					   NULL, NULL), RC_OK);
	ck_assert_uint_eq(rl.nvis, 121);
	rc_nodeset_free(&expanded);
	rc_nodelist_free(&shown);
	rc_rowlist_free(&rl);
	tf_free(&f);
}
END_TEST

/* The fixture's roots as a set (the caller frees it). */
static void
roots_of(struct tui_fixture *f, struct rc_nodeset *roots)
{
	ck_assert_int_eq(rc_nodeset_init(roots, f->g.n), RC_OK);
	for (uint32_t v = 0; v < f->g.n; v++)
		if (f->roots[v] != RC_ROOT_NONE)
			rc_nodeset_add(roots, v);
}

static void
check_path(struct tui_fixture *f, uint32_t focus, const uint32_t *want,
	   const char *const *labels, uint32_t len, enum rc_path_end want_end)
{
	struct rc_nodelist path, edges;
	enum rc_path_end end = 0;
	struct rc_rowlist rl;
	struct rc_nodeset roots;
	uint32_t i;

	rc_nodelist_init(&path);
	rc_nodelist_init(&edges);
	rc_rowlist_init(&rl);
	roots_of(f, &roots);
	ck_assert_int_eq(rc_roots_path(&f->g, focus, &roots, NULL, &path,
				       &edges, &end), RC_OK);
	rc_nodeset_free(&roots);
	ck_assert_int_eq(end, want_end);
	ck_assert_uint_eq(path.len, len);
	ck_assert_uint_eq(edges.len, len - 1);
	for (i = 0; i < len; i++)
		ck_assert_uint_eq(path.ids[i], want[i]);
	for (i = 0; i + 1 < len; i++) {
		ck_assert_uint_eq(rc_graph_tail(&f->g, edges.ids[i]),
				  path.ids[i]);
		ck_assert_uint_eq(f->g.out_dst[edges.ids[i]], path.ids[i + 1]);
		ck_assert_str_eq(label_of(f, edges.ids[i]), labels[i]);
	}
	ck_assert_int_eq(rc_rows_path(path.ids, edges.ids, path.len, &rl),
			 RC_OK);
	ck_assert_uint_eq(rl.nvis, len);
	ck_assert_int_eq(rc_rowlist_at(&rl, 0)->flags & RC_ROW_ROOT,
			 RC_ROW_ROOT);
	ck_assert_uint_eq(rc_rowlist_at(&rl, 0)->e, RC_NONE);
	if (len > 1)
		ck_assert_uint_eq(rc_rowlist_at(&rl, len - 1)->e,
				  edges.ids[len - 2]);
	rc_rowlist_free(&rl);
	rc_nodelist_free(&path);
	rc_nodelist_free(&edges);
}

START_TEST(test_path)
{
	struct tui_fixture f;
	uint32_t comp;
	static const uint32_t p_comp[] = { GET, WORKER, METHOD, COMP };
	static const char *const l_comp[] = { "f_back", "local 'job'",
					      "__self__" };
	static const uint32_t p_node[] = { MOD, MDICT, NODE_A };
	static const char *const l_node[] = { "__dict__", "['head']" };
	static const uint32_t p_mod[] = { MOD };

	tf_init(&f);
	tf_worked_example(&f, 40, &comp);
	check_path(&f, comp, p_comp, l_comp, 4, RC_PATH_ROOT);
	/* Two roots reach Node a: the module's is shorter. */
	check_path(&f, NODE_A, p_node, l_node, 3, RC_PATH_ROOT);
	/* A root is its own path. */
	check_path(&f, MOD, p_mod, NULL, 1, RC_PATH_ROOT);
	/* With the worker frame a root, the chain is the README's. */
	tf_root(&f, WORKER, RC_ROOT_FRAME);
	check_path(&f, comp, p_comp + 1, l_comp + 1, 3, RC_PATH_ROOT);
	tf_free(&f);
}
END_TEST

/* Without roots: the nearest vertex without referrers; only cycles
 * above: not found. */
START_TEST(test_path_no_root)
{
	struct tui_fixture f;
	struct rc_nodelist path, edges;
	enum rc_path_end end;
	uint32_t v[5], i;
	static const char *const l[] = { "ab", "bc" };

	tf_init(&f);
	for (i = 0; i < 5; i++)
		v[i] = tf_vertex(&f, "T", 1, "t");
	tf_edge(&f, v[0], v[1], "ab");
	tf_edge(&f, v[1], v[2], "bc");
	tf_edge(&f, v[2], v[1], "cb");
	tf_edge(&f, v[3], v[4], "de");
	tf_edge(&f, v[4], v[3], "ed");
	tf_build(&f);
	check_path(&f, v[2], v, l, 3, RC_PATH_NO_REFERRER);
	rc_nodelist_init(&path);
	rc_nodelist_init(&edges);
	ck_assert_int_eq(rc_nodelist_push(&path, 77), RC_OK);
	struct rc_nodeset roots;

	roots_of(&f, &roots);
	ck_assert_int_eq(rc_roots_path(&f.g, v[4], &roots, NULL, &path,
				       &edges, &end), RC_ENOTFOUND);
	rc_nodeset_free(&roots);
	/* Ignoring a -> b leaves only the cycle above c. */
	struct rc_nodeset ignored;

	ck_assert_int_eq(rc_nodeset_init(&ignored, f.g.m), RC_OK);
	rc_nodeset_add(&ignored, f.g.out_off[v[0]]);
	ck_assert_int_eq(rc_roots_path(&f.g, v[2], NULL, &ignored, &path,
				       &edges, &end), RC_ENOTFOUND);
	ck_assert_uint_eq(path.len, 1);
	rc_nodeset_free(&ignored);
	ck_assert_uint_eq(path.len, 1);
	ck_assert_uint_eq(edges.len, 0);
	ck_assert_int_eq(rc_roots_path(&f.g, 5, NULL, NULL, &path, &edges,
				       &end), RC_EINVAL);
	rc_nodelist_free(&path);
	rc_nodelist_free(&edges);
	tf_free(&f);
}
END_TEST

/* A million-long chain: iterative, linear. */
START_TEST(test_path_long_chain)
{
	struct rc_graph g;
	struct rc_nodelist path, edges;
	enum rc_path_end end;
	uint32_t n = 1000000, i, *off, *dst;

	off = malloc((n + 1) * sizeof *off);
	dst = malloc((n - 1) * sizeof *dst);
	for (i = 0; i <= n; i++)
		off[i] = i < n ? i : n - 1;
	for (i = 0; i + 1 < n; i++)
		dst[i] = i + 1;
	ck_assert_int_eq(rc_graph_adopt_out(&g, n, off, dst), RC_OK);
	rc_nodelist_init(&path);
	rc_nodelist_init(&edges);
	ck_assert_int_eq(rc_roots_path(&g, n - 1, NULL, NULL, &path, &edges,
				       &end), RC_OK);
	ck_assert_int_eq(end, RC_PATH_NO_REFERRER);
	ck_assert_uint_eq(path.len, n);
	ck_assert_uint_eq(path.ids[0], 0);
	ck_assert_uint_eq(edges.ids[n - 2], n - 2);
	rc_nodelist_free(&path);
	rc_nodelist_free(&edges);
	rc_graph_free(&g);
}
END_TEST

START_TEST(test_cycle)
{
	struct tui_fixture f;
	struct rc_nodelist members;
	struct rc_rowlist rl;
	uint32_t comp, nedges = 0, i;

	tf_init(&f);
	tf_worked_example(&f, 0, &comp);
	rc_nodelist_init(&members);
	rc_rowlist_init(&rl);
	ck_assert_int_eq(rc_scc_component_of(&f.g, NODE_B, &members), RC_OK);
	ck_assert_uint_eq(members.len, 2);
	ck_assert_uint_eq(members.ids[0], NODE_B);
	ck_assert_uint_eq(members.ids[1], NODE_A);
	ck_assert_int_eq(rc_rows_cycle(&f.g, members.ids, members.len, &rl,
				       &nedges), RC_OK);
	ck_assert_uint_eq(nedges, 2);
	ck_assert_uint_eq(rl.nvis, 4);
	ck_assert_int_eq(rc_rowlist_at(&rl, 0)->kind, RC_ROW_MEMBER);
	ck_assert_int_eq(rc_rowlist_at(&rl, 1)->kind, RC_ROW_EDGE);
	ck_assert_uint_eq(rc_rowlist_at(&rl, 1)->v, NODE_A);
	ck_assert_str_eq(label_of(&f, rc_rowlist_at(&rl, 1)->e), "prev");
	ck_assert_str_eq(label_of(&f, rc_rowlist_at(&rl, 3)->e), "next");
	/* Not on a cycle: itself only, no edge. */
	members.len = 0;
	ck_assert_int_eq(rc_scc_component_of(&f.g, comp, &members), RC_OK);
	ck_assert_uint_eq(members.len, 1);
	ck_assert_int_eq(rc_rows_cycle(&f.g, members.ids, members.len, &rl,
				       &nedges), RC_OK);
	ck_assert_uint_eq(nedges, 0);
	/* The module's dict and the fillers referring back to it. */
	tf_free(&f);
	tf_init(&f);
	tf_worked_example(&f, 100, &comp);
	members.len = 0;
	ck_assert_int_eq(rc_scc_component_of(&f.g, MDICT, &members), RC_OK);
	for (i = 0; i < members.len; i++)
		ck_assert_uint_ne(members.ids[i], MOD);
	ck_assert_uint_gt(members.len, 2);
	rc_nodelist_free(&members);
	rc_rowlist_free(&rl);
	tf_free(&f);
}
END_TEST

Suite *
tui_graph_suite(void)
{
	Suite *s = suite_create("tui_graph");
	TCase *tc = tcase_create("trees");

	tcase_add_test(tc, test_ancestors_worked_example);
	tcase_add_test(tc, test_ancestors_marking);
	tcase_add_test(tc, test_ancestors_fanin);
	tcase_add_test(tc, test_path);
	tcase_add_test(tc, test_path_no_root);
	tcase_add_test(tc, test_path_long_chain);
	tcase_add_test(tc, test_cycle);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
