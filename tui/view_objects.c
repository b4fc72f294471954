/* view_objects.c - the objects of one type, one row each; in a
 * comparison with an earlier snapshot (model.h's shown), the new ones
 * only. */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "src/common/i18n.h"
#include "src/common/clock.h"
#include "src/common/status.h"
#include "tui/draw.h"
#include "tui/rows_objects.h"
#include "tui/text.h"
#include "tui/typejob.h"
#include "tui/view.h"

/* The view's own state (view.h: allocated zeroed by the app, one per
 * session). */
struct objects_state {
	struct rc_rowlist objects;
	int objects_sort;
	int objects_invert;
	char objects_filter[RC_PROMPT_MAX];   /* the filter accepted last */
	struct rc_objects_filter ofilter;   /* the filter being run (long work) */
	char prev_filter[RC_PROMPT_MAX];     /* restored when it is cancelled */
	/* The vertices of each type, indexed from the start; the rows
	 * borrow the slice of the type shown. */
	struct rc_type_job index;
};

static struct objects_state *
st(const struct rc_app *a)
{
	return rc_app_state(a, RC_VIEW_OBJECTS);
}

static int
objects_init(struct rc_app *a, void *state)
{
	struct objects_state *s = state;

	rc_type_job_start(&s->index, a->m, &s->objects);
	return RC_OK;
}

static void
objects_free(void *state)
{
	struct objects_state *s = state;

	rc_type_job_join(&s->index);     /* it may still ready the list */
	rc_rowlist_free(&s->objects);   /* before the index it borrows */
	rc_type_job_free(&s->index);
	rc_buf_free(&s->ofilter.scratch);
}

static const char *
objects_prompt_text(struct rc_app *a)
{
	return st(a)->objects_filter;
}


static const char *const sort_names[RC_OBJECTS_SORTS] = {
	N_("size"), N_("referrers"), N_("referents"), N_("address"),
	N_("retained")
};

/* The filter in force before the one being computed (for a cancel). */

static int
objects_open(struct rc_app *a)
{
	int rc;

	if (a->built[RC_VIEW_OBJECTS] &&
	    a->built_for[RC_VIEW_OBJECTS] == a->type)
		return RC_OK;
	a->built[RC_VIEW_OBJECTS] = 0;
	st(a)->objects_filter[0] = '\0';
	rc = rc_rows_objects_indexed(a->m, rc_type_job_index(&st(a)->index),
				     a->type, &st(a)->objects);
	if (rc == RC_OK)
		rc = rc_rows_objects_sort(a->m, &st(a)->objects, st(a)->objects_sort,
					  st(a)->objects_invert);
	if (rc == RC_OK)
		rc_rowlist_set_cur(&st(a)->objects, 0);
	if (rc != RC_OK) {
		rc_app_message(a, 1, "%s", _("out of memory"));
		return rc;
	}
	a->built[RC_VIEW_OBJECTS] = 1;
	a->built_for[RC_VIEW_OBJECTS] = a->type;
	return RC_OK;
}

static struct rc_rowlist *
objects_list(struct rc_app *a)
{
	rc_type_job_join(&st(a)->index);   /* the thread readies the list */
	return &st(a)->objects;
}

static int
objects_request(struct rc_app *a, enum rc_request req)
{
	const struct rc_row *r = rc_rowlist_selected(&st(a)->objects);

	switch (req) {
	case RC_REQ_OPEN:
		if (r == NULL)
			return RX_NONE;
		return rc_app_go(a, RC_VIEW_OBJECT, r->v, 0);
	case RC_REQ_SORT:
	case RC_REQ_INVERT:
		if (req == RC_REQ_SORT) {
			int next = (st(a)->objects_sort + 1) % RC_OBJECTS_SORTS;
			if (next == RC_OBJECTS_BY_RETAINED && a->pending)
				return RX_WAIT;
			st(a)->objects_sort = next;
			/* Retained sizes only when the model has them. */
			if (st(a)->objects_sort == RC_OBJECTS_BY_RETAINED
			    && a->m->retained == NULL)
				st(a)->objects_sort = 0;
		} else
			st(a)->objects_invert = !st(a)->objects_invert;
		if (rc_rows_objects_sort(a->m, &st(a)->objects, st(a)->objects_sort,
					 st(a)->objects_invert) != RC_OK)
			rc_app_message(a, 1, "%s", _("out of memory"));
		else
			rc_app_message(a, 0, _("Sorted by %s%s"),
				       _(sort_names[st(a)->objects_sort]),
				       st(a)->objects_invert ? _(", inverted") : "");
		return RX_REDRAW;
	default:
		return RX_UNHANDLED;
	}
}

static void
objects_title(struct rc_app *a, struct rc_buf *out)
{
	if (a->type != RC_NONE)
		rc_buf_printf(out, "%s", a->m->type_name[a->type]);
	else
		rc_buf_puts(out, _("all"));
	if (a->m->shown != NULL)
		rc_buf_puts(out, _(", new since snapshot"));
	rc_buf_printf(out, _(", by %s"), _(sort_names[st(a)->objects_sort]));
	if (st(a)->objects_filter[0])
		rc_buf_printf(out, _(", filter '%s'"), st(a)->objects_filter);
}

static void
objects_row(struct rc_app *a, WINDOW *w, int y, int cols,
	    const struct rc_row *r, attr_t attr)
{
	rc_draw_object_cols(a, w, y, 0, cols, r->v, attr);
}

static void
objects_draw(struct rc_app *a, WINDOW *w, int y, int h, int cols)
{
	rc_draw_object_heading(a, w, y, 0, cols);
	rc_draw_list(a, w, y + 1, h - 1, cols, &st(a)->objects, 1, objects_row);
	if (st(a)->objects.nvis == 0 && h > 2)
		rc_draw_text(w, y + 2, 2, cols - 2, _("(no object matches)"),
			     rc_draw_attr(a, RC_ROLE_DIM));
}

static uint32_t
objects_target(struct rc_app *a)
{
	const struct rc_row *r = rc_rowlist_selected(&st(a)->objects);

	return r ? r->v : RC_NONE;
}

static int
objects_prompt_done(struct rc_app *a, const char *text, int accept)
{
	if (!accept)
		return RX_REDRAW;
	snprintf(st(a)->prev_filter, sizeof st(a)->prev_filter, "%s",
		 st(a)->objects_filter);
	snprintf(st(a)->objects_filter, sizeof st(a)->objects_filter, "%s", text);
	if (text[0] == '\0') {
		rc_rowlist_unfilter(&st(a)->objects);
		return RX_REDRAW;
	}
	st(a)->ofilter.m = a->m;
	st(a)->ofilter.needle = st(a)->objects_filter;
	rc_rowlist_filter_begin(&st(a)->objects);
	rc_app_message(a, 0, "%s", _("Filtering..."));
	return RX_BUSY;
}

/* Summaries in batches of 256 for about 30 ms, then back to the main
 * loop, which draws the counter and reads a key. */
static int
objects_work(struct rc_app *a, int cancel)
{
	double until = rc_clock_seconds() + 0.03;
	int done = 0;

	if (cancel) {
		rc_rowlist_filter_cancel(&st(a)->objects);
		snprintf(st(a)->objects_filter, sizeof st(a)->objects_filter, "%s",
			 st(a)->prev_filter);
		rc_app_message(a, 0, "%s", _("Filter cancelled"));
		return RX_REDRAW;
	}
	while (!done && rc_clock_seconds() < until) {
		done = rc_rowlist_filter_step(&st(a)->objects,
					      rc_objects_filter_keep,
					      &st(a)->ofilter, 256);
		if (done < 0)
			done = 1;
	}
	if (!done) {
		rc_app_message(a, 0, _("Filtering: %" PRIu32 " of %" PRIu32
				      " (Esc cancels)"),
			       st(a)->objects.filter_pos, st(a)->objects.nrows);
		return RX_BUSY;
	}
	rc_rowlist_filter_commit(&st(a)->objects);
	rc_app_message(a, 0, _("%" PRIu32 " of %" PRIu32 " objects match '%s'"),
		       st(a)->objects.nvis, st(a)->objects.nrows, st(a)->objects_filter);
	return RX_REDRAW;
}

static const enum rc_request objects_bar[] = {
	RC_REQ_HELP, RC_REQ_QUIT, RC_REQ_OPEN, RC_REQ_BACK, RC_REQ_SEARCH,
	RC_REQ_SORT, RC_REQ_ANCESTORS, RC_REQ_PATH, RC_REQ_NONE
};

const struct rc_view_ops rc_view_objects = {
	.name = N_("Objects"),
	.prompt = RC_PROMPT_FILTER,
	.open = objects_open,
	.list = objects_list,
	.request = objects_request,
	.title = objects_title,
	.draw = objects_draw,
	.target = objects_target,
	.prompt_done = objects_prompt_done,
	.work = objects_work,
	.bar = objects_bar,
	.state_size = sizeof(struct objects_state),
	.init = objects_init,
	.free = objects_free,
	.prompt_text = objects_prompt_text,
};
