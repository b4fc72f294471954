/* rows_types.c - the types histogram (see rows_types.h). */
#include <config.h>

#include "tui/rows_types.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"
#include "tui/text.h"

/* What the shown vertices of each type retain, nothing counted twice:
 * a DFS of the dominator tree from its top (n) with open[t] counting the
 * shown vertices of type t on the path; a shown vertex entered while its
 * type has none open is the top of its type there and adds its retained
 * size (as rc_dom_group_retained, over the new vertices only).  Vertices
 * in no tree are tops of their own. */
static int
shown_retained(const struct rc_model *m, struct rc_type_hist *h)
{
	uint32_t n = m->g->n, depth = 1, v, w, t;
	uint32_t *open, *path, *next;
	const struct rc_nodeset *s = m->shown;

	h->retained = calloc(h->ntypes ? h->ntypes : 1, sizeof *h->retained);
	open = calloc(h->ntypes ? h->ntypes : 1, sizeof *open);
	path = malloc(((size_t)n + 1) * sizeof *path);
	next = malloc(((size_t)n + 1) * sizeof *next);
	if (h->retained == NULL || open == NULL || path == NULL ||
	    next == NULL) {
		free(open);
		free(path);
		free(next);
		return RC_ENOMEM;
	}
	for (v = 0; v < n; v++)
		if (m->idom[v] == RC_NONE && rc_nodeset_has(s, v))
			h->retained[m->type_of[v]] += m->retained[v];
	path[0] = n;
	next[0] = m->dom_off[n];
	while (depth > 0) {
		v = path[depth - 1];
		if (next[depth - 1] == m->dom_off[v + 1]) {
			if (v != n && rc_nodeset_has(s, v))
				open[m->type_of[v]]--;
			depth--;
			continue;
		}
		w = m->dom_kids[next[depth - 1]++];
		if (depth > n)
			break;	/* not a tree: stop rather than overrun */
		if (rc_nodeset_has(s, w)) {
			t = m->type_of[w];
			if (open[t]++ == 0)
				h->retained[t] += m->retained[w];
		}
		path[depth] = w;
		next[depth] = m->dom_off[w];
		depth++;
	}
	free(open);
	free(path);
	free(next);
	return RC_OK;
}

int
rc_type_hist_build(const struct rc_model *m, struct rc_type_hist *h)
{
	uint32_t v, t, n = m->g->n;
	size_t cnt = m->ntypes ? m->ntypes : 1;

	memset(h, 0, sizeof *h);
	if (m->shown != NULL && m->shown->n != n)
		return RC_EINVAL;
	h->count = calloc(cnt, sizeof *h->count);
	h->bytes = calloc(cnt, sizeof *h->bytes);
	if (h->count == NULL || h->bytes == NULL) {
		rc_type_hist_free(h);
		return RC_ENOMEM;
	}
	h->ntypes = m->ntypes;
	for (v = 0; v < n; v++) {
		t = m->type_of[v];
		if (t >= m->ntypes) {
			rc_type_hist_free(h);
			return RC_EINVAL;
		}
		if (m->shown != NULL && !rc_nodeset_has(m->shown, v))
			continue;
		h->count[t]++;
		h->bytes[t] += m->size ? m->size[v] : 0;
		h->total++;
	}
	for (t = 0; t < h->ntypes; t++)
		h->nonempty += h->count[t] != 0;
	if (m->shown != NULL && m->retained && m->idom && m->dom_off &&
	    m->dom_kids && shown_retained(m, h) != RC_OK) {
		rc_type_hist_free(h);
		return RC_ENOMEM;
	}
	return RC_OK;
}

int
rc_type_hist_take_retained(const struct rc_model *m, struct rc_type_hist *h)
{
	if (m->shown == NULL || h->retained != NULL || !m->retained || !m->idom
	    || !m->dom_off || !m->dom_kids)
		return RC_OK;
	int status = shown_retained(m, h);
	if (status != RC_OK) {
		free(h->retained);
		h->retained = NULL;
	}
	return status;
}

void
rc_type_hist_free(struct rc_type_hist *h)
{
	free(h->count);
	free(h->bytes);
	free(h->retained);
	memset(h, 0, sizeof *h);
}

const uint64_t *
rc_type_hist_retained(const struct rc_model *m, const struct rc_type_hist *h)
{
	if (m->shown != NULL)
		return h->retained;
	return m->type_retained;
}

int
rc_rows_types(const struct rc_type_hist *h, struct rc_rowlist *rl)
{
	uint32_t t;

	rc_rowlist_clear(rl);
	for (t = 0; t < h->ntypes; t++) {
		struct rc_row r = { RC_NONE, RC_NONE, RC_NONE, 0, t, 0,
				    RC_ROW_TYPE, 0 };

		if (h->count[t] == 0)
			continue;
		if (rc_rowlist_push(rl, &r) != RC_OK)
			return RC_ENOMEM;
	}
	return rc_rowlist_show(rl);
}

struct sort_ctx {
	const struct rc_model *m;
	const struct rc_type_hist *h;
};

static int
cmp_name(void *ctx, const struct rc_row *a, const struct rc_row *b)
{
	const struct sort_ctx *c = ctx;
	int d = strcmp(c->m->type_name[a->aux], c->m->type_name[b->aux]);

	if (d)
		return d;
	return a->aux < b->aux ? -1 : a->aux > b->aux;
}

static uint64_t
key_count(void *ctx, const struct rc_row *r)
{
	return ((const struct sort_ctx *)ctx)->h->count[r->aux];
}

static uint64_t
key_size(void *ctx, const struct rc_row *r)
{
	return ((const struct sort_ctx *)ctx)->h->bytes[r->aux];
}

static uint64_t
key_retained(void *ctx, const struct rc_row *r)
{
	const struct sort_ctx *c = ctx;
	const uint64_t *retained = rc_type_hist_retained(c->m, c->h);

	return retained ? retained[r->aux] : c->h->bytes[r->aux];
}

/* A signed change as an unsigned key in the same order. */
static uint64_t
signed_key(int64_t d)
{
	return (uint64_t)d ^ ((uint64_t)1 << 63);
}

static uint64_t
key_count_delta(void *ctx, const struct rc_row *r)
{
	const struct sort_ctx *c = ctx;

	return c->m->type_count_delta
	       ? signed_key(c->m->type_count_delta[r->aux])
	       : key_count(ctx, r);
}

static uint64_t
key_size_delta(void *ctx, const struct rc_row *r)
{
	const struct sort_ctx *c = ctx;

	return c->m->type_size_delta
	       ? signed_key(c->m->type_size_delta[r->aux])
	       : key_size(ctx, r);
}

int
rc_rows_types_sort(const struct rc_model *m, const struct rc_type_hist *h,
		   struct rc_rowlist *rl, enum rc_types_sort key, int invert)
{
	static uint64_t (*const keys[RC_TYPES_SORTS])(void *,
						     const struct rc_row *) = {
		key_count, key_size, NULL, key_retained, key_count_delta,
		key_size_delta
	};
	struct sort_ctx c = { m, h };
	int rc;

	if ((unsigned)key >= RC_TYPES_SORTS)
		return RC_EINVAL;
	/* Name order first: equal counts or sizes then read A-Z. */
	rc = rc_rowlist_sort_cmp(rl, cmp_name, &c,
				 key == RC_TYPES_BY_NAME && invert);
	if (rc != RC_OK || key == RC_TYPES_BY_NAME)
		return rc;
	return rc_rowlist_sort_key(rl, keys[key], &c, !invert);
}

struct filter_ctx {
	const struct rc_model *m;
	const char *needle;
};

static int
keep_type(void *ctx, const struct rc_row *r)
{
	const struct filter_ctx *c = ctx;

	return rc_text_contains(c->m->type_name[r->aux], c->needle);
}

int
rc_rows_types_filter(const struct rc_model *m, struct rc_rowlist *rl,
		     const char *needle)
{
	struct filter_ctx c = { m, needle };

	if (needle[0] == '\0')
		return rc_rowlist_unfilter(rl);
	rc_rowlist_filter_begin(rl);
	rc_rowlist_filter_step(rl, keep_type, &c, UINT32_MAX);
	return rc_rowlist_filter_commit(rl);
}
