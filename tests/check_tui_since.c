/* check_tui_since.c - a comparison with an earlier snapshot (model.h's
 * shown and per-type deltas): the types view's rows are exactly the types
 * with new objects, counted over those only, its changes and their sort
 * keys, what the new objects retain, the objects view's rows, the titles;
 * and nothing of it when the model has no shown set. */
#include <config.h>

#include "tests/check_tui_suites.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "src/common/status.h"
#include "src/graph/dom.h"
#include "src/graph/typedelta.h"
#include "tests/tui_fixture.h"
#include "tui/app.h"
#include "tui/rows_objects.h"
#include "tui/rows_types.h"
#include "tui/text.h"
#include "tui/typejob.h"
#include "tui/view.h"

/* A module R (the only root) and an earlier snapshot S (held by nobody
 * here: the host leaves it out of both sets).  Old objects: o1, o2 (Old),
 * g1 (Grow), d1, d2 (Dying), s1 (Shrink); d1, d2 and s1 are held by S
 * alone (gone).  New objects: g2, g3 (Grow: g2 alone holds g3), f1
 * (Fresh), u1 (Fresh, garbage: nothing holds it), d3 (Dying).
 *
 *   R -> o1 -> g2 -> g3     R -> f1     R -> o2 -> d3     R -> g1
 *   f1 -> d3                S -> d1, d2, s1
 *
 * Changes: Grow +2 / +40, Fresh +2 / +105, Dying +1 - 2 = -1 / -30,
 * Shrink -1 / -40 (no new object: no row), Old 0. */
static struct tui_fixture F;
static struct rc_dom dom;
static uint32_t *dom_off, *dom_kids;
static uint64_t retained[32];
static struct rc_nodeset new_, gone;
static int64_t count_delta[16], size_delta[16];
static uint32_t R, S, o1, o2, g1, g2, g3, f1, u1, d1, d2, d3, s1;

static void
setup(void)
{
	tf_init(&F);
	R = tf_vertex(&F, "module", 72, "module __main__");
	tf_root(&F, R, RC_ROOT_MODULE);
	S = tf_vertex(&F, "ObjectGraph", 64, "the earlier snapshot");
	o1 = tf_vertex(&F, "Old", 10, "old one");
	o2 = tf_vertex(&F, "Old", 10, "old two");
	g1 = tf_vertex(&F, "Grow", 20, "grow old");
	d1 = tf_vertex(&F, "Dying", 30, "dying one");
	d2 = tf_vertex(&F, "Dying", 30, "dying two");
	s1 = tf_vertex(&F, "Shrink", 40, "shrink");
	g2 = tf_vertex(&F, "Grow", 20, "grow new");
	g3 = tf_vertex(&F, "Grow", 20, "grow newer");
	f1 = tf_vertex(&F, "Fresh", 100, "fresh");
	u1 = tf_vertex(&F, "Fresh", 5, "fresh garbage");
	d3 = tf_vertex(&F, "Dying", 30, "dying new");
	tf_edge(&F, R, o1, NULL);
	tf_edge(&F, o1, g2, "attr 'g'");
	tf_edge(&F, g2, g3, "attr 'next'");
	tf_edge(&F, R, f1, NULL);
	tf_edge(&F, R, o2, NULL);
	tf_edge(&F, o2, d3, NULL);
	tf_edge(&F, f1, d3, NULL);
	tf_edge(&F, R, g1, NULL);
	tf_edge(&F, S, d1, NULL);
	tf_edge(&F, S, d2, NULL);
	tf_edge(&F, S, s1, NULL);
	tf_build(&F);
	ck_assert_uint_le(F.n, 32);
	ck_assert_uint_le(F.ntypes, 16);

	ck_assert_int_eq(rc_dom_compute(&dom, &F.g, &R, 1, 0), RC_OK);
	ck_assert_int_eq(rc_dom_retained(&dom, F.m.size, retained, NULL), RC_OK);
	ck_assert_int_eq(rc_dom_children(&dom, &dom_off, &dom_kids), RC_OK);

	ck_assert_int_eq(rc_nodeset_init(&new_, F.n), RC_OK);
	ck_assert_int_eq(rc_nodeset_init(&gone, F.n), RC_OK);
	rc_nodeset_add(&new_, g2);
	rc_nodeset_add(&new_, g3);
	rc_nodeset_add(&new_, f1);
	rc_nodeset_add(&new_, u1);
	rc_nodeset_add(&new_, d3);
	rc_nodeset_add(&gone, d1);
	rc_nodeset_add(&gone, d2);
	rc_nodeset_add(&gone, s1);
}

/* The model as browse(since=...) fills it. */
static void
compare(void)
{
	ck_assert_int_eq(rc_type_deltas(F.m.type_of, F.m.size, F.m.g->n, F.m.ntypes, &new_, &gone, count_delta,
					 size_delta), RC_OK);
	F.m.shown = &new_;
	F.m.type_count_delta = count_delta;
	F.m.type_size_delta = size_delta;
	F.m.retained = retained;
	F.m.idom = dom.idom;
	F.m.dom_off = dom_off;
	F.m.dom_kids = dom_kids;
}

static void
teardown(void)
{
	rc_nodeset_free(&new_);
	rc_nodeset_free(&gone);
	free(dom_off);
	free(dom_kids);
	rc_dom_free(&dom);
	tf_free(&F);
}

static uint32_t
type_named(const char *name)
{
	for (uint32_t t = 0; t < F.ntypes; t++)
		if (strcmp(F.type_names[t], name) == 0)
			return t;
	ck_abort_msg("no type %s", name);
	return RC_NONE;
}

static void
check_types(const struct rc_rowlist *rl, const char *const *want, uint32_t n)
{
	ck_assert_uint_eq(rl->nvis, n);
	for (uint32_t i = 0; i < n; i++)
		ck_assert_str_eq(F.type_names[rc_rowlist_at(rl, i)->aux], want[i]);
}

static void
check_objects(const struct rc_rowlist *rl, const uint32_t *want, uint32_t n)
{
	ck_assert_uint_eq(rl->nvis, n);
	for (uint32_t i = 0; i < n; i++)
		ck_assert_uint_eq(rc_rowlist_at(rl, i)->v, want[i]);
}

/* New minus gone, per type; nothing for the snapshot itself. */
START_TEST(test_deltas)
{
	compare();
	ck_assert_int_eq(count_delta[type_named("Grow")], 2);
	ck_assert_int_eq(size_delta[type_named("Grow")], 40);
	ck_assert_int_eq(count_delta[type_named("Fresh")], 2);
	ck_assert_int_eq(size_delta[type_named("Fresh")], 105);
	ck_assert_int_eq(count_delta[type_named("Dying")], -1);
	ck_assert_int_eq(size_delta[type_named("Dying")], -30);
	ck_assert_int_eq(count_delta[type_named("Shrink")], -1);
	ck_assert_int_eq(size_delta[type_named("Shrink")], -40);
	ck_assert_int_eq(count_delta[type_named("Old")], 0);
	ck_assert_int_eq(size_delta[type_named("Old")], 0);
	ck_assert_int_eq(count_delta[type_named("ObjectGraph")], 0);
	ck_assert_int_eq(count_delta[type_named("module")], 0);
	/* Without gone objects, only growth. */
	ck_assert_int_eq(rc_type_deltas(F.m.type_of, F.m.size, F.m.g->n, F.m.ntypes, &new_, NULL, count_delta,
					 size_delta), RC_OK);
	ck_assert_int_eq(count_delta[type_named("Dying")], 1);
	ck_assert_int_eq(size_delta[type_named("Shrink")], 0);
	/* A set of another graph's size is refused. */
	struct rc_nodeset other;
	ck_assert_int_eq(rc_nodeset_init(&other, F.n + 1), RC_OK);
	ck_assert_int_eq(rc_type_deltas(F.m.type_of, F.m.size, F.m.g->n, F.m.ntypes, &other, NULL, count_delta,
					 size_delta), RC_EINVAL);
	ck_assert_int_eq(rc_type_deltas(F.m.type_of, F.m.size, F.m.g->n, F.m.ntypes, &new_, &other, count_delta,
					 size_delta), RC_EINVAL);
	rc_nodeset_free(&other);
}
END_TEST

/* Only the types with new objects, counted over those; sorted by each
 * column, the changes as signed numbers. */
START_TEST(test_type_rows)
{
	static const char *const by_count[] = { "Fresh", "Grow", "Dying" };
	static const char *const by_size[] = { "Fresh", "Grow", "Dying" };
	static const char *const by_name[] = { "Dying", "Fresh", "Grow" };
	static const char *const by_count_delta_inv[] = { "Dying", "Fresh", "Grow" };
	static const char *const by_size_delta[] = { "Fresh", "Grow", "Dying" };
	static const char *const by_size_delta_inv[] = { "Dying", "Grow", "Fresh" };
	struct rc_type_hist h;
	struct rc_rowlist rl;

	compare();
	ck_assert_int_eq(rc_type_hist_build(&F.m, &h), RC_OK);
	ck_assert_uint_eq(h.total, 5);
	ck_assert_uint_eq(h.nonempty, 3);
	ck_assert_uint_eq(h.count[type_named("Grow")], 2);
	ck_assert_uint_eq(h.bytes[type_named("Grow")], 40);
	ck_assert_uint_eq(h.count[type_named("Fresh")], 2);
	ck_assert_uint_eq(h.bytes[type_named("Fresh")], 105);
	ck_assert_uint_eq(h.count[type_named("Dying")], 1);
	ck_assert_uint_eq(h.bytes[type_named("Dying")], 30);
	ck_assert_uint_eq(h.count[type_named("Old")], 0);
	ck_assert_uint_eq(h.count[type_named("Shrink")], 0);

	rc_rowlist_init(&rl);
	ck_assert_int_eq(rc_rows_types(&h, &rl), RC_OK);
	ck_assert_int_eq(rc_rows_types_sort(&F.m, &h, &rl, RC_TYPES_BY_COUNT, 0), RC_OK);
	check_types(&rl, by_count, 3);
	rc_rows_types_sort(&F.m, &h, &rl, RC_TYPES_BY_SIZE, 0);
	check_types(&rl, by_size, 3);
	rc_rows_types_sort(&F.m, &h, &rl, RC_TYPES_BY_NAME, 0);
	check_types(&rl, by_name, 3);
	/* Equal changes (+2, +2) by name; -1 below 0 below +2. */
	rc_rows_types_sort(&F.m, &h, &rl, RC_TYPES_BY_COUNT_DELTA, 0);
	check_types(&rl, by_count, 3);
	rc_rows_types_sort(&F.m, &h, &rl, RC_TYPES_BY_COUNT_DELTA, 1);
	check_types(&rl, by_count_delta_inv, 3);
	rc_rows_types_sort(&F.m, &h, &rl, RC_TYPES_BY_SIZE_DELTA, 0);
	check_types(&rl, by_size_delta, 3);
	rc_rows_types_sort(&F.m, &h, &rl, RC_TYPES_BY_SIZE_DELTA, 1);
	check_types(&rl, by_size_delta_inv, 3);
	ck_assert_int_eq(rc_rows_types_sort(&F.m, &h, &rl, RC_TYPES_SORTS, 0),
			 RC_EINVAL);
	rc_rowlist_free(&rl);
	rc_type_hist_free(&h);

	/* A set of another universe is refused. */
	struct rc_nodeset other;
	ck_assert_int_eq(rc_nodeset_init(&other, F.n - 1), RC_OK);
	F.m.shown = &other;
	ck_assert_int_eq(rc_type_hist_build(&F.m, &h), RC_EINVAL);
	rc_rowlist_init(&rl);
	ck_assert_int_eq(rc_rows_objects(&F.m, RC_NONE, &rl), RC_EINVAL);
	rc_rowlist_free(&rl);
	rc_nodeset_free(&other);
}
END_TEST

/* What the new objects of a type retain, nothing counted twice: g3 is in
 * g2's retained size already; the garbage u1 counts on its own.  The same
 * as the graph core's group walk with the old objects in a group apart. */
START_TEST(test_retained)
{
	struct rc_type_hist h;
	uint32_t group[32], t;
	uint64_t by_group[17];

	compare();
	ck_assert_int_eq(rc_type_hist_build(&F.m, &h), RC_OK);
	ck_assert_ptr_eq(rc_type_hist_retained(&F.m, &h), h.retained);
	ck_assert_uint_eq(h.retained[type_named("Grow")], 40);
	ck_assert_uint_eq(retained[g2], 40);
	ck_assert_uint_eq(h.retained[type_named("Fresh")], retained[f1] + 5);
	ck_assert_uint_eq(h.retained[type_named("Dying")], 30);
	ck_assert_uint_eq(h.retained[type_named("Old")], 0);
	for (uint32_t v = 0; v < F.n; v++)
		group[v] = rc_nodeset_has(&new_, v) ? F.type_of[v] : F.ntypes;
	ck_assert_int_eq(rc_dom_group_retained(&dom, group, F.ntypes + 1,
					       retained, by_group), RC_OK);
	for (t = 0; t < F.ntypes; t++)
		ck_assert_uint_eq(h.retained[t], by_group[t]);
	rc_type_hist_free(&h);

	/* Without a dominator tree, no retained column in a comparison. */
	F.m.dom_off = NULL;
	ck_assert_int_eq(rc_type_hist_build(&F.m, &h), RC_OK);
	ck_assert_ptr_null(rc_type_hist_retained(&F.m, &h));
	rc_type_hist_free(&h);
}
END_TEST

/* The objects view lists the new objects only; every vertex without a
 * comparison. */
START_TEST(test_object_rows)
{
	static const uint32_t all_new[] = { 8, 9, 10, 11, 12 };
	struct rc_rowlist rl;
	uint32_t grow[] = { g2, g3 };

	ck_assert_uint_eq(all_new[0], g2);
	ck_assert_uint_eq(all_new[4], d3);
	compare();
	rc_rowlist_init(&rl);
	ck_assert_int_eq(rc_rows_objects(&F.m, RC_NONE, &rl), RC_OK);
	check_objects(&rl, all_new, 5);
	ck_assert_int_eq(rc_rows_objects(&F.m, type_named("Grow"), &rl), RC_OK);
	check_objects(&rl, grow, 2);
	ck_assert_int_eq(rc_rows_objects(&F.m, type_named("Shrink"), &rl), RC_OK);
	ck_assert_uint_eq(rl.nvis, 0);
	F.m.shown = NULL;
	ck_assert_int_eq(rc_rows_objects(&F.m, RC_NONE, &rl), RC_OK);
	ck_assert_uint_eq(rl.nvis, F.n);
	ck_assert_int_eq(rc_rows_objects(&F.m, type_named("Grow"), &rl), RC_OK);
	ck_assert_uint_eq(rl.nvis, 3);
	rc_rowlist_free(&rl);
}
END_TEST

/* The same rows from a slice of the index of vertices by type, built on
 * the job's thread: the new objects only in a comparison, all without. */
START_TEST(test_object_rows_indexed)
{
	struct rc_type_job job;
	struct rc_rowlist rl;
	uint32_t grow[] = { g2, g3 };
	static const uint32_t all_new[] = { 8, 9, 10, 11, 12 };

	compare();
	rc_rowlist_init(&rl);
	rc_type_job_start(&job, &F.m, NULL);
	const struct rc_type_index *ix = rc_type_job_index(&job);
	ck_assert_ptr_nonnull(ix);
	ck_assert_ptr_eq(rc_type_job_index(&job), ix);   /* joined once */
	ck_assert_int_eq(rc_rows_objects_indexed(&F.m, ix, type_named("Grow"), &rl),
			 RC_OK);
	check_objects(&rl, grow, 2);
	ck_assert_int_eq(rc_rows_objects_indexed(&F.m, ix, type_named("Shrink"), &rl),
			 RC_OK);
	ck_assert_uint_eq(rl.nvis, 0);
	ck_assert_int_eq(rc_rows_objects_indexed(&F.m, ix, RC_NONE, &rl), RC_OK);
	check_objects(&rl, all_new, 5);
	ck_assert_int_eq(rc_rows_objects_indexed(&F.m, ix, F.m.ntypes, &rl),
			 RC_EINVAL);
	rc_rowlist_free(&rl);   /* before the index it borrowed from */
	rc_type_job_free(&job);
	rc_type_job_free(&job);

	F.m.shown = NULL;
	rc_type_job_start(&job, &F.m, &rl);
	rc_type_job_join(&job);   /* joined first: the index is its result */
	ix = rc_type_job_index(&job);
	ck_assert_ptr_nonnull(ix);
	ck_assert_int_eq(rc_rows_objects_indexed(&F.m, ix, type_named("Grow"), &rl),
			 RC_OK);
	ck_assert_uint_eq(rl.nvis, 3);
	ck_assert_int_eq(rc_rows_objects_sort(&F.m, &rl, RC_OBJECTS_BY_ADDRESS, 1),
			 RC_OK);
	ck_assert_uint_eq(rc_rowlist_at(&rl, 0)->v, g3);
	rc_rowlist_free(&rl);
	rc_type_job_free(&job);
}
END_TEST

START_TEST(test_delta_text)
{
	char out[32];

	rc_text_delta(2, 0, out, sizeof out);
	ck_assert_str_eq(out, "+2");
	rc_text_delta(-1, 0, out, sizeof out);
	ck_assert_str_eq(out, "-1");
	rc_text_delta(0, 0, out, sizeof out);
	ck_assert_str_eq(out, "0");
	rc_text_delta(1536, 1, out, sizeof out);
	ck_assert_str_eq(out, "+1.5K");
	rc_text_delta(-30, 1, out, sizeof out);
	ck_assert_str_eq(out, "-30");
	rc_text_delta(INT64_MIN, 0, out, sizeof out);
	ck_assert_str_eq(out, "-9223372036854775808");
	rc_text_delta(INT64_MIN, 1, out, sizeof out);
	ck_assert_str_eq(out, "-8.0E");
}
END_TEST

static void
app_setup(struct rc_app *a)
{
	ck_assert_int_eq(rc_app_init(a, &F.m), RC_OK);
}

static void
app_teardown(struct rc_app *a)
{
	rc_app_free(a);
}

static void
check_title(struct rc_app *a, const struct rc_view_ops *v, const char *want)
{
	struct rc_buf title = RC_BUF_INIT;

	v->title(a, &title);
	ck_assert_ptr_nonnull(rc_buf_cstr(&title));
	ck_assert_str_eq(title.data, want);
	rc_buf_free(&title);
}

/* The views as the browser opens them: the titles say it is a
 * comparison, s goes through the change columns too. */
START_TEST(test_views)
{
	static const char *const cycle[] = {
		"Sorted by size", "Sorted by name", "Sorted by retained",
		"Sorted by count change", "Sorted by size change",
		"Sorted by count"
	};
	static const char *const by_size_delta[] = { "Fresh", "Grow", "Dying" };
	struct rc_app a;
	size_t i;

	compare();
	app_setup(&a);
	ck_assert_int_eq(rc_view_types.open(&a), RC_OK);
	check_title(&a, &rc_view_types,
		    "since snapshot: 5 new objects, 3 types, by count");
	for (i = 0; i < sizeof cycle / sizeof *cycle; i++) {
		rc_view_types.request(&a, RC_REQ_SORT);
		ck_assert_str_eq(a.msg, cycle[i]);
		if (strcmp(a.msg, "Sorted by size change") == 0)
			check_types(rc_view_types.list(&a), by_size_delta, 3);
	}
	a.view = RC_VIEW_OBJECTS;
	a.type = type_named("Grow");
	ck_assert_int_eq(rc_view_objects.open(&a), RC_OK);
	uint32_t grow[] = { g2, g3 };
	check_objects(rc_view_objects.list(&a), grow, 2);
	check_title(&a, &rc_view_objects, "Grow, new since snapshot, by size");
	app_teardown(&a);

	/* Without a comparison: every object, no change columns to sort
	 * by (nor retained sizes, which this model does not have). */
	F.m.shown = NULL;
	F.m.retained = NULL;
	app_setup(&a);
	ck_assert_int_eq(rc_view_types.open(&a), RC_OK);
	check_title(&a, &rc_view_types, "7 types, 13 objects, by count");
	rc_view_types.request(&a, RC_REQ_SORT);
	rc_view_types.request(&a, RC_REQ_SORT);
	rc_view_types.request(&a, RC_REQ_SORT);
	ck_assert_str_eq(a.msg, "Sorted by count");
	a.view = RC_VIEW_OBJECTS;
	a.type = type_named("Grow");
	ck_assert_int_eq(rc_view_objects.open(&a), RC_OK);
	ck_assert_uint_eq(rc_view_objects.list(&a)->nvis, 3);
	check_title(&a, &rc_view_objects, "Grow, by size");
	app_teardown(&a);
}
END_TEST

/* Nothing new: no type row (the view says so when drawn). */
START_TEST(test_nothing_new)
{
	struct rc_app a;

	rc_nodeset_clear(&new_);
	rc_nodeset_clear(&gone);
	compare();
	app_setup(&a);
	ck_assert_int_eq(rc_view_types.open(&a), RC_OK);
	ck_assert_uint_eq(rc_view_types.list(&a)->nvis, 0);
	check_title(&a, &rc_view_types,
		    "since snapshot: 0 new objects, 0 types, by count");
	app_teardown(&a);
}
END_TEST

Suite *
tui_since_suite(void)
{
	Suite *s = suite_create("tui_since");
	TCase *tc = tcase_create("comparison");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_deltas);
	tcase_add_test(tc, test_type_rows);
	tcase_add_test(tc, test_retained);
	tcase_add_test(tc, test_object_rows);
	tcase_add_test(tc, test_object_rows_indexed);
	tcase_add_test(tc, test_delta_text);
	tcase_add_test(tc, test_views);
	tcase_add_test(tc, test_nothing_new);
	suite_add_tcase(s, tc);
	return s;
}
