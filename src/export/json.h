/* json.h - refcycle's JSON graph format.
 *
 *   {"vertices": [{"id": 1, "annotation": "..."}, ...],
 *    "edges": [{"id": 0, "annotation": "..." or null, "head": 1, "tail": 2}, ...]}
 *
 * refcycle writes annotations as DOT label text (a line break is the two
 * characters backslash-n, since its DOT writer only escapes quotes), so
 * in files labels use that convention, and files move between the two
 * tools both ways; in memory they are plain text.  rc_label_to_file and
 * rc_label_from_file convert. */
#ifndef RC_JSON_H
#define RC_JSON_H

#include "src/common/buf.h"
#include "src/export/lgraph.h"

/* Append s as a JSON string literal (UTF-8 kept; controls escaped). */
void rc_json_quote(struct rc_buf *out, const char *s);

/* Plain text -> DOT label text: '\' doubled, newline as backslash-n. */
void rc_label_to_file(struct rc_buf *out, const char *s);

/* DOT label text -> plain text: backslash-n, -l, -r are line breaks,
 * backslash-backslash and backslash-quote stand for the character; any
 * other backslash is kept. */
void rc_label_from_file(struct rc_buf *out, const char *s, size_t len);

/* The graph in refcycle's JSON format; 0, or -1 when out of memory. */
int rc_json_write(struct rc_buf *out, const struct rc_lgraph *lg);

#endif
