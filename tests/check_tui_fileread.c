/* check_tui_fileread.c - refcycle-browse reading a file (tui/fileread.c):
 * a file read as rc_snap_read reads it, progress shown on the stream it
 * is given once the read takes longer than `after`, and a ^C (what the
 * SIGINT handler does) stopping it with RC_ECANCELED. */
#include <config.h>

#include "tests/check_tui_suites.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "src/common/status.h"
#include "src/store/snapfile.h"
#include "tui/fileread.h"

static char path[64];

/* A snapshot of three objects in path. */
static void
write_small(void)
{
	static const uint32_t off[] = {0, 1, 2, 2}, dst[] = {1, 2};
	static const uint32_t type_name[] = {0}, type_of[] = {0, 0, 0}, summary[] = {1, 1, 1};
	static const uint64_t size[] = {8, 8, 8}, address[] = {16, 32, 48}, str_off[] = {0, 5, 7};
	static const uint8_t root[] = {3, 0, 0};
	static const uint32_t label[] = {RC_NONE, RC_NONE};
	struct rc_snap s;
	struct rc_buf err = RC_BUF_INIT;

	memset(&s, 0, sizeof s);
	s.g.n = 3;
	s.g.m = 2;
	s.g.out_off = (uint32_t *)off;
	s.g.out_dst = (uint32_t *)dst;
	s.ntypes = 1;
	s.type_name = type_name;
	s.type_of = type_of;
	s.size = size;
	s.address = address;
	s.summary = summary;
	s.root = root;
	s.label = label;
	s.nstrings = 2;
	s.str_off = str_off;
	s.str_data = "list\0x";
	s.title = RC_NONE;
	snprintf(path, sizeof path, "/tmp/check_fileread.%ld", (long)getpid());
	ck_assert_int_eq(rc_snap_write(&s, path, &err), 0);
	rc_buf_free(&err);
}

START_TEST(test_read_and_shown)
{
	struct rc_snap s;
	struct rc_buf err = RC_BUF_INIT;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	write_small();
	struct rc_fileread how = {out, 0, 0.0, "small"};
	ck_assert_int_eq(rc_fileread(&how, &s, path, &err), RC_OK);
	ck_assert_uint_eq(s.g.n, 3);
	ck_assert_uint_eq(s.address[2], 48);
	rc_snap_free(&s);
	fclose(out);
	/* Read at once: nothing to show, or lines naming the file. */
	ck_assert(len == 0 || strstr(text, "small: ") != NULL);
	free(text);
	unlink(path);
	rc_buf_free(&err);
}
END_TEST

START_TEST(test_interrupted)
{
	struct rc_snap s;
	struct rc_buf err = RC_BUF_INIT;

	write_small();
	struct rc_fileread how = {stderr, 0, 0.5, "small"};
	rc_fileread_interrupt();
	ck_assert_int_eq(rc_fileread(&how, &s, path, &err), RC_ECANCELED);
	ck_assert_ptr_null(s.image);
	ck_assert_uint_eq(s.g.n, 0);
	ck_assert_str_eq(rc_buf_cstr(&err), "small: interrupted");
	unlink(path);
	rc_buf_free(&err);
}
END_TEST

Suite *
tui_fileread_suite(void)
{
	Suite *s = suite_create("fileread");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_read_and_shown);
	tcase_add_test(tc, test_interrupted);
	suite_add_tcase(s, tc);
	return s;
}
