/* progress.c - refcycle.set_progress() (see progress.h). */
#include <Python.h>
#include <config.h>

#include "src/py/progress.h"

#include <time.h>

#include "src/common/clock.h"
#include "src/common/i18n.h"
#include "src/introspect/compat.h"

/* At most this often, in seconds. */
#define REPORT_EVERY 0.2

static PyObject *callback;   /* a strong reference, or NULL */
static double after = 0.5;

const char rc_set_progress_doc[] =
"set_progress($module, /, callback=None, after=0.5)\n--\n\n"
"Call callback(what, done, total) while a long computation runs: what\n"
"names it ('dominators': the dominator tree and retained sizes; 'save',\n"
"'load' and 'export': ObjectGraph.save(), refcycle.load() and\n"
"export_json(); 'capture': a snapshot), done and total count its work in\n"
"units of its own.  Calls come no more often than five times a second,\n"
"none before the computation has run for after seconds, and a last one\n"
"with done == total when it ends, if any came before (a load, also when\n"
"after is 0).  A snapshot runs no Python code until it is taken, so it\n"
"makes one call, at its end, when it took after seconds or more.  An\n"
"exception the callback raises stops the computation and propagates, as\n"
"a ^C does: the graph is left as it was, and a file being written is\n"
"left as it was before (an exception from the last call, once the file\n"
"is whole, still propagates).  None: no calls.  Returns the callback set\n"
"before.";

PyObject *
rc_set_progress(PyObject *module, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = {"callback", "after", NULL};
	PyObject *cb = Py_None;
	double wait = 0.5;

	(void)module;
	if (!PyArg_ParseTupleAndKeywords(args, kwds, "|Od:set_progress", kwlist, &cb, &wait))
		return NULL;
	if (cb != Py_None && !PyCallable_Check(cb)) {
		PyErr_Format(PyExc_TypeError, _("callback must be callable or None, not %.100s"),
			     Py_TYPE(cb)->tp_name);
		return NULL;
	}
	if (!(wait >= 0)) {
		PyErr_SetString(PyExc_ValueError, _("after must be a number of seconds >= 0"));
		return NULL;
	}
	PyObject *was = callback ? callback : Py_None;
	Py_INCREF(was);
	Py_XDECREF(callback);
	callback = cb == Py_None ? NULL : Py_NewRef(cb);
	after = wait;
	return was;
}

void
rc_progress_report_begin(struct rc_progress_report *r)
{
	r->start = rc_clock_seconds();
	r->last = 0;
	r->reported = 0;
}

int
rc_progress_report(struct rc_progress_report *r, const char *what, uint64_t done,
		   uint64_t total, int final)
{
	if (callback == NULL)
		return 0;
	double t = rc_clock_seconds();
	if (final ? !r->reported : (t - r->start < after || (r->reported && t - r->last < REPORT_EVERY)))
		return 0;
	if (final)
		done = total;
	r->reported = 1;
	r->last = t;
	/* The callback may reset it: hold it for the call. */
	PyObject *cb = Py_NewRef(callback);
	PyObject *res = PyObject_CallFunction(cb, "sKK", what, (unsigned long long)done,
					      (unsigned long long)total);
	Py_DECREF(cb);
	if (res == NULL)
		return -1;
	Py_DECREF(res);
	return 0;
}

int
rc_progress_report_ended(struct rc_progress_report *r, const char *what, uint64_t total)
{
	if (callback == NULL || rc_clock_seconds() - r->start < after)
		return 0;
	r->reported = 1;
	return rc_progress_report(r, what, total, total, 1);
}
