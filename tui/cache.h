/* cache.h - a bounded cache of strings keyed by 64-bit keys (summaries
 * of vertices, labels of edges) so that redrawing does not call the
 * model again.  When half full it is emptied: the views only ask for the
 * rows they draw, so it stays small. */
#ifndef RC_TUI_CACHE_H
#define RC_TUI_CACHE_H

#include <stddef.h>
#include <stdint.h>

struct rc_strcache {
	uint32_t cap;        /* slots, a power of two */
	uint32_t used;
	struct rc_strslot {
		uint64_t key;
		char *s;     /* NULL: empty slot */
	} *slots;
};

/* cap rounded up to a power of two (at least 16). */
int rc_strcache_init(struct rc_strcache *c, uint32_t cap);
void rc_strcache_free(struct rc_strcache *c);
void rc_strcache_clear(struct rc_strcache *c);
/* The string stored under key, or NULL.  Valid until the next put or
 * clear. */
const char *rc_strcache_get(const struct rc_strcache *c, uint64_t key);
/* Store a copy of s[0..len-1] under key (replacing); the stored copy, or
 * NULL if out of memory. */
const char *rc_strcache_put(struct rc_strcache *c, uint64_t key,
			    const char *s, size_t len);

#endif
