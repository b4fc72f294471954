/* dot.h - writing a labelled graph in the DOT language. */
#ifndef RC_DOT_H
#define RC_DOT_H

#include "src/common/buf.h"
#include "src/export/lgraph.h"

/* Append s as a DOT quoted string whose label renders as s: '"' and '\'
 * escaped, a newline as \n, other control characters shown as \xHH text;
 * UTF-8 passes through. */
void rc_dot_quote(struct rc_buf *out, const char *s);

/* refcycle's layout: "digraph G {", the edges "tail -> head [label=...]",
 * then the vertices "id [label=...]", then "}".  Node names are the
 * vertex ids.  Returns 0, or -1 when out of memory. */
int rc_dot_write(struct rc_buf *out, const struct rc_lgraph *lg);

#endif
