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
				rc_dot_quote(out, label);
				rc_buf_puts(out, "]");
			}
			rc_buf_puts(out, ";\n");
		}
	}
	for (uint32_t v = 0; v < g->n; v++) {
		rc_buf_printf(out, "    %" PRId64 " [label=", lg->vertex_id[v]);
		rc_dot_quote(out, lg->vertex_label[v]);
		rc_buf_puts(out, "];\n");
	}
	rc_buf_puts(out, "}\n");
	return out->failed ? -1 : 0;
}
