/* view.h - what a view provides to the main loop (tig's view ops), and
 * the views themselves, one file each.  Views receive requests, never
 * raw keys; they return RX_ flags and never draw outside draw(). */
#ifndef RC_TUI_VIEW_H
#define RC_TUI_VIEW_H

#include <curses.h>

#include "src/graph/nodeset.h"
#include "tui/app.h"
#include "tui/request.h"
#include "tui/rowlist.h"

struct rc_view_ops {
	const char *name;            /* N_(), for the top line */
	int prompt;                  /* what '/' starts (enum rc_prompt_kind) */
	/* (Re)build the rows for the current place.  RC status; on failure
	 * the view has set a message. */
	int (*open)(struct rc_app *a);
	/* The list the cursor moves in. */
	struct rc_rowlist *(*list)(struct rc_app *a);
	/* A request: RX_ flags, RX_UNHANDLED to leave it to the generic
	 * driver. */
	int (*request)(struct rc_app *a, enum rc_request req);
	/* The place on the top line after the view's name. */
	void (*title)(struct rc_app *a, struct rc_buf *out);
	/* Draw lines y .. y + h - 1 of w, cols wide; sets a->page. */
	void (*draw)(struct rc_app *a, WINDOW *w, int y, int h, int cols);
	/* The vertex a/p/c/e/y act on, or RC_NONE. */
	uint32_t (*target)(struct rc_app *a);
	/* A prompt's text changed (live filter) or was accepted (accept
	 * set): RX_ flags. */
	int (*prompt_done)(struct rc_app *a, const char *text, int accept);
	/* One step of long work (at most about 30 ms): RX_BUSY while not
	 * done.  cancel set: stop it, keep things as before. */
	int (*work)(struct rc_app *a, int cancel);
	/* The key bar (RC_REQ_NONE-terminated). */
	const enum rc_request *bar;

	/* The view's own state: state_size bytes, zeroed, allocated once per
	 * session; init (may be NULL) sets it up (an RC status), free (may
	 * be NULL) releases what it holds.  The view reaches it with
	 * rc_app_state(a, its id); no other file sees inside. */
	size_t state_size;
	int (*init)(struct rc_app *a, void *state);
	void (*free)(void *state);
	/* What e exports from this view, appended to out (an RC status);
	 * NULL: rc_export_default_nodes (the target and its neighbours). */
	int (*export_nodes)(struct rc_app *a, uint32_t target,
			    struct rc_nodelist *out);
	/* The text '/' starts editing from (a filter's current text), or
	 * NULL: empty. */
	const char *(*prompt_text)(struct rc_app *a);
	/* The model's retained sizes and dominator tree have just arrived
	 * (model.h's analysis_poll): take up what depends on them.  RX_
	 * flags.  NULL: the view reads them when it draws. */
	int (*analysis_arrived)(struct rc_app *a);
};

/* Every view, by enum rc_view_id: adding a view is its file, a row here
 * (in app.c) and its keys. */
extern const struct rc_view_ops *const rc_views[RC_VIEW_COUNT];

extern const struct rc_view_ops rc_view_types;
extern const struct rc_view_ops rc_view_objects;
extern const struct rc_view_ops rc_view_object;
extern const struct rc_view_ops rc_view_ancestors;
extern const struct rc_view_ops rc_view_path;
extern const struct rc_view_ops rc_view_cycle;
extern const struct rc_view_ops rc_view_help;
extern const struct rc_view_ops rc_view_dominators;
extern const struct rc_view_ops rc_view_suspects;

/* Go to a place (pushing the current one on the history): open the view
 * for focus / aux.  On failure the current place stays and the message
 * says why.  Returns RX_ flags. */
int rc_app_go(struct rc_app *a, int view, uint32_t focus, uint32_t aux);

#endif
