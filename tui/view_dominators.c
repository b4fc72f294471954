/* view_dominators.c - the dominator tree, largest retained size first:
 * what holds the most memory, and what it holds (Eclipse MAT's view).
 * Opened on an object, the tree is unfolded down to it. */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>

#include "src/common/i18n.h"
#include "src/common/status.h"
#include "tui/draw.h"
#include "tui/rows_dominators.h"
#include "tui/view.h"

/* The view's own state (view.h: allocated zeroed by the app, one per
 * session). */
struct dom_state {
	struct rc_rowlist dominators;
	struct rc_dom_order dom_order;   /* built on the first visit */
	struct rc_nodeset dom_expanded;   /* n + 1: the top is n */
	uint32_t dom_fanout;
};

static struct dom_state *
st(const struct rc_app *a)
{
	return rc_app_state(a, RC_VIEW_DOMINATORS);
}

static void
dominators_free(void *state)
{
	struct dom_state *s = state;

	rc_rowlist_free(&s->dominators);
	rc_dom_order_free(&s->dom_order);
	rc_nodeset_free(&s->dom_expanded);
}


/* Children shown under one node before a "more" row; each Enter on
 * that row shows this many times more. */
#define DOM_FANOUT 100
#define DOM_FANOUT_GROWTH 10

static int
dom_prepare(struct rc_app *a)
{
	int rc;

	if (st(a)->dom_order.kids != NULL)
		return RC_OK;
	rc = rc_dom_order_build(a->m, &st(a)->dom_order);
	if (rc == RC_OK)
		rc = rc_nodeset_init(&st(a)->dom_expanded, a->m->g->n + 1);
	if (rc != RC_OK)
		rc_dom_order_free(&st(a)->dom_order);
	st(a)->dom_fanout = DOM_FANOUT;
	return rc;
}

/* Rows again, the cursor on vertex keep (if shown) or at position cur. */
static int
dom_rebuild(struct rc_app *a, uint32_t keep, uint32_t cur)
{
	int rc = rc_rows_dominators(&st(a)->dom_order, &st(a)->dom_expanded, keep,
				    st(a)->dom_fanout, &st(a)->dominators);

	if (rc != RC_OK) {
		rc_app_message(a, 1, "%s", _("out of memory"));
		return rc;
	}
	for (uint32_t i = 0; keep != RC_NONE && i < st(a)->dominators.nvis; i++)
		if (rc_rowlist_at(&st(a)->dominators, i)->v == keep) {
			cur = i;
			break;
		}
	rc_rowlist_set_cur(&st(a)->dominators, cur);
	return RC_OK;
}

static int
dom_open(struct rc_app *a)
{
	int rc = dom_prepare(a);

	if (rc == RC_EINVAL) {
		rc_app_message(a, 1, "%s", _("No dominator tree for this heap"));
		return rc;
	}
	if (rc != RC_OK) {
		rc_app_message(a, 1, "%s", _("out of memory"));
		return rc;
	}
	if (a->focus != RC_NONE
	    && rc_dom_reveal(a->m, a->focus, &st(a)->dom_expanded) != RC_OK) {
		rc_app_message(a, 1, "%s", _("This object is in no dominator tree"));
		return RC_ENOTFOUND;
	}
	return dom_rebuild(a, a->focus, 0);
}

static struct rc_rowlist *
dom_list(struct rc_app *a)
{
	return &st(a)->dominators;
}

static int
dom_request(struct rc_app *a, enum rc_request req)
{
	const struct rc_row *r = rc_rowlist_selected(&st(a)->dominators);
	uint32_t cur = st(a)->dominators.cur;

	if (r == NULL || (req != RC_REQ_OPEN && req != RC_REQ_GEN_LESS))
		return RX_UNHANDLED;
	if (r->kind == RC_ROW_MORE) {
		if (req == RC_REQ_OPEN)
			st(a)->dom_fanout *= DOM_FANOUT_GROWTH;
		dom_rebuild(a, RC_NONE, cur);
		return RX_REDRAW;
	}
	int open = rc_nodeset_has(&st(a)->dom_expanded, r->v);
	if (req == RC_REQ_OPEN && (open || r->aux == 0))
		return rc_app_go(a, RC_VIEW_OBJECT, r->v, 0);
	if (req == RC_REQ_GEN_LESS && !open) {
		rc_app_message(a, 0, "%s", _("Not unfolded"));
		return RX_REDRAW;
	}
	uint32_t v = r->v;   /* r goes with the rows rebuilt */
	if (req == RC_REQ_OPEN)
		rc_nodeset_add(&st(a)->dom_expanded, v);
	else
		rc_nodeset_remove(&st(a)->dom_expanded, v);
	dom_rebuild(a, v, cur);
	return RX_REDRAW;
}

static void
dom_title(struct rc_app *a, struct rc_buf *out)
{
	rc_buf_puts(out, _("what each object alone keeps alive, largest first"));
	(void)a;
}

static void
dom_row(struct rc_app *a, WINDOW *w, int y, int cols,
	const struct rc_row *r, attr_t attr)
{
	int x = 2 * r->depth;
	char more[96];

	if (x > cols / 2)
		x = cols / 2;
	if (r->kind == RC_ROW_MORE) {
		snprintf(more, sizeof more,
			 _("%s %" PRIu32 " more, smaller (Enter shows more)"),
			 a->utf8 ? "\u2026" : "...", r->aux);
		rc_draw_text(w, y, x, cols - x, more,
			     attr != A_NORMAL ? attr : rc_draw_attr(a, RC_ROLE_DIM));
		return;
	}
	const char *mark = r->aux == 0 ? "  " :
			   rc_nodeset_has(&st(a)->dom_expanded, r->v) ? "- " : "+ ";
	x += rc_draw_text(w, y, x, cols - x, mark,
			  attr != A_NORMAL ? attr : rc_draw_attr(a, RC_ROLE_MARK));
	rc_draw_object_cols(a, w, y, x, cols, r->v, attr);
}

static void
dom_draw(struct rc_app *a, WINDOW *w, int y, int h, int cols)
{
	rc_draw_object_heading(a, w, y, 2, cols);
	rc_draw_list(a, w, y + 1, h - 1, cols, &st(a)->dominators, 1, dom_row);
}

static uint32_t
dom_target(struct rc_app *a)
{
	const struct rc_row *r = rc_rowlist_selected(&st(a)->dominators);

	return r && r->kind == RC_ROW_DOMINATED ? r->v : RC_NONE;
}

static const enum rc_request dom_bar[] = {
	RC_REQ_HELP, RC_REQ_QUIT, RC_REQ_OPEN, RC_REQ_GEN_LESS, RC_REQ_BACK,
	RC_REQ_PATH, RC_REQ_EXPORT, RC_REQ_NONE
};

const struct rc_view_ops rc_view_dominators = {
	.name = N_("Dominators"),
	.prompt = RC_PROMPT_SEARCH,
	.open = dom_open,
	.list = dom_list,
	.request = dom_request,
	.title = dom_title,
	.draw = dom_draw,
	.target = dom_target,
	.bar = dom_bar,
	.state_size = sizeof(struct dom_state),
	.free = dominators_free,
};
