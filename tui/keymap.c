/* keymap.c - the one keymap and the request table's texts. */
#include <config.h>

#include "tui/keymap.h"

#include <curses.h>
#include <stdio.h>

#include "src/common/i18n.h"

#define RC_CTRL(c) ((uint32_t)((c) & 0x1f))
#define CH(c) { (uint32_t)(c), 0 }
#define FN(c) { (uint32_t)(c), 1 }

struct binding {
	struct rc_key key;
	enum rc_request req;
};

/* In help order within each request: the first key is the one the key
 * bar shows. */
static const struct binding keymap[] = {
	{ CH('j'), RC_REQ_MOVE_DOWN }, { FN(KEY_DOWN), RC_REQ_MOVE_DOWN },
	{ CH(RC_CTRL('n')), RC_REQ_MOVE_DOWN },
	{ CH('k'), RC_REQ_MOVE_UP }, { FN(KEY_UP), RC_REQ_MOVE_UP },
	{ CH(RC_CTRL('p')), RC_REQ_MOVE_UP },
	{ FN(KEY_NPAGE), RC_REQ_PAGE_DOWN }, { CH(' '), RC_REQ_PAGE_DOWN },
	{ CH(RC_CTRL('f')), RC_REQ_PAGE_DOWN },
	{ FN(KEY_PPAGE), RC_REQ_PAGE_UP }, { CH(RC_CTRL('b')), RC_REQ_PAGE_UP },
	{ CH(RC_CTRL('d')), RC_REQ_HALF_DOWN },
	{ CH(RC_CTRL('u')), RC_REQ_HALF_UP },
	{ CH('g'), RC_REQ_FIRST }, { FN(KEY_HOME), RC_REQ_FIRST },
	{ CH('G'), RC_REQ_LAST }, { FN(KEY_END), RC_REQ_LAST },
	{ CH('\r'), RC_REQ_OPEN }, { CH('\n'), RC_REQ_OPEN },
	{ FN(KEY_ENTER), RC_REQ_OPEN }, { CH('l'), RC_REQ_OPEN },
	{ FN(KEY_RIGHT), RC_REQ_OPEN },
	{ CH('h'), RC_REQ_BACK }, { FN(KEY_LEFT), RC_REQ_BACK },
	{ FN(KEY_BACKSPACE), RC_REQ_BACK }, { CH(0x7f), RC_REQ_BACK },
	{ CH(RC_CTRL('h')), RC_REQ_BACK }, { CH(0x1b), RC_REQ_BACK },
	{ CH('\t'), RC_REQ_SWITCH_PANE },
	{ CH('/'), RC_REQ_SEARCH },
	{ CH('n'), RC_REQ_SEARCH_NEXT },
	{ CH('N'), RC_REQ_SEARCH_PREV },
	{ CH('s'), RC_REQ_SORT },
	{ CH('I'), RC_REQ_INVERT },
	{ CH('a'), RC_REQ_ANCESTORS },
	{ CH('+'), RC_REQ_GEN_MORE }, { CH('='), RC_REQ_GEN_MORE },
	{ CH('-'), RC_REQ_GEN_LESS },
	{ CH('p'), RC_REQ_PATH },
	{ CH('x'), RC_REQ_IGNORE },
	{ CH('X'), RC_REQ_UNIGNORE },
	{ CH('c'), RC_REQ_CYCLE },
	{ CH('d'), RC_REQ_DOMINATORS },
	{ CH('L'), RC_REQ_SUSPECTS },
	{ CH('e'), RC_REQ_EXPORT },
	{ CH('?'), RC_REQ_HELP }, { FN(KEY_F(1)), RC_REQ_HELP },
	{ CH(RC_CTRL('l')), RC_REQ_REDRAW },
	{ CH(RC_CTRL('z')), RC_REQ_SUSPEND },
	{ CH('q'), RC_REQ_QUIT }, { CH(RC_CTRL('c')), RC_REQ_QUIT },
	{ CH('y'), RC_REQ_YANK },
};

#define NBIND (sizeof keymap / sizeof keymap[0])

struct reqtext {
	const char *name, *label, *help;
};

#define RC_REQ_TEXT_(name, label, help) { #name, label, help },
static const struct reqtext reqtexts[RC_REQ_COUNT] = {
	{ "NONE", NULL, NULL },
	RC_REQUESTS(RC_REQ_TEXT_)
};
#undef RC_REQ_TEXT_

enum rc_request
rc_keymap_lookup(struct rc_key key)
{
	size_t i;

	for (i = 0; i < NBIND; i++)
		if (keymap[i].key.code == key.code &&
		    keymap[i].key.is_fn == key.is_fn)
			return keymap[i].req;
	/* Terminals differ on which code Backspace and Enter send. */
	if (key.is_fn && key.code == KEY_ENTER)
		return RC_REQ_OPEN;
	return RC_REQ_NONE;
}

const char *
rc_request_name(enum rc_request req)
{
	return req > RC_REQ_NONE && req < RC_REQ_COUNT ?
		reqtexts[req].name : NULL;
}

const char *
rc_request_label(enum rc_request req)
{
	return req > RC_REQ_NONE && req < RC_REQ_COUNT ?
		reqtexts[req].label : NULL;
}

const char *
rc_request_help(enum rc_request req)
{
	return req > RC_REQ_NONE && req < RC_REQ_COUNT ?
		reqtexts[req].help : NULL;
}

static const struct {
	int code;
	const char *name;
} fnames[] = {
	{ KEY_DOWN, N_("Down") }, { KEY_UP, N_("Up") },
	{ KEY_LEFT, N_("Left") }, { KEY_RIGHT, N_("Right") },
	{ KEY_NPAGE, N_("PgDn") }, { KEY_PPAGE, N_("PgUp") },
	{ KEY_HOME, N_("Home") }, { KEY_END, N_("End") },
	{ KEY_ENTER, N_("Enter") }, { KEY_BACKSPACE, N_("Backspace") },
};

void
rc_key_name(struct rc_key key, struct rc_buf *out)
{
	size_t i;

	if (key.is_fn) {
		for (i = 0; i < sizeof fnames / sizeof fnames[0]; i++)
			if ((uint32_t)fnames[i].code == key.code) {
				rc_buf_puts(out, _(fnames[i].name));
				return;
			}
		if (key.code >= (uint32_t)KEY_F(1) &&
		    key.code <= (uint32_t)KEY_F(24)) {
			rc_buf_printf(out, "F%u",
				      key.code - (uint32_t)KEY_F(0));
			return;
		}
		rc_buf_printf(out, "<%u>", key.code);
		return;
	}
	switch (key.code) {
	case '\r':
		rc_buf_puts(out, _("Enter"));
		return;
	case '\n':
		rc_buf_puts(out, "^J");
		return;
	case '\t':
		rc_buf_puts(out, _("Tab"));
		return;
	case ' ':
		rc_buf_puts(out, _("Space"));
		return;
	case 0x1b:
		rc_buf_puts(out, _("Esc"));
		return;
	case 0x7f:
		rc_buf_puts(out, _("Backspace"));
		return;
	}
	if (key.code < 0x20) {
		rc_buf_printf(out, "^%c", (char)(key.code + '@'));
		return;
	}
	if (key.code < 0x7f) {
		char c = (char)key.code;

		rc_buf_append(out, &c, 1);
		return;
	}
	rc_buf_printf(out, "U+%04X", key.code);
}

unsigned
rc_keymap_keys(enum rc_request req, const char *sep, struct rc_buf *out)
{
	unsigned count = 0;
	size_t i;

	for (i = 0; i < NBIND; i++) {
		if (keymap[i].req != req)
			continue;
		/* Two names for one key are noise in the help. */
		if (keymap[i].key.code == '\n' && !keymap[i].key.is_fn)
			continue;
		if (keymap[i].key.is_fn && keymap[i].key.code == KEY_ENTER)
			continue;
		if (keymap[i].key.code == 0x7f && !keymap[i].key.is_fn)
			continue;
		if (count++)
			rc_buf_puts(out, sep);
		rc_key_name(keymap[i].key, out);
	}
	return count;
}

int
rc_keymap_first_key(enum rc_request req, struct rc_buf *out)
{
	size_t i;

	for (i = 0; i < NBIND; i++)
		if (keymap[i].req == req) {
			rc_key_name(keymap[i].key, out);
			return 1;
		}
	return 0;
}
