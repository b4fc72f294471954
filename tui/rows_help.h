/* rows_help.h - the help's rows, generated from the request table
 * (request.h), so that every request is listed.  No curses. */
#ifndef RC_TUI_ROWS_HELP_H
#define RC_TUI_ROWS_HELP_H

#include "tui/rowlist.h"

/* One RC_ROW_HELP row (aux = the request) per request, in table order,
 * shown. */
int rc_rows_help(struct rc_rowlist *rl);

#endif
