/* model_dot.c - a model's picture in the house style (see model_dot.h);
 * moved here from tui/image_export.c so the HTML report draws as the
 * browser exports. */
#include <config.h>

#include "src/export/model_dot.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"
#include "src/export/style.h"
#include "src/graph/nodeset.h"
#include "src/graph/subgraph.h"

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
style_dot(const struct rc_model *m, const struct rc_graph *sub, const uint32_t *kept,
	  const uint32_t *edge_map, const uint32_t *more_in, const uint32_t *more_out,
	  uint32_t target, uint32_t left_out, int legend, struct rc_buf *dot)
{
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
		x[i].id = (int64_t)rc_model_address(m, v);
		x[i].address = rc_model_has_address(m) ? rc_model_address(m, v) : 0;
		x[i].size = m->size ? m->size[v] : RC_STYLE_NO_SIZE;
		x[i].retained = m->retained ? m->retained[v] : RC_STYLE_NO_SIZE;
		x[i].root = m->root_kind ? m->root_kind(m->ctx, v) : RC_ROOT_NONE;
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
	struct rc_style_graph sg = {sub, x, elabel, left_out, legend};
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
rc_model_dot(const struct rc_model *m, uint32_t target, const uint32_t *nodes, uint32_t k,
	     int legend, struct rc_buf *dot, uint32_t *drawn, uint32_t *nedges)
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
	rc = rc_induced_subgraph(m->g, nodes, k, &set, NULL);
	if (rc == RC_OK)
		rc = rc_style_select(&set, &seed, seed != RC_NONE, RC_EXPORT_MAX_NODES,
				     RC_EXPORT_TOO_MANY, &kept, &more_in, &more_out);
	for (uint32_t i = 0; rc == RC_OK && i < kept.len; i++)
		kept.ids[i] = nodes[kept.ids[i]];   /* the model's vertices */
	if (rc == RC_OK)
		rc = rc_induced_subgraph(m->g, kept.ids, kept.len, &sub, &edge_map);
	if (rc == RC_OK)
		rc = style_dot(m, &sub, kept.ids, edge_map, more_in, more_out, target,
			       k - kept.len, legend, dot);
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

