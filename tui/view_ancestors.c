/* view_ancestors.c - the referrer tree of the focus, one generation
 * more with '+', one less with '-'. */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>

#include "src/common/i18n.h"
#include "src/common/status.h"
#include "tui/draw.h"
#include "tui/image_export.h"
#include "tui/rows_ancestors.h"
#include "tui/rows_edges.h"
#include "tui/text.h"
#include "tui/view.h"

/* The view's own state (view.h: allocated zeroed by the app, one per
 * session). */
struct anc_state {
	struct rc_rowlist ancestors;
	struct rc_nodelist anc_shown;   /* the vertices shown: what e exports */
	struct rc_nodelist anc_gen;
	struct rc_nodeset anc_expanded;   /* universe n */
};

static struct anc_state *
st(const struct rc_app *a)
{
	return rc_app_state(a, RC_VIEW_ANCESTORS);
}

static int
ancestors_init(struct rc_app *a, void *state)
{
	struct anc_state *s = state;

	return rc_nodeset_init(&s->anc_expanded, a->m->g->n);
}

static void
ancestors_free(void *state)
{
	struct anc_state *s = state;

	rc_rowlist_free(&s->ancestors);
	rc_nodelist_free(&s->anc_shown);
	rc_nodelist_free(&s->anc_gen);
	rc_nodeset_free(&s->anc_expanded);
}

/* What e exports here: the vertices shown. */
static int
ancestors_export_nodes(struct rc_app *a, uint32_t target,
		    struct rc_nodelist *out)
{
	return rc_export_shown(a, &st(a)->anc_shown, target, out);
}


#define MAX_GEN 1000

static uint32_t built_gen;

static int
anc_build(struct rc_app *a)
{
	int rc;

	st(a)->anc_shown.len = 0;
	st(a)->anc_gen.len = 0;
	rc = rc_rows_ancestors(a->m->g, a->focus, a->gen, RC_ANC_FANOUT,
			       &st(a)->anc_expanded, &st(a)->ancestors, &st(a)->anc_shown,
			       &st(a)->anc_gen);
	if (rc != RC_OK) {
		rc_app_message(a, 1, "%s", _("out of memory"));
		a->built[RC_VIEW_ANCESTORS] = 0;
		return rc;
	}
	built_gen = a->gen;
	a->built[RC_VIEW_ANCESTORS] = 1;
	a->built_for[RC_VIEW_ANCESTORS] = a->focus;
	return RC_OK;
}

static int
anc_open(struct rc_app *a)
{
	if (a->focus >= a->m->g->n)
		return RC_EINVAL;
	if (a->gen < 1)
		a->gen = 1;
	if (a->built[RC_VIEW_ANCESTORS] &&
	    a->built_for[RC_VIEW_ANCESTORS] == a->focus && built_gen == a->gen)
		return RC_OK;
	if (!(a->built[RC_VIEW_ANCESTORS] &&
	      a->built_for[RC_VIEW_ANCESTORS] == a->focus))
		rc_nodeset_clear(&st(a)->anc_expanded);
	return anc_build(a);
}

static struct rc_rowlist *
anc_list(struct rc_app *a)
{
	return &st(a)->ancestors;
}

/* Rebuild keeping the cursor on the same row position. */
static int
anc_rebuild(struct rc_app *a)
{
	uint32_t cur = st(a)->ancestors.cur, top = st(a)->ancestors.top;

	if (anc_build(a) == RC_OK) {
		rc_rowlist_set_cur(&st(a)->ancestors, cur);
		st(a)->ancestors.top = top;
	}
	return RX_REDRAW;
}

static int
anc_request(struct rc_app *a, enum rc_request req)
{
	const struct rc_row *r = rc_rowlist_selected(&st(a)->ancestors);

	switch (req) {
	case RC_REQ_GEN_MORE:
		if (a->gen >= MAX_GEN)
			return RX_NONE;
		/* Nothing more to find: every vertex shown has been
		 * expanded already. */
		if (st(a)->anc_gen.len > 0 &&
		    st(a)->anc_gen.ids[st(a)->anc_gen.len - 1] == 0) {
			rc_app_message(a, 0, "%s",
				       _("No more ancestors: every referrer is shown"));
			return RX_REDRAW;
		}
		a->gen++;
		return anc_rebuild(a);
	case RC_REQ_GEN_LESS:
		if (a->gen <= 1)
			return RX_NONE;
		a->gen--;
		return anc_rebuild(a);
	case RC_REQ_OPEN:
		if (r == NULL)
			return RX_NONE;
		if (r->kind == RC_ROW_MORE) {
			rc_nodeset_add(&st(a)->anc_expanded, r->head);
			return anc_rebuild(a);
		}
		return rc_app_go(a, RC_VIEW_OBJECT, r->v, 0);
	default:
		return RX_UNHANDLED;
	}
}

static void
anc_title(struct rc_app *a, struct rc_buf *out)
{
	char addr[32];
	uint32_t d;

	rc_app_address(a, a->focus, addr, sizeof addr);
	rc_buf_printf(out, _("%s %s, generation %" PRIu32 ":"), addr,
		      rc_app_type(a, a->focus), a->gen);
	for (d = 1; d < st(a)->anc_gen.len; d++)
		rc_buf_printf(out, " %" PRIu32, st(a)->anc_gen.ids[d]);
}

static void
anc_row(struct rc_app *a, WINDOW *w, int y, int cols,
	const struct rc_row *r, attr_t attr)
{
	int x = 2 * r->depth;
	char more[96];

	if (x > cols / 2)
		x = cols / 2;
	if (r->kind == RC_ROW_MORE) {
		snprintf(more, sizeof more,
			 _("%s %" PRIu32 " more referrers (Enter shows them)"),
			 a->utf8 ? "\u2026" : "...", r->aux);
		rc_draw_text(w, y, x, cols - x, more,
			     attr != A_NORMAL ? attr : rc_draw_attr(a, RC_ROLE_DIM));
		return;
	}
	if (r->depth > 0) {
		uint32_t e = rc_row_edge(a->m->g, r);

		x += rc_draw_text(w, y, x, cols - x, rc_app_label(a, e),
				  attr != A_NORMAL ? attr :
				  rc_draw_attr(a, RC_ROLE_LABEL));
		x += rc_draw_text(w, y, x, cols - x,
				  a->utf8 ? " \u2190 " : " <- ", attr);
	}
	if (r->flags & RC_ROW_SEEN)
		x += rc_draw_text(w, y, x, cols - x, _("(shown above) "),
				  attr != A_NORMAL ? attr :
				  rc_draw_attr(a, RC_ROLE_MARK));
	rc_draw_object_cols(a, w, y, x, cols, r->v, attr);
}

static void
anc_draw(struct rc_app *a, WINDOW *w, int y, int h, int cols)
{
	rc_draw_list(a, w, y, h, cols, &st(a)->ancestors, 1, anc_row);
}

static uint32_t
anc_target(struct rc_app *a)
{
	return a->focus;
}

static const enum rc_request anc_bar[] = {
	RC_REQ_HELP, RC_REQ_QUIT, RC_REQ_OPEN, RC_REQ_BACK, RC_REQ_GEN_MORE,
	RC_REQ_GEN_LESS, RC_REQ_PATH, RC_REQ_EXPORT, RC_REQ_NONE
};

const struct rc_view_ops rc_view_ancestors = {
	.name = N_("Ancestors"),
	.prompt = RC_PROMPT_SEARCH,
	.open = anc_open,
	.list = anc_list,
	.request = anc_request,
	.title = anc_title,
	.draw = anc_draw,
	.target = anc_target,
	.bar = anc_bar,
	.state_size = sizeof(struct anc_state),
	.init = ancestors_init,
	.free = ancestors_free,
	.export_nodes = ancestors_export_nodes,
};
