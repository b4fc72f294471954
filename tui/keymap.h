/* keymap.h - the one keymap: keys (curses key codes, as wget_wch
 * returns them with KEY_CODE_YES, or characters) to requests, and the
 * texts of the request table.  Strings returned are untranslated
 * (N_()); the callers pass them through _(). */
#ifndef RC_TUI_KEYMAP_H
#define RC_TUI_KEYMAP_H

#include <stddef.h>
#include <stdint.h>

#include "src/common/buf.h"
#include "tui/request.h"

/* A key as the main loop sees it: a character (wide) or a function key
 * code (is_fn set). */
struct rc_key {
	uint32_t code;
	int is_fn;
};

/* The request bound to key, or RC_REQ_NONE. */
enum rc_request rc_keymap_lookup(struct rc_key key);

/* Name, short label and help text of a request (NULL for RC_REQ_NONE or
 * out of range). */
const char *rc_request_name(enum rc_request req);
const char *rc_request_label(enum rc_request req);
const char *rc_request_help(enum rc_request req);

/* Append the names of every key bound to req, separated by sep, to out
 * ("j Down ^N").  Returns the number of keys. */
unsigned rc_keymap_keys(enum rc_request req, const char *sep,
			struct rc_buf *out);

/* The first key bound to req, named as above (appended to out); 0 if
 * none. */
int rc_keymap_first_key(enum rc_request req, struct rc_buf *out);

/* Append a key's name: "q", "^C", "Enter", "Down", "F1". */
void rc_key_name(struct rc_key key, struct rc_buf *out);

#endif
