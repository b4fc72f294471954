/* view_help.c - the keys, generated from the keymap and the request
 * table. */
#include <config.h>

#include "src/common/i18n.h"
#include "src/common/status.h"
#include "tui/draw.h"
#include "tui/keymap.h"
#include "tui/rows_help.h"
#include "tui/view.h"

/* The view's own state (view.h: allocated zeroed by the app, one per
 * session). */
struct help_state {
	struct rc_rowlist help;
};

static struct help_state *
st(const struct rc_app *a)
{
	return rc_app_state(a, RC_VIEW_HELP);
}

static void
help_free(void *state)
{
	struct help_state *s = state;

	rc_rowlist_free(&s->help);
}


#define KEYS_WIDTH 26

static int
help_open(struct rc_app *a)
{
	if (st(a)->help.nrows > 0)
		return RC_OK;
	if (rc_rows_help(&st(a)->help) != RC_OK) {
		rc_app_message(a, 1, "%s", _("out of memory"));
		return RC_ENOMEM;
	}
	return RC_OK;
}

static struct rc_rowlist *
help_list(struct rc_app *a)
{
	return &st(a)->help;
}

static int
help_request(struct rc_app *a, enum rc_request req)
{
	(void)a;
	return req == RC_REQ_OPEN ? RX_NONE : RX_UNHANDLED;
}

static void
help_title(struct rc_app *a, struct rc_buf *out)
{
	(void)a;
	rc_buf_puts(out, _("keys (h or Backspace goes back)"));
}

static void
help_row(struct rc_app *a, WINDOW *w, int y, int cols,
	 const struct rc_row *r, attr_t attr)
{
	struct rc_buf keys = RC_BUF_INIT;
	const char *k;

	rc_keymap_keys((enum rc_request)r->aux, " ", &keys);
	k = rc_buf_cstr(&keys);
	rc_draw_text(w, y, 1, KEYS_WIDTH - 2, k ? k : "",
		     attr != A_NORMAL ? attr : rc_draw_attr(a, RC_ROLE_HEADING));
	rc_draw_text(w, y, KEYS_WIDTH, cols - KEYS_WIDTH,
		     _(rc_request_help((enum rc_request)r->aux)), attr);
	rc_buf_free(&keys);
}

static void
help_draw(struct rc_app *a, WINDOW *w, int y, int h, int cols)
{
	int lines = h - 2;

	rc_draw_list(a, w, y, lines, cols, &st(a)->help, 1, help_row);
	rc_draw_text(w, y + h - 1, 1, cols - 1,
		     _("In a prompt: Enter accepts, Esc or ^C cancels, Backspace and ^U edit."),
		     rc_draw_attr(a, RC_ROLE_DIM));
}

static uint32_t
help_target(struct rc_app *a)
{
	return a->focus;
}

static const enum rc_request help_bar[] = {
	RC_REQ_QUIT, RC_REQ_BACK, RC_REQ_SEARCH, RC_REQ_NONE
};

const struct rc_view_ops rc_view_help = {
	.name = N_("Help"),
	.prompt = RC_PROMPT_SEARCH,
	.open = help_open,
	.list = help_list,
	.request = help_request,
	.title = help_title,
	.draw = help_draw,
	.target = help_target,
	.bar = help_bar,
	.state_size = sizeof(struct help_state),
	.free = help_free,
};
