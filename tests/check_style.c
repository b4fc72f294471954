/* check_style.c - the house style of the pictures, without graphviz:
 * sizes in human units, text made safe for graphviz's HTML-like labels
 * (it is anybody's text from the heap), which vertices a capped picture
 * keeps and what it says was left out, and the DOT it writes. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "src/common/status.h"
#include "src/export/style.h"

static const char *
human(uint64_t bytes)
{
	static char out[32];

	rc_style_human_size(bytes, out, sizeof out);
	return out;
}

START_TEST(test_human_size)
{
	ck_assert_str_eq(human(0), "0 B");
	ck_assert_str_eq(human(312), "312 B");
	ck_assert_str_eq(human(1023), "1023 B");
	ck_assert_str_eq(human(1024), "1.0 KiB");
	ck_assert_str_eq(human(1229), "1.2 KiB");
	ck_assert_str_eq(human(10 * 1024 - 30), "10 KiB");   /* 9.97 rounds up */
	ck_assert_str_eq(human(46080), "45 KiB");
	ck_assert_str_eq(human(1024 * 1024 - 100), "1.0 MiB");
	ck_assert_str_eq(human(3u * 1024 * 1024), "3.0 MiB");
	ck_assert_str_eq(human((uint64_t)5 << 30), "5.0 GiB");
	ck_assert_str_eq(human(UINT64_MAX), "16 EiB");
}
END_TEST

static char *
html(const char *s, size_t max)
{
	struct rc_buf b = RC_BUF_INIT;

	rc_style_html_text(&b, s, max);
	ck_assert_ptr_nonnull(rc_buf_cstr(&b));
	return b.data;
}

#define CK_HTML(in, max, want) do { \
		char *got_ = html(in, max); \
		ck_assert_str_eq(got_, want); \
		free(got_); \
	} while (0)

START_TEST(test_html_text)
{
	CK_HTML("dict", 0, "dict");
	CK_HTML("", 0, "");
	CK_HTML("<b>&amp;\"'", 0, "&lt;b&gt;&amp;amp;&quot;&#39;");
	/* Record and DOT syntax mean nothing inside an HTML-like label. */
	CK_HTML("{a|b} [x]", 0, "{a|b} [x]");
	/* A backslash doubled: graphviz would read \N as the node's name. */
	CK_HTML("a\\N \\\\ \\n", 0, "a\\\\N \\\\\\\\ \\\\n");
	CK_HTML("bell\x07tab\tnl\ndel\x7f", 0,
		"bell\\\\x07tab\\\\x09nl\\\\x0adel\\\\x7f");
	CK_HTML("caf\xc3\xa9 \xe6\x97\xa5", 0, "caf\xc3\xa9 \xe6\x97\xa5");
	/* Not UTF-8: a stray continuation byte, a cut sequence, an overlong
	 * form, a surrogate. */
	CK_HTML("a\x80z", 0, "a\\\\x80z");
	CK_HTML("a\xc3", 0, "a\\\\xc3");
	CK_HTML("\xc0\xaf", 0, "\\\\xc0\\\\xaf");
	CK_HTML("\xed\xa0\x80", 0, "\\\\xed\\\\xa0\\\\x80");
	/* Cut to max characters, the last an ellipsis; never inside a
	 * character or an entity. */
	CK_HTML("abcdef", 6, "abcdef");
	CK_HTML("abcdefg", 6, "abcde\xe2\x80\xa6");
	CK_HTML("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 3, "\xc3\xa9\xc3\xa9\xe2\x80\xa6");
	CK_HTML("<<<<<", 3, "&lt;&lt;\xe2\x80\xa6");
}
END_TEST

/* A star: vertex 0 referred to by 1..20, and referring to 21; 22 on its
 * own. */
static void
star(struct rc_graph *g)
{
	uint32_t src[21], dst[21];

	for (uint32_t i = 0; i < 20; i++) {
		src[i] = i + 1;
		dst[i] = 0;
	}
	src[20] = 0;
	dst[20] = 21;
	ck_assert_int_eq(rc_graph_from_pairs(g, 23, src, dst, 21), RC_OK);
}

START_TEST(test_select_too_many)
{
	struct rc_graph g;
	struct rc_nodelist kept;
	uint32_t *in, *out, seed = 0;

	star(&g);
	rc_nodelist_init(&kept);
	ck_assert_int_eq(rc_style_select(&g, &seed, 1, 0, 5, &kept, &in, &out), RC_OK);
	ck_assert_uint_eq(kept.len, 1 + 5 + 1);   /* the focus, 5 referrers, its referent */
	ck_assert_uint_eq(kept.ids[0], 0);
	ck_assert_uint_eq(in[0], 15);
	ck_assert_uint_eq(out[0], 0);
	for (uint32_t i = 1; i < kept.len; i++)
		ck_assert_uint_eq(in[i] + out[i], 0);
	free(in);
	free(out);
	rc_nodelist_free(&kept);

	/* No focus: everything, component by component, up to max_nodes. */
	rc_nodelist_init(&kept);
	ck_assert_int_eq(rc_style_select(&g, NULL, 0, 0, 0, &kept, &in, &out), RC_OK);
	ck_assert_uint_eq(kept.len, 23);
	free(in);
	free(out);
	rc_nodelist_free(&kept);
	rc_nodelist_init(&kept);
	ck_assert_int_eq(rc_style_select(&g, NULL, 0, 4, 0, &kept, &in, &out), RC_OK);
	ck_assert_uint_eq(kept.len, 4);
	ck_assert_uint_eq(kept.ids[0], 0);
	ck_assert_uint_eq(in[0], 17);
	free(in);
	free(out);
	rc_nodelist_free(&kept);

	seed = 23;
	rc_nodelist_init(&kept);
	ck_assert_int_eq(rc_style_select(&g, &seed, 1, 0, 0, &kept, &in, &out), RC_EINVAL);
	rc_nodelist_free(&kept);
	rc_graph_free(&g);
}
END_TEST

/* Parallel references count once among what was left out. */
START_TEST(test_select_distinct)
{
	struct rc_graph g;
	struct rc_nodelist kept;
	uint32_t src[] = {1, 1, 1, 2}, dst[] = {0, 0, 0, 0};
	uint32_t *in, *out, seed = 0;

	ck_assert_int_eq(rc_graph_from_pairs(&g, 3, src, dst, 4), RC_OK);
	rc_nodelist_init(&kept);
	ck_assert_int_eq(rc_style_select(&g, &seed, 1, 0, 1, &kept, &in, &out), RC_OK);
	ck_assert_uint_eq(kept.len, 2);
	ck_assert_uint_eq(in[0], 1);
	free(in);
	free(out);
	rc_nodelist_free(&kept);
	rc_graph_free(&g);
}
END_TEST

static int
has(const char *text, const char *part)
{
	return strstr(text, part) != NULL;
}

START_TEST(test_write)
{
	struct rc_graph g;
	uint32_t src[] = {0, 1}, dst[] = {1, 2};
	const char *labels[] = {"__dict__", "value['<k>']"};
	struct rc_style_vertex x[3] = {
		{100, "module", "__main__", 0x10, 72, 4096, RC_ROOT_MODULE, 0, 0, 0},
		{-5, "dict", "len=3\nworker .../long/path/module.py:25 thread Thread-1\n"
		 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxyy\nmore", 0, 1184, RC_STYLE_NO_SIZE, RC_ROOT_NONE,
		 RC_STYLE_HIGHLIGHT, 0, 0},
		{7, "Caf\xc3\xa9<T>", "frame worker\nworker.py:12\nthread MainThread", 0x7f00,
		 RC_STYLE_NO_SIZE, RC_STYLE_NO_SIZE, RC_ROOT_NONE, RC_STYLE_FOCUS, 12, 1},
	};
	struct rc_buf out = RC_BUF_INIT;

	ck_assert_int_eq(rc_graph_from_pairs(&g, 3, src, dst, 2), RC_OK);
	struct rc_style_graph sg = {&g, x, labels, 9, 1};
	ck_assert_int_eq(rc_style_write(&out, &sg), RC_OK);
	ck_assert_ptr_nonnull(rc_buf_cstr(&out));
	const char *dot = out.data;
	ck_assert(has(dot, "fontname=\"monospace\""));
	ck_assert(has(dot, "\"100\" -> \"-5\" [label=<__dict__>];"));
	ck_assert(has(dot, "\"-5\" -> \"7\" [label=<value[&#39;&lt;k&gt;&#39;]>];"));
	ck_assert(has(dot, "<B>Caf\xc3\xa9&lt;T&gt;</B>"));
	ck_assert(has(dot, "72 B / 4.0 KiB"));
	ck_assert(has(dot, "1.2 KiB</TD>"));
	ck_assert(has(dot, "worker.py:12</TD>"));
	ck_assert(has(dot, "thread MainThread</TD>"));
	/* A long line wraps at a space, a longer word is cut. */
	ck_assert(has(dot, ">worker .../long/path/module.py:25 thread</TD>"));
	ck_assert(has(dot, ">Thread-1</TD>"));
	ck_assert(has(dot, ">xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx</TD>"));
	ck_assert(has(dot, ">yy</TD>"));
	ck_assert(has(dot, ">\xe2\x80\xa6</TD>"));   /* past five rows */
	ck_assert(has(dot, "root: module"));
	ck_assert(has(dot, "peripheries=2"));
	ck_assert(has(dot, "0x7f00"));
	ck_assert(has(dot, "#b7e4a6"));      /* focus */
	ck_assert(has(dot, "#ffe08a"));      /* highlighted */
	ck_assert(has(dot, "\xe2\x80\xa6 12 more referrers"));
	ck_assert(has(dot, "\xe2\x80\xa6 1 more referent</FONT>"));
	ck_assert(has(dot, "\"legend\""));
	ck_assert(has(dot, "in focus"));
	ck_assert(has(dot, "size: shallow / retained"));
	ck_assert(has(dot, "\xe2\x80\xa6 9 more objects not drawn"));
	ck_assert_str_eq(dot + out.len - 2, "}\n");
	rc_buf_free(&out);
	rc_graph_free(&g);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("style");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_human_size);
	tcase_add_test(tc, test_html_text);
	tcase_add_test(tc, test_select_too_many);
	tcase_add_test(tc, test_select_distinct);
	tcase_add_test(tc, test_write);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
