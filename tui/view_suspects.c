/* view_suspects.c - leak suspects, as Eclipse MAT lists them: what
 * retains at least a tenth of the heap (one object at the top of the
 * dominator tree, or a type's instances together), each on a row with
 * its share and size, followed by the object where its size accumulates
 * (src/export/model_leaks.c finds both); then the watched objects
 * (refcycle.watch) still alive, grouped by the signature of their path
 * from a root, as refcycle.leaks() groups them.  Enter opens the
 * accumulation point (the group's first object), p shows its path. */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/common/i18n.h"
#include "src/common/status.h"
#include "src/export/model_leaks.h"
#include "tui/draw.h"
#include "tui/text.h"
#include "tui/view.h"

struct suspects_state {
	struct rc_rowlist rows;   /* per suspect: RC_ROW_TYPE (aux: its index), then
				   * RC_ROW_OBJECT (v: its accumulation point); per
				   * watched group the same, aux nfound + its index */
	struct rc_suspect *found;
	uint32_t nfound;
	struct rc_watch_group *groups;
	uint32_t ngroups;
	uint64_t total;
	int built;
};

static void
groups_free(struct suspects_state *s)
{
	rc_watch_groups_free(s->groups, s->ngroups);
	s->groups = NULL;
	s->ngroups = 0;
}

static struct suspects_state *
st(const struct rc_app *a)
{
	return rc_app_state(a, RC_VIEW_SUSPECTS);
}

static void
suspects_free(void *state)
{
	struct suspects_state *s = state;

	rc_rowlist_free(&s->rows);
	free(s->found);
	groups_free(s);
}

/* The watched objects the model knows, grouped by signature, largest
 * group first. */
static int
find_watched(struct rc_app *a, struct suspects_state *s)
{
	uint32_t *ids = NULL, n = 0;
	int rc = a->m->watched ? a->m->watched(a->m->ctx, &ids, &n) : RC_OK;

	groups_free(s);
	if (rc == RC_OK && n > 0)
		rc = rc_model_watch_groups(a->m, a->m->roots, ids, n, &s->groups, &s->ngroups);
	free(ids);
	return rc;
}

static int
build_rows(struct suspects_state *s)
{
	int rc = RC_OK;

	rc_rowlist_clear(&s->rows);
	for (uint32_t i = 0; rc == RC_OK && i < s->nfound; i++) {
		struct rc_row head = {s->found[i].node, RC_NONE, RC_NONE, 0, i, 0, RC_ROW_TYPE, 0};
		struct rc_row acc = {s->found[i].accumulation, RC_NONE, RC_NONE, 0, i, 1,
				     RC_ROW_OBJECT, 0};
		rc = rc_rowlist_push(&s->rows, &head);
		if (rc == RC_OK)
			rc = rc_rowlist_push(&s->rows, &acc);
	}
	for (uint32_t i = 0; rc == RC_OK && i < s->ngroups; i++) {
		uint32_t aux = s->nfound + i;
		struct rc_row head = {s->groups[i].first, RC_NONE, RC_NONE, 0, aux, 0,
				      RC_ROW_TYPE, 0};
		struct rc_row obj = {s->groups[i].first, RC_NONE, RC_NONE, 0, aux, 1,
				     RC_ROW_OBJECT, 0};
		rc = rc_rowlist_push(&s->rows, &head);
		if (rc == RC_OK)
			rc = rc_rowlist_push(&s->rows, &obj);
	}
	return rc == RC_OK ? rc_rowlist_show(&s->rows) : rc;
}

static int
suspects_open(struct rc_app *a)
{
	struct suspects_state *s = st(a);
	int rc;

	if (s->built)
		return RC_OK;
	if (!rc_model_has_dominators(a->m)) {
		rc_app_message(a, 0, "%s", _("Leak suspects need the dominator tree, "
					     "which this graph has not"));
		return RC_EINVAL;
	}
	free(s->found);
	s->found = NULL;
	rc = rc_model_suspects(a->m, RC_SUSPECT_SHARE, &s->found, &s->nfound, &s->total);
	if (rc == RC_OK)
		rc = find_watched(a, s);
	if (rc == RC_OK)
		rc = build_rows(s);
	if (rc != RC_OK) {
		rc_app_message(a, 1, "%s", _("out of memory"));
		return rc;
	}
	if (s->nfound == 0 && s->ngroups == 0)
		rc_app_message(a, 0, "%s", _("No suspect: nothing retains a tenth of the heap"));
	s->built = 1;
	return RC_OK;
}

static struct rc_rowlist *
suspects_list(struct rc_app *a)
{
	return &st(a)->rows;
}

static uint32_t
suspects_target(struct rc_app *a)
{
	const struct rc_row *r = rc_rowlist_selected(&st(a)->rows);

	/* A suspect's row acts on its accumulation point, as the row
	 * below it does: that is where to look; a group's, on its first
	 * object. */
	if (r == NULL)
		return RC_NONE;
	return r->aux < st(a)->nfound ? st(a)->found[r->aux].accumulation : r->v;
}

static int
suspects_request(struct rc_app *a, enum rc_request req)
{
	uint32_t target = suspects_target(a);

	if (req == RC_REQ_OPEN && target != RC_NONE)
		return rc_app_go(a, RC_VIEW_OBJECT, target, 0);
	return RX_UNHANDLED;
}

static void
suspects_title(struct rc_app *a, struct rc_buf *out)
{
	char size[32];

	rc_text_bytes(st(a)->total, size, sizeof size);
	rc_buf_printf(out, _("%" PRIu32 " retaining a tenth or more of %s"), st(a)->nfound,
		      size);
	if (st(a)->ngroups > 0)
		rc_buf_printf(out, _(", %" PRIu32 " groups of watched objects"), st(a)->ngroups);
}

/* "83%  9.6M  one dict" or "79%  9.2M  50000 Entry objects". */
static void
suspect_head(struct rc_app *a, WINDOW *w, int y, int cols, const struct rc_suspect *s,
	     attr_t attr)
{
	const struct rc_model *m = a->m;
	char size[32], line[256];
	double share = st(a)->total ? 100.0 * (double)s->retained / (double)st(a)->total : 0;
	const char *type = m->type_name[m->type_of[s->node]];

	rc_text_bytes(s->retained, size, sizeof size);
	if (s->group == RC_NONE)
		snprintf(line, sizeof line, _("%3.0f%%  %7s  one %s"), share, size, type);
	else
		snprintf(line, sizeof line, _("%3.0f%%  %7s  %" PRIu32 " %s objects together"),
			 share, size, s->count, type);
	struct rc_buf where = RC_BUF_INIT;
	rc_app_allocated(a, s->accumulation, &where);   /* where it accumulates */
	if (rc_buf_cstr(&where) != NULL) {
		size_t len = strlen(line);
		snprintf(line + len, sizeof line - len, "%s", where.data);
	}
	rc_buf_free(&where);
	rc_draw_text(w, y, 0, cols, line, attr | A_BOLD);
}

static void
suspects_row(struct rc_app *a, WINDOW *w, int y, int cols, const struct rc_row *r,
	     attr_t attr)
{
	if (r->aux >= st(a)->nfound) {   /* a group of watched objects */
		const struct rc_watch_group *g = &st(a)->groups[r->aux - st(a)->nfound];
		char line[512];
		if (r->kind == RC_ROW_TYPE) {
			snprintf(line, sizeof line, _("%" PRIu32 " watched, still alive: %s"),
				 g->count, g->signature);
			rc_draw_text(w, y, 0, cols, line, attr | A_BOLD);
			return;
		}
		int x = rc_draw_text(w, y, 2, cols - 2, _("for one "),
				     attr != A_NORMAL ? attr : rc_draw_attr(a, RC_ROLE_DIM)) + 2;
		rc_draw_object_cols(a, w, y, x, cols, r->v, attr);
		return;
	}
	const struct rc_suspect *s = &st(a)->found[r->aux];

	if (r->kind == RC_ROW_TYPE) {
		suspect_head(a, w, y, cols, s, attr);
		return;
	}
	int x = rc_draw_text(w, y, 2, cols - 2, _("accumulates in "),
			     attr != A_NORMAL ? attr : rc_draw_attr(a, RC_ROLE_DIM)) + 2;
	rc_draw_object_cols(a, w, y, x, cols, r->v, attr);
}

static void
suspects_draw(struct rc_app *a, WINDOW *w, int y, int h, int cols)
{
	rc_draw_list(a, w, y, h, cols, &st(a)->rows, 1, suspects_row);
}

static const enum rc_request suspects_bar[] = {
	RC_REQ_HELP, RC_REQ_QUIT, RC_REQ_OPEN, RC_REQ_BACK, RC_REQ_PATH,
	RC_REQ_DOMINATORS, RC_REQ_EXPORT, RC_REQ_NONE
};

const struct rc_view_ops rc_view_suspects = {
	.name = N_("Suspects"),
	.prompt = RC_PROMPT_NONE,
	.open = suspects_open,
	.list = suspects_list,
	.request = suspects_request,
	.title = suspects_title,
	.draw = suspects_draw,
	.target = suspects_target,
	.bar = suspects_bar,
	.state_size = sizeof(struct suspects_state),
	.free = suspects_free,
};
