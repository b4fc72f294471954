/* domview.c - a dominator tree with retained sizes (see domview.h). */
#include <config.h>

#include "src/graph/domview.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"
#include "src/common/progress.h"

int
rc_dom_view_build(struct rc_dom_view *v, const struct rc_graph *g,
		  const uint32_t *roots, uint32_t nroots, const uint64_t *shallow,
		  const uint32_t *group_of, uint32_t ngroups)
{
	return rc_dom_view_build_watched(v, g, roots, nroots, shallow, group_of, ngroups,
					 NULL);
}

int
rc_dom_view_build_watched(struct rc_dom_view *v, const struct rc_graph *g,
			  const uint32_t *roots, uint32_t nroots, const uint64_t *shallow,
			  const uint32_t *group_of, uint32_t ngroups,
			  struct rc_progress *progress)
{
	memset(v, 0, sizeof *v);
	/* After the tree: one unit per node for each of the three passes. */
	rc_progress_plan(progress, 3 * (uint64_t)g->n);
	int status = rc_dom_compute_watched(&v->dom, g, roots, nroots, 1, progress);

	if (status == RC_OK) {
		/* One more entry than needed: malloc(0) may return NULL. */
		v->retained = malloc(((size_t)g->n + 1) * sizeof *v->retained);
		v->group_retained = malloc(((size_t)ngroups + 1) * sizeof *v->group_retained);
		if (v->retained == NULL || v->group_retained == NULL)
			status = RC_ENOMEM;
	}
	if (status == RC_OK)
		status = rc_dom_retained(&v->dom, shallow, v->retained, NULL);
	if (status == RC_OK && rc_progress_step(progress, g->n))
		status = RC_ECANCELED;
	if (status == RC_OK)
		status = rc_dom_children(&v->dom, &v->kid_off, &v->kids);
	if (status == RC_OK && rc_progress_step(progress, g->n))
		status = RC_ECANCELED;
	if (status == RC_OK)
		status = rc_dom_group_retained_of_tree(&v->dom, v->kid_off, v->kids, group_of,
						       ngroups, v->retained, v->group_retained);
	if (status == RC_OK && rc_progress_step(progress, g->n))
		status = RC_ECANCELED;
	if (status != RC_OK)
		rc_dom_view_free(v);
	return status;
}

void
rc_dom_view_free(struct rc_dom_view *v)
{
	rc_dom_free(&v->dom);
	free(v->retained);
	free(v->group_retained);
	free(v->kid_off);
	free(v->kids);
	v->retained = v->group_retained = NULL;
	v->kid_off = v->kids = NULL;
}
