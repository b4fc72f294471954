/* image_export.h - the subgraph each view exports, and its edge count.  No
 * curses. */
#ifndef RC_TUI_EXPORT_H
#define RC_TUI_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "src/graph/nodeset.h"
#include "tui/app.h"

/* The vertices the current view shows: the ancestors tree to the current
 * generation, the path, the cycle, or else target with its referrers and
 * referents; distinct, appended to out.  RC status. */
int rc_export_nodes(struct rc_app *a, uint32_t target,
		    struct rc_nodelist *out);

/* Edges of g among nodes[0..k-1] (distinct).  O(k + their out-degrees). */
int rc_export_count_edges(const struct rc_graph *g, const uint32_t *nodes,
			  uint32_t k, uint32_t *nedges);

/* The file name offered: refcycle-<address>.svg, into out (cap bytes). */
void rc_export_default_name(const struct rc_app *a, uint32_t target,
			    char *out, size_t cap);

/* Export to path through the model; the outcome (path, counts, or the
 * error) as the app's message.  Returns 0 or -1. */
int rc_export_run(struct rc_app *a, uint32_t target, const char *path);

#endif
