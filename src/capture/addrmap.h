/* addrmap.h - an open-addressing hash from object address to vertex index.
 *
 * The map does not store addresses: a slot holds only the uint32_t index
 * of a key in the caller's key array, and lookups read the address back
 * from that array.  At 2 slots per key that is 8 bytes per key, a quarter
 * of an (address, index) table, and the caller needs the key array anyway.
 * The caller passes the key array to every call, so it may reallocate it
 * between calls.  No Python include: keys are opaque pointers. */
#ifndef RC_ADDRMAP_H
#define RC_ADDRMAP_H

#include <stdint.h>

#include "src/graph/graph.h"   /* RC_NONE */

struct rc_addrmap {
	uint32_t mask;     /* slot count - 1; slot count is a power of two */
	uint32_t count;    /* keys inserted */
	uint32_t *slots;   /* key index, or RC_NONE for an empty slot */
};

/* An empty map with room for at least 'expected' keys before it grows. */
int rc_addrmap_init(struct rc_addrmap *m, uint32_t expected);
void rc_addrmap_free(struct rc_addrmap *m);

static inline uint32_t
rc_addrmap_slot_of(const struct rc_addrmap *m, const void *p)
{
	/* Objects are 16-byte aligned: drop the always-zero bits, then
	 * Fibonacci hashing spreads neighbouring addresses apart. */
	uint64_t h = ((uint64_t)(uintptr_t)p >> 4) * UINT64_C(0x9E3779B97F4A7C15);
	return (uint32_t)(h >> 32) & m->mask;
}

/* Index i with keys[i] == p, or RC_NONE. */
static inline uint32_t
rc_addrmap_find(const struct rc_addrmap *m, void *const *keys, const void *p)
{
	uint32_t s = rc_addrmap_slot_of(m, p);
	for (;;) {
		uint32_t i = m->slots[s];
		if (i == RC_NONE || keys[i] == p)
			return i;
		s = (s + 1) & m->mask;
	}
}

/* m = a map of keys[0..n-1], which are distinct.  RC_OK, or RC_ENOMEM
 * (m is then empty). */
int rc_addrmap_build(struct rc_addrmap *m, void *const *keys, uint32_t n);

/* Make index i (whose key keys[i] is not yet in the map) findable.
 * Grows the table past half full.  RC_OK or RC_ENOMEM. */
int rc_addrmap_insert(struct rc_addrmap *m, void *const *keys, uint32_t i);

/* Insert keys[i] unless an equal address is present: returns the index
 * already present, or i after inserting it, or RC_NONE when out of memory. */
uint32_t rc_addrmap_insert_unique(struct rc_addrmap *m, void *const *keys,
				  uint32_t i);

#endif
