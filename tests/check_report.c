/* check_report.c - the HTML leak report (src/export/report.c) over a
 * synthetic model: every section where the model has what it needs,
 * anybody's text escaped, nothing outside the page (no script, no
 * network), graphviz's SVG inlined, errors of the writer. */
#include <config.h>

#include "tests/check_tui_suites.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "src/common/status.h"
#include "src/export/report.h"
#include "src/export/report_html.h"
#include "src/graph/domview.h"
#include "tests/tui_fixture.h"

/* module --__dict__--> dict --value['cache']--> list --item[i]--> 300
 * entries (a suspect: the list retains nearly all), and a Hostile
 * object whose texts are markup. */
static struct tui_fixture F;
static struct rc_dom_view DV;
static uint32_t mod, cache, hostile, first_entry;
static struct rc_nodeset shown;
static int64_t count_delta[16], size_delta[16];

#define HOSTILE_TYPE "Evil<b>&\"'"
#define HOSTILE_SUMMARY "object <script>alert(1)</script> \xff end"

static int
watched(void *ctx, uint32_t **ids, uint32_t *n)
{
	(void)ctx;
	*ids = malloc(2 * sizeof **ids);
	if (*ids == NULL)
		return RC_ENOMEM;
	(*ids)[0] = hostile;
	(*ids)[1] = first_entry;
	*n = 2;
	return RC_OK;
}

static int
allocated_at(void *ctx, uint32_t v, struct rc_buf *out)
{
	(void)ctx;
	if (v < first_entry)
		return 0;
	rc_buf_puts(out, "cache.py:42 <here>");
	return 1;
}

static void
setup(void)
{
	tf_init(&F);
	mod = tf_vertex(&F, "module", 72, "module __main__");
	tf_root(&F, mod, RC_ROOT_MODULE);
	uint32_t mdict = tf_vertex(&F, "dict", 1184, "dict len=3");
	tf_edge(&F, mod, mdict, "__dict__");
	cache = tf_vertex(&F, "list", 2400, "list len=300");
	tf_edge(&F, mdict, cache, "value['cache']");
	hostile = tf_vertex(&F, HOSTILE_TYPE, 48, HOSTILE_SUMMARY);
	tf_edge(&F, mdict, hostile, "value['\"<x>\"']");
	for (int i = 0; i < 300; i++) {
		char label[32];
		uint32_t e = tf_vertex(&F, "Entry", 100, "object cache.Entry");
		if (i == 0)
			first_entry = e;
		snprintf(label, sizeof label, "item[%d]", i);
		tf_edge(&F, cache, e, label);
	}
	tf_build(&F);
	uint32_t root = mod;
	ck_assert_int_eq(rc_dom_view_build(&DV, &F.g, &root, 1, F.size, F.type_of, F.ntypes),
			 RC_OK);
	F.m.retained = DV.retained;
	F.m.type_retained = DV.group_retained;
	F.m.idom = DV.dom.idom;
	F.m.dom_off = DV.kid_off;
	F.m.dom_kids = DV.kids;
	memset(&shown, 0, sizeof shown);
}

static void
teardown(void)
{
	rc_dom_view_free(&DV);
	rc_nodeset_free(&shown);
	tf_free(&F);
}

static char *
report(const struct rc_report_opts *o, struct rc_report_stats *stats)
{
	struct rc_buf html = RC_BUF_INIT;

	ck_assert_int_eq(rc_report_write(&F.m, o, &html, stats), RC_OK);
	ck_assert_ptr_nonnull(rc_buf_cstr(&html));
	return html.data;
}

START_TEST(test_sections)
{
	struct rc_report_opts o = {"test heap", NULL, NULL, 0, NULL, 1};
	struct rc_report_stats stats;
	char *html = report(&o, &stats);

	ck_assert_ptr_nonnull(strstr(html, "<!DOCTYPE html>"));
	ck_assert_ptr_nonnull(strstr(html, "<section id=\"heap\">"));
	ck_assert_ptr_nonnull(strstr(html, "<td class=\"num\">303</td>"));   /* objects */
	ck_assert_ptr_nonnull(strstr(html, "<section id=\"suspects\">"));
	ck_assert_ptr_nonnull(strstr(html, "<article class=\"suspect\""));
	ck_assert_ptr_nonnull(strstr(html, "accumulates in"));
	ck_assert_ptr_nonnull(strstr(html, "value[&#39;cache&#39;]"));        /* the path's label */
	ck_assert_ptr_nonnull(strstr(html, "<svg"));
	ck_assert_ptr_null(strstr(html, "<?xml"));
	ck_assert_ptr_null(strstr(html, "<!DOCTYPE svg"));
	ck_assert_ptr_null(strstr(html, "pt\""));                            /* px, not pt */
	ck_assert_uint_ge(stats.suspects, 1);
	ck_assert_uint_ge(stats.pictures, 1);
	/* Nothing to compare with, nothing watched: neither section. */
	ck_assert_ptr_null(strstr(html, "id=\"growth\""));
	ck_assert_ptr_null(strstr(html, "id=\"groups\""));
	ck_assert_ptr_null(strstr(html, "href=\"#groups\""));
	ck_assert_uint_eq(stats.groups, 0);
	free(html);
}
END_TEST

START_TEST(test_groups_growth_sites)
{
	struct rc_report_opts o = {NULL, "a census <old>", NULL, 0, NULL, 0};
	struct rc_report_stats stats;

	F.m.watched = watched;
	F.m.allocated_at = allocated_at;
	ck_assert_int_eq(rc_nodeset_init(&shown, F.g.n), RC_OK);
	for (uint32_t v = first_entry; v < first_entry + 10; v++)
		rc_nodeset_add(&shown, v);
	count_delta[F.type_of[first_entry]] = 10;
	size_delta[F.type_of[first_entry]] = 1000;
	F.m.shown = &shown;
	F.m.type_count_delta = count_delta;
	F.m.type_size_delta = size_delta;
	char *html = report(&o, &stats);

	ck_assert_ptr_nonnull(strstr(html, "<section id=\"groups\">"));
	ck_assert_ptr_nonnull(strstr(html, "<a href=\"#groups\">"));
	ck_assert_uint_eq(stats.groups, 2);
	ck_assert_ptr_nonnull(strstr(html, "watched, still alive: module --__dict__--&gt; dict "
					   "--value[&#39;cache&#39;]--&gt; list --item[*]--&gt; Entry"));
	ck_assert_ptr_nonnull(strstr(html, "<section id=\"growth\">"));
	ck_assert_ptr_nonnull(strstr(html, "a census &lt;old&gt;: 10 objects are new."));
	ck_assert_ptr_nonnull(strstr(html, "<td class=\"num\">+10</td>"));
	ck_assert_ptr_nonnull(strstr(html, "cache.py:42 &lt;here&gt;</code></td><td class=\"num\">10<"));
	ck_assert_ptr_nonnull(strstr(html, "allocated at cache.py:42 &lt;here&gt;"));
	ck_assert_uint_eq(stats.pictures, 0);            /* text only asked */
	ck_assert_ptr_null(strstr(html, "<svg"));
	free(html);
}
END_TEST

START_TEST(test_escaping)
{
	struct rc_report_opts o = {"<title> & \"more\"", NULL, NULL, 0, NULL, 1};
	uint32_t objects[1];

	objects[0] = hostile;
	o.objects = objects;
	o.nobjects = 1;
	char *html = report(&o, NULL);

	ck_assert_ptr_null(strstr(html, "<script"));
	ck_assert_ptr_null(strstr(html, "<b>&\""));
	ck_assert_ptr_null(strstr(html, "<x>"));
	ck_assert_ptr_null(strstr(html, "<title> &"));
	ck_assert_ptr_nonnull(strstr(html, "&lt;title&gt; &amp; &quot;more&quot;"));
	ck_assert_ptr_nonnull(strstr(html, "Evil&lt;b&gt;&amp;&quot;&#39;"));
	ck_assert_ptr_nonnull(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt; \\xff end"));
	free(html);
}
END_TEST

START_TEST(test_self_contained)
{
	struct rc_report_opts o = {NULL, NULL, NULL, 0, NULL, 1};
	char *html = report(&o, NULL);

	ck_assert_ptr_nonnull(strstr(html, "<svg"));
	ck_assert_ptr_null(strstr(html, "<script"));
	ck_assert_ptr_null(strstr(html, "<link"));
	ck_assert_ptr_null(strstr(html, "<img"));
	ck_assert_ptr_null(strstr(html, "@import"));
	ck_assert_ptr_null(strstr(html, "url("));
	ck_assert_ptr_null(strstr(html, "src="));
	/* Every link stays in the page. */
	for (const char *p = html; (p = strstr(p, "href=\"")) != NULL; p++)
		ck_assert_msg(p[6] == '#', "link out of the page: %.40s", p);
	free(html);
}
END_TEST

START_TEST(test_no_dominators)
{
	struct rc_report_opts o = {NULL, NULL, NULL, 0, NULL, 1};

	F.m.retained = NULL;
	F.m.type_retained = NULL;
	F.m.dom_off = NULL;
	char *html = report(&o, NULL);

	ck_assert_ptr_nonnull(strstr(html, "The largest types"));
	ck_assert_ptr_nonnull(strstr(html, "need the dominator tree"));
	ck_assert_ptr_null(strstr(html, "<article"));
	free(html);
}
END_TEST

START_TEST(test_text)
{
	struct rc_buf b = RC_BUF_INIT;

	rc_html_text(&b, "a<b>&\"'\t\x01\x7f\xc2\x85\xe2\x82\xac\xed\xa0\x80\xc0\xaf");
	ck_assert_str_eq(rc_buf_cstr(&b), "a&lt;b&gt;&amp;&quot;&#39;\t\\x01\\x7f\\u0085\xe2\x82\xac"
			 "\\xed\\xa0\\x80\\xc0\\xaf");
	rc_buf_free(&b);
}
END_TEST

START_TEST(test_svg)
{
	static const char doc[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
		"<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\"\n \"x.dtd\">\n"
		"<!-- Generated by graphviz; <svg in a comment -->\n"
		"<svg width=\"75pt\" height=\"30pt\"\n viewBox=\"0 0 75 30\">\n<g/>\n</svg>\n\n";
	struct rc_buf b = RC_BUF_INIT;

	ck_assert_int_eq(rc_html_svg(&b, doc, sizeof doc - 1), 0);
	ck_assert_str_eq(rc_buf_cstr(&b), "<svg width=\"100\" height=\"40\"\n viewBox=\"0 0 75 30\">"
			 "\n<g/>\n</svg>\n");
	ck_assert_int_eq(rc_html_svg(&b, "<!-- no picture -->", 19), -1);
	rc_buf_free(&b);
}
END_TEST

START_TEST(test_save_errors)
{
	struct rc_report_opts o = {NULL, NULL, NULL, 0, NULL, 0};
	struct rc_buf err = RC_BUF_INIT;

	ck_assert_int_eq(rc_report_save(&F.m, &o, "/nonexistent-dir/r.html", NULL, &err), RC_EIO);
	ck_assert_ptr_nonnull(strstr(rc_buf_cstr(&err), "/nonexistent-dir/r.html"));
	rc_buf_free(&err);
}
END_TEST

Suite *
tui_report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("report");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_sections);
	tcase_add_test(tc, test_groups_growth_sites);
	tcase_add_test(tc, test_escaping);
	tcase_add_test(tc, test_self_contained);
	tcase_add_test(tc, test_no_dominators);
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_svg);
	tcase_add_test(tc, test_save_errors);
	suite_add_tcase(s, tc);
	return s;
}
