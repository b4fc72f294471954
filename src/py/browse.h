/* browse.h - refcycle.browse(): the ncurses browser on a live graph. */
#ifndef RC_BROWSE_H
#define RC_BROWSE_H

#include <Python.h>

PyObject *rc_browse(PyObject *module, PyObject *args, PyObject *kwds);
extern const char rc_browse_doc[];

#endif
