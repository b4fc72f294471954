/* check_suspects.c - tests of suspects.c: MAT's leak suspects and
 * accumulation points on small heaps worked by hand. */
#include <config.h>

#include "tests/check_suites.h"

#include <stdint.h>
#include <stdlib.h>

#include <check.h>

#include "src/common/status.h"
#include "src/graph/domview.h"
#include "src/graph/graph.h"
#include "src/graph/suspects.h"

/* A module (0) holding a small dict (1) and a cache (2) -> a list (3)
 * of 100 entries (4 .. 103), 10 bytes each; a second root (104) with a
 * few small objects (105, 106).  Groups: 0 for the entries, 1 for the
 * rest. */
#define LEAK_N 107

struct leak {
	struct rc_graph g;
	struct rc_dom_view dv;
	uint64_t shallow[LEAK_N];
	uint32_t group[LEAK_N];
	uint64_t total;
};

static void
leak_build(struct leak *h)
{
	uint32_t pairs[LEAK_N + 4][2], m = 0;
	static const uint32_t roots[] = {0, 104};

	pairs[m][0] = 0, pairs[m++][1] = 1;
	pairs[m][0] = 0, pairs[m++][1] = 2;
	pairs[m][0] = 2, pairs[m++][1] = 3;
	for (uint32_t v = 4; v < 104; v++)
		pairs[m][0] = 3, pairs[m++][1] = v;
	pairs[m][0] = 104, pairs[m++][1] = 105;
	pairs[m][0] = 104, pairs[m++][1] = 106;
	rc_test_build(&h->g, LEAK_N, (const uint32_t (*)[2])pairs, m, 0);
	h->total = 0;
	for (uint32_t v = 0; v < LEAK_N; v++) {
		h->shallow[v] = v >= 4 && v < 104 ? 10 : 20;
		h->group[v] = v >= 4 && v < 104 ? 0 : 1;
		h->total += h->shallow[v];
	}
	ck_assert_int_eq(rc_dom_view_build(&h->dv, &h->g, roots, 2, h->shallow, h->group, 2),
			 RC_OK);
}

static void
leak_free(struct leak *h)
{
	rc_dom_view_free(&h->dv);
	rc_graph_free(&h->g);
}

START_TEST(test_accumulation_point)
{
	struct leak h;

	leak_build(&h);
	/* The module keeps most in its cache, the cache all in its list;
	 * the list's largest child keeps one hundredth of it. */
	struct rc_suspect_tree t = rc_suspect_tree_of(&h.dv);
	ck_assert_uint_eq(rc_suspect_accumulation(&t, 0), 3);
	ck_assert_uint_eq(rc_suspect_accumulation(&t, 2), 3);
	ck_assert_uint_eq(rc_suspect_accumulation(&t, 3), 3);
	/* A leaf is its own accumulation point; so is an even split. */
	ck_assert_uint_eq(rc_suspect_accumulation(&t, 50), 50);
	ck_assert_uint_eq(rc_suspect_accumulation(&t, 104), 104);
	leak_free(&h);
}
END_TEST

START_TEST(test_object_and_group_suspects)
{
	struct leak h;
	struct rc_suspect *s;
	uint32_t n;

	leak_build(&h);
	struct rc_suspect_tree t = rc_suspect_tree_of(&h.dv);
	ck_assert_int_eq(rc_suspects_find(&t, h.group, 2, NULL, h.total, 0.1, &s, &n), RC_OK);
	/* The module (1000 + 80 of 1140 bytes); the second root's 60 bytes
	 * is under 10%.  Then the entries' group (1000), then the rest's
	 * (the two roots are its top members: 1140). */
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(s[0].node, 0);
	ck_assert_uint_eq(s[0].group, RC_NONE);
	ck_assert_uint_eq(s[0].accumulation, 3);
	ck_assert_uint_eq(s[0].retained, 1080);
	ck_assert_uint_eq(s[0].count, 1);
	ck_assert_uint_eq(s[1].group, 1);
	ck_assert_uint_eq(s[1].retained, 1140);
	ck_assert_uint_eq(s[1].node, 0);
	ck_assert_uint_eq(s[2].group, 0);
	ck_assert_uint_eq(s[2].retained, 1000);
	ck_assert_uint_eq(s[2].count, 100);
	ck_assert_uint_eq(s[2].accumulation, s[2].node);
	free(s);
	/* A share nothing reaches: none, and a non-NULL array. */
	ck_assert_int_eq(rc_suspects_find(&t, h.group, 2, NULL, h.total, 2.0, &s, &n), RC_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_nonnull(s);
	free(s);
	/* A group set aside is no suspect. */
	static const unsigned char skip[2] = {1, 0};
	ck_assert_int_eq(rc_suspects_find(&t, h.group, 2, skip, h.total, 0.1, &s, &n), RC_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(s[1].group, 1);
	free(s);
	ck_assert(rc_suspect_structural_type("dict"));
	ck_assert(!rc_suspect_structural_type("Entry"));
	leak_free(&h);
}
END_TEST

Suite *
suspects_suite(void)
{
	Suite *s = suite_create("suspects");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_accumulation_point);
	tcase_add_test(tc, test_object_and_group_suspects);
	suite_add_tcase(s, tc);
	return s;
}
