/* prompt.c - the one-line prompts (filter, search, export file name) and
 * search through the rows of a view (see prompt.h). */
#include <config.h>

#include "tui/prompt.h"

#include <curses.h>
#include <string.h>
#include <wchar.h>

#include "src/common/i18n.h"
#include "tui/image_export.h"
#include "tui/keymap.h"
#include "tui/rows_edges.h"
#include "tui/text.h"

#define RC_CTRL(c) ((uint32_t)((c) & 0x1f))

/* ------------------------------------------------------------ searching */

static int
row_matches(struct rc_app *a, const struct rc_row *r, const char *needle)
{
	if (r->kind == RC_ROW_TYPE)
		return rc_text_contains(a->m->type_name[r->aux], needle);
	if (r->kind == RC_ROW_HELP)
		return r->aux && rc_text_contains(
			_(rc_request_help((enum rc_request)r->aux)), needle);
	if (r->v == RC_NONE)
		return 0;
	if (rc_text_contains(rc_app_type(a, r->v), needle) ||
	    rc_text_contains(rc_app_summary(a, r->v), needle))
		return 1;
	uint32_t e = rc_row_edge(a->m->g, r);

	return e != RC_NONE && rc_text_contains(rc_app_label(a, e), needle);
}

/* Move the cursor to the next row matching a->search, from the cursor
 * (included when from_cur) in direction dir.  Stops early, keeping the
 * cursor, if the host asks to. */
int
rc_search_step(struct rc_app *a, const struct rc_view_ops *v, int dir, int from_cur)
{
	struct rc_rowlist *rl = v->list(a);
	uint32_t i, k, n = rl->nvis;

	if (a->search[0] == '\0') {
		rc_app_message(a, 0, "%s", _("No search yet: press / first"));
		return RX_REDRAW;
	}
	/* k = 0 is the cursor's row itself; k = n comes back to it. */
	for (k = from_cur ? 0 : 1; n > 0 && k <= n; k++) {
		i = dir > 0 ? (rl->cur + k) % n : (rl->cur + n - k % n) % n;
		if (k % 4096 == 4095 && rc_app_interrupted(a))
			break;
		if (row_matches(a, rc_rowlist_at(rl, i), a->search)) {
			rc_rowlist_set_cur(rl, i);
			return RX_REDRAW;
		}
	}
	rc_app_message(a, 1, _("Not found: %s"), a->search);
	return RX_REDRAW;
}

/* -------------------------------------------------------------- prompts */

/* src cut to cap - 1 bytes (at a character boundary). */
static void
copy_text(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);

	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

void
rc_prompt_start(struct rc_app *a, int kind, const char *initial)
{
	mbstate_t st;
	const char *s = initial;
	size_t r;

	a->prompt = kind;
	a->plen = 0;
	memset(&st, 0, sizeof st);
	while (*s && a->plen + 1 < RC_PROMPT_MAX) {
		r = mbrtowc(&a->pbuf[a->plen], s, strlen(s), &st);
		if (r == 0 || r == (size_t)-1 || r == (size_t)-2)
			break;
		s += r;
		a->plen++;
	}
	a->pbuf[a->plen] = L'\0';
	a->msg[0] = '\0';
}

/* A prompt's text changed (accept 0) or was accepted (1) or cancelled
 * (-1). */
static int
prompt_event(struct rc_app *a, const struct rc_view_ops *v, int accept)
{
	char text[RC_PROMPT_MAX * 4];
	int kind = a->prompt;

	rc_text_from_wide(a->pbuf, a->plen, text, sizeof text);
	if (accept != 0)
		a->prompt = RC_PROMPT_NONE;
	switch (kind) {
	case RC_PROMPT_FILTER_LIVE:
		return v->prompt_done(a, accept < 0 ? "" : text, accept > 0);
	case RC_PROMPT_FILTER:
		return accept > 0 ? v->prompt_done(a, text, 1) : RX_REDRAW;
	case RC_PROMPT_SEARCH:
		if (accept < 0 || text[0] == '\0')
			return RX_REDRAW;
		copy_text(a->search, sizeof a->search, text);
		return rc_search_step(a, v, 1, 1);
	case RC_PROMPT_EXPORT:
		if (accept < 0) {
			rc_app_message(a, 0, "%s", _("Export cancelled"));
			return RX_REDRAW;
		}
		if (accept > 0) {
			if (text[0] == '\0')
				rc_app_message(a, 1, "%s",
					       _("Export cancelled: no file name"));
			else
				rc_export_run(a, v->target ? v->target(a) : RC_NONE, text);
		}
		return RX_REDRAW;
	}
	return RX_REDRAW;
}

int
rc_prompt_key(struct rc_app *a, const struct rc_view_ops *v, struct rc_key key)
{
	if (key.is_fn) {
		switch (key.code) {
		case KEY_ENTER:
			return prompt_event(a, v, 1);
		case KEY_BACKSPACE:
			goto backspace;
		}
		return RX_NONE;
	}
	switch (key.code) {
	case 0x1b:
	case RC_CTRL('c'):
	case RC_CTRL('g'):
		return prompt_event(a, v, -1);
	case '\r':
	case '\n':
		return prompt_event(a, v, 1);
	case 0x7f:
	case RC_CTRL('h'):
backspace:
		if (a->plen == 0)
			return RX_NONE;
		a->pbuf[--a->plen] = L'\0';
		return prompt_event(a, v, 0);
	case RC_CTRL('u'):
		a->plen = 0;
		a->pbuf[0] = L'\0';
		return prompt_event(a, v, 0);
	}
	if (key.code < 0x20 || a->plen + 1 >= RC_PROMPT_MAX)
		return RX_NONE;
	a->pbuf[a->plen++] = (wchar_t)key.code;
	a->pbuf[a->plen] = L'\0';
	return prompt_event(a, v, 0);
}

