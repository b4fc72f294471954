/* dotcmd.h - rendering DOT with an external graphviz command, for
 * export_image(dot_executable=PATH): refcycle's way, kept for code that
 * names its own dot.  Without a command, rendering is in-process
 * (render.h).  Plain C. */
#ifndef RC_DOTCMD_H
#define RC_DOTCMD_H

#include "src/common/buf.h"

enum rc_dotcmd_status {
	RC_DOTCMD_OK = 0,
	RC_DOTCMD_START = -1,   /* the program could not be started */
	RC_DOTCMD_FAILED = -2   /* it ran and failed (exit status, signal) */
};

/* Run `exe -Tformat -opath` (an argument vector, no shell; exe found on
 * PATH when it has no slash) with the DOT text dot on its standard
 * input, and wait for it.  Its standard output goes to /dev/null, its
 * standard error into err on failure (the last 2,000 bytes).  Returns a
 * status above, with the cause in err.  Blocks until the program ends:
 * call it without locks that other threads need (the module releases
 * the GIL). */
int rc_dotcmd_render(const char *exe, const char *dot, const char *format,
		     const char *path, struct rc_buf *err);

#endif
