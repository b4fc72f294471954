/* render.h - laying out and rendering DOT in-process with graphviz.
 *
 * graphviz keeps global state (one context, an error hook): callers
 * serialise calls (the Python module holds the GIL throughout). */
#ifndef RC_RENDER_H
#define RC_RENDER_H

#include <stddef.h>

#include "src/common/buf.h"

/* The first picture of a process costs graphviz tens of milliseconds
 * (its plugins loaded, its fonts found) before it draws anything: start
 * paying that on a thread of its own, while the user has not asked for
 * a picture yet (the browser, once its first screen is up).  Every call
 * below waits for it first; so does rc_render_warm_wait, which whoever
 * started it calls before the process may end. */
void rc_render_warm_start(void);
void rc_render_warm_wait(void);

/* 1 if graphviz can write format ("svg", "png", "png:cairo", ...). */
int rc_render_has_format(const char *format);

/* Space-separated list of the output formats graphviz offers. */
void rc_render_formats(struct rc_buf *out);

enum rc_render_status {
	RC_RENDER_OK = 0,
	RC_RENDER_FORMAT = -1,    /* graphviz has no such output format */
	RC_RENDER_IO = -2,        /* the path cannot be written */
	RC_RENDER_GRAPHVIZ = -3   /* graphviz failed: reading, layout, rendering */
};

/* The format a path asks for: its extension (after the last dot of its
 * last component, when that is not the component's first character), or
 * "png" when it has none.  Points into path or at a constant. */
const char *rc_render_format_of(const char *path);

/* Lay out DOT text with the dot engine and write it to path in format.
 * The output goes to a temporary file beside path, renamed into place
 * only when complete: a failure leaves no partial file.  Returns a status
 * above, with the cause in err (graphviz's own words included). */
int rc_render(const char *dot, const char *format, const char *path,
	      struct rc_buf *err);

/* Lay out DOT text with the dot engine and append it in format to out
 * (in memory: the report inlines its SVG).  A status above, with the
 * cause in err. */
int rc_render_data(const char *dot, const char *format, struct rc_buf *out,
		   struct rc_buf *err);

#endif
