/* view_path.c - the shortest referrer chain from a root to the focus. */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>

#include "src/common/i18n.h"
#include "src/common/status.h"
#include "tui/draw.h"
#include "tui/image_export.h"
#include "tui/rows_path.h"
#include "tui/view.h"

/* The view's own state (view.h: allocated zeroed by the app, one per
 * session). */
struct path_state {
	struct rc_rowlist path;
	struct rc_nodelist path_nodes;   /* the chain: what e exports */
	struct rc_nodelist path_edges;
	int path_end;   /* enum rc_path_end */
	/* Where chains start (model root_kind), built on the first path. */
	struct rc_nodeset roots;
	int roots_built;
	/* Edges set aside by the user (universe m), from the first one. */
	struct rc_nodeset ignored;
	uint32_t nignored;
};

static struct path_state *
st(const struct rc_app *a)
{
	return rc_app_state(a, RC_VIEW_PATH);
}

static void
path_free(void *state)
{
	struct path_state *s = state;

	rc_rowlist_free(&s->path);
	rc_nodelist_free(&s->path_nodes);
	rc_nodelist_free(&s->path_edges);
	rc_nodeset_free(&s->roots);
	rc_nodeset_free(&s->ignored);
}

/* What e exports here: the vertices shown. */
static int
path_export_nodes(struct rc_app *a, uint32_t target,
		    struct rc_nodelist *out)
{
	return rc_export_shown(a, &st(a)->path_nodes, target, out);
}


/* The roots, asked of the model once per session (one call per
 * vertex). */
static int
build_roots(struct rc_app *a)
{
	uint32_t n = a->m->g->n;
	int rc;

	if (st(a)->roots_built || a->m->roots != NULL)
		return RC_OK;
	rc = rc_nodeset_init(&st(a)->roots, n);
	for (uint32_t v = 0; rc == RC_OK && v < n; v++)
		if (rc_app_root(a, v) != RC_ROOT_NONE)
			rc_nodeset_add(&st(a)->roots, v);
	st(a)->roots_built = rc == RC_OK;
	return rc;
}

static int
path_open(struct rc_app *a)
{
	enum rc_path_end end = RC_PATH_ROOT;
	int rc;

	if (a->focus >= a->m->g->n)
		return RC_EINVAL;
	if (a->built[RC_VIEW_PATH] && a->built_for[RC_VIEW_PATH] == a->focus)
		return RC_OK;
	a->built[RC_VIEW_PATH] = 0;
	st(a)->path_nodes.len = 0;
	st(a)->path_edges.len = 0;
	rc = build_roots(a);
	if (rc == RC_OK)
		rc = rc_roots_path(a->m->g, a->focus,
				   a->m->roots ? a->m->roots : &st(a)->roots,
				   st(a)->nignored ? &st(a)->ignored : NULL,
				   &st(a)->path_nodes, &st(a)->path_edges, &end);
	if (rc == RC_ENOTFOUND) {
		rc_app_message(a, 1, "%s",
			       _("No root reaches this object: only reference cycles keep it (press c)"));
		return rc;
	}
	if (rc == RC_OK)
		rc = rc_rows_path(st(a)->path_nodes.ids, st(a)->path_edges.ids,
				  st(a)->path_nodes.len, &st(a)->path);
	if (rc != RC_OK) {
		rc_app_message(a, 1, "%s", _("out of memory"));
		return rc;
	}
	st(a)->path_end = end;
	/* The cursor on the object itself, at the bottom. */
	rc_rowlist_set_cur(&st(a)->path, st(a)->path.nvis ? st(a)->path.nvis - 1 : 0);
	a->built[RC_VIEW_PATH] = 1;
	a->built_for[RC_VIEW_PATH] = a->focus;
	return RC_OK;
}

static struct rc_rowlist *
path_list(struct rc_app *a)
{
	return &st(a)->path;
}

/* Set aside the reference into the selected row (as DevTools' "ignore
 * this retainer") and look for another chain; if there is none, keep
 * the chain shown and say so. */
static int
path_ignore(struct rc_app *a, const struct rc_row *r)
{
	uint32_t e = r ? r->e : RC_NONE;   /* r goes with the rows rebuilt */

	if (e == RC_NONE) {
		rc_app_message(a, 1, "%s", _("Select a row below the first: its reference is the one ignored"));
		return RX_REDRAW;
	}
	if (st(a)->ignored.bits == NULL
	    && rc_nodeset_init(&st(a)->ignored, a->m->g->m) != RC_OK) {
		rc_app_message(a, 1, "%s", _("out of memory"));
		return RX_REDRAW;
	}
	rc_nodeset_add(&st(a)->ignored, e);
	st(a)->nignored++;
	a->built[RC_VIEW_PATH] = 0;
	if (path_open(a) == RC_OK) {
		rc_app_message(a, 0, _("%" PRIu32 " references ignored (X: stop ignoring)"),
			       st(a)->nignored);
		return RX_REDRAW;
	}
	rc_nodeset_remove(&st(a)->ignored, e);
	st(a)->nignored--;
	a->built[RC_VIEW_PATH] = 0;
	path_open(a);
	rc_app_message(a, 1, "%s", _("Nothing else leads here: no chain avoids that reference"));
	return RX_REDRAW;
}

static int
path_request(struct rc_app *a, enum rc_request req)
{
	const struct rc_row *r = rc_rowlist_selected(&st(a)->path);

	if (req == RC_REQ_OPEN && r)
		return rc_app_go(a, RC_VIEW_OBJECT, r->v, 0);
	if (req == RC_REQ_IGNORE)
		return path_ignore(a, r);
	if (req == RC_REQ_UNIGNORE) {
		if (st(a)->nignored > 0)
			rc_nodeset_clear(&st(a)->ignored);
		st(a)->nignored = 0;
		a->built[RC_VIEW_PATH] = 0;
		path_open(a);
		rc_app_message(a, 0, "%s", _("No reference ignored"));
		return RX_REDRAW;
	}
	return RX_UNHANDLED;
}

static void
path_title(struct rc_app *a, struct rc_buf *out)
{
	uint32_t steps = st(a)->path_nodes.len ? st(a)->path_nodes.len - 1 : 0;

	if (st(a)->path_end == RC_PATH_ROOT)
		rc_buf_printf(out, _("%" PRIu32 " references from a root"),
			      steps);
	else
		rc_buf_printf(out, _("%" PRIu32 " references from an object without referrers (no root reaches it)"),
			      steps);
	if (st(a)->nignored > 0)
		rc_buf_printf(out, _(", %" PRIu32 " ignored"), st(a)->nignored);
	rc_app_allocated(a, a->focus, out);
}

static void
path_row(struct rc_app *a, WINDOW *w, int y, int cols,
	 const struct rc_row *r, attr_t attr)
{
	int x = 0;

	if (r->depth > 0) {
		x = rc_draw_edge_label(a, w, y, 2, cols, r->e, attr);
	}
	if (r->depth == 0 && st(a)->path_end != RC_PATH_ROOT)
		x += rc_draw_text(w, y, x, cols - x, _("[no referrer] "),
				  attr != A_NORMAL ? attr :
				  rc_draw_attr(a, RC_ROLE_MARK));
	rc_draw_object_cols(a, w, y, x, cols, r->v, attr);
}

static void
path_draw(struct rc_app *a, WINDOW *w, int y, int h, int cols)
{
	rc_draw_list(a, w, y, h, cols, &st(a)->path, 1, path_row);
}

static uint32_t
path_target(struct rc_app *a)
{
	return a->focus;
}

static const enum rc_request path_bar[] = {
	RC_REQ_HELP, RC_REQ_QUIT, RC_REQ_OPEN, RC_REQ_BACK, RC_REQ_IGNORE,
	RC_REQ_ANCESTORS, RC_REQ_CYCLE, RC_REQ_EXPORT, RC_REQ_NONE
};

const struct rc_view_ops rc_view_path = {
	.name = N_("Path"),
	.prompt = RC_PROMPT_SEARCH,
	.open = path_open,
	.list = path_list,
	.request = path_request,
	.title = path_title,
	.draw = path_draw,
	.target = path_target,
	.bar = path_bar,
	.state_size = sizeof(struct path_state),
	.free = path_free,
	.export_nodes = path_export_nodes,
};
