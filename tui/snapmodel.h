/* snapmodel.h - the browser's model (model.h) over a saved snapshot
 * file (src/store): what refcycle-browse shows.  No Python, no curses.
 *
 * Everything the views need is in the file or computed from it at load:
 * roots from the stored root kinds, the dominator tree and retained
 * sizes from the graph and shallow sizes (as the Python module computes
 * them for a live heap).  Export renders with graphviz in-process. */
#ifndef RC_SNAPMODEL_H
#define RC_SNAPMODEL_H

#include "src/common/buf.h"
#include "src/graph/domjob.h"
#include "src/graph/domview.h"
#include "src/graph/nodeset.h"
#include "src/model/model.h"
#include "src/store/snapfile.h"

struct rc_snapmodel {
	struct rc_model model;
	struct rc_snap snap;
	const char **type_name;      /* into snap's strings */
	struct rc_nodeset roots;
	struct rc_nodelist root_list;  /* the same, for the dominator tree */
	struct rc_dom_view dv;     /* group_retained: per type */
	/* The tree is built on a thread of its own from the moment the
	 * file is read: the browser shows its first screen meanwhile
	 * (model.h's analysis_poll), --info never waits for it. */
	struct rc_dom_job job;
	int analysed;              /* dv is filled in (or failed: status) */
	int status;
	/* rc_snapmodel_compare: the new vertices and each type's changes
	 * (model.shown and its deltas); empty and NULL otherwise. */
	struct rc_nodeset shown;
	int64_t *count_delta, *size_delta;
};

/* Read path and build the model.  RC_OK; RC_EFORMAT when the file is
 * not a valid snapshot, RC_EIO when it cannot be read (errno says why),
 * RC_ENOMEM; the message in err ("PATH: ...") and sm left empty. */
int rc_snapmodel_open(struct rc_snapmodel *sm, const char *path, struct rc_buf *err);

/* Build the model over a snapshot already read (taken over, also on
 * failure).  RC_OK, or RC_ENOMEM / RC_EOVERFLOW (sizes adding up past
 * 2^64) with the message in err. */
int rc_snapmodel_init(struct rc_snapmodel *sm, struct rc_snap *snap, struct rc_buf *err);

/* Wait for the dominator tree and retained sizes (for whoever reads
 * them without the browser): RC_OK once the model's fields are filled
 * in, or the build's status (RC_ENOMEM) with them left NULL. */
int rc_snapmodel_wait(struct rc_snapmodel *sm);

/* Compare sm with an earlier snapshot old (read from a file), as
 * refcycle.diff(refcycle.census(OLD), ...) compares: a vertex is new when
 * old had no object of that address and type name; each type's change
 * is its objects and bytes now minus those old had of that type name
 * (two types of one name: one of them carries what old had, so the
 * changes of the name add up).
 * Sets the model's shown and deltas (the browser's comparison, the
 * report's growth).  RC_OK, RC_ENOMEM. */
int rc_snapmodel_compare(struct rc_snapmodel *sm, const struct rc_snap *old);

/* Release everything; sm is left empty (safe to call twice). */
void rc_snapmodel_free(struct rc_snapmodel *sm);

#endif
