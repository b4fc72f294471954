/* addrmap.c - address -> vertex index hash (see addrmap.h). */
#include <config.h>

#include "src/capture/addrmap.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"
#include "src/graph/prefault.h"

static int
alloc_slots(struct rc_addrmap *m, uint64_t nslots)
{
	if (nslots > (uint64_t)1 << 32)
		return RC_EOVERFLOW;
	m->slots = malloc(nslots * sizeof *m->slots);
	if (m->slots == NULL)
		return RC_ENOMEM;
	rc_prefault(m->slots, nslots * sizeof *m->slots);
	/* RC_NONE is all ones, so a byte fill marks every slot empty. */
	memset(m->slots, 0xff, nslots * sizeof *m->slots);
	m->mask = (uint32_t)(nslots - 1);
	return RC_OK;
}

int
rc_addrmap_init(struct rc_addrmap *m, uint32_t expected)
{
	uint64_t nslots = 16;

	/* At most half full: 2 slots per key, measured as the right trade
	 * between probe length and page faults on a fresh table. */
	while (nslots < 2 * (uint64_t)expected)
		nslots *= 2;
	m->count = 0;
	return alloc_slots(m, nslots);
}

void
rc_addrmap_free(struct rc_addrmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->mask = 0;
	m->count = 0;
}

static void
place(struct rc_addrmap *m, void *const *keys, uint32_t i)
{
	uint32_t s = rc_addrmap_slot_of(m, keys[i]);

	while (m->slots[s] != RC_NONE)
		s = (s + 1) & m->mask;
	m->slots[s] = i;
}

static int
grow(struct rc_addrmap *m, void *const *keys)
{
	uint32_t *old = m->slots;
	uint64_t oldn = (uint64_t)m->mask + 1;
	int rc = alloc_slots(m, oldn * 2);

	if (rc != RC_OK) {
		m->slots = old;
		m->mask = (uint32_t)(oldn - 1);
		return rc;
	}
	for (uint64_t s = 0; s < oldn; s++)
		if (old[s] != RC_NONE)
			place(m, keys, old[s]);
	free(old);
	return RC_OK;
}

/* How far ahead rc_addrmap_build prefetches slots: far enough for the
 * memory to arrive while earlier keys are placed. */
#define BUILD_AHEAD 16

int
rc_addrmap_build(struct rc_addrmap *m, void *const *keys, uint32_t n)
{
	int rc = rc_addrmap_init(m, n);

	if (rc != RC_OK)
		return rc;
	/* Each key lands in a random slot: prefetching the slot of a key a
	 * few places ahead overlaps those misses instead of waiting on each. */
	for (uint32_t i = 0; i < n; i++) {
		if (i + BUILD_AHEAD < n)
			__builtin_prefetch(&m->slots[rc_addrmap_slot_of(m, keys[i + BUILD_AHEAD])], 1);
		place(m, keys, i);
	}
	m->count = n;
	return RC_OK;
}

int
rc_addrmap_insert(struct rc_addrmap *m, void *const *keys, uint32_t i)
{
	if (2 * ((uint64_t)m->count + 1) > (uint64_t)m->mask + 1) {
		int rc = grow(m, keys);
		if (rc != RC_OK)
			return rc;
	}
	place(m, keys, i);
	m->count++;
	return RC_OK;
}

uint32_t
rc_addrmap_insert_unique(struct rc_addrmap *m, void *const *keys, uint32_t i)
{
	uint32_t found = rc_addrmap_find(m, keys, keys[i]);

	if (found != RC_NONE)
		return found;
	return rc_addrmap_insert(m, keys, i) == RC_OK ? i : RC_NONE;
}
