/* fileread.h - refcycle-browse reading a snapshot file: on a thread
 * (src/store/snapjob.h), showing how far it has come on standard error
 * once it takes longer than a moment, and stopped by a ^C.  No curses:
 * the browser's screen is not up yet. */
#ifndef RC_FILEREAD_H
#define RC_FILEREAD_H

#include <stdio.h>

#include "src/common/buf.h"
#include "src/store/snapfile.h"

struct rc_fileread {
	FILE *out;        /* where the progress goes (stderr) */
	int tty;          /* out is a terminal: one line, redrawn */
	double after;     /* seconds before the first word */
	const char *name; /* the file as the user named it */
};

/* Read path as rc_snap_read does; a SIGINT meanwhile stops it
 * (RC_ECANCELED: the message in err, s left empty).  The handler is
 * the program's own only while the file is read. */
int rc_fileread(const struct rc_fileread *how, struct rc_snap *s, const char *path,
		struct rc_buf *err);

/* What the SIGINT handler does: the read going on (or the next one)
 * stops.  For tests. */
void rc_fileread_interrupt(void);

#endif
