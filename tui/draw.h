/* draw.h - drawing helpers shared by the views: clipped text, the
 * attributes for each role, and a list with its cursor. */
#ifndef RC_TUI_DRAW_H
#define RC_TUI_DRAW_H

#include <curses.h>
#include <stdint.h>

#include "tui/app.h"
#include "tui/rowlist.h"

enum rc_role {
	RC_ROLE_NORMAL, RC_ROLE_BAR, RC_ROLE_SELECTED, RC_ROLE_HEADING,
	RC_ROLE_DIM, RC_ROLE_MARK, RC_ROLE_ERROR, RC_ROLE_LABEL,
	RC_ROLE_COUNT
};

/* Colours if the terminal has them and NO_COLOR is unset or empty;
 * sets a->colors.  Call once after newterm. */
void rc_draw_init_colors(struct rc_app *a);
attr_t rc_draw_attr(const struct rc_app *a, enum rc_role role);

/* s at (y, x) in at most width columns (escaped, cut with an ellipsis),
 * with attr.  Returns the columns used. */
int rc_draw_text(WINDOW *w, int y, int x, int width, const char *s,
		 attr_t attr);
/* s right-aligned in the width columns ending before x + width. */
int rc_draw_rtext(WINDOW *w, int y, int x, int width, const char *s,
		  attr_t attr);
/* width blanks with attr. */
void rc_draw_fill(WINDOW *w, int y, int x, int width, attr_t attr);

/* Draw a row: the view's part of rc_draw_list.  attr is the row's base
 * attribute (the selection's when selected). */
typedef void rc_draw_row_fn(struct rc_app *a, WINDOW *w, int y, int cols,
			    const struct rc_row *row, attr_t attr);

/* The rows of rl from its top, h lines from y; the cursor's row
 * highlighted when active.  Scrolls rl so that the cursor shows. */
void rc_draw_list(struct rc_app *a, WINDOW *w, int y, int h, int cols,
		  struct rc_rowlist *rl, int active, rc_draw_row_fn *fn);

/* The columns common to object rows: address, type, size, referrers,
 * referents, then summary; from x to cols.  */
void rc_draw_object_cols(struct rc_app *a, WINDOW *w, int y, int x,
			 int cols, uint32_t v, attr_t attr);

/* Column headings matching rc_draw_object_cols. */
void rc_draw_object_heading(struct rc_app *a, WINDOW *w, int y, int x,
			    int cols);

/* A root marker for v ("[module]", "[frame]"), drawn at x; columns used
 * (0 when v is no root). */
int rc_draw_root_mark(struct rc_app *a, WINDOW *w, int y, int x, int cols,
		      uint32_t v);

/* "--label--> " in a column of fixed width from x (a quarter of cols,
 * at most 28), the label in its colour; returns the x after it. */
int rc_draw_edge_label(struct rc_app *a, WINDOW *w, int y, int x, int cols,
		       uint32_t e, attr_t attr);

#endif
