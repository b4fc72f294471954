/* attach.h - snapshot a running CPython process from outside
 * (refcycle-browse --pid): through gdb in batch mode, a fixed snippet run
 * inside the target imports refcycle, takes a snapshot and saves it to a
 * file in a private directory.  Plain C: no Python, no curses. */
#ifndef RC_ATTACH_H
#define RC_ATTACH_H

#include <signal.h>
#include <sys/types.h>

#include "src/common/buf.h"

/* Where an attach is, for a progress line. */
enum rc_attach_phase {
	RC_ATTACH_DEBUGGING,    /* the debugger attaches and makes its call */
	RC_ATTACH_WAITING       /* the target takes the snapshot at its next safe point */
};

struct rc_attach_opts {
	pid_t pid;
	double timeout;         /* seconds for the whole attach, > 0 */
	const char *debugger;   /* NULL: $REFCYCLE_GDB, else "gdb" */
	/* Set (by a signal handler) to stop the attach early, as the
	 * timeout does; NULL: only the timeout. */
	volatile sig_atomic_t *stop;
	/* Told of each phase as it begins; NULL: not told. */
	void (*phase)(void *ctx, enum rc_attach_phase phase);
	void *phase_ctx;
};

/* What an attach produced.  dir is the private directory (mode 0700)
 * holding path; rc_attach_cleanup removes both. */
struct rc_attach_result {
	char *dir;
	char *path;
	char version[16];       /* the target's "3.N", "" if unknown */
	double seconds;         /* from start to the file being there */
	int stopped;            /* it failed because *opts->stop was set */
};

/* Snapshot process opts->pid into result->path.  The target is never
 * left stopped: the debugger detaches whatever happens, and is
 * interrupted, then killed, past the timeout or once *opts->stop is set
 * (result->stopped then).  0, or -1 with a message
 * for the user (translated, one or more lines, no trailing newline) in
 * err; result holds nothing to clean up then. */
int rc_attach_snapshot(const struct rc_attach_opts *opts, struct rc_attach_result *result,
		       struct rc_buf *err);

/* Move the snapshot to dest (rename, else copy), mode 0600.  0, or -1
 * with the cause in err. */
int rc_attach_move(struct rc_attach_result *result, const char *dest, struct rc_buf *err);

/* Remove the private directory and everything in it; free result. */
void rc_attach_cleanup(struct rc_attach_result *result);

#endif
