/* draw.c - drawing helpers (see draw.h). */
#include <config.h>

#include "tui/draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "src/common/i18n.h"
#include "tui/text.h"

#define WBUF 1024

void
rc_draw_init_colors(struct rc_app *a)
{
	const char *nc = getenv("NO_COLOR");

	a->colors = 0;
	if ((nc && *nc) || !has_colors() || start_color() == ERR)
		return;
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);    /* bars */
	init_pair(2, COLOR_BLACK, COLOR_CYAN);    /* selection */
	init_pair(3, COLOR_YELLOW, -1);           /* marks */
	init_pair(4, COLOR_RED, -1);              /* errors */
	init_pair(5, COLOR_CYAN, -1);             /* edge labels */
	a->colors = 1;
}

attr_t
rc_draw_attr(const struct rc_app *a, enum rc_role role)
{
	switch (role) {
	case RC_ROLE_BAR:
		return a->colors ? COLOR_PAIR(1) | A_BOLD : A_REVERSE;
	case RC_ROLE_SELECTED:
		return a->colors ? COLOR_PAIR(2) : A_REVERSE;
	case RC_ROLE_HEADING:
		return A_BOLD;
	case RC_ROLE_DIM:
		return A_DIM;
	case RC_ROLE_MARK:
		return a->colors ? COLOR_PAIR(3) : A_BOLD;
	case RC_ROLE_ERROR:
		return a->colors ? COLOR_PAIR(4) | A_BOLD : A_BOLD;
	case RC_ROLE_LABEL:
		return a->colors ? COLOR_PAIR(5) : A_UNDERLINE;
	default:
		return A_NORMAL;
	}
}

int
rc_draw_text(WINDOW *w, int y, int x, int width, const char *s, attr_t attr)
{
	wchar_t buf[WBUF];
	int used;

	if (width <= 0)
		return 0;
	used = rc_text_fit(s, width, buf, WBUF);
	wattr_set(w, attr, PAIR_NUMBER(attr), NULL);
	mvwaddnwstr(w, y, x, buf, -1);
	wattr_set(w, A_NORMAL, 0, NULL);
	return used;
}

int
rc_draw_rtext(WINDOW *w, int y, int x, int width, const char *s,
	      attr_t attr)
{
	int tw = rc_text_width(s);

	if (tw >= width)
		return rc_draw_text(w, y, x, width, s, attr);
	return rc_draw_text(w, y, x + width - tw, tw, s, attr);
}

void
rc_draw_fill(WINDOW *w, int y, int x, int width, attr_t attr)
{
	if (width <= 0)
		return;
	wattr_set(w, attr, PAIR_NUMBER(attr), NULL);
	mvwhline(w, y, x, ' ', width);
	wattr_set(w, A_NORMAL, 0, NULL);
}

void
rc_draw_list(struct rc_app *a, WINDOW *w, int y, int h, int cols,
	     struct rc_rowlist *rl, int active, rc_draw_row_fn *fn)
{
	uint32_t i;

	if (h <= 0)
		return;
	if (active)
		a->page = (uint32_t)h;
	rc_rowlist_scroll(rl, (uint32_t)h);
	for (i = 0; i < (uint32_t)h; i++) {
		const struct rc_row *r = rc_rowlist_at(rl, rl->top + i);
		attr_t attr = A_NORMAL;

		if (r == NULL)
			break;
		if (active && rl->top + i == rl->cur) {
			attr = rc_draw_attr(a, RC_ROLE_SELECTED);
			rc_draw_fill(w, y + (int)i, 0, cols, attr);
		}
		fn(a, w, y + (int)i, cols, r, attr);
	}
}

void
rc_draw_object_cols(struct rc_app *a, WINDOW *w, int y, int x, int cols,
		    uint32_t v, attr_t attr)
{
	char addr[32], size[16], deg[16];
	const struct rc_graph *g = a->m->g;

	int x0 = x;

	rc_app_address(a, v, addr, sizeof addr);
	x += rc_draw_text(w, y, x, cols - x, addr, attr) + 1;
	if (x < x0 + 15)
		x = x0 + 15;
	if (cols - x > 40) {
		rc_draw_text(w, y, x, 14, rc_app_type(a, v), attr);
		x += 15;
		rc_text_bytes(a->m->size ? a->m->size[v] : 0, size,
			      sizeof size);
		rc_draw_rtext(w, y, x, 6, size, attr);
		x += 7;
		if (a->m->retained || a->pending) {
			if (a->m->retained)
				rc_text_bytes(a->m->retained[v], size, sizeof size);
			else
				snprintf(size, sizeof size, "%s", a->utf8 ? "\u2026" : "...");
			rc_draw_rtext(w, y, x, 8, size, attr);
			x += 9;
		}
		snprintf(deg, sizeof deg, "%u", rc_graph_degree(g, v, RC_IN));
		rc_draw_rtext(w, y, x, 6, deg, attr);
		x += 7;
		snprintf(deg, sizeof deg, "%u", rc_graph_degree(g, v, RC_OUT));
		rc_draw_rtext(w, y, x, 6, deg, attr);
		x += 8;
	}
	/* In the summary's column, so that the columns before it line up. */
	x += rc_draw_root_mark(a, w, y, x, cols, v);
	rc_draw_text(w, y, x, cols - x, rc_app_summary(a, v), attr);
}

void
rc_draw_object_heading(struct rc_app *a, WINDOW *w, int y, int x, int cols)
{
	attr_t head = rc_draw_attr(a, RC_ROLE_HEADING);

	rc_draw_text(w, y, x, cols - x, _("address"), head);
	x += 15;
	if (cols - x > 40) {
		rc_draw_text(w, y, x, 14, _("type"), head);
		x += 15;
		rc_draw_rtext(w, y, x, 6, _("size"), head);
		x += 7;
		if (a->m->retained || a->pending) {
			rc_draw_rtext(w, y, x, 8, _("retained"), head);
			x += 9;
		}
		rc_draw_rtext(w, y, x, 6, _("in"), head);
		x += 7;
		rc_draw_rtext(w, y, x, 6, _("out"), head);
		x += 8;
	}
	rc_draw_text(w, y, x, cols - x, _("summary"), head);
}

int
rc_draw_root_mark(struct rc_app *a, WINDOW *w, int y, int x, int cols,
		  uint32_t v)
{
	const char *mark;

	switch (rc_app_root(a, v)) {
	case RC_ROOT_MODULE:
		mark = _("[module]");
		break;
	case RC_ROOT_FRAME:
		mark = _("[frame]");
		break;
	case RC_ROOT_EXTERNAL:
		/* Held by something the heap does not show: C code, the
		 * stack, an untracked container. */
		mark = _("[external]");
		break;
	default:
		return 0;
	}
	return rc_draw_text(w, y, x, cols - x, mark,
			    rc_draw_attr(a, RC_ROLE_MARK)) + 1;
}

int
rc_draw_edge_label(struct rc_app *a, WINDOW *w, int y, int x, int cols,
		   uint32_t e, attr_t attr)
{
	int width = cols / 4 < 28 ? cols / 4 : 28, end = x + width, lw;
	const char *label = rc_app_label(a, e);

	x += rc_draw_text(w, y, x, 2, "--", attr);
	lw = rc_text_width(label);
	if (lw > end - x - 4)
		lw = end - x - 4;
	x += rc_draw_text(w, y, x, lw, label,
			  attr != A_NORMAL ? attr : rc_draw_attr(a, RC_ROLE_LABEL));
	rc_draw_text(w, y, x, 3, "-->", attr);
	return end + 1;
}
