/* module.c - refcycle._core: module definition and initialisation. */
#include <Python.h>
#include <config.h>

#include "module.h"

#if ENABLE_NLS
# include <libintl.h>
#endif

#include "annotated.h"
#include "browse.h"
#include "creators.h"
#include "objectgraph.h"
#include "store.h"
#include "views.h"

static PyMethodDef module_methods[] = {
	{"snapshot", rc_snapshot, METH_NOARGS, rc_snapshot_doc},
	{"browse", (PyCFunction)(void (*)(void))rc_browse, METH_VARARGS | METH_KEYWORDS, rc_browse_doc},
	{"load", (PyCFunction)rc_load, METH_O, rc_load_doc},
	{"garbage", rc_garbage, METH_NOARGS, rc_garbage_doc},
	{"cycles_created_by", rc_cycles_created_by, METH_O, rc_cycles_created_by_doc},
	{"objects_reachable_from", rc_objects_reachable_from, METH_O,
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

static int
module_exec(PyObject *module)
{
#if ENABLE_NLS
	/* Our own domain: textdomain() belongs to the host program. */
	bindtextdomain(PACKAGE, LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
#endif
	if (add_type(module, &rc_ObjectGraph_Type, "ObjectGraph") < 0
	    || add_type(module, &rc_AnnotatedGraph_Type, "AnnotatedGraph") < 0
	    || add_type(module, &rc_AnnotatedVertex_Type, "AnnotatedVertex") < 0
	    || add_type(module, &rc_AnnotatedEdge_Type, "AnnotatedEdge") < 0
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
