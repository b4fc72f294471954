/* check_domjob.c - the dominator view built on a thread of its own
 * (src/graph/domjob.h) and the progress it reports (progress.h). */
#include <config.h>

#include "tests/check_suites.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"
#include "src/graph/domjob.h"
#include "src/graph/domview.h"

/* A random graph with sizes and three groups; roots 0 and 1. */
struct fixture {
	struct rc_graph g;
	uint64_t *shallow;
	uint32_t *group_of;
	uint32_t roots[2];
};

static void
fixture_make(struct fixture *f, uint32_t n, uint32_t m, uint64_t seed)
{
	uint64_t state = seed;

	rc_test_random_graph(&f->g, n, m, &state);
	f->shallow = malloc(((size_t)n + 1) * sizeof *f->shallow);
	f->group_of = malloc(((size_t)n + 1) * sizeof *f->group_of);
	ck_assert_ptr_nonnull(f->shallow);
	ck_assert_ptr_nonnull(f->group_of);
	for (uint32_t v = 0; v < n; v++) {
		f->shallow[v] = 16 + rc_test_below(&state, 100);
		f->group_of[v] = v % 3;
	}
	f->roots[0] = 0;
	f->roots[1] = n > 1 ? 1 : 0;
}

static void
fixture_free(struct fixture *f)
{
	rc_graph_free(&f->g);
	free(f->shallow);
	free(f->group_of);
}

static void
assert_same_view(const struct rc_dom_view *a, const struct rc_dom_view *b, uint32_t n)
{
	ck_assert_uint_eq(a->dom.n, b->dom.n);
	ck_assert_uint_eq(a->dom.count, b->dom.count);
	for (uint32_t v = 0; v < n; v++) {
		RC_TEST_REQUIRE(a->dom.idom[v] == b->dom.idom[v]);
		RC_TEST_REQUIRE(a->retained[v] == b->retained[v]);
	}
	for (uint32_t k = 0; k < 3; k++)
		ck_assert_uint_eq(a->group_retained[k], b->group_retained[k]);
	ck_assert_mem_eq(a->kid_off, b->kid_off, ((size_t)n + 2) * sizeof *a->kid_off);
	ck_assert_mem_eq(a->kids, b->kids, (size_t)a->dom.count * sizeof *a->kids);
}

/* The thread's view is the one rc_dom_view_build makes. */
START_TEST(test_job_matches_build)
{
	struct fixture f;
	struct rc_dom_view want, got;
	struct rc_dom_job job;
	uint32_t n = 2000 + 1000 * (uint32_t)_i;

	fixture_make(&f, n, 3 * n, 7 + (uint64_t)_i);
	ck_assert_int_eq(rc_dom_view_build(&want, &f.g, f.roots, 2, f.shallow, f.group_of, 3),
			 RC_OK);
	ck_assert_int_eq(rc_dom_job_start(&job, &f.g, f.roots, 2, f.shallow, f.group_of, 3),
			 RC_OK);
	ck_assert_int_eq(rc_dom_job_finish(&job, &got), RC_OK);
	ck_assert_int_eq(rc_dom_job_poll(&job, NULL, NULL), 1);
	assert_same_view(&want, &got, n);
	rc_dom_view_free(&want);
	rc_dom_view_free(&got);
	fixture_free(&f);
}
END_TEST

/* Progress on a million-node chain: it moves, never passes the total,
 * and ends at a total of six units per node. */
START_TEST(test_progress_is_reported)
{
	struct rc_graph g;
	uint32_t n = RC_TEST_BIG, root = 0;
	uint64_t *shallow = calloc((size_t)n + 1, sizeof *shallow);
	uint32_t *group_of = calloc((size_t)n + 1, sizeof *group_of);
	struct rc_dom_job job;
	struct rc_dom_view view;
	uint64_t done = 0, total = 0, last = 0;
	int polls = 0;

	ck_assert_ptr_nonnull(shallow);
	ck_assert_ptr_nonnull(group_of);
	rc_test_chain(&g, n, 0);
	for (uint32_t v = 0; v < n; v++)
		shallow[v] = 1;
	ck_assert_int_eq(rc_dom_job_start(&job, &g, &root, 1, shallow, group_of, 1), RC_OK);
	while (!rc_dom_job_poll(&job, &done, &total)) {
		RC_TEST_REQUIRE(done <= total);
		RC_TEST_REQUIRE(done >= last);
		last = done;
		polls++;
	}
	ck_assert_int_gt(polls, 0);
	ck_assert_int_eq(rc_dom_job_finish(&job, &view), RC_OK);
	ck_assert_uint_eq(view.retained[0], n);
	ck_assert_uint_eq(view.group_retained[0], n);
	rc_dom_view_free(&view);
	rc_graph_free(&g);
	free(shallow);
	free(group_of);
}
END_TEST

/* A cancel stops the thread early: the status says so and nothing is
 * left (the sanitizer build checks that nothing leaks). */
START_TEST(test_cancel_stops_the_job)
{
	struct rc_graph g;
	uint32_t n = RC_TEST_BIG, root = 0;
	uint64_t *shallow = calloc((size_t)n + 1, sizeof *shallow);
	uint32_t *group_of = calloc((size_t)n + 1, sizeof *group_of);
	struct rc_dom_job job;

	ck_assert_ptr_nonnull(shallow);
	ck_assert_ptr_nonnull(group_of);
	rc_test_chain(&g, n, 1);
	ck_assert_int_eq(rc_dom_job_start(&job, &g, &root, 1, shallow, group_of, 1), RC_OK);
	rc_dom_job_cancel(&job);
	ck_assert_int_eq(rc_dom_job_poll(&job, NULL, NULL), 1);
	ck_assert_ptr_null(job.view.retained);
	rc_dom_job_cancel(&job);     /* twice is harmless */
	rc_graph_free(&g);
	free(shallow);
	free(group_of);
}
END_TEST

/* A build told to stop before it starts stops at its first look, with
 * the view left empty. */
START_TEST(test_cancelled_build_is_empty)
{
	struct fixture f;
	struct rc_progress p;
	struct rc_dom_view view;
	uint32_t n = 3 * RC_PROGRESS_EVERY;

	fixture_make(&f, n, 2 * n, 11);
	rc_progress_init(&p);
	rc_progress_cancel(&p);
	ck_assert_int_eq(rc_dom_view_build_watched(&view, &f.g, f.roots, 2, f.shallow,
						   f.group_of, 3, &p), RC_ECANCELED);
	ck_assert_ptr_null(view.retained);
	ck_assert_ptr_null(view.dom.idom);
	ck_assert_ptr_null(view.kids);
	fixture_free(&f);
}
END_TEST

/* Without a watcher the build is the plain one. */
START_TEST(test_unwatched_build)
{
	struct fixture f;
	struct rc_dom_view a, b;

	fixture_make(&f, 500, 1500, 3);
	ck_assert_int_eq(rc_dom_view_build(&a, &f.g, f.roots, 2, f.shallow, f.group_of, 3), RC_OK);
	ck_assert_int_eq(rc_dom_view_build_watched(&b, &f.g, f.roots, 2, f.shallow, f.group_of,
						   3, NULL), RC_OK);
	assert_same_view(&a, &b, 500);
	rc_dom_view_free(&a);
	rc_dom_view_free(&b);
	fixture_free(&f);
}
END_TEST

Suite *
domjob_suite(void)
{
	Suite *s = suite_create("domjob");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, RC_TEST_BIG_TIMEOUT);
	tcase_add_loop_test(tc, test_job_matches_build, 0, 5);
	tcase_add_test(tc, test_progress_is_reported);
	tcase_add_test(tc, test_cancel_stops_the_job);
	tcase_add_test(tc, test_cancelled_build_is_empty);
	tcase_add_test(tc, test_unwatched_build);
	suite_add_tcase(s, tc);
	return s;
}
