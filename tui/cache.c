/* cache.c - bounded string cache, open addressing (see cache.h). */
#include <config.h>

#include "tui/cache.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"

int
rc_strcache_init(struct rc_strcache *c, uint32_t cap)
{
	uint32_t n = 16;

	while (n < cap && n < (1u << 30))
		n *= 2;
	c->slots = calloc(n, sizeof *c->slots);
	if (c->slots == NULL) {
		c->cap = c->used = 0;
		return RC_ENOMEM;
	}
	c->cap = n;
	c->used = 0;
	return RC_OK;
}

void
rc_strcache_clear(struct rc_strcache *c)
{
	uint32_t i;

	for (i = 0; i < c->cap; i++) {
		free(c->slots[i].s);
		c->slots[i].s = NULL;
	}
	c->used = 0;
}

void
rc_strcache_free(struct rc_strcache *c)
{
	if (c->slots)
		rc_strcache_clear(c);
	free(c->slots);
	c->slots = NULL;
	c->cap = 0;
}

static uint32_t
slot_of(const struct rc_strcache *c, uint64_t key)
{
	uint64_t h = key * 0x9E3779B97F4A7C15ull;

	return (uint32_t)(h >> 32) & (c->cap - 1);
}

const char *
rc_strcache_get(const struct rc_strcache *c, uint64_t key)
{
	uint32_t i;

	if (c->cap == 0)
		return NULL;
	for (i = slot_of(c, key); c->slots[i].s; i = (i + 1) & (c->cap - 1))
		if (c->slots[i].key == key)
			return c->slots[i].s;
	return NULL;
}

const char *
rc_strcache_put(struct rc_strcache *c, uint64_t key, const char *s,
		size_t len)
{
	char *copy;
	uint32_t i;

	if (c->cap == 0)
		return NULL;
	copy = malloc(len + 1);
	if (copy == NULL)
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	for (i = slot_of(c, key); c->slots[i].s; i = (i + 1) & (c->cap - 1))
		if (c->slots[i].key == key) {
			free(c->slots[i].s);
			c->slots[i].s = copy;
			return copy;
		}
	if (c->used + 1 > c->cap / 2) {
		rc_strcache_clear(c);
		i = slot_of(c, key);
	}
	c->slots[i].key = key;
	c->slots[i].s = copy;
	c->used++;
	return copy;
}
