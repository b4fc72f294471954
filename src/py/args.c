/* args.c - arguments by position or by name (see args.h). */
#include <Python.h>
#include <config.h>

#include "src/py/args.h"

/* Index of keyword key among names, or -1.  key is a str (the
 * interpreter makes kwnames of strs); comparing runs no user code. */
static int
find_name(PyObject *key, const char *const *names, int n)
{
	for (int i = 0; i < n; i++)
		if (PyUnicode_CompareWithASCIIString(key, names[i]) == 0)
			return i;
	return -1;
}

int
rc_args_parse(const char *fname, const char *const *names, int n,
	      PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
	      PyObject **out)
{
	Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;

	if (nargs > n) {
		PyErr_Format(PyExc_TypeError, "%s() takes %d positional argument%s but %zd %s given",
			     fname, n, n == 1 ? "" : "s", nargs, nargs == 1 ? "was" : "were");
		return -1;
	}
	for (int i = 0; i < n; i++)
		out[i] = i < nargs ? args[i] : NULL;
	for (Py_ssize_t k = 0; k < nkw; k++) {
		PyObject *key = PyTuple_GET_ITEM(kwnames, k);
		int i = find_name(key, names, n);
		if (i < 0) {
			PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%S'",
				     fname, key);
			return -1;
		}
		if (out[i] != NULL) {
			PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%s'",
				     fname, names[i]);
			return -1;
		}
		out[i] = args[nargs + k];
	}
	for (int i = 0; i < n; i++) {
		if (out[i] == NULL) {
			PyErr_Format(PyExc_TypeError, "%s() missing required argument '%s' (pos %d)",
				     fname, names[i], i + 1);
			return -1;
		}
	}
	return 0;
}
