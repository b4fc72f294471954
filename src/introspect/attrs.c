/* attrs.c - instance attributes and dict entries (see attrs.h).
 *
 * The dict layouts come from the interpreter's internal pycore_dict.h
 * (3.11+).  Its pycore_object.h, which says where a managed dict or values
 * array sits, cannot be included outside the core on 3.11 and 3.12: those
 * two layouts are restated below, as those versions define them. */
#include <Python.h>
#if PY_VERSION_HEX >= 0x030B0000
# define Py_BUILD_CORE 1
/* Outside the core cpython/objimpl.h makes _PyGC_FINALIZED a macro, which
 * clashes with the inline function of that name in pycore_gc.h (3.12). */
# undef _PyGC_FINALIZED
# pragma GCC diagnostic push
# pragma GCC diagnostic ignored "-Wunused-parameter"
# pragma GCC diagnostic ignored "-Wdeprecated-declarations"
# include <internal/pycore_dict.h>
# pragma GCC diagnostic pop
# undef Py_BUILD_CORE
#endif
#include <config.h>

#include "src/introspect/attrs.h"

#include <stdint.h>

/* Call fn on ref unless it is NULL; return fn's result if nonzero. */
#define REPORT(ref, what, name) \
	do { \
		PyObject *ref_ = (PyObject *)(ref); \
		if (ref_ != NULL) { \
			int err_ = fn(ref_, (what), (name), arg); \
			if (err_ != 0) \
				return err_; \
		} \
	} while (0)

PyObject *
rc_attrs_dict_find(PyObject *dict, const char *name)
{
	Py_ssize_t pos = 0;
	PyObject *key, *value;   /* borrowed; the loop runs no Python code */

	if (dict == NULL || !PyDict_Check(dict))
		return NULL;
	while (PyDict_Next(dict, &pos, &key, &value))
		if (PyUnicode_CheckExact(key)
		    && PyUnicode_CompareWithASCIIString(key, name) == 0)
			return value;
	return NULL;
}

#if PY_VERSION_HEX >= 0x030B0000

/* Key i of shared (or any str-keyed) keys, borrowed, or NULL. */
static PyObject *
key_name(PyDictKeysObject *keys, Py_ssize_t i)
{
	if (keys == NULL || keys->dk_kind == DICT_KEYS_GENERAL || i < 0
	    || i >= keys->dk_nentries)
		return NULL;
	return DK_UNICODE_ENTRIES(keys)[i].me_key;
}

/* The keys a class shares with its instances' values arrays. */
static PyDictKeysObject *
cached_keys(PyTypeObject *tp)
{
	if (!(tp->tp_flags & Py_TPFLAGS_HEAPTYPE))
		return NULL;
	return ((PyHeapTypeObject *)tp)->ht_cached_keys;
}

/* The order of dict_traverse in Objects/dictobject.c. */
int
rc_attrs_walk_dict(PyObject *dict, rc_attr_fn fn, void *arg)
{
	PyDictObject *mp = (PyDictObject *)dict;
	PyDictKeysObject *keys = mp->ma_keys;
	Py_ssize_t n = keys->dk_nentries;

	if (DK_IS_UNICODE(keys)) {
		PyDictUnicodeEntry *entries = DK_UNICODE_ENTRIES(keys);
		if (mp->ma_values != NULL) {
# if PY_VERSION_HEX >= 0x030D0000
			/* Values inline in an object: the object visits them. */
			if (mp->ma_values->embedded)
				return 0;
# endif
			for (Py_ssize_t i = 0; i < n; i++)
				REPORT(mp->ma_values->values[i], RC_ATTR_VALUE,
				       entries[i].me_key);
		} else {
			for (Py_ssize_t i = 0; i < n; i++)
				REPORT(entries[i].me_value, RC_ATTR_VALUE,
				       entries[i].me_key);
		}
	} else {
		PyDictKeyEntry *entries = DK_ENTRIES(keys);
		for (Py_ssize_t i = 0; i < n; i++) {
			if (entries[i].me_value == NULL)
				continue;
			REPORT(entries[i].me_value, RC_ATTR_VALUE, entries[i].me_key);
			REPORT(entries[i].me_key, RC_ATTR_KEY, NULL);
		}
	}
	return 0;
}

# if PY_VERSION_HEX >= 0x030D0000

/* PyObject_VisitManagedDict: the inline values while they are valid,
 * else the dict. */
int
rc_attrs_walk_managed(PyObject *obj, rc_attr_fn fn, void *arg)
{
	PyTypeObject *tp = Py_TYPE(obj);

	if (!(tp->tp_flags & Py_TPFLAGS_MANAGED_DICT))
		return 0;
	if (tp->tp_flags & Py_TPFLAGS_INLINE_VALUES) {
		PyDictValues *values = _PyObject_InlineValues(obj);
		if (values->valid) {
			PyDictKeysObject *keys = cached_keys(tp);
			for (Py_ssize_t i = 0; i < values->capacity; i++)
				REPORT(values->values[i], RC_ATTR_INSTANCE, key_name(keys, i));
			return 0;
		}
	}
	REPORT(_PyObject_ManagedDictPointer(obj)->dict, RC_ATTR_DICT, NULL);
	return 0;
}

/* The values array obj has (valid), or NULL; *dict its dict or NULL. */
static PyDictValues *
managed_parts(PyObject *obj, PyObject **dict)
{
	PyTypeObject *tp = Py_TYPE(obj);

	*dict = (PyObject *)_PyObject_ManagedDictPointer(obj)->dict;
	if (tp->tp_flags & Py_TPFLAGS_INLINE_VALUES) {
		PyDictValues *values = _PyObject_InlineValues(obj);
		if (values->valid)
			return values;
	}
	return NULL;
}

# elif PY_VERSION_HEX >= 0x030C0000

/* 3.12's pycore_object.h: one word three pointers before the object holds
 * either the dict or, tagged with bit 0, the values array. */
typedef union {
	PyObject *dict;
	char *values;
} rc_dict_or_values;

static PyDictValues *
managed_parts(PyObject *obj, PyObject **dict)
{
	rc_dict_or_values dorv = ((rc_dict_or_values *)obj)[-3];

	if ((uintptr_t)dorv.values & 1) {
		*dict = NULL;
		return (PyDictValues *)(dorv.values + 1);
	}
	*dict = dorv.dict;
	return NULL;
}

/* _PyObject_VisitManagedDict: values (as many as the shared keys have
 * entries), else the dict. */
int
rc_attrs_walk_managed(PyObject *obj, rc_attr_fn fn, void *arg)
{
	PyTypeObject *tp = Py_TYPE(obj);
	PyObject *dict;

	if (!(tp->tp_flags & Py_TPFLAGS_MANAGED_DICT))
		return 0;
	PyDictValues *values = managed_parts(obj, &dict);
	if (values != NULL) {
		PyDictKeysObject *keys = cached_keys(tp);
		if (keys == NULL)
			return 0;
		for (Py_ssize_t i = 0; i < keys->dk_nentries; i++)
			REPORT(values->values[i], RC_ATTR_INSTANCE, key_name(keys, i));
		return 0;
	}
	REPORT(dict, RC_ATTR_DICT, NULL);
	return 0;
}

# else  /* 3.11 */

/* 3.11's pycore_object.h: the values array pointer four pointers before
 * the object, the dict pointer three before it. */
static PyDictValues *
managed_parts(PyObject *obj, PyObject **dict)
{
	*dict = ((PyObject **)obj)[-3];
	return ((PyDictValues **)obj)[-4];
}

/* subtype_traverse: _PyObject_VisitInstanceAttributes (values, as many as
 * the shared keys have entries), then the dict pointer. */
int
rc_attrs_walk_managed(PyObject *obj, rc_attr_fn fn, void *arg)
{
	PyTypeObject *tp = Py_TYPE(obj);
	PyObject *dict;

	if (!(tp->tp_flags & Py_TPFLAGS_MANAGED_DICT))
		return 0;
	PyDictValues *values = managed_parts(obj, &dict);
	PyDictKeysObject *keys = cached_keys(tp);
	if (values != NULL && keys != NULL)
		for (Py_ssize_t i = 0; i < keys->dk_nentries; i++)
			REPORT(values->values[i], RC_ATTR_INSTANCE, key_name(keys, i));
	REPORT(dict, RC_ATTR_DICT, NULL);
	return 0;
}

# endif

PyObject *
rc_attrs_find(PyObject *obj, const char *name)
{
	PyTypeObject *tp = Py_TYPE(obj);

	if (!(tp->tp_flags & Py_TPFLAGS_MANAGED_DICT))
		return rc_attrs_dict_find(rc_attrs_dict_at_offset(obj), name);
	PyObject *dict;
	PyDictValues *values = managed_parts(obj, &dict);
	PyDictKeysObject *keys = cached_keys(tp);
	if (values != NULL) {
		Py_ssize_t n = keys ? keys->dk_nentries : 0;
# if PY_VERSION_HEX >= 0x030D0000
		if (n > values->capacity)
			n = values->capacity;
# endif
		for (Py_ssize_t i = 0; i < n; i++) {
			PyObject *key = key_name(keys, i);
			if (key != NULL && PyUnicode_CheckExact(key)
			    && PyUnicode_CompareWithASCIIString(key, name) == 0)
				return values->values[i];
		}
		return NULL;
	}
	return rc_attrs_dict_find(dict, name);
}

#else  /* 3.9, 3.10: no managed dicts; split tables iterate in key order */

static int
count_visit(PyObject *ref, void *arg)
{
	(void)ref;
	++*(Py_ssize_t *)arg;
	return 0;
}

/* dict_traverse visits keys only for dicts whose lookup function is the
 * generic one (keys other than str), which nothing public tells: count
 * its visits instead, len or 2 * len.  Split and combined tables both
 * visit in the order PyDict_Next iterates. */
int
rc_attrs_walk_dict(PyObject *dict, rc_attr_fn fn, void *arg)
{
	Py_ssize_t visits = 0, len = PyDict_GET_SIZE(dict);

	if (PyDict_Type.tp_traverse(dict, count_visit, &visits) != 0)
		return -2;
	if (visits != len && visits != 2 * len)
		return -2;
	int keys = visits == 2 * len;
	Py_ssize_t pos = 0;
	PyObject *key, *value;   /* borrowed; fn runs no Python code */
	while (PyDict_Next(dict, &pos, &key, &value)) {
		REPORT(value, RC_ATTR_VALUE, key);
		if (keys)
			REPORT(key, RC_ATTR_KEY, NULL);
	}
	return 0;
}

int
rc_attrs_walk_managed(PyObject *obj, rc_attr_fn fn, void *arg)
{
	(void)obj;
	(void)fn;
	(void)arg;
	return 0;
}

PyObject *
rc_attrs_find(PyObject *obj, const char *name)
{
	return rc_attrs_dict_find(rc_attrs_dict_at_offset(obj), name);
}

#endif

PyObject *
rc_attrs_dict_at_offset(PyObject *obj)
{
	PyTypeObject *tp = Py_TYPE(obj);

	if (tp->tp_dictoffset == 0)
		return NULL;
#ifdef Py_TPFLAGS_MANAGED_DICT
	/* _PyObject_GetDictPtr would create the dict of a managed one. */
	if (tp->tp_flags & Py_TPFLAGS_MANAGED_DICT)
		return NULL;
#endif
	/* Otherwise it only computes the address (negative offsets count from
	 * the end of a variable-size object). */
	PyObject **where = _PyObject_GetDictPtr(obj);
	return where ? *where : NULL;
}

/* A class of the import system, as a class statement makes it: a heap
 * type deriving directly from object, defined in _frozen_importlib. */
static int
is_import_class(PyTypeObject *tp)
{
	if (!(tp->tp_flags & Py_TPFLAGS_HEAPTYPE) || tp->tp_base != &PyBaseObject_Type
	    || tp->tp_traverse == NULL)
		return 0;
	PyObject *module = rc_attrs_dict_find(tp->tp_dict, "__module__");
	return module != NULL && PyUnicode_CheckExact(module)
		&& PyUnicode_CompareWithASCIIString(module, "_frozen_importlib") == 0;
}

/* builtins.__spec__ is a ModuleSpec and builtins.__loader__ the class
 * BuiltinImporter on 3.9 to 3.13: both class statements of
 * _frozen_importlib, so their instances' tp_traverse is subtype_traverse. */
static traverseproc
find_subtype_traverse(void)
{
	PyObject *builtins = rc_attrs_dict_find(PyImport_GetModuleDict(), "builtins");

	if (builtins == NULL || !PyModule_Check(builtins))
		return NULL;
	PyObject *dict = PyModule_GetDict(builtins);
	PyObject *spec = rc_attrs_dict_find(dict, "__spec__");
	PyObject *loader = rc_attrs_dict_find(dict, "__loader__");
	if (spec == NULL || loader == NULL || !PyType_Check(loader))
		return NULL;
	PyTypeObject *a = Py_TYPE(spec), *b = (PyTypeObject *)loader;
	if (!is_import_class(a) || !is_import_class(b) || a->tp_traverse != b->tp_traverse)
		return NULL;
	return a->tp_traverse;
}

traverseproc
rc_attrs_subtype_traverse(void)
{
	static int searched;
	static traverseproc found;

	if (!searched) {
		found = find_subtype_traverse();
		searched = 1;
	}
	return found;
}

PyObject *
rc_attrs_hidden_dict(PyObject *obj)
{
#if PY_VERSION_HEX >= 0x030D0000
	const unsigned long both = Py_TPFLAGS_MANAGED_DICT | Py_TPFLAGS_INLINE_VALUES;

	if ((Py_TYPE(obj)->tp_flags & both) == both && _PyObject_InlineValues(obj)->valid)
		return (PyObject *)_PyObject_ManagedDictPointer(obj)->dict;
#else
	(void)obj;
#endif
	return NULL;
}
