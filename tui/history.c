/* history.c - the back stack (see history.h). */
#include <config.h>

#include "tui/history.h"

#include <string.h>

void
rc_history_init(struct rc_history *h)
{
	memset(h, 0, sizeof *h);
}

void
rc_history_push(struct rc_history *h, const struct rc_place *p)
{
	if (h->len == RC_HISTORY_MAX) {
		h->first = (h->first + 1) % RC_HISTORY_MAX;
		h->len--;
	}
	h->items[(h->first + h->len) % RC_HISTORY_MAX] = *p;
	h->len++;
}

int
rc_history_pop(struct rc_history *h, struct rc_place *p)
{
	if (h->len == 0)
		return 0;
	h->len--;
	*p = h->items[(h->first + h->len) % RC_HISTORY_MAX];
	return 1;
}

uint32_t
rc_history_len(const struct rc_history *h)
{
	return h->len;
}
