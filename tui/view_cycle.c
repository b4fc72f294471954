/* view_cycle.c - the strongly connected component of the focus: its
 * members, each followed by its references to other members. */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>

#include "src/common/i18n.h"
#include "src/common/status.h"
#include "src/graph/scc.h"
#include "tui/draw.h"
#include "tui/image_export.h"
#include "tui/rows_path.h"
#include "tui/view.h"

/* The view's own state (view.h: allocated zeroed by the app, one per
 * session). */
struct cycle_state {
	struct rc_rowlist cycle;
	struct rc_nodelist cyc_members;   /* the component: what e exports */
	uint32_t cyc_edges;
};

static struct cycle_state *
st(const struct rc_app *a)
{
	return rc_app_state(a, RC_VIEW_CYCLE);
}

static void
cycle_free(void *state)
{
	struct cycle_state *s = state;

	rc_rowlist_free(&s->cycle);
	rc_nodelist_free(&s->cyc_members);
}

/* What e exports here: the vertices shown. */
static int
cycle_export_nodes(struct rc_app *a, uint32_t target,
		    struct rc_nodelist *out)
{
	return rc_export_shown(a, &st(a)->cyc_members, target, out);
}


static int
cycle_open(struct rc_app *a)
{
	int rc;

	if (a->focus >= a->m->g->n)
		return RC_EINVAL;
	if (a->built[RC_VIEW_CYCLE] && a->built_for[RC_VIEW_CYCLE] == a->focus)
		return RC_OK;
	a->built[RC_VIEW_CYCLE] = 0;
	st(a)->cyc_members.len = 0;
	rc = rc_scc_component_of(a->m->g, a->focus, &st(a)->cyc_members);
	if (rc == RC_OK)
		rc = rc_rows_cycle(a->m->g, st(a)->cyc_members.ids,
				   st(a)->cyc_members.len, &st(a)->cycle,
				   &st(a)->cyc_edges);
	if (rc != RC_OK) {
		rc_app_message(a, 1, "%s", _("out of memory"));
		return rc;
	}
	if (st(a)->cyc_edges == 0) {
		st(a)->cyc_members.len = 0;
		rc_app_message(a, 0, "%s",
			       _("This object is on no reference cycle"));
		return RC_ENOTFOUND;
	}
	a->built[RC_VIEW_CYCLE] = 1;
	a->built_for[RC_VIEW_CYCLE] = a->focus;
	return RC_OK;
}

static struct rc_rowlist *
cycle_list(struct rc_app *a)
{
	return &st(a)->cycle;
}

static int
cycle_request(struct rc_app *a, enum rc_request req)
{
	const struct rc_row *r = rc_rowlist_selected(&st(a)->cycle);

	if (req == RC_REQ_OPEN && r)
		return rc_app_go(a, RC_VIEW_OBJECT, r->v, 0);
	return RX_UNHANDLED;
}

static void
cycle_title(struct rc_app *a, struct rc_buf *out)
{
	rc_buf_printf(out, _("%" PRIu32 " objects, %" PRIu32 " references"),
		      st(a)->cyc_members.len, st(a)->cyc_edges);
}

static void
cycle_row(struct rc_app *a, WINDOW *w, int y, int cols,
	  const struct rc_row *r, attr_t attr)
{
	int x = 0;

	if (r->kind == RC_ROW_EDGE) {
		x = rc_draw_edge_label(a, w, y, 4, cols, r->e, attr);
	} else {
		attr |= A_BOLD;
	}
	rc_draw_object_cols(a, w, y, x, cols, r->v, attr);
}

static void
cycle_draw(struct rc_app *a, WINDOW *w, int y, int h, int cols)
{
	rc_draw_list(a, w, y, h, cols, &st(a)->cycle, 1, cycle_row);
}

static uint32_t
cycle_target(struct rc_app *a)
{
	return a->focus;
}

static const enum rc_request cycle_bar[] = {
	RC_REQ_HELP, RC_REQ_QUIT, RC_REQ_OPEN, RC_REQ_BACK, RC_REQ_PATH,
	RC_REQ_EXPORT, RC_REQ_YANK, RC_REQ_NONE
};

const struct rc_view_ops rc_view_cycle = {
	.name = N_("Cycle"),
	.prompt = RC_PROMPT_SEARCH,
	.open = cycle_open,
	.list = cycle_list,
	.request = cycle_request,
	.title = cycle_title,
	.draw = cycle_draw,
	.target = cycle_target,
	.bar = cycle_bar,
	.state_size = sizeof(struct cycle_state),
	.free = cycle_free,
	.export_nodes = cycle_export_nodes,
};
