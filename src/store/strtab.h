/* strtab.h - a table of distinct strings, built by interning: equal
 * strings get one id.  The saved snapshot's strings (summaries, labels,
 * type names) are mostly repeats ("dict len=3", "__dict__", "item[0]"),
 * so each is stored once and named by a uint32_t id. */
#ifndef RC_STRTAB_H
#define RC_STRTAB_H

#include <stddef.h>
#include <stdint.h>

struct rc_strtab {
	uint32_t n;           /* strings */
	uint64_t *off;        /* n + 1 entries: string i is data[off[i]
			       * .. off[i+1]-1], its last byte a NUL */
	char *data;
	size_t len, cap;      /* bytes of data used, allocated */
	uint32_t ncap;        /* entries of off allocated, minus one */
	uint32_t *slot;       /* open addressing: id + 1, 0 = empty */
	uint32_t nslots;      /* a power of two, at least 2 * n */
};

void rc_strtab_init(struct rc_strtab *t);
void rc_strtab_free(struct rc_strtab *t);

/* The id of s[0..len-1] (which must hold no NUL), added if new.
 * RC_NONE when out of memory or out of ids. */
uint32_t rc_strtab_intern(struct rc_strtab *t, const char *s, size_t len);

static inline const char *
rc_strtab_get(const struct rc_strtab *t, uint32_t id)
{
	return t->data + t->off[id];
}

#endif
