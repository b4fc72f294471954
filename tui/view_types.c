/* view_types.c - the histogram of type names; in a comparison with an
 * earlier snapshot (model.h's shown), of the new objects' types, with
 * each type's change in count and size. */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "src/common/i18n.h"
#include "src/common/status.h"
#include "tui/draw.h"
#include "tui/rows_types.h"
#include "tui/text.h"
#include "tui/view.h"

/* The view's own state (view.h: allocated zeroed by the app, one per
 * session). */
struct types_state {
	struct rc_type_hist th;   /* the histogram, built on the first open */
	int th_built;
	struct rc_rowlist types;
	int types_sort;
	int types_invert;
	char types_filter[RC_PROMPT_MAX];   /* the live filter's text */
};

static struct types_state *
st(const struct rc_app *a)
{
	return rc_app_state(a, RC_VIEW_TYPES);
}

static void
types_free(void *state)
{
	struct types_state *s = state;

	rc_type_hist_free(&s->th);
	rc_rowlist_free(&s->types);
}

static const char *
types_prompt_text(struct rc_app *a)
{
	return st(a)->types_filter;
}


static const char *const sort_names[RC_TYPES_SORTS] = {
	N_("count"), N_("size"), N_("name"), N_("retained"),
	N_("count change"), N_("size change")
};

/* Whether the view has the column a sort key reads. */
static int
has_column(const struct rc_app *a, int key)
{
	switch (key) {
	case RC_TYPES_BY_RETAINED:
		/* Shown while it is computed: it fills in when it arrives. */
		return rc_type_hist_retained(a->m, &st(a)->th) != NULL || a->pending;
	case RC_TYPES_BY_COUNT_DELTA:
		return a->m->shown != NULL && a->m->type_count_delta != NULL;
	case RC_TYPES_BY_SIZE_DELTA:
		return a->m->shown != NULL && a->m->type_size_delta != NULL;
	default:
		return 1;
	}
}

/* The next sort key among the columns shown. */
static int
next_sort(const struct rc_app *a)
{
	int key = st(a)->types_sort;

	do
		key = (key + 1) % RC_TYPES_SORTS;
	while (!has_column(a, key));
	return key;
}

/* Where the columns are: count (of new objects in a comparison), its
 * change, size, its change, retained size, then the name.  A column not
 * shown is at -1: the changes outside a comparison or without the
 * model's deltas, retained without dominators.  Without a comparison,
 * as before there were comparisons.  In one, on a narrow terminal, the
 * name keeps NAME_MIN columns: retained goes first, then the size's
 * change (the count's change, the point of it, stays). */
#define NAME_MIN 16

struct types_cols {
	int count, dcount, size, dsize, retained, name;
};

static void
types_layout(const struct rc_app *a, int cols, struct types_cols *c)
{
	int x = 11;

	c->count = 0;
	c->dcount = c->dsize = c->retained = -1;
	if (has_column(a, RC_TYPES_BY_COUNT_DELTA)) {
		c->dcount = x;
		x += 9;
	}
	c->size = x;
	x += 9;
	if (has_column(a, RC_TYPES_BY_SIZE_DELTA)) {
		c->dsize = x;
		x += 9;
	}
	if (has_column(a, RC_TYPES_BY_RETAINED)) {
		c->retained = x;
		x += 9;
	}
	c->name = x + 1;
	if (a->m->shown == NULL)
		return;
	if (cols - c->name < NAME_MIN && c->retained >= 0) {
		c->retained = -1;
		c->name -= 9;
	}
	if (cols - c->name < NAME_MIN && c->dsize >= 0) {
		c->dsize = -1;
		c->name -= 9;
	}
}

static int
types_sort(struct rc_app *a)
{
	return rc_rows_types_sort(a->m, &st(a)->th, &st(a)->types, st(a)->types_sort,
				  st(a)->types_invert);
}

/* The histogram is computed once per session: O(n). */
static int
types_open(struct rc_app *a)
{
	int rc;

	if (st(a)->th_built)
		return RC_OK;
	rc = rc_type_hist_build(a->m, &st(a)->th);
	if (rc == RC_OK)
		rc = rc_rows_types(&st(a)->th, &st(a)->types);
	if (rc == RC_OK)
		rc = types_sort(a);
	if (rc == RC_OK)
		rc_rowlist_set_cur(&st(a)->types, 0);
	if (rc != RC_OK) {
		rc_app_message(a, 1, "%s", rc == RC_EINVAL ?
			       _("the model has a vertex of an unknown type") :
			       _("out of memory"));
		return rc;
	}
	st(a)->th_built = 1;
	return RC_OK;
}

/* The retained sizes came: in a comparison, those of the new objects'
 * types are computed now (otherwise they are the model's, read as they
 * are drawn). */
static int
types_arrived(struct rc_app *a)
{
	if (st(a)->th_built && rc_type_hist_take_retained(a->m, &st(a)->th) != RC_OK)
		rc_app_message(a, 1, "%s", _("out of memory"));
	return RX_REDRAW;
}

static struct rc_rowlist *
types_list(struct rc_app *a)
{
	return &st(a)->types;
}

static int
types_request(struct rc_app *a, enum rc_request req)
{
	const struct rc_row *r = rc_rowlist_selected(&st(a)->types);

	switch (req) {
	case RC_REQ_OPEN:
		if (r == NULL)
			return RX_NONE;
		return rc_app_go(a, RC_VIEW_OBJECTS, RC_NONE, r->aux);
	case RC_REQ_SORT:
		if (next_sort(a) == RC_TYPES_BY_RETAINED && a->pending)
			return RX_WAIT;
		st(a)->types_sort = next_sort(a);
		/* fall through */
	case RC_REQ_INVERT:
		if (req == RC_REQ_INVERT)
			st(a)->types_invert = !st(a)->types_invert;
		if (types_sort(a) != RC_OK)
			rc_app_message(a, 1, "%s", _("out of memory"));
		else
			rc_app_message(a, 0, _("Sorted by %s%s"),
				       _(sort_names[st(a)->types_sort]),
				       st(a)->types_invert ? _(", inverted") : "");
		return RX_REDRAW;
	default:
		return RX_UNHANDLED;
	}
}

static void
types_title(struct rc_app *a, struct rc_buf *out)
{
	if (a->m->shown != NULL)
		rc_buf_printf(out, _("since snapshot: %" PRIu32 " new objects, %"
				     PRIu32 " types, by %s"),
			      st(a)->th.total, st(a)->th.nonempty,
			      _(sort_names[st(a)->types_sort]));
	else
		rc_buf_printf(out, _("%" PRIu32 " types, %" PRIu32
				     " objects, by %s"),
			      st(a)->th.nonempty, a->m->g->n,
			      _(sort_names[st(a)->types_sort]));
	if (st(a)->types_filter[0])
		rc_buf_printf(out, _(", filter '%s'"), st(a)->types_filter);
}

static void
types_row(struct rc_app *a, WINDOW *w, int y, int cols,
	  const struct rc_row *r, attr_t attr)
{
	const uint64_t *retained = rc_type_hist_retained(a->m, &st(a)->th);
	struct types_cols c;
	char num[32];

	types_layout(a, cols, &c);
	snprintf(num, sizeof num, "%" PRIu32, st(a)->th.count[r->aux]);
	rc_draw_rtext(w, y, c.count, 10, num, attr);
	if (c.dcount >= 0) {
		rc_text_delta(a->m->type_count_delta[r->aux], 0, num,
			      sizeof num);
		rc_draw_rtext(w, y, c.dcount, 8, num, attr);
	}
	rc_text_bytes(st(a)->th.bytes[r->aux], num, sizeof num);
	rc_draw_rtext(w, y, c.size, 8, num, attr);
	if (c.dsize >= 0) {
		rc_text_delta(a->m->type_size_delta[r->aux], 1, num,
			      sizeof num);
		rc_draw_rtext(w, y, c.dsize, 8, num, attr);
	}
	if (c.retained >= 0) {
		if (retained != NULL)
			rc_text_bytes(retained[r->aux], num, sizeof num);
		else
			snprintf(num, sizeof num, "%s", a->utf8 ? "\u2026" : "...");
		rc_draw_rtext(w, y, c.retained, 8, num, attr);
	}
	rc_draw_text(w, y, c.name, cols - c.name, a->m->type_name[r->aux],
		     attr);
}

static void
types_draw(struct rc_app *a, WINDOW *w, int y, int h, int cols)
{
	attr_t head = rc_draw_attr(a, RC_ROLE_HEADING);
	struct types_cols c;

	types_layout(a, cols, &c);
	/* In a comparison, the count is of the new objects. */
	rc_draw_rtext(w, y, c.count, 10,
		      a->m->shown ? _("new") : _("count"), head);
	if (c.dcount >= 0)
		rc_draw_rtext(w, y, c.dcount, 8, _("+/-"), head);
	rc_draw_rtext(w, y, c.size, 8, _("size"), head);
	if (c.dsize >= 0)
		rc_draw_rtext(w, y, c.dsize, 8, _("size +/-"), head);
	if (c.retained >= 0)
		rc_draw_rtext(w, y, c.retained, 8, _("retained"), head);
	rc_draw_text(w, y, c.name, cols - c.name, _("type"), head);
	rc_draw_list(a, w, y + 1, h - 1, cols, &st(a)->types, 1, types_row);
	if (st(a)->types.nvis == 0 && h > 2)
		rc_draw_text(w, y + 2, 2, cols - 2,
			     a->m->shown && st(a)->th.total == 0 ?
			     _("(nothing new since the snapshot)") :
			     _("(no type matches)"),
			     rc_draw_attr(a, RC_ROLE_DIM));
}

static int
types_prompt_done(struct rc_app *a, const char *text, int accept)
{
	(void)accept;
	snprintf(st(a)->types_filter, sizeof st(a)->types_filter, "%s", text);
	if (rc_rows_types_filter(a->m, &st(a)->types, st(a)->types_filter) != RC_OK)
		rc_app_message(a, 1, "%s", _("out of memory"));
	return RX_REDRAW;
}

/* The first screen offers the leak suspects (L): where to start when
 * all one knows is that memory grows. */
static const enum rc_request types_bar[] = {
	RC_REQ_HELP, RC_REQ_QUIT, RC_REQ_OPEN, RC_REQ_SEARCH, RC_REQ_SORT,
	RC_REQ_INVERT, RC_REQ_SUSPECTS, RC_REQ_NONE
};

const struct rc_view_ops rc_view_types = {
	.name = N_("Types"),
	.prompt = RC_PROMPT_FILTER_LIVE,
	.open = types_open,
	.analysis_arrived = types_arrived,
	.list = types_list,
	.request = types_request,
	.title = types_title,
	.draw = types_draw,
	.prompt_done = types_prompt_done,
	.bar = types_bar,
	.state_size = sizeof(struct types_state),
	.free = types_free,
	.prompt_text = types_prompt_text,
};
