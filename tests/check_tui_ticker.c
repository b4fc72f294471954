/* check_tui_ticker.c - the progress line drawn before the browser has a
 * screen (src/common/ticker.h): its text, nothing on a file that is no
 * terminal, and on a terminal lines that follow the progress, erased at
 * the end. */
#define _XOPEN_SOURCE 700
#include <config.h>

#include "tests/check_tui_suites.h"

#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "src/common/ticker.h"

START_TEST(test_format)
{
	char line[128];

	rc_ticker_format(line, sizeof line, "taking a snapshot", "objects", 1200000, 0);
	ck_assert_str_eq(line, "taking a snapshot: 1,200,000 objects");
	rc_ticker_format(line, sizeof line, "taking a snapshot", "objects", 999, 0);
	ck_assert_str_eq(line, "taking a snapshot: 999 objects");
	rc_ticker_format(line, sizeof line, "taking a snapshot", "objects", 1, 4);
	ck_assert_str_eq(line, "taking a snapshot: 25%");
	rc_ticker_format(line, sizeof line, "taking a snapshot", "objects", 9, 4);
	ck_assert_str_eq(line, "taking a snapshot: 100%");
}
END_TEST

START_TEST(test_not_a_terminal)
{
	struct rc_progress p;
	struct rc_ticker t;
	char path[] = "/tmp/rc-ticker-XXXXXX";
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	unlink(path);
	rc_progress_init(&p);
	rc_ticker_start(&t, fd, 0, "working", "units", &p);
	ck_assert_int_eq(t.running, 0);
	rc_ticker_stop(&t);
	ck_assert_int_eq(lseek(fd, 0, SEEK_END), 0);
	close(fd);
}
END_TEST

/* Read what the terminal got until it holds want, for at most 5 s. */
static int
read_until(int master, char *buf, size_t cap, size_t *len, const char *want)
{
	for (int waited = 0; waited < 5000; waited += 50) {
		struct pollfd pfd = {master, POLLIN, 0};
		if (poll(&pfd, 1, 50) > 0) {
			ssize_t r = read(master, buf + *len, cap - 1 - *len);
			if (r > 0)
				*len += (size_t)r;
			buf[*len] = '\0';
		}
		if (strstr(buf, want) != NULL)
			return 1;
	}
	return 0;
}

START_TEST(test_terminal_lines_then_erased)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	ck_assert_int_ge(master, 0);
	ck_assert_int_eq(grantpt(master), 0);
	ck_assert_int_eq(unlockpt(master), 0);
	int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	ck_assert_int_ge(slave, 0);

	static char buf[65536];
	size_t len = 0;
	struct rc_progress p;
	struct rc_ticker t;

	rc_progress_init(&p);
	rc_ticker_start(&t, slave, 0, "working", "units", &p);
	ck_assert_int_eq(t.running, 1);
	ck_assert(read_until(master, buf, sizeof buf, &len, "\rworking: 0 units\033[K"));
	rc_progress_set(&p, 3, 4);
	ck_assert(read_until(master, buf, sizeof buf, &len, "\rworking: 75%\033[K"));
	rc_ticker_stop(&t);
	/* The line is erased: the terminal is left as it was. */
	len = 0;
	buf[0] = '\0';
	ck_assert(read_until(master, buf, sizeof buf, &len, "\r\033[K"));
	close(slave);
	close(master);
}
END_TEST

Suite *
tui_ticker_suite(void)
{
	Suite *s = suite_create("tui_ticker");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_format);
	tcase_add_test(tc, test_not_a_terminal);
	tcase_add_test(tc, test_terminal_lines_then_erased);
	suite_add_tcase(s, tc);
	return s;
}
