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

/* What a frame holds a reference as (for labels). */
enum rc_frame_ref {
	RC_FREF_BACK,      /* f_back; for a running frame on 3.11+, the previous
			    * frame of its thread */
	RC_FREF_CODE,      /* f_code */
	RC_FREF_FUNC,      /* the function being run (3.11+) */
	RC_FREF_GLOBALS,   /* f_globals */
	RC_FREF_BUILTINS,  /* f_builtins */
	RC_FREF_LOCALS,    /* the locals dict (f_locals); on 3.13 also
			    * f_extra_locals and f_locals_cache */
	RC_FREF_TRACE,     /* f_trace */
	RC_FREF_FRAME,     /* the frame object of a generator's embedded frame */
	RC_FREF_LOCAL,     /* a local variable, cell or free variable */
	RC_FREF_STACK      /* an entry of the evaluation stack */
};

/* name: for RC_FREF_LOCAL, the variable's name (a str of the code
 * object, borrowed), or NULL when unknown; NULL otherwise.  Must not run
 * Python code; nonzero stops the walk. */
typedef int (*rc_frame_ref_fn)(PyObject *ref, enum rc_frame_ref what,
			       PyObject *name, void *arg);

/* Every reference the capture records for frame op, in the order it
 * records them: what its tp_traverse visits, then what
 * rc_frames_visit_hidden visits (NULL slots skipped, as Py_VISIT does).
 * Returns the first nonzero result of fn, else 0.  Allocates nothing. */
int rc_frames_walk(PyObject *op, rc_frame_ref_fn fn, void *arg);

/* For a generator, coroutine or async generator on 3.11+: the references
 * its tp_traverse visits through the frame embedded in it, in that order
 * (frame object, locals dict, function, code, then locals and stack), if
 * the frame is not cleared.  Nothing on 3.9 and 3.10, where the generator
 * holds a frame object instead.  Returns as rc_frames_walk. */
int rc_frames_walk_embedded(PyObject *gen, rc_frame_ref_fn fn, void *arg);

/* 1 when op is a frame executing in a thread (its f_back is the
 * synthetic "previous frame in the thread's stack"), else 0. */
int rc_frames_is_running(PyObject *op);

/* The previous frame of a running frame when the capture records that
 * link without the frame holding a reference to it (3.11+, where a
 * running frame's f_back is the thread's stack, not a field); else NULL.
 * Borrowed.  Counting references needs it: such an edge is not one of
 * the target's reference count. */
PyObject *rc_frames_hidden_back(PyObject *op);

#endif
