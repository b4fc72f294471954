/* frames.c - frames of running threads (see frames.h).
 *
 * On 3.11+ this reads the interpreter's internal frame record, the only
 * place a running frame's locals can be read without materialising a
 * locals dict (f_locals on 3.11/3.12 builds and keeps one in the frame,
 * which would change the heap being described and keep stale values
 * alive).  This file and attrs.c are the only ones that include internal
 * headers. */
#include <Python.h>
#include <frameobject.h>
#if PY_VERSION_HEX >= 0x030B0000
# define Py_BUILD_CORE 1
# include <internal/pycore_frame.h>
# undef Py_BUILD_CORE
#endif
#include <config.h>

#include "src/introspect/frames.h"

#include <stdlib.h>

static int
framebuf_push(struct rc_framebuf *fb, PyObject *frame, unsigned long tid)
{
	if (fb->len == fb->cap) {
		uint32_t cap = fb->cap ? fb->cap * 2 : 64;
		PyObject **f = realloc(fb->frames, cap * sizeof *f);
		if (f == NULL)
			return -1;
		fb->frames = f;
		unsigned long *t = realloc(fb->thread_id, cap * sizeof *t);
		if (t == NULL)
			return -1;
		fb->thread_id = t;
		fb->cap = cap;
	}
	fb->frames[fb->len] = frame;   /* takes the reference */
	fb->thread_id[fb->len] = tid;
	fb->len++;
	return 0;
}

/* Walk one thread's stack from its top frame (a new reference, consumed). */
static int
collect_stack(struct rc_framebuf *fb, PyFrameObject *frame, unsigned long tid)
{
	while (frame != NULL) {
		if (framebuf_push(fb, (PyObject *)frame, tid) < 0) {
			Py_DECREF(frame);
			PyErr_NoMemory();
			return -1;
		}
		/* New reference; on 3.11+ this creates the frame object. */
		frame = PyFrame_GetBack(frame);
	}
	return 0;
}

int
rc_frames_collect(struct rc_framebuf *fb)
{
	PyObject *current = PySys_GetObject("_current_frames");  /* borrowed */
	if (current == NULL) {
		PyErr_SetString(PyExc_RuntimeError, "sys._current_frames is missing");
		return -1;
	}
	PyObject *by_thread = PyObject_CallNoArgs(current);
	if (by_thread == NULL)
		return -1;
	if (!PyDict_CheckExact(by_thread)) {
		Py_DECREF(by_thread);
		PyErr_SetString(PyExc_TypeError, "sys._current_frames() did not return a dict");
		return -1;
	}
	Py_ssize_t pos = 0;
	PyObject *key, *value;  /* borrowed from the dict we own */
	int rc = 0;
	while (rc == 0 && PyDict_Next(by_thread, &pos, &key, &value)) {
		unsigned long tid = PyLong_AsUnsignedLong(key);
		if (tid == (unsigned long)-1 && PyErr_Occurred()) {
			rc = -1;
			break;
		}
		if (!PyFrame_Check(value))
			continue;
		Py_INCREF(value);
		rc = collect_stack(fb, (PyFrameObject *)value, tid);
	}
	Py_DECREF(by_thread);
	return rc;
}

void
rc_frames_release(struct rc_framebuf *fb)
{
	PyObject **frames = fb->frames;
	uint32_t len = fb->len;

	/* Detach first: a deallocation may run code that looks at fb. */
	fb->frames = NULL;
	fb->len = fb->cap = 0;
	for (uint32_t i = 0; i < len; i++)
		Py_DECREF(frames[i]);
	free(frames);
	free(fb->thread_id);
	fb->thread_id = NULL;
}

#if PY_VERSION_HEX >= 0x030B0000

static PyCodeObject *
iframe_code(_PyInterpreterFrame *f)
{
#if PY_VERSION_HEX >= 0x030D0000
	return PyCode_Check(f->f_executable) ? (PyCodeObject *)f->f_executable : NULL;
#else
	return f->f_code;
#endif
}

static PyObject *
iframe_func(_PyInterpreterFrame *f)
{
#if PY_VERSION_HEX >= 0x030C0000
	return f->f_funcobj;
#else
	return (PyObject *)f->f_func;
#endif
}

/* The thread's previous complete frame's object, as PyFrame_GetBack finds
 * it, but without creating one. */
static PyObject *
iframe_back_object(_PyInterpreterFrame *f)
{
	_PyInterpreterFrame *prev = f->previous;

	while (prev != NULL && _PyFrame_IsIncomplete(prev))
		prev = prev->previous;
	return prev ? (PyObject *)prev->frame_obj : NULL;
}

int
rc_frames_is_running(PyObject *op)
{
	if (!PyFrame_Check(op))
		return 0;
	PyFrameObject *frame = (PyFrameObject *)op;
	/* A generator's frame is owned by the generator whether it runs or
	 * not; it is linked into a thread's stack only while it runs (a
	 * yield unlinks it). */
	if (frame->f_frame->owner == FRAME_OWNED_BY_GENERATOR)
		return frame->f_frame->previous != NULL;
	return frame->f_frame->owner == FRAME_OWNED_BY_THREAD;
}

PyObject *
rc_frames_hidden_back(PyObject *op)
{
	if (!rc_frames_is_running(op) || ((PyFrameObject *)op)->f_back != NULL)
		return NULL;
	return iframe_back_object(((PyFrameObject *)op)->f_frame);
}

/* Call fn on ref unless it is NULL; return fn's result if nonzero. */
#define WALK(ref, what, name) \
	do { \
		PyObject *ref_ = (PyObject *)(ref); \
		if (ref_ != NULL) { \
			int err_ = fn(ref_, (what), (name), arg); \
			if (err_ != 0) \
				return err_; \
		} \
	} while (0)

/* Name of localsplus slot i of code (borrowed), or NULL. */
static PyObject *
slot_name(PyCodeObject *code, int i)
{
	if (code == NULL || i >= code->co_nlocalsplus
	    || !PyTuple_Check(code->co_localsplusnames)
	    || i >= PyTuple_GET_SIZE(code->co_localsplusnames))
		return NULL;
	return PyTuple_GET_ITEM(code->co_localsplusnames, i);
}

/* What CPython's _PyFrame_Traverse visits, in its order: the frame's
 * references when a frame object or a generator owns it. */
static int
walk_iframe(_PyInterpreterFrame *f, rc_frame_ref_fn fn, void *arg)
{
	PyCodeObject *code = iframe_code(f);
	int nlocals = code ? code->co_nlocalsplus : f->stacktop;

	WALK(f->frame_obj, RC_FREF_FRAME, NULL);
	WALK(f->f_locals, RC_FREF_LOCALS, NULL);
	WALK(iframe_func(f), RC_FREF_FUNC, NULL);
#if PY_VERSION_HEX >= 0x030D0000
	WALK(f->f_executable, RC_FREF_CODE, NULL);
#else
	WALK(f->f_code, RC_FREF_CODE, NULL);
#endif
	/* stacktop is -1 while the frame executes: nothing is visited. */
	for (int i = 0; i < f->stacktop; i++)
		WALK(f->localsplus[i], i < nlocals ? RC_FREF_LOCAL : RC_FREF_STACK,
		     slot_name(code, i));
	return 0;
}

/* The references of a running frame that its tp_traverse does not visit
 * (see rc_frames_visit_hidden), in the order that function visits them. */
static int
walk_hidden(PyObject *op, rc_frame_ref_fn fn, void *arg)
{
	if (!rc_frames_is_running(op))
		return 0;
	PyFrameObject *frame = (PyFrameObject *)op;
	_PyInterpreterFrame *f = frame->f_frame;

	/* tp_traverse visits f_back only once the frame is detached; the
	 * capture counts these links apart (rc_frames_hidden_back). */
	WALK(rc_frames_hidden_back(op), RC_FREF_BACK, NULL);
	if (f->owner != FRAME_OWNED_BY_THREAD)
		return 0;   /* the generator reports the rest */

	PyCodeObject *code = iframe_code(f);
	WALK(code, RC_FREF_CODE, NULL);
	WALK(iframe_func(f), RC_FREF_FUNC, NULL);
	WALK(f->f_globals, RC_FREF_GLOBALS, NULL);
	WALK(f->f_builtins, RC_FREF_BUILTINS, NULL);
	WALK(f->f_locals, RC_FREF_LOCALS, NULL);
	if (code == NULL)
		return 0;
	for (int i = 0; i < code->co_nlocalsplus; i++)
		WALK(f->localsplus[i], RC_FREF_LOCAL, slot_name(code, i));
	return 0;
}

struct visit_adapter {
	visitproc visit;
	void *arg;
};

static int
adapt_visit(PyObject *ref, enum rc_frame_ref what, PyObject *name, void *arg)
{
	struct visit_adapter *a = arg;

	(void)what;
	(void)name;
	return a->visit(ref, a->arg);
}

int
rc_frames_visit_hidden(PyObject *op, visitproc visit, void *arg)
{
	struct visit_adapter a = {visit, arg};

	return walk_hidden(op, adapt_visit, &a);
}

int
rc_frames_walk(PyObject *op, rc_frame_ref_fn fn, void *arg)
{
	if (!PyFrame_Check(op))
		return 0;
	PyFrameObject *frame = (PyFrameObject *)op;

	/* frame_traverse */
	WALK(frame->f_back, RC_FREF_BACK, NULL);
	WALK(frame->f_trace, RC_FREF_TRACE, NULL);
#if PY_VERSION_HEX >= 0x030D0000
	WALK(frame->f_extra_locals, RC_FREF_LOCALS, NULL);
	WALK(frame->f_locals_cache, RC_FREF_LOCALS, NULL);
#endif
	if (frame->f_frame->owner == FRAME_OWNED_BY_FRAME_OBJECT) {
		int err = walk_iframe(frame->f_frame, fn, arg);
		if (err != 0)
			return err;
	}
	return walk_hidden(op, fn, arg);
}

int
rc_frames_walk_embedded(PyObject *gen, rc_frame_ref_fn fn, void *arg)
{
	if (!PyGen_Check(gen) && !PyCoro_CheckExact(gen) && !PyAsyncGen_CheckExact(gen))
		return 0;
	/* The three share the generator's layout (_PyGenObject_HEAD). */
	PyGenObject *g = (PyGenObject *)gen;
	if (g->gi_frame_state >= FRAME_CLEARED)
		return 0;
	return walk_iframe((_PyInterpreterFrame *)g->gi_iframe, fn, arg);
}

#else  /* 3.9, 3.10: frame objects hold everything and traverse it */

int
rc_frames_is_running(PyObject *op)
{
	if (!PyFrame_Check(op))
		return 0;
# if PY_VERSION_HEX >= 0x030A0000
	return _PyFrame_IsExecuting((PyFrameObject *)op);
# else
	return ((PyFrameObject *)op)->f_executing;
# endif
}

PyObject *
rc_frames_hidden_back(PyObject *op)
{
	(void)op;
	return NULL;
}

int
rc_frames_visit_hidden(PyObject *op, visitproc visit, void *arg)
{
	(void)op;
	(void)visit;
	(void)arg;
	return 0;
}

#define WALK(ref, what, name) \
	do { \
		PyObject *ref_ = (PyObject *)(ref); \
		if (ref_ != NULL) { \
			int err_ = fn(ref_, (what), (name), arg); \
			if (err_ != 0) \
				return err_; \
		} \
	} while (0)

/* names[i] (borrowed), or NULL. */
static PyObject *
name_at(PyObject *names, Py_ssize_t i)
{
	if (!PyTuple_Check(names) || i >= PyTuple_GET_SIZE(names))
		return NULL;
	return PyTuple_GET_ITEM(names, i);
}

/* The order of frame_traverse in Objects/frameobject.c. */
int
rc_frames_walk(PyObject *op, rc_frame_ref_fn fn, void *arg)
{
	if (!PyFrame_Check(op))
		return 0;
	PyFrameObject *f = (PyFrameObject *)op;
	PyCodeObject *code = f->f_code;

	WALK(f->f_back, RC_FREF_BACK, NULL);
	WALK(code, RC_FREF_CODE, NULL);
	WALK(f->f_builtins, RC_FREF_BUILTINS, NULL);
	WALK(f->f_globals, RC_FREF_GLOBALS, NULL);
	WALK(f->f_locals, RC_FREF_LOCALS, NULL);
	WALK(f->f_trace, RC_FREF_TRACE, NULL);

	/* f_localsplus: co_nlocals locals, then cells, then free variables. */
	Py_ssize_t nlocals = code->co_nlocals;
	Py_ssize_t ncells = PyTuple_GET_SIZE(code->co_cellvars);
	Py_ssize_t nfrees = PyTuple_GET_SIZE(code->co_freevars);
	for (Py_ssize_t i = 0; i < nlocals + ncells + nfrees; i++) {
		PyObject *name = i < nlocals ? name_at(code->co_varnames, i)
			: i < nlocals + ncells ? name_at(code->co_cellvars, i - nlocals)
			: name_at(code->co_freevars, i - nlocals - ncells);
		WALK(f->f_localsplus[i], RC_FREF_LOCAL, name);
	}
# if PY_VERSION_HEX >= 0x030A0000
	for (int i = 0; i < f->f_stackdepth; i++)
		WALK(f->f_valuestack[i], RC_FREF_STACK, NULL);
# else
	if (f->f_stacktop != NULL)
		for (PyObject **p = f->f_valuestack; p < f->f_stacktop; p++)
			WALK(*p, RC_FREF_STACK, NULL);
# endif
	return 0;
}

int
rc_frames_walk_embedded(PyObject *gen, rc_frame_ref_fn fn, void *arg)
{
	(void)gen;
	(void)fn;
	(void)arg;
	return 0;
}

#endif
