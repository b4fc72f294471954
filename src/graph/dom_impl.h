/* dom_impl.h - what dom.c (the dominator tree) and domtree.c (what is
 * read from it) share; not for other files, which use dom.h. */
#ifndef RC_DOM_IMPL_H
#define RC_DOM_IMPL_H

#include <stdint.h>
#include <stdlib.h>

/* malloc of count uint32_t, never of zero bytes; NULL where count words
 * do not fit in size_t. */
static inline uint32_t *
rc_dom_alloc_u32(size_t count)
{
	if (count > SIZE_MAX / sizeof(uint32_t))
		return NULL;
	return malloc((count ? count : 1) * sizeof(uint32_t));
}

#endif
