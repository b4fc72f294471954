/* dot.h - writing a labelled graph in the DOT language. */
#ifndef RC_DOT_H
#define RC_DOT_H

#include "src/common/buf.h"
#include "src/export/lgraph.h"

/* Append s as a DOT quoted string whose label renders as s: '"' and '\'
 * escaped, a newline as \n, other control characters shown as \xHH text;
 * UTF-8 passes through. */
void rc_dot_quote(struct rc_buf *out, const char *s);

/* Append s, DOT label text (refcycle's annotations: backslash escapes
 * are graphviz's to read), quoted as refcycle quotes it: '"' escaped and
 * the rest as it is, but for what refcycle's writer gets wrong: a real
 * newline is written as the line break \n, another control character as
 * visible \xHH text (it would make an SVG invalid), and where an odd run
 * of backslashes would pair with the backslash of an escape (or escape
 * the closing quote), one more backslash keeps the string whole. */
void rc_dot_quote_text(struct rc_buf *out, const char *s);

/* refcycle's layout: "digraph G {", the edges "tail -> head [label=...]",
 * then the vertices "id [label=...]", then "}".  Node names are the
 * vertex ids; labels quoted as their form needs (lg->dot_text).  Returns
 * 0, or -1 when out of memory. */
int rc_dot_write(struct rc_buf *out, const struct rc_lgraph *lg);

#endif
