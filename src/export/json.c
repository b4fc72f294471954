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

int
rc_json_write(struct rc_buf *out, const struct rc_lgraph *lg)
{
	const struct rc_graph *g = lg->g;
	struct rc_buf scratch = RC_BUF_INIT;

	rc_buf_puts(out, "{\"vertices\": [");
	for (uint32_t v = 0; v < g->n; v++) {
		rc_buf_printf(out, "%s{\"id\": %" PRId64 ", \"annotation\": ",
			      v ? ", " : "", lg->vertex_id[v]);
		file_label(out, &scratch, lg->vertex_label[v], lg->dot_text);
		rc_buf_puts(out, "}");
	}
	rc_buf_puts(out, "], \"edges\": [");
	for (uint32_t v = 0; v < g->n; v++) {
		for (uint32_t e = g->out_off[v]; e < g->out_off[v + 1]; e++) {
			const char *label = lg->edge_label ? lg->edge_label[e] : NULL;
			rc_buf_printf(out, "%s{\"id\": %" PRId64 ", \"annotation\": ",
				      e ? ", " : "", lg->edge_id ? lg->edge_id[e] : (int64_t)e);
			if (label != NULL)
				file_label(out, &scratch, label, lg->dot_text);
			else
				rc_buf_puts(out, "null");
			rc_buf_printf(out, ", \"head\": %" PRId64 ", \"tail\": %" PRId64 "}",
				      lg->vertex_id[g->out_dst[e]], lg->vertex_id[v]);
		}
	}
	rc_buf_puts(out, "]}");
	rc_buf_free(&scratch);
	return out->failed ? -1 : 0;
}
