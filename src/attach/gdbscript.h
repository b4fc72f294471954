/* gdbscript.h - gdb's command file for an attach (gdbscript.c). */
#ifndef RC_GDBSCRIPT_H
#define RC_GDBSCRIPT_H

#include "src/common/buf.h"

/* Append to out the commands that have the target's main thread take a
 * snapshot into path (a name of only [A-Za-z0-9/._-], checked by the
 * caller) now or at its next safe point, then detach.  gdb prints
 * "refcycle-attach: ran N" or "refcycle-attach: pending N". */
void rc_gdbscript_commands(struct rc_buf *out, const char *path);

#endif
