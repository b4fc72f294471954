/* model_leaks.c - suspects and watched groups over a model (see
 * model_leaks.h); moved here from tui/view_suspects.c so the browser
 * and the HTML report find the same. */
#include <config.h>

#include "src/export/model_leaks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/common/i18n.h"
#include "src/common/status.h"
#include "src/graph/rootpath.h"

int
rc_model_has_dominators(const struct rc_model *m)
{
	return m->retained != NULL && m->dom_off != NULL && m->dom_kids != NULL
		&& m->type_retained != NULL && m->size != NULL;
}

int
rc_model_suspects(const struct rc_model *m, double share, struct rc_suspect **out,
		  uint32_t *nout, uint64_t *total)
{
	uint32_t n = m->g->n;
	unsigned char *skip;
	int rc;

	*out = NULL;
	*nout = 0;
	*total = 0;
	if (!rc_model_has_dominators(m))
		return RC_EINVAL;
	skip = calloc((size_t)m->ntypes + 1, 1);
	if (skip == NULL)
		return RC_ENOMEM;
	for (uint32_t t = 0; t < m->ntypes; t++)
		skip[t] = (unsigned char)rc_suspect_structural_type(m->type_name[t]);
	for (uint32_t v = 0; v < n; v++)
		*total += m->size[v];
	struct rc_suspect_tree tree = {n, m->retained, m->dom_off, m->dom_kids,
				       m->type_retained};
	rc = rc_suspects_find(&tree, m->type_of, m->ntypes, skip, *total, share, out, nout);
	free(skip);
	return rc;
}

/* Edge e's label as a path's signature writes it: "?" unidentified,
 * list and tuple positions as item[*]. */
static void
signature_label(const struct rc_model *m, uint32_t e, struct rc_buf *out)
{
	struct rc_buf label = RC_BUF_INIT;
	int known = m->edge_label ? m->edge_label(m->ctx, e, &label) : 0;
	const char *text = known == 1 ? rc_buf_cstr(&label) : NULL;
	unsigned pos;
	char rest;

	if (text == NULL || *text == '\0')
		text = "?";
	else if (sscanf(text, "item[%u%c", &pos, &rest) == 2 && rest == ']')
		text = "item[*]";
	rc_buf_printf(out, " --%s--> ", text);
	rc_buf_free(&label);
}

int
rc_model_path_signature(const struct rc_model *m, const struct rc_nodeset *roots, uint32_t v,
			struct rc_buf *out)
{
	struct rc_nodelist path = {0, 0, NULL}, edges = {0, 0, NULL};
	enum rc_path_end end;
	int rc = roots ? rc_roots_path(m->g, v, roots, NULL, &path, &edges, &end)
		: RC_ENOTFOUND;

	if (rc == RC_ENOTFOUND) {
		rc_buf_printf(out, _("%s (no root reaches it: garbage)"),
			      m->type_name[m->type_of[v]]);
		rc = RC_OK;
	}
	for (uint32_t i = 0; rc == RC_OK && i < path.len; i++) {
		if (i > 0)
			signature_label(m, edges.ids[i - 1], out);
		rc_buf_puts(out, m->type_name[m->type_of[path.ids[i]]]);
	}
	rc_nodelist_free(&path);
	rc_nodelist_free(&edges);
	if (rc == RC_OK && rc_buf_cstr(out) == NULL)
		rc = RC_ENOMEM;
	return rc;
}

void
rc_watch_groups_free(struct rc_watch_group *groups, uint32_t n)
{
	for (uint32_t i = 0; groups != NULL && i < n; i++)
		free(groups[i].signature);
	free(groups);
}

int
rc_model_watch_groups(const struct rc_model *m, const struct rc_nodeset *roots,
		      const uint32_t *ids, uint32_t n,
		      struct rc_watch_group **out, uint32_t *nout)
{
	struct rc_watch_group *groups = calloc((size_t)n + 1, sizeof *groups);
	uint32_t ngroups = 0;
	int rc = groups ? RC_OK : RC_ENOMEM;

	for (uint32_t i = 0; rc == RC_OK && i < n; i++) {
		struct rc_buf sig = RC_BUF_INIT;
		rc = rc_model_path_signature(m, roots, ids[i], &sig);
		uint32_t g = 0;
		while (rc == RC_OK && g < ngroups && strcmp(groups[g].signature, sig.data))
			g++;
		if (rc == RC_OK && g == ngroups) {
			groups[g].signature = sig.data;   /* taken over */
			groups[g].first = ids[i];
			ngroups++;
		} else {
			rc_buf_free(&sig);
		}
		if (rc == RC_OK)
			groups[g].count++;
	}
	if (rc != RC_OK) {
		rc_watch_groups_free(groups, ngroups);
		*out = NULL;
		*nout = 0;
		return rc;
	}
	/* Largest first, stable (a few groups: insertion sort). */
	for (uint32_t i = 1; i < ngroups; i++)
		for (uint32_t j = i; j > 0 && groups[j].count > groups[j - 1].count; j--) {
			struct rc_watch_group t = groups[j];
			groups[j] = groups[j - 1];
			groups[j - 1] = t;
		}
	*out = groups;
	*nout = ngroups;
	return RC_OK;
}
