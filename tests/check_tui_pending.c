/* check_tui_pending.c - retained sizes that arrive while the browser
 * runs (model.h's analysis_poll, tui/pending.h): progress, a request
 * waiting for them, the types view taking them up, and a failure. */
#include <config.h>

#include "tests/check_tui_suites.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "src/common/status.h"
#include "src/graph/domview.h"
#include "tests/tui_fixture.h"
#include "tui/app.h"
#include "tui/pending.h"
#include "tui/rows_types.h"
#include "tui/view.h"

static struct tui_fixture F;
static struct rc_dom_view dv;
static uint32_t R;
static int polls, arrive_after, fail;

/* The host: 0 (with progress polls of 4) until arrive_after polls, then
 * the tree's arrays into the model (or a failure). */
static int
poll(void *ctx, uint64_t *done, uint64_t *total, struct rc_buf *err)
{
	(void)ctx;
	if (++polls < arrive_after) {
		*done = (uint64_t)polls;
		*total = 4;
		return 0;
	}
	if (fail) {
		rc_buf_puts(err, "no room");
		return -1;
	}
	rc_model_set_dominators(&F.m, &dv);
	return 1;
}

static void
setup(void)
{
	uint32_t comp;

	tf_init(&F);
	tf_worked_example(&F, 40, &comp);
	R = 0;
	for (uint32_t v = 0; v < F.n; v++)
		if (F.roots[v] != RC_ROOT_NONE)
			R = v;
	ck_assert_int_eq(rc_dom_view_build(&dv, &F.g, &R, 1, F.size, F.type_of, F.ntypes),
			 RC_OK);
	F.m.analysis_poll = poll;
	polls = 0;
	arrive_after = 3;
	fail = 0;
}

static void
teardown(void)
{
	rc_dom_view_free(&dv);
	tf_free(&F);
}

START_TEST(test_wait_then_hand_over)
{
	struct rc_app a;
	struct rc_buf text = RC_BUF_INIT;

	ck_assert_int_eq(rc_app_init(&a, &F.m), RC_OK);
	rc_pending_init(&a);
	ck_assert_int_eq(a.pending, 1);
	ck_assert_int_eq(rc_views[RC_VIEW_TYPES]->open(&a), RC_OK);
	/* The first poll: a quarter done, which the top line shows. */
	ck_assert_int_eq(rc_pending_poll(&a) & RX_REDRAW, RX_REDRAW);
	rc_pending_progress(&a, &text);
	ck_assert_str_eq(rc_buf_cstr(&text), "retained sizes 25%");
	/* The dominators wait: nothing to hand over while pending. */
	rc_pending_wait(&a, RC_REQ_DOMINATORS);
	ck_assert_int_eq(a.waiting, 1);
	ck_assert_int_eq(rc_pending_ready(&a), 0);
	ck_assert_ptr_null(F.m.retained);
	(void)rc_pending_poll(&a);
	ck_assert_int_eq(a.pending, 1);
	ck_assert_int_eq(rc_pending_ready(&a), 0);
	/* They arrive: the request goes over again, once. */
	ck_assert_int_eq(rc_pending_poll(&a) & RX_REDRAW, RX_REDRAW);
	ck_assert_int_eq(a.pending, 0);
	ck_assert_ptr_nonnull(F.m.retained);
	ck_assert_int_eq(rc_pending_ready(&a), 1);
	ck_assert_int_eq(a.deferred, RC_REQ_DOMINATORS);
	ck_assert_int_eq(a.waiting, 0);
	ck_assert_int_eq(rc_pending_ready(&a), 0);
	/* No more polls once they are there. */
	ck_assert_int_eq(rc_pending_poll(&a), RX_NONE);
	ck_assert_int_eq(polls, 3);
	text.len = 0;
	rc_pending_progress(&a, &text);
	ck_assert_uint_eq(text.len, 0);
	/* And the dominators view opens on them. */
	a.view = RC_VIEW_DOMINATORS;
	ck_assert_int_eq(rc_views[RC_VIEW_DOMINATORS]->open(&a), RC_OK);
	ck_assert_uint_gt(rc_views[RC_VIEW_DOMINATORS]->list(&a)->nvis, 0);
	rc_buf_free(&text);
	rc_app_free(&a);
}
END_TEST

START_TEST(test_giving_up_keeps_them_coming)
{
	struct rc_app a;

	ck_assert_int_eq(rc_app_init(&a, &F.m), RC_OK);
	rc_pending_init(&a);
	rc_pending_wait(&a, RC_REQ_SUSPECTS);
	rc_pending_give_up(&a);
	ck_assert_int_eq(a.waiting, 0);
	ck_assert_ptr_nonnull(strstr(a.msg, "still being computed"));
	while (a.pending)
		(void)rc_pending_poll(&a);
	/* Nothing waited any more: nothing is handed over. */
	ck_assert_int_eq(rc_pending_ready(&a), 0);
	ck_assert_ptr_nonnull(F.m.type_retained);
	rc_app_free(&a);
}
END_TEST

START_TEST(test_failure_is_said)
{
	struct rc_app a;

	fail = 1;
	ck_assert_int_eq(rc_app_init(&a, &F.m), RC_OK);
	rc_pending_init(&a);
	rc_pending_wait(&a, RC_REQ_DOMINATORS);
	while (a.pending)
		(void)rc_pending_poll(&a);
	ck_assert_int_eq(a.waiting, 0);
	ck_assert_int_eq(a.msg_error, 1);
	ck_assert_ptr_nonnull(strstr(a.msg, "no room"));
	ck_assert_int_eq(rc_pending_ready(&a), 0);
	ck_assert_ptr_null(F.m.retained);
	rc_app_free(&a);
}
END_TEST

/* Without analysis_poll nothing is pending, whatever the model has. */
START_TEST(test_nothing_pending)
{
	struct rc_app a;

	F.m.analysis_poll = NULL;
	ck_assert_int_eq(rc_app_init(&a, &F.m), RC_OK);
	rc_pending_init(&a);
	ck_assert_int_eq(a.pending, 0);
	ck_assert_int_eq(rc_pending_poll(&a), RX_NONE);
	ck_assert_int_eq(polls, 0);
	rc_app_free(&a);
}
END_TEST

Suite *
tui_pending_suite(void)
{
	Suite *s = suite_create("tui_pending");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_wait_then_hand_over);
	tcase_add_test(tc, test_giving_up_keeps_them_coming);
	tcase_add_test(tc, test_failure_is_said);
	tcase_add_test(tc, test_nothing_pending);
	suite_add_tcase(s, tc);
	return s;
}
