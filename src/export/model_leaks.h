/* model_leaks.h - the leak finder over a struct rc_model: MAT's leak
 * suspects on the model's dominator tree (src/graph/suspects.c), and
 * objects grouped by the signature of their path from a root, as
 * refcycle.leaks() groups watched objects.  What the browser's suspects
 * view lists and what the HTML report shows.  Plain C. */
#ifndef RC_EXPORT_MODEL_LEAKS_H
#define RC_EXPORT_MODEL_LEAKS_H

#include <stdint.h>

#include "src/common/buf.h"
#include "src/graph/suspects.h"
#include "src/model/model.h"

/* The share of the heap a suspect retains at least. */
#define RC_SUSPECT_SHARE 0.1

/* Whether m has what the suspects need: retained sizes and the
 * dominator tree. */
int rc_model_has_dominators(const struct rc_model *m);

/* The suspects of m retaining at least share of its shallow total
 * (*total receives it), the types of the interpreter's own structure set
 * aside as group suspects: rc_suspects_find.  *out (malloc'd, the caller
 * frees) receives *nout entries.  RC_OK, RC_ENOMEM, RC_EINVAL when m has
 * no dominator tree. */
int rc_model_suspects(const struct rc_model *m, double share, struct rc_suspect **out,
		      uint32_t *nout, uint64_t *total);

/* The signature of v's path from a root of roots (NULL: none, no path),
 * appended to out: types and labels, positions in lists and tuples as
 * item[*] ("module --__dict__--> dict --'cache'--> list --item[*]-->
 * Entry"), or "T (no root reaches it: garbage)".  RC status. */
int rc_model_path_signature(const struct rc_model *m, const struct rc_nodeset *roots,
			    uint32_t v, struct rc_buf *out);

/* Objects alive through paths of one signature. */
struct rc_watch_group {
	char *signature;
	uint32_t count;
	uint32_t first;           /* a vertex of the group */
};

/* ids[0..n-1] (vertices of m) grouped by signature (paths from roots,
 * as above), largest group
 * first (ties in order of first appearance).  *out (free with
 * rc_watch_groups_free) receives *nout groups.  RC status. */
int rc_model_watch_groups(const struct rc_model *m, const struct rc_nodeset *roots,
			  const uint32_t *ids, uint32_t n,
			  struct rc_watch_group **out, uint32_t *nout);

void rc_watch_groups_free(struct rc_watch_group *groups, uint32_t n);

#endif
