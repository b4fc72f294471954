/* model_dot.h - a picture of some of a model's vertices in the house
 * style (src/export/style.h): the texts gathered from the model (its
 * summary, edge_label and root_kind callbacks), the vertices kept as
 * rc_style_select keeps them.  What the browser's e exports and what the
 * HTML report draws.  Plain C: no curses, no Python. */
#ifndef RC_EXPORT_MODEL_DOT_H
#define RC_EXPORT_MODEL_DOT_H

#include <stdint.h>

#include "src/common/buf.h"
#include "src/model/model.h"

/* A picture holds at most this many objects, each followed to at most
 * RC_EXPORT_TOO_MANY referrers and as many referents (the rest are
 * counted in its notes): graphviz lays that out in well under a second,
 * and it stays readable. */
#define RC_EXPORT_MAX_NODES 500
#define RC_EXPORT_TOO_MANY 10

/* The picture of nodes[0..k-1] (distinct vertices of m) with target
 * (RC_NONE: none) in focus, as DOT in the house style appended to dot:
 * the objects kept (breadth first from target when it is among them),
 * their texts from the model; legend says whether to draw the legend.
 * *drawn and *nedges receive the objects and references drawn.  RC
 * status. */
int rc_model_dot(const struct rc_model *m, uint32_t target, const uint32_t *nodes,
		 uint32_t k, int legend, struct rc_buf *dot, uint32_t *drawn,
		 uint32_t *nedges);

#endif
