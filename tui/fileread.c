/* fileread.c - reading a snapshot file with progress and ^C (see
 * fileread.h). */
#include <config.h>

#include "tui/fileread.h"

#include <signal.h>
#include <string.h>
#include <time.h>

#include "src/common/i18n.h"
#include "src/common/clock.h"
#include "src/common/status.h"
#include "src/store/snapjob.h"

/* How often the progress is looked at, and redrawn on a terminal (a
 * line of its own each second otherwise). */
#define POLL_MS 100
#define LINE_EVERY 1.0

static volatile sig_atomic_t interrupted;

static void
on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

void
rc_fileread_interrupt(void)
{
	interrupted = 1;
}

static void
show(const struct rc_fileread *how, uint64_t done, uint64_t total)
{
	unsigned pct = total ? (unsigned)(done * 100 / total) : 0;

	if (how->tty)
		fprintf(how->out, "\r");
	fprintf(how->out, _("Reading %s: %u%%"), how->name, pct);
	fprintf(how->out, how->tty ? "\033[K" : "\n");
	fflush(how->out);
}

/* Wait for the job, showing its progress; 1 if a ^C came. */
static int
wait_shown(const struct rc_fileread *how, struct rc_snap_job *job)
{
	double start = rc_clock_seconds(), last = 0;
	int shown = 0;

	while (!rc_snap_job_wait(job, POLL_MS) && !interrupted) {
		double t = rc_clock_seconds();
		if (t - start < how->after || (!how->tty && shown && t - last < LINE_EVERY))
			continue;
		uint64_t done, total;
		rc_progress_read(&job->progress, &done, &total);
		show(how, done, total);
		shown = 1;
		last = t;
	}
	if (shown && how->tty) {   /* the line goes: the screen or a message follows */
		fprintf(how->out, "\r\033[K");
		fflush(how->out);
	}
	return interrupted != 0;
}

int
rc_fileread(const struct rc_fileread *how, struct rc_snap *s, const char *path,
	    struct rc_buf *err)
{
	struct sigaction sa, old;
	struct rc_snap_job job;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGINT, &sa, &old) != 0)
		return rc_snap_read(s, path, err);
	int rc;
	if (interrupted) {
		rc = RC_ECANCELED;
		memset(s, 0, sizeof *s);
	} else if (rc_snap_job_start(&job, path) != RC_OK) {
		rc = rc_snap_read(s, path, err);
	} else {
		if (wait_shown(how, &job))
			rc_progress_cancel(&job.progress);
		rc = rc_snap_job_finish(&job, s, err);
		if (rc == RC_OK && interrupted) {
			rc_snap_free(s);
			rc = RC_ECANCELED;
		}
	}
	if (rc == RC_ECANCELED) {   /* the job's words replaced by the user's */
		err->len = 0;
		rc_buf_printf(err, "%s: %s", how->name, _("interrupted"));
	}
	sigaction(SIGINT, &old, NULL);
	return rc;
}
