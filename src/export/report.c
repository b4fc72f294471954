/* report.c - the leak report's sections over a model (see report.h). */
#include <config.h>

#include "src/export/report.h"
#include "src/export/report_parts.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "src/common/file.h"
#include "src/common/i18n.h"
#include "src/common/status.h"
#include "src/export/model_leaks.h"
#include "src/export/report_html.h"
#include "src/export/style.h"

/* ---------------------------------------------------------- summary */

static const char *
types_heading(const struct rc_model *m)
{
	return m->type_retained ? _("The types that retain most") : _("The largest types");
}

/* The heap's numbers, in their section; the types that retain most
 * into types (a section of its own, at the end of the page: the
 * suspects come first). */
static int
summary(struct report *r, struct rc_buf *types)
{
	const struct rc_model *m = r->m;
	uint32_t n = m->g->n, nt = m->ntypes;
	uint64_t total = 0, *count = calloc((size_t)nt + 1, sizeof *count);
	uint64_t *shallow = calloc((size_t)nt + 1, sizeof *shallow);
	struct keyed *order = malloc(((size_t)nt + 1) * sizeof *order);
	int rc = RC_ENOMEM;

	if (count == NULL || shallow == NULL || order == NULL)
		goto out;
	for (uint32_t v = 0; v < n; v++) {
		uint64_t s = m->size ? m->size[v] : 0;
		total += s;
		count[m->type_of[v]]++;
		shallow[m->type_of[v]] += s;
	}
	rc_buf_printf(r->out, "<section id=\"heap\">\n<h2>%s</h2>\n<table>\n", _("The heap"));
	rc_buf_printf(r->out, "<tr><th>%s</th><td class=\"num\">%" PRIu32 "</td></tr>\n",
		      _("Objects"), n);
	rc_buf_printf(r->out, "<tr><th>%s</th><td class=\"num\">%" PRIu32 "</td></tr>\n",
		      _("References"), m->g->m);
	rc_buf_printf(r->out, "<tr><th>%s</th><td class=\"num\">", _("Bytes (shallow)"));
	rc_report_bytes(r, total);
	rc_buf_printf(r->out, " (%" PRIu64 ")</td></tr>\n", total);
	rc_buf_printf(r->out, "<tr><th>%s</th><td class=\"num\">%" PRIu32 "</td></tr>\n",
		      _("Types"), nt);
	rc_buf_printf(r->out, "<tr><th>%s</th><td class=\"num\">%" PRIu32 "</td></tr>\n",
		      _("Roots"), r->roots ? rc_nodeset_count(r->roots) : 0);
	rc_buf_puts(r->out, "</table>\n</section>\n");
	struct rc_buf *page = r->out;
	r->out = types;

	for (uint32_t t = 0; t < nt; t++) {
		uint64_t key = m->type_retained ? m->type_retained[t] : shallow[t];
		order[t].key = key > INT64_MAX ? INT64_MAX : (int64_t)key;
		order[t].i = t;
	}
	qsort(order, nt, sizeof *order, rc_report_cmp_keyed);
	rc_buf_printf(r->out, "<section id=\"types\">\n<h2>%s</h2>\n<table class=\"types\">\n<tr><th>%s</th>"
		      "<th class=\"num\">%s</th><th class=\"num\">%s</th>",
		      types_heading(m), _("Type"), _("Objects"), _("Shallow"));
	if (m->type_retained)
		rc_buf_printf(r->out, "<th class=\"num\">%s</th><th class=\"num\">%s</th>",
			      _("Retained"), _("Share"));
	rc_buf_puts(r->out, "</tr>\n");
	for (uint32_t i = 0; i < nt && i < RC_REPORT_MAX_ROWS; i++) {
		uint32_t t = order[i].i;
		rc_buf_puts(r->out, "<tr><td><code>");
		rc_report_text(r, m->type_name[t] ? m->type_name[t] : "?");
		rc_buf_printf(r->out, "</code></td><td class=\"num\">%" PRIu64
			      "</td><td class=\"num\">", count[t]);
		rc_report_bytes(r, shallow[t]);
		if (m->type_retained) {
			rc_buf_puts(r->out, "</td><td class=\"num\">");
			rc_report_bytes(r, m->type_retained[t]);
			rc_buf_printf(r->out, "</td><td class=\"num\">%.0f%%",
				      total ? 100.0 * (double)m->type_retained[t] / (double)total : 0.0);
		}
		rc_buf_puts(r->out, "</td></tr>\n");
	}
	rc_buf_puts(r->out, "</table>\n</section>\n");
	r->out = page;
	rc = RC_OK;
out:
	free(count);
	free(shallow);
	free(order);
	return rc;
}

/* --------------------------------------------------------- suspects */

static int
suspects(struct report *r)
{
	const struct rc_model *m = r->m;
	struct rc_suspect *found = NULL;
	uint32_t nfound = 0;
	uint64_t total = 0;
	int rc;

	rc_buf_printf(r->out, "<section id=\"suspects\">\n<h2>%s</h2>\n", _("Leak suspects"));
	if (!rc_model_has_dominators(m)) {
		rc_buf_printf(r->out, "<p class=\"note\">%s</p>\n</section>\n",
			      _("Leak suspects need the dominator tree, which this graph has not"));
		return RC_OK;
	}
	rc = rc_model_suspects(m, RC_SUSPECT_SHARE, &found, &nfound, &total);
	if (rc != RC_OK)
		return rc;
	r->stats.suspects = nfound;
	if (nfound == 0)
		rc_buf_printf(r->out, "<p>%s</p>\n",
			      _("No suspect: nothing retains a tenth of the heap"));
	else
		rc_buf_printf(r->out, "<p>%s</p>\n",
			      _("What retains a tenth of the heap or more (one object, or the "
				"objects of a type together), and where inside it the size "
				"accumulates, as Eclipse MAT finds them."));
	for (uint32_t i = 0; rc == RC_OK && i < nfound; i++) {
		const struct rc_suspect *s = &found[i];
		double share = total ? 100.0 * (double)s->retained / (double)total : 0;
		char size[32];
		struct rc_buf head = RC_BUF_INIT;

		rc_style_human_size(s->retained, size, sizeof size);
		if (s->group == RC_NONE)
			rc_buf_printf(&head, _("%3.0f%%  %7s  one %s"), share, size,
				      rc_report_type_name(m, s->node));
		else
			rc_buf_printf(&head, _("%3.0f%%  %7s  %" PRIu32 " %s objects together"),
				      share, size, s->count, rc_report_type_name(m, s->node));
		rc_buf_printf(r->out, "<article class=\"suspect\" id=\"suspect-%" PRIu32
			      "\">\n<h3>", i + 1);
		rc_report_text(r, rc_buf_cstr(&head) ? head.data : "?");
		rc_buf_free(&head);
		rc_buf_puts(r->out, "</h3>\n<p>");
		rc_report_text(r, _("accumulates in "));
		rc_report_object(r, s->accumulation);
		rc_buf_puts(r->out, "</p>\n");
		rc = rc_report_path(r, s->accumulation);
		rc_buf_puts(r->out, "</article>\n");
	}
	rc_buf_puts(r->out, "</section>\n");
	free(found);
	return rc;
}

/* ----------------------------------------------------------- groups */

/* The watched objects still alive, and the caller's objects, by the
 * signature of their path. */
static int
groups(struct report *r)
{
	const struct rc_model *m = r->m;
	uint32_t *ids = NULL, n = 0, ngroups = 0;
	struct rc_watch_group *found = NULL;
	int rc = m->watched ? m->watched(m->ctx, &ids, &n) : RC_OK;

	if (rc == RC_OK && r->o->nobjects > 0) {
		uint32_t *all = realloc(ids, ((size_t)n + r->o->nobjects) * sizeof *all);
		if (all == NULL) {
			rc = RC_ENOMEM;
		} else {
			ids = all;
			for (uint32_t i = 0; i < r->o->nobjects; i++)
				if (r->o->objects[i] < m->g->n)
					ids[n++] = r->o->objects[i];
		}
	}
	if (rc == RC_OK && n > 0)
		rc = rc_model_watch_groups(m, r->roots, ids, n, &found, &ngroups);
	free(ids);
	if (rc != RC_OK || ngroups == 0) {
		rc_watch_groups_free(found, ngroups);
		return rc;
	}
	r->stats.groups = ngroups;
	rc_buf_puts(r->out, "<section id=\"groups\">\n<h2>");
	rc_report_text(r, r->o->groups_heading ? r->o->groups_heading
	     : _("Watched objects still alive"));
	rc_buf_printf(r->out, "</h2>\n<p>%s</p>\n",
		      _("Grouped by the path that keeps them alive (its types and references), "
			"as refcycle.leaks() groups them: one cause, one group."));
	for (uint32_t i = 0; rc == RC_OK && i < ngroups; i++) {
		struct rc_buf head = RC_BUF_INIT;
		if (r->o->nobjects > 0)
			rc_buf_printf(&head, _("%" PRIu32 " still alive: %s"), found[i].count,
				      found[i].signature);
		else
			rc_buf_printf(&head, _("%" PRIu32 " watched, still alive: %s"),
				      found[i].count, found[i].signature);
		rc_buf_printf(r->out, "<article class=\"group\" id=\"group-%" PRIu32 "\">\n<h3>",
			      i + 1);
		rc_report_text(r, rc_buf_cstr(&head) ? head.data : "?");
		rc_buf_free(&head);
		rc_buf_puts(r->out, "</h3>\n<p>");
		rc_report_text(r, _("for one "));
		rc_report_object(r, found[i].first);
		rc_buf_puts(r->out, "</p>\n");
		rc = rc_report_path(r, found[i].first);
		rc_buf_puts(r->out, "</article>\n");
	}
	rc_buf_puts(r->out, "</section>\n");
	rc_watch_groups_free(found, ngroups);
	return rc;
}

/* ----------------------------------------------------------- growth */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
delta(struct report *r, int64_t d, int human)
{
	if (human) {
		rc_buf_puts(r->out, d > 0 ? "+" : d < 0 ? "-" : "");
		rc_report_bytes(r, d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d);
	} else {
		rc_buf_printf(r->out, "%+" PRId64, d);
	}
}

/* Where the new objects were allocated (the first RC_REPORT_MAX_SITES
 * of them), the commonest sites first. */
static int
sites(struct report *r)
{
	const struct rc_model *m = r->m;
	struct rc_buf b = RC_BUF_INIT;
	size_t *at = NULL;
	uint32_t k = 0, asked = 0;
	int rc = RC_OK;

	if (m->allocated_at == NULL)
		return RC_OK;
	at = malloc((size_t)RC_REPORT_MAX_SITES * sizeof *at);
	if (at == NULL)
		return RC_ENOMEM;
	for (uint32_t v = 0; v < m->g->n && asked < RC_REPORT_MAX_SITES; v++) {
		if (!rc_nodeset_has(m->shown, v))
			continue;
		size_t start = b.len;
		asked++;
		if (m->allocated_at(m->ctx, v, &b) == 1) {
			rc_buf_append(&b, "", 1);
			at[k++] = start;
		} else {
			b.len = start;
		}
	}
	if (b.failed) {
		rc = RC_ENOMEM;
		goto out;
	}
	if (k == 0) {
		rc_buf_printf(r->out, "<p class=\"note\">%s</p>\n",
			      _("Where the new objects were allocated is not known: tracemalloc "
				"was not tracing."));
		goto out;
	}
	/* Count each site: sort the strings' offsets by text, then runs. */
	struct keyed *rows = malloc((size_t)k * sizeof *rows);
	const char **str = malloc((size_t)k * sizeof *str);
	if (rows == NULL || str == NULL) {
		free(rows);
		free(str);
		rc = RC_ENOMEM;
		goto out;
	}
	for (uint32_t i = 0; i < k; i++)
		str[i] = b.data + at[i];
	qsort(str, k, sizeof *str, cmp_str);
	uint32_t nrows = 0;
	for (uint32_t i = 0; i < k;) {
		uint32_t j = i;
		while (j < k && !strcmp(str[j], str[i]))
			j++;
		rows[nrows].key = j - i;
		rows[nrows++].i = i;
		i = j;
	}
	qsort(rows, nrows, sizeof *rows, rc_report_cmp_keyed);
	rc_buf_printf(r->out, "<h3>%s</h3>\n<table class=\"sites\">\n<tr><th>%s</th>"
		      "<th class=\"num\">%s</th></tr>\n", _("Where the new objects were allocated"),
		      _("Allocated at"), _("Objects"));
	for (uint32_t i = 0; i < nrows && i < RC_REPORT_MAX_ROWS; i++) {
		rc_buf_puts(r->out, "<tr><td><code>");
		rc_report_text(r, str[rows[i].i]);
		rc_buf_printf(r->out, "</code></td><td class=\"num\">%" PRId64 "</td></tr>\n",
			      rows[i].key);
	}
	rc_buf_puts(r->out, "</table>\n");
	if (asked == RC_REPORT_MAX_SITES)
		rc_buf_printf(r->out, "<p class=\"note\">%s</p>\n",
			      _("Counted over the first 50000 new objects."));
	free(rows);
	free(str);
out:
	free(at);
	rc_buf_free(&b);
	return rc;
}

static int
growth(struct report *r)
{
	const struct rc_model *m = r->m;
	uint32_t nt = m->ntypes, nrows = 0;
	struct keyed *rows;

	if (m->shown == NULL)
		return RC_OK;
	struct rc_buf line = RC_BUF_INIT;
	rc_buf_printf(&line, _("Compared with %s: %" PRIu32 " objects are new."),
		      r->o->since ? r->o->since : _("an earlier census"),
		      rc_nodeset_count(m->shown));
	rc_buf_printf(r->out, "<section id=\"growth\">\n<h2>%s</h2>\n<p>", _("Growth"));
	rc_report_text(r, rc_buf_cstr(&line) ? line.data : "?");
	rc_buf_puts(r->out, "</p>\n");
	rc_buf_free(&line);
	if (m->type_count_delta != NULL && m->type_size_delta != NULL) {
		rows = malloc(((size_t)nt + 1) * sizeof *rows);
		if (rows == NULL)
			return RC_ENOMEM;
		for (uint32_t t = 0; t < nt; t++)
			if (m->type_count_delta[t] != 0 || m->type_size_delta[t] != 0) {
				rows[nrows].key = m->type_size_delta[t];
				rows[nrows++].i = t;
			}
		qsort(rows, nrows, sizeof *rows, rc_report_cmp_keyed);
		rc_buf_printf(r->out, "<table class=\"growth\">\n<tr><th>%s</th><th class=\"num\">"
			      "%s</th><th class=\"num\">%s</th></tr>\n", _("Type"),
			      _("Objects"), _("Bytes"));
		for (uint32_t i = 0; i < nrows && i < RC_REPORT_MAX_ROWS; i++) {
			uint32_t t = rows[i].i;
			rc_buf_puts(r->out, "<tr><td><code>");
			rc_report_text(r, m->type_name[t] ? m->type_name[t] : "?");
			rc_buf_puts(r->out, "</code></td><td class=\"num\">");
			delta(r, m->type_count_delta[t], 0);
			rc_buf_puts(r->out, "</td><td class=\"num\">");
			delta(r, m->type_size_delta[t], 1);
			rc_buf_puts(r->out, "</td></tr>\n");
		}
		rc_buf_puts(r->out, "</table>\n");
		free(rows);
	}
	int rc = sites(r);
	rc_buf_puts(r->out, "</section>\n");
	return rc;
}

/* ------------------------------------------------------------- page */

/* Roots for the paths: the model's set, or one asked of root_kind. */
static int
find_roots(struct report *r)
{
	const struct rc_model *m = r->m;

	if (m->roots != NULL) {
		r->roots = m->roots;
		return RC_OK;
	}
	if (m->root_kind == NULL)
		return RC_OK;
	int rc = rc_nodeset_init(&r->own_roots, m->g->n);
	for (uint32_t v = 0; rc == RC_OK && v < m->g->n; v++)
		if (m->root_kind(m->ctx, v) != RC_ROOT_NONE)
			rc_nodeset_add(&r->own_roots, v);
	if (rc == RC_OK)
		r->roots = &r->own_roots;
	return rc;
}

static void
contents(struct report *r)
{
	rc_buf_printf(r->out, "<nav>\n<ul>\n<li><a href=\"#heap\">%s</a></li>\n"
		      "<li><a href=\"#suspects\">%s</a></li>\n", _("The heap"), _("Leak suspects"));
	if (r->stats.groups > 0)
		rc_buf_printf(r->out, "<li><a href=\"#groups\">%s</a></li>\n",
			      r->o->groups_heading ? r->o->groups_heading
			      : _("Watched objects still alive"));
	if (r->m->shown != NULL)
		rc_buf_printf(r->out, "<li><a href=\"#growth\">%s</a></li>\n", _("Growth"));
	rc_buf_printf(r->out, "<li><a href=\"#types\">%s</a></li>\n</ul>\n</nav>\n",
		      types_heading(r->m));

}

int
rc_report_write(const struct rc_model *m, const struct rc_report_opts *o,
		struct rc_buf *html, struct rc_report_stats *stats)
{
	struct report r = {m, o, html, NULL, {0, NULL}, 0, 0, {0, 0, 0}};
	struct rc_buf title = RC_BUF_INIT;
	char when[64] = "";
	time_t now = time(NULL);
	struct tm tm;
	int rc;

	if (gmtime_r(&now, &tm) != NULL)
		strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
	rc_buf_puts(&title, _("refcycle report"));
	if (o->title != NULL && *o->title)
		rc_buf_printf(&title, ": %s", o->title);
	/* The catalogs' language: what the page's text is written in. */
	const char *lang = _("en");
	rc_html_begin(html, lang, rc_buf_cstr(&title) ? title.data : "refcycle");
	rc_buf_puts(html, "<header>\n<h1>");
	rc_report_text(&r, rc_buf_cstr(&title) ? title.data : "refcycle");
	rc_buf_puts(html, "</h1>\n<p class=\"meta\">");
	rc_buf_printf(html, _("Written %s by refcycle %s."), when, PACKAGE_VERSION);
	rc_buf_puts(html, "</p>\n</header>\n");
	rc_buf_free(&title);
	/* The sections first (the contents name only those written), the
	 * table of types last. */
	struct rc_buf body = RC_BUF_INIT, types = RC_BUF_INIT;
	r.out = &body;
	rc = find_roots(&r);
	if (rc == RC_OK)
		rc = summary(&r, &types);
	if (rc == RC_OK)
		rc = suspects(&r);
	if (rc == RC_OK)
		rc = groups(&r);
	if (rc == RC_OK)
		rc = growth(&r);
	if (rc == RC_OK && (types.failed || body.failed))
		rc = RC_ENOMEM;
	r.out = html;
	contents(&r);
	rc_buf_puts(html, "<main>\n");
	if (rc == RC_OK) {
		rc_buf_append(html, body.data, body.len);
		rc_buf_append(html, types.data, types.len);
	}
	rc_buf_free(&body);
	rc_buf_free(&types);
	rc_buf_puts(html, "</main>\n");
	rc_html_end(html);
	rc_nodeset_free(&r.own_roots);
	if (rc == RC_OK && rc_buf_cstr(html) == NULL)
		rc = RC_ENOMEM;
	if (stats != NULL)
		*stats = r.stats;
	return rc;
}

int
rc_report_save(const struct rc_model *m, const struct rc_report_opts *o,
	       const char *path, struct rc_report_stats *stats, struct rc_buf *err)
{
	struct rc_buf html = RC_BUF_INIT;
	int rc = rc_report_write(m, o, &html, stats);

	if (rc == RC_OK && rc_file_write_atomic(path, html.data, html.len, err) < 0)
		rc = RC_EIO;
	rc_buf_free(&html);
	return rc;
}
