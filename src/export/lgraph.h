/* lgraph.h - a labelled graph, as the writers see it.
 *
 * Plain data borrowed from the caller: the CSR graph, an id and a label
 * per vertex, an id and an optional label per edge.  Labels are UTF-8,
 * in one of two forms: plain text (a newline is a line break; each
 * writer escapes it for its format), or DOT label text as refcycle keeps
 * annotations (a line break is backslash-n; DOT writes it as it is,
 * escaping only quotes, and JSON holds it unchanged). */
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
	int dot_text;                     /* labels are DOT label text, not plain */
};

#endif
