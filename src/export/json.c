/* json.c - refcycle's JSON graph format (see json.h). */
#include <config.h>

#include "src/export/json.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void
rc_json_quote(struct rc_buf *out, const char *s)
{
	const char *run = s;

	rc_buf_append(out, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[8];

		if (c == '"')
			strcpy(esc, "\\\"");
		else if (c == '\\')
			strcpy(esc, "\\\\");
		else if (c == '\n')
			strcpy(esc, "\\n");
		else if (c == '\t')
			strcpy(esc, "\\t");
		else if (c < 0x20 || c == 0x7f)
			snprintf(esc, sizeof esc, "\\u%04x", c);
		else
			continue;
		rc_buf_append(out, run, (size_t)(s - run));
		rc_buf_puts(out, esc);
		run = s + 1;
	}
	rc_buf_append(out, run, (size_t)(s - run));
	rc_buf_append(out, "\"", 1);
}

void
rc_label_to_file(struct rc_buf *out, const char *s)
{
	const char *run = s;

	for (; *s; s++) {
		if (*s != '\n')
			continue;
		rc_buf_append(out, run, (size_t)(s - run));
		rc_buf_puts(out, "\\n");
		run = s + 1;
	}
	rc_buf_append(out, run, (size_t)(s - run));
}

void
rc_label_from_file(struct rc_buf *out, const char *s, size_t len)
{
	size_t run = 0;

	for (size_t i = 0; i + 1 < len; i++) {
		if (s[i] != '\\')
			continue;
		char next = s[i + 1];
		if (next == '\\') {
			i++;   /* an escaped backslash: not the start of a break */
			continue;
		}
		if (next != 'n' && next != 'l' && next != 'r')
			continue;
		rc_buf_append(out, s + run, i - run);
		rc_buf_puts(out, "\n");
		i++;
		run = i + 1;
	}
	rc_buf_append(out, s + run, len - run);
	rc_buf_cstr(out);   /* terminated even when empty */
}

/* A label converted to file form (DOT label text), then quoted. */
static void
file_label(struct rc_buf *out, struct rc_buf *scratch, const char *label, int dot_text)
{
	if (dot_text) {
		rc_json_quote(out, label);
		return;
	}
	scratch->len = 0;
	rc_label_to_file(scratch, label);
	const char *text = rc_buf_cstr(scratch);
	if (text == NULL) {
		out->failed = 1;
		return;
	}
	rc_json_quote(out, text);
}

/* An integer in decimal, without printf, two digits a step: a file
 * holds three for each reference (ids are addresses: 15 digits). */
static void
put_i64(struct rc_buf *out, int64_t value)
{
	static const char pairs[] =
		"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
		"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
		"8081828384858687888990919293949596979899";
	char digits[24], *p = digits + sizeof digits;
	uint64_t u = value < 0 ? 0 - (uint64_t)value : (uint64_t)value;

	while (u >= 100) {
		const char *pair = pairs + 2 * (u % 100);
		u /= 100;
		*--p = pair[1];
		*--p = pair[0];
	}
	if (u >= 10) {
		*--p = pairs[2 * u + 1];
		*--p = pairs[2 * u];
	} else {
		*--p = (char)('0' + u);
	}
	if (value < 0)
		*--p = '-';
	rc_buf_append(out, p, (size_t)(digits + sizeof digits - p));
}

#define PUT(out, lit) rc_buf_append(out, lit, sizeof lit - 1)

/* Hand out what is written so far once there is enough of it (the last
 * time: all of it).  Nonzero: stop with that status. */
static int
maybe_flush(struct rc_buf *out, const struct rc_json_sink *sink, uint64_t done,
	    uint64_t total, int last)
{
	if (sink == NULL || (!last && out->len < RC_JSON_CHUNK))
		return 0;
	if (out->failed)
		return -1;
	int rc = sink->flush(sink->ctx, out->data, out->len, done, total);
	out->len = 0;
	return rc;
}

static int
write_vertices(struct rc_buf *out, struct rc_buf *scratch, const struct rc_lgraph *lg,
	       const struct rc_json_sink *sink, uint64_t total)
{
	const struct rc_label_source *src = lg->source;

	for (uint32_t v = 0; v < lg->g->n; v++) {
		const char *label;
		int rc = src ? src->vertex(src->ctx, v, &label) : 0;
		if (rc != 0)
			return rc;
		if (src == NULL)
			label = lg->vertex_label[v];
		if (v == 0)
			PUT(out, "{\"id\": ");
		else
			PUT(out, ", {\"id\": ");
		put_i64(out, lg->vertex_id[v]);
		PUT(out, ", \"annotation\": ");
		file_label(out, scratch, label, lg->dot_text);
		PUT(out, "}");
		rc = maybe_flush(out, sink, v + 1, total, 0);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int
write_edges(struct rc_buf *out, struct rc_buf *scratch, const struct rc_lgraph *lg,
	    const struct rc_json_sink *sink, uint64_t total)
{
	const struct rc_graph *g = lg->g;
	const struct rc_label_source *src = lg->source;

	for (uint32_t v = 0; v < g->n; v++) {
		uint32_t first = g->out_off[v];
		const char *const *labels = lg->edge_label ? lg->edge_label + first : NULL;
		if (src != NULL && first < g->out_off[v + 1]) {
			int rc = src->edges(src->ctx, v, &labels);
			if (rc != 0)
				return rc;
		}
		for (uint32_t e = first; e < g->out_off[v + 1]; e++) {
			const char *label = labels ? labels[e - first] : NULL;
			if (e == 0)
				PUT(out, "{\"id\": ");
			else
				PUT(out, ", {\"id\": ");
			put_i64(out, lg->edge_id ? lg->edge_id[e] : (int64_t)e);
			PUT(out, ", \"annotation\": ");
			if (label != NULL)
				file_label(out, scratch, label, lg->dot_text);
			else
				PUT(out, "null");
			PUT(out, ", \"head\": ");
			put_i64(out, lg->vertex_id[g->out_dst[e]]);
			PUT(out, ", \"tail\": ");
			put_i64(out, lg->vertex_id[v]);
			PUT(out, "}");
		}
		int rc = maybe_flush(out, sink, (uint64_t)g->n + v + 1, total, 0);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int
rc_json_write_to(struct rc_buf *out, const struct rc_lgraph *lg, const struct rc_json_sink *sink)
{
	struct rc_buf scratch = RC_BUF_INIT;
	uint64_t total = 2 * (uint64_t)lg->g->n;

	PUT(out, "{\"vertices\": [");
	int rc = write_vertices(out, &scratch, lg, sink, total);
	if (rc == 0) {
		PUT(out, "], \"edges\": [");
		rc = write_edges(out, &scratch, lg, sink, total);
	}
	if (rc == 0) {
		PUT(out, "]}");
		rc = out->failed ? -1 : maybe_flush(out, sink, total, total, 1);
	}
	rc_buf_free(&scratch);
	return rc != 0 ? rc : out->failed ? -1 : 0;
}

int
rc_json_write(struct rc_buf *out, const struct rc_lgraph *lg)
{
	return rc_json_write_to(out, lg, NULL);
}
