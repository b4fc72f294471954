/* ticker.h - a progress line on the terminal for work that runs before
 * the browser has a screen (a snapshot, attaching to a process): drawn
 * by a thread of its own from the work's rc_progress, since the work
 * itself may not stop to draw (a capture runs no code but its own).
 *
 * Nothing is written unless the work is still running after a while,
 * and only to a terminal; the line is erased when the work ends, so the
 * terminal is left as it was. */
#ifndef RC_TICKER_H
#define RC_TICKER_H

#include <pthread.h>

#include "src/common/progress.h"

struct rc_ticker {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int fd;
	int running;        /* the thread was started */
	int stop;           /* asked to stop (under lock) */
	int shown;          /* a line is on the terminal */
	double after;       /* seconds before the first line */
	char label[96];     /* "taking a snapshot" (under lock) */
	const char *unit;   /* "objects" */
	struct rc_progress *progress;
	double start;       /* when it started (CLOCK_MONOTONIC seconds) */
};

/* Start drawing label, and how far progress has come, on fd every
 * tenth of a second from after seconds on, if fd is a terminal: a
 * percentage, or while progress's total is 0 (not known yet) its done
 * count in units of unit; with progress NULL, the seconds since the
 * start ("attaching to process 42: 3.1 s").  Whatever
 * happens (not a terminal, no thread), the work goes on: the ticker then
 * draws nothing. */
void rc_ticker_start(struct rc_ticker *t, int fd, double after, const char *label,
		     const char *unit, struct rc_progress *progress);

/* Draw label from now on (the work has moved to another step). */
void rc_ticker_relabel(struct rc_ticker *t, const char *label);

/* Stop drawing and erase the line; the progress is no longer read. */
void rc_ticker_stop(struct rc_ticker *t);

/* The text of one line ("taking a snapshot: 24%", or with total 0
 * "taking a snapshot: 1,200,000 objects") in out (at most cap bytes).
 * Apart for the tests. */
void rc_ticker_format(char *out, size_t cap, const char *label, const char *unit,
		      uint64_t done, uint64_t total);

#endif
