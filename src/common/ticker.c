/* ticker.c - a progress line before the browser has a screen (ticker.h). */
#include <config.h>

#include "src/common/ticker.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "src/common/clock.h"
#include "src/common/i18n.h"

/* Between two lines, in nanoseconds. */
#define TICK_NS 100000000L

/* n with thousands separators: "1,200,000". */
static void
grouped(char *out, size_t cap, uint64_t n)
{
	char digits[32];
	int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)n);
	size_t o = 0;

	for (int i = 0; i < len && o + 2 < cap; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

void
rc_ticker_format(char *out, size_t cap, const char *label, const char *unit,
		 uint64_t done, uint64_t total)
{
	char d[40];

	if (total == 0) {
		grouped(d, sizeof d, done);
		/* TRANSLATORS: progress, the total not known yet: "taking a
		 * snapshot: 1,200,000 objects" */
		snprintf(out, cap, _("%s: %s %s"), label, d, unit);
		return;
	}
	/* TRANSLATORS: progress: "taking a snapshot: 24%" */
	snprintf(out, cap, _("%s: %u%%"), label,
		 (unsigned)((done < total ? done : total) * 100 / total));
}

/* Write all of s (a terminal may take it in parts). */
static void
put(int fd, const char *s)
{
	size_t len = strlen(s);

	while (len > 0) {
		ssize_t w = write(fd, s, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		len -= (size_t)w;
	}
}

static void
draw(struct rc_ticker *t)
{
	char label[sizeof t->label], line[256], out[300];
	uint64_t done, total;

	pthread_mutex_lock(&t->lock);
	memcpy(label, t->label, sizeof label);
	pthread_mutex_unlock(&t->lock);
	if (t->progress == NULL) {
		/* TRANSLATORS: progress by time: "attaching to process 42: 3.1 s" */
		snprintf(line, sizeof line, _("%s: %.1f s"), label, rc_clock_seconds() - t->start);
	} else {
		rc_progress_read(t->progress, &done, &total);
		if (total == 0)
			done = atomic_load_explicit(&t->progress->done, memory_order_relaxed);
		rc_ticker_format(line, sizeof line, label, t->unit, done, total);
	}
	/* Back to the line's start, the text, the rest of the line cleared. */
	snprintf(out, sizeof out, "\r%s\033[K", line);
	put(t->fd, out);
	t->shown = 1;
}

/* Wait until deadline or a stop; nonzero when asked to stop. */
static int
wait_until(struct rc_ticker *t, const struct timespec *deadline)
{
	int stop;

	pthread_mutex_lock(&t->lock);
	while (!t->stop && pthread_cond_timedwait(&t->wake, &t->lock, deadline) != ETIMEDOUT)
		;
	stop = t->stop;
	pthread_mutex_unlock(&t->lock);
	return stop;
}

static void
add_ns(struct timespec *ts, long ns)
{
	ts->tv_nsec += ns;
	while (ts->tv_nsec >= 1000000000L) {
		ts->tv_nsec -= 1000000000L;
		ts->tv_sec++;
	}
}

static void *
run(void *arg)
{
	struct rc_ticker *t = arg;
	struct timespec next;

	clock_gettime(CLOCK_REALTIME, &next);
	add_ns(&next, (long)(t->after * 1e9));
	while (!wait_until(t, &next)) {
		draw(t);
		add_ns(&next, TICK_NS);
	}
	return NULL;
}

void
rc_ticker_start(struct rc_ticker *t, int fd, double after, const char *label,
		const char *unit, struct rc_progress *progress)
{
	memset(t, 0, sizeof *t);
	t->fd = fd;
	t->after = after;
	t->unit = unit;
	t->progress = progress;
	t->start = rc_clock_seconds();
	snprintf(t->label, sizeof t->label, "%s", label);
	if (!isatty(fd) || pthread_mutex_init(&t->lock, NULL) != 0)
		return;
	if (pthread_cond_init(&t->wake, NULL) != 0) {
		pthread_mutex_destroy(&t->lock);
		return;
	}
	if (pthread_create(&t->thread, NULL, run, t) != 0) {
		pthread_cond_destroy(&t->wake);
		pthread_mutex_destroy(&t->lock);
		return;
	}
	t->running = 1;
}

void
rc_ticker_relabel(struct rc_ticker *t, const char *label)
{
	if (!t->running) {
		snprintf(t->label, sizeof t->label, "%s", label);
		return;
	}
	pthread_mutex_lock(&t->lock);
	snprintf(t->label, sizeof t->label, "%s", label);
	pthread_mutex_unlock(&t->lock);
}

void
rc_ticker_stop(struct rc_ticker *t)
{
	if (!t->running)
		return;
	pthread_mutex_lock(&t->lock);
	t->stop = 1;
	pthread_cond_signal(&t->wake);
	pthread_mutex_unlock(&t->lock);
	pthread_join(t->thread, NULL);
	pthread_cond_destroy(&t->wake);
	pthread_mutex_destroy(&t->lock);
	t->running = 0;
	if (t->shown)
		put(t->fd, "\r\033[K");
	t->shown = 0;
}
