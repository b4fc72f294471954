/* image_export.h - running the export prompt: the subgraph to write
 * (the current view's export_nodes hook, or the default), its picture in
 * the house style, the file name offered.  No curses. */
#ifndef RC_TUI_IMAGE_EXPORT_H
#define RC_TUI_IMAGE_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "src/export/model_dot.h"
#include "src/graph/nodeset.h"
#include "tui/app.h"

/* What e exports from the current view, appended to out: its
 * export_nodes hook's vertices (the ancestors shown, the path, the
 * cycle), or the default below.  RC status. */
int rc_export_nodes(struct rc_app *a, uint32_t target,
		    struct rc_nodelist *out);

/* For a view's hook: the vertices it shows (shown), or the default
 * while it shows none.  RC status. */
int rc_export_shown(struct rc_app *a, const struct rc_nodelist *shown,
		    uint32_t target, struct rc_nodelist *out);

/* The default: target, its referrers and its referents, distinct.  RC
 * status (RC_EINVAL for a target out of range). */
int rc_export_default_nodes(struct rc_app *a, uint32_t target,
			    struct rc_nodelist *out);

/* Edges of g among nodes[0..k-1] (distinct).  O(k + their out-degrees). */
int rc_export_count_edges(const struct rc_graph *g, const uint32_t *nodes,
			  uint32_t k, uint32_t *nedges);

/* The file name offered: refcycle-<address>.svg, into out (cap bytes). */
void rc_export_default_name(const struct rc_app *a, uint32_t target,
			    char *out, size_t cap);

/* The picture of nodes[0..k-1] (distinct) with target in focus, as DOT
 * in the house style (src/export/style.h) appended to dot: the objects
 * kept (breadth first from target when it is among them), their texts
 * from the model: rc_model_dot with the legend.  *drawn and *nedges
 * receive the objects and references drawn.  RC status. */
int rc_export_dot(struct rc_app *a, uint32_t target, const uint32_t *nodes, uint32_t k,
		  struct rc_buf *dot, uint32_t *drawn, uint32_t *nedges);

/* Export to path through the model (its export_image renders the DOT);
 * the outcome (path, counts, or the error) as the app's message.
 * Returns 0 or -1. */
int rc_export_run(struct rc_app *a, uint32_t target, const char *path);

#endif
