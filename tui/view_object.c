/* view_object.c - one object: its summary, its referrers and its
 * referents, each with the edge's label; Tab switches pane. */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "src/common/i18n.h"
#include "src/common/status.h"
#include "tui/draw.h"
#include "tui/rows_edges.h"
#include "tui/text.h"
#include "tui/view.h"

/* The view's own state (view.h: allocated zeroed by the app, one per
 * session). */
struct object_state {
	struct rc_rowlist referrers;
	struct rc_rowlist referents;
	struct rc_edge_rows referrers_of, referents_of;   /* the lists' makers' */
};

static struct object_state *
st(const struct rc_app *a)
{
	return rc_app_state(a, RC_VIEW_OBJECT);
}

static void
object_free(void *state)
{
	struct object_state *s = state;

	rc_rowlist_free(&s->referrers);
	rc_rowlist_free(&s->referents);
	rc_edge_rows_free(&s->referrers_of);
}


static int
object_open(struct rc_app *a)
{
	const struct rc_graph *g = a->m->g;
	int rc;

	if (a->focus >= g->n)
		return RC_EINVAL;
	if (a->built[RC_VIEW_OBJECT] &&
	    a->built_for[RC_VIEW_OBJECT] == a->focus)
		return RC_OK;
	a->built[RC_VIEW_OBJECT] = 0;
	rc = rc_rows_referrers(&st(a)->referrers_of, g, a->focus, &st(a)->referrers);
	if (rc == RC_OK)
		rc = rc_rows_referents(&st(a)->referents_of, g, a->focus, &st(a)->referents);
	if (rc != RC_OK) {
		rc_app_message(a, 1, "%s", _("out of memory"));
		return rc;
	}
	/* Open on the pane that has something. */
	if (st(a)->referrers.nvis == 0 && st(a)->referents.nvis > 0)
		a->pane = 1;
	a->built[RC_VIEW_OBJECT] = 1;
	a->built_for[RC_VIEW_OBJECT] = a->focus;
	return RC_OK;
}

static struct rc_rowlist *
object_list(struct rc_app *a)
{
	return a->pane ? &st(a)->referents : &st(a)->referrers;
}

static int
object_request(struct rc_app *a, enum rc_request req)
{
	const struct rc_row *r = rc_rowlist_selected(object_list(a));

	switch (req) {
	case RC_REQ_SWITCH_PANE:
		a->pane = !a->pane;
		return RX_REDRAW;
	case RC_REQ_OPEN:
		if (r == NULL)
			return RX_NONE;
		return rc_app_go(a, RC_VIEW_OBJECT, r->v, 0);
	default:
		return RX_UNHANDLED;
	}
}

static void
object_title(struct rc_app *a, struct rc_buf *out)
{
	char addr[32];

	rc_app_address(a, a->focus, addr, sizeof addr);
	rc_buf_printf(out, "%s %s", addr, rc_app_type(a, a->focus));
}

/* label, then the object's columns. */
static void
edge_row(struct rc_app *a, WINDOW *w, int y, int cols,
	 const struct rc_row *r, attr_t attr)
{
	uint32_t e = rc_row_edge(a->m->g, r);
	int lw = cols / 4 < 24 ? cols / 4 : 24;

	rc_draw_text(w, y, 1, lw, rc_app_label(a, e),
		     attr != A_NORMAL ? attr : rc_draw_attr(a, RC_ROLE_LABEL));
	rc_draw_object_cols(a, w, y, lw + 2, cols, r->v, attr);
}

static void
object_draw(struct rc_app *a, WINDOW *w, int y, int h, int cols)
{
	const struct rc_graph *g = a->m->g;
	attr_t head = rc_draw_attr(a, RC_ROLE_HEADING);
	char line[320], size[16];
	int x, h1, h2;

	rc_text_bytes(a->m->size ? a->m->size[a->focus] : 0, size,
		      sizeof size);
	snprintf(line, sizeof line, _("size %s, %" PRIu32 " referrers, %"
				      PRIu32 " referents"),
		 size, rc_graph_degree(g, a->focus, RC_IN),
		 rc_graph_degree(g, a->focus, RC_OUT));
	struct rc_buf where = RC_BUF_INIT;
	rc_app_allocated(a, a->focus, &where);
	if (rc_buf_cstr(&where) != NULL) {
		size_t len = strlen(line);
		snprintf(line + len, sizeof line - len, "%s", where.data);
	}
	rc_buf_free(&where);
	x = rc_draw_root_mark(a, w, y, 0, cols, a->focus);
	rc_draw_text(w, y, x, cols - x, rc_app_summary(a, a->focus), head);
	rc_draw_text(w, y + 1, 2, cols - 2, line, A_NORMAL);
	/* Two panes share what is left, each under its heading. */
	h -= 2;
	h1 = h / 2;
	h2 = h - h1;
	snprintf(line, sizeof line, _("Referrers (%" PRIu32 ") - who refers to it"),
		 st(a)->referrers.nvis);
	rc_draw_fill(w, y + 2, 0, cols, a->pane == 0 ? A_BOLD | A_UNDERLINE
						      : A_UNDERLINE);
	rc_draw_text(w, y + 2, 0, cols, line,
		     a->pane == 0 ? A_BOLD | A_UNDERLINE : A_UNDERLINE);
	rc_draw_list(a, w, y + 3, h1 - 1, cols, &st(a)->referrers, a->pane == 0,
		     edge_row);
	snprintf(line, sizeof line, _("Referents (%" PRIu32 ") - what it refers to"),
		 st(a)->referents.nvis);
	rc_draw_fill(w, y + 2 + h1, 0, cols, a->pane == 1 ? A_BOLD | A_UNDERLINE
							   : A_UNDERLINE);
	rc_draw_text(w, y + 2 + h1, 0, cols, line,
		     a->pane == 1 ? A_BOLD | A_UNDERLINE : A_UNDERLINE);
	rc_draw_list(a, w, y + 3 + h1, h2 - 1, cols, &st(a)->referents,
		     a->pane == 1, edge_row);
}

static uint32_t
object_target(struct rc_app *a)
{
	return a->focus;
}

static const enum rc_request object_bar[] = {
	RC_REQ_HELP, RC_REQ_QUIT, RC_REQ_OPEN, RC_REQ_BACK,
	RC_REQ_SWITCH_PANE, RC_REQ_ANCESTORS, RC_REQ_PATH, RC_REQ_CYCLE,
	RC_REQ_NONE
};

const struct rc_view_ops rc_view_object = {
	.name = N_("Object"),
	.prompt = RC_PROMPT_SEARCH,
	.open = object_open,
	.list = object_list,
	.request = object_request,
	.title = object_title,
	.draw = object_draw,
	.target = object_target,
	.bar = object_bar,
	.state_size = sizeof(struct object_state),
	.free = object_free,
};
