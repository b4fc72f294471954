/* stdlib_summary.c - summaries of standard-library C objects (see
 * stdlib_summary.h). */
#include <Python.h>
#include <config.h>

#include "src/introspect/stdlib_summary.h"

#include "src/introspect/stdlib_layouts.h"

/* A function's or coroutine's qualified name when it is an exact str,
 * else its type's name (borrowed, or a C string in *type). */
static PyObject *
qualname_of(PyObject *obj, const char **type)
{
	PyObject *name = NULL;

	*type = Py_TYPE(obj)->tp_name;
	if (PyFunction_Check(obj))
		name = ((PyFunctionObject *)obj)->func_qualname;
	else if (PyGen_CheckExact(obj) || PyCoro_CheckExact(obj) || PyAsyncGen_CheckExact(obj))
		name = ((PyGenObject *)obj)->gi_qualname;
	return name != NULL && PyUnicode_CheckExact(name) ? name : NULL;
}

/* "lru_cache\n<wrapped function>\n<n> entries" */
static PyObject *
lru_cache_summary(struct rc_lru_cache *c)
{
	const char *type;
	PyObject *name = c->func ? qualname_of(c->func, &type) : NULL;
	Py_ssize_t n = c->cache && PyDict_CheckExact(c->cache) ? PyDict_GET_SIZE(c->cache) : 0;

	const char *entries = n == 1 ? "entry" : "entries";
	if (name != NULL)
		return PyUnicode_FromFormat("lru_cache\n%U\n%zd %s", name, n, entries);
	return PyUnicode_FromFormat("lru_cache\n%s\n%zd %s", c->func ? type : "?", n, entries);
}

/* "Task\n<name>\n<coroutine>": the name when it is a str (3.12+ names a
 * task by a number until asked), the coroutine's qualified name. */
static PyObject *
task_summary(struct rc_task *t)
{
	const char *type = "?";
	PyObject *coro = t->coro ? qualname_of(t->coro, &type) : NULL;
	PyObject *name = t->name && PyUnicode_CheckExact(t->name) ? t->name : NULL;

	if (name != NULL && coro != NULL)
		return PyUnicode_FromFormat("Task\n%U\n%U", name, coro);
	if (coro != NULL)
		return PyUnicode_FromFormat("Task\n%U", coro);
	return PyUnicode_FromFormat("Task\n%s", type);
}

/* stdlib_summary.h */
PyObject *
rc_stdlib_summary(PyObject *obj)
{
	if (rc_layout_is(obj, RC_LRU_CACHE_NAME, sizeof(struct rc_lru_cache)))
		return lru_cache_summary((struct rc_lru_cache *)obj);
	if (rc_layout_is(obj, RC_TASK_NAME, sizeof(struct rc_task)))
		return task_summary((struct rc_task *)obj);
	return NULL;
}
