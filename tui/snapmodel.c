/* snapmodel.c - the browser's model over a saved snapshot (see
 * snapmodel.h). */
#include <config.h>

#include "tui/snapmodel.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/i18n.h"
#include "src/common/status.h"
#include "src/export/render.h"

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

/* model.h: the browser's picture, rendered in-process. */
static int
snap_export_image(void *ctx, const char *dot, const char *path, struct rc_buf *err)
{
	(void)ctx;
	return rc_render(dot, rc_render_format_of(path), path, err) == RC_RENDER_OK ? 0 : -1;
}

/* Roots from the stored kinds; the dominator tree from them, with
 * retained sizes per object and per type, started on a thread of its own
 * (or built here when no thread can be had).  The sizes come from the
 * file: their sum is checked here, so that a file whose sizes add up
 * past 2^64 is refused at once. */
static int
analyse(struct rc_snapmodel *sm)
{
	const struct rc_snap *s = &sm->snap;
	uint32_t n = s->g.n;
	uint64_t sum = 0;
	int status = rc_nodeset_init(&sm->roots, n);

	for (uint32_t v = 0; status == RC_OK && v < n; v++) {
		if (s->size[v] > UINT64_MAX - sum)
			return RC_EOVERFLOW;
		sum += s->size[v];
		if (s->root[v] != RC_ROOT_NONE) {
			rc_nodeset_add(&sm->roots, v);
			status = rc_nodelist_push(&sm->root_list, v);
		}
	}
	if (status != RC_OK)
		return status;
	if (rc_dom_job_start(&sm->job, &s->g, sm->root_list.ids, sm->root_list.len, s->size,
			     s->type_of, s->ntypes) == RC_OK)
		return RC_OK;
	sm->status = rc_dom_view_build(&sm->dv, &s->g, sm->root_list.ids, sm->root_list.len,
				       s->size, s->type_of, s->ntypes);
	sm->analysed = 1;
	return sm->status;
}

int
rc_snapmodel_wait(struct rc_snapmodel *sm)
{
	if (!sm->analysed) {
		sm->status = rc_dom_job_finish(&sm->job, &sm->dv);
		sm->analysed = 1;
		if (sm->status == RC_OK)
			rc_model_set_dominators(&sm->model, &sm->dv);
	}
	return sm->status;
}

static int
snap_analysis_poll(void *ctx, uint64_t *done, uint64_t *total, struct rc_buf *err)
{
	struct rc_snapmodel *sm = ctx;

	if (!sm->analysed && !rc_dom_job_poll(&sm->job, done, total))
		return 0;
	if (rc_snapmodel_wait(sm) == RC_OK) {
		/* graphviz gets ready for a picture now that the threads
		 * the first keys wait for have ended. */
		rc_render_warm_start();
		return 1;
	}
	rc_buf_puts(err, _("out of memory"));
	return -1;
}

int
rc_snapmodel_init(struct rc_snapmodel *sm, struct rc_snap *snap, struct rc_buf *err)
{
	memset(sm, 0, sizeof *sm);
	sm->snap = *snap;
	memset(snap, 0, sizeof *snap);
	rc_nodelist_init(&sm->root_list);
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
	if (sm->analysed)
		rc_model_set_dominators(&sm->model, &sm->dv);
	else
		m->analysis_poll = snap_analysis_poll;
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

/* ------------------------------------------------------ comparison */

/* A type by name, for sorting and searching. */
struct named_type {
	const char *name;
	uint32_t id;
};

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(((const struct named_type *)a)->name, ((const struct named_type *)b)->name);
}

struct old_object {
	uint64_t address;
	uint32_t type;       /* sm's type of that name, or RC_NONE */
};

static int
cmp_old(const void *a, const void *b)
{
	const struct old_object *x = a, *y = b;

	if (x->address != y->address)
		return x->address < y->address ? -1 : 1;
	return x->type < y->type ? -1 : x->type > y->type;
}

/* The type named name among by[0..n-1] (sorted by name), or RC_NONE. */
static uint32_t
type_named(const struct named_type *by, uint32_t n, const char *name)
{
	struct named_type key = {name, RC_NONE};
	const struct named_type *hit = bsearch(&key, by, n, sizeof *by, cmp_name);

	return hit ? hit->id : RC_NONE;
}

int
rc_snapmodel_compare(struct rc_snapmodel *sm, const struct rc_snap *old)
{
	uint32_t n = sm->snap.g.n, nt = sm->model.ntypes, nold = old->g.n;
	struct named_type *by = malloc(((size_t)nt + 1) * sizeof *by);
	uint32_t *map = malloc(((size_t)old->ntypes + 1) * sizeof *map);
	struct old_object *objs = malloc(((size_t)nold + 1) * sizeof *objs);
	int status = RC_ENOMEM;

	sm->count_delta = calloc((size_t)nt + 1, sizeof *sm->count_delta);
	sm->size_delta = calloc((size_t)nt + 1, sizeof *sm->size_delta);
	if (by == NULL || map == NULL || objs == NULL || sm->count_delta == NULL
	    || sm->size_delta == NULL || rc_nodeset_init(&sm->shown, n) != RC_OK)
		goto out;
	for (uint32_t t = 0; t < nt; t++) {
		by[t].name = sm->type_name[t];
		by[t].id = t;
	}
	qsort(by, nt, sizeof *by, cmp_name);
	for (uint32_t t = 0; t < old->ntypes; t++)
		map[t] = type_named(by, nt, rc_snap_string(old, old->type_name[t]));
	for (uint32_t v = 0; v < nold; v++) {
		uint32_t t = map[old->type_of[v]];
		objs[v].address = old->address[v];
		objs[v].type = t;
		if (t != RC_NONE) {
			sm->count_delta[t]--;
			sm->size_delta[t] -= (int64_t)old->size[v];
		}
	}
	qsort(objs, nold, sizeof *objs, cmp_old);
	for (uint32_t v = 0; v < n; v++) {
		struct old_object key = {sm->snap.address[v], sm->snap.type_of[v]};
		sm->count_delta[key.type]++;
		sm->size_delta[key.type] += (int64_t)sm->snap.size[v];
		if (bsearch(&key, objs, nold, sizeof *objs, cmp_old) == NULL)
			rc_nodeset_add(&sm->shown, v);
	}
	sm->model.shown = &sm->shown;
	sm->model.type_count_delta = sm->count_delta;
	sm->model.type_size_delta = sm->size_delta;
	status = RC_OK;
out:
	free(by);
	free(map);
	free(objs);
	return status;
}

void
rc_snapmodel_free(struct rc_snapmodel *sm)
{
	/* The thread reads the snapshot's arrays: it stops first. */
	rc_dom_job_cancel(&sm->job);
	rc_render_warm_wait();
	rc_nodelist_free(&sm->root_list);
	rc_snap_free(&sm->snap);
	free(sm->type_name);
	rc_nodeset_free(&sm->roots);
	rc_dom_view_free(&sm->dv);
	rc_nodeset_free(&sm->shown);
	free(sm->count_delta);
	free(sm->size_delta);
	memset(sm, 0, sizeof *sm);
}
