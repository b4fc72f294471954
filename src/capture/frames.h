/* frames.h - frames of running threads.
 *
 * The frame of a function that is still executing is not gc-tracked, so
 * gc.get_objects() misses it, and on 3.11+ its frame object reports none
 * of its locals to tp_traverse (they live in the interpreter's own frame
 * record, which the thread owns).  These functions find those frames and
 * the references they hold, without running any Python code. */
#ifndef RC_FRAMES_H
#define RC_FRAMES_H

#include <Python.h>
#include <stdint.h>

/* Every frame of every thread, top of stack first within a thread. */
struct rc_framebuf {
	uint32_t len;
	uint32_t cap;
	PyObject **frames;        /* strong references */
	unsigned long *thread_id; /* the thread running each frame */
};

/* Materialise the frame objects of every thread's stack (3.11+ creates
 * one frame object per Python frame that has none yet) and append new
 * references to them.  0, or -1 with a Python exception set. */
int rc_frames_collect(struct rc_framebuf *fb);

/* Drop the references and free the arrays (may run arbitrary code
 * through deallocation: call with no borrowed pointers outstanding). */
void rc_frames_release(struct rc_framebuf *fb);

/* Call visit on the references a frame holds that its tp_traverse does
 * not report: on 3.11+, for a frame executing in a thread, its code,
 * function, globals, builtins, locals dict, local variables and cells,
 * and the previous frame of the thread (f_back, when it has a frame
 * object); for an executing generator's frame only f_back (the generator
 * reports the rest).  Nothing on 3.9 and 3.10.  Returns the first nonzero
 * result of visit, else 0.  Allocates nothing. */
int rc_frames_visit_hidden(PyObject *op, visitproc visit, void *arg);

/* Names under which frame 'op' holds 'referent' as a local variable or
 * cell (fast locals of any frame, running or not): calls found(name,
 * arg) for each, name borrowed.  Returns the number of names found. */
typedef void (*rc_frame_name_fn)(PyObject *name, void *arg);
int rc_frames_local_names(PyObject *op, PyObject *referent,
			  rc_frame_name_fn found, void *arg);

/* 1 when op is a frame executing in a thread (its f_back is the
 * synthetic "previous frame in the thread's stack"), else 0. */
int rc_frames_is_running(PyObject *op);

/* The previous frame object of a running frame on 3.11+, or its f_back
 * on older versions; borrowed, may be NULL.  Allocates nothing. */
PyObject *rc_frames_back(PyObject *op);

#endif
