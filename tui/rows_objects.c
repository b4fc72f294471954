/* rows_objects.c - the objects view's rows (see rows_objects.h). */
#include <config.h>

#include "tui/rows_objects.h"

#include <stdlib.h>

#include "src/common/status.h"
#include "src/graph/prefault.h"
#include "tui/text.h"

static void
make_object(const void *ctx, uint32_t i, uint32_t v, struct rc_row *out)
{
	const struct rc_model *m = ctx;
	(void)i;

	*out = (struct rc_row){ v, RC_NONE, RC_NONE, 0, m->type_of[v], 0,
				RC_ROW_OBJECT, 0 };
}

/* Whether v belongs in the list. */
static int
listed(const struct rc_model *m, uint32_t t, uint32_t v)
{
	return (t == RC_NONE || m->type_of[v] == t)
	       && (m->shown == NULL || rc_nodeset_has(m->shown, v));
}

int
rc_rows_objects(const struct rc_model *m, uint32_t t, struct rc_rowlist *rl)
{
	uint32_t v, n = m->g->n, count = 0, k = 0;
	uint32_t *ids;

	rc_rowlist_clear(rl);
	if (m->shown != NULL && m->shown->n != n)
		return RC_EINVAL;
	/* Counted first: one allocation of the ids, not a doubling. */
	if (t == RC_NONE)
		count = n;
	else
		for (v = 0; v < n; v++)
			count += m->type_of[v] == t;
	ids = malloc(((size_t)count + 1) * sizeof *ids);
	if (ids == NULL)
		return RC_ENOMEM;
	rc_prefault(ids, (size_t)count * sizeof *ids);
	if (t != RC_NONE && m->shown == NULL)
		for (v = 0; v < n && k < count; v++) {
			ids[k] = v;	/* kept only when of type t */
			k += m->type_of[v] == t;
		}
	else
		for (v = 0; v < n && k < count; v++)
			if (listed(m, t, v))
				ids[k++] = v;
	return rc_rowlist_vertices(rl, ids, k, make_object, m);
}

int
rc_rows_objects_indexed(const struct rc_model *m,
			const struct rc_type_index *ix, uint32_t t,
			struct rc_rowlist *rl)
{
	if (ix == NULL || t == RC_NONE)
		return rc_rows_objects(m, t, rl);
	if (t >= ix->ntypes)
		return RC_EINVAL;
	return rc_rowlist_vertices_borrowed(rl, ix->ids + ix->off[t],
					    ix->off[t + 1] - ix->off[t],
					    make_object, m);
}

static uint64_t
key_size(const void *ctx, uint32_t v)
{
	const struct rc_model *m = ctx;

	return m->size ? m->size[v] : 0;
}

static uint64_t
key_retained(const void *ctx, uint32_t v)
{
	const struct rc_model *m = ctx;

	return m->retained ? m->retained[v] : key_size(ctx, v);
}

static uint64_t
key_referrers(const void *ctx, uint32_t v)
{
	return rc_graph_degree(((const struct rc_model *)ctx)->g, v, RC_IN);
}

static uint64_t
key_referents(const void *ctx, uint32_t v)
{
	return rc_graph_degree(((const struct rc_model *)ctx)->g, v, RC_OUT);
}

static uint64_t
key_address(const void *ctx, uint32_t v)
{
	const struct rc_model *m = ctx;

	return rc_model_address(m, v);
}

int
rc_rows_objects_sort(const struct rc_model *m, struct rc_rowlist *rl,
		     enum rc_objects_sort key, int invert)
{
	static uint64_t (*const keys[RC_OBJECTS_SORTS])(const void *, uint32_t) = {
		key_size, key_referrers, key_referents, key_address,
		key_retained
	};
	int descending = key != RC_OBJECTS_BY_ADDRESS;

	if ((unsigned)key >= RC_OBJECTS_SORTS)
		return RC_EINVAL;
	/* Ties in vertex order (the build order). */
	rc_rowlist_unsort(rl);
	return rc_rowlist_sort_vertex_key(rl, keys[key], m,
					  invert ? !descending : descending);
}

int
rc_objects_filter_keep(void *ctx, const struct rc_row *row)
{
	struct rc_objects_filter *f = ctx;
	const char *s;

	if (rc_text_contains(f->m->type_name[f->m->type_of[row->v]],
			     f->needle))
		return 1;
	if (f->m->summary == NULL)
		return 0;
	f->scratch.len = 0;
	if (f->m->summary(f->m->ctx, row->v, &f->scratch) != 0)
		return 0;
	s = rc_buf_cstr(&f->scratch);
	return s != NULL && rc_text_contains(s, f->needle);
}
