/* rowlist_impl.h - the list model's internals, shared by rowlist.c and
 * rowsort.c (the sorts); the views use rowlist.h only. */
#ifndef RC_TUI_ROWLIST_IMPL_H
#define RC_TUI_ROWLIST_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "tui/rowlist.h"

/* Row i (an index in rows[] or ids) into *out. */
static inline void
get_row(const struct rc_rowlist *rl, uint32_t i, struct rc_row *out)
{
	const struct rc_rowlist_lazy *z = rl->lazy;

	if (z == NULL) {
		*out = rl->rows[i];
		return;
	}
	z->make(z->ctx, i, z->ids[i], out);
	out->flags = z->flags ? z->flags[i] : 0;
}

/* The index in rows[] of the row under the cursor, or RC_NONE. */
static inline uint32_t
cur_row(const struct rc_rowlist *rl)
{
	return rl->nvis ? rl->vis[rl->cur] : RC_NONE;
}

/* Room for cnt entries in order (kept: the pages of a longer list
 * before are not faulted in again).  An RC status. */
int rc_rowlist_order_room(struct rc_rowlist *rl, size_t cnt);

/* vis = the rows of order not hidden; the cursor follows the row it was
 * on (cur_row, an index in rows[], or RC_NONE: the first row). */
void rc_rowlist_rebuild_vis(struct rc_rowlist *rl, uint32_t cur_row);

#endif
