/* check_tui_rows.c - building the types, objects and object views' rows
 * from a synthetic model: histogram, sorts, filters, edges and their
 * labels, the summary cache, the exported subgraph. */
#include <config.h>

#include "tests/check_tui_suites.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "src/common/status.h"
#include "tests/tui_fixture.h"
#include "tui/app.h"
#include "tui/image_export.h"
#include "tui/rows_edges.h"
#include "tui/rows_objects.h"
#include "tui/rows_types.h"

/* Types: b (3 objects, 30 bytes), a (3, 300), Zed (1, 1000), empty
 * (registered, no object), c (2, 20).  Edges: x0 -> y0 twice
 * ("first", "second"), x1 -> y0 ("third", unlabelled after), y0 -> x2. */
static struct tui_fixture F;
static uint32_t b0, b1, b2, a0, a1, a2, z0, c0, c1;

static void
setup(void)
{
	tf_init(&F);
	b0 = tf_vertex(&F, "b", 10, "bee zero");
	a0 = tf_vertex(&F, "a", 100, "ay Zero");
	b1 = tf_vertex(&F, "b", 10, "bee one");
	a1 = tf_vertex(&F, "a", 150, "ay one");
	z0 = tf_vertex(&F, "Zed", 1000, "zed");
	b2 = tf_vertex(&F, "b", 10, "bee two");
	a2 = tf_vertex(&F, "a", 50, "ay two");
	c0 = tf_vertex(&F, "c", 10, "see");
	c1 = tf_vertex(&F, "c", 10, "see too");
	tf_edge(&F, b0, a0, "first");
	tf_edge(&F, b0, a0, "second");
	tf_edge(&F, b1, a0, "third");
	tf_edge(&F, b1, a0, NULL);
	tf_edge(&F, a0, b2, "down");
	tf_edge(&F, z0, a0, "zed's");
	tf_build(&F);
}

static void
teardown(void)
{
	tf_free(&F);
}

static void
check_types(const struct rc_rowlist *rl, const char *const *want, uint32_t n)
{
	uint32_t i;

	ck_assert_uint_eq(rl->nvis, n);
	for (i = 0; i < n; i++)
		ck_assert_str_eq(F.type_names[rc_rowlist_at(rl, i)->aux],
				 want[i]);
}

START_TEST(test_histogram)
{
	static const char *const by_count[] = { "a", "b", "c", "Zed" };
	static const char *const by_count_inv[] = { "Zed", "c", "a", "b" };
	static const char *const by_size[] = { "Zed", "a", "b", "c" };
	static const char *const by_name[] = { "Zed", "a", "b", "c" };
	static const char *const by_name_inv[] = { "c", "b", "a", "Zed" };
	struct rc_type_hist h;
	struct rc_rowlist rl;
	uint32_t t;

	/* A type with no object is left out. */
	F.m.ntypes++;
	ck_assert_int_eq(rc_type_hist_build(&F.m, &h), RC_OK);
	ck_assert_uint_eq(h.nonempty, 4);
	for (t = 0; t < F.ntypes; t++) {
		if (strcmp(F.type_names[t], "a") == 0) {
			ck_assert_uint_eq(h.count[t], 3);
			ck_assert_uint_eq(h.bytes[t], 300);
		} else if (strcmp(F.type_names[t], "b") == 0) {
			ck_assert_uint_eq(h.count[t], 3);
			ck_assert_uint_eq(h.bytes[t], 30);
		}
	}
	ck_assert_uint_eq(h.count[F.ntypes], 0);
	rc_rowlist_init(&rl);
	ck_assert_int_eq(rc_rows_types(&h, &rl), RC_OK);
	ck_assert_uint_eq(rl.nvis, 4);
	rc_rows_types_sort(&F.m, &h, &rl, RC_TYPES_BY_COUNT, 0);
	check_types(&rl, by_count, 4);
	rc_rows_types_sort(&F.m, &h, &rl, RC_TYPES_BY_COUNT, 1);
	check_types(&rl, by_count_inv, 4);
	rc_rows_types_sort(&F.m, &h, &rl, RC_TYPES_BY_SIZE, 0);
	check_types(&rl, by_size, 4);
	rc_rows_types_sort(&F.m, &h, &rl, RC_TYPES_BY_NAME, 0);
	check_types(&rl, by_name, 4);
	rc_rows_types_sort(&F.m, &h, &rl, RC_TYPES_BY_NAME, 1);
	check_types(&rl, by_name_inv, 4);
	/* Retained: as by size without the model's figures, by them with. */
	rc_rows_types_sort(&F.m, &h, &rl, RC_TYPES_BY_RETAINED, 0);
	check_types(&rl, by_size, 4);
	uint64_t type_retained[16] = { 0 };
	for (t = 0; t < F.ntypes; t++)
		type_retained[t] = strcmp(F.type_names[t], "c") == 0 ? 5000 :
				   strcmp(F.type_names[t], "b") == 0 ? 4000 : t;
	F.m.type_retained = type_retained;
	rc_rows_types_sort(&F.m, &h, &rl, RC_TYPES_BY_RETAINED, 0);
	ck_assert_str_eq(F.type_names[rc_rowlist_at(&rl, 0)->aux], "c");
	ck_assert_str_eq(F.type_names[rc_rowlist_at(&rl, 1)->aux], "b");
	rc_rows_types_sort(&F.m, &h, &rl, RC_TYPES_BY_RETAINED, 1);
	ck_assert_str_eq(F.type_names[rc_rowlist_at(&rl, 3)->aux], "c");
	F.m.type_retained = NULL;
	F.m.ntypes--;
	rc_rowlist_free(&rl);
	rc_type_hist_free(&h);
}
END_TEST

START_TEST(test_histogram_bad_type)
{
	struct rc_type_hist h;

	F.type_of[3] = 99;
	ck_assert_int_eq(rc_type_hist_build(&F.m, &h), RC_EINVAL);
	ck_assert_ptr_null(h.count);
}
END_TEST

START_TEST(test_types_filter)
{
	static const char *const z[] = { "Zed" };
	static const char *const all[] = { "Zed", "a", "b", "c" };
	struct rc_type_hist h;
	struct rc_rowlist rl;

	rc_rowlist_init(&rl);
	ck_assert_int_eq(rc_type_hist_build(&F.m, &h), RC_OK);
	rc_rows_types(&h, &rl);
	rc_rows_types_sort(&F.m, &h, &rl, RC_TYPES_BY_NAME, 0);
	rc_rows_types_filter(&F.m, &rl, "zE");	/* case folded */
	check_types(&rl, z, 1);
	rc_rows_types_filter(&F.m, &rl, "nothing");
	ck_assert_uint_eq(rl.nvis, 0);
	ck_assert_ptr_null(rc_rowlist_selected(&rl));
	rc_rows_types_filter(&F.m, &rl, "");
	check_types(&rl, all, 4);
	rc_rowlist_free(&rl);
	rc_type_hist_free(&h);
}
END_TEST

static void
check_vertices(const struct rc_rowlist *rl, const uint32_t *want, uint32_t n)
{
	uint32_t i;

	ck_assert_uint_eq(rl->nvis, n);
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(rc_rowlist_at(rl, i)->v, want[i]);
}

START_TEST(test_objects_sort)
{
	uint32_t by_size[] = { a1, a0, a2 };
	uint32_t by_size_inv[] = { a2, a0, a1 };
	uint32_t by_addr[] = { a0, a1, a2 };
	uint32_t by_addr_inv[] = { a2, a1, a0 };
	uint32_t by_in[] = { a0, a1, a2 };
	uint32_t b_by_out[] = { b0, b1, b2 };
	uint32_t all_by_size[] = { z0, a1, a0, a2, b0, b1, b2, c0, c1 };
	struct rc_rowlist rl;

	rc_rowlist_init(&rl);
	ck_assert_int_eq(rc_rows_objects(&F.m, F.type_of[a0], &rl), RC_OK);
	check_vertices(&rl, by_addr, 3);
	rc_rows_objects_sort(&F.m, &rl, RC_OBJECTS_BY_SIZE, 0);
	check_vertices(&rl, by_size, 3);
	rc_rows_objects_sort(&F.m, &rl, RC_OBJECTS_BY_SIZE, 1);
	check_vertices(&rl, by_size_inv, 3);
	rc_rows_objects_sort(&F.m, &rl, RC_OBJECTS_BY_ADDRESS, 1);
	check_vertices(&rl, by_addr_inv, 3);
	rc_rows_objects_sort(&F.m, &rl, RC_OBJECTS_BY_ADDRESS, 0);
	check_vertices(&rl, by_addr, 3);
	rc_rows_objects_sort(&F.m, &rl, RC_OBJECTS_BY_REFERRERS, 0);
	check_vertices(&rl, by_in, 3);	/* a0: 5, others 0, ties by id */
	ck_assert_int_eq(rc_rows_objects(&F.m, F.type_of[b0], &rl), RC_OK);
	rc_rows_objects_sort(&F.m, &rl, RC_OBJECTS_BY_REFERENTS, 0);
	check_vertices(&rl, b_by_out, 3);	/* 2, 2, 0 */
	ck_assert_int_eq(rc_rows_objects(&F.m, RC_NONE, &rl), RC_OK);
	ck_assert_uint_eq(rl.nvis, F.n);
	rc_rows_objects_sort(&F.m, &rl, RC_OBJECTS_BY_SIZE, 0);
	check_vertices(&rl, all_by_size, 9);
	/* Retained: as by size without the model's figures, by them with. */
	rc_rows_objects_sort(&F.m, &rl, RC_OBJECTS_BY_RETAINED, 0);
	check_vertices(&rl, all_by_size, 9);
	uint64_t retained[16] = { 0 };
	retained[c1] = 1u << 20;
	retained[b2] = 1u << 19;
	F.m.retained = retained;
	rc_rows_objects_sort(&F.m, &rl, RC_OBJECTS_BY_RETAINED, 0);
	ck_assert_uint_eq(rc_rowlist_at(&rl, 0)->v, c1);
	ck_assert_uint_eq(rc_rowlist_at(&rl, 1)->v, b2);
	rc_rows_objects_sort(&F.m, &rl, RC_OBJECTS_BY_RETAINED, 1);
	ck_assert_uint_eq(rc_rowlist_at(&rl, 8)->v, c1);
	F.m.retained = NULL;
	ck_assert_int_eq(rc_rows_objects_sort(&F.m, &rl, RC_OBJECTS_SORTS, 0),
			 RC_EINVAL);
	rc_rowlist_free(&rl);
}
END_TEST

/* Summaries are asked for only by the filter, once per row; a failing
 * summary does not match; the type name matches without summaries. */
START_TEST(test_objects_filter)
{
	uint32_t ones[] = { a1, b1 }, zero[] = { b0, a0 };
	struct rc_objects_filter f = { &F.m, "ONE", RC_BUF_INIT };
	struct rc_rowlist rl;

	rc_rowlist_init(&rl);
	rc_rows_objects(&F.m, RC_NONE, &rl);
	rc_rows_objects_sort(&F.m, &rl, RC_OBJECTS_BY_SIZE, 0);
	ck_assert_uint_eq(F.summary_calls, 0);
	rc_rowlist_filter_begin(&rl);
	while (rc_rowlist_filter_step(&rl, rc_objects_filter_keep, &f, 2) == 0)
		;
	rc_rowlist_filter_commit(&rl);
	check_vertices(&rl, ones, 2);
	ck_assert_uint_eq(F.summary_calls, F.n);
	F.fail_summary_of = (int)a0;
	f.needle = "zero";
	rc_rowlist_unsort(&rl);
	rc_rowlist_filter_begin(&rl);
	rc_rowlist_filter_step(&rl, rc_objects_filter_keep, &f, UINT32_MAX);
	rc_rowlist_filter_commit(&rl);
	uint32_t zero_ok[] = { b0 };

	check_vertices(&rl, zero_ok, 1);
	F.fail_summary_of = -1;
	rc_rowlist_filter_begin(&rl);
	rc_rowlist_filter_step(&rl, rc_objects_filter_keep, &f, UINT32_MAX);
	rc_rowlist_filter_commit(&rl);
	check_vertices(&rl, zero, 2);
	/* By type name: "zed" matches z0's type and no summary is asked. */
	F.summary_calls = 0;
	f.needle = "Zed";
	rc_rows_objects(&F.m, F.type_of[z0], &rl);
	rc_rowlist_filter_begin(&rl);
	rc_rowlist_filter_step(&rl, rc_objects_filter_keep, &f, UINT32_MAX);
	rc_rowlist_filter_commit(&rl);
	ck_assert_uint_eq(rl.nvis, 1);
	ck_assert_uint_eq(F.summary_calls, 0);
	rc_buf_free(&f.scratch);
	rc_rowlist_free(&rl);
}
END_TEST

/* Referrer rows find their edge, parallel edges included; referent rows
 * carry theirs. */
START_TEST(test_edges)
{
	struct rc_rowlist rl;
	struct rc_edge_rows at = { 0 };
	uint32_t i, seen[6] = { 0 };

	rc_rowlist_init(&rl);
	ck_assert_int_eq(rc_rows_referrers(&at, &F.g, a0, &rl), RC_OK);
	ck_assert_uint_eq(rl.nvis, 5);
	for (i = 0; i < rl.nvis; i++) {
		const struct rc_row *r = rc_rowlist_at(&rl, i);
		uint32_t e = rc_row_edge(&F.g, r), k;

		ck_assert_uint_eq(r->kind, RC_ROW_REFERRER);
		ck_assert_uint_eq(r->head, a0);
		ck_assert_uint_eq(r->pos, i);

		ck_assert_uint_ne(e, RC_NONE);
		ck_assert_uint_eq(F.g.out_dst[e], a0);
		ck_assert_uint_eq(rc_graph_tail(&F.g, e), r->v);
		for (k = 0; k < F.nedges; k++)
			if (tf_edge_id(&F, k) == e)
				seen[k]++;
	}
	/* Each of the five edges into a0 once. */
	ck_assert_uint_eq(seen[0] + seen[1] + seen[2] + seen[3] + seen[5], 5);
	ck_assert_uint_eq(seen[0] * seen[1] * seen[2] * seen[3] * seen[5], 1);
	ck_assert_uint_eq(rc_in_edge_at(&F.g, a0, 5), RC_NONE);
	ck_assert_uint_eq(rc_in_edge_at(&F.g, F.n, 0), RC_NONE);
	ck_assert_int_eq(rc_rows_referents(&at, &F.g, b0, &rl), RC_OK);
	ck_assert_uint_eq(rl.nvis, 2);
	ck_assert_uint_eq(rc_rowlist_at(&rl, 1)->kind, RC_ROW_REFERENT);
	ck_assert_uint_eq(rc_rowlist_at(&rl, 1)->v, F.g.out_dst[tf_edge_id(&F, 1)]);
	ck_assert_uint_eq(rc_row_edge(&F.g, rc_rowlist_at(&rl, 0)),
			  tf_edge_id(&F, 0));
	ck_assert_uint_eq(rc_row_edge(&F.g, rc_rowlist_at(&rl, 1)),
			  tf_edge_id(&F, 1));
	ck_assert_uint_eq(rc_edge_between(&F.g, a0, b2), tf_edge_id(&F, 4));
	ck_assert_uint_eq(rc_edge_between(&F.g, b2, a0), RC_NONE);
	rc_rowlist_free(&rl);
}
END_TEST

static void
app_setup(struct rc_app *a)
{
	ck_assert_int_eq(rc_app_init(a, &F.m), RC_OK);
	a->view = RC_VIEW_OBJECT;
}

static void
app_teardown(struct rc_app *a)
{
	rc_app_free(a);
}

/* Summaries and labels are cached; failures and unlabelled edges read
 * as such. */
START_TEST(test_app_cache)
{
	struct rc_app a;

	app_setup(&a);
	ck_assert_str_eq(rc_app_summary(&a, b1), "bee one");
	ck_assert_str_eq(rc_app_summary(&a, b1), "bee one");
	ck_assert_uint_eq(F.summary_calls, 1);
	F.fail_summary_of = (int)c0;
	ck_assert_str_eq(rc_app_summary(&a, c0), "[summary failed]");
	ck_assert_str_eq(rc_app_label(&a, tf_edge_id(&F, 2)), "third");
	ck_assert_str_eq(rc_app_label(&a, tf_edge_id(&F, 3)), "?");
	ck_assert_str_eq(rc_app_label(&a, tf_edge_id(&F, 2)), "third");
	ck_assert_uint_eq(F.label_calls, 2);
	ck_assert_str_eq(rc_app_label(&a, RC_NONE), "");
	ck_assert_str_eq(rc_app_type(&a, z0), "Zed");
	app_teardown(&a);
}
END_TEST

/* The object view exports the object, its referrers and referents. */
START_TEST(test_export_object)
{
	struct rc_app a;
	struct rc_nodelist nodes;
	uint32_t nedges = 0;
	char name[64];

	app_setup(&a);
	rc_nodelist_init(&nodes);
	ck_assert_int_eq(rc_export_nodes(&a, a0, &nodes), RC_OK);
	ck_assert_uint_eq(nodes.len, 5);	/* a0, b0, b1, z0, b2 */
	ck_assert_uint_eq(nodes.ids[0], a0);
	ck_assert_int_eq(rc_export_count_edges(&F.g, nodes.ids, nodes.len,
					       &nedges), RC_OK);
	ck_assert_uint_eq(nedges, 6);
	rc_export_default_name(&a, a0, name, sizeof name);
	ck_assert_str_eq(name, "refcycle-7f3a00001040.svg");
	F.export_fail = 1;
	ck_assert_int_eq(rc_export_run(&a, a0, "/nonexistent/x.svg"), -1);
	ck_assert_int_eq(a.msg_error, 1);
	ck_assert_ptr_nonnull(strstr(a.msg, "export refused by the fixture"));
	F.export_fail = 0;
	F.m.export_image = NULL;
	ck_assert_int_eq(rc_export_run(&a, a0, "x.svg"), -1);
	ck_assert_int_eq(F.export_calls, 1);
	rc_nodelist_free(&nodes);
	app_teardown(&a);
}
END_TEST

/* Before the in-lists are built, the referrers come from a scan of the
 * out-lists, in in-list order, each with its edge; the build is left to
 * whoever needs the lists, and gives the same rows. */
START_TEST(test_referrers_before_in_edges)
{
	/* 0 -> 2, 1 -> 2 twice, 2 -> 0, 3 -> 2 */
	static const uint32_t off[] = { 0, 1, 3, 4, 5 }, dst[] = { 2, 2, 2, 0, 2 };
	uint32_t *out_off = malloc(sizeof off), *out_dst = malloc(sizeof dst);
	struct rc_graph g;
	struct rc_rowlist rl;
	struct rc_edge_rows at = { 0 };
	static const uint32_t tails[] = { 0, 1, 1, 3 }, edges[] = { 0, 1, 2, 4 };

	ck_assert_ptr_nonnull(out_off);
	ck_assert_ptr_nonnull(out_dst);
	memcpy(out_off, off, sizeof off);
	memcpy(out_dst, dst, sizeof dst);
	ck_assert_int_eq(rc_graph_adopt_out_lazy(&g, 4, out_off, out_dst), RC_OK);
	rc_rowlist_init(&rl);
	ck_assert_int_eq(rc_rows_referrers(&at, &g, 2, &rl), RC_OK);
	ck_assert(!rc_graph_in_ready(&g));
	ck_assert_uint_eq(rl.nvis, 4);
	for (uint32_t i = 0; i < 4; i++) {
		const struct rc_row *r = rc_rowlist_at(&rl, i);
		ck_assert_uint_eq(r->v, tails[i]);
		ck_assert_uint_eq(r->e, edges[i]);
		ck_assert_uint_eq(rc_row_edge(&g, r), edges[i]);
		ck_assert_uint_eq(r->head, 2);
		ck_assert_uint_eq(r->pos, i);
	}
	ck_assert_int_eq(rc_rows_referrers(&at, &g, 3, &rl), RC_OK);
	ck_assert_uint_eq(rl.nvis, 0);
	/* Once built, the same referrers, their edges found when asked. */
	ck_assert_ptr_nonnull(rc_graph_in_offsets(&g));
	ck_assert_int_eq(rc_rows_referrers(&at, &g, 2, &rl), RC_OK);
	ck_assert_ptr_null(at.edges);
	ck_assert_uint_eq(rl.nvis, 4);
	for (uint32_t i = 0; i < 4; i++) {
		const struct rc_row *r = rc_rowlist_at(&rl, i);
		ck_assert_uint_eq(r->v, tails[i]);
		ck_assert_uint_eq(rc_row_edge(&g, r), edges[i]);
	}
	rc_rowlist_free(&rl);
	rc_edge_rows_free(&at);
	rc_graph_free(&g);
}
END_TEST

Suite *
tui_rows_suite(void)
{
	Suite *s = suite_create("tui_rows");
	TCase *tc = tcase_create("types_objects");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_histogram);
	tcase_add_test(tc, test_histogram_bad_type);
	tcase_add_test(tc, test_types_filter);
	tcase_add_test(tc, test_objects_sort);
	tcase_add_test(tc, test_objects_filter);
	tcase_add_test(tc, test_edges);
	tcase_add_test(tc, test_referrers_before_in_edges);
	tcase_add_test(tc, test_app_cache);
	tcase_add_test(tc, test_export_object);
	suite_add_tcase(s, tc);
	return s;
}
