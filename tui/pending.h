/* pending.h - the retained sizes and dominator tree a model is still
 * computing while the browser runs (model.h's analysis_poll): polling
 * for them, how far they have come, and the requests that wait for
 * them.  No curses: the main loop draws what these say. */
#ifndef RC_TUI_PENDING_H
#define RC_TUI_PENDING_H

#include "src/common/buf.h"
#include "tui/app.h"

/* Set a->pending from the model (before the first screen). */
void rc_pending_init(struct rc_app *a);

/* Ask the model how far it has come; when the sizes arrive, every view
 * takes them up (its analysis_arrived hook), and when they fail, the
 * message says why and nothing waits any more.  RX_ flags: RX_REDRAW
 * when something on screen changed (the progress shown included). */
int rc_pending_poll(struct rc_app *a);

/* The request a->deferred may now be handed over again: the sizes came
 * while it waited.  Clears a->waiting when it returns 1; 0 while it
 * should go on waiting (or nothing waits). */
int rc_pending_ready(struct rc_app *a);

/* Start waiting for the sizes on behalf of req (a handler said RX_WAIT);
 * stop waiting (cancel set: the user gave up; a message says so). */
void rc_pending_wait(struct rc_app *a, enum rc_request req);
void rc_pending_give_up(struct rc_app *a);

/* "retained sizes 42%" while they are being computed, appended to out;
 * nothing otherwise. */
void rc_pending_progress(const struct rc_app *a, struct rc_buf *out);

#endif
