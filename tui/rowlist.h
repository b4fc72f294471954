/* rowlist.h - the curses-free list model behind every view: rows, their
 * order (sort), which are shown (filter), the cursor and the top row.
 *
 * rows[] holds every row as built (owned).  order[] is a permutation of
 * 0..nrows-1 (the sort); vis[] the rows of order[] that are not hidden,
 * in that order; cur and top are positions in vis[] (cur < nvis unless
 * nvis == 0, then 0).  The view keeps top so that cur stays within the
 * height it draws (rc_rowlist_scroll). */
#ifndef RC_TUI_ROWLIST_H
#define RC_TUI_ROWLIST_H

#include <stdint.h>

#include "src/graph/graph.h"

enum rc_row_flag {
	RC_ROW_HIDDEN = 1,    /* filtered out */
	RC_ROW_PENDING = 2,   /* hidden by the filter being computed */
	RC_ROW_SEEN = 4,      /* a vertex already shown elsewhere in a tree */
	RC_ROW_ROOT = 8       /* a root (module, running frame, no referrer) */
};

/* What a row shows (rc_row.kind). */
enum rc_row_kind {
	RC_ROW_TYPE = 1,      /* aux: type id */
	RC_ROW_OBJECT,        /* v */
	RC_ROW_REFERRER,      /* v refers to head (e or head/pos) */
	RC_ROW_REFERENT,      /* v referred to by edge e */
	RC_ROW_ANCESTOR,      /* v refers to head at depth - 1 */
	RC_ROW_MORE,          /* aux referrers of head not shown */
	RC_ROW_PATH,          /* v, reached from the row above by e */
	RC_ROW_MEMBER,        /* v, a member of a component */
	RC_ROW_EDGE,          /* edge e to v, below its tail's member row */
	RC_ROW_HELP,          /* aux: request, or 0 for a heading */
	RC_ROW_DOMINATED      /* v, below its immediate dominator; aux: how
			       * many it dominates immediately */
};

/* One row.  v is the vertex shown (RC_NONE for a heading or a "more"
 * row).  The edge, if any, is e, or when e is RC_NONE and head is not,
 * the pos-th in-edge of head (found only when drawn: rows_edges.h).
 * aux is the view's (a type id, a hidden count). */
struct rc_row {
	uint32_t v;
	uint32_t e;
	uint32_t head;
	uint32_t pos;
	uint32_t aux;
	uint16_t depth;
	uint8_t kind;
	uint8_t flags;
};

/* A list of vertex rows made only when asked (rc_rowlist_vertices): row
 * i of the list, for vertex v. */
typedef void (*rc_row_maker)(const void *ctx, uint32_t i, uint32_t v, struct rc_row *out);

#define RC_ROWLIST_RING 8

struct rc_rowlist_lazy {
	const uint32_t *ids;       /* nrows vertex ids: row i is ids[i]'s */
	uint32_t *own;             /* ids when the list owns them, or NULL */
	uint8_t *flags;            /* nrows entries once a filter ran, or NULL */
	rc_row_maker make;
	const void *ctx;
	/* The rows handed out last (rc_rowlist_at): each stays valid until
	 * RC_ROWLIST_RING more are asked for. */
	struct rc_row ring[RC_ROWLIST_RING];
	unsigned next;
};

struct rc_rowlist {
	struct rc_row *rows;
	uint32_t nrows, cap;
	struct rc_rowlist_lazy *lazy;   /* NULL: every row is in rows[] */
	/* A sort's scratch, kept for the next sort (nkeys entries each):
	 * fresh pages cost more than the sort itself on a virtual machine
	 * (a first touch is a trap), so the second sort of a long list
	 * writes into pages the first faulted in. */
	void *keys, *keys2;      /* key_room bytes each */
	size_t key_room;
	uint32_t *order2;        /* nkeys entries */
	uint32_t nkeys;
	uint32_t *order;     /* nrows entries once shown */
	uint32_t order_cap;  /* room in order (kept when the rows change) */
	uint32_t *vis;       /* nvis entries */
	uint32_t nvis;
	uint32_t cur, top;
	uint32_t filter_pos; /* rows examined by a running filter */
	/* vis is order itself (a list of vertex rows that no filter has
	 * touched hides nothing): one array less to fault in and copy. */
	int vis_shared;
};

void rc_rowlist_init(struct rc_rowlist *rl);
void rc_rowlist_free(struct rc_rowlist *rl);
/* Drop every row; cursor and top back to 0. */
void rc_rowlist_clear(struct rc_rowlist *rl);

/* Room for n rows in all (rows pushed after stay where they are); an RC
 * status.  A list that knows its size asks once: growing by doubling
 * faults fresh pages in again at each step. */
int rc_rowlist_reserve(struct rc_rowlist *rl, uint32_t n);

/* Append a row (not shown until rc_rowlist_show).  RC_OK or RC_ENOMEM. */
int rc_rowlist_push(struct rc_rowlist *rl, const struct rc_row *row);

/* Rows made only when drawn, sorted or filtered: row i stands for vertex
 * ids[i] (n of them; ids is malloc'd and becomes the list's, even on
 * failure) and reads as make(ctx, i, ids[i], &row) (ctx borrowed for the
 * list's life); only the ids and the order are stored, 12 bytes a row
 * instead of 32.  Replaces the rows, shown (as rc_rowlist_show) in ids'
 * order.  A row from rc_rowlist_at or rc_rowlist_selected stays valid
 * for RC_ROWLIST_RING more such calls.  rc_rowlist_push and
 * rc_rowlist_reserve are for lists built row by row: clear first. */
int rc_rowlist_vertices(struct rc_rowlist *rl, uint32_t *ids, uint32_t n,
			rc_row_maker make, const void *ctx);

/* The same on ids borrowed for the list's life (or until its next
 * rc_rowlist_clear or rc_rowlist_vertices): a slice of an index, not
 * copied. */
int rc_rowlist_vertices_borrowed(struct rc_rowlist *rl, const uint32_t *ids,
				 uint32_t n, rc_row_maker make, const void *ctx);

/* Order = build order, nothing hidden, cursor on the first row. */
int rc_rowlist_show(struct rc_rowlist *rl);

/* Room for the order and a sort (of 4-byte keys) of n rows, faulted in
 * now: for a list about to hold up to n rows, readied ahead (on another
 * thread, before the list is used: fresh pages cost more than the sort
 * of a million rows on a virtual machine).  An RC status. */
int rc_rowlist_reserve_sort(struct rc_rowlist *rl, uint32_t n);

/* Stable sort of the order by a 64-bit key (LSD radix, O(n)); descending
 * reverses the order of keys but keeps equal keys in their former
 * order.  The cursor stays on the row it was on. */
int rc_rowlist_sort_key(struct rc_rowlist *rl,
			uint64_t (*key)(void *ctx, const struct rc_row *row),
			void *ctx, int descending);

/* The same for a list of vertex rows (rc_rowlist_vertices), the key
 * read from each row's vertex: one call a row, no row made.  RC_EINVAL
 * for a list of stored rows. */
int rc_rowlist_sort_vertex_key(struct rc_rowlist *rl,
			       uint64_t (*key)(const void *ctx, uint32_t v),
			       const void *ctx, int descending);

/* Back to build order (filter and cursor row kept). */
void rc_rowlist_unsort(struct rc_rowlist *rl);

/* Stable sort by a comparison (merge sort, O(n log n)). */
int rc_rowlist_sort_cmp(struct rc_rowlist *rl,
			int (*cmp)(void *ctx, const struct rc_row *a,
				   const struct rc_row *b),
			void *ctx, int descending);

/* A filter in steps, so that a long one can show progress and be
 * cancelled: begin, then step until it returns 1 (done; keep(ctx, row)
 * was asked of every row, at most budget rows per step), then commit
 * (the rows kept are shown, the cursor stays on its row if kept) or
 * cancel (nothing changes).  step returns -1 if keep returned -1. */
void rc_rowlist_filter_begin(struct rc_rowlist *rl);
int rc_rowlist_filter_step(struct rc_rowlist *rl,
			   int (*keep)(void *ctx, const struct rc_row *row),
			   void *ctx, uint32_t budget);
int rc_rowlist_filter_commit(struct rc_rowlist *rl);
void rc_rowlist_filter_cancel(struct rc_rowlist *rl);
/* Show every row again. */
int rc_rowlist_unfilter(struct rc_rowlist *rl);

/* The row under the cursor, or NULL when nothing is shown; the row at
 * position i of vis, or NULL. */
const struct rc_row *rc_rowlist_selected(const struct rc_rowlist *rl);
const struct rc_row *rc_rowlist_at(const struct rc_rowlist *rl, uint32_t i);

/* Cursor movement, clamped to the rows shown. */
void rc_rowlist_move(struct rc_rowlist *rl, int64_t delta);
void rc_rowlist_set_cur(struct rc_rowlist *rl, uint32_t pos);
/* Move top so that cur is within height rows from it, and no empty
 * space is left below the last row when the list is longer. */
void rc_rowlist_scroll(struct rc_rowlist *rl, uint32_t height);

/* Position in vis of the row with index idx in rows[], or RC_NONE. */
uint32_t rc_rowlist_find(const struct rc_rowlist *rl, uint32_t idx);

#endif
