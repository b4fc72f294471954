/* tui_host.c - runs the browser on the synthetic worked example, for
 * trying it in a terminal or in tmux without Python.
 *
 *   tests/tui_host [-f] [-n FILLER] [-N] [-p] [--twice]
 *     -f        open on the SomeComputation instead of the types view
 *     -n N      N filler objects (default 300)
 *     -N        no export (model->export_image NULL)
 *     --twice   run the browser twice in a row, as a REPL would
 *     -p        retained sizes pending: the dominator tree is built on a
 *               thread (src/graph/domjob.h) and handed to the browser
 *               only once SIGUSR2 has come (model->analysis_poll)
 *     -t FILE   append to FILE the time each key took, from the key read
 *               (wait_end) to the next wait (wait_begin): handling plus
 *               drawing, in milliseconds
 *
 * Prints the yanked vertex's address on exit ("yanked 0x..."), or how
 * the browser ended, and whether the handlers of SIGINT, SIGTERM,
 * SIGTSTP, SIGWINCH and SIGCONT are those it had before.  SIGUSR1 makes
 * model->interrupted() return 1 (as a pending Ctrl-C would in Python). */
#include <config.h>

#include <inttypes.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#include "src/common/buf.h"
#include "src/common/status.h"
#include "src/graph/domjob.h"
#include "src/model/browser.h"
#include "tests/tui_fixture.h"

/* Key timing: wait_end starts the clock, wait_begin stops it. */
static FILE *timing;
static struct timespec key_start;
static int key_pending;

static void
host_wait_begin(void *ctx)
{
	struct timespec now;
	double ms;

	(void)ctx;
	if (!key_pending)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (double)(now.tv_sec - key_start.tv_sec) * 1e3 +
	     (double)(now.tv_nsec - key_start.tv_nsec) / 1e6;
	fprintf(timing, "%.2f\n", ms);
	fflush(timing);
	key_pending = 0;
}

static void
host_wait_end(void *ctx)
{
	(void)ctx;
	clock_gettime(CLOCK_MONOTONIC, &key_start);
	key_pending = 1;
}

static volatile sig_atomic_t usr1;

static void
on_usr1(int sig)
{
	(void)sig;
	usr1 = 1;
}

/* -p: the tree, held back until SIGUSR2. */
static volatile sig_atomic_t usr2;
static struct rc_dom_job job;
static struct rc_dom_view held;
static uint32_t held_root;

static void
on_usr2(int sig)
{
	(void)sig;
	usr2 = 1;
}

static int
host_analysis_poll(void *ctx, uint64_t *done, uint64_t *total, struct rc_buf *err)
{
	struct tui_fixture *f = ctx;

	if (!usr2) {
		*done = 1;     /* a third, as it would show */
		*total = 3;
		return 0;
	}
	if (!rc_dom_job_poll(&job, done, total))
		return 0;
	if (rc_dom_job_finish(&job, &held) != RC_OK) {
		rc_buf_puts(err, "out of memory");
		return -1;
	}
	rc_model_set_dominators(&f->m, &held);
	return 1;
}

static void
hold_analysis(struct tui_fixture *f)
{
	for (uint32_t v = 0; v < f->n; v++)
		if (f->roots[v] != RC_ROOT_NONE)
			held_root = v;
	if (rc_dom_job_start(&job, &f->g, &held_root, 1, f->size, f->type_of,
			     f->ntypes) != RC_OK)
		return;
	signal(SIGUSR2, on_usr2);
	f->m.analysis_poll = host_analysis_poll;
}

static int
host_interrupted(void *ctx)
{
	(void)ctx;
	return usr1;
}

static const int watched[] = { SIGINT, SIGTERM, SIGTSTP, SIGWINCH, SIGCONT };
#define NWATCHED (sizeof watched / sizeof watched[0])

static void
save_handlers(struct sigaction *sa)
{
	size_t i;

	for (i = 0; i < NWATCHED; i++)
		sigaction(watched[i], NULL, &sa[i]);
}

static void
compare_handlers(const struct sigaction *before)
{
	struct sigaction after[NWATCHED];
	size_t i;
	int same = 1;

	save_handlers(after);
	for (i = 0; i < NWATCHED; i++)
		/* glibc adds SA_RESTORER to whatever it installs: compare the
		 * flags that change behaviour. */
		if (before[i].sa_handler != after[i].sa_handler ||
		    ((before[i].sa_flags ^ after[i].sa_flags) &
		     (SA_SIGINFO | SA_RESTART | SA_NODEFER | SA_RESETHAND |
		      SA_ONSTACK))) {
			printf("handler of signal %d CHANGED\n", watched[i]);
			same = 0;
		}
	if (same)
		printf("handlers restored\n");
}

static int
run_once(struct tui_fixture *f, uint32_t focus)
{
	struct sigaction before[NWATCHED];
	struct rc_buf err = RC_BUF_INIT;
	uint32_t yanked = RC_NONE;
	int rc;

	save_handlers(before);
	rc = rc_browser_run(&f->m, focus, &yanked, &err);

	switch (rc) {
	case RC_BROWSER_QUIT:
		printf("quit\n");
		break;
	case RC_BROWSER_YANK:
		printf("yanked 0x%" PRIx64 " (%s)\n", f->address[yanked],
		       f->summaries[yanked]);
		break;
	case RC_BROWSER_INTERRUPTED:
		printf("interrupted\n");
		break;
	default:
		printf("error: %s\n", err.len ? rc_buf_cstr(&err) : "?");
		break;
	}
	compare_handlers(before);
	fflush(stdout);
	rc_buf_free(&err);
	return rc == RC_BROWSER_ERROR ? 1 : 0;
}

int
main(int argc, char **argv)
{
	struct tui_fixture f;
	uint32_t comp, nfiller = 300, focus = RC_NONE;
	int i, open_focus = 0, twice = 0, no_export = 0, pending = 0, status;

	/* The standalone program may set the whole locale. */
	setlocale(LC_ALL, "");
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-f") == 0)
			open_focus = 1;
		else if (strcmp(argv[i], "-N") == 0)
			no_export = 1;
		else if (strcmp(argv[i], "-p") == 0)
			pending = 1;
		else if (strcmp(argv[i], "--twice") == 0)
			twice = 1;
		else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc) {
			timing = fopen(argv[++i], "a");
			if (timing == NULL) {
				perror(argv[i]);
				return 2;
			}
		} else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			nfiller = (uint32_t)strtoul(argv[++i], NULL, 10);
		else {
			fprintf(stderr, "usage: %s [-f] [-n FILLER] [-N] [-p] [-t FILE] [--twice]\n",
				argv[0]);
			return 2;
		}
	}
	tf_init(&f);
	tf_worked_example(&f, nfiller, &comp);
	if (no_export)
		f.m.export_image = NULL;
	if (open_focus)
		focus = comp;
	if (pending)
		hold_analysis(&f);
	signal(SIGUSR1, on_usr1);
	f.m.interrupted = host_interrupted;
	if (timing) {
		f.m.wait_begin = host_wait_begin;
		f.m.wait_end = host_wait_end;
	}
	status = run_once(&f, focus);
	if (twice && status == 0)
		status = run_once(&f, focus);
	rc_dom_job_cancel(&job);
	rc_dom_view_free(&held);
	tf_free(&f);
	if (timing)
		fclose(timing);
	return status;
}
