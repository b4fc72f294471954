/* og_report.h - ObjectGraph.report(): the HTML leak report of a live
 * graph (src/export/report.c over the live model, livemodel.c). */
#ifndef RC_PY_OG_REPORT_H
#define RC_PY_OG_REPORT_H

#include <Python.h>

extern const char rc_og_report_doc[];
PyObject *rc_og_report(PyObject *self, PyObject *args, PyObject *kwds);

#endif
