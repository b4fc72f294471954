/* progress.h - refcycle.set_progress(): the optional Python callback told
 * how far a long computation has come (what, done, total), and allowed to
 * stop it by raising. */
#ifndef RC_PY_PROGRESS_H
#define RC_PY_PROGRESS_H

#include <Python.h>
#include <stdint.h>

/* set_progress(callback=None, after=0.5): the module function. */
PyObject *rc_set_progress(PyObject *module, PyObject *args, PyObject *kwds);
extern const char rc_set_progress_doc[];

/* One computation's reports: at most one every REPORT_EVERY seconds,
 * none before the callback's `after` seconds have passed since start. */
struct rc_progress_report {
	double start, last;
	int reported;
};

void rc_progress_report_begin(struct rc_progress_report *r);

/* Tell the callback, if there is one and it is time (final set: the
 * work is done, told once if anything was told before).  0, or -1 with
 * the callback's exception: the caller stops the work. */
int rc_progress_report(struct rc_progress_report *r, const char *what, uint64_t done,
		       uint64_t total, int final);

/* For work that cannot call back while it runs (a capture runs no
 * Python code): one call (what, total, total) when it has ended, if it
 * took after seconds or more.  0, or -1 with the callback's exception. */
int rc_progress_report_ended(struct rc_progress_report *r, const char *what, uint64_t total);

#endif
