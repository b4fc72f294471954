/* style.c - the house style of refcycle's pictures (see style.h). */
#include <config.h>

#include "src/export/style.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/common/i18n.h"
#include "src/common/status.h"

/* Colours: fill and line of each kind of vertex. */
#define PLAIN_FILL "#f8f9fa"
#define PLAIN_LINE "#495057"
#define FOCUS_FILL "#b7e4a6"        /* as objgraph's objects asked about */
#define FOCUS_LINE "#2b8a3e"
#define ROOT_FILL "#d0ebff"
#define ROOT_LINE "#1864ab"
#define HIGHLIGHT_FILL "#ffe08a"    /* as objgraph's highlighted */
#define HIGHLIGHT_LINE "#e67700"
#define QUIET "#868e96"             /* addresses, edges */
#define NOTE "#c92a2a"              /* what was left out */

#define ELLIPSIS "\xe2\x80\xa6"     /* U+2026 */

/* Summary lines drawn per vertex at most. */
#define BODY_LINES 5

/* ---------------------------------------------------------- human units */

void
rc_style_human_size(uint64_t bytes, char *out, size_t cap)
{
	static const char *const unit[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

	if (bytes < 1024) {
		snprintf(out, cap, "%" PRIu64 " B", bytes);
		return;
	}
	double v = (double)bytes / 1024.0;
	int u = 0;
	while (v >= 1024.0 && u < 5) {
		v /= 1024.0;
		u++;
	}
	/* What the printed figure rounds to decides the form (9.97 is
	 * "10 KiB", 1023.7 KiB is "1.0 MiB"). */
	if (v < 9.95) {
		snprintf(out, cap, "%.1f %s", v, unit[u]);
	} else if (v < 1023.5 || u == 5) {
		snprintf(out, cap, "%.0f %s", v, unit[u]);
	} else {
		snprintf(out, cap, "1.0 %s", unit[u + 1]);
	}
}

/* ------------------------------------------------------- HTML-like text */

/* The length of the UTF-8 sequence at s, or 0 if it is not one (an
 * overlong form, a surrogate, past U+10FFFF, a cut sequence). */
static size_t
utf8_len(const unsigned char *s)
{
	unsigned c = s[0];
	size_t len;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)))
	    || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

/* Characters in s, an invalid byte counting as one. */
static size_t
char_count(const char *s)
{
	size_t n = 0;

	while (*s) {
		size_t len = utf8_len((const unsigned char *)s);
		s += len ? len : 1;
		n++;
	}
	return n;
}

void
rc_style_html_text(struct rc_buf *out, const char *s, size_t max)
{
	size_t keep = max && char_count(s) > max ? max - 1 : SIZE_MAX;

	for (size_t n = 0; *s && n < keep; n++) {
		const unsigned char *u = (const unsigned char *)s;
		size_t len = utf8_len(u);
		char hex[8];

		if (len == 0 || *u < 0x20 || *u == 0x7f) {
			/* Shown, never passed on: graphviz's HTML parser
			 * refuses them, and an SVG may not hold them. */
			snprintf(hex, sizeof hex, "\\\\x%02x", *u);
			rc_buf_puts(out, hex);
			s++;
			continue;
		}
		switch (*u) {
		case '&': rc_buf_puts(out, "&amp;"); break;
		case '<': rc_buf_puts(out, "&lt;"); break;
		case '>': rc_buf_puts(out, "&gt;"); break;
		case '"': rc_buf_puts(out, "&quot;"); break;
		case '\'': rc_buf_puts(out, "&#39;"); break;
		/* graphviz reads a backslash as an escape even here
		 * (\N is the node's name): doubled, it shows as one. */
		case '\\': rc_buf_puts(out, "\\\\"); break;
		default: rc_buf_append(out, s, len);
		}
		s += len;
	}
	if (*s)
		rc_buf_puts(out, ELLIPSIS);
}

/* ------------------------------------------------------------ selection */

/* Distinct neighbours of v in direction dir that are not in kept; seen
 * is empty on entry and on return. */
static uint32_t
left_out(const struct rc_graph *g, uint32_t v, enum rc_dir dir, const struct rc_nodeset *kept,
	 struct rc_nodeset *seen)
{
	uint32_t deg = rc_graph_degree(g, v, dir), count = 0;
	const uint32_t *nb = rc_graph_neighbours(g, v, dir);

	for (uint32_t i = 0; i < deg; i++) {
		if (rc_nodeset_has(kept, nb[i]) || rc_nodeset_has(seen, nb[i]))
			continue;
		rc_nodeset_add(seen, nb[i]);
		count++;
	}
	for (uint32_t i = 0; i < deg; i++)
		rc_nodeset_remove(seen, nb[i]);
	return count;
}

/* Keep v (not kept yet). */
static int
keep(struct rc_nodeset *in, struct rc_nodelist *kept, uint32_t v)
{
	rc_nodeset_add(in, v);
	return rc_nodelist_push(kept, v);
}

int
rc_style_select(const struct rc_graph *g, const uint32_t *seeds, uint32_t nseeds,
		uint32_t max_nodes, uint32_t too_many, struct rc_nodelist *kept,
		uint32_t **more_in, uint32_t **more_out)
{
	struct rc_nodeset in, seen;
	uint32_t head = 0, next = 0;
	int rc;

	*more_in = *more_out = NULL;
	for (uint32_t i = 0; i < nseeds; i++)
		if (seeds[i] >= g->n)
			return RC_EINVAL;
	if (max_nodes == 0 || max_nodes > g->n)
		max_nodes = g->n;
	rc = rc_nodeset_init(&in, g->n);
	if (rc != RC_OK)
		return rc;
	for (uint32_t i = 0; rc == RC_OK && i < nseeds && kept->len < max_nodes; i++)
		if (!rc_nodeset_has(&in, seeds[i]))
			rc = keep(&in, kept, seeds[i]);
	while (rc == RC_OK && kept->len < max_nodes) {
		if (head == kept->len) {   /* nothing more reached */
			if (nseeds > 0)
				break;
			while (next < g->n && rc_nodeset_has(&in, next))
				next++;
			if (next == g->n)
				break;
			rc = keep(&in, kept, next);
			continue;
		}
		uint32_t v = kept->ids[head++];
		for (int dir = RC_IN; rc == RC_OK && dir >= RC_OUT; dir--) {
			uint32_t deg = rc_graph_degree(g, v, (enum rc_dir)dir), followed = 0;
			const uint32_t *nb = rc_graph_neighbours(g, v, (enum rc_dir)dir);
			for (uint32_t i = 0; rc == RC_OK && i < deg && kept->len < max_nodes; i++) {
				if (rc_nodeset_has(&in, nb[i]))
					continue;
				if (too_many && followed == too_many)
					break;
				rc = keep(&in, kept, nb[i]);
				followed++;
			}
		}
	}
	if (rc == RC_OK)
		rc = rc_nodeset_init(&seen, g->n);
	if (rc != RC_OK) {
		rc_nodeset_free(&in);
		return rc;
	}
	*more_in = malloc(((size_t)kept->len + 1) * sizeof **more_in);
	*more_out = malloc(((size_t)kept->len + 1) * sizeof **more_out);
	if (*more_in == NULL || *more_out == NULL) {
		rc = RC_ENOMEM;
	} else {
		for (uint32_t i = 0; i < kept->len; i++) {
			(*more_in)[i] = left_out(g, kept->ids[i], RC_IN, &in, &seen);
			(*more_out)[i] = left_out(g, kept->ids[i], RC_OUT, &in, &seen);
		}
	}
	rc_nodeset_free(&seen);
	rc_nodeset_free(&in);
	if (rc != RC_OK) {
		free(*more_in);
		free(*more_out);
		*more_in = *more_out = NULL;
	}
	return rc;
}

/* --------------------------------------------------------------- writer */

static const char *
root_text(enum rc_root_kind kind)
{
	switch (kind) {
	case RC_ROOT_MODULE: return _("root: module");
	case RC_ROOT_FRAME: return _("root: running frame");
	case RC_ROOT_EXTERNAL: return _("root: held from outside");
	default: return NULL;
	}
}

/* A row of one cell spanning the record, holding text (escaped), in
 * font attributes attrs ("" for none). */
static void
row(struct rc_buf *out, const char *text, const char *attrs, size_t max)
{
	rc_buf_printf(out, "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"2\">%s%s%s", *attrs ? "<FONT " : "",
		      attrs, *attrs ? ">" : "");
	rc_style_html_text(out, text, max);
	rc_buf_printf(out, "%s</TD></TR>", *attrs ? "</FONT>" : "");
}

/* How many bytes of s (up to its end or a newline) fill one row: at
 * most RC_STYLE_TEXT_MAX characters, broken after the last space that
 * fits when the line is longer. */
static size_t
row_bytes(const char *s)
{
	size_t at = 0, chars = 0, space = 0;

	while (s[at] && s[at] != '\n') {
		if (chars == RC_STYLE_TEXT_MAX)
			return space > 0 ? space : at;
		size_t len = utf8_len((const unsigned char *)s + at);
		at += len ? len : 1;
		chars++;
		if (s[at - 1] == ' ')
			space = at;
	}
	return at;
}

/* The summary's lines, each a row, long ones wrapped; at most
 * BODY_LINES rows. */
static void
body_rows(struct rc_buf *out, const char *body)
{
	struct rc_buf line = RC_BUF_INIT;
	int rows = 0;

	while (*body) {
		size_t len = row_bytes(body);
		if (rows == BODY_LINES) {
			row(out, ELLIPSIS, "", 0);
			break;
		}
		size_t shown = len;
		while (shown > 0 && body[shown - 1] == ' ')   /* where it wrapped */
			shown--;
		line.len = 0;
		rc_buf_append(&line, body, shown);
		if (rc_buf_cstr(&line) == NULL) {
			out->failed = 1;
			break;
		}
		if (shown > 0) {
			row(out, line.data, "", RC_STYLE_TEXT_MAX);
			rows++;
		}
		body += len + (body[len] == '\n');
	}
	rc_buf_free(&line);
}

/* A row saying what was left out around x ("... 12 more referrers"). */
static void
note_row(struct rc_buf *out, uint32_t count, int referrers)
{
	struct rc_buf text = RC_BUF_INIT;

	if (referrers)
		rc_buf_printf(&text, P_("\xe2\x80\xa6 %u more referrer", "\xe2\x80\xa6 %u more referrers",
					count), (unsigned)count);
	else
		rc_buf_printf(&text, P_("\xe2\x80\xa6 %u more referent", "\xe2\x80\xa6 %u more referents",
					count), (unsigned)count);
	if (rc_buf_cstr(&text) == NULL)
		out->failed = 1;
	else
		row(out, text.data, "COLOR=\"" NOTE "\"", 0);
	rc_buf_free(&text);
}

/* The record of a vertex: type and size, summary lines, root kind,
 * address. */
static void
record(struct rc_buf *out, const struct rc_style_vertex *x)
{
	char size[40], retained[20];

	rc_buf_puts(out, "<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
		    "CELLPADDING=\"1\"><TR><TD ALIGN=\"LEFT\">");
	if (x->type && *x->type) {
		rc_buf_puts(out, "<B>");
		rc_style_html_text(out, x->type, RC_STYLE_TEXT_MAX);
		rc_buf_puts(out, "</B>");
	}
	rc_buf_puts(out, "</TD><TD ALIGN=\"RIGHT\">");
	if (x->size != RC_STYLE_NO_SIZE) {
		rc_style_human_size(x->size, size, sizeof size);
		if (x->retained != RC_STYLE_NO_SIZE) {
			rc_style_human_size(x->retained, retained, sizeof retained);
			strcat(size, " / ");
			strcat(size, retained);
		}
		rc_buf_puts(out, "  ");
		rc_style_html_text(out, size, 0);
	}
	rc_buf_puts(out, "</TD></TR>");
	if (x->body)
		body_rows(out, x->body);
	const char *root = root_text(x->root);
	if (root)
		row(out, root, "COLOR=\"" ROOT_LINE "\"", 0);
	if (x->more_in > 0)
		note_row(out, x->more_in, 1);
	if (x->more_out > 0)
		note_row(out, x->more_out, 0);
	if (x->address) {
		char addr[24];
		snprintf(addr, sizeof addr, "0x%" PRIx64, x->address);
		row(out, addr, "POINT-SIZE=\"8\" COLOR=\"" QUIET "\"", 0);
	}
	rc_buf_puts(out, "</TABLE>>");
}

static void
vertex(struct rc_buf *out, const struct rc_style_vertex *x)
{
	const char *fill = PLAIN_FILL, *line = PLAIN_LINE;
	const char *width = "1";

	if (x->marks & RC_STYLE_FOCUS) {
		fill = FOCUS_FILL;
		line = FOCUS_LINE;
		width = "2.5";
	} else if (x->marks & RC_STYLE_HIGHLIGHT) {
		fill = HIGHLIGHT_FILL;
		line = HIGHLIGHT_LINE;
	} else if (x->root != RC_ROOT_NONE) {
		fill = ROOT_FILL;
		line = ROOT_LINE;
	}
	rc_buf_printf(out, "    \"%" PRId64 "\" [label=", x->id);
	record(out, x);
	rc_buf_printf(out, ", fillcolor=\"%s\", color=\"%s\", penwidth=%s%s];\n", fill, line,
		      width, x->root != RC_ROOT_NONE ? ", peripheries=2" : "");
}

static void
legend_row(struct rc_buf *out, const char *fill, const char *line, int double_border,
	   const char *text)
{
	rc_buf_printf(out, "<TR><TD BGCOLOR=\"%s\" COLOR=\"%s\" BORDER=\"%d\" STYLE=\"rounded\" "
		      "WIDTH=\"16\"> </TD><TD ALIGN=\"LEFT\">", fill, line, double_border ? 2 : 1);
	rc_style_html_text(out, text, 0);
	rc_buf_puts(out, "</TD></TR>");
}

/* The legend: what the marks in this picture mean. */
static void
legend(struct rc_buf *out, const struct rc_style_graph *sg)
{
	unsigned marks = 0;
	int roots = 0, retained = 0;

	for (uint32_t v = 0; v < sg->g->n; v++) {
		const struct rc_style_vertex *x = &sg->vertex[v];
		marks |= x->marks;
		roots |= x->root != RC_ROOT_NONE;
		retained |= x->retained != RC_STYLE_NO_SIZE;
	}
	rc_buf_puts(out, "    \"legend\" [shape=plain, style=\"\", label=<<TABLE BORDER=\"1\" "
		    "COLOR=\"" QUIET "\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\">"
		    "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>");
	rc_style_html_text(out, _("legend"), 0);
	rc_buf_puts(out, "</B></TD></TR>");
	if (marks & RC_STYLE_FOCUS)
		legend_row(out, FOCUS_FILL, FOCUS_LINE, 0, _("in focus"));
	if (roots)
		legend_row(out, ROOT_FILL, ROOT_LINE, 1,
			   _("root: where a chain of references starts"));
	if (marks & RC_STYLE_HIGHLIGHT)
		legend_row(out, HIGHLIGHT_FILL, HIGHLIGHT_LINE, 0, _("highlighted"));
	rc_buf_puts(out, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">");
	rc_style_html_text(out, retained ? _("size: shallow / retained") : _("size: shallow"), 0);
	rc_buf_puts(out, "</TD></TR>");
	if (sg->left_out > 0) {
		rc_buf_puts(out, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">");
		struct rc_buf text = RC_BUF_INIT;
		rc_buf_printf(&text, P_("\xe2\x80\xa6 %u more object not drawn",
					"\xe2\x80\xa6 %u more objects not drawn", sg->left_out),
			      (unsigned)sg->left_out);
		if (rc_buf_cstr(&text) != NULL)
			rc_style_html_text(out, text.data, 0);
		else
			out->failed = 1;
		rc_buf_free(&text);
		rc_buf_puts(out, "</TD></TR>");
	}
	rc_buf_puts(out, "</TABLE>>];\n");
}

int
rc_style_write(struct rc_buf *out, const struct rc_style_graph *sg)
{
	const struct rc_graph *g = sg->g;

	rc_buf_puts(out, "digraph refcycle {\n"
		    "    graph [fontname=\"monospace\", fontsize=10, bgcolor=\"white\", pad=0.2, "
		    "nodesep=0.3, ranksep=0.45];\n"
		    "    node [fontname=\"monospace\", fontsize=10, shape=box, style=\"rounded,filled\", "
		    "color=\"" PLAIN_LINE "\", fillcolor=\"" PLAIN_FILL "\", margin=\"0.08,0.04\"];\n"
		    "    edge [fontname=\"monospace\", fontsize=9, color=\"" QUIET "\", fontcolor=\""
		    PLAIN_LINE "\", arrowsize=0.7];\n");
	for (uint32_t v = 0; v < g->n; v++)
		vertex(out, &sg->vertex[v]);
	for (uint32_t v = 0; v < g->n; v++) {
		for (uint32_t e = g->out_off[v]; e < g->out_off[v + 1]; e++) {
			const char *label = sg->edge_label ? sg->edge_label[e] : NULL;
			rc_buf_printf(out, "    \"%" PRId64 "\" -> \"%" PRId64 "\"", sg->vertex[v].id,
				      sg->vertex[g->out_dst[e]].id);
			if (label != NULL) {
				rc_buf_puts(out, " [label=<");
				rc_style_html_text(out, label, RC_STYLE_TEXT_MAX);
				rc_buf_puts(out, ">]");
			}
			rc_buf_puts(out, ";\n");
		}
	}
	if (sg->legend)
		legend(out, sg);
	rc_buf_puts(out, "}\n");
	return out->failed ? RC_ENOMEM : RC_OK;
}
