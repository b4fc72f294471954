/* snapshot.c - the whole heap: every gc-tracked object and every
 * thread's running frames, taken with the collector paused.
 *
 * Collect into C arrays first, build Python objects after; no Python
 * code of the user's objects runs here. */
#include <Python.h>
#include <config.h>

#include "src/capture/capture.h"
#include "src/capture/heapbuild.h"

#include <stdlib.h>
#include <string.h>

#include "src/capture/gchead.h"
#include "src/capture/gclist.h"
#include "src/capture/pyerrors.h"
#include "src/common/status.h"
#include "src/introspect/frames.h"


/* capture.h */
PyObject *
rc_capture_gc_module(void)
{
	PyObject *name = PyUnicode_InternFromString("gc");
	PyObject *gc = name ? PyImport_GetModule(name) : NULL;

	Py_XDECREF(name);
	if (gc != NULL || PyErr_Occurred())
		return gc;
	return PyImport_ImportModule("gc");
}

/* capture.h */
int
rc_capture_gc_pause(void)
{
#if PY_VERSION_HEX >= 0x030A0000
	return PyGC_Disable();
#else
	PyObject *gc = rc_capture_gc_module();
	if (gc == NULL)
		return -1;
	PyObject *was = PyObject_CallMethod(gc, "isenabled", NULL);
	PyObject *r = was ? PyObject_CallMethod(gc, "disable", NULL) : NULL;
	int enabled = r ? PyObject_IsTrue(was) : -1;
	Py_XDECREF(r);
	Py_XDECREF(was);
	Py_DECREF(gc);
	return enabled;
#endif
}

void
rc_capture_gc_restore(int was_enabled)
{
	if (was_enabled != 1)
		return;
#if PY_VERSION_HEX >= 0x030A0000
	PyGC_Enable();
#else
	PyObject *exc_type, *exc_value, *exc_tb;
	PyErr_Fetch(&exc_type, &exc_value, &exc_tb);
	PyObject *gc = rc_capture_gc_module();
	PyObject *r = gc ? PyObject_CallMethod(gc, "enable", NULL) : NULL;
	Py_XDECREF(r);
	Py_XDECREF(gc);
	PyErr_Clear();
	PyErr_Restore(exc_type, exc_value, exc_tb);
#endif
}

/* gc.get_objects(), taken over: the list's references move into a C
 * array without an INCREF/DECREF pair per object (each pair would touch
 * every object's header again).  gc.get_objects leaves out its own list. */
static int
take_gc_objects(struct rc_heap *h, uint32_t extra, PyObject *const *exclude, int k)
{
	PyObject *gc = rc_capture_gc_module();
	PyObject *list = gc ? PyObject_CallMethod(gc, "get_objects", NULL) : NULL;

	Py_XDECREF(gc);
	if (list == NULL)
		return -1;
	if (!PyList_CheckExact(list)) {
		Py_DECREF(list);
		PyErr_SetString(PyExc_TypeError, "gc.get_objects() did not return a list");
		return -1;
	}
	Py_ssize_t n = PyList_GET_SIZE(list);
	if ((uint64_t)n + extra >= UINT32_MAX) {
		Py_DECREF(list);
		return rc_status_error(RC_EOVERFLOW);
	}
	h->objs = malloc(((size_t)n + extra + 1) * sizeof *h->objs);
	if (h->objs == NULL) {
		Py_DECREF(list);
		PyErr_NoMemory();
		return -1;
	}
	memcpy(h->objs, PySequence_Fast_ITEMS(list), (size_t)n * sizeof *h->objs);
	h->n = (uint32_t)n;
	Py_SET_SIZE(list, 0);   /* the references are ours now */
	Py_DECREF(list);
	for (uint32_t i = 0; k > 0 && i < h->n; i++) {
		for (int j = 0; j < k; j++) {
			if (h->objs[i] != (void *)exclude[j])
				continue;
			/* The caller holds it: this DECREF frees nothing. */
			Py_DECREF(exclude[j]);
			h->objs[i--] = h->objs[--h->n];
			break;
		}
	}
	return 0;
}

/* Add the running frames (untracked, so not in gc.get_objects) as
 * vertices, recording which thread runs each.  Takes over fb's
 * references; fb is empty afterwards. */
static int
add_frames(struct rc_heap *h, struct rc_framebuf *fb)
{
	int status = rc_addrmap_init(&h->map, h->n + fb->len);
	uint32_t nfb = fb->len;

	if (status == RC_OK) {
		for (uint32_t i = 0; i < h->n && status == RC_OK; i++)
			status = rc_addrmap_insert(&h->map, h->objs, i);
	}
	h->frame_vertex = malloc((nfb + 1) * sizeof *h->frame_vertex);
	h->frame_tid = malloc((nfb + 1) * sizeof *h->frame_tid);
	if (status == RC_OK && (h->frame_vertex == NULL || h->frame_tid == NULL))
		status = RC_ENOMEM;
	if (status != RC_OK)
		return rc_status_error(status);
	for (uint32_t i = 0; i < nfb; i++) {
		PyObject *frame = fb->frames[i];
		fb->frames[i] = NULL;
		h->objs[h->n] = frame;
		uint32_t at = rc_addrmap_insert_unique(&h->map, h->objs, h->n);
		if (at == h->n) {
			h->n++;
		} else {
			Py_DECREF(frame);   /* already a vertex (a tracked frame) */
			if (at == RC_NONE) {
				fb->len = 0;
				return rc_status_error(RC_ENOMEM);
			}
		}
		/* Frames are appended in ascending vertex order, except
		 * tracked ones found in place. */
		rc_heap_frames_insert(h, at, fb->thread_id[i]);
	}
	fb->len = 0;
	return 0;
}

/* Count the edges the walk recorded from running frames to the previous
 * frame of their thread that are no reference of the frame (3.11+), so
 * that they are not taken for references of the target's count. */
static void
count_hidden_backs(struct rc_heap *h, int tagged)
{
	for (uint32_t i = 0; i < h->nframes; i++) {
		PyObject *back = rc_frames_hidden_back(rc_heap_obj(h, h->frame_vertex[i]));
		uint32_t v = back == NULL ? RC_NONE
			: tagged ? rc_gchead_vertex(back) : rc_heap_index(h, back);
		if (v != RC_NONE && h->refs[v] < RC_REFS_IMMORTAL - 1)
			h->refs[v]++;
	}
}

/* The running frames as vertices while headers are tagged: a frame whose
 * header names a vertex is already one (a tracked frame); the others are
 * appended and tagged.  Takes over fb's references.  A status. */
static int
add_frames_tagged(struct rc_heap *h, struct rc_framebuf *fb, uintptr_t *saved)
{
	uint32_t nfb = fb->len;

	h->frame_vertex = malloc((nfb + 1) * sizeof *h->frame_vertex);
	h->frame_tid = malloc((nfb + 1) * sizeof *h->frame_tid);
	if (h->frame_vertex == NULL || h->frame_tid == NULL)
		return RC_ENOMEM;
	for (uint32_t i = 0; i < nfb; i++) {
		PyObject *frame = fb->frames[i];
		uint32_t at = rc_gchead_vertex(frame);
		fb->frames[i] = NULL;
		if (at == RC_NONE) {
			at = h->n++;
			h->objs[at] = frame;
			rc_gchead_tag(frame, at, &saved[at]);
		} else {
			/* Already a vertex: the heap holds it.  The count drops
			 * to no less than one, so nothing is freed (and no code
			 * runs) with headers tagged. */
			Py_DECREF(frame);
		}
		rc_heap_frames_insert(h, at, fb->thread_id[i]);
	}
	fb->len = 0;
	return RC_OK;
}

/* How far ahead the tagging pass prefetches headers: at millions of
 * objects each is a TLB miss as well, and 32 measured better than 8 at
 * 5M (snapshot / gc.collect 1.5-1.6 against 1.6-1.8). */
#define TAG_AHEAD 32

/* The walk notes each vertex's type and size (typemap.h) when it can
 * have room for them; without, the analysis computes them later.  No
 * Python code: headers may be tagged. */
static void
start_typemap(struct rc_heap *h)
{
	h->typemap = malloc(sizeof *h->typemap);
	if (h->typemap != NULL && rc_typemap_init(h->typemap, h->n) != RC_OK) {
		free(h->typemap);
		h->typemap = NULL;
	}
}

static void
end_typemap(struct rc_heap *h)
{
	if (h->typemap != NULL && h->typemap->status != RC_OK) {
		rc_typemap_free(h->typemap);
		free(h->typemap);
		h->typemap = NULL;
	}
}

/* The edges, looked up through the vertices' GC headers (gchead.h), the
 * first h->n of them tagged already (their words in saved, which has
 * room for the frames too): add the frames, walk, restore every header,
 * and only then raise, if anything failed.  Frees saved.  0, or -1 with
 * an exception. */
static int
walk_tagged(struct rc_heap *h, struct rc_framebuf *fb, uintptr_t *saved)
{
	int status = add_frames_tagged(h, fb, saved);
	uint32_t ntagged = h->n;

	if (status == RC_OK)
		start_typemap(h);
	if (status == RC_OK)
		status = rc_heap_walk_tagged(h);
	if (status == RC_OK)
		end_typemap(h);
	if (status == RC_OK)
		count_hidden_backs(h, 1);
	rc_gchead_restore(h->objs, saved, ntagged);
	free(saved);
	/* The address map waits for its first question (rc_heap_index). */
	return rc_status_error(status);
}

/* gc.get_objects()'s objects, tagged in a pass of their own. */
static int
walk_by_headers(struct rc_heap *h, struct rc_framebuf *fb)
{
	uintptr_t *saved = malloc(((size_t)h->n + fb->len + 1) * sizeof *saved);

	if (saved == NULL)
		return rc_status_error(RC_ENOMEM);
	for (uint32_t i = 0; i < h->n; i++) {
		if (i + TAG_AHEAD < h->n)
			__builtin_prefetch(rc_gchead_of((PyObject *)h->objs[i + TAG_AHEAD]), 1);
		rc_gchead_tag((PyObject *)h->objs[i], i, &saved[i]);
	}
	return walk_tagged(h, fb, saved);
}

/* The objects off the generation lists, tagged as they are found
 * (gclist.h). */
static int
walk_lists(struct rc_heap *h, struct rc_framebuf *fb, PyObject *const *exclude, int k)
{
	uintptr_t *saved;
	int status = rc_gclist_take_tagged(&h->objs, &saved, &h->n, fb->len, exclude, k);

	if (status != RC_OK)
		return rc_status_error(status);
	return walk_tagged(h, fb, saved);
}

static enum rc_capture_path wanted_path = RC_CAPTURE_LISTS;
static enum rc_capture_path last_path = RC_CAPTURE_LISTS;

/* The objects and their edges, by the best path allowed (capture.h).
 * 0, or -1 with an exception. */
static int
take_and_walk(struct rc_heap *h, struct rc_framebuf *fb, PyObject *const *exclude, int k)
{
	if (wanted_path <= RC_CAPTURE_LISTS && rc_gclist_usable()) {
		last_path = RC_CAPTURE_LISTS;
		return walk_lists(h, fb, exclude, k);
	}
	if (take_gc_objects(h, fb->len, exclude, k) < 0)
		return -1;
	if (wanted_path <= RC_CAPTURE_HEADERS && rc_gchead_usable()) {
		last_path = RC_CAPTURE_HEADERS;
		return walk_by_headers(h, fb);
	}
	last_path = RC_CAPTURE_ADDRESSES;
	if (add_frames(h, fb) < 0)
		return -1;
	start_typemap(h);
	if (rc_heap_walk_edges(h, 1) < 0)
		return -1;
	end_typemap(h);
	count_hidden_backs(h, 0);
	return 0;
}

enum rc_capture_path
rc_capture_last_path(void)
{
	return last_path;
}

enum rc_capture_path
rc_capture_set_path(enum rc_capture_path p)
{
	enum rc_capture_path was = wanted_path;

	wanted_path = p;
	return was;
}

int
rc_heap_snapshot(struct rc_heap *h)
{
	return rc_heap_snapshot_excluding(h, NULL, 0);
}

int
rc_heap_snapshot_excluding(struct rc_heap *h, PyObject *const *exclude, int k)
{
	struct rc_framebuf fb = {0, 0, NULL, NULL};
	int rc = -1;

	rc_heap_zero(h);
	int was_enabled = rc_capture_gc_pause();
	if (was_enabled < 0)
		return -1;
	/* Frames first: the dict sys._current_frames() returns is gone
	 * before gc.get_objects() runs, so it is not in the snapshot. */
	if (rc_typemap_prepare() == 0 && rc_frames_collect(&fb) == 0)
		rc = take_and_walk(h, &fb, exclude, k);
	rc_frames_release(&fb);
	if (rc < 0)
		rc_heap_clear(h);
	rc_capture_gc_restore(was_enabled);
	return rc;
}
