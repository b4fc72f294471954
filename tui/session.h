/* session.h - taking the terminal from the host process and giving it back
 * exactly (see /work/shared/notes/terminal.md): terminal modes, signal
 * handlers, the messages locale.  One session at a time per process. */
#ifndef RC_TUI_SESSION_H
#define RC_TUI_SESSION_H

#include <curses.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <termios.h>

#include "src/common/buf.h"

#define RC_SESSION_NSIG 5   /* SIGINT, SIGTERM, SIGTSTP, SIGWINCH, SIGCONT */

struct rc_session {
	struct termios saved;
	int have_modes;
	struct sigaction old[RC_SESSION_NSIG];
	int have_handlers;
	FILE *in, *out;          /* dup'd stdin and stdout */
	SCREEN *scr;
	locale_t loc, prev_loc;  /* LC_MESSAGES from the environment */
};

/* stdin and stdout are terminals, TERM set, not "dumb", known to
 * terminfo and able to address the cursor.  0, or -1 with a message
 * (translated) in err.  Draws nothing and never exits. */
int rc_session_check(struct rc_buf *err);

/* Save modes and handlers, install SIGWINCH and SIGCONT handlers, then
 * newterm on dup'd descriptors with the browser's modes.  0, or -1 with
 * err set, everything given back already. */
int rc_session_enter(struct rc_session *t, struct rc_buf *err);

/* Give everything back: endwin, delscreen, close the streams, restore
 * the modes (TCSAFLUSH: keys typed ahead are dropped) and every handler,
 * and the locale.  Safe on a partly entered session. */
void rc_session_leave(struct rc_session *t);

/* ^Z: leave curses mode, restore the modes, stop with the default
 * SIGTSTP action; on return take the terminal again. */
void rc_session_suspend(struct rc_session *t);

/* 1 if SIGWINCH (or SIGCONT) came since the last call, and clear it. */
int rc_session_take_resize(void);

/* Read the window size from the terminal and resize curses to it (which
 * queues a KEY_RESIZE: the main loop takes it as a redraw). */
void rc_session_apply_size(void);

#endif
