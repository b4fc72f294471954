/* tui.c - the browser's main loop: input, requests, the generic list
 * driver, and the only place that draws (see tui.h); prompts and search
 * are in prompt.c. */
#include <config.h>

#include "src/model/browser.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "src/common/i18n.h"
#include "src/common/status.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/image_export.h"
#include "tui/keymap.h"
#include "tui/pending.h"
#include "tui/prompt.h"
#include "tui/rows_edges.h"
#include "tui/session.h"
#include "tui/text.h"
#include "tui/view.h"

#define MIN_COLS 40
#define MIN_LINES 8
#define RC_CTRL(c) ((uint32_t)((c) & 0x1f))

/* One session per process: the signal handlers and curses are global. */
static int session_active;

int
rc_browser_check_terminal(struct rc_buf *err)
{
	return rc_session_check(err);
}

static struct rc_place
here(struct rc_app *a)
{
	struct rc_rowlist *rl = rc_views[a->view]->list(a);
	struct rc_place p = { a->view, a->focus, RC_NONE, rl->cur, rl->top,
			      a->pane };

	if (a->view == RC_VIEW_OBJECTS)
		p.aux = a->type;
	else if (a->view == RC_VIEW_ANCESTORS)
		p.aux = a->gen;
	return p;
}

/* Make p the current place and open its view; the cursor as saved when
 * restore is set. */
static int
enter_place(struct rc_app *a, const struct rc_place *p, int restore)
{
	struct rc_rowlist *rl;
	int rc;

	a->view = p->view;
	a->focus = p->focus;
	if (p->view == RC_VIEW_OBJECTS)
		a->type = p->aux;
	else if (p->view == RC_VIEW_ANCESTORS)
		a->gen = p->aux;
	a->pane = restore ? p->pane : 0;
	rc = rc_views[a->view]->open(a);
	if (rc == RC_OK && restore) {
		rl = rc_views[a->view]->list(a);
		rc_rowlist_set_cur(rl, p->cur);
		rl->top = p->top;
	}
	return rc;
}

int
rc_app_go(struct rc_app *a, int view, uint32_t focus, uint32_t aux)
{
	struct rc_place old = here(a), to = { view, focus, aux, 0, 0, 0 };

	if (enter_place(a, &to, 0) != RC_OK) {
		enter_place(a, &old, 1);
		return RX_REDRAW;
	}
	rc_history_push(&a->hist, &old);
	return RX_REDRAW;
}

static int
go_back(struct rc_app *a)
{
	struct rc_place p;

	if (!rc_history_pop(&a->hist, &p)) {
		rc_app_message(a, 0, "%s", _("Nowhere to go back to (q quits)"));
		return RX_REDRAW;
	}
	if (enter_place(a, &p, 1) != RC_OK)
		return go_back(a);
	return RX_REDRAW;
}

static uint32_t
target_of(struct rc_app *a)
{
	return rc_views[a->view]->target ? rc_views[a->view]->target(a) : RC_NONE;
}

/* --------------------------------------------------------- the requests */

static int
not_here(struct rc_app *a, enum rc_request req)
{
	struct rc_buf keys = RC_BUF_INIT;

	rc_keymap_first_key(req, &keys);
	rc_app_message(a, 0, _("%s (%s) does not apply to the %s view"),
		       _(rc_request_label(req)),
		       keys.len ? rc_buf_cstr(&keys) : "", _(rc_views[a->view]->name));
	rc_buf_free(&keys);
	return RX_REDRAW;
}

/* The cursor keys every list shares.  1 if req is one of them. */
static int
move_request(struct rc_rowlist *rl, enum rc_request req, int64_t page)
{
	int64_t half = page / 2 ? page / 2 : 1;

	switch (req) {
	case RC_REQ_MOVE_DOWN:
		rc_rowlist_move(rl, 1);
		return 1;
	case RC_REQ_MOVE_UP:
		rc_rowlist_move(rl, -1);
		return 1;
	case RC_REQ_PAGE_DOWN:
		rc_rowlist_move(rl, page);
		rl->top = rl->cur;
		return 1;
	case RC_REQ_PAGE_UP:
		rc_rowlist_move(rl, -page);
		rl->top = rl->top > page ? rl->top - (uint32_t)page : 0;
		return 1;
	case RC_REQ_HALF_DOWN:
		rc_rowlist_move(rl, half);
		return 1;
	case RC_REQ_HALF_UP:
		rc_rowlist_move(rl, -half);
		return 1;
	case RC_REQ_FIRST:
		rc_rowlist_set_cur(rl, 0);
		return 1;
	case RC_REQ_LAST:
		rc_rowlist_set_cur(rl, rl->nvis ? rl->nvis - 1 : 0);
		return 1;
	default:
		return 0;
	}
}

/* The requests about the object under the cursor (or in focus). */
static int
object_request(struct rc_app *a, enum rc_request req)
{
	uint32_t target = target_of(a);
	char name[RC_PROMPT_MAX];

	if (target == RC_NONE) {
		rc_app_message(a, 0, "%s",
			       _("Select an object first (Enter on a type lists its objects)"));
		return RX_REDRAW;
	}
	switch (req) {
	case RC_REQ_YANK:
		return RX_YANK;
	case RC_REQ_ANCESTORS:
		return rc_app_go(a, RC_VIEW_ANCESTORS, target, 1);
	case RC_REQ_PATH:
		return rc_app_go(a, RC_VIEW_PATH, target, 0);
	case RC_REQ_CYCLE:
		return rc_app_go(a, RC_VIEW_CYCLE, target, 0);
	default:   /* RC_REQ_EXPORT */
		if (a->m->export_image == NULL) {
			rc_app_message(a, 1, "%s", _("Export is unavailable here"));
			return RX_REDRAW;
		}
		rc_export_default_name(a, target, name, sizeof name);
		rc_prompt_start(a, RC_PROMPT_EXPORT, name);
		return RX_REDRAW;
	}
}

/* A request: the view's own handler first, then what every view shares. */
static int
dispatch(struct rc_app *a, struct rc_session *t, enum rc_request req)
{
	const struct rc_view_ops *v = rc_views[a->view];
	int fl;

	if (req == RC_REQ_NONE) {
		rc_app_message(a, 0, "%s", _("Unknown key: press ? for help"));
		return RX_REDRAW;
	}
	fl = v->request ? v->request(a, req) : RX_UNHANDLED;
	if (!(fl & RX_UNHANDLED))
		return fl;
	if (move_request(v->list(a), req, a->page ? a->page : 1))
		return RX_REDRAW;
	switch (req) {
	case RC_REQ_BACK:
		return go_back(a);
	case RC_REQ_SEARCH:
		if (v->prompt == RC_PROMPT_NONE)
			return not_here(a, req);
		rc_prompt_start(a, v->prompt, v->prompt_text ? v->prompt_text(a) : "");
		return RX_REDRAW;
	case RC_REQ_SEARCH_NEXT:
	case RC_REQ_SEARCH_PREV:
		return rc_search_step(a, v, req == RC_REQ_SEARCH_NEXT ? 1 : -1, 0);
	case RC_REQ_ANCESTORS:
	case RC_REQ_PATH:
	case RC_REQ_CYCLE:
	case RC_REQ_EXPORT:
	case RC_REQ_YANK:
		return object_request(a, req);
	case RC_REQ_DOMINATORS:
		if (a->pending)
			return RX_WAIT;
		/* On an object: the tree unfolded down to it. */
		return rc_app_go(a, RC_VIEW_DOMINATORS, target_of(a), 0);
	case RC_REQ_SUSPECTS:
		if (a->pending)
			return RX_WAIT;
		if (a->view != RC_VIEW_SUSPECTS)
			return rc_app_go(a, RC_VIEW_SUSPECTS, a->focus, 0);
		return RX_REDRAW;
	case RC_REQ_HELP:
		if (a->view != RC_VIEW_HELP)
			return rc_app_go(a, RC_VIEW_HELP, a->focus, 0);
		return RX_REDRAW;
	case RC_REQ_REDRAW:
		clearok(curscr, TRUE);
		return RX_REDRAW;
	case RC_REQ_SUSPEND:
		rc_session_suspend(t);
		return RX_REDRAW;
	case RC_REQ_QUIT:
		return RX_QUIT;
	default:
		return not_here(a, req);
	}
}

/* -------------------------------------------------------------- drawing */

static void
draw_top(struct rc_app *a, int cols)
{
	const struct rc_view_ops *v = rc_views[a->view];
	struct rc_buf left = RC_BUF_INIT, right = RC_BUF_INIT;
	struct rc_rowlist *rl = v->list(a);
	attr_t bar = rc_draw_attr(a, RC_ROLE_BAR);
	const char *l, *r;
	int rw;

	rc_buf_printf(&left, " refcycle: %s", _(v->name));
	if (v->title) {
		rc_buf_puts(&left, " - ");
		v->title(a, &left);
	}
	rc_pending_progress(a, &right);
	if (right.len)
		rc_buf_puts(&right, "  ");
	rc_buf_printf(&right, _("%u of %u"), rl->nvis ? rl->cur + 1 : 0,
		      rl->nvis);
	rc_buf_puts(&right, " ");
	l = rc_buf_cstr(&left);
	r = rc_buf_cstr(&right);
	rc_draw_fill(stdscr, 0, 0, cols, bar);
	rw = r ? rc_text_width(r) : 0;
	if (rw > cols / 3)
		rw = 0;
	if (l)
		rc_draw_text(stdscr, 0, 0, cols - rw - 1, l, bar);
	if (rw && r)
		rc_draw_text(stdscr, 0, cols - rw, rw, r, bar);
	rc_buf_free(&left);
	rc_buf_free(&right);
}

static void
draw_keybar(struct rc_app *a, int y, int cols)
{
	const enum rc_request *req = rc_views[a->view]->bar;
	attr_t bar = rc_draw_attr(a, RC_ROLE_BAR);
	int x = 0;

	rc_draw_fill(stdscr, y, 0, cols, A_NORMAL);
	for (; req && *req != RC_REQ_NONE; req++) {
		struct rc_buf key = RC_BUF_INIT;
		const char *k, *label = _(rc_request_label(*req));
		int kw, lw;

		rc_keymap_first_key(*req, &key);
		k = rc_buf_cstr(&key);
		kw = k ? rc_text_width(k) : 0;
		lw = rc_text_width(label);
		if (k && x + kw + 1 + lw <= cols) {
			x += rc_draw_text(stdscr, y, x, kw, k, bar);
			x += rc_draw_text(stdscr, y, x + 1, lw, label,
					  A_NORMAL) + 3;
		}
		rc_buf_free(&key);
	}
}

static void
draw_bottom(struct rc_app *a, int y, int cols)
{
	char text[RC_PROMPT_MAX * 4];
	const char *label;
	int x;

	if (a->prompt != RC_PROMPT_NONE) {
		label = a->prompt == RC_PROMPT_EXPORT ? _("Export to: ") :
			a->prompt == RC_PROMPT_SEARCH ? _("Search: ") :
			_("Filter: ");
		rc_draw_fill(stdscr, y, 0, cols, A_NORMAL);
		x = rc_draw_text(stdscr, y, 0, cols, label,
				 rc_draw_attr(a, RC_ROLE_HEADING));
		rc_text_from_wide(a->pbuf, a->plen, text, sizeof text);
		/* Keep the end of a long text, where the cursor is. */
		const char *shown = text;
		while (*shown && rc_text_width(shown) > cols - x - 2)
			shown++;
		x += rc_draw_text(stdscr, y, x, cols - x - 1, shown, A_NORMAL);
		rc_draw_fill(stdscr, y, x, 1, A_REVERSE);
		return;
	}
	if (a->msg[0]) {
		rc_draw_fill(stdscr, y, 0, cols, A_NORMAL);
		rc_draw_text(stdscr, y, 0, cols, a->msg,
			     a->msg_error ? rc_draw_attr(a, RC_ROLE_ERROR) :
			     rc_draw_attr(a, RC_ROLE_HEADING));
		return;
	}
	draw_keybar(a, y, cols);
}

static void
draw_too_small(struct rc_app *a)
{
	char line[128];

	erase();
	snprintf(line, sizeof line, _("Terminal too small: %dx%d"), a->cols,
		 a->lines);
	rc_draw_text(stdscr, 0, 0, a->cols, line,
		     rc_draw_attr(a, RC_ROLE_ERROR));
	snprintf(line, sizeof line, _("needs at least %dx%d; q quits"),
		 MIN_COLS, MIN_LINES);
	if (a->lines > 1)
		rc_draw_text(stdscr, 1, 0, a->cols, line, A_NORMAL);
}

static int
too_small(const struct rc_app *a)
{
	return a->cols < MIN_COLS || a->lines < MIN_LINES;
}

static void
draw_all(struct rc_app *a)
{
	getmaxyx(stdscr, a->lines, a->cols);
	if (too_small(a)) {
		draw_too_small(a);
	} else {
		erase();
		draw_top(a, a->cols);
		rc_views[a->view]->draw(a, stdscr, 1, a->lines - 2, a->cols);
		draw_bottom(a, a->lines - 1, a->cols);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

/* ------------------------------------------------------------ main loop */

static int
is_cancel_key(struct rc_key k)
{
	return !k.is_fn && (k.code == 0x1b || k.code == RC_CTRL('c') ||
			    k.code == RC_CTRL('g') || k.code == 'q');
}

static int
read_key(struct rc_app *a, struct rc_key *key)
{
	wint_t wch = 0;
	int rc;

	wtimeout(stdscr, a->busy ? 0 : 150);
	if (a->m->wait_begin)
		a->m->wait_begin(a->m->ctx);
	rc = wget_wch(stdscr, &wch);
	if (a->m->wait_end)
		a->m->wait_end(a->m->ctx);
	if (rc == ERR)
		return 0;
	key->code = (uint32_t)wch;
	key->is_fn = rc == KEY_CODE_YES;
	return 1;
}

/* Until the user quits: RC_BROWSER_QUIT, RC_BROWSER_YANK (with *yanked) or
 * RC_BROWSER_INTERRUPTED. */
/* Long work goes on while the last step said RX_BUSY. */
static int
work_step(struct rc_app *a, const struct rc_view_ops *v, int cancel)
{
	int fl = v->work(a, cancel);

	a->busy = !cancel && (fl & RX_BUSY);
	return fl | RX_REDRAW;   /* its progress is on the message line */
}

/* One key, outside long work: what the handlers report.  A message is
 * cleared by the next key; a handler that opens or closes the prompt or
 * changes the view has changed the screen whatever it says. */
static int
handle_key(struct rc_app *a, struct rc_session *t, struct rc_key key)
{
	int view = a->view, prompt = a->prompt, had_msg = a->msg[0] != '\0';
	int fl;

	if (a->prompt == RC_PROMPT_NONE)
		a->msg[0] = '\0';
	if (too_small(a)) {
		enum rc_request req = rc_keymap_lookup(key);

		if (req == RC_REQ_QUIT)
			return RX_QUIT;
		if (req == RC_REQ_SUSPEND) {
			rc_session_suspend(t);
			return RX_REDRAW;
		}
		return had_msg ? RX_REDRAW : RX_NONE;
	}
	if (a->prompt != RC_PROMPT_NONE) {
		fl = rc_prompt_key(a, rc_views[a->view], key);
	} else {
		enum rc_request req = rc_keymap_lookup(key);
		fl = dispatch(a, t, req);
		if (fl & RX_WAIT) {
			rc_pending_wait(a, req);
			fl = RX_REDRAW;
		}
	}
	if (fl & RX_BUSY)
		a->busy = 1;
	if (a->view != view || a->prompt != prompt || (had_msg && !a->msg[0]))
		fl |= RX_REDRAW;
	return fl;
}

/* Until the user quits: RC_BROWSER_QUIT, RC_BROWSER_YANK (with *yanked)
 * or RC_BROWSER_INTERRUPTED.  The screen is drawn here only, when a
 * handler's flags say it changed (RX_REDRAW), during long work, and
 * after a resize. */
static int
run_loop(struct rc_app *a, struct rc_session *t, uint32_t *yanked)
{
	struct rc_key key;
	int fl, dirty = 1;

	for (;;) {
		if (rc_session_take_resize()) {
			rc_session_apply_size();
			dirty = 1;
		}
		if (rc_app_interrupted(a)) {
			if (a->busy)
				work_step(a, rc_views[a->view], 1);
			return RC_BROWSER_INTERRUPTED;
		}
		if (a->busy)
			dirty |= work_step(a, rc_views[a->view], 0) & RX_REDRAW;
		dirty |= rc_pending_poll(a) & RX_REDRAW;
		if (rc_pending_ready(a)) {
			/* What waited for the retained sizes, now they are here. */
			fl = dispatch(a, t, a->deferred);
			if (fl & RX_QUIT)
				return RC_BROWSER_QUIT;
			if (fl & RX_BUSY)
				a->busy = 1;
			dirty = 1;
		}
		if (dirty)
			draw_all(a);
		dirty = 0;
		if (!read_key(a, &key))
			continue;
		/* resizeterm() queues KEY_RESIZE each time it is called: a
		 * redraw only, the size was read when the flag was seen. */
		if (key.is_fn && key.code == KEY_RESIZE) {
			dirty = 1;
			continue;
		}
		if (a->busy) {
			if (is_cancel_key(key))
				dirty |= work_step(a, rc_views[a->view], 1) & RX_REDRAW;
			continue;
		}
		if (a->waiting) {
			if (is_cancel_key(key)) {
				rc_pending_give_up(a);
				dirty = 1;
			}
			continue;
		}
		fl = handle_key(a, t, key);
		if (fl & RX_QUIT)
			return RC_BROWSER_QUIT;
		if (fl & RX_YANK) {
			*yanked = target_of(a);
			return RC_BROWSER_YANK;
		}
		dirty = (fl & (RX_REDRAW | RX_BUSY)) != 0;
	}
}

int
rc_browser_run(const struct rc_model *m, uint32_t focus, uint32_t *yanked,
	   struct rc_buf *err)
{
	struct rc_app a;
	struct rc_session t;
	int result;

	*yanked = RC_NONE;
	if (session_active) {
		rc_buf_puts(err, _("the browser is already running"));
		return RC_BROWSER_ERROR;
	}
	if (m == NULL || m->g == NULL || m->type_of == NULL ||
	    (m->ntypes > 0 && m->type_name == NULL) ||
	    (m->shown != NULL && m->shown->n != m->g->n) ||
	    (focus != RC_NONE && focus >= m->g->n)) {
		rc_buf_puts(err, _("the browser was given an invalid model"));
		return RC_BROWSER_ERROR;
	}
	if (rc_session_check(err) != 0)
		return RC_BROWSER_ERROR;
	session_active = 1;
	if (rc_app_init(&a, m) != RC_OK) {   /* freed what it set up */
		session_active = 0;
		rc_buf_puts(err, _("out of memory"));
		return RC_BROWSER_ERROR;
	}
	/* Open the first view before taking the terminal: a failure is
	 * then reported without drawing anything. */
	a.view = RC_VIEW_TYPES;
	rc_pending_init(&a);
	if (rc_view_types.open(&a) != RC_OK) {
		rc_buf_puts(err, a.msg[0] ? a.msg : _("out of memory"));
		rc_app_free(&a);
		session_active = 0;
		return RC_BROWSER_ERROR;
	}
	if (rc_session_enter(&t, err) != 0) {
		rc_app_free(&a);
		session_active = 0;
		return RC_BROWSER_ERROR;
	}
	a.utf8 = wcwidth(0x2026) == 1;
	rc_draw_init_colors(&a);
	if (focus != RC_NONE) {
		rc_app_go(&a, RC_VIEW_OBJECTS, RC_NONE, m->type_of[focus]);
		rc_app_go(&a, RC_VIEW_OBJECT, focus, 0);
	}
	result = run_loop(&a, &t, yanked);
	rc_session_leave(&t);
	rc_app_free(&a);
	session_active = 0;
	return result;
}
