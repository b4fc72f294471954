/* check_tui_text.c - fitting text into columns: wide characters,
 * escapes, the ellipsis; byte counts; substring matching.  Runs in
 * C.UTF-8 (check_tui_main.c). */
#include <config.h>

#include "tests/check_tui_suites.h"

#include <string.h>
#include <wchar.h>

#include <check.h>

#include "tui/text.h"

static const wchar_t *
fit(const char *s, int width, int *used)
{
	static wchar_t buf[256];

	*used = rc_text_fit(s, width, buf, 256);
	return buf;
}

START_TEST(test_fit_ascii)
{
	int w;

	ck_assert_int_eq(wcscmp(fit("hello", 10, &w), L"hello"), 0);
	ck_assert_int_eq(w, 5);
	ck_assert_int_eq(wcscmp(fit("hello", 5, &w), L"hello"), 0);
	ck_assert_int_eq(wcscmp(fit("hello", 4, &w), L"hel\u2026"), 0);
	ck_assert_int_eq(w, 4);
	ck_assert_int_eq(wcscmp(fit("hello", 1, &w), L"\u2026"), 0);
	ck_assert_int_eq(wcscmp(fit("hello", 0, &w), L""), 0);
	ck_assert_int_eq(w, 0);
	ck_assert_int_eq(wcscmp(fit("", 3, &w), L""), 0);
}
END_TEST

/* Wide characters take two columns and are never cut in half. */
START_TEST(test_fit_wide)
{
	int w;

	/* 巨大的类: 8 columns. */
	const char *cjk = "\xe5\xb7\xa8\xe5\xa4\xa7\xe7\x9a\x84\xe7\xb1\xbb";

	ck_assert_int_eq(rc_text_width(cjk), 8);
	ck_assert_int_eq(wcscmp(fit(cjk, 8, &w), L"\u5de8\u5927\u7684\u7c7b"), 0);
	ck_assert_int_eq(wcscmp(fit(cjk, 7, &w), L"\u5de8\u5927\u7684\u2026"), 0);
	ck_assert_int_eq(w, 7);
	ck_assert_int_eq(wcscmp(fit(cjk, 6, &w), L"\u5de8\u5927\u2026"), 0);
	ck_assert_int_eq(w, 5);
	ck_assert_int_eq(wcscmp(fit("Caf\xc3\xa9", 4, &w), L"Caf\u00e9"), 0);
	/* A combining accent adds no column. */
	ck_assert_int_eq(rc_text_width("e\xcc\x81"), 1);
}
END_TEST

START_TEST(test_fit_escapes)
{
	int w;

	ck_assert_int_eq(wcscmp(fit("a\x01" "b", 10, &w), L"a^Ab"), 0);
	ck_assert_int_eq(w, 4);
	ck_assert_int_eq(wcscmp(fit("tab\there", 20, &w), L"tab^Ihere"), 0);
	ck_assert_int_eq(wcscmp(fit("del\x7f", 20, &w), L"del^?"), 0);
	ck_assert_int_eq(wcscmp(fit("bad\xff!", 20, &w), L"bad\\xFF!"), 0);
	ck_assert_int_eq(wcscmp(fit("c1\xc2\x85", 20, &w), L"c1\\u0085"), 0);
	ck_assert_int_eq(rc_text_width("a\x01"), 3);
	/* An escape is never cut in half either. */
	ck_assert_int_eq(wcscmp(fit("ab\xff", 5, &w), L"ab\u2026"), 0);
}
END_TEST

START_TEST(test_bytes)
{
	char b[16];

	rc_text_bytes(0, b, sizeof b);
	ck_assert_str_eq(b, "0");
	rc_text_bytes(999, b, sizeof b);
	ck_assert_str_eq(b, "999");
	rc_text_bytes(1536, b, sizeof b);
	ck_assert_str_eq(b, "1.5K");
	rc_text_bytes(20 * 1024, b, sizeof b);
	ck_assert_str_eq(b, "20K");
	rc_text_bytes(3ull << 30, b, sizeof b);
	ck_assert_str_eq(b, "3.0G");
	rc_text_bytes(UINT64_MAX, b, sizeof b);
	ck_assert_uint_le(strlen(b), 6);
}
END_TEST

START_TEST(test_contains)
{
	wchar_t w[] = L"caf\u00e9 \u5de8";
	char out[32];

	ck_assert(rc_text_contains("frame worker", "WORK"));
	ck_assert(rc_text_contains("abc", ""));
	ck_assert(!rc_text_contains("abc", "abcd"));
	ck_assert(!rc_text_contains("", "a"));
	ck_assert(rc_text_contains("aab", "ab"));
	ck_assert(rc_text_contains("Caf\xc3\xa9", "f\xc3\xa9"));
	rc_text_from_wide(w, wcslen(w), out, sizeof out);
	ck_assert_str_eq(out, "caf\xc3\xa9 \xe5\xb7\xa8");
	rc_text_from_wide(w, wcslen(w), out, 5);
	ck_assert_str_eq(out, "caf");	/* é would not fit */
}
END_TEST

Suite *
tui_text_suite(void)
{
	Suite *s = suite_create("tui_text");
	TCase *tc = tcase_create("text");

	tcase_add_test(tc, test_fit_ascii);
	tcase_add_test(tc, test_fit_wide);
	tcase_add_test(tc, test_fit_escapes);
	tcase_add_test(tc, test_bytes);
	tcase_add_test(tc, test_contains);
	suite_add_tcase(s, tc);
	return s;
}
