/* view_types.c - the histogram of type names. */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "status.h"
#include "text.h"
#include "view.h"

static const char *const sort_names[RC_TYPES_SORTS] = {
	N_("count"), N_("size"), N_("name"), N_("retained")
};

/* The next sort key; retained sizes only when the model has them. */
static int
next_sort(const struct rc_app *a)
{
	int key = (a->types_sort + 1) % RC_TYPES_SORTS;

	if (key == RC_TYPES_BY_RETAINED && a->m->type_retained == NULL)
		key = (key + 1) % RC_TYPES_SORTS;
	return key;
}

static int
types_sort(struct rc_app *a)
{
	return rc_rows_types_sort(a->m, &a->th, &a->types, a->types_sort,
				  a->types_invert);
}

/* The histogram is computed once per session: O(n). */
static int
types_open(struct rc_app *a)
{
	int rc;

	if (a->th_built)
		return RC_OK;
	rc = rc_type_hist_build(a->m, &a->th);
	if (rc == RC_OK)
		rc = rc_rows_types(&a->th, &a->types);
	if (rc == RC_OK)
		rc = types_sort(a);
	if (rc == RC_OK)
		rc_rowlist_set_cur(&a->types, 0);
	if (rc != RC_OK) {
		rc_app_message(a, 1, "%s", rc == RC_EINVAL ?
			       _("the model has a vertex of an unknown type") :
			       _("out of memory"));
		return rc;
	}
	a->th_built = 1;
	return RC_OK;
}

static struct rc_rowlist *
types_list(struct rc_app *a)
{
	return &a->types;
}

static int
types_request(struct rc_app *a, enum rc_request req)
{
	const struct rc_row *r = rc_rowlist_selected(&a->types);

	switch (req) {
	case RC_REQ_OPEN:
		if (r == NULL)
			return RX_NONE;
		return rc_app_go(a, RC_VIEW_OBJECTS, RC_NONE, r->aux);
	case RC_REQ_SORT:
		a->types_sort = next_sort(a);
		/* fall through */
	case RC_REQ_INVERT:
		if (req == RC_REQ_INVERT)
			a->types_invert = !a->types_invert;
		if (types_sort(a) != RC_OK)
			rc_app_message(a, 1, "%s", _("out of memory"));
		else
			rc_app_message(a, 0, _("Sorted by %s%s"),
				       _(sort_names[a->types_sort]),
				       a->types_invert ? _(", inverted") : "");
		return RX_REDRAW;
	default:
		return RX_UNHANDLED;
	}
}

static void
types_title(struct rc_app *a, struct rc_buf *out)
{
	rc_buf_printf(out, _("%" PRIu32 " types, %" PRIu32 " objects, by %s"),
		      a->th.nonempty, a->m->g->n, _(sort_names[a->types_sort]));
	if (a->types_filter[0])
		rc_buf_printf(out, _(", filter '%s'"), a->types_filter);
}

static void
types_row(struct rc_app *a, WINDOW *w, int y, int cols,
	  const struct rc_row *r, attr_t attr)
{
	char num[32];

	int x = 21;

	snprintf(num, sizeof num, "%" PRIu32, a->th.count[r->aux]);
	rc_draw_rtext(w, y, 0, 10, num, attr);
	rc_text_bytes(a->th.bytes[r->aux], num, sizeof num);
	rc_draw_rtext(w, y, 11, 8, num, attr);
	if (a->m->type_retained) {
		rc_text_bytes(a->m->type_retained[r->aux], num, sizeof num);
		rc_draw_rtext(w, y, 20, 8, num, attr);
		x = 30;
	}
	rc_draw_text(w, y, x, cols - x, a->m->type_name[r->aux], attr);
}

static void
types_draw(struct rc_app *a, WINDOW *w, int y, int h, int cols)
{
	attr_t head = rc_draw_attr(a, RC_ROLE_HEADING);
	int x = 21;

	rc_draw_rtext(w, y, 0, 10, _("count"), head);
	rc_draw_rtext(w, y, 11, 8, _("size"), head);
	if (a->m->type_retained) {
		rc_draw_rtext(w, y, 20, 8, _("retained"), head);
		x = 30;
	}
	rc_draw_text(w, y, x, cols - x, _("type"), head);
	rc_draw_list(a, w, y + 1, h - 1, cols, &a->types, 1, types_row);
	if (a->types.nvis == 0 && h > 2)
		rc_draw_text(w, y + 2, 2, cols - 2, _("(no type matches)"),
			     rc_draw_attr(a, RC_ROLE_DIM));
}

static int
types_prompt_done(struct rc_app *a, const char *text, int accept)
{
	(void)accept;
	snprintf(a->types_filter, sizeof a->types_filter, "%s", text);
	if (rc_rows_types_filter(a->m, &a->types, a->types_filter) != RC_OK)
		rc_app_message(a, 1, "%s", _("out of memory"));
	return RX_REDRAW;
}

static const enum rc_request types_bar[] = {
	RC_REQ_HELP, RC_REQ_QUIT, RC_REQ_OPEN, RC_REQ_SEARCH, RC_REQ_SORT,
	RC_REQ_INVERT, RC_REQ_NONE
};

const struct rc_view_ops rc_view_types = {
	N_("Types"), RC_PROMPT_FILTER_LIVE, types_open, types_list,
	types_request, types_title, types_draw, NULL, types_prompt_done,
	NULL, types_bar
};
