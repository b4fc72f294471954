/* report_parts.c - objects and paths in the leak report (see
 * report_parts.h). */
#include <config.h>

#include "src/export/report_parts.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "src/common/i18n.h"
#include "src/common/status.h"
#include "src/export/model_dot.h"
#include "src/export/render.h"
#include "src/export/report_html.h"
#include "src/export/style.h"
#include "src/graph/rootpath.h"

int
rc_report_cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? 1 : -1;
	return x->i < y->i ? -1 : x->i > y->i;
}


void
rc_report_text(struct report *r, const char *s)
{
	rc_html_text(r->out, s);
}

void
rc_report_bytes(struct report *r, uint64_t n)
{
	char h[32];

	rc_style_human_size(n, h, sizeof h);
	rc_buf_puts(r->out, h);
}

const char *
rc_report_type_name(const struct rc_model *m, uint32_t v)
{
	uint32_t t = m->type_of[v];

	return t < m->ntypes && m->type_name[t] ? m->type_name[t] : "?";
}

/* ", allocated at worker.py:25" when the model knows. */
static void
allocated(struct report *r, uint32_t v)
{
	struct rc_buf where = RC_BUF_INIT;

	if (r->m->allocated_at != NULL
	    && r->m->allocated_at(r->m->ctx, v, &where) == 1 && rc_buf_cstr(&where) != NULL) {
		struct rc_buf line = RC_BUF_INIT;
		rc_buf_printf(&line, _(", allocated at %s"), where.data);
		rc_buf_puts(r->out, "<span class=\"where\">");
		if (rc_buf_cstr(&line) != NULL)
			rc_report_text(r, line.data);
		rc_buf_puts(r->out, "</span>");
		rc_buf_free(&line);
	}
	rc_buf_free(&where);
}

/* One object: its type, its summary (the type it starts with left
 * out), its address, shallow / retained size, where it was allocated. */
void
rc_report_object(struct report *r, uint32_t v)
{
	const struct rc_model *m = r->m;
	const char *type = rc_report_type_name(m, v);
	struct rc_buf s = RC_BUF_INIT;

	rc_buf_puts(r->out, "<code><b>");
	rc_report_text(r, type);
	rc_buf_puts(r->out, "</b>");
	if (m->summary != NULL && m->summary(m->ctx, v, &s) == 0 && rc_buf_cstr(&s) != NULL) {
		const char *body = s.data;
		size_t skip = strlen(type);
		if (!strncmp(body, type, skip) && (body[skip] == ' ' || body[skip] == '\0'))
			body += skip;
		if (*body != '\0' && *body != ' ')
			rc_buf_puts(r->out, " ");
		rc_report_text(r, body);
	}
	rc_buf_free(&s);
	if (rc_model_has_address(m))
		rc_buf_printf(r->out, " <span class=\"where\">0x%" PRIx64 "</span>",
			      rc_model_address(m, v));
	rc_buf_puts(r->out, "</code> <span class=\"where\">");
	rc_report_bytes(r, m->size ? m->size[v] : 0);
	if (m->retained != NULL) {
		rc_buf_puts(r->out, " / ");
		rc_report_bytes(r, m->retained[v]);
	}
	rc_buf_puts(r->out, "</span>");
	allocated(r, v);
}

/* ------------------------------------------------------------ paths */

/* The picture of path[0..k-1] with focus in focus, inline; a note when
 * graphviz cannot draw it. */
static int
picture(struct report *r, const uint32_t *path, uint32_t k, uint32_t focus)
{
	struct rc_buf dot = RC_BUF_INIT, svg = RC_BUF_INIT, err = RC_BUF_INIT;
	uint32_t drawn, nedges;
	int rc = rc_model_dot(r->m, focus, path, k, !r->legend, &dot, &drawn, &nedges);

	if (rc == RC_OK && rc_buf_cstr(&dot) == NULL)
		rc = RC_ENOMEM;
	if (rc != RC_OK)
		goto out;
	rc_buf_puts(r->out, "<figure>\n");
	if (rc_render_data(dot.data, "svg", &svg, &err) == RC_RENDER_OK
	    && rc_html_svg(r->out, svg.data, svg.len) == 0) {
		r->legend = 1;
		r->stats.pictures++;   /* drawn, not only tried */
	} else {
		rc_buf_puts(r->out, "<p class=\"note\">");
		rc_buf_printf(r->out, "%s", _("No picture: "));
		rc_report_text(r, rc_buf_cstr(&err) && err.len ? err.data : "graphviz");
		rc_buf_puts(r->out, "</p>\n");
	}
	rc_buf_puts(r->out, "</figure>\n");
	r->pictures++;
out:
	rc_buf_free(&dot);
	rc_buf_free(&svg);
	rc_buf_free(&err);
	return rc;
}

/* v's path from a root: each step listed (object, then the reference
 * to the next), then drawn while pictures are left. */
int
rc_report_path(struct report *r, uint32_t v)
{
	struct rc_nodelist path = {0, 0, NULL}, edges = {0, 0, NULL};
	enum rc_path_end end = RC_PATH_ROOT;
	int rc = rc_roots_path(r->m->g, v, r->roots, NULL, &path, &edges, &end);

	if (rc == RC_ENOTFOUND) {
		rc_buf_printf(r->out, "<p class=\"note\">%s</p>\n",
			      _("No root reaches it, and every referrer is referred to: garbage "
				"in a cycle."));
		return RC_OK;
	}
	if (rc != RC_OK)
		goto out;
	uint32_t from = path.len > RC_REPORT_MAX_PATH ? path.len - RC_REPORT_MAX_PATH : 0;
	rc_buf_printf(r->out, "<p>%s</p>\n", end == RC_PATH_ROOT
		      ? _("Its path from a root:")
		      : _("No root reaches it; its path from an object nothing refers to:"));
	rc_buf_printf(r->out, "<ol class=\"path\" start=\"%" PRIu32 "\">\n", from + 1);
	for (uint32_t i = from; i < path.len; i++) {
		rc_buf_puts(r->out, "<li>");
		rc_report_object(r, path.ids[i]);
		if (i + 1 < path.len) {
			struct rc_buf label = RC_BUF_INIT;
			int known = r->m->edge_label
				? r->m->edge_label(r->m->ctx, edges.ids[i], &label) : 0;
			rc_buf_puts(r->out, "<br><span class=\"label\">&#8595; ");
			rc_report_text(r, known == 1 && rc_buf_cstr(&label) ? label.data : "?");
			rc_buf_puts(r->out, "</span>");
			rc_buf_free(&label);
		}
		rc_buf_puts(r->out, "</li>\n");
	}
	rc_buf_puts(r->out, "</ol>\n");
	if (r->o->pictures && r->pictures < RC_REPORT_MAX_PICTURES)
		rc = picture(r, path.ids + from, path.len - from, v);
out:
	rc_nodelist_free(&path);
	rc_nodelist_free(&edges);
	return rc;
}

