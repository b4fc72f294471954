/* check_tui_keymap.c - the keymap and the request table: lookups, names,
 * every request bound and described, help listing every request, key
 * bars within 80 columns. */
#include <config.h>

#include "tests/check_tui_suites.h"

#include <string.h>

#include <check.h>

#include "src/common/status.h"
#include "tui/keymap.h"
#include "tui/rows_help.h"
#include "tui/text.h"
#include "tui/view.h"

static struct rc_key
ch(uint32_t c)
{
	struct rc_key k = { c, 0 };

	return k;
}

static struct rc_key
fn(uint32_t c)
{
	struct rc_key k = { c, 1 };

	return k;
}

START_TEST(test_lookup)
{
	ck_assert_int_eq(rc_keymap_lookup(ch('j')), RC_REQ_MOVE_DOWN);
	ck_assert_int_eq(rc_keymap_lookup(fn(KEY_DOWN)), RC_REQ_MOVE_DOWN);
	ck_assert_int_eq(rc_keymap_lookup(ch(0x0e)), RC_REQ_MOVE_DOWN);
	ck_assert_int_eq(rc_keymap_lookup(ch('k')), RC_REQ_MOVE_UP);
	ck_assert_int_eq(rc_keymap_lookup(ch(0x10)), RC_REQ_MOVE_UP);
	ck_assert_int_eq(rc_keymap_lookup(ch(' ')), RC_REQ_PAGE_DOWN);
	ck_assert_int_eq(rc_keymap_lookup(ch(0x06)), RC_REQ_PAGE_DOWN);
	ck_assert_int_eq(rc_keymap_lookup(ch(0x02)), RC_REQ_PAGE_UP);
	ck_assert_int_eq(rc_keymap_lookup(ch(0x04)), RC_REQ_HALF_DOWN);
	ck_assert_int_eq(rc_keymap_lookup(ch(0x15)), RC_REQ_HALF_UP);
	ck_assert_int_eq(rc_keymap_lookup(ch('G')), RC_REQ_LAST);
	ck_assert_int_eq(rc_keymap_lookup(fn(KEY_HOME)), RC_REQ_FIRST);
	ck_assert_int_eq(rc_keymap_lookup(ch('\r')), RC_REQ_OPEN);
	ck_assert_int_eq(rc_keymap_lookup(ch('\n')), RC_REQ_OPEN);
	ck_assert_int_eq(rc_keymap_lookup(fn(KEY_ENTER)), RC_REQ_OPEN);
	ck_assert_int_eq(rc_keymap_lookup(fn(KEY_RIGHT)), RC_REQ_OPEN);
	ck_assert_int_eq(rc_keymap_lookup(ch('h')), RC_REQ_BACK);
	ck_assert_int_eq(rc_keymap_lookup(ch(0x7f)), RC_REQ_BACK);
	ck_assert_int_eq(rc_keymap_lookup(fn(KEY_BACKSPACE)), RC_REQ_BACK);
	ck_assert_int_eq(rc_keymap_lookup(fn(KEY_LEFT)), RC_REQ_BACK);
	ck_assert_int_eq(rc_keymap_lookup(ch('\t')), RC_REQ_SWITCH_PANE);
	ck_assert_int_eq(rc_keymap_lookup(ch('+')), RC_REQ_GEN_MORE);
	ck_assert_int_eq(rc_keymap_lookup(ch('-')), RC_REQ_GEN_LESS);
	ck_assert_int_eq(rc_keymap_lookup(fn(KEY_F(1))), RC_REQ_HELP);
	ck_assert_int_eq(rc_keymap_lookup(ch('?')), RC_REQ_HELP);
	ck_assert_int_eq(rc_keymap_lookup(ch(0x0c)), RC_REQ_REDRAW);
	ck_assert_int_eq(rc_keymap_lookup(ch(0x1a)), RC_REQ_SUSPEND);
	ck_assert_int_eq(rc_keymap_lookup(ch('q')), RC_REQ_QUIT);
	ck_assert_int_eq(rc_keymap_lookup(ch(0x03)), RC_REQ_QUIT);
	ck_assert_int_eq(rc_keymap_lookup(ch('y')), RC_REQ_YANK);
	ck_assert_int_eq(rc_keymap_lookup(ch('Z')), RC_REQ_NONE);
	ck_assert_int_eq(rc_keymap_lookup(fn('j')), RC_REQ_NONE);
	ck_assert_int_eq(rc_keymap_lookup(ch(0xe9)), RC_REQ_NONE);
}
END_TEST

static const char *
name_of(struct rc_key k, struct rc_buf *b)
{
	b->len = 0;
	rc_key_name(k, b);
	return rc_buf_cstr(b);
}

START_TEST(test_key_names)
{
	struct rc_buf b = RC_BUF_INIT;

	ck_assert_str_eq(name_of(ch('q'), &b), "q");
	ck_assert_str_eq(name_of(ch(0x03), &b), "^C");
	ck_assert_str_eq(name_of(ch('\r'), &b), "Enter");
	ck_assert_str_eq(name_of(ch(' '), &b), "Space");
	ck_assert_str_eq(name_of(ch(0x1b), &b), "Esc");
	ck_assert_str_eq(name_of(fn(KEY_DOWN), &b), "Down");
	ck_assert_str_eq(name_of(fn(KEY_F(1)), &b), "F1");
	b.len = 0;
	ck_assert_uint_eq(rc_keymap_keys(RC_REQ_MOVE_DOWN, " ", &b), 3);
	ck_assert_str_eq(rc_buf_cstr(&b), "j Down ^N");
	b.len = 0;
	ck_assert_uint_eq(rc_keymap_keys(RC_REQ_QUIT, ", ", &b), 2);
	ck_assert_str_eq(rc_buf_cstr(&b), "q, ^C");
	b.len = 0;
	ck_assert_int_eq(rc_keymap_first_key(RC_REQ_OPEN, &b), 1);
	ck_assert_str_eq(rc_buf_cstr(&b), "Enter");
	ck_assert_int_eq(rc_keymap_first_key(RC_REQ_NONE, &b), 0);
	rc_buf_free(&b);
}
END_TEST

/* Every request has a name, a label, a help text and at least one key;
 * the help lists each exactly once. */
START_TEST(test_every_request_in_help)
{
	struct rc_buf b = RC_BUF_INIT;
	struct rc_rowlist rl;
	unsigned listed[RC_REQ_COUNT] = { 0 };
	uint32_t i;
	int req;

	for (req = RC_REQ_NONE + 1; req < RC_REQ_COUNT; req++) {
		ck_assert_ptr_nonnull(rc_request_name(req));
		ck_assert_ptr_nonnull(rc_request_label(req));
		ck_assert_ptr_nonnull(rc_request_help(req));
		ck_assert_uint_gt(strlen(rc_request_help(req)), 8);
		b.len = 0;
		ck_assert_msg(rc_keymap_keys(req, " ", &b) > 0,
			      "no key for %s", rc_request_name(req));
	}
	ck_assert_ptr_null(rc_request_help(RC_REQ_NONE));
	ck_assert_ptr_null(rc_request_help(RC_REQ_COUNT));
	rc_rowlist_init(&rl);
	ck_assert_int_eq(rc_rows_help(&rl), RC_OK);
	ck_assert_uint_eq(rl.nvis, RC_REQ_COUNT - 1);
	for (i = 0; i < rl.nvis; i++) {
		const struct rc_row *r = rc_rowlist_at(&rl, i);

		ck_assert_int_eq(r->kind, RC_ROW_HELP);
		ck_assert_uint_lt(r->aux, RC_REQ_COUNT);
		listed[r->aux]++;
	}
	for (req = RC_REQ_NONE + 1; req < RC_REQ_COUNT; req++)
		ck_assert_uint_eq(listed[req], 1);
	rc_rowlist_free(&rl);
	rc_buf_free(&b);
}
END_TEST

/* The key bar as tui.c draws it: "key label", two blanks between
 * items.  Every view's bar fits 80 columns and names help and quit. */
START_TEST(test_key_bars_fit)
{
	const struct rc_view_ops *const views[] = {
		&rc_view_types, &rc_view_objects, &rc_view_object,
		&rc_view_ancestors, &rc_view_path, &rc_view_cycle,
		&rc_view_help
	};
	size_t i;

	for (i = 0; i < sizeof views / sizeof views[0]; i++) {
		const enum rc_request *r;
		int width = 0, quit = 0;

		for (r = views[i]->bar; *r != RC_REQ_NONE; r++) {
			struct rc_buf k = RC_BUF_INIT;

			ck_assert_int_eq(rc_keymap_first_key(*r, &k), 1);
			width += (width ? 2 : 0) + rc_text_width(rc_buf_cstr(&k)) +
				 1 + rc_text_width(rc_request_label(*r));
			quit |= *r == RC_REQ_QUIT;
			rc_buf_free(&k);
		}
		ck_assert_msg(width <= 80, "%s bar: %d columns",
			      views[i]->name, width);
		ck_assert_int_eq(quit, 1);
	}
}
END_TEST

/* No key is bound to two requests. */
START_TEST(test_no_double_binding)
{
	static const uint32_t probes[] = {
		'j', 'k', 'g', 'G', 'h', 'l', 'q', 'y', 'a', 'p', 'c', 'e',
		's', 'I', 'n', 'N', '/', '?', '+', '-', '=', ' ', '\t', '\r',
		0x1b, 0x7f, 0x03, 0x0e, 0x10, 0x06, 0x02, 0x04, 0x15, 0x0c,
		0x1a, 0x08
	};
	size_t i;
	int req;

	/* Each probe resolves to exactly one request, and that request
	 * lists the key. */
	for (i = 0; i < sizeof probes / sizeof probes[0]; i++) {
		struct rc_key k = ch(probes[i]);
		struct rc_buf name = RC_BUF_INIT, keys = RC_BUF_INIT;
		int owners = 0;

		req = rc_keymap_lookup(k);
		ck_assert_int_ne(req, RC_REQ_NONE);
		rc_key_name(k, &name);
		for (int r = RC_REQ_NONE + 1; r < RC_REQ_COUNT; r++) {
			keys.len = 0;
			rc_keymap_keys(r, "|", &keys);
			const char *s = rc_buf_cstr(&keys);
			const char *nm = rc_buf_cstr(&name);
			size_t nl = strlen(nm);
			const char *p;

			for (p = s; (p = strstr(p, nm)) != NULL; p += nl)
				if ((p == s || p[-1] == '|') &&
				    (p[nl] == '\0' || p[nl] == '|')) {
					owners++;
					ck_assert_int_eq(r, req);
					break;
				}
		}
		ck_assert_msg(owners <= 1, "key %s bound twice",
			      rc_buf_cstr(&name));
		rc_buf_free(&name);
		rc_buf_free(&keys);
	}
}
END_TEST

Suite *
tui_keymap_suite(void)
{
	Suite *s = suite_create("tui_keymap");
	TCase *tc = tcase_create("keymap");

	tcase_add_test(tc, test_lookup);
	tcase_add_test(tc, test_key_names);
	tcase_add_test(tc, test_every_request_in_help);
	tcase_add_test(tc, test_key_bars_fit);
	tcase_add_test(tc, test_no_double_binding);
	suite_add_tcase(s, tc);
	return s;
}
