/* request.h - what a key asks for.  Keys are data: the keymap
 * (keymap.c) binds keys to these requests, the views receive requests and
 * never raw keys, and the help view is generated from this table and the
 * keymap, so it cannot drift.
 *
 * RC_REQ_(NAME, short label for the key bar, help text), in help order. */
#ifndef RC_TUI_REQUEST_H
#define RC_TUI_REQUEST_H

#define RC_REQUESTS(RC_REQ_) \
	RC_REQ_(MOVE_DOWN,   N_("down"),    N_("Move the cursor one row down")) \
	RC_REQ_(MOVE_UP,     N_("up"),      N_("Move the cursor one row up")) \
	RC_REQ_(PAGE_DOWN,   N_("page"),    N_("Move one page down")) \
	RC_REQ_(PAGE_UP,     N_("page up"), N_("Move one page up")) \
	RC_REQ_(HALF_DOWN,   N_("half"),    N_("Move half a page down")) \
	RC_REQ_(HALF_UP,     N_("half up"), N_("Move half a page up")) \
	RC_REQ_(FIRST,       N_("top"),     N_("Go to the first row")) \
	RC_REQ_(LAST,        N_("bottom"),  N_("Go to the last row")) \
	RC_REQ_(OPEN,        N_("open"),    N_("Open the selected row: a type's objects, an object, an edge's other end")) \
	RC_REQ_(BACK,        N_("back"),    N_("Go back to where you were")) \
	RC_REQ_(SWITCH_PANE, N_("pane"),    N_("Switch between the referrers and referents panes")) \
	RC_REQ_(SEARCH,      N_("filter"),  N_("Filter the list, or search in it, as you type")) \
	RC_REQ_(SEARCH_NEXT, N_("next"),    N_("Go to the next search match")) \
	RC_REQ_(SEARCH_PREV, N_("prev"),    N_("Go to the previous search match")) \
	RC_REQ_(SORT,        N_("sort"),    N_("Cycle the sort key")) \
	RC_REQ_(INVERT,      N_("invert"),  N_("Invert the sort order")) \
	RC_REQ_(ANCESTORS,   N_("ancestors"), N_("Show who refers to the focused object, generation by generation")) \
	RC_REQ_(GEN_MORE,    N_("more"),    N_("Show one generation more of ancestors")) \
	RC_REQ_(GEN_LESS,    N_("less"),    N_("Show one generation less of ancestors; fold a row of the dominator tree")) \
	RC_REQ_(PATH,        N_("path"),    N_("Show the shortest chain of references from a root to the focused object")) \
	RC_REQ_(IGNORE,      N_("ignore"),  N_("Path: ignore the reference into the selected row and find another chain")) \
	RC_REQ_(UNIGNORE,    N_("unignore"), N_("Path: stop ignoring references")) \
	RC_REQ_(DOMINATORS,  N_("dominators"), N_("Show what each object alone keeps alive, largest first; on an object, unfold down to it")) \
	RC_REQ_(SUSPECTS,    N_("suspects"), N_("Show the leak suspects: what retains a tenth of the heap or more, and where it accumulates")) \
	RC_REQ_(CYCLE,       N_("cycle"),   N_("Show the reference cycle (strongly connected component) of the focused object")) \
	RC_REQ_(EXPORT,      N_("export"),  N_("Export the current subgraph as an image")) \
	RC_REQ_(HELP,        N_("help"),    N_("Show this help")) \
	RC_REQ_(REDRAW,      N_("redraw"),  N_("Redraw the screen")) \
	RC_REQ_(SUSPEND,     N_("suspend"), N_("Suspend to the shell (resume with fg)")) \
	RC_REQ_(QUIT,        N_("quit"),    N_("Quit the browser (also cancels a prompt)")) \
	RC_REQ_(YANK,        N_("yank"),    N_("Quit and return the focused object"))

#define RC_REQ_ENUM_(name, label, help) RC_REQ_##name,
enum rc_request {
	RC_REQ_NONE = 0,
	RC_REQUESTS(RC_REQ_ENUM_)
	RC_REQ_COUNT
};
#undef RC_REQ_ENUM_

#endif
