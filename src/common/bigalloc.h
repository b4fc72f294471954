/* bigalloc.h - big arrays (a snapshot file's image, tables of millions
 * of slots) on huge pages where the kernel gives them on request: each
 * 4 KiB page faulted in separately costs more than reading it.  Freed
 * with free(). */
#ifndef RC_BIGALLOC_H
#define RC_BIGALLOC_H

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define RC_BIGALLOC_HUGE ((size_t)2 << 20)

/* n bytes (zeroed if zero is set), or NULL. */
static inline void *
rc_bigalloc(size_t n, int zero)
{
#ifdef MADV_HUGEPAGE
	if (n >= 4 * RC_BIGALLOC_HUGE) {
		void *p = NULL;
		if (posix_memalign(&p, RC_BIGALLOC_HUGE, n) != 0)
			return NULL;
		/* Only a hint: without huge pages it is ordinary memory. */
		(void)madvise(p, n & ~(RC_BIGALLOC_HUGE - 1), MADV_HUGEPAGE);
		if (zero)
			memset(p, 0, n);
		return p;
	}
#endif
	return zero ? calloc(n, 1) : malloc(n);
}

#endif
