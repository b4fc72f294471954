/* snapmodel.c - the browser's model over a saved snapshot (see
 * snapmodel.h). */
#include <config.h>

#include "tui/snapmodel.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/i18n.h"
#include "src/common/status.h"
#include "src/export/dot.h"
#include "src/export/lgraph.h"
#include "src/export/render.h"
#include "src/graph/subgraph.h"

/* Past this many objects, graphviz's layout takes minutes (as the
 * Python module's export_image refuses by default). */
#define EXPORT_MAX_NODES 2000

static int
snap_summary(void *ctx, uint32_t v, struct rc_buf *out)
{
	struct rc_snapmodel *sm = ctx;

	rc_buf_puts(out, rc_snap_string(&sm->snap, sm->snap.summary[v]));
	return out->failed ? -1 : 0;
}

static int
snap_edge_label(void *ctx, uint32_t e, struct rc_buf *out)
{
	struct rc_snapmodel *sm = ctx;
	uint32_t id = sm->snap.label[e];

	if (id == RC_NONE)
		return 0;
	rc_buf_puts(out, rc_snap_string(&sm->snap, id));
	return out->failed ? -1 : 1;
}

/* model.h: the allocation site saved with the snapshot, its file name
 * shortened to the last component. */
static int
snap_allocated_at(void *ctx, uint32_t v, struct rc_buf *out)
{
	const struct rc_snapmodel *sm = ctx;

	if (sm->snap.allocated == NULL || sm->snap.allocated[v] == RC_NONE)
		return 0;
	const char *site = rc_snap_string(&sm->snap, sm->snap.allocated[v]);
	const char *slash = strrchr(site, '/');
	rc_buf_puts(out, slash ? slash + 1 : site);
	return out->failed ? -1 : 1;
}

static enum rc_root_kind
snap_root_kind(void *ctx, uint32_t v)
{
	struct rc_snapmodel *sm = ctx;

	return (enum rc_root_kind)sm->snap.root[v];
}

/* Labels as the Python module's export has them: the summary, then the
 * address on a line of its own. */
static char **
export_labels(const struct rc_snapmodel *sm, const uint32_t *nodes, uint32_t k)
{
	char **label = calloc((size_t)k + 1, sizeof *label);

	for (uint32_t i = 0; label != NULL && i < k; i++) {
		struct rc_buf b = RC_BUF_INIT;
		rc_buf_printf(&b, "%s\n0x%llx", rc_snap_string(&sm->snap, sm->snap.summary[nodes[i]]),
			      (unsigned long long)sm->snap.address[nodes[i]]);
		label[i] = rc_buf_cstr(&b) ? b.data : NULL;
		if (label[i] == NULL) {
			rc_buf_free(&b);
			for (uint32_t j = 0; j < i; j++)
				free(label[j]);
			free(label);
			return NULL;
		}
	}
	return label;
}

static int
render_subgraph(const struct rc_snapmodel *sm, const uint32_t *nodes, uint32_t k,
		const struct rc_graph *sub, const uint32_t *edge_map, const char *path,
		struct rc_buf *err)
{
	int64_t *vid = malloc(((size_t)k + 1) * sizeof *vid);
	int64_t *eid = malloc(((size_t)sub->m + 1) * sizeof *eid);
	const char **elabel = calloc((size_t)sub->m + 1, sizeof *elabel);
	char **vlabel = export_labels(sm, nodes, k);
	struct rc_buf dot = RC_BUF_INIT;
	int rc = -1;

	if (vid == NULL || eid == NULL || elabel == NULL || vlabel == NULL) {
		rc_buf_puts(err, _("out of memory"));
		goto out;
	}
	for (uint32_t i = 0; i < k; i++)
		vid[i] = (int64_t)sm->snap.address[nodes[i]];
	for (uint32_t e = 0; e < sub->m; e++) {
		uint32_t id = sm->snap.label[edge_map[e]];
		eid[e] = edge_map[e];
		elabel[e] = id == RC_NONE ? NULL : rc_snap_string(&sm->snap, id);
	}
	struct rc_lgraph lg = {sub, vid, (const char *const *)vlabel, eid, elabel, 0};
	if (rc_dot_write(&dot, &lg) < 0 || rc_buf_cstr(&dot) == NULL) {
		rc_buf_puts(err, _("out of memory"));
		goto out;
	}
	const char *slash = strrchr(path, '/');
	const char *ext = strrchr(slash ? slash + 1 : path, '.');
	rc = rc_render(dot.data, ext && ext[1] ? ext + 1 : "png", path, err) == RC_RENDER_OK ? 0 : -1;
out:
	for (uint32_t i = 0; vlabel != NULL && i < k; i++)
		free(vlabel[i]);
	free(vlabel);
	free(vid);
	free(eid);
	free(elabel);
	rc_buf_free(&dot);
	return rc;
}

static int
snap_export_image(void *ctx, const uint32_t *nodes, uint32_t k, const char *path,
		  struct rc_buf *err)
{
	struct rc_snapmodel *sm = ctx;
	struct rc_graph sub = {0, 0, NULL, NULL, NULL, NULL};
	uint32_t *edge_map = NULL;

	if (k > EXPORT_MAX_NODES) {
		rc_buf_printf(err, _("%u objects: graphviz would take minutes to lay them out "
			      "(at most %d)"), k, EXPORT_MAX_NODES);
		return -1;
	}
	if (rc_induced_subgraph(&sm->snap.g, nodes, k, &sub, &edge_map) != RC_OK) {
		rc_buf_puts(err, _("out of memory"));
		return -1;
	}
	int rc = render_subgraph(sm, nodes, k, &sub, edge_map, path, err);
	rc_graph_free(&sub);
	free(edge_map);
	return rc;
}

/* Roots from the stored kinds; the dominator tree from them, with
 * retained sizes per object and per type. */
static int
analyse(struct rc_snapmodel *sm)
{
	const struct rc_snap *s = &sm->snap;
	uint32_t n = s->g.n;
	struct rc_nodelist roots;
	int status = rc_nodeset_init(&sm->roots, n);

	rc_nodelist_init(&roots);
	for (uint32_t v = 0; status == RC_OK && v < n; v++)
		if (s->root[v] != RC_ROOT_NONE) {
			rc_nodeset_add(&sm->roots, v);
			status = rc_nodelist_push(&roots, v);
		}
	if (status == RC_OK)
		status = rc_dom_view_build(&sm->dv, &s->g, roots.ids, roots.len, s->size,
					   s->type_of, s->ntypes);
	rc_nodelist_free(&roots);
	return status;
}

int
rc_snapmodel_init(struct rc_snapmodel *sm, struct rc_snap *snap, struct rc_buf *err)
{
	memset(sm, 0, sizeof *sm);
	sm->snap = *snap;
	memset(snap, 0, sizeof *snap);
	sm->type_name = malloc(((size_t)sm->snap.ntypes + 1) * sizeof *sm->type_name);
	int status = sm->type_name ? analyse(sm) : RC_ENOMEM;
	if (status != RC_OK) {
		/* The sizes come from the file: their sum can overflow. */
		rc_buf_puts(err, status == RC_EOVERFLOW ? _("the sizes of the objects add up past 2^64")
			    : _("out of memory"));
		rc_snapmodel_free(sm);
		return status;
	}
	for (uint32_t t = 0; t < sm->snap.ntypes; t++)
		sm->type_name[t] = rc_snap_string(&sm->snap, sm->snap.type_name[t]);

	struct rc_model *m = &sm->model;
	m->g = &sm->snap.g;
	m->ntypes = sm->snap.ntypes;
	m->type_of = sm->snap.type_of;
	m->type_name = sm->type_name;
	m->size = sm->snap.size;
	m->retained = sm->dv.retained;
	m->type_retained = sm->dv.group_retained;
	m->idom = sm->dv.dom.idom;
	m->dom_off = sm->dv.kid_off;
	m->dom_kids = sm->dv.kids;
	m->address = sm->snap.address;
	m->summary = snap_summary;
	m->edge_label = snap_edge_label;
	m->root_kind = snap_root_kind;
	m->allocated_at = snap_allocated_at;
	m->roots = &sm->roots;
	m->export_image = snap_export_image;
	m->ctx = sm;
	return 0;
}

int
rc_snapmodel_open(struct rc_snapmodel *sm, const char *path, struct rc_buf *err)
{
	struct rc_snap snap;
	int rc = rc_snap_read(&snap, path, err);

	if (rc < 0) {
		memset(sm, 0, sizeof *sm);
		return rc;
	}
	struct rc_buf why = RC_BUF_INIT;
	rc = rc_snapmodel_init(sm, &snap, &why);
	if (rc < 0)
		rc_buf_printf(err, "%s: %s", path, rc_buf_cstr(&why) ? why.data : _("out of memory"));
	rc_buf_free(&why);
	return rc;
}

void
rc_snapmodel_free(struct rc_snapmodel *sm)
{
	rc_snap_free(&sm->snap);
	free(sm->type_name);
	rc_nodeset_free(&sm->roots);
	rc_dom_view_free(&sm->dv);
	memset(sm, 0, sizeof *sm);
}
