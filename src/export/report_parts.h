/* report_parts.h - the pieces the leak report's sections share
 * (report.c): the state of one report, an object's line, a path from
 * a root listed and drawn.  Plain C, no export of its own. */
#ifndef RC_EXPORT_REPORT_PARTS_H
#define RC_EXPORT_REPORT_PARTS_H

#include <stdint.h>

#include "src/common/buf.h"
#include "src/export/report.h"
#include "src/graph/nodeset.h"
#include "src/model/model.h"

struct report {
	const struct rc_model *m;
	const struct rc_report_opts *o;
	struct rc_buf *out;
	const struct rc_nodeset *roots;  /* m->roots, or own_roots */
	struct rc_nodeset own_roots;
	uint32_t pictures;               /* drawn so far */
	int legend;                      /* the legend is drawn (once) */
	struct rc_report_stats stats;
};

/* A row to sort: its key, its index. */
struct keyed {
	int64_t key;
	uint32_t i;
};

/* For qsort: largest key first, then by index. */
int rc_report_cmp_keyed(const void *a, const void *b);

/* s as HTML text; n bytes in human units. */
void rc_report_text(struct report *r, const char *s);
void rc_report_bytes(struct report *r, uint64_t n);

/* v's type name ("?" if none). */
const char *rc_report_type_name(const struct rc_model *m, uint32_t v);

/* One object on a line: type, summary, address, shallow / retained
 * size, where it was allocated when known. */
void rc_report_object(struct report *r, uint32_t v);

/* v's path from a root: each step listed (object, then the reference
 * to the next), then drawn while pictures are left.  RC status. */
int rc_report_path(struct report *r, uint32_t v);

#endif
