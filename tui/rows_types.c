/* rows_types.c - the types histogram (see rows_types.h). */
#include <config.h>

#include "rows_types.h"

#include <stdlib.h>
#include <string.h>

#include "status.h"
#include "text.h"

int
rc_type_hist_build(const struct rc_model *m, struct rc_type_hist *h)
{
	uint32_t v, t, n = m->g->n;
	size_t cnt = m->ntypes ? m->ntypes : 1;

	memset(h, 0, sizeof *h);
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
		h->count[t]++;
		h->bytes[t] += m->size ? m->size[v] : 0;
	}
	for (t = 0; t < h->ntypes; t++)
		h->nonempty += h->count[t] != 0;
	return RC_OK;
}

void
rc_type_hist_free(struct rc_type_hist *h)
{
	free(h->count);
	free(h->bytes);
	memset(h, 0, sizeof *h);
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

	return c->m->type_retained ? c->m->type_retained[r->aux]
				   : c->h->bytes[r->aux];
}

int
rc_rows_types_sort(const struct rc_model *m, const struct rc_type_hist *h,
		   struct rc_rowlist *rl, enum rc_types_sort key, int invert)
{
	struct sort_ctx c = { m, h };
	int rc;

	/* Name order first: equal counts or sizes then read A-Z. */
	rc = rc_rowlist_sort_cmp(rl, cmp_name, &c,
				 key == RC_TYPES_BY_NAME && invert);
	if (rc != RC_OK || key == RC_TYPES_BY_NAME)
		return rc;
	return rc_rowlist_sort_key(rl, key == RC_TYPES_BY_COUNT ? key_count :
				   key == RC_TYPES_BY_SIZE ? key_size : key_retained,
				   &c, !invert);
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
