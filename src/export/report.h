/* report.h - the leak report: one self-contained HTML file over a
 * struct rc_model (a live graph in the Python module, a saved snapshot
 * in refcycle-browse), readable in any browser without script or
 * network: the heap's summary (objects, bytes, the types that retain
 * most), the leak suspects with their accumulation points and each one's
 * path from a root drawn (graphviz's SVG inline, the house style), the
 * groups of watched objects (or of objects the caller names) by the
 * signature of their path, the growth per type since an earlier census
 * or snapshot when the model compares (m->shown), and where objects were
 * allocated when the model knows (m->allocated_at).  Every text from
 * the heap is escaped.  Plain C. */
#ifndef RC_EXPORT_REPORT_H
#define RC_EXPORT_REPORT_H

#include <stdint.h>

#include "src/common/buf.h"
#include "src/model/model.h"

struct rc_report_opts {
	const char *title;          /* where the heap comes from, UTF-8; or NULL */
	const char *since;          /* what m's comparison is with ("a census");
				     * or NULL */
	/* More objects to group with the watched ones (vertices of m), and
	 * the heading of that section (NULL: the watched objects'). */
	const uint32_t *objects;
	uint32_t nobjects;
	const char *groups_heading;
	int pictures;               /* draw the paths (graphviz); 0: text only */
};

/* What a report holds, for its writer to say (pictures: those graphviz
 * drew). */
struct rc_report_stats {
	uint32_t suspects, groups, pictures;
};

/* At most this many rows in the tables of types, growth and allocation
 * sites; at most this many pictures of paths (the rest as text). */
#define RC_REPORT_MAX_ROWS 20
#define RC_REPORT_MAX_PICTURES 12
/* At most this many vertices of a path are listed and drawn (its root
 * end is cut). */
#define RC_REPORT_MAX_PATH 40
/* The allocation sites of new objects are counted over at most this
 * many of them (each one asks the host). */
#define RC_REPORT_MAX_SITES 50000

/* The report as HTML, appended to html; stats (or NULL) receives what
 * it holds.  RC_OK, RC_ENOMEM; a picture graphviz cannot draw is a note
 * in the page, not a failure. */
int rc_report_write(const struct rc_model *m, const struct rc_report_opts *o,
		    struct rc_buf *html, struct rc_report_stats *stats);

/* The report written to path whole or not at all.  RC_OK; RC_EIO with
 * the cause in err ("cannot write PATH: ..."); RC_ENOMEM. */
int rc_report_save(const struct rc_model *m, const struct rc_report_opts *o,
		   const char *path, struct rc_report_stats *stats, struct rc_buf *err);

#endif
