/* check_typeindex.c - tests of typeindex.c: the vertices grouped by
 * type. */
#include <config.h>

#include "tests/check_suites.h"

#include <stdint.h>
#include <stdlib.h>

#include <check.h>

#include "src/common/status.h"
#include "src/graph/typeindex.h"

/* ix lists, for each type in turn, exactly the vertices of that type
 * (in keep, when not NULL) in increasing order. */
static void
check_index(const struct rc_type_index *ix, const uint32_t *type_of,
	    uint32_t n, uint32_t ntypes, const struct rc_nodeset *keep)
{
	ck_assert_uint_eq(ix->ntypes, ntypes);
	ck_assert_uint_eq(ix->off[0], 0);
	for (uint32_t t = 0; t < ntypes; t++) {
		uint32_t k = ix->off[t];

		RC_TEST_REQUIRE(ix->off[t] <= ix->off[t + 1]);
		for (uint32_t v = 0; v < n; v++) {
			if (type_of[v] != t || (keep && !rc_nodeset_has(keep, v)))
				continue;
			RC_TEST_REQUIRE(k < ix->off[t + 1]);
			RC_TEST_REQUIRE(ix->ids[k] == v);
			k++;
		}
		RC_TEST_REQUIRE(k == ix->off[t + 1]);
	}
}

START_TEST(test_small)
{
	static const uint32_t type_of[] = { 2, 0, 2, 1, 0, 2, 2 };
	static const uint32_t want[] = { 1, 4, 3, 0, 2, 5, 6 };
	struct rc_type_index ix;

	ck_assert_int_eq(rc_type_index_build(&ix, type_of, 7, 4, NULL), RC_OK);
	ck_assert_uint_eq(ix.off[1], 2);
	ck_assert_uint_eq(ix.off[2], 3);
	ck_assert_uint_eq(ix.off[3], 7);
	ck_assert_uint_eq(ix.off[4], 7);   /* type 3 has no vertex */
	for (uint32_t i = 0; i < 7; i++)
		ck_assert_uint_eq(ix.ids[i], want[i]);
	rc_type_index_free(&ix);
	rc_type_index_free(&ix);   /* twice is harmless */
}
END_TEST

START_TEST(test_empty)
{
	struct rc_type_index ix;

	ck_assert_int_eq(rc_type_index_build(&ix, NULL, 0, 0, NULL), RC_OK);
	ck_assert_uint_eq(ix.off[0], 0);
	rc_type_index_free(&ix);
	ck_assert_int_eq(rc_type_index_build(&ix, NULL, 0, 3, NULL), RC_OK);
	ck_assert_uint_eq(ix.off[3], 0);
	rc_type_index_free(&ix);
}
END_TEST

START_TEST(test_random)
{
	uint32_t n = 20000, ntypes = 37;
	uint32_t *type_of = malloc(n * sizeof *type_of);
	struct rc_type_index ix;
	struct rc_nodeset keep;
	uint64_t seed = 18;

	ck_assert_ptr_nonnull(type_of);
	for (uint32_t v = 0; v < n; v++)
		type_of[v] = rc_test_below(&seed, ntypes - 1);  /* last unused */
	ck_assert_int_eq(rc_type_index_build(&ix, type_of, n, ntypes, NULL), RC_OK);
	check_index(&ix, type_of, n, ntypes, NULL);
	ck_assert_uint_eq(ix.off[ntypes], n);
	rc_type_index_free(&ix);

	ck_assert_int_eq(rc_nodeset_init(&keep, n), RC_OK);
	for (uint32_t v = 0; v < n; v++)
		if (rc_test_below(&seed, 3) == 0)
			rc_nodeset_add(&keep, v);
	ck_assert_int_eq(rc_type_index_build(&ix, type_of, n, ntypes, &keep), RC_OK);
	check_index(&ix, type_of, n, ntypes, &keep);
	ck_assert_uint_eq(ix.off[ntypes], rc_nodeset_count(&keep));
	rc_type_index_free(&ix);
	rc_nodeset_free(&keep);
	free(type_of);
}
END_TEST

START_TEST(test_invalid)
{
	static const uint32_t type_of[] = { 0, 5, 1 };
	struct rc_type_index ix;
	struct rc_nodeset keep;

	ck_assert_int_eq(rc_type_index_build(&ix, type_of, 3, 2, NULL), RC_EINVAL);
	ck_assert_ptr_null(ix.off);
	ck_assert_ptr_null(ix.ids);
	ck_assert_int_eq(rc_nodeset_init(&keep, 4), RC_OK);
	ck_assert_int_eq(rc_type_index_build(&ix, type_of, 3, 6, &keep), RC_EINVAL);
	ck_assert_ptr_null(ix.off);
	rc_nodeset_free(&keep);
}
END_TEST

Suite *
typeindex_suite(void)
{
	Suite *s = suite_create("typeindex");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_small);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_random);
	tcase_add_test(tc, test_invalid);
	suite_add_tcase(s, tc);
	return s;
}
