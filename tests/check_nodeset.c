/* check_nodeset.c - tests of nodeset.c: bitsets and node lists. */
#include <config.h>

#include "tests/check_suites.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "src/common/status.h"
#include "src/graph/nodeset.h"

/* Universe sizes around the 64-bit word boundaries. */
static const uint32_t sizes[] = {
	0, 1, 2, 31, 63, 64, 65, 127, 128, 129, 200, 1000
};

/* A random set of density about 1/den, mirrored in a bool array. */
static void
random_set(struct rc_nodeset *s, bool *mirror, uint32_t n, uint32_t den,
	   uint64_t *seed)
{
	uint32_t v;

	ck_assert_int_eq(rc_nodeset_init(s, n), RC_OK);
	for (v = 0; v < n; v++) {
		mirror[v] = rc_test_below(seed, den) == 0;
		if (mirror[v])
			rc_nodeset_add(s, v);
	}
}

/* s holds exactly the members of mirror: has, count and to_list (which
 * appends after what the list held, in increasing order). */
static void
check_same(const struct rc_nodeset *s, const bool *mirror, uint32_t n)
{
	struct rc_nodelist l;
	uint32_t v, count = 0, k;

	for (v = 0; v < n; v++) {
		RC_TEST_REQUIRE(rc_nodeset_has(s, v) == mirror[v]);
		count += mirror[v];
	}
	ck_assert_uint_eq(rc_nodeset_count(s), count);
	rc_nodelist_init(&l);
	ck_assert_int_eq(rc_nodelist_push(&l, 777), RC_OK);
	ck_assert_int_eq(rc_nodeset_to_list(s, &l), RC_OK);
	ck_assert_uint_eq(l.len, count + 1);
	ck_assert_uint_eq(l.ids[0], 777);
	for (v = 0, k = 1; v < n; v++)
		if (mirror[v])
			RC_TEST_REQUIRE(l.ids[k++] == v);
	rc_nodelist_free(&l);
}

START_TEST(test_empty_and_full)
{
	uint32_t n = sizes[_i], v;
	struct rc_nodeset s;
	bool *mirror = calloc((size_t)n + 1, sizeof(bool));

	ck_assert_ptr_nonnull(mirror);
	ck_assert_int_eq(rc_nodeset_init(&s, n), RC_OK);
	ck_assert_uint_eq(s.n, n);
	check_same(&s, mirror, n);
	for (v = 0; v < n; v++) {
		rc_nodeset_add(&s, v);
		rc_nodeset_add(&s, v);	/* adding twice changes nothing */
		mirror[v] = true;
	}
	check_same(&s, mirror, n);
	for (v = 0; v < n; v += 3) {
		rc_nodeset_remove(&s, v);
		rc_nodeset_remove(&s, v);
		mirror[v] = false;
	}
	check_same(&s, mirror, n);
	rc_nodeset_clear(&s);
	memset(mirror, 0, (size_t)n + 1);
	check_same(&s, mirror, n);
	rc_nodeset_free(&s);
	ck_assert_ptr_null(s.bits);
	rc_nodeset_free(&s);	/* idempotent */
	free(mirror);
}
END_TEST

/* union / intersect / subtract against bool arrays, for random sets of
 * several densities on every size. */
START_TEST(test_set_operations)
{
	uint32_t n = sizes[_i], v, den;
	uint64_t seed = 99 + (uint64_t)_i;
	bool *a = calloc((size_t)n + 1, 1), *b = calloc((size_t)n + 1, 1);
	bool *r = calloc((size_t)n + 1, 1);

	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_nonnull(r);
	for (den = 1; den <= 8; den *= 2) {
		struct rc_nodeset sa, sb, t;

		random_set(&sa, a, n, den, &seed);
		random_set(&sb, b, n, 3, &seed);
		check_same(&sa, a, n);
		check_same(&sb, b, n);

		ck_assert_int_eq(rc_nodeset_init(&t, n), RC_OK);
		ck_assert_int_eq(rc_nodeset_union(&t, &sa), RC_OK);
		ck_assert_int_eq(rc_nodeset_union(&t, &sb), RC_OK);
		for (v = 0; v < n; v++)
			r[v] = a[v] || b[v];
		check_same(&t, r, n);

		ck_assert_int_eq(rc_nodeset_intersect(&t, &sa), RC_OK);
		check_same(&t, a, n);	/* (a | b) & a == a */
		ck_assert_int_eq(rc_nodeset_intersect(&t, &sb), RC_OK);
		for (v = 0; v < n; v++)
			r[v] = a[v] && b[v];
		check_same(&t, r, n);

		rc_nodeset_clear(&t);
		ck_assert_int_eq(rc_nodeset_union(&t, &sa), RC_OK);
		ck_assert_int_eq(rc_nodeset_subtract(&t, &sb), RC_OK);
		for (v = 0; v < n; v++)
			r[v] = a[v] && !b[v];
		check_same(&t, r, n);
		ck_assert_int_eq(rc_nodeset_subtract(&t, &t), RC_OK);
		ck_assert_uint_eq(rc_nodeset_count(&t), 0);

		rc_nodeset_free(&sa);
		rc_nodeset_free(&sb);
		rc_nodeset_free(&t);
	}
	free(a);
	free(b);
	free(r);
}
END_TEST

START_TEST(test_universe_mismatch)
{
	struct rc_nodeset a, b;

	ck_assert_int_eq(rc_nodeset_init(&a, 64), RC_OK);
	ck_assert_int_eq(rc_nodeset_init(&b, 65), RC_OK);
	rc_nodeset_add(&a, 3);
	rc_nodeset_add(&b, 64);
	ck_assert_int_eq(rc_nodeset_union(&a, &b), RC_EINVAL);
	ck_assert_int_eq(rc_nodeset_intersect(&a, &b), RC_EINVAL);
	ck_assert_int_eq(rc_nodeset_subtract(&b, &a), RC_EINVAL);
	/* Unchanged by the refused operations. */
	ck_assert_uint_eq(rc_nodeset_count(&a), 1);
	ck_assert(rc_nodeset_has(&a, 3));
	ck_assert_uint_eq(rc_nodeset_count(&b), 1);
	ck_assert(rc_nodeset_has(&b, 64));
	rc_nodeset_free(&a);
	rc_nodeset_free(&b);
}
END_TEST

START_TEST(test_nodelist)
{
	struct rc_nodelist l;
	uint32_t i;

	rc_nodelist_init(&l);
	ck_assert_uint_eq(l.len, 0);
	ck_assert_uint_eq(l.cap, 0);
	ck_assert_ptr_null(l.ids);
	rc_nodelist_free(&l);	/* free of an empty list */
	for (i = 0; i < 100000; i++)
		RC_TEST_REQUIRE(rc_nodelist_push(&l, i * 7) == RC_OK);
	ck_assert_uint_eq(l.len, 100000);
	ck_assert_uint_ge(l.cap, l.len);
	for (i = 0; i < 100000; i++)
		RC_TEST_REQUIRE(l.ids[i] == i * 7);
	rc_nodelist_free(&l);
	ck_assert_uint_eq(l.len, 0);
	ck_assert_ptr_null(l.ids);
}
END_TEST

/* Big sets: one of every other id over a million, through to_list. */
START_TEST(test_big_set)
{
	struct rc_nodeset s;
	struct rc_nodelist l;
	uint32_t v;

	ck_assert_int_eq(rc_nodeset_init(&s, RC_TEST_BIG + 1), RC_OK);
	for (v = 0; v <= RC_TEST_BIG; v += 2)
		rc_nodeset_add(&s, v);
	ck_assert_uint_eq(rc_nodeset_count(&s), RC_TEST_BIG / 2 + 1);
	rc_nodelist_init(&l);
	ck_assert_int_eq(rc_nodeset_to_list(&s, &l), RC_OK);
	ck_assert_uint_eq(l.len, RC_TEST_BIG / 2 + 1);
	for (v = 0; v < l.len; v++)
		RC_TEST_REQUIRE(l.ids[v] == 2 * v);
	rc_nodelist_free(&l);
	rc_nodeset_free(&s);
}
END_TEST

/* The node map against an array: many keys (some colliding in the low
 * bits, the largest id), values replaced, absent keys, growth. */
START_TEST(test_nodemap)
{
	uint32_t n = 200000, *want = malloc(n * sizeof *want);
	struct rc_nodemap m;

	rc_nodemap_init(&m);
	ck_assert_uint_eq(rc_nodemap_get(&m, 5), RC_NODEMAP_EMPTY);
	for (uint32_t i = 0; i < n; i++)
		want[i] = RC_NODEMAP_EMPTY;
	for (uint32_t i = 0; i < n; i += 3) {
		want[i] = i * 7u;
		RC_TEST_REQUIRE(rc_nodemap_put(&m, i * 1024u, i * 7u) == RC_OK);
	}
	for (uint32_t i = 0; i < n; i += 6) {
		want[i] = i + 1;
		RC_TEST_REQUIRE(rc_nodemap_put(&m, i * 1024u, i + 1) == RC_OK);
	}
	ck_assert_uint_eq(m.len, (n + 2) / 3);
	for (uint32_t i = 0; i < n; i++)
		RC_TEST_REQUIRE(rc_nodemap_get(&m, i * 1024u) == want[i]);
	ck_assert_uint_eq(rc_nodemap_get(&m, 1), RC_NODEMAP_EMPTY);
	ck_assert_int_eq(rc_nodemap_put(&m, UINT32_MAX - 1, 3), RC_OK);
	ck_assert_uint_eq(rc_nodemap_get(&m, UINT32_MAX - 1), 3);
	ck_assert_int_eq(rc_nodemap_put(&m, RC_NODEMAP_EMPTY, 3), RC_EINVAL);
	rc_nodemap_free(&m);
	ck_assert_uint_eq(rc_nodemap_get(&m, 0), RC_NODEMAP_EMPTY);
	free(want);
}
END_TEST

Suite *
nodeset_suite(void)
{
	Suite *s = suite_create("nodeset");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_empty_and_full, 0,
			    (int)RC_TEST_COUNT(sizes));
	tcase_add_loop_test(tc, test_set_operations, 0,
			    (int)RC_TEST_COUNT(sizes));
	tcase_add_test(tc, test_universe_mismatch);
	tcase_add_test(tc, test_nodelist);
	tcase_add_test(tc, test_big_set);
	tcase_add_test(tc, test_nodemap);
	tcase_set_timeout(tc, RC_TEST_BIG_TIMEOUT);
	suite_add_tcase(s, tc);
	return s;
}
