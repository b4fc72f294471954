/* nodelabel.c - object descriptions (see nodelabel.h).  Placeholder:
 * type name and address only. */
#include <Python.h>
#include <config.h>

#include "nodelabel.h"

PyObject *
rc_node_label(PyObject *obj, unsigned long thread_id)
{
	(void)thread_id;
	return PyUnicode_FromFormat("%s\n%p", Py_TYPE(obj)->tp_name, (void *)obj);
}
