/* browser.h - the browser's entry point: browse a heap model (model.h)
 * in the terminal.  Implemented by tui/ (tui/tui.c, ncurses); declared
 * here, with no curses and no Python, so that whoever holds a heap (the
 * Python module, refcycle-browse, the test host) opens the browser
 * without including anything of tui/. */
#ifndef RC_MODEL_BROWSER_H
#define RC_MODEL_BROWSER_H

#include <stdint.h>

#include "src/common/buf.h"
#include "src/model/model.h"

enum rc_browser_result {
	RC_BROWSER_QUIT = 0,         /* the user quit */
	RC_BROWSER_YANK = 1,         /* the user quit with y: *yanked is set */
	RC_BROWSER_INTERRUPTED = 2,  /* model->interrupted asked to stop */
	RC_BROWSER_ERROR = -1        /* err says why */
};

/* Whether the browser can run here, checked before anything is drawn:
 * stdin and stdout are ttys, TERM is set, not "dumb", and known to
 * terminfo (setupterm on the descriptor; never initscr, which exits the
 * process).  0, or -1 with a translated message in err. */
int rc_browser_check_terminal(struct rc_buf *err);

/* Browse m until the user quits.  focus: the object to open on, or
 * RC_NONE for the types view.  *yanked receives the focused vertex when
 * the user quits with y, else RC_NONE.  Takes the terminal and gives it
 * back exactly (modes, signal handlers, locale), also on errors.  Calls
 * m->wait_begin / m->wait_end around each wait for a key only, and
 * touches the model only outside them.  Returns an enum rc_browser_result;
 * RC_BROWSER_ERROR with the message in err (another session running, the
 * terminal check failed, out of memory). */
int rc_browser_run(const struct rc_model *m, uint32_t focus, uint32_t *yanked,
	       struct rc_buf *err);

#endif
