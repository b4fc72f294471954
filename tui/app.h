/* app.h - the browser's state, shared by the main loop and the views,
 * and helpers that read the model through the cache.  No curses here:
 * view.h adds the drawing side. */
#ifndef RC_TUI_APP_H
#define RC_TUI_APP_H

#include <stdint.h>
#include <wchar.h>

#include "src/common/buf.h"
#include "src/model/model.h"
#include "tui/cache.h"
#include "tui/history.h"
#include "tui/request.h"

enum rc_view_id {
	RC_VIEW_TYPES, RC_VIEW_OBJECTS, RC_VIEW_OBJECT, RC_VIEW_ANCESTORS,
	RC_VIEW_PATH, RC_VIEW_CYCLE, RC_VIEW_HELP, RC_VIEW_DOMINATORS,
	RC_VIEW_SUSPECTS,
	RC_VIEW_COUNT
};

/* What a request handler did (or'ed).  Only the main loop draws, and
 * only when the flags say so: a handler that changed what is on screen
 * returns RX_REDRAW, one that changed nothing RX_NONE; RX_BUSY starts
 * the view's long work, which the loop runs (a->busy) until a step stops
 * returning RX_BUSY. */
enum rc_rx {
	RX_NONE = 0,
	RX_REDRAW = 1,      /* something changed on screen */
	RX_UNHANDLED = 2,   /* not for this view: the generic driver's */
	RX_QUIT = 4,
	RX_YANK = 8,
	RX_BUSY = 16,       /* long work started: call the view's work() */
	RX_WAIT = 32        /* needs the retained sizes still being computed:
			     * the loop waits for them (a->waiting), then
			     * hands the same request over again */
};

enum rc_prompt_kind {
	RC_PROMPT_NONE,
	RC_PROMPT_FILTER_LIVE,   /* refilter on every key (types) */
	RC_PROMPT_FILTER,        /* filter when Enter is pressed (objects) */
	RC_PROMPT_SEARCH,        /* jump to the next match on every key */
	RC_PROMPT_EXPORT         /* a file name */
};

#define RC_PROMPT_MAX 512
#define RC_ANC_FANOUT 50

struct rc_app {
	const struct rc_model *m;
	struct rc_strcache cache;    /* summaries and labels drawn */
	struct rc_buf tmp;           /* scratch for one callback */

	/* Where the user is: the current place (the history holds the
	 * previous ones). */
	int view;
	uint32_t focus;              /* object views: the vertex */
	uint32_t type;               /* objects view: the type */
	uint32_t gen;                /* ancestors: generations shown */
	uint32_t pane;               /* object view: 0 referrers, 1 referents */
	struct rc_history hist;
	int built[RC_VIEW_COUNT];    /* rows match the place above */
	uint32_t built_for[RC_VIEW_COUNT];

	/* Each view's own state (the view's ops: state_size, init, free),
	 * allocated for the session; rc_app_state() hands it to the view. */
	void *state[RC_VIEW_COUNT];
	char search[RC_PROMPT_MAX];  /* the search prompt's text (n, N) */

	/* The bottom line: a prompt being edited, or a message. */
	int prompt;                  /* enum rc_prompt_kind */
	wchar_t pbuf[RC_PROMPT_MAX];
	size_t plen;
	char msg[RC_PROMPT_MAX];
	int msg_error;

	/* Long work (a filter over many summaries) under way: set by the
	 * main loop from RX_BUSY, never by a view. */
	int busy;
	/* The model's retained sizes and dominator tree are still being
	 * computed (model.h's analysis_poll): pending until they arrive or
	 * fail, with how far they have come; waiting while a request that
	 * needs them (deferred) waits for them. */
	int pending;
	uint64_t pending_done, pending_total;
	int waiting;
	enum rc_request deferred;
	uint32_t page;               /* rows of the list the cursor is in */

	int lines, cols;
	int colors;
	int utf8;
};

/* Set up a->* for model m (every view's state allocated and initialised,
 * the place at the types view) or free it; RC_OK or RC_ENOMEM (what was
 * set up is freed).  rc_app_free is safe after a failed init. */
int rc_app_init(struct rc_app *a, const struct rc_model *m);
void rc_app_free(struct rc_app *a);

/* The state of view (its ops' state_size bytes, zeroed at init). */
void *rc_app_state(const struct rc_app *a, int view);

/* Summary of v (cached); on failure the reason in brackets.  Never
 * NULL.  Valid until the next summary or label call. */
const char *rc_app_summary(struct rc_app *a, uint32_t v);
/* Label of edge e (cached): the label, "?" when the reference is not
 * identified, the reason in brackets on failure; "" for RC_NONE. */
const char *rc_app_label(struct rc_app *a, uint32_t e);

/* ", allocated at FILE:LINE" for v, appended to out, when the model
 * knows where v was allocated; nothing otherwise. */
void rc_app_allocated(struct rc_app *a, uint32_t v, struct rc_buf *out);
/* The type name of v. */
const char *rc_app_type(const struct rc_app *a, uint32_t v);
/* "0x7f..." (or "#v" without addresses) into out. */
void rc_app_address(const struct rc_app *a, uint32_t v, char *out,
		    size_t cap);
/* Root kind of v, RC_ROOT_NONE without a root_kind callback. */
enum rc_root_kind rc_app_root(const struct rc_app *a, uint32_t v);
/* Set the transient message (printf format, already translated). */
void rc_app_message(struct rc_app *a, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Nonzero when the host asks the browser to stop. */
int rc_app_interrupted(const struct rc_app *a);

#endif
