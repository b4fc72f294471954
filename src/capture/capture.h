/* capture.h - a captured heap: objects, the references between them as a
 * CSR graph, and an address -> vertex map.
 *
 * Vertex i is the object objs[i]; the heap holds one strong reference to
 * each, in a C array, so the heap adds no gc-visible referrer to anything
 * it shows and its owner (the ObjectGraph) is the only gc-tracked object
 * it needs.  Every function that can fail returns 0, or -1 with a Python
 * exception set, and leaves the heap empty on failure. */
#ifndef RC_CAPTURE_H
#define RC_CAPTURE_H

#include <Python.h>
#include <stdint.h>

#include "src/capture/addrmap.h"
#include "src/capture/typemap.h"
#include "src/graph/graph.h"

struct rc_progress;

struct rc_heap {
	uint32_t n;               /* vertices */
	void **objs;              /* n strong references to PyObject */
	struct rc_graph g;        /* edge e: objs[tail] holds a reference to objs[head] */
	struct rc_addrmap map;    /* objs[i] -> i; slots NULL until first
				   * needed (rc_heap_index) */
	uint32_t nframes;         /* running frames among the vertices */
	uint32_t *frame_vertex;   /* their vertex ids, ascending */
	unsigned long *frame_tid; /* the thread running each one */
	/* n entries, or NULL (a heap of records): each object's reference
	 * count when its references were walked, plus the edges into it
	 * that are not references it counts (see rc_frames_hidden_back);
	 * RC_REFS_IMMORTAL for an immortal object (3.12+), saturated below
	 * that.  So refs[v] - 1 - in-degree(v) is how many references come
	 * from outside the graph (the 1 is the heap's own). */
	uint32_t *refs;
	/* A snapshot's: each vertex's type and shallow size as the walk
	 * found them (typemap.h), for the analysis to take over; NULL
	 * otherwise. */
	struct rc_typemap *typemap;
};

#define RC_REFS_IMMORTAL UINT32_MAX

#define RC_HEAP_EMPTY {0, NULL, {0, 0, NULL, NULL, NULL, NULL}, {0, 0, NULL}, 0, NULL, NULL, NULL, NULL}


/* Every gc-tracked object (what gc.get_objects() returns) plus every
 * thread's running frames, and the references between them found by each
 * object's tp_traverse (plus, on 3.11+, those of running frames that
 * tp_traverse does not report).  The collector is paused during capture
 * and its previous state restored.  Runs no code of the user's objects. */
int rc_heap_snapshot(struct rc_heap *h);

/* How a snapshot finds the objects and looks up referents.  The best
 * path this interpreter allows is the default; the others remain as
 * fallbacks, and tests force each one to check that all agree. */
enum rc_capture_path {
	RC_CAPTURE_LISTS,       /* generation lists, tagged on the way (gclist.h) */
	RC_CAPTURE_HEADERS,     /* gc.get_objects(), then tagged (gchead.h) */
	RC_CAPTURE_ADDRESSES,   /* gc.get_objects() and the address map */
	RC_CAPTURE_NPATHS
};

/* Make snapshots take path p when this interpreter allows it, else the
 * next one down; returns the path asked for before. */
enum rc_capture_path rc_capture_set_path(enum rc_capture_path p);

/* Where the next snapshots count their work, or NULL: objects taken,
 * then objects walked, in one count (total: twice the objects, once
 * known; until then the previous snapshot's, or 0).  Read from another
 * thread (a progress line; a snapshot itself runs no other code). */
extern struct rc_progress *rc_capture_progress;

/* For the tests: k > 0 makes the capture send itself a SIGINT at its
 * k-th look for one (every RC_CAPTURE_LOOK objects it takes or walks),
 * as a ^C arriving then would; 0, none. */
extern int rc_capture_test_sigint;

/* The path the last snapshot took. */
enum rc_capture_path rc_capture_last_path(void);

/* Pause the collector: a collection during capture could run __del__
 * methods and finalizers in the middle of the walk, during a long
 * labelling (save, export_json) it would walk the whole heap again and
 * again while millions of strings are made, and during the browser's
 * work on a key it would walk a large heap for nothing.  Returns whether
 * it was enabled, or -1 with an exception set. */
int rc_capture_gc_pause(void);

/* Enable it again if was_enabled is 1 (an exception set is kept). */
void rc_capture_gc_restore(int was_enabled);

/* The gc module (a new reference), from sys.modules when it is there:
 * importing it by name would call builtins.__import__, which a program
 * may have replaced with code of its own.  NULL with an exception. */
PyObject *rc_capture_gc_module(void);

/* The same, leaving out the objects exclude[0..k-1] (a caller's own
 * bookkeeping: browse()'s argument tuple and keyword dict). */
int rc_heap_snapshot_excluding(struct rc_heap *h, PyObject *const *exclude, int k);

/* The objects of an iterable (duplicates, by identity, dropped; order of
 * first appearance kept) and the references among them. */
int rc_heap_from_iterable(struct rc_heap *h, PyObject *iterable);

/* The objects of objs[0..n-1] (new references taken over by the heap,
 * the array too; duplicates dropped) and the references among them. */
int rc_heap_from_array(struct rc_heap *h, void **objs, uint32_t n);

/* The subgraph of src induced by nodes[0..k-1] (distinct vertex ids of
 * src): vertex i of dst is src vertex nodes[i].  If edge_map is not NULL
 * it receives a malloc'd array giving each edge of dst its id in src. */
int rc_heap_subgraph(struct rc_heap *dst, const struct rc_heap *src,
		     const uint32_t *nodes, uint32_t k, uint32_t **edge_map);

/* A heap over given objects (new references, taken over with the array)
 * and given edges: edge i goes from vertex tails[i] to heads[i]; edges
 * are kept in the order given within each tail (a stable sort by tail),
 * and order[j] (if not NULL, m entries, malloc'd) receives the input
 * position of the heap's edge j.  No traversal: for records such as
 * annotated vertices.  Duplicated objects are an error (ValueError). */
int rc_heap_from_edges(struct rc_heap *h, void **objs, uint32_t n,
		       const uint32_t *tails, const uint32_t *heads, uint32_t m,
		       uint32_t **order);

/* Release every reference and array; h is empty afterwards.  May run
 * arbitrary code (deallocators), after h is already empty. */
void rc_heap_clear(struct rc_heap *h);

/* tp_traverse support: visit every vertex object. */
int rc_heap_traverse(const struct rc_heap *h, visitproc visit, void *arg);

/* The references op holds that its tp_traverse does not visit: a running
 * frame's (rc_frames_visit_hidden) and, on 3.13+, an instance's dict that
 * shares its inline values (rc_attrs_hidden_dict).  Every walk of the
 * heap visits these after tp_traverse.  0, or visit's nonzero result. */
int rc_capture_visit_hidden(PyObject *op, visitproc visit, void *arg);

static inline PyObject *
rc_heap_obj(const struct rc_heap *h, uint32_t v)
{
	return (PyObject *)h->objs[v];
}

/* Build the heap's address map now if it has none yet.  A snapshot
 * leaves it to the first question that names an object: counting,
 * searching, saving and the browser's views work on vertex ids and never
 * ask.  RC_OK or RC_ENOMEM. */
int rc_heap_build_index(struct rc_heap *h);

/* Vertex id of obj by a scan of the objects: the answer when the map
 * cannot be built. */
uint32_t rc_heap_index_by_scan(const struct rc_heap *h, PyObject *obj);

/* Vertex id of obj (by identity), or RC_NONE.  The map is a cache of
 * the objects array, built on the first call. */
static inline uint32_t
rc_heap_index(const struct rc_heap *h, PyObject *obj)
{
	if (h->n == 0)
		return RC_NONE;
	if (h->map.slots == NULL && rc_heap_build_index((struct rc_heap *)h) != 0)
		return rc_heap_index_by_scan(h, obj);
	return rc_addrmap_find(&h->map, h->objs, obj);
}

/* Thread id running frame vertex v, or 0 when v is not a running frame. */
unsigned long rc_heap_frame_thread(const struct rc_heap *h, uint32_t v);

/* k of obj's references (counted in refs) belong to the caller: not
 * references from outside the graph.  Nothing if obj is no vertex or the
 * heap has no counts; never below the references the graph records. */
void rc_heap_discount(struct rc_heap *h, PyObject *obj, uint32_t k);

/* References to vertex v from outside the graph, from refs (see above):
 * 0 when refs is NULL, RC_REFS_IMMORTAL for an immortal object. */
uint32_t rc_heap_external_refs(const struct rc_heap *h, uint32_t v);

#endif
