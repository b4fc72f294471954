/* history.h - the back stack: where the user was (view, focus, cursor),
 * without curses.  Bounded: pushing onto a full stack forgets the
 * oldest entry. */
#ifndef RC_TUI_HISTORY_H
#define RC_TUI_HISTORY_H

#include <stdint.h>

#define RC_HISTORY_MAX 256

struct rc_place {
	int view;          /* enum rc_view_id */
	uint32_t focus;    /* vertex, or RC_NONE */
	uint32_t aux;      /* the objects view's type, the ancestors' generation */
	uint32_t cur, top; /* cursor and top row in the view's list */
	uint32_t pane;     /* the object view's pane */
};

struct rc_history {
	struct rc_place items[RC_HISTORY_MAX];
	uint32_t first;    /* index of the oldest entry (ring) */
	uint32_t len;
};

void rc_history_init(struct rc_history *h);
void rc_history_push(struct rc_history *h, const struct rc_place *p);
/* The newest entry, removed into *p; 0 if the stack was empty. */
int rc_history_pop(struct rc_history *h, struct rc_place *p);
uint32_t rc_history_len(const struct rc_history *h);

#endif
