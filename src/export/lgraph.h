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

/* Labels made as a writer reaches them, instead of held for the whole
 * graph (millions of them cost more to keep than to make).  Each call's
 * strings stay valid until the next call; a nonzero status stops the
 * writer, which returns it. */
struct rc_label_source {
	/* *label: vertex v's. */
	int (*vertex)(void *ctx, uint32_t v, const char **label);
	/* *labels: the labels of v's out-edges, in edge order (NULL =
	 * unlabelled). */
	int (*edges)(void *ctx, uint32_t v, const char *const **labels);
	void *ctx;
};

struct rc_lgraph {
	const struct rc_graph *g;
	const int64_t *vertex_id;         /* n ids (refcycle: id(obj)) */
	const char *const *vertex_label;  /* n NUL-terminated strings */
	const int64_t *edge_id;           /* m ids, or NULL: edge e has id e */
	const char *const *edge_label;    /* m strings, NULL = unlabelled; or NULL */
	int dot_text;                     /* labels are DOT label text, not plain */
	/* Or, for the writers that take it (json.h), the labels asked for
	 * as they are written: vertex_label and edge_label unused. */
	const struct rc_label_source *source;
};

#endif
