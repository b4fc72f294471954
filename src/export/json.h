/* json.h - refcycle's JSON graph format.
 *
 *   {"vertices": [{"id": 1, "annotation": "..."}, ...],
 *    "edges": [{"id": 0, "annotation": "..." or null, "head": 1, "tail": 2}, ...]}
 *
 * refcycle keeps annotations as DOT label text: a line break is the two
 * characters backslash-n, and everything else is as it is (a repr's
 * backslashes too; graphviz reads the escapes).  Files and records hold
 * that text; the browser shows it as plain text.  rc_label_to_file and
 * rc_label_from_file convert line breaks, and only them. */
#ifndef RC_JSON_H
#define RC_JSON_H

#include "src/common/buf.h"
#include "src/export/lgraph.h"

/* Append s as a JSON string literal (UTF-8 kept; controls escaped). */
void rc_json_quote(struct rc_buf *out, const char *s);

/* Plain text -> DOT label text: a newline as backslash-n. */
void rc_label_to_file(struct rc_buf *out, const char *s);

/* DOT label text -> plain text: backslash-n, -l, -r are line breaks (not
 * after an escaped backslash); everything else is kept. */
void rc_label_from_file(struct rc_buf *out, const char *s, size_t len);

/* The graph in refcycle's JSON format; 0, or -1 when out of memory. */
int rc_json_write(struct rc_buf *out, const struct rc_lgraph *lg);

/* Where rc_json_write_to hands its text, a piece at a time (about
 * RC_JSON_CHUNK bytes, the last one whatever is left), with how far it
 * has come: done of total units (a unit is a vertex written, then a
 * vertex's out-edges written).  flush returns 0 to go on, else a status
 * that stops the writing and is returned. */
struct rc_json_sink {
	int (*flush)(void *ctx, const char *data, size_t len, uint64_t done, uint64_t total);
	void *ctx;
};

#define RC_JSON_CHUNK ((size_t)1 << 20)

/* rc_json_write through a sink (NULL: all of it left in out).  0, -1
 * when out of memory, or the status a flush or the graph's label source
 * returned. */
int rc_json_write_to(struct rc_buf *out, const struct rc_lgraph *lg,
		     const struct rc_json_sink *sink);

#endif
