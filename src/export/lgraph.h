/* lgraph.h - a labelled graph, as the writers see it.
 *
 * Plain data borrowed from the caller: the CSR graph, an id and a label
 * per vertex, an id and an optional label per edge.  Labels are plain
 * UTF-8 text (a newline is a line break); each writer escapes them for
 * its own format. */
#ifndef RC_LGRAPH_H
#define RC_LGRAPH_H

#include <stdint.h>

#include "src/graph/graph.h"

struct rc_lgraph {
	const struct rc_graph *g;
	const int64_t *vertex_id;         /* n ids (refcycle: id(obj)) */
	const char *const *vertex_label;  /* n NUL-terminated strings */
	const int64_t *edge_id;           /* m ids, or NULL: edge e has id e */
	const char *const *edge_label;    /* m strings, NULL = unlabelled; or NULL */
};

#endif
