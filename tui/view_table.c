/* view_table.c - the views, and the app's set-up: each view's state
 * allocated and handed to its init and free hooks (view.h). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"
#include "tui/view.h"

const struct rc_view_ops *const rc_views[RC_VIEW_COUNT] = {
	[RC_VIEW_TYPES] = &rc_view_types,
	[RC_VIEW_OBJECTS] = &rc_view_objects,
	[RC_VIEW_OBJECT] = &rc_view_object,
	[RC_VIEW_ANCESTORS] = &rc_view_ancestors,
	[RC_VIEW_PATH] = &rc_view_path,
	[RC_VIEW_CYCLE] = &rc_view_cycle,
	[RC_VIEW_HELP] = &rc_view_help,
	[RC_VIEW_DOMINATORS] = &rc_view_dominators,
	[RC_VIEW_SUSPECTS] = &rc_view_suspects,
};

void *
rc_app_state(const struct rc_app *a, int view)
{
	return a->state[view];
}

int
rc_app_init(struct rc_app *a, const struct rc_model *m)
{
	memset(a, 0, sizeof *a);
	a->m = m;
	a->view = RC_VIEW_TYPES;
	a->focus = RC_NONE;
	a->type = RC_NONE;
	a->gen = 1;
	a->page = 1;
	rc_history_init(&a->hist);
	if (rc_strcache_init(&a->cache, 8192) != RC_OK)
		return RC_ENOMEM;
	for (int v = 0; v < RC_VIEW_COUNT; v++) {
		const struct rc_view_ops *ops = rc_views[v];
		a->state[v] = calloc(1, ops->state_size ? ops->state_size : 1);
		if (a->state[v] == NULL
		    || (ops->init != NULL && ops->init(a, a->state[v]) != RC_OK)) {
			rc_app_free(a);
			return RC_ENOMEM;
		}
	}
	return RC_OK;
}

void
rc_app_free(struct rc_app *a)
{
	for (int v = 0; v < RC_VIEW_COUNT; v++) {
		if (a->state[v] != NULL && rc_views[v]->free != NULL)
			rc_views[v]->free(a->state[v]);
		free(a->state[v]);
		a->state[v] = NULL;
	}
	rc_strcache_free(&a->cache);
	rc_buf_free(&a->tmp);
}
