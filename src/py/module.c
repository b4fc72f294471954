/* module.c - refcycle._core: module definition and initialisation. */
#include <Python.h>
#include <config.h>

#include "src/py/module.h"

#if ENABLE_NLS
# include <libintl.h>
# include <string.h>
# include <sys/stat.h>
#endif

#include "src/py/annotated.h"
#include "src/py/args.h"
#include "src/py/browse.h"
#include "src/py/census.h"
#include "src/py/creators.h"
#include "src/py/objectgraph.h"
#include "src/py/og_export.h"
#include "src/py/og_store.h"
#include "src/py/progress.h"
#include "src/py/views.h"

/* These take their one argument by position or by name, as the
 * refcycle package's do (args.h). */
RC_ARGS_ONE(rc_load_kw, rc_load, "load", "path")
RC_ARGS_ONE(rc_cycles_created_by_kw, rc_cycles_created_by, "cycles_created_by", "callable")
RC_ARGS_ONE(rc_objects_reachable_from_kw, rc_objects_reachable_from, "objects_reachable_from", "obj")

static PyMethodDef module_methods[] = {
	{"snapshot", rc_snapshot, METH_NOARGS, rc_snapshot_doc},
	{"census", rc_census, METH_NOARGS, rc_census_doc},
	{"set_progress", (PyCFunction)(void (*)(void))rc_set_progress, METH_VARARGS | METH_KEYWORDS,
	 rc_set_progress_doc},
	{"_capture_path", rc_set_capture_path, METH_O,
	 PyDoc_STR("_capture_path(name)\n--\n\nMake snapshots take this path ('lists', 'headers' or\n"
		   "'addresses') where the interpreter allows it; the one asked for before.")},
	{"_capture_sigint_at", rc_capture_sigint_at, METH_O,
	 PyDoc_STR("_capture_sigint_at(k)\n--\n\nMake the next snapshot send itself a SIGINT at its\n"
		   "k-th look for one (every 65536 objects taken or walked), as a ^C would.")},
	{"_last_capture_path", rc_last_capture_path, METH_NOARGS,
	 PyDoc_STR("_last_capture_path()\n--\n\nThe path the last snapshot took.")},
	{"_watch_ref", rc_watch_ref, METH_O,
	 PyDoc_STR("_watch_ref(obj)\n--\n\nAn untracked weak reference to obj, or None.")},
	{"_census_of_records", rc_census_of_records, METH_O,
	 PyDoc_STR("_census_of_records(graph)\n--\n\nA census of a loaded snapshot's records.")},
	{"_render_dot", (PyCFunction)(void (*)(void))rc_render_dot, METH_VARARGS | METH_KEYWORDS,
	 PyDoc_STR("_render_dot(dot, filename, format=None)\n--\n\n"
		   "Render DOT text to filename in-process (as export_image does).")},
	{"browse", (PyCFunction)(void (*)(void))rc_browse, METH_VARARGS | METH_KEYWORDS, rc_browse_doc},
	{"load", RC_ARGS_FN(rc_load_kw), RC_ARGS_FLAGS, rc_load_doc},
	{"garbage", rc_garbage, METH_NOARGS, rc_garbage_doc},
	{"cycles_created_by", RC_ARGS_FN(rc_cycles_created_by_kw), RC_ARGS_FLAGS, rc_cycles_created_by_doc},
	{"objects_reachable_from", RC_ARGS_FN(rc_objects_reachable_from_kw), RC_ARGS_FLAGS,
	 rc_objects_reachable_from_doc},
	{NULL, NULL, 0, NULL}
};

static int
add_type(PyObject *module, PyTypeObject *type, const char *name)
{
	if (PyType_Ready(type) < 0)
		return -1;
	if (name == NULL)
		return 0;
	Py_INCREF(type);
	/* PyModule_AddObject steals the reference only on success. */
	if (PyModule_AddObject(module, name, (PyObject *)type) < 0) {
		Py_DECREF(type);
		return -1;
	}
	return 0;
}

#if ENABLE_NLS
/* Bind our own domain (textdomain() belongs to the host program) to the
 * catalogs beside the module when there are some: a wheel installs them
 * in refcycle/locale/, wherever pip puts the package.  Otherwise to
 * LOCALEDIR, where "make install" puts them. */
static void
bind_catalogs(PyObject *module)
{
	const char *dir = LOCALEDIR;
	PyObject *file = NULL, *path = NULL;
	struct stat st;
	const char *override = getenv("REFCYCLE_LOCALEDIR");

	if (override != NULL && *override != '\0') {
		/* The catalogs elsewhere: tests use the build tree's. */
		bindtextdomain(PACKAGE, override);
		bind_textdomain_codeset(PACKAGE, "UTF-8");
		return;
	}
	file = PyModule_GetFilenameObject(module);
	if (file != NULL)
		path = PyUnicode_EncodeFSDefault(file);
	if (path != NULL) {
		const char *f = PyBytes_AS_STRING(path);
		const char *slash = strrchr(f, '/');
		size_t n = slash != NULL ? (size_t)(slash - f) + 1 : 0;
		PyObject *loc = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)n + sizeof "locale" - 1);
		if (loc != NULL) {
			memcpy(PyBytes_AS_STRING(loc), f, n);
			memcpy(PyBytes_AS_STRING(loc) + n, "locale", sizeof "locale");
			Py_DECREF(path);
			path = loc;
			if (stat(PyBytes_AS_STRING(path), &st) == 0 && S_ISDIR(st.st_mode))
				dir = PyBytes_AS_STRING(path);
		}
	}
	PyErr_Clear();  /* no __file__ (embedded, frozen): LOCALEDIR */
	bindtextdomain(PACKAGE, dir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	Py_XDECREF(path);
	Py_XDECREF(file);
}
#endif

static int
module_exec(PyObject *module)
{
#if ENABLE_NLS
	bind_catalogs(module);
#endif
	if (add_type(module, &rc_ObjectGraph_Type, "ObjectGraph") < 0
	    || add_type(module, &rc_AnnotatedGraph_Type, "AnnotatedGraph") < 0
	    || add_type(module, &rc_AnnotatedVertex_Type, "AnnotatedVertex") < 0
	    || add_type(module, &rc_AnnotatedEdge_Type, "AnnotatedEdge") < 0
	    || add_type(module, &rc_Census_Type, "Census") < 0
	    || add_type(module, &rc_VertexView_Type, NULL) < 0
	    || add_type(module, &rc_VertexIter_Type, NULL) < 0)
		return -1;
	if (PyModule_AddStringConstant(module, "__version__", PACKAGE_VERSION) < 0)
		return -1;
	return 0;
}

static PyModuleDef_Slot module_slots[] = {
	{Py_mod_exec, module_exec},
	{0, NULL}
};

PyDoc_STRVAR(module_doc,
"refcycle._core: the C core of refcycle (import refcycle instead).");

static struct PyModuleDef module_def = {
	PyModuleDef_HEAD_INIT,
	.m_name = "refcycle._core",
	.m_doc = module_doc,
	.m_size = 0,
	.m_methods = module_methods,
	.m_slots = module_slots,
};

PyMODINIT_FUNC
PyInit__core(void)
{
	return PyModuleDef_Init(&module_def);
}
