/* browse_main.c - refcycle-browse: the browser on a saved snapshot file,
 * without Python.
 *
 *   refcycle-browse [--focus ADDRESS] FILE   browse FILE
 *   refcycle-browse --info FILE              what FILE holds, no terminal
 *   refcycle-browse --pid PID [--save FILE]  snapshot a running Python
 *                                            process (src/attach), browse
 *   refcycle-browse --report OUT.html FILE   write FILE's leak report
 *                                            (src/export/report.c), no
 *                                            terminal
 *   refcycle-browse --since OLD ...          browse or report compared
 *                                            with an earlier snapshot file
 *
 * Exit status: 0 when the user quits (q, or y: the focused object's
 * address is then printed), --save saved or --report wrote, 1 when FILE
 * cannot be read or is not a valid snapshot, the report cannot be written, the process cannot be attached to, or the
 * terminal cannot be used, 2 for a wrong command line, 130 when a ^C
 * stops the reading of a file (which shows its progress on standard
 * error once it takes longer than half a second).
 * Messages go to standard error, in the user's language. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "src/attach/attach.h"
#include "src/common/buf.h"
#include "src/common/i18n.h"
#include "src/common/status.h"
#include "src/export/report.h"
#include "src/model/browser.h"
#include "tui/fileread.h"
#include "tui/snapmodel.h"
#include "src/common/ticker.h"

static const char *program = "refcycle-browse";

/* Exit status after a ^C, as a shell reports one. */
#define EXIT_INTERRUPTED 130

/* Read path (named name) with progress on standard error and ^C: the
 * read's status, its message in err. */
static int
read_file(struct rc_snap *s, const char *path, const char *name, struct rc_buf *err)
{
	const char *after = getenv("REFCYCLE_PROGRESS_AFTER");   /* for tests */
	struct rc_fileread how = {stderr, isatty(2), after ? atof(after) : 0.5, name};

	return rc_fileread(&how, s, path, err);
}

static void
usage(FILE *out)
{
	fprintf(out, _("Usage: %s [OPTION]... FILE\n"
		       "  or:  %s --pid PID [--save FILE] [OPTION]...\n"), program, program);
	fputs(_("Browse a heap snapshot saved by refcycle (ObjectGraph.save): types,\n"
		"objects, referrers, paths to roots, dominators, image export.\n"
		"\n"
		"  -f, --focus=ADDRESS  open on the object that had this id (0x... or decimal)\n"
		"  -i, --info           print what FILE holds and exit (no terminal needed)\n"
		"  -r, --report=OUT     write FILE's leak report to OUT, one HTML file\n"
		"                       (suspects, paths, types), and exit (no terminal)\n"
		"  -S, --since=OLD      compare with the earlier snapshot file OLD: the\n"
		"                       objects new since then, each type's growth\n"
		"  -p, --pid=PID        attach to running Python process PID (through gdb),\n"
		"                       snapshot it and browse the snapshot\n"
		"  -s, --save=FILE      with --pid: save the snapshot to FILE, do not browse\n"
		"  -t, --timeout=SECONDS  with --pid: give up after this long (default 30)\n"
		"  -h, --help           show this help and exit\n"
		"  -V, --version        show the version and exit\n"
		"\n"
		"Press ? in the browser for its keys.  Exit status: 0 on quitting (or\n"
		"saving, or writing the report), 1 if FILE cannot be read or is not a\n"
		"valid snapshot, the report cannot be written, the process cannot be\n"
		"attached to, or the terminal cannot be used, 2 for a wrong command line,\n"
		"130 when ^C stops the reading of FILE.\n"
		"REFCYCLE_GDB names the debugger (default gdb).\n"), out);
}

/* msg (NULL: getopt has said what is wrong), then where to look. */
static int
wrong_usage(const char *msg)
{
	if (msg != NULL)
		fprintf(stderr, "%s: %s\n", program, msg);
	fprintf(stderr, _("Try '%s --help' for more information.\n"), program);
	return 2;
}

/* The vertex that had address, or RC_NONE. */
static uint32_t
find_address(const struct rc_snap *s, uint64_t address)
{
	for (uint32_t v = 0; v < s->g.n; v++)
		if (s->address[v] == address)
			return v;
	return RC_NONE;
}

static void
print_info(const char *path, const struct rc_snapmodel *sm)
{
	const struct rc_snap *s = &sm->snap;
	uint64_t total = 0;
	uint32_t nroots = rc_nodeset_count(&sm->roots);
	char when[64] = "?";
	time_t created = (time_t)s->created;
	struct tm tm;

	for (uint32_t v = 0; v < s->g.n; v++)
		total += s->size[v];
	if (gmtime_r(&created, &tm) != NULL)
		strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &tm);
	printf("%s\n", path);
	printf(_("  objects:    %" PRIu32 " (%" PRIu64 " bytes)\n"), s->g.n, total);
	printf(_("  references: %" PRIu32 "\n"), s->g.m);
	printf(_("  types:      %" PRIu32 "\n"), s->ntypes);
	printf(_("  roots:      %" PRIu32 "\n"), nroots);
	printf(_("  saved:      %s\n"), when);
	if (s->title != RC_NONE)
		printf(_("  from:       %s\n"), rc_snap_string(s, s->title));
}

/* The leak report of sm (the heap from source) to out: the exit status,
 * after saying what was written or what failed. */
static int
report(struct rc_snapmodel *sm, const char *source, const char *since, const char *out)
{
	const struct rc_snap *s = &sm->snap;
	struct rc_buf err = RC_BUF_INIT;
	struct rc_report_stats stats;
	const char *title = s->title != RC_NONE ? rc_snap_string(s, s->title) : source;
	struct rc_report_opts o = {title, since, NULL, 0, NULL, 1};
	/* The report needs the dominator tree the model builds meanwhile. */
	int rc = rc_snapmodel_wait(sm);

	if (rc == RC_OK)
		rc = rc_report_save(&sm->model, &o, out, &stats, &err);

	if (rc == RC_EIO) {
		fprintf(stderr, "%s: %s\n", program, rc_buf_cstr(&err) ? err.data : "?");
	} else if (rc != RC_OK) {
		fprintf(stderr, "%s: %s\n", program, _("out of memory"));
	} else {
		printf(_("Wrote %s: %" PRIu32 " objects, %" PRIu32 " leak suspects, %" PRIu32
			 " paths drawn\n"), out, s->g.n, stats.suspects, stats.pictures);
	}
	rc_buf_free(&err);
	return rc == RC_OK ? 0 : 1;
}

/* Compare sm with the earlier snapshot file old: 0, or -1 after saying
 * why not. */
static int
compare(struct rc_snapmodel *sm, const char *old)
{
	struct rc_snap before;
	struct rc_buf err = RC_BUF_INIT;
	int rc = read_file(&before, old, old, &err);

	if (rc == RC_OK) {
		rc = rc_snapmodel_compare(sm, &before);
		rc_snap_free(&before);
		if (rc != RC_OK)
			rc_buf_puts(&err, _("out of memory"));
	}
	if (rc != RC_OK)
		fprintf(stderr, "%s: %s\n", program, rc_buf_cstr(&err) ? err.data : "?");
	rc_buf_free(&err);
	return rc == RC_OK ? 0 : rc == RC_ECANCELED ? -2 : -1;
}

static int
browse(const struct rc_snapmodel *sm, uint32_t focus)
{
	struct rc_buf err = RC_BUF_INIT;
	uint32_t yanked = RC_NONE;
	int rc = rc_browser_run(&sm->model, focus, &yanked, &err);

	if (rc == RC_BROWSER_ERROR) {
		fprintf(stderr, "%s: %s\n", program, rc_buf_cstr(&err) ? err.data : "?");
		rc_buf_free(&err);
		return 1;
	}
	if (rc == RC_BROWSER_YANK && yanked != RC_NONE)
		printf("0x%" PRIx64 "\n", sm->snap.address[yanked]);
	rc_buf_free(&err);
	return 0;
}

/* --pid and --timeout into opts; 0, or -1 after saying what is wrong.
 * The PID must be a plain decimal number: it is the one thing from the
 * command line that reaches the debugger (as its -p argument). */
static int
parse_attach(const char *pid_arg, const char *timeout_arg, struct rc_attach_opts *opts)
{
	char *end = NULL;
	errno = 0;
	long pid = strtol(pid_arg, &end, 10);
	if (errno != 0 || end == pid_arg || *end != '\0' || pid <= 0 || pid > INT_MAX
	    || pid_arg[strspn(pid_arg, "0123456789")] != '\0') {
		wrong_usage(_("--pid needs a process id (a positive integer)"));
		return -1;
	}
	opts->pid = (pid_t)pid;
	if (timeout_arg != NULL) {
		errno = 0;
		double t = strtod(timeout_arg, &end);
		if (errno != 0 || end == timeout_arg || *end != '\0' || !(t > 0 && t <= 86400)) {
			wrong_usage(_("--timeout needs a number of seconds (more than 0, at most 86400)"));
			return -1;
		}
		opts->timeout = t;
	}
	return 0;
}

/* ^C while attaching: the attach stops as at its timeout, cleanly. */
static volatile sig_atomic_t attach_stop;

static void
on_sigint(int signum)
{
	(void)signum;
	attach_stop = 1;
}

/* The progress line's text for each step of an attach. */
struct attach_progress {
	struct rc_ticker ticker;
	long pid;
};

static void
attach_phase(void *ctx, enum rc_attach_phase phase)
{
	struct attach_progress *p = ctx;
	char label[96];

	if (phase == RC_ATTACH_DEBUGGING)
		snprintf(label, sizeof label, _("attaching to process %ld"), p->pid);
	else
		snprintf(label, sizeof label, _("process %ld is taking its snapshot"), p->pid);
	rc_ticker_relabel(&p->ticker, label);
}

/* Snapshot the process, with a progress line on the terminal after half
 * a second and ^C stopping it.  0, or -1 with the message in err. */
static int
attach_with_progress(const struct rc_attach_opts *given, struct rc_attach_result *result,
		     struct rc_buf *err)
{
	struct rc_attach_opts opts = *given;
	struct attach_progress progress = {.pid = (long)given->pid};
	struct sigaction sa, old;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	attach_stop = 0;
	sigaction(SIGINT, &sa, &old);
	opts.stop = &attach_stop;
	opts.phase = attach_phase;
	opts.phase_ctx = &progress;
	rc_ticker_start(&progress.ticker, STDERR_FILENO, 0.5, "", NULL, NULL);
	attach_phase(&progress, RC_ATTACH_DEBUGGING);
	int rc = rc_attach_snapshot(&opts, result, err);
	rc_ticker_stop(&progress.ticker);
	sigaction(SIGINT, &old, NULL);
	return rc;
}

/* Snapshot the process.  With save, move the file there: the exit status
 * (0 saved, 1 failed, 130 stopped by ^C).  Without: -1, result holding
 * the file to browse; or 1 or 130 after saying why there is none. */
static int
attach(const struct rc_attach_opts *opts, const char *save, struct rc_attach_result *result)
{
	struct rc_buf err = RC_BUF_INIT;
	int status = -1;

	if (attach_with_progress(opts, result, &err) < 0) {
		status = result->stopped ? 130 : 1;
	} else if (save != NULL) {
		status = rc_attach_move(result, save, &err) < 0 ? 1 : 0;
		rc_attach_cleanup(result);
	}
	if (status > 0)
		fprintf(stderr, "%s: %s\n", program, rc_buf_cstr(&err) ? err.data : "?");
	rc_buf_free(&err);
	return status;
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{"focus", required_argument, NULL, 'f'},
		{"info", no_argument, NULL, 'i'},
		{"report", required_argument, NULL, 'r'},
		{"since", required_argument, NULL, 'S'},
		{"pid", required_argument, NULL, 'p'},
		{"save", required_argument, NULL, 's'},
		{"timeout", required_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0}
	};
	const char *focus_arg = NULL, *pid_arg = NULL, *save_arg = NULL, *timeout_arg = NULL;
	const char *report_arg = NULL, *since_arg = NULL;
	int info = 0, opt;

	setlocale(LC_ALL, "");
#if ENABLE_NLS
	/* REFCYCLE_LOCALEDIR: the catalogs elsewhere (tests: the build tree's). */
	const char *localedir = getenv("REFCYCLE_LOCALEDIR");
	bindtextdomain(PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
#endif
	while ((opt = getopt_long(argc, argv, "f:ir:S:p:s:t:hV", options, NULL)) != -1) {
		switch (opt) {
		case 'f': focus_arg = optarg; break;
		case 'i': info = 1; break;
		case 'r': report_arg = optarg; break;
		case 'S': since_arg = optarg; break;
		case 'p': pid_arg = optarg; break;
		case 's': save_arg = optarg; break;
		case 't': timeout_arg = optarg; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("%s (%s) %s\n", program, PACKAGE_NAME, PACKAGE_VERSION); return 0;
		default: return wrong_usage(NULL);
		}
	}
	if (report_arg != NULL && (info || save_arg != NULL || focus_arg != NULL))
		return wrong_usage(_("--report goes with neither --info, --save nor --focus"));
	if (since_arg != NULL && (info || save_arg != NULL))
		return wrong_usage(_("--since goes with neither --info nor --save"));
	if (report_arg != NULL && *report_arg == '\0')
		return wrong_usage(_("--report needs a file name"));
	struct rc_attach_opts attach_opts = {.pid = 0, .timeout = 30.0, .debugger = NULL};
	const char *file = NULL;
	if (pid_arg != NULL) {
		if (optind != argc)
			return wrong_usage(_("--pid takes no FILE"));
		if (parse_attach(pid_arg, timeout_arg, &attach_opts) < 0)
			return 2;
	} else if (save_arg != NULL || timeout_arg != NULL) {
		return wrong_usage(_("--save and --timeout go with --pid"));
	} else if (optind == argc) {
		return wrong_usage(_("no FILE given"));
	} else if (optind < argc - 1) {
		return wrong_usage(_("one FILE only"));
	} else {
		file = argv[optind];
	}

	uint64_t address = 0;
	char *end = NULL;
	if (focus_arg != NULL) {
		errno = 0;
		address = strtoull(focus_arg, &end, 0);
		if (errno != 0 || end == focus_arg || *end != '\0')
			return wrong_usage(_("--focus needs an address (0x... or decimal)"));
	}
	if (!info && save_arg == NULL && report_arg == NULL) {
		/* Before the file is read (or the process attached to): a script without a terminal learns
		 * it at once. */
		struct rc_buf err = RC_BUF_INIT;
		if (rc_browser_check_terminal(&err) < 0) {
			fprintf(stderr, "%s: %s\n", program, rc_buf_cstr(&err) ? err.data : "?");
			rc_buf_free(&err);
			return 1;
		}
	}

	struct rc_attach_result attached = {0};
	char pid_name[64];
	if (pid_arg != NULL) {
		int status = attach(&attach_opts, save_arg, &attached);
		if (status >= 0)
			return status;
		file = attached.path;
		snprintf(pid_name, sizeof pid_name, _("process %ld"), (long)attach_opts.pid);
	}

	struct rc_snapmodel sm;
	struct rc_snap snap;
	struct rc_buf err = RC_BUF_INIT;
	int opened = read_file(&snap, file, file, &err);
	if (opened == RC_OK) {
		struct rc_buf why = RC_BUF_INIT;
		opened = rc_snapmodel_init(&sm, &snap, &why);
		if (opened < 0)
			rc_buf_printf(&err, "%s: %s", file,
				      rc_buf_cstr(&why) ? why.data : _("out of memory"));
		rc_buf_free(&why);
	}
	if (pid_arg != NULL) {
		/* The snapshot is in memory now: its private copy goes. */
		rc_attach_cleanup(&attached);
		file = pid_name;
	}
	if (opened < 0) {
		fprintf(stderr, "%s: %s\n", program, rc_buf_cstr(&err) ? err.data : "?");
		rc_buf_free(&err);
		return opened == RC_ECANCELED ? EXIT_INTERRUPTED : 1;
	}
	rc_buf_free(&err);
	int compared = since_arg != NULL ? compare(&sm, since_arg) : 0;
	if (compared < 0) {
		rc_snapmodel_free(&sm);
		return compared == -2 ? EXIT_INTERRUPTED : 1;
	}
	int status = 0;
	uint32_t focus = RC_NONE;
	if (focus_arg != NULL && (focus = find_address(&sm.snap, address)) == RC_NONE) {
		fprintf(stderr, _("%s: %s: no object had id %s\n"), program, file, focus_arg);
		status = 1;
	} else if (info) {
		print_info(file, &sm);
	} else if (report_arg != NULL) {
		status = report(&sm, file, since_arg, report_arg);
	} else {
		status = browse(&sm, focus);
	}
	rc_snapmodel_free(&sm);
	return status;
}
