/* check_tui_export.c - the browser's picture: what e draws from the
 * model in the house style (the DOT the host renders; no graphviz here). */
#include <config.h>

#include "tests/check_tui_suites.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "src/common/status.h"
#include "src/export/render.h"
#include "tests/tui_fixture.h"
#include "tui/app.h"
#include "tui/image_export.h"

/* A module holding a dict holding a Target, which 25 lists refer to. */
static struct tui_fixture F;
static uint32_t mod, mdict, target;

static void
setup(void)
{
	tf_init(&F);
	mod = tf_vertex(&F, "module", 72, "module __main__");
	tf_root(&F, mod, RC_ROOT_MODULE);
	mdict = tf_vertex(&F, "dict", 1184, "dict len=14 <&>");
	tf_edge(&F, mod, mdict, "__dict__");
	target = tf_vertex(&F, "Target", 48, "object __main__.Target");
	tf_edge(&F, mdict, target, "value['t']");
	for (int i = 0; i < 25; i++) {
		uint32_t l = tf_vertex(&F, "list", 64, "list len=1");
		tf_edge(&F, l, target, "item[0]");
	}
	tf_build(&F);
}

static void
teardown(void)
{
	tf_free(&F);
}

static char *
picture(struct rc_app *a, uint32_t focus, uint32_t *drawn, uint32_t *nedges)
{
	struct rc_nodelist nodes;
	struct rc_buf dot = RC_BUF_INIT;

	rc_nodelist_init(&nodes);
	ck_assert_int_eq(rc_export_nodes(a, focus, &nodes), RC_OK);
	ck_assert_int_eq(rc_export_dot(a, focus, nodes.ids, nodes.len, &dot, drawn, nedges),
			 RC_OK);
	rc_nodelist_free(&nodes);
	ck_assert_ptr_nonnull(rc_buf_cstr(&dot));
	return dot.data;
}

/* The object in focus marked, the root marked, the referrers capped at
 * RC_EXPORT_TOO_MANY with a note saying how many were left out, the
 * legend, the summary without its type name, sizes in human units. */
START_TEST(test_export_picture)
{
	struct rc_app a;
	uint32_t drawn, nedges;
	char *dot;

	ck_assert_int_eq(rc_app_init(&a, &F.m), RC_OK);
	a.view = RC_VIEW_OBJECT;
	dot = picture(&a, target, &drawn, &nedges);
	/* target, the dict and 9 of the 25 lists (10 referrers) */
	ck_assert_uint_eq(drawn, 1 + RC_EXPORT_TOO_MANY);
	ck_assert_uint_eq(nedges, RC_EXPORT_TOO_MANY);
	ck_assert_ptr_nonnull(strstr(dot, "\xe2\x80\xa6 16 more referrers"));
	ck_assert_ptr_nonnull(strstr(dot, "fontname=\"monospace\""));
	ck_assert_ptr_nonnull(strstr(dot, "\"legend\""));
	ck_assert_ptr_nonnull(strstr(dot, "in focus"));
	ck_assert_ptr_nonnull(strstr(dot, "<B>Target</B>"));
	ck_assert_ptr_nonnull(strstr(dot, ">object __main__.Target</TD>"));
	ck_assert_ptr_nonnull(strstr(dot, ">len=14 &lt;&amp;&gt;</TD>"));
	ck_assert_ptr_nonnull(strstr(dot, "1.2 KiB"));
	ck_assert_ptr_nonnull(strstr(dot, "value[&#39;t&#39;]"));
	ck_assert_ptr_nonnull(strstr(dot, "fillcolor=\"#b7e4a6\""));   /* focus */
	ck_assert_ptr_null(strstr(dot, "peripheries=2"));             /* no root drawn */
	free(dot);

	/* From the dict: the module is a root. */
	dot = picture(&a, mdict, &drawn, &nedges);
	ck_assert_uint_eq(drawn, 3);
	ck_assert_ptr_nonnull(strstr(dot, "peripheries=2"));
	ck_assert_ptr_nonnull(strstr(dot, "root: module"));
	ck_assert_ptr_null(strstr(dot, "more referrers"));
	free(dot);

	/* The host renders what the browser composed. */
	char path[] = "/tmp/check-tui-export-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_eq(rc_export_run(&a, target, path), 0);
	ck_assert_ptr_nonnull(strstr(a.msg, "11 objects, 10 references (16 more left out)"));
	FILE *fp = fopen(path, "r");
	char head[32] = "";
	ck_assert_ptr_nonnull(fgets(head, sizeof head, fp));
	ck_assert_str_eq(head, "digraph refcycle {\n");
	fclose(fp);
	unlink(path);
	rc_app_free(&a);
}
END_TEST

/* graphviz warmed up on its thread: a picture rendered after, or while
 * it is still warming up, comes out whole; a second start is nothing. */
START_TEST(test_render_after_warm_up)
{
	static const char dot[] = "digraph { a -> b [label=\"x\"] }";
	struct rc_buf out = RC_BUF_INIT, err = RC_BUF_INIT;

	rc_render_warm_start();
	rc_render_warm_start();
	ck_assert_int_eq(rc_render_data(dot, "svg", &out, &err), RC_RENDER_OK);
	ck_assert_ptr_nonnull(strstr(rc_buf_cstr(&out), "<svg"));
	ck_assert_ptr_nonnull(strstr(rc_buf_cstr(&out), ">x</text>"));
	rc_render_warm_wait();   /* joined already */
	rc_render_warm_start();  /* the context is there: nothing started */
	rc_render_warm_wait();
	out.len = 0;
	ck_assert_int_eq(rc_render_data(dot, "svg", &out, &err), RC_RENDER_OK);
	ck_assert_ptr_nonnull(strstr(rc_buf_cstr(&out), "<svg"));
	rc_buf_free(&out);
	rc_buf_free(&err);
}
END_TEST

Suite *
tui_export_suite(void)
{
	Suite *s = suite_create("tui_export");
	TCase *tc = tcase_create("picture");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_export_picture);
	tcase_add_test(tc, test_render_after_warm_up);
	suite_add_tcase(s, tc);
	return s;
}
