/* rows_types.h - the histogram of type names: rows and sort keys of the
 * types view.  No curses. */
#ifndef RC_TUI_ROWS_TYPES_H
#define RC_TUI_ROWS_TYPES_H

#include <stdint.h>

#include "model.h"
#include "rowlist.h"

struct rc_type_hist {
	uint32_t ntypes;
	uint32_t *count;     /* ntypes entries: vertices of each type */
	uint64_t *bytes;     /* ntypes entries: their total shallow size */
	uint32_t nonempty;   /* types with count > 0 */
};

enum rc_types_sort { RC_TYPES_BY_COUNT, RC_TYPES_BY_SIZE, RC_TYPES_BY_NAME,
		     RC_TYPES_BY_RETAINED, RC_TYPES_SORTS };

/* One pass over the vertices: O(n).  RC_OK, RC_ENOMEM, or RC_EINVAL if
 * some type_of[v] >= ntypes. */
int rc_type_hist_build(const struct rc_model *m, struct rc_type_hist *h);
void rc_type_hist_free(struct rc_type_hist *h);

/* One RC_ROW_TYPE row (aux = type id) per non-empty type, shown. */
int rc_rows_types(const struct rc_type_hist *h, struct rc_rowlist *rl);

/* Sort the rows: by count, size or retained size (m->type_retained; as
 * by size without it), largest first, or by name A-Z (ties by name, then
 * type id); invert reverses. */
int rc_rows_types_sort(const struct rc_model *m, const struct rc_type_hist *h,
		       struct rc_rowlist *rl, enum rc_types_sort key,
		       int invert);

/* Keep the rows whose type name contains needle (ASCII case folded).
 * O(ntypes), in one step. */
int rc_rows_types_filter(const struct rc_model *m, struct rc_rowlist *rl,
			 const char *needle);

#endif
