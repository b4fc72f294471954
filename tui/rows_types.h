/* rows_types.h - the histogram of type names: rows and sort keys of the
 * types view (src/graph/typedelta.h computes the changes a comparison
 * shows).  No curses. */
#ifndef RC_TUI_ROWS_TYPES_H
#define RC_TUI_ROWS_TYPES_H

#include <stdint.h>

#include "src/model/model.h"
#include "tui/rowlist.h"

/* The vertices counted are those of m->shown when the model has it (a
 * comparison: the new ones), else every vertex. */
struct rc_type_hist {
	uint32_t ntypes;
	uint32_t *count;     /* ntypes entries: vertices of each type */
	uint64_t *bytes;     /* ntypes entries: their total shallow size */
	uint32_t nonempty;   /* types with count > 0 */
	uint32_t total;      /* vertices counted */
	/* A comparison with a dominator tree only (else NULL): ntypes
	 * entries, what the counted vertices of each type retain, nothing
	 * counted twice (m->type_retained covers every vertex). */
	uint64_t *retained;
};

/* The count and size changes sort as signed numbers, largest growth
 * first; without the model's deltas, as count and size. */
enum rc_types_sort { RC_TYPES_BY_COUNT, RC_TYPES_BY_SIZE, RC_TYPES_BY_NAME,
		     RC_TYPES_BY_RETAINED, RC_TYPES_BY_COUNT_DELTA,
		     RC_TYPES_BY_SIZE_DELTA, RC_TYPES_SORTS };

/* One pass over the vertices: O(n), plus one walk of the dominator tree
 * in a comparison.  RC_OK, RC_ENOMEM, or RC_EINVAL if some type_of[v] >=
 * ntypes or m->shown's universe is not n. */
int rc_type_hist_build(const struct rc_model *m, struct rc_type_hist *h);
void rc_type_hist_free(struct rc_type_hist *h);

/* The retained sizes of the new objects' types, once the model has its
 * dominator tree (it arrived after h was built); nothing to do without
 * a comparison, where h reads the model's own.  RC status. */
int rc_type_hist_take_retained(const struct rc_model *m, struct rc_type_hist *h);

/* The retained size of each type's counted vertices (h->retained, or
 * m->type_retained without a comparison), or NULL: no retained column. */
const uint64_t *rc_type_hist_retained(const struct rc_model *m,
				      const struct rc_type_hist *h);

/* One RC_ROW_TYPE row (aux = type id) per non-empty type, shown. */
int rc_rows_types(const struct rc_type_hist *h, struct rc_rowlist *rl);

/* Sort the rows: by count, size, retained size (rc_type_hist_retained;
 * as by size without it) or change (m->type_count_delta,
 * m->type_size_delta), largest first, or by name A-Z (ties by name, then
 * type id); invert reverses. */
int rc_rows_types_sort(const struct rc_model *m, const struct rc_type_hist *h,
		       struct rc_rowlist *rl, enum rc_types_sort key,
		       int invert);

/* Keep the rows whose type name contains needle (ASCII case folded).
 * O(ntypes), in one step. */
int rc_rows_types_filter(const struct rc_model *m, struct rc_rowlist *rl,
			 const char *needle);

#endif
