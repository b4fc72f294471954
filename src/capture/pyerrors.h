/* pyerrors.h - a status of the core (src/common/status.h) as a Python
 * exception, for the C code that calls the core on Python's behalf (the
 * capture and the Python types). */
#ifndef RC_PYERRORS_H
#define RC_PYERRORS_H

#include <Python.h>

/* 0 for RC_OK, else -1 with MemoryError, OverflowError or SystemError
 * set. */
int rc_status_error(int status);

/* The same for a status that is not RC_OK, returning NULL: for methods'
 * "return rc_status_raise(status);". */
PyObject *rc_status_raise(int status);

#endif
