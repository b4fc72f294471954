/* rows_objects.h - the objects view's rows: one per vertex of a type,
 * sort keys, and the filter by summary or type name.  No curses. */
#ifndef RC_TUI_ROWS_OBJECTS_H
#define RC_TUI_ROWS_OBJECTS_H

#include <stdint.h>

#include "src/common/buf.h"
#include "src/graph/typeindex.h"
#include "src/model/model.h"
#include "tui/rowlist.h"

enum rc_objects_sort { RC_OBJECTS_BY_SIZE, RC_OBJECTS_BY_REFERRERS,
		       RC_OBJECTS_BY_REFERENTS, RC_OBJECTS_BY_ADDRESS,
		       RC_OBJECTS_BY_RETAINED, RC_OBJECTS_SORTS };

/* One RC_ROW_OBJECT row per vertex of type t (every vertex when t is
 * RC_NONE), in vertex order, shown; only the vertices of m->shown when
 * the model has it (RC_EINVAL if its universe is not n).  O(n) with a
 * small constant: the rows are made only when drawn
 * (rc_rowlist_vertices), the list stores their vertex ids. */
int rc_rows_objects(const struct rc_model *m, uint32_t t,
		    struct rc_rowlist *rl);

/* The same, the vertices of type t borrowed from ix (built over the
 * vertices of m->shown when the model has it, else over all; it must
 * outlive the list's use of them): no scan of every vertex, nothing
 * copied.  ix NULL, or t RC_NONE: as rc_rows_objects. */
int rc_rows_objects_indexed(const struct rc_model *m,
			    const struct rc_type_index *ix, uint32_t t,
			    struct rc_rowlist *rl);

/* Largest first for sizes (retained: as shallow without m->retained)
 * and degrees, lowest first for addresses; invert reverses.  Stable,
 * O(n). */
int rc_rows_objects_sort(const struct rc_model *m, struct rc_rowlist *rl,
			 enum rc_objects_sort key, int invert);

/* The state of a filter by substring (ASCII case folded) of the type
 * name or the summary; use with rc_rowlist_filter_step.  scratch is
 * reused between rows.  A summary that fails does not match. */
struct rc_objects_filter {
	const struct rc_model *m;
	const char *needle;
	struct rc_buf scratch;
};

int rc_objects_filter_keep(void *ctx, const struct rc_row *row);

#endif
