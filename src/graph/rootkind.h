/* rootkind.h - where a referrer chain may start.  The one definition of
 * root kinds, shared by the model the browser reads (src/model/model.h), the
 * module's analysis and the snapshot file (a byte per vertex, these
 * values: adding a kind is a file-format change, see doc/HACKING). */
#ifndef RC_GRAPH_ROOTKIND_H
#define RC_GRAPH_ROOTKIND_H

enum rc_root_kind {
	RC_ROOT_NONE = 0,
	RC_ROOT_MODULE = 1,   /* a module object */
	RC_ROOT_FRAME = 2,    /* a frame running in some thread */
	RC_ROOT_EXTERNAL = 3, /* referenced from outside the graph (C code,
			       * the stack, untracked containers) */
	RC_ROOT_KIND_COUNT
};

#endif
