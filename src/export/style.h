/* style.h - the house style of every picture refcycle draws: what the
 * module's export_image, the objgraph habits (show_backrefs, ...), the
 * browser's e and refcycle-browse's export write for graphviz.
 *
 * The one place where the look is decided: each object a compact record
 * (its type, its size in human units, shallow / retained, its summary
 * lines, its address), the object in focus and the roots marked by
 * colour and border with a small legend, edges with their labels, a
 * monospace face throughout, and a line in the record ("... 12 more
 * referrers") wherever the picture leaves neighbours out (a box per
 * note, as objgraph draws, would double the vertices graphviz lays out).  Which
 * vertices a large graph keeps is decided here too (rc_style_select,
 * objgraph's too_many as the model).  Plain C: the callers gather the
 * texts (the module from the objects, the browser from its model). */
#ifndef RC_EXPORT_STYLE_H
#define RC_EXPORT_STYLE_H

#include <stddef.h>
#include <stdint.h>

#include "src/common/buf.h"
#include "src/graph/graph.h"
#include "src/graph/nodeset.h"
#include "src/graph/rootkind.h"

/* A size not known (retained sizes without a dominator tree). */
#define RC_STYLE_NO_SIZE UINT64_MAX

/* At most this many characters of a summary line, an edge label or a
 * type name are drawn; longer ones end in an ellipsis. */
#define RC_STYLE_TEXT_MAX 48

/* A vertex's marks. */
#define RC_STYLE_FOCUS 1u       /* the object asked about */
#define RC_STYLE_HIGHLIGHT 2u   /* objgraph's highlight(obj) */

struct rc_style_vertex {
	int64_t id;          /* its node name (id(obj), a record's id) */
	const char *type;    /* type name, UTF-8; NULL: none known (a record) */
	const char *body;    /* summary, UTF-8, lines split at '\n'; or NULL */
	uint64_t address;    /* shown as 0x...; 0: not shown */
	uint64_t size;       /* shallow bytes, or RC_STYLE_NO_SIZE */
	uint64_t retained;   /* retained bytes, or RC_STYLE_NO_SIZE */
	enum rc_root_kind root;
	unsigned marks;      /* RC_STYLE_ flags */
	uint32_t more_in;    /* referrers left out of the picture */
	uint32_t more_out;   /* referents left out of the picture */
};

struct rc_style_graph {
	const struct rc_graph *g;              /* what is drawn */
	const struct rc_style_vertex *vertex;  /* g->n entries */
	const char *const *edge_label;         /* g->m plain strings (NULL:
						* unlabelled), or NULL */
	uint32_t left_out;     /* objects of the graph not drawn at all */
	int legend;            /* draw the legend */
};

/* bytes in human units, into out (cap >= 16): "0 B", "312 B", "1.2 KiB",
 * "45 KiB", "3.0 MiB", ... "16 EiB" (IEC, 1024; one decimal below 10 of
 * a unit, none from 10). */
void rc_style_human_size(uint64_t bytes, char *out, size_t cap);

/* Append s as text inside a graphviz HTML-like label: & < > " ' as
 * entities, a backslash doubled (graphviz reads escapes such as \N,
 * the node's name, even there), control characters and bytes that are
 * not UTF-8 as visible \xHH; at most max characters (0: no limit), a
 * longer text cut with an ellipsis ("..." as U+2026). */
void rc_style_html_text(struct rc_buf *out, const char *s, size_t max);

/* Which vertices of g a picture of at most max_nodes vertices (0: no
 * limit) shows: breadth first through referrers and referents, each
 * vertex following at most too_many (0: no limit) neighbours not yet
 * kept in each direction, from seeds[0..nseeds-1] (the focus) only; with
 * no seeds, from the first vertex not yet kept, in order, again and
 * again, until max_nodes are kept or none is left.  kept (empty on
 * entry) receives the vertices in the order reached; *more_in and
 * *more_out (malloc'd, kept->len entries, the caller frees them) how many
 * distinct referrers and referents of each are not kept.  An RC status;
 * RC_EINVAL for a seed out of range. */
int rc_style_select(const struct rc_graph *g, const uint32_t *seeds, uint32_t nseeds,
		    uint32_t max_nodes, uint32_t too_many, struct rc_nodelist *kept,
		    uint32_t **more_in, uint32_t **more_out);

/* The graph as DOT in the house style.  An RC status (RC_ENOMEM). */
int rc_style_write(struct rc_buf *out, const struct rc_style_graph *sg);

#endif
