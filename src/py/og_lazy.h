/* og_lazy.h - a loaded snapshot's records, made when first asked for.
 *
 * refcycle.load() keeps the file's image and hands its graph arrays to
 * the AnnotatedGraph as they are: no record is made up front.  A vertex's
 * AnnotatedVertex (an edge's AnnotatedEdge) is made the first time
 * anything asks for it, through rc_og_obj (rc_og_edge_record) in
 * objectgraph.h, and then kept in the heap's objs (the graph's
 * edge_objs), so every later question gets the same object.  Analyses
 * (types, sizes, root kinds) read the file's arrays and make no record.
 * A record names its vertex by its id, the address saved in the file: an
 * address -> vertex table built at load answers "which vertex is this
 * record", without a dict of all vertices. */
#ifndef RC_OG_LAZY_H
#define RC_OG_LAZY_H

#include <Python.h>
#include <stdint.h>

#include "src/graph/rootkind.h"
#include "src/py/objectgraph.h"
#include "src/store/snapfile.h"

struct rc_lazy {
	struct rc_snap snap;        /* the file's image; its graph is the heap's */
	PyObject **str;             /* per string id: made on first need */
	PyObject **type_names;      /* per type of the file: interned strs */
	PyObject *root[RC_ROOT_KIND_COUNT];
	uint32_t *slots;            /* address -> vertex + 1 (0: empty) */
	uint64_t mask;
	int complete;               /* every vertex has its record */
};

/* The AnnotatedGraph of a read snapshot, taking *s over (left empty, also
 * on failure).  NULL with an exception: MemoryError, or ValueError when
 * two vertices share an id (only a corrupt or hand-made file has that). */
PyObject *rc_lazy_graph(struct rc_snap *s);

void rc_lazy_free(struct rc_lazy *L);

/* The vertex whose saved address is id (an int), or RC_NONE.  Never
 * raises. */
uint32_t rc_lazy_find(const struct rc_lazy *L, PyObject *id);

/* Make every vertex's record (a question that compares objects by
 * address needs them all).  0, or -1 with an exception. */
int rc_lazy_complete(rc_ObjectGraph *g);

/* Vertex v's type name (interned, borrowed), as its record's type_name. */
static inline PyObject *
rc_lazy_type_name(const struct rc_lazy *L, uint32_t v)
{
	return L->type_names[L->snap.type_of[v]];
}

/* A string of the file as a str (borrowed), NULL with an exception. */
PyObject *rc_lazy_string(struct rc_lazy *L, uint32_t id);

#endif
