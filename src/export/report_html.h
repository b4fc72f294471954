/* report_html.h - the HTML of the leak report (report.h): escaping
 * anybody's text, the page's frame and style sheet, inlining graphviz's
 * SVG.  The page needs nothing else: no script, no network, no file
 * beside it.  Plain C. */
#ifndef RC_EXPORT_REPORT_HTML_H
#define RC_EXPORT_REPORT_HTML_H

#include <stddef.h>

#include "src/common/buf.h"

/* Append s as HTML text (also safe inside a quoted attribute): & < > "
 * ' as entities; control characters (C0, DEL, C1) and bytes that are not
 * UTF-8 as visible \xHH (\u0085 for a C1 control); tabs and newlines
 * kept. */
void rc_html_text(struct rc_buf *out, const char *s);

/* The page up to its <body>: doctype, language, UTF-8, the title
 * (escaped here), the style sheet (screen and print). */
void rc_html_begin(struct rc_buf *out, const char *lang, const char *title);

/* The end of the page. */
void rc_html_end(struct rc_buf *out);

/* Append graphviz's SVG document svg[0..len-1] as an element of the
 * page: from its <svg> tag on, the XML declaration, DOCTYPE and comments
 * before it left out.  0, or -1 when it holds no <svg> element. */
int rc_html_svg(struct rc_buf *out, const char *svg, size_t len);

#endif
