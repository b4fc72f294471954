/* image_export.c - exporting the current subgraph (see image_export.h). */
#include <config.h>

#include "tui/image_export.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/common/i18n.h"
#include "src/common/status.h"
#include "src/export/model_dot.h"
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
	if (target != RC_NONE && rc_model_has_address(a->m))
		snprintf(out, cap, "refcycle-%" PRIx64 ".svg",
			 rc_model_address(a->m, target));
	else if (target != RC_NONE)
		snprintf(out, cap, "refcycle-%" PRIu32 ".svg", target);
	else
		snprintf(out, cap, "refcycle.svg");
}

int
rc_export_dot(struct rc_app *a, uint32_t target, const uint32_t *nodes, uint32_t k,
	      struct rc_buf *dot, uint32_t *drawn, uint32_t *nedges)
{
	return rc_model_dot(a->m, target, nodes, k, 1, dot, drawn, nedges);
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
