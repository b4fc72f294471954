/* attrs.h - instance attributes and dict entries as the collector sees
 * them.
 *
 * On 3.11+ an instance's attributes may live in a values array with no
 * dict object at all (inline after the object header on 3.13), and a dict
 * sharing its keys with a class visits its values in key order, not in
 * insertion order.  These functions report what tp_traverse visits, in
 * its order, with the name of each reference, reading the interpreter's
 * own structures: they never create a dict (obj.__dict__ would), never run
 * Python code and allocate nothing. */
#ifndef RC_ATTRS_H
#define RC_ATTRS_H

#include <Python.h>

/* What a reference is, to the function a walk calls. */
enum rc_attr_ref {
	RC_ATTR_VALUE,     /* a dict value; name is its key */
	RC_ATTR_KEY,       /* a dict key; name is NULL */
	RC_ATTR_INSTANCE,  /* an instance attribute held without a dict object;
			    * name is the attribute name, NULL when unknown */
	RC_ATTR_DICT       /* the instance's __dict__; name is NULL */
};

/* name is borrowed; the function must not run Python code.  Nonzero
 * stops the walk and is returned by it. */
typedef int (*rc_attr_fn)(PyObject *ref, enum rc_attr_ref what, PyObject *name,
			  void *arg);

/* The references PyDict_Type's tp_traverse visits in dict (a dict or an
 * instance of a subclass), in its order: each value, followed by its key
 * when the dict visits keys (only dicts with keys other than str do).
 * -2 when the dict's layout is not one this build knows (nothing
 * reported), else as above. */
int rc_attrs_walk_dict(PyObject *dict, rc_attr_fn fn, void *arg);

/* For an instance of a type with Py_TPFLAGS_MANAGED_DICT (3.11+): what
 * subtype_traverse visits for its attributes, in its order: the values
 * held without a dict (RC_ATTR_INSTANCE), and/or the dict once one
 * exists (RC_ATTR_DICT).  Nothing for other objects, or on 3.9/3.10. */
int rc_attrs_walk_managed(PyObject *obj, rc_attr_fn fn, void *arg);

/* The dict obj holds that its tp_traverse does not visit: on 3.13+, once
 * a dict shares an instance's inline values (vars(obj) made one), the
 * instance visits those values, not the dict, although it owns a
 * reference to it.  Borrowed; NULL when there is none (always before
 * 3.13). */
PyObject *rc_attrs_hidden_dict(PyObject *obj);

/* The dict at a type's tp_dictoffset, for types whose dict is not
 * managed (borrowed, NULL when there is none).  Never creates one. */
PyObject *rc_attrs_dict_at_offset(PyObject *obj);

/* The value of instance attribute 'name' of obj, from the dict or values
 * array it already has (borrowed), or NULL when absent.  Keys are
 * compared only when they are exact str: no __eq__ runs. */
PyObject *rc_attrs_find(PyObject *obj, const char *name);

/* The value of dict's entry whose key is the exact str 'name' (borrowed),
 * found by scanning, or NULL (also when dict is NULL or not a dict). */
PyObject *rc_attrs_dict_find(PyObject *dict, const char *name);

/* The tp_traverse of classes made by a class statement (CPython's static
 * subtype_traverse), found on two classes of the import system; NULL when
 * they are not where every interpreter puts them. */
traverseproc rc_attrs_subtype_traverse(void);

#endif
