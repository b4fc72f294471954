/* strtab.c - interned strings (see strtab.h). */
#include <config.h>

#include "src/store/strtab.h"

#include <stdlib.h>
#include <string.h>

#include "src/graph/graph.h"

void
rc_strtab_init(struct rc_strtab *t)
{
	memset(t, 0, sizeof *t);
}

void
rc_strtab_free(struct rc_strtab *t)
{
	free(t->off);
	free(t->data);
	free(t->slot);
	memset(t, 0, sizeof *t);
}

/* FNV-1a: strings here are short. */
static uint32_t
hash_bytes(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static int
same(const struct rc_strtab *t, uint32_t id, const char *s, size_t len)
{
	return t->off[id + 1] - t->off[id] == len + 1
	       && memcmp(t->data + t->off[id], s, len) == 0;
}

static int
grow_slots(struct rc_strtab *t)
{
	uint32_t nslots = t->nslots ? t->nslots * 2 : 1024;
	uint32_t *slot = calloc(nslots, sizeof *slot);

	if (slot == NULL || nslots < t->nslots)
		return free(slot), -1;
	for (uint32_t id = 0; id < t->n; id++) {
		const char *s = t->data + t->off[id];
		uint32_t i = hash_bytes(s, t->off[id + 1] - t->off[id] - 1) & (nslots - 1);
		while (slot[i] != 0)
			i = (i + 1) & (nslots - 1);
		slot[i] = id + 1;
	}
	free(t->slot);
	t->slot = slot;
	t->nslots = nslots;
	return 0;
}

static int
append(struct rc_strtab *t, const char *s, size_t len)
{
	if (t->n + 1 >= t->ncap) {
		uint32_t ncap = t->ncap ? t->ncap * 2 : 1024;
		uint64_t *off = ncap > t->ncap ? realloc(t->off, ((size_t)ncap + 1) * sizeof *off) : NULL;
		if (off == NULL)
			return -1;
		t->off = off;
		t->ncap = ncap;
		t->off[0] = 0;
	}
	if (t->len + len + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 4096;
		while (cap < t->len + len + 1)
			cap *= 2;
		char *data = realloc(t->data, cap);
		if (data == NULL)
			return -1;
		t->data = data;
		t->cap = cap;
	}
	memcpy(t->data + t->len, s, len);
	t->data[t->len + len] = '\0';
	t->len += len + 1;
	t->off[++t->n] = t->len;
	return 0;
}

uint32_t
rc_strtab_intern(struct rc_strtab *t, const char *s, size_t len)
{
	if (t->n >= RC_NONE - 1 || len >= SIZE_MAX / 2)
		return RC_NONE;
	if ((uint64_t)(t->n + 1) * 2 > t->nslots && grow_slots(t) < 0)
		return RC_NONE;
	uint32_t i = hash_bytes(s, len) & (t->nslots - 1);
	for (; t->slot[i] != 0; i = (i + 1) & (t->nslots - 1))
		if (same(t, t->slot[i] - 1, s, len))
			return t->slot[i] - 1;
	if (append(t, s, len) < 0)
		return RC_NONE;
	t->slot[i] = t->n;
	return t->n - 1;
}
