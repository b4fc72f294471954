/* browse_main.c - refcycle-browse: the browser on a saved snapshot file,
 * without Python.
 *
 *   refcycle-browse [--focus ADDRESS] FILE   browse FILE
 *   refcycle-browse --info FILE              what FILE holds, no terminal
 *
 * Exit status: 0 when the user quits (q, or y: the focused object's
 * address is then printed), 1 when FILE cannot be read or is not a valid
 * snapshot, or the terminal cannot be used, 2 for a wrong command line.
 * Messages go to standard error, in the user's language. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "i18n.h"
#include "snapmodel.h"
#include "tui.h"

static const char *program = "refcycle-browse";

static void
usage(FILE *out)
{
	fprintf(out, _("Usage: %s [OPTION]... FILE\n"), program);
	fputs(_("Browse a heap snapshot saved by refcycle (ObjectGraph.save): types,\n"
		"objects, referrers, paths to roots, dominators, image export.\n"
		"\n"
		"  -f, --focus=ADDRESS  open on the object that had this id (0x... or decimal)\n"
		"  -i, --info           print what FILE holds and exit (no terminal needed)\n"
		"  -h, --help           show this help and exit\n"
		"  -V, --version        show the version and exit\n"
		"\n"
		"Press ? in the browser for its keys.  Exit status: 0 on quitting, 1 if\n"
		"FILE cannot be read or is not a valid snapshot or the terminal cannot\n"
		"be used, 2 for a wrong command line.\n"), out);
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

static int
browse(const struct rc_snapmodel *sm, uint32_t focus)
{
	struct rc_buf err = RC_BUF_INIT;
	uint32_t yanked = RC_NONE;
	int rc = rc_tui_run(&sm->model, focus, &yanked, &err);

	if (rc == RC_TUI_ERROR) {
		fprintf(stderr, "%s: %s\n", program, rc_buf_cstr(&err) ? err.data : "?");
		rc_buf_free(&err);
		return 1;
	}
	if (rc == RC_TUI_YANK && yanked != RC_NONE)
		printf("0x%" PRIx64 "\n", sm->snap.address[yanked]);
	rc_buf_free(&err);
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{"focus", required_argument, NULL, 'f'},
		{"info", no_argument, NULL, 'i'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0}
	};
	const char *focus_arg = NULL;
	int info = 0, opt;

	setlocale(LC_ALL, "");
#if ENABLE_NLS
	bindtextdomain(PACKAGE, LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
#endif
	while ((opt = getopt_long(argc, argv, "f:ihV", options, NULL)) != -1) {
		switch (opt) {
		case 'f': focus_arg = optarg; break;
		case 'i': info = 1; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("%s (%s) %s\n", program, PACKAGE_NAME, PACKAGE_VERSION); return 0;
		default: return wrong_usage(NULL);
		}
	}
	if (optind == argc)
		return wrong_usage(_("no FILE given"));
	if (optind < argc - 1)
		return wrong_usage(_("one FILE only"));

	uint64_t address = 0;
	char *end = NULL;
	if (focus_arg != NULL) {
		errno = 0;
		address = strtoull(focus_arg, &end, 0);
		if (errno != 0 || end == focus_arg || *end != '\0')
			return wrong_usage(_("--focus needs an address (0x... or decimal)"));
	}
	if (!info) {
		/* Before the file is read: a script without a terminal learns
		 * it at once. */
		struct rc_buf err = RC_BUF_INIT;
		if (rc_tui_check_terminal(&err) < 0) {
			fprintf(stderr, "%s: %s\n", program, rc_buf_cstr(&err) ? err.data : "?");
			rc_buf_free(&err);
			return 1;
		}
	}

	struct rc_snapmodel sm;
	struct rc_buf err = RC_BUF_INIT;
	if (rc_snapmodel_open(&sm, argv[optind], &err) < 0) {
		fprintf(stderr, "%s: %s\n", program, rc_buf_cstr(&err) ? err.data : "?");
		rc_buf_free(&err);
		return 1;
	}
	rc_buf_free(&err);
	int status = 0;
	uint32_t focus = RC_NONE;
	if (focus_arg != NULL && (focus = find_address(&sm.snap, address)) == RC_NONE) {
		fprintf(stderr, _("%s: %s: no object had id %s\n"), program, argv[optind], focus_arg);
		status = 1;
	} else if (info) {
		print_info(argv[optind], &sm);
	} else {
		status = browse(&sm, focus);
	}
	rc_snapmodel_free(&sm);
	return status;
}
