/* prompt.h - the one-line prompts and search of the browser. */
#ifndef RC_TUI_PROMPT_H
#define RC_TUI_PROMPT_H

#include <stdint.h>

#include "tui/app.h"
#include "tui/keymap.h"
#include "tui/view.h"

/* Open a prompt of the given kind (RC_PROMPT_*), its text initial. */
void rc_prompt_start(struct rc_app *a, int kind, const char *initial);

/* A key while a prompt is open, in view v: edits, accepts (Enter) or
 * cancels (Esc, ^C, ^G) it.  Returns RX_* flags. */
int rc_prompt_key(struct rc_app *a, const struct rc_view_ops *v, struct rc_key key);

/* Move v's cursor to the next row matching a->search in direction dir
 * (1 or -1), from the cursor itself when from_cur.  RX_* flags. */
int rc_search_step(struct rc_app *a, const struct rc_view_ops *v, int dir, int from_cur);

#endif
