/* clock.h - seconds on the monotonic clock, for progress lines,
 * timeouts and time-boxed work (the includer has POSIX's clock_gettime
 * declared: Python.h, the curses flags, or _POSIX_C_SOURCE). */
#ifndef RC_CLOCK_H
#define RC_CLOCK_H

#include <time.h>

static inline double
rc_clock_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#endif
