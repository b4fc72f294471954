/* dot.c - DOT writer (see dot.h). */
#include <config.h>

#include "src/export/dot.h"

#include <inttypes.h>
#include <stdio.h>

void
rc_dot_quote(struct rc_buf *out, const char *s)
{
	const char *run = s;

	rc_buf_append(out, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *esc = NULL;
		char hex[8];

		if (c == '"')
			esc = "\\\"";
		else if (c == '\\')
			esc = "\\\\";
		else if (c == '\n')
			esc = "\\n";
		else if (c < 0x20 || c == 0x7f) {
			/* No DOT escape shows a control character: write it
			 * as visible text (an escaped backslash, then xHH). */
			snprintf(hex, sizeof hex, "\\\\x%02x", c);
			esc = hex;
		}
		if (esc == NULL)
			continue;
		rc_buf_append(out, run, (size_t)(s - run));
		rc_buf_puts(out, esc);
		run = s + 1;
	}
	rc_buf_append(out, run, (size_t)(s - run));
	rc_buf_append(out, "\"", 1);
}

void
rc_dot_quote_text(struct rc_buf *out, const char *s)
{
	size_t backslashes = 0;

	rc_buf_append(out, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char hex[8];

		if (c == '"' || c == '\n' || c < 0x20 || c == 0x7f) {
			/* A backslash before them would pair with the one
			 * written here. */
			if (backslashes % 2)
				rc_buf_append(out, "\\", 1);
			backslashes = 0;
			if (c == '"') {
				rc_buf_puts(out, "\\\"");
			} else if (c == '\n') {
				rc_buf_puts(out, "\\n");   /* a real newline: a line break */
			} else {
				/* As rc_dot_quote shows it: visible \xHH. */
				snprintf(hex, sizeof hex, "\\\\x%02x", c);
				rc_buf_puts(out, hex);
			}
			continue;
		}
		backslashes = c == '\\' ? backslashes + 1 : 0;
		rc_buf_append(out, s, 1);
	}
	if (backslashes % 2)   /* else the closing quote would be escaped */
		rc_buf_append(out, "\\", 1);
	rc_buf_append(out, "\"", 1);
}

/* A label in the graph's form. */
static void
quote_label(struct rc_buf *out, const struct rc_lgraph *lg, const char *label)
{
	if (lg->dot_text)
		rc_dot_quote_text(out, label);
	else
		rc_dot_quote(out, label);
}

int
rc_dot_write(struct rc_buf *out, const struct rc_lgraph *lg)
{
	const struct rc_graph *g = lg->g;

	rc_buf_puts(out, "digraph G {\n");
	for (uint32_t v = 0; v < g->n; v++) {
		for (uint32_t e = g->out_off[v]; e < g->out_off[v + 1]; e++) {
			const char *label = lg->edge_label ? lg->edge_label[e] : NULL;
			rc_buf_printf(out, "    %" PRId64 " -> %" PRId64,
				      lg->vertex_id[v], lg->vertex_id[g->out_dst[e]]);
			if (label != NULL) {
				rc_buf_puts(out, " [label=");
				quote_label(out, lg, label);
				rc_buf_puts(out, "]");
			}
			rc_buf_puts(out, ";\n");
		}
	}
	for (uint32_t v = 0; v < g->n; v++) {
		rc_buf_printf(out, "    %" PRId64 " [label=", lg->vertex_id[v]);
		quote_label(out, lg, lg->vertex_label[v]);
		rc_buf_puts(out, "];\n");
	}
	rc_buf_puts(out, "}\n");
	return out->failed ? -1 : 0;
}
