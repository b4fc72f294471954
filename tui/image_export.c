/* image_export.c - exporting the current subgraph (see image_export.h). */
#include <config.h>

#include "tui/image_export.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/common/i18n.h"
#include "src/common/status.h"
#include "src/export/style.h"
#include "src/graph/subgraph.h"
#include "tui/view.h"

/* Append v to out unless in seen. */
static int
add(struct rc_nodeset *seen, struct rc_nodelist *out, uint32_t v)
{
	if (rc_nodeset_has(seen, v))
		return RC_OK;
	rc_nodeset_add(seen, v);
	return rc_nodelist_push(out, v);
}

int
rc_export_default_nodes(struct rc_app *a, uint32_t target,
			struct rc_nodelist *out)
{
	const struct rc_graph *g = a->m->g;
	struct rc_nodeset seen;
	uint32_t i, deg;
	const uint32_t *nb;
	int rc;

	if (target >= g->n)
		return RC_EINVAL;
	rc = rc_nodeset_init(&seen, g->n);
	if (rc != RC_OK)
		return rc;
	rc = add(&seen, out, target);
	deg = rc_graph_degree(g, target, RC_IN);
	nb = rc_graph_neighbours(g, target, RC_IN);
	for (i = 0; rc == RC_OK && i < deg; i++)
		rc = add(&seen, out, nb[i]);
	deg = rc_graph_degree(g, target, RC_OUT);
	nb = rc_graph_neighbours(g, target, RC_OUT);
	for (i = 0; rc == RC_OK && i < deg; i++)
		rc = add(&seen, out, nb[i]);
	rc_nodeset_free(&seen);
	return rc;
}

int
rc_export_shown(struct rc_app *a, const struct rc_nodelist *shown,
		uint32_t target, struct rc_nodelist *out)
{
	if (shown->len == 0)
		return rc_export_default_nodes(a, target, out);
	for (uint32_t i = 0; i < shown->len; i++)
		if (rc_nodelist_push(out, shown->ids[i]) != RC_OK)
			return RC_ENOMEM;
	return RC_OK;
}

int
rc_export_nodes(struct rc_app *a, uint32_t target,
		    struct rc_nodelist *out)
{
	const struct rc_view_ops *v = rc_views[a->view];

	return v->export_nodes ? v->export_nodes(a, target, out)
		: rc_export_default_nodes(a, target, out);
}

int
rc_export_count_edges(const struct rc_graph *g, const uint32_t *nodes,
		      uint32_t k, uint32_t *nedges)
{
	struct rc_nodeset in;
	uint32_t i, count = 0;
	int rc = rc_nodeset_init(&in, g->n);

	if (rc != RC_OK)
		return rc;
	for (i = 0; i < k; i++)
		rc_nodeset_add(&in, nodes[i]);
	for (i = 0; i < k; i++) {
		uint32_t e, end = g->out_off[nodes[i] + 1];

		for (e = g->out_off[nodes[i]]; e < end; e++)
			count += rc_nodeset_has(&in, g->out_dst[e]);
	}
	rc_nodeset_free(&in);
	*nedges = count;
	return RC_OK;
}

void
rc_export_default_name(const struct rc_app *a, uint32_t target, char *out,
		       size_t cap)
{
	if (target != RC_NONE && a->m->address)
		snprintf(out, cap, "refcycle-%" PRIx64 ".svg",
			 a->m->address[target]);
	else if (target != RC_NONE)
		snprintf(out, cap, "refcycle-%" PRIu32 ".svg", target);
	else
		snprintf(out, cap, "refcycle.svg");
}

/* The texts of the picture, gathered from the model into one buffer
 * (offsets while it grows, pointers once it is whole). */
struct texts {
	struct rc_buf b;
	size_t *type, *body, *label;    /* offsets, or SIZE_MAX: none */
};

static size_t
text_end(struct texts *t)
{
	rc_buf_append(&t->b, "", 1);   /* each text NUL-terminated */
	return t->b.len;
}

/* The summary without the type name it starts with (the record's first
 * line shows it). */
static size_t
add_body(struct texts *t, const struct rc_model *m, uint32_t v, const char *type)
{
	struct rc_buf s = RC_BUF_INIT;
	size_t at = t->b.len, skip = strlen(type);

	if (m->summary == NULL || m->summary(m->ctx, v, &s) != 0 || rc_buf_cstr(&s) == NULL) {
		rc_buf_free(&s);
		return SIZE_MAX;
	}
	const char *text = s.data;
	if (skip > 0 && !strncmp(text, type, skip) && text[skip] == ' ')
		text += skip + 1;
	rc_buf_puts(&t->b, text);
	text_end(t);
	rc_buf_free(&s);
	return at;
}

static const char *
text_at(const struct texts *t, size_t at)
{
	return at == SIZE_MAX ? NULL : t->b.data + at;
}

/* The picture of sub (vertex i is kept[i] of the model's graph, edge e
 * the model's edge_map[e]) in the house style, into dot. */
static int
style_dot(struct rc_app *a, const struct rc_graph *sub, const uint32_t *kept,
	  const uint32_t *edge_map, const uint32_t *more_in, const uint32_t *more_out,
	  uint32_t target, uint32_t left_out, struct rc_buf *dot)
{
	const struct rc_model *m = a->m;
	struct texts t = {RC_BUF_INIT, NULL, NULL, NULL};
	struct rc_style_vertex *x = calloc((size_t)sub->n + 1, sizeof *x);
	const char **elabel = calloc((size_t)sub->m + 1, sizeof *elabel);
	int rc = RC_ENOMEM;

	t.type = malloc(((size_t)sub->n + 1) * sizeof *t.type);
	t.body = malloc(((size_t)sub->n + 1) * sizeof *t.body);
	t.label = malloc(((size_t)sub->m + 1) * sizeof *t.label);
	if (x == NULL || elabel == NULL || t.type == NULL || t.body == NULL || t.label == NULL)
		goto out;
	for (uint32_t i = 0; i < sub->n; i++) {
		uint32_t v = kept[i];
		const char *type = m->type_name[m->type_of[v]];
		t.type[i] = t.b.len;
		rc_buf_puts(&t.b, type);
		text_end(&t);
		t.body[i] = add_body(&t, m, v, type);
		x[i].id = m->address ? (int64_t)m->address[v] : (int64_t)v;
		x[i].address = m->address ? m->address[v] : 0;
		x[i].size = m->size ? m->size[v] : RC_STYLE_NO_SIZE;
		x[i].retained = m->retained ? m->retained[v] : RC_STYLE_NO_SIZE;
		x[i].root = rc_app_root(a, v);
		x[i].marks = v == target ? RC_STYLE_FOCUS : 0;
		x[i].more_in = more_in[i];
		x[i].more_out = more_out[i];
	}
	for (uint32_t e = 0; e < sub->m; e++) {
		size_t at = t.b.len;
		int labelled = m->edge_label ? m->edge_label(m->ctx, edge_map[e], &t.b) : 0;
		if (labelled == 1) {
			text_end(&t);
			t.label[e] = at;
		} else {
			t.b.len = at;
			t.label[e] = SIZE_MAX;
		}
	}
	if (t.b.failed)
		goto out;
	for (uint32_t i = 0; i < sub->n; i++) {
		x[i].type = text_at(&t, t.type[i]);
		x[i].body = text_at(&t, t.body[i]);
	}
	for (uint32_t e = 0; e < sub->m; e++)
		elabel[e] = text_at(&t, t.label[e]);
	struct rc_style_graph sg = {sub, x, elabel, left_out, 1};
	rc = rc_style_write(dot, &sg);
out:
	rc_buf_free(&t.b);
	free(t.type);
	free(t.body);
	free(t.label);
	free(x);
	free(elabel);
	return rc;
}

int
rc_export_dot(struct rc_app *a, uint32_t target, const uint32_t *nodes, uint32_t k,
	      struct rc_buf *dot, uint32_t *drawn, uint32_t *nedges)
{
	struct rc_graph set = {0, 0, NULL, NULL, NULL, NULL};
	struct rc_graph sub = {0, 0, NULL, NULL, NULL, NULL};
	struct rc_nodelist kept;
	uint32_t *more_in = NULL, *more_out = NULL, *edge_map = NULL, seed = RC_NONE;
	int rc;

	rc_nodelist_init(&kept);
	for (uint32_t i = 0; i < k && seed == RC_NONE; i++)
		if (nodes[i] == target)
			seed = i;
	rc = rc_induced_subgraph(a->m->g, nodes, k, &set, NULL);
	if (rc == RC_OK)
		rc = rc_style_select(&set, &seed, seed != RC_NONE, RC_EXPORT_MAX_NODES,
				     RC_EXPORT_TOO_MANY, &kept, &more_in, &more_out);
	for (uint32_t i = 0; rc == RC_OK && i < kept.len; i++)
		kept.ids[i] = nodes[kept.ids[i]];   /* the model's vertices */
	if (rc == RC_OK)
		rc = rc_induced_subgraph(a->m->g, kept.ids, kept.len, &sub, &edge_map);
	if (rc == RC_OK)
		rc = style_dot(a, &sub, kept.ids, edge_map, more_in, more_out, target,
			       k - kept.len, dot);
	if (rc == RC_OK) {
		*drawn = kept.len;
		*nedges = sub.m;
	}
	rc_graph_free(&set);
	rc_graph_free(&sub);
	rc_nodelist_free(&kept);
	free(more_in);
	free(more_out);
	free(edge_map);
	return rc;
}

int
rc_export_run(struct rc_app *a, uint32_t target, const char *path)
{
	struct rc_nodelist nodes;
	struct rc_buf err = RC_BUF_INIT, dot = RC_BUF_INIT;
	uint32_t drawn = 0, nedges = 0;
	int rc;

	if (a->m->export_image == NULL) {
		rc_app_message(a, 1, "%s", _("Export is unavailable here"));
		return -1;
	}
	rc_nodelist_init(&nodes);
	rc = rc_export_nodes(a, target, &nodes);
	if (rc == RC_OK)
		rc = rc_export_dot(a, target, nodes.ids, nodes.len, &dot, &drawn, &nedges);
	if (rc == RC_OK && rc_buf_cstr(&dot) == NULL)
		rc = RC_ENOMEM;
	if (rc != RC_OK) {
		rc_app_message(a, 1, "%s", _("Export failed: out of memory"));
		rc_nodelist_free(&nodes);
		rc_buf_free(&dot);
		return -1;
	}
	if (a->m->export_image(a->m->ctx, dot.data, path, &err) != 0) {
		const char *why = rc_buf_cstr(&err);

		rc_app_message(a, 1, _("Export to %s failed: %s"), path,
			       why && *why ? why : _("unknown error"));
		rc = -1;
	} else if (drawn < nodes.len) {
		rc_app_message(a, 0, _("Wrote %s: %" PRIu32 " objects, %" PRIu32
				      " references (%" PRIu32 " more left out)"),
			       path, drawn, nedges, nodes.len - drawn);
	} else {
		rc_app_message(a, 0, _("Wrote %s: %" PRIu32 " objects, %"
				      PRIu32 " references"),
			       path, drawn, nedges);
	}
	rc_buf_free(&err);
	rc_buf_free(&dot);
	rc_nodelist_free(&nodes);
	return rc == RC_OK ? 0 : -1;
}
