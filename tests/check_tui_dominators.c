/* check_tui_dominators.c - the dominator tree's rows: order by retained
 * size, folding, the fanout and its "more" row, unfolding down to an
 * object.  The tree comes from the graph core (dom.h) on a fixture. */
#include <config.h>

#include <check.h>
#include <stdlib.h>

#include "src/common/status.h"
#include "src/graph/dom.h"
#include "tests/check_tui_suites.h"
#include "tests/tui_fixture.h"
#include "tui/rows_dominators.h"

/* R -> A, R -> B, A -> C, B -> C, A -> D, D -> E; R the only root.  C is
 * held from two sides, so only the top dominates it. */
struct domfix {
	struct tui_fixture f;
	struct rc_dom dom;
	uint32_t *off, *kids;
	uint64_t retained[6];
	uint32_t R, A, B, C, D, E;
};

static void
domfix_init(struct domfix *x)
{
	struct tui_fixture *f = &x->f;

	tf_init(f);
	x->R = tf_vertex(f, "r", 1, "R");
	x->A = tf_vertex(f, "a", 10, "A");
	x->B = tf_vertex(f, "b", 5, "B");
	x->C = tf_vertex(f, "c", 100, "C");
	x->D = tf_vertex(f, "d", 20, "D");
	x->E = tf_vertex(f, "e", 7, "E");
	tf_edge(f, x->R, x->A, NULL);
	tf_edge(f, x->R, x->B, NULL);
	tf_edge(f, x->A, x->C, NULL);
	tf_edge(f, x->B, x->C, NULL);
	tf_edge(f, x->A, x->D, NULL);
	tf_edge(f, x->D, x->E, NULL);
	tf_build(f);
	ck_assert_int_eq(rc_dom_compute(&x->dom, &f->g, &x->R, 1, 1), RC_OK);
	ck_assert_int_eq(rc_dom_retained(&x->dom, f->m.size, x->retained, NULL), RC_OK);
	ck_assert_int_eq(rc_dom_children(&x->dom, &x->off, &x->kids), RC_OK);
	f->m.retained = x->retained;
	f->m.idom = x->dom.idom;
	f->m.dom_off = x->off;
	f->m.dom_kids = x->kids;
}

static void
domfix_free(struct domfix *x)
{
	free(x->off);
	free(x->kids);
	rc_dom_free(&x->dom);
	tf_free(&x->f);
}

/* The rows as vertices (RC_NONE for a "more" row) and depths. */
static void
check_rows(const struct rc_rowlist *rl, const uint32_t *v, const uint16_t *depth,
	   uint32_t n)
{
	ck_assert_uint_eq(rl->nvis, n);
	for (uint32_t i = 0; i < n; i++) {
		const struct rc_row *r = rc_rowlist_at(rl, i);
		ck_assert_uint_eq(r->v, v[i]);
		ck_assert_uint_eq(r->depth, depth[i]);
		ck_assert_int_eq(r->kind, v[i] == RC_NONE ? RC_ROW_MORE : RC_ROW_DOMINATED);
	}
}

START_TEST(test_order_fold_unfold)
{
	struct domfix x;
	struct rc_dom_order o;
	struct rc_nodeset open;
	struct rc_rowlist rl;

	domfix_init(&x);
	ck_assert_uint_eq(x.retained[x.R], 143);
	ck_assert_uint_eq(x.retained[x.A], 37);
	ck_assert_int_eq(rc_dom_order_build(&x.f.m, &o), RC_OK);
	ck_assert_int_eq(rc_nodeset_init(&open, x.f.g.n + 1), RC_OK);
	rc_rowlist_init(&rl);

	/* Folded: the top's only child. */
	ck_assert_int_eq(rc_rows_dominators(&o, &open, RC_NONE, 100, &rl), RC_OK);
	uint32_t v1[] = { x.R };
	uint16_t d1[] = { 0 };
	check_rows(&rl, v1, d1, 1);
	ck_assert_uint_eq(rc_rowlist_at(&rl, 0)->aux, 3);   /* A, B, C */

	/* R unfolded: its children by retained size, largest first. */
	rc_nodeset_add(&open, x.R);
	rc_rows_dominators(&o, &open, RC_NONE, 100, &rl);
	uint32_t v2[] = { x.R, x.C, x.A, x.B };
	uint16_t d2[] = { 0, 1, 1, 1 };
	check_rows(&rl, v2, d2, 4);

	/* A unfolded too, below it D (E stays folded under D). */
	rc_nodeset_add(&open, x.A);
	rc_rows_dominators(&o, &open, RC_NONE, 100, &rl);
	uint32_t v3[] = { x.R, x.C, x.A, x.D, x.B };
	uint16_t d3[] = { 0, 1, 1, 2, 1 };
	check_rows(&rl, v3, d3, 5);

	/* A fanout of one: A stays (unfolded), B goes into "more". */
	rc_rows_dominators(&o, &open, RC_NONE, 1, &rl);
	uint32_t v4[] = { x.R, x.C, x.A, x.D, RC_NONE };
	uint16_t d4[] = { 0, 1, 1, 2, 1 };
	check_rows(&rl, v4, d4, 5);
	ck_assert_uint_eq(rc_rowlist_at(&rl, 4)->aux, 1);
	ck_assert_uint_eq(rc_rowlist_at(&rl, 4)->head, x.R);

	/* Unfolded down to E from scratch, E shown past the fanout. */
	rc_nodeset_clear(&open);
	ck_assert_int_eq(rc_dom_reveal(&x.f.m, x.E, &open), RC_OK);
	rc_rows_dominators(&o, &open, x.E, 1, &rl);
	uint32_t v5[] = { x.R, x.C, x.A, x.D, x.E, RC_NONE };
	uint16_t d5[] = { 0, 1, 1, 2, 3, 1 };
	check_rows(&rl, v5, d5, 6);

	rc_rowlist_free(&rl);
	rc_nodeset_free(&open);
	rc_dom_order_free(&o);
	domfix_free(&x);
}
END_TEST

/* A list far longer than the fanout: its first children by retained
 * size, then those shown past them (unfolded, revealed) in rank order,
 * then the "more" row; the same once a larger fanout has ranked it all. */
START_TEST(test_wide_list)
{
	enum { W = 300 };
	struct tui_fixture f;
	struct rc_dom dom;
	uint32_t *off, *kids, k[W], R, G;
	uint64_t *retained;
	struct rc_dom_order o;
	struct rc_nodeset open;
	struct rc_rowlist rl;

	tf_init(&f);
	R = tf_vertex(&f, "r", 1, "R");
	for (uint32_t i = 0; i < W; i++) {
		k[i] = tf_vertex(&f, "k", 1000 - i, "K");
		tf_edge(&f, R, k[i], NULL);
	}
	G = tf_vertex(&f, "g", 1, "G");
	tf_edge(&f, k[250], G, NULL);
	tf_build(&f);
	retained = calloc(f.g.n, sizeof *retained);
	ck_assert_int_eq(rc_dom_compute(&dom, &f.g, &R, 1, 1), RC_OK);
	ck_assert_int_eq(rc_dom_retained(&dom, f.m.size, retained, NULL), RC_OK);
	ck_assert_int_eq(rc_dom_children(&dom, &off, &kids), RC_OK);
	f.m.retained = retained;
	f.m.idom = dom.idom;
	f.m.dom_off = off;
	f.m.dom_kids = kids;
	ck_assert_int_eq(rc_dom_order_build(&f.m, &o), RC_OK);
	ck_assert_int_eq(rc_nodeset_init(&open, f.g.n + 1), RC_OK);
	rc_rowlist_init(&rl);

	rc_nodeset_add(&open, R);
	ck_assert_int_eq(rc_rows_dominators(&o, &open, RC_NONE, 100, &rl), RC_OK);
	ck_assert_uint_eq(rl.nvis, 102);
	for (uint32_t i = 0; i < 100; i++)
		ck_assert_uint_eq(rc_rowlist_at(&rl, 1 + i)->v, k[i]);
	ck_assert_int_eq(rc_rowlist_at(&rl, 101)->kind, RC_ROW_MORE);
	ck_assert_uint_eq(rc_rowlist_at(&rl, 101)->aux, 200);

	for (int round = 0; round < 3; round++) {
		uint32_t fanout = round == 1 ? 1000 : 100;
		rc_nodeset_add(&open, k[250]);
		ck_assert_int_eq(rc_rows_dominators(&o, &open, round == 2 ? k[250] : k[200],
						    fanout, &rl), RC_OK);
		if (fanout == 1000) {
			ck_assert_uint_eq(rl.nvis, 1 + W + 1);
			ck_assert_uint_eq(rc_rowlist_at(&rl, 1 + 250)->v, k[250]);
			ck_assert_uint_eq(rc_rowlist_at(&rl, 2 + 250)->v, G);
			ck_assert_uint_eq(rc_rowlist_at(&rl, 2 + 250)->depth, 2);
			continue;
		}
		uint32_t extra = round == 2 ? 0 : 1;
		ck_assert_uint_eq(rl.nvis, 1 + 100 + extra + 2 + 1);
		ck_assert_uint_eq(rc_rowlist_at(&rl, 100)->v, k[99]);
		if (extra)
			ck_assert_uint_eq(rc_rowlist_at(&rl, 101)->v, k[200]);
		ck_assert_uint_eq(rc_rowlist_at(&rl, 101 + extra)->v, k[250]);
		ck_assert_uint_eq(rc_rowlist_at(&rl, 102 + extra)->v, G);
		ck_assert_int_eq(rc_rowlist_at(&rl, 103 + extra)->kind, RC_ROW_MORE);
		ck_assert_uint_eq(rc_rowlist_at(&rl, 103 + extra)->aux, W - 100 - extra - 1);
	}

	rc_rowlist_free(&rl);
	rc_nodeset_free(&open);
	rc_dom_order_free(&o);
	free(off);
	free(kids);
	free(retained);
	rc_dom_free(&dom);
	tf_free(&f);
}
END_TEST

START_TEST(test_no_tree)
{
	struct tui_fixture f;
	struct rc_dom_order o;
	struct rc_nodeset open;

	tf_init(&f);
	tf_vertex(&f, "t", 1, "t");
	tf_build(&f);
	ck_assert_int_eq(rc_dom_order_build(&f.m, &o), RC_EINVAL);
	ck_assert_ptr_null(o.kids);
	ck_assert_int_eq(rc_nodeset_init(&open, 2), RC_OK);
	ck_assert_int_eq(rc_dom_reveal(&f.m, 0, &open), RC_ENOTFOUND);
	rc_nodeset_free(&open);
	tf_free(&f);
}
END_TEST

Suite *
tui_dominators_suite(void)
{
	Suite *s = suite_create("tui_dominators");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_order_fold_unfold);
	tcase_add_test(tc, test_wide_list);
	tcase_add_test(tc, test_no_tree);
	suite_add_tcase(s, tc);
	return s;
}
