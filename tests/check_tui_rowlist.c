/* check_tui_rowlist.c - the list model (rowlist.c, rowsort.c), the history
 * stack and the string cache: no curses, no model. */
#include <config.h>

#include "tests/check_tui_suites.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "src/common/status.h"
#include "tui/cache.h"
#include "tui/history.h"
#include "tui/rowlist.h"

/* n rows, row i with v = i and aux = keys[i]. */
static void
make_list(struct rc_rowlist *rl, const uint32_t *keys, uint32_t n)
{
	uint32_t i;

	rc_rowlist_init(rl);
	for (i = 0; i < n; i++) {
		struct rc_row r = { i, RC_NONE, RC_NONE, 0, keys[i], 0,
				    RC_ROW_OBJECT, 0 };

		ck_assert_int_eq(rc_rowlist_push(rl, &r), RC_OK);
	}
	ck_assert_int_eq(rc_rowlist_show(rl), RC_OK);
}

static void
check_order(const struct rc_rowlist *rl, const uint32_t *want, uint32_t n)
{
	uint32_t i;

	ck_assert_uint_eq(rl->nvis, n);
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(rc_rowlist_at(rl, i)->v, want[i]);
}

static uint64_t
key_aux(void *ctx, const struct rc_row *r)
{
	(void)ctx;
	return r->aux;
}

/* The same order as key_aux, over more than 32 bits. */
static uint64_t
key_wide(void *ctx, const struct rc_row *r)
{
	(void)ctx;
	return ((uint64_t)r->aux << 33) | (r->aux & 1);
}

/* The same order again, in bits 20 to 39: shifted into 4 bytes. */
static uint64_t
key_shifted(void *ctx, const struct rc_row *r)
{
	(void)ctx;
	return (uint64_t)r->aux << 20;
}

static int
cmp_aux(void *ctx, const struct rc_row *a, const struct rc_row *b)
{
	(void)ctx;
	return a->aux < b->aux ? -1 : a->aux > b->aux;
}

static const uint32_t keys7[] = { 5, 1, 5, 0, 1, 9, 5 };

START_TEST(test_show)
{
	static const uint32_t id[] = { 0, 1, 2, 3, 4, 5, 6 };
	struct rc_rowlist rl;

	make_list(&rl, keys7, 7);
	check_order(&rl, id, 7);
	ck_assert_uint_eq(rl.cur, 0);
	ck_assert_uint_eq(rc_rowlist_selected(&rl)->v, 0);
	ck_assert_ptr_null(rc_rowlist_at(&rl, 7));
	rc_rowlist_clear(&rl);
	ck_assert_int_eq(rc_rowlist_show(&rl), RC_OK);
	ck_assert_uint_eq(rl.nvis, 0);
	ck_assert_ptr_null(rc_rowlist_selected(&rl));
	rc_rowlist_move(&rl, 5);
	ck_assert_uint_eq(rl.cur, 0);
	rc_rowlist_free(&rl);
}
END_TEST

/* Both sorts are stable, both directions, and the cursor follows its
 * row. */
START_TEST(test_sort_stable)
{
	static const uint32_t asc[] = { 3, 1, 4, 0, 2, 6, 5 };
	static const uint32_t desc[] = { 5, 0, 2, 6, 1, 4, 3 };
	static const uint32_t id[] = { 0, 1, 2, 3, 4, 5, 6 };
	struct rc_rowlist rl;

	make_list(&rl, keys7, 7);
	rc_rowlist_set_cur(&rl, 2);	/* row 2 */
	ck_assert_int_eq(rc_rowlist_sort_key(&rl, key_aux, NULL, 0), RC_OK);
	check_order(&rl, asc, 7);
	ck_assert_uint_eq(rc_rowlist_selected(&rl)->v, 2);
	rc_rowlist_unsort(&rl);
	check_order(&rl, id, 7);
	ck_assert_int_eq(rc_rowlist_sort_key(&rl, key_aux, NULL, 1), RC_OK);
	check_order(&rl, desc, 7);
	ck_assert_uint_eq(rc_rowlist_selected(&rl)->v, 2);
	rc_rowlist_unsort(&rl);
	ck_assert_int_eq(rc_rowlist_sort_cmp(&rl, cmp_aux, NULL, 0), RC_OK);
	check_order(&rl, asc, 7);
	rc_rowlist_unsort(&rl);
	ck_assert_int_eq(rc_rowlist_sort_cmp(&rl, cmp_aux, NULL, 1), RC_OK);
	check_order(&rl, desc, 7);
	rc_rowlist_free(&rl);
}
END_TEST

static void
make_keyed(const void *ctx, uint32_t i, uint32_t v, struct rc_row *out)
{
	const uint32_t *keys = ctx;
	(void)i;

	*out = (struct rc_row){ v, RC_NONE, RC_NONE, 0, keys[v], 0,
				RC_ROW_OBJECT, 0 };
}

/* A list of rows made only when asked, from vertex ids. */
static void
make_lazy(struct rc_rowlist *rl, const uint32_t *keys, uint32_t n)
{
	uint32_t *ids = malloc((n + 1) * sizeof *ids);

	for (uint32_t i = 0; i < n; i++)
		ids[i] = i;
	rc_rowlist_init(rl);
	ck_assert_int_eq(rc_rowlist_vertices(rl, ids, n, make_keyed, keys), RC_OK);
}

static uint64_t
vkey_keys7(const void *ctx, uint32_t v)
{
	(void)ctx;
	return keys7[v];
}

static int
keep_five(void *ctx, const struct rc_row *r)
{
	(void)ctx;
	return r->aux == 5;
}

/* Rows made from vertex ids read, sort and filter as stored rows do;
 * a row handed out stays valid while a few more are asked for; cleared,
 * the list takes stored rows again. */
START_TEST(test_vertices)
{
	static const uint32_t asc[] = { 3, 1, 4, 0, 2, 6, 5 };
	static const uint32_t desc[] = { 5, 0, 2, 6, 1, 4, 3 };
	static const uint32_t id[] = { 0, 1, 2, 3, 4, 5, 6 };
	static const uint32_t fives[] = { 0, 2, 6 };
	struct rc_rowlist rl;

	make_lazy(&rl, keys7, 7);
	ck_assert_ptr_null(rl.rows);
	ck_assert_int_eq(rl.vis_shared, 1);   /* nothing hidden: vis is order */
	check_order(&rl, id, 7);
	const struct rc_row *first = rc_rowlist_at(&rl, 0);
	ck_assert_uint_eq(rc_rowlist_at(&rl, 5)->aux, 9);
	ck_assert_uint_eq(first->v, 0);
	ck_assert_uint_eq(first->aux, 5);
	ck_assert_uint_eq(first->kind, RC_ROW_OBJECT);
	rc_rowlist_set_cur(&rl, 2);
	ck_assert_int_eq(rc_rowlist_sort_key(&rl, key_aux, NULL, 0), RC_OK);
	check_order(&rl, asc, 7);
	ck_assert_uint_eq(rc_rowlist_selected(&rl)->v, 2);
	ck_assert_int_eq(rc_rowlist_sort_key(&rl, key_aux, NULL, 1), RC_OK);
	check_order(&rl, desc, 7);
	rc_rowlist_unsort(&rl);
	ck_assert_int_eq(rc_rowlist_sort_cmp(&rl, cmp_aux, NULL, 1), RC_OK);
	check_order(&rl, desc, 7);
	rc_rowlist_unsort(&rl);
	ck_assert_int_eq(rc_rowlist_sort_vertex_key(&rl, vkey_keys7, NULL, 1), RC_OK);
	check_order(&rl, desc, 7);
	rc_rowlist_unsort(&rl);
	ck_assert_int_eq(rc_rowlist_sort_vertex_key(&rl, vkey_keys7, NULL, 0), RC_OK);
	check_order(&rl, asc, 7);
	rc_rowlist_unsort(&rl);
	rc_rowlist_filter_begin(&rl);
	while (rc_rowlist_filter_step(&rl, keep_five, NULL, 2) == 0)
		;
	ck_assert_int_eq(rc_rowlist_filter_commit(&rl), RC_OK);
	ck_assert_int_eq(rl.vis_shared, 0);
	check_order(&rl, fives, 3);
	ck_assert_uint_eq(rc_rowlist_at(&rl, 1)->flags, 0);
	ck_assert_uint_eq(rc_rowlist_find(&rl, 6), 2);
	ck_assert_int_eq(rc_rowlist_unfilter(&rl), RC_OK);
	check_order(&rl, id, 7);
	rc_rowlist_clear(&rl);
	ck_assert_ptr_null(rl.lazy);
	struct rc_row r = { 42, RC_NONE, RC_NONE, 0, 1, 0, RC_ROW_OBJECT, 0 };
	ck_assert_int_eq(rc_rowlist_push(&rl, &r), RC_OK);
	ck_assert_int_eq(rc_rowlist_show(&rl), RC_OK);
	ck_assert_uint_eq(rc_rowlist_at(&rl, 0)->v, 42);
	ck_assert_int_eq(rc_rowlist_sort_vertex_key(&rl, vkey_keys7, NULL, 0), RC_EINVAL);
	rc_rowlist_free(&rl);
}
END_TEST

/* Rows from ids sort as stored rows do, on keys that use every byte
 * and on keys that share all but their lowest. */
START_TEST(test_vertices_sort_big)
{
	uint32_t n = 100000, i, *keys = malloc(n * sizeof *keys);
	uint64_t s = 7;
	struct rc_rowlist a, b;

	for (int round = 0; round < 2; round++) {
		for (i = 0; i < n; i++) {
			s = s * 6364136223846793005ull + 1442695040888963407ull;
			keys[i] = round ? 0x7f7f7f00u | (uint32_t)(s >> 60)
					: (uint32_t)(s >> 32);
		}
		make_lazy(&a, keys, n);
		make_list(&b, keys, n);
		ck_assert_int_eq(rc_rowlist_sort_key(&a, key_aux, NULL, round), RC_OK);
		ck_assert_int_eq(rc_rowlist_sort_cmp(&b, cmp_aux, NULL, round), RC_OK);
		for (i = 0; i < n; i++)
			if (a.vis[i] != b.vis[i])
				ck_abort_msg("sorts differ at %u (round %d)", i, round);
		rc_rowlist_free(&a);
		rc_rowlist_free(&b);
	}
	free(keys);
}
END_TEST

/* The sort's scratch outlives a list that shrinks and grows again
 * (one radix pass: the order ends in the scratch and is copied back). */
START_TEST(test_sort_scratch_kept)
{
	static const uint32_t sizes[] = { 1000, 100, 500, 1000 };
	uint32_t keys[1000];
	struct rc_rowlist rl;

	for (uint32_t i = 0; i < 1000; i++)
		keys[i] = (i * 37u) % 251u;
	make_list(&rl, keys, 1);
	for (uint32_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		rc_rowlist_clear(&rl);
		for (uint32_t i = 0; i < sizes[s]; i++) {
			struct rc_row r = { i, RC_NONE, RC_NONE, 0, keys[i], 0,
					    RC_ROW_OBJECT, 0 };
			ck_assert_int_eq(rc_rowlist_push(&rl, &r), RC_OK);
		}
		ck_assert_int_eq(rc_rowlist_show(&rl), RC_OK);
		ck_assert_int_eq(rc_rowlist_sort_key(&rl, key_aux, NULL, 0), RC_OK);
		ck_assert_uint_eq(rl.nvis, sizes[s]);
		for (uint32_t i = 1; i < sizes[s]; i++)
			if (rc_rowlist_at(&rl, i - 1)->aux > rc_rowlist_at(&rl, i)->aux)
				ck_abort_msg("not sorted at %u of %u", i, sizes[s]);
	}
	rc_rowlist_free(&rl);
}
END_TEST

static uint64_t
vkey_keys(const void *ctx, uint32_t v)
{
	return ((const uint32_t *)ctx)[v];
}

/* A list readied for 600 rows (rc_rowlist_reserve_sort) on borrowed ids
 * sorts as one that was not, shorter and longer lists too (the order's
 * room kept, then grown); the ids are not written. */
START_TEST(test_reserve_sort)
{
	static const uint32_t lens[] = { 600, 10, 0, 1, 1000, 600 };
	uint32_t keys[1000], ids[1000];
	struct rc_rowlist rl, plain;

	for (uint32_t i = 0; i < 1000; i++) {
		keys[i] = (i * 37u) % 13u;
		ids[i] = 999 - i;
	}
	rc_rowlist_init(&rl);
	ck_assert_int_eq(rc_rowlist_reserve_sort(&rl, 600), RC_OK);
	ck_assert_uint_ge(rl.order_cap, 600);
	for (uint32_t s = 0; s < sizeof lens / sizeof lens[0]; s++) {
		uint32_t n = lens[s], *own = malloc((n + 1) * sizeof *own);

		ck_assert_ptr_nonnull(own);
		memcpy(own, ids, n * sizeof *own);
		rc_rowlist_init(&plain);
		ck_assert_int_eq(rc_rowlist_vertices(&plain, own, n, make_keyed, keys),
				 RC_OK);
		ck_assert_int_eq(rc_rowlist_vertices_borrowed(&rl, ids, n, make_keyed,
							      keys), RC_OK);
		ck_assert_int_eq(rc_rowlist_sort_vertex_key(&rl, vkey_keys, keys, 1),
				 RC_OK);
		ck_assert_int_eq(rc_rowlist_sort_vertex_key(&plain, vkey_keys, keys, 1),
				 RC_OK);
		ck_assert_uint_eq(rl.nvis, n);
		for (uint32_t i = 0; i < n; i++)
			ck_assert_uint_eq(rc_rowlist_at(&rl, i)->v,
					  rc_rowlist_at(&plain, i)->v);
		for (uint32_t i = 1; i < n; i++)
			ck_assert_uint_ge(rc_rowlist_at(&rl, i - 1)->aux,
					  rc_rowlist_at(&rl, i)->aux);
		rc_rowlist_free(&plain);
	}
	for (uint32_t i = 0; i < 1000; i++)
		ck_assert_uint_eq(ids[i], 999 - i);
	rc_rowlist_free(&rl);
}
END_TEST

/* Radix and merge sorts agree on many random keys, including keys that
 * use every byte. */
START_TEST(test_sort_big)
{
	uint32_t n = 200000, i, *keys = malloc(n * sizeof *keys);
	uint64_t s = 42;
	struct rc_rowlist a, b;

	for (i = 0; i < n; i++) {
		s = s * 6364136223846793005ull + 1442695040888963407ull;
		keys[i] = (uint32_t)(s >> 40) % 1000;
	}
	make_list(&a, keys, n);
	make_list(&b, keys, n);
	ck_assert_int_eq(rc_rowlist_sort_key(&a, key_aux, NULL, 1), RC_OK);
	ck_assert_int_eq(rc_rowlist_sort_cmp(&b, cmp_aux, NULL, 1), RC_OK);
	for (i = 0; i < n; i++)
		if (a.vis[i] != b.vis[i])
			ck_abort_msg("sorts differ at %u", i);
	rc_rowlist_unsort(&a);
	ck_assert_int_eq(rc_rowlist_sort_key(&a, key_wide, NULL, 1), RC_OK);
	for (i = 0; i < n; i++)
		if (a.vis[i] != b.vis[i])
			ck_abort_msg("wide keys: sorts differ at %u", i);
	rc_rowlist_unsort(&a);
	ck_assert_int_eq(rc_rowlist_sort_key(&a, key_shifted, NULL, 1), RC_OK);
	for (i = 0; i < n; i++)
		if (a.vis[i] != b.vis[i])
			ck_abort_msg("shifted keys: sorts differ at %u", i);
	for (i = 1; i < n; i++)
		if (keys[a.vis[i - 1]] < keys[a.vis[i]] ||
		    (keys[a.vis[i - 1]] == keys[a.vis[i]] &&
		     a.vis[i - 1] > a.vis[i]))
			ck_abort_msg("not a stable descending sort at %u", i);
	rc_rowlist_free(&a);
	rc_rowlist_free(&b);
	free(keys);
}
END_TEST

static int
keep_odd(void *ctx, const struct rc_row *r)
{
	(*(int *)ctx)++;
	return r->v % 2;
}

/* A filter in budgeted steps; commit shows the rows kept, cancel
 * changes nothing, the cursor stays on its row when kept. */
START_TEST(test_filter)
{
	static const uint32_t odd[] = { 1, 3, 5 };
	static const uint32_t id[] = { 0, 1, 2, 3, 4, 5, 6 };
	struct rc_rowlist rl;
	int calls = 0, steps = 0, done;

	make_list(&rl, keys7, 7);
	rc_rowlist_set_cur(&rl, 3);
	rc_rowlist_filter_begin(&rl);
	do {
		done = rc_rowlist_filter_step(&rl, keep_odd, &calls, 2);
		steps++;
		if (!done)
			check_order(&rl, id, 7);	/* nothing yet */
	} while (!done);
	ck_assert_int_eq(steps, 4);
	ck_assert_int_eq(calls, 7);
	rc_rowlist_filter_cancel(&rl);
	check_order(&rl, id, 7);
	ck_assert_uint_eq(rc_rowlist_selected(&rl)->v, 3);

	rc_rowlist_filter_begin(&rl);
	ck_assert_int_eq(rc_rowlist_filter_step(&rl, keep_odd, &calls,
						UINT32_MAX), 1);
	rc_rowlist_filter_commit(&rl);
	check_order(&rl, odd, 3);
	ck_assert_uint_eq(rc_rowlist_selected(&rl)->v, 3);
	/* Sorting keeps the filter. */
	ck_assert_int_eq(rc_rowlist_sort_key(&rl, key_aux, NULL, 1), RC_OK);
	ck_assert_uint_eq(rl.nvis, 3);
	ck_assert_int_eq(rc_rowlist_unfilter(&rl), RC_OK);
	ck_assert_uint_eq(rl.nvis, 7);
	ck_assert_uint_eq(rc_rowlist_selected(&rl)->v, 3);
	/* The cursor's row filtered out: back to the first row. */
	rc_rowlist_unsort(&rl);
	rc_rowlist_set_cur(&rl, 2);
	rc_rowlist_filter_begin(&rl);
	rc_rowlist_filter_step(&rl, keep_odd, &calls, UINT32_MAX);
	rc_rowlist_filter_commit(&rl);
	ck_assert_uint_eq(rl.cur, 0);
	ck_assert_uint_eq(rc_rowlist_find(&rl, 5), 2);
	ck_assert_uint_eq(rc_rowlist_find(&rl, 4), RC_NONE);
	rc_rowlist_free(&rl);
}
END_TEST

START_TEST(test_move_scroll)
{
	uint32_t keys[100] = { 0 };
	struct rc_rowlist rl;

	make_list(&rl, keys, 100);
	rc_rowlist_move(&rl, -3);
	ck_assert_uint_eq(rl.cur, 0);
	rc_rowlist_move(&rl, 250);
	ck_assert_uint_eq(rl.cur, 99);
	rc_rowlist_scroll(&rl, 10);
	ck_assert_uint_eq(rl.top, 90);
	rc_rowlist_set_cur(&rl, 50);
	rc_rowlist_scroll(&rl, 10);
	ck_assert_uint_eq(rl.top, 50);
	rc_rowlist_move(&rl, 12);
	rc_rowlist_scroll(&rl, 10);
	ck_assert_uint_eq(rl.cur, 62);
	ck_assert_uint_eq(rl.top, 53);
	/* Taller than the list: top stays 0. */
	rc_rowlist_scroll(&rl, 200);
	ck_assert_uint_eq(rl.top, 0);
	rc_rowlist_free(&rl);
}
END_TEST

START_TEST(test_history)
{
	struct rc_history h;
	struct rc_place p = { 1, 7, 3, 4, 2, 1 }, q;
	uint32_t i;

	rc_history_init(&h);
	ck_assert_int_eq(rc_history_pop(&h, &q), 0);
	rc_history_push(&h, &p);
	p.view = 2;
	p.focus = 8;
	rc_history_push(&h, &p);
	ck_assert_uint_eq(rc_history_len(&h), 2);
	ck_assert_int_eq(rc_history_pop(&h, &q), 1);
	ck_assert_int_eq(q.view, 2);
	ck_assert_uint_eq(q.focus, 8);
	ck_assert_int_eq(rc_history_pop(&h, &q), 1);
	ck_assert_int_eq(q.view, 1);
	ck_assert_uint_eq(q.focus, 7);
	ck_assert_uint_eq(q.aux, 3);
	ck_assert_uint_eq(q.cur, 4);
	ck_assert_uint_eq(q.top, 2);
	ck_assert_uint_eq(q.pane, 1);
	/* Overflow forgets the oldest. */
	for (i = 0; i < RC_HISTORY_MAX + 10; i++) {
		p.focus = i;
		rc_history_push(&h, &p);
	}
	ck_assert_uint_eq(rc_history_len(&h), RC_HISTORY_MAX);
	for (i = RC_HISTORY_MAX + 10; i-- > 10;) {
		ck_assert_int_eq(rc_history_pop(&h, &q), 1);
		ck_assert_uint_eq(q.focus, i);
	}
	ck_assert_int_eq(rc_history_pop(&h, &q), 0);
}
END_TEST

START_TEST(test_cache)
{
	struct rc_strcache c;
	uint64_t k;
	char buf[32];

	ck_assert_int_eq(rc_strcache_init(&c, 16), RC_OK);
	ck_assert_ptr_null(rc_strcache_get(&c, 5));
	ck_assert_str_eq(rc_strcache_put(&c, 5, "five!", 4), "five");
	ck_assert_str_eq(rc_strcache_get(&c, 5), "five");
	rc_strcache_put(&c, 5, "FIVE", 4);
	ck_assert_str_eq(rc_strcache_get(&c, 5), "FIVE");
	ck_assert_uint_eq(c.used, 1);
	/* Never more than half full: emptied first. */
	for (k = 100; k < 200; k++) {
		int n = snprintf(buf, sizeof buf, "%u", (unsigned)k);

		ck_assert_ptr_nonnull(rc_strcache_put(&c, k, buf, (size_t)n));
		ck_assert_uint_le(c.used, c.cap / 2);
		ck_assert_str_eq(rc_strcache_get(&c, k), buf);
	}
	rc_strcache_free(&c);
}
END_TEST

Suite *
tui_rowlist_suite(void)
{
	Suite *s = suite_create("tui_rowlist");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_show);
	tcase_add_test(tc, test_sort_stable);
	tcase_add_test(tc, test_sort_big);
	tcase_add_test(tc, test_vertices);
	tcase_add_test(tc, test_sort_scratch_kept);
	tcase_add_test(tc, test_reserve_sort);
	tcase_add_test(tc, test_vertices_sort_big);
	tcase_add_test(tc, test_filter);
	tcase_add_test(tc, test_move_scroll);
	tcase_add_test(tc, test_history);
	tcase_add_test(tc, test_cache);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
