/* pending.c - retained sizes still being computed (see pending.h). */
#include <config.h>

#include "tui/pending.h"

#include "src/common/i18n.h"
#include "tui/view.h"

void
rc_pending_init(struct rc_app *a)
{
	a->pending = a->m->analysis_poll != NULL;
	a->pending_done = a->pending_total = 0;
	a->waiting = 0;
	a->deferred = RC_REQ_NONE;
}

static unsigned
percent(uint64_t done, uint64_t total)
{
	return total ? (unsigned)(done * 100 / total) : 0;
}

static int
arrived(struct rc_app *a)
{
	int fl = RX_REDRAW;

	for (int v = 0; v < RC_VIEW_COUNT; v++) {
		if (rc_views[v]->analysis_arrived != NULL)
			fl |= rc_views[v]->analysis_arrived(a);
	}
	return fl;
}

int
rc_pending_poll(struct rc_app *a)
{
	struct rc_buf err = RC_BUF_INIT;
	uint64_t done = 0, total = 0;

	if (!a->pending)
		return RX_NONE;
	int r = a->m->analysis_poll(a->m->ctx, &done, &total, &err);
	int fl = RX_NONE;
	if (r == 0) {
		if (percent(done, total) != percent(a->pending_done, a->pending_total))
			fl = RX_REDRAW;
		a->pending_done = done;
		a->pending_total = total;
	} else if (r > 0) {
		a->pending = 0;
		fl = arrived(a);
	} else {
		const char *why = rc_buf_cstr(&err);
		a->pending = 0;
		a->waiting = 0;
		rc_app_message(a, 1, _("Retained sizes are not available: %s"),
			       why && *why ? why : _("failed"));
		fl = RX_REDRAW;
	}
	rc_buf_free(&err);
	return fl;
}

int
rc_pending_ready(struct rc_app *a)
{
	if (!a->waiting || a->pending)
		return 0;
	a->waiting = 0;
	a->msg[0] = '\0';
	return 1;
}

void
rc_pending_wait(struct rc_app *a, enum rc_request req)
{
	a->waiting = 1;
	a->deferred = req;
	rc_app_message(a, 0, "%s", _("Waiting for the retained sizes (Esc: stop waiting)"));
}

void
rc_pending_give_up(struct rc_app *a)
{
	a->waiting = 0;
	a->deferred = RC_REQ_NONE;
	rc_app_message(a, 0, "%s", _("Stopped waiting: the retained sizes are still being computed"));
}

void
rc_pending_progress(const struct rc_app *a, struct rc_buf *out)
{
	if (a->pending)
		rc_buf_printf(out, _("retained sizes %u%%"),
			      percent(a->pending_done, a->pending_total));
}
