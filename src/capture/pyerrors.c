/* pyerrors.c - status codes as Python exceptions (see pyerrors.h). */
#include <Python.h>
#include <config.h>

#include "src/capture/pyerrors.h"

#include "src/common/status.h"

int
rc_status_error(int status)
{
	switch (status) {
	case RC_OK:
		return 0;
	case RC_ENOMEM:
		PyErr_NoMemory();
		break;
	case RC_ECANCELED:
		PyErr_SetNone(PyExc_KeyboardInterrupt);
		break;
	case RC_EOVERFLOW:
		PyErr_SetString(PyExc_OverflowError,
				"too many objects or references for a graph (limit 2**32 - 1)");
		break;
	default:
		PyErr_Format(PyExc_SystemError, "refcycle: graph core error %d", status);
		break;
	}
	return -1;
}

PyObject *
rc_status_raise(int status)
{
	if (status == RC_OK)
		PyErr_SetString(PyExc_SystemError, "refcycle: no error to raise");
	else
		rc_status_error(status);
	return NULL;
}
