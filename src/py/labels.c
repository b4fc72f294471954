/* labels.c - edge labels (see labels.h).
 *
 * Two passes over the referrer.  The real one runs its tp_traverse (and,
 * for a running frame, rc_frames_visit_hidden: what the capture runs) and
 * counts the visits of each wanted referent.  The mirror reads the
 * referrer's structure and reports the same references in the same order,
 * each with its label.  The k-th visit of a referent gets the k-th label
 * the mirror reported for it, but only when the mirror accounts for as
 * many visits of that referent as the traversal made: otherwise one of
 * them is a reference the mirror does not know, which could be any of
 * them, and every edge to that referent gets None.
 *
 * Where the mirror cannot know the order (fields read from the member
 * table of a type whose tp_traverse is not mirrored here), each such part
 * is a group of its own, and a referent reported from several groups gets
 * labels only when they are all the same.
 *
 * Label forms: refcycle's (key, value[<repr(key)>], item[i], element,
 * attribute names of builtin fields, local 'name'), plus ".name" for an
 * instance attribute held outside any dict (__slots__, and on 3.11+ values
 * kept by the object while it has no __dict__): the dot reads as attribute
 * access and cannot be mistaken for a builtin field or a dict entry.
 * References that have no Python-visible name (evaluation stack entries, a
 * generator's saved exception, a module's C state) are known but get None.
 *
 * Nothing here runs Python code or creates a gc-tracked object while it
 * holds pointers borrowed from the referrer: it creates only str objects
 * (which never trigger a collection) and C arrays. */
#include <Python.h>
#include <frameobject.h>
#include <structmember.h>
#include <config.h>

#include "labels.h"

#include <stdlib.h>

#include "addrmap.h"
#include "attrs.h"
#include "compat.h"
#include "frames.h"

/* Longest label, in characters (longer ones end in "..."). */
#define LABEL_MAX 200

/* ------------------------------------------------------------ the mirror */

/* How a reported label reads; rendered only when handed out. */
enum form {
	F_NONE,    /* a reference with no name: None */
	F_TEXT,    /* u.text */
	F_ITEM,    /* item[u.index] */
	F_VALUE,   /* value[<repr of the key u.name>] */
	F_ATTR,    /* .<u.name>, a str */
	F_SLOT,    /* .<u.text> */
	F_LOCAL    /* local <repr of u.name>, a str */
};

/* Names are borrowed from the referrer: they stay valid while no Python
 * code runs, which holds from the mirror's walk until the labels are
 * rendered (rendering creates only str objects). */
struct found {
	uint32_t head;     /* index of the referent among the wanted ones */
	uint32_t group;    /* 0: the traversal's own order; else a part of
			    * unknown position */
	enum form form;
	union {
		const char *text;
		Py_ssize_t index;
		PyObject *name;
	} u;
};

struct mirror {
	void *const *heads;      /* wanted referents (repeats allowed) */
	uint32_t nheads;
	struct rc_addrmap map;   /* referent -> index of its first occurrence */
	struct found *found;     /* what the mirror reported, in order */
	size_t len, cap;
	uint32_t group;          /* group of what is reported now */
	uint32_t ngroups;        /* groups handed out */
};

#define TRY(call) \
	do { \
		if ((call) < 0) \
			return -1; \
	} while (0)

static uint32_t
wanted(const struct mirror *m, PyObject *ref)
{
	return ref == NULL ? RC_NONE : rc_addrmap_find(&m->map, m->heads, ref);
}

/* Start a part of unknown position. */
static void
new_group(struct mirror *m)
{
	m->group = ++m->ngroups;
}

/* Report ref (if wanted) as f; f.head and f.group are filled in here. */
static int
report(struct mirror *m, PyObject *ref, struct found f)
{
	uint32_t h = wanted(m, ref);

	if (h == RC_NONE)
		return 0;
	if (m->len == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 16;
		struct found *more = realloc(m->found, cap * sizeof *more);
		if (more == NULL) {
			PyErr_NoMemory();
			return -1;
		}
		m->found = more;
		m->cap = cap;
	}
	f.head = h;
	f.group = m->group;
	m->found[m->len++] = f;
	return 0;
}

/* Report ref under a fixed label (NULL: a reference without a name). */
static int
put(struct mirror *m, PyObject *ref, const char *text)
{
	struct found f = {.form = text ? F_TEXT : F_NONE, .u.text = text};
	return report(m, ref, f);
}

static int
put_item(struct mirror *m, PyObject *ref, Py_ssize_t i)
{
	struct found f = {.form = F_ITEM, .u.index = i};
	return report(m, ref, f);
}

/* A dict value under key (NULL: unknown key). */
static int
put_value(struct mirror *m, PyObject *ref, PyObject *key)
{
	struct found f = {.form = key ? F_VALUE : F_NONE, .u.name = key};
	return report(m, ref, f);
}

/* An instance attribute held outside any dict, named by a str. */
static int
put_attr(struct mirror *m, PyObject *ref, PyObject *name)
{
	int known = name != NULL && PyUnicode_CheckExact(name);
	struct found f = {.form = known ? F_ATTR : F_NONE, .u.name = name};
	return report(m, ref, f);
}

/* A __slots__ member. */
static int
put_slot(struct mirror *m, PyObject *ref, const char *name)
{
	struct found f = {.form = name ? F_SLOT : F_NONE, .u.text = name};
	return report(m, ref, f);
}

/* A frame's local variable, cell or free variable. */
static int
put_local(struct mirror *m, PyObject *ref, PyObject *name)
{
	int known = name != NULL && PyUnicode_CheckExact(name);
	struct found f = {.form = known ? F_LOCAL : F_NONE, .u.name = name};
	return report(m, ref, f);
}

/* Cut label (a new reference, consumed) to LABEL_MAX characters. */
static PyObject *
capped(PyObject *label)
{
	if (label == NULL || PyUnicode_GET_LENGTH(label) <= LABEL_MAX)
		return label;
	PyObject *head = PyUnicode_Substring(label, 0, LABEL_MAX - 3);
	Py_DECREF(label);
	if (head == NULL)
		return NULL;
	PyObject *cut = PyUnicode_FromFormat("%U...", head);
	Py_DECREF(head);
	return cut;
}

/* ------------------------------------------------------------ dict keys */

static int
is_scalar(PyObject *o)
{
	return PyUnicode_CheckExact(o) || PyLong_CheckExact(o) || PyFloat_CheckExact(o)
		|| PyComplex_CheckExact(o) || PyBytes_CheckExact(o) || PyBool_Check(o)
		|| o == Py_None;
}

/* repr() of a builtin scalar, whose repr runs no user code; long str and
 * bytes are cut first (the label is capped anyway).  NULL without an
 * exception when there is no cheap repr (an int too long to print). */
static PyObject *
scalar_repr(PyObject *o)
{
	PyObject *part = NULL;

	if (PyLong_CheckExact(o) && _PyLong_NumBits(o) > 4 * LABEL_MAX)
		return NULL;
	if (PyUnicode_CheckExact(o) && PyUnicode_GET_LENGTH(o) > LABEL_MAX)
		o = part = PyUnicode_Substring(o, 0, LABEL_MAX);
	else if (PyBytes_CheckExact(o) && PyBytes_GET_SIZE(o) > LABEL_MAX)
		o = part = PyBytes_FromStringAndSize(PyBytes_AS_STRING(o), LABEL_MAX);
	if (o == NULL)
		return NULL;
	PyObject *r = PyObject_Repr(o);
	Py_XDECREF(part);
	return r;
}

/* repr() of a tuple of scalars, built here: tuple.__repr__ would create a
 * list in the thread state (Py_ReprEnter).  NULL without an exception for
 * other tuples. */
static PyObject *
tuple_repr(PyObject *t)
{
	Py_ssize_t n = PyTuple_GET_SIZE(t);

	if (n > 8)
		return NULL;
	for (Py_ssize_t i = 0; i < n; i++)
		if (!is_scalar(PyTuple_GET_ITEM(t, i)))
			return NULL;
	PyObject *r = PyUnicode_FromString("(");
	for (Py_ssize_t i = 0; r != NULL && i < n; i++) {
		PyObject *item = scalar_repr(PyTuple_GET_ITEM(t, i));
		PyObject *more = item ? PyUnicode_FromFormat("%U%s%U", r, i ? ", " : "", item)
			: NULL;
		Py_XDECREF(item);
		Py_SETREF(r, more);
	}
	if (r != NULL)
		Py_SETREF(r, PyUnicode_FromFormat("%U%s)", r, n == 1 ? "," : ""));
	return r;
}

/* How a dict key shows in value[...]: repr() for builtin scalars and
 * tuples of them, else type and address (a user __repr__ must not run). */
static PyObject *
key_repr(PyObject *key)
{
	PyObject *r = NULL;

	if (is_scalar(key))
		r = scalar_repr(key);
	else if (PyTuple_CheckExact(key))
		r = tuple_repr(key);
	if (r != NULL || PyErr_Occurred())
		return r;
	return PyUnicode_FromFormat("<%s object at %p>", Py_TYPE(key)->tp_name, (void *)key);
}

/* The label f reads as: a new str, or a new reference to None.  NULL with
 * an exception on memory errors. */
static PyObject *
render(const struct found *f)
{
	PyObject *r, *label = NULL;

	switch (f->form) {
	case F_NONE:
		return Py_NewRef(Py_None);
	case F_TEXT:
		label = PyUnicode_FromString(f->u.text);
		break;
	case F_ITEM:
		label = PyUnicode_FromFormat("item[%zd]", f->u.index);
		break;
	case F_VALUE:
		r = key_repr(f->u.name);
		label = r ? PyUnicode_FromFormat("value[%U]", r) : NULL;
		Py_XDECREF(r);
		break;
	case F_ATTR:
		label = PyUnicode_FromFormat(".%U", f->u.name);
		break;
	case F_SLOT:
		label = PyUnicode_FromFormat(".%s", f->u.text);
		break;
	case F_LOCAL:
		label = PyUnicode_FromFormat("local %R", f->u.name);
		break;
	}
	return capped(label);
}

/* rc_attr_fn: dict entries and instance attributes. */
static int
attr_ref(PyObject *ref, enum rc_attr_ref what, PyObject *name, void *arg)
{
	struct mirror *m = arg;

	switch (what) {
	case RC_ATTR_VALUE:
		return put_value(m, ref, name);
	case RC_ATTR_KEY:
		return put(m, ref, "key");
	case RC_ATTR_INSTANCE:
		return put_attr(m, ref, name);
	case RC_ATTR_DICT:
		return put(m, ref, "__dict__");
	}
	return 0;
}

static int
walk_dict(struct mirror *m, PyObject *dict)
{
	/* -2: a layout this build does not know; reporting nothing leaves
	 * the entries unlabelled. */
	return rc_attrs_walk_dict(dict, attr_ref, m) == -1 ? -1 : 0;
}

/* -------------------------------------------------------------- frames */

/* A generator's names for the code and frame object it holds. */
struct gen_names {
	const char *code, *frame;
};

static const struct gen_names gen_names[] = {
	{"gi_code", "gi_frame"}, {"cr_code", "cr_frame"}, {"ag_code", "ag_frame"},
};

struct frame_ctx {
	struct mirror *m;
	const struct gen_names *gen;   /* NULL for a frame object */
};

/* rc_frame_ref_fn: the attribute names of frames (and of generators, for
 * the frame they embed). */
static int
frame_ref(PyObject *ref, enum rc_frame_ref what, PyObject *name, void *arg)
{
	struct frame_ctx *c = arg;
	struct mirror *m = c->m;

	switch (what) {
	case RC_FREF_BACK:
		return put(m, ref, "f_back");
	case RC_FREF_CODE:
		return put(m, ref, c->gen ? c->gen->code : "f_code");
	case RC_FREF_FUNC:
		return put(m, ref, "f_func");
	case RC_FREF_GLOBALS:
		return put(m, ref, "f_globals");
	case RC_FREF_BUILTINS:
		return put(m, ref, "f_builtins");
	case RC_FREF_LOCALS:
		return put(m, ref, "f_locals");
	case RC_FREF_TRACE:
		return put(m, ref, "f_trace");
	case RC_FREF_FRAME:
		return put(m, ref, c->gen ? c->gen->frame : NULL);
	case RC_FREF_LOCAL:
		return put_local(m, ref, name);
	case RC_FREF_STACK:
		return put(m, ref, NULL);
	}
	return 0;
}

static int
walk_frame(struct mirror *m, PyObject *frame)
{
	struct frame_ctx c = {m, NULL};

	return rc_frames_walk(frame, frame_ref, &c) < 0 ? -1 : 0;
}

/* gen_traverse (also the coroutine's); async_gen_traverse first visits
 * the finalizer, which has no attribute. */
static int
walk_generator(struct mirror *m, PyObject *obj, int async)
{
	PyGenObject *gen = (PyGenObject *)obj;   /* _PyGenObject_HEAD layout */
	struct frame_ctx c = {m, &gen_names[PyCoro_CheckExact(obj) ? 1 : async ? 2 : 0]};

#if PY_VERSION_HEX >= 0x030B0000
	if (async)
		TRY(put(m, ((PyAsyncGenObject *)obj)->ag_origin_or_finalizer, NULL));
# if PY_VERSION_HEX < 0x030C0000
	TRY(put(m, (PyObject *)gen->gi_code, c.gen->code));
# endif
	TRY(put(m, gen->gi_name, "__name__"));
	TRY(put(m, gen->gi_qualname, "__qualname__"));
	TRY(rc_frames_walk_embedded(obj, frame_ref, &c) < 0 ? -1 : 0);
	TRY(put(m, gen->gi_exc_state.exc_value, NULL));
#else
	if (async)
		TRY(put(m, ((PyAsyncGenObject *)obj)->ag_finalizer, NULL));
	TRY(put(m, (PyObject *)gen->gi_frame, c.gen->frame));
	TRY(put(m, gen->gi_code, c.gen->code));
	TRY(put(m, gen->gi_name, "__name__"));
	TRY(put(m, gen->gi_qualname, "__qualname__"));
	TRY(put(m, gen->gi_exc_state.exc_type, NULL));
	TRY(put(m, gen->gi_exc_state.exc_value, NULL));
	TRY(put(m, gen->gi_exc_state.exc_traceback, NULL));
#endif
	return 0;
}

/* --------------------------------------------------------- other builtins */

/* func_traverse */
static int
walk_function(struct mirror *m, PyFunctionObject *f)
{
	TRY(put(m, f->func_code, "__code__"));
	TRY(put(m, f->func_globals, "__globals__"));
#if PY_VERSION_HEX >= 0x030A0000
	TRY(put(m, f->func_builtins, "__builtins__"));
#endif
	TRY(put(m, f->func_module, "__module__"));
	TRY(put(m, f->func_defaults, "__defaults__"));
	TRY(put(m, f->func_kwdefaults, "__kwdefaults__"));
	TRY(put(m, f->func_doc, "__doc__"));
	TRY(put(m, f->func_name, "__name__"));
	TRY(put(m, f->func_dict, "__dict__"));
	TRY(put(m, f->func_closure, "__closure__"));
	TRY(put(m, f->func_annotations, "__annotations__"));
#if PY_VERSION_HEX >= 0x030C0000
	TRY(put(m, f->func_typeparams, "__type_params__"));
#endif
	TRY(put(m, f->func_qualname, "__qualname__"));
	return 0;
}

/* type_traverse (heap types only: static types are not gc objects).  It
 * does not visit ht_name, ht_qualname, ht_slots or tp_subclasses, so the
 * graph has no edge for them. */
static int
walk_type(struct mirror *m, PyTypeObject *type)
{
	TRY(put(m, type->tp_dict, "__dict__"));
	TRY(put(m, type->tp_cache, NULL));
	TRY(put(m, type->tp_mro, "__mro__"));
	TRY(put(m, type->tp_bases, "__bases__"));
	TRY(put(m, (PyObject *)type->tp_base, "__base__"));
	if (type->tp_flags & Py_TPFLAGS_HEAPTYPE)
		TRY(put(m, ((PyHeapTypeObject *)type)->ht_module, NULL));
	return 0;
}

/* BaseException_traverse (the other exception types visit their own
 * fields first, then call it). */
static int
walk_exception(struct mirror *m, PyObject *obj)
{
	PyBaseExceptionObject *e = (PyBaseExceptionObject *)obj;

	TRY(put(m, e->dict, "__dict__"));
	TRY(put(m, e->args, "args"));
#if PY_VERSION_HEX >= 0x030B0000
	TRY(put(m, e->notes, "__notes__"));
#endif
	TRY(put(m, e->traceback, "__traceback__"));
	TRY(put(m, e->cause, "__cause__"));
	TRY(put(m, e->context, "__context__"));
	return 0;
}

/* list_traverse and tupletraverse visit the last item first, but the
 * labels go in index order: only the order among references to the same
 * object matters, and those are interchangeable, so [x, x] reads item[0],
 * item[1] as one expects. */
static int
walk_items(struct mirror *m, PyObject *const *items, Py_ssize_t n)
{
	for (Py_ssize_t i = 0; i < n; i++)
		TRY(put_item(m, items[i], i));
	return 0;
}

static int
walk_set(struct mirror *m, PyObject *set)
{
	PySetObject *so = (PySetObject *)set;

	/* Every element has the same label: the order does not matter.  The
	 * table's dummy entries are never wanted (not reachable from Python). */
	for (Py_ssize_t i = 0; i <= so->mask; i++)
		TRY(put(m, so->table[i].key, "element"));
	return 0;
}

static int
walk_module(struct mirror *m, PyObject *module)
{
	/* module_traverse: the C module's m_traverse (its state, whose
	 * references have no names), then the dict. */
	new_group(m);
	TRY(put(m, PyModule_GetDict(module), "__dict__"));
	return 0;
}

/* Members of type T_OBJECT or T_OBJECT_EX, the kinds that hold an object. */
static int
holds_object(const PyMemberDef *md)
{
#ifdef Py_RELATIVE_OFFSET
	if (md->flags & Py_RELATIVE_OFFSET)
		return 0;
#endif
	return md->type == T_OBJECT || md->type == T_OBJECT_EX;
}

#define MAX_FIELDS 64

struct offsets {
	Py_ssize_t at[MAX_FIELDS];
	int n;
};

/* 1 the first time offset is claimed (or when the table is full). */
static int
claim(struct offsets *o, Py_ssize_t offset)
{
	for (int i = 0; i < o->n; i++)
		if (o->at[i] == offset)
			return 0;
	if (o->n < MAX_FIELDS)
		o->at[o->n++] = offset;
	return 1;
}

/* A type whose tp_traverse is not mirrored here: what it may visit, each
 * part of unknown position.  Fields named in member tables (partial.func,
 * property.fget, OSError.filename ...), the instance dict, the standard
 * exception fields, dict entries, and the class. */
static int
walk_generic(struct mirror *m, PyObject *obj, PyTypeObject *tp)
{
	struct offsets seen = {.n = 0};
	int exception = PyExceptionInstance_Check(obj);
	Py_ssize_t size = Py_TYPE(obj)->tp_basicsize;

	if (exception) {
		claim(&seen, offsetof(PyBaseExceptionObject, dict));
		claim(&seen, offsetof(PyBaseExceptionObject, args));
		claim(&seen, offsetof(PyBaseExceptionObject, traceback));
		claim(&seen, offsetof(PyBaseExceptionObject, context));
		claim(&seen, offsetof(PyBaseExceptionObject, cause));
	}
	for (PyTypeObject *t = tp; t != NULL; t = t->tp_base) {
		/* A class statement's __slots__ hold user attributes. */
		int slots = (t->tp_flags & Py_TPFLAGS_HEAPTYPE)
			&& ((PyHeapTypeObject *)t)->ht_slots != NULL;
		for (PyMemberDef *md = t->tp_members; md != NULL && md->name != NULL; md++) {
			if (!holds_object(md) || md->offset < (Py_ssize_t)sizeof(PyObject)
			    || md->offset > size - (Py_ssize_t)sizeof(PyObject *)
			    || !claim(&seen, md->offset))
				continue;
			PyObject *v = *(PyObject **)((char *)obj + md->offset);
			new_group(m);
			if (slots && md->type == T_OBJECT_EX)
				TRY(put_slot(m, v, md->name));
			else
				TRY(put(m, v, md->name));
		}
	}
	if (tp->tp_dictoffset <= 0 || claim(&seen, tp->tp_dictoffset)) {
		new_group(m);
		TRY(put(m, rc_attrs_dict_at_offset(obj), "__dict__"));
	}
#ifdef Py_TPFLAGS_MANAGED_DICT
	/* A C type's own managed dict (3.12+); a subclass's is the subclass's
	 * part of the walk. */
	if (tp->tp_flags & Py_TPFLAGS_MANAGED_DICT) {
		new_group(m);
		TRY(rc_attrs_walk_managed(obj, attr_ref, m) < 0 ? -1 : 0);
	}
#endif
	if (exception) {
		new_group(m);
		TRY(walk_exception(m, obj));
	}
	if (PyDict_Check(obj)) {
		new_group(m);
		TRY(walk_dict(m, obj));
	}
	/* A heap type's tp_traverse visits the object's class. */
	if (tp->tp_flags & Py_TPFLAGS_HEAPTYPE) {
		new_group(m);
		TRY(put(m, (PyObject *)Py_TYPE(obj), "__class__"));
	}
	return 0;
}

static int walk_traverse(struct mirror *m, PyObject *obj, PyTypeObject *tp);

/* traverse_slots: the __slots__ of one class of the chain. */
static int
walk_slots(struct mirror *m, PyObject *obj, PyTypeObject *type)
{
	/* PyHeapType_GET_MEMBERS: the slots follow the type object. */
	PyMemberDef *md = (PyMemberDef *)((char *)type + Py_TYPE(type)->tp_basicsize);

	for (Py_ssize_t i = 0; i < Py_SIZE(type); i++, md++)
		if (md->type == T_OBJECT_EX)
			TRY(put_slot(m, *(PyObject **)((char *)obj + md->offset), md->name));
	return 0;
}

/* subtype_traverse, the tp_traverse of classes made by a class statement:
 * the __slots__ of each such class up the chain, then the attributes
 * (values or dict), the class, then the first other base's traverse. */
static int
walk_subtype(struct mirror *m, PyObject *obj, traverseproc subtype_traverse)
{
	PyTypeObject *type = Py_TYPE(obj), *base = type;

	while (base != NULL && base->tp_traverse == subtype_traverse) {
		if (Py_SIZE(base))
			TRY(walk_slots(m, obj, base));
		base = base->tp_base;
	}
	if (base == NULL)
		return 0;
#ifdef Py_TPFLAGS_MANAGED_DICT
	if (type->tp_flags & Py_TPFLAGS_MANAGED_DICT)
		TRY(rc_attrs_walk_managed(obj, attr_ref, m) < 0 ? -1 : 0);
	else
#endif
	if (type->tp_dictoffset != base->tp_dictoffset)
		TRY(put(m, rc_attrs_dict_at_offset(obj), "__dict__"));
	if (base->tp_traverse == NULL || !(base->tp_flags & Py_TPFLAGS_HEAPTYPE))
		TRY(put(m, (PyObject *)type, "__class__"));
	return base->tp_traverse ? walk_traverse(m, obj, base) : 0;
}

/* What tp's tp_traverse visits in obj (an instance of tp or a subclass). */
static int
walk_traverse(struct mirror *m, PyObject *obj, PyTypeObject *tp)
{
	traverseproc tr = tp->tp_traverse;
	traverseproc subtype_traverse = rc_attrs_subtype_traverse();

	if (tr == NULL)
		return 0;
	if (subtype_traverse != NULL && tr == subtype_traverse)
		return walk_subtype(m, obj, subtype_traverse);
	if (tr == PyDict_Type.tp_traverse)
		return walk_dict(m, obj);
	if (tr == PyList_Type.tp_traverse)
		return walk_items(m, ((PyListObject *)obj)->ob_item, PyList_GET_SIZE(obj));
	if (tr == PyTuple_Type.tp_traverse)
		return walk_items(m, ((PyTupleObject *)obj)->ob_item, PyTuple_GET_SIZE(obj));
	if (tr == PySet_Type.tp_traverse || tr == PyFrozenSet_Type.tp_traverse)
		return walk_set(m, obj);
	if (tr == PyFunction_Type.tp_traverse)
		return walk_function(m, (PyFunctionObject *)obj);
	if (tr == PyMethod_Type.tp_traverse) {
		TRY(put(m, PyMethod_GET_FUNCTION(obj), "__func__"));
		return put(m, PyMethod_GET_SELF(obj), "__self__");
	}
	if (tr == PyCell_Type.tp_traverse)
		return put(m, PyCell_GET(obj), "cell_contents");
	if (tr == PyFrame_Type.tp_traverse)
		return walk_frame(m, obj);
	if (tr == PyType_Type.tp_traverse)
		return walk_type(m, (PyTypeObject *)obj);
	if (tr == PyModule_Type.tp_traverse)
		return walk_module(m, obj);
	if (tr == _PyWeakref_RefType.tp_traverse)   /* also the proxies' */
		return put(m, ((PyWeakReference *)obj)->wr_callback, "__callback__");
	if (tr == ((PyTypeObject *)PyExc_BaseException)->tp_traverse)
		return walk_exception(m, obj);
	if (tr == PyTraceBack_Type.tp_traverse) {
		TRY(put(m, (PyObject *)((PyTracebackObject *)obj)->tb_next, "tb_next"));
		return put(m, (PyObject *)((PyTracebackObject *)obj)->tb_frame, "tb_frame");
	}
	if (tr == PyGen_Type.tp_traverse || tr == PyCoro_Type.tp_traverse)
		return walk_generator(m, obj, 0);
	if (tr == PyAsyncGen_Type.tp_traverse)
		return walk_generator(m, obj, 1);
	if (tr == PyCFunction_Type.tp_traverse) {
		PyCFunctionObject *f = (PyCFunctionObject *)obj;
		TRY(put(m, (PyObject *)PyCFunction_GET_CLASS(obj), NULL));
		TRY(put(m, f->m_self, "__self__"));
		return put(m, f->m_module, "__module__");
	}
	if (tr == PyMethodDescr_Type.tp_traverse)   /* every descriptor's */
		return put(m, (PyObject *)PyDescr_TYPE(obj), "__objclass__");
	return walk_generic(m, obj, tp);
}

/* ------------------------------------------------------------ matching */

struct labelling {
	struct mirror m;
	uint32_t *visits;    /* [first occurrence] visits by the traversal */
	uint32_t *start;     /* [first occurrence] its labels in byhead[] */
	uint32_t *count;     /* [first occurrence] labels the mirror reported */
	uint32_t *key;       /* [i] first occurrence of heads[i] */
	struct found **byhead;
	uint8_t *ok;         /* [first occurrence] labels can be handed out */
};

static int
count_visit(PyObject *ref, void *arg)
{
	struct labelling *l = arg;
	uint32_t h = wanted(&l->m, ref);

	if (h != RC_NONE)
		l->visits[h]++;
	return 0;
}

/* 1 when a and b read the same, 0 when not, -1 on error. */
static int
same_label(const struct found *a, const struct found *b)
{
	if (a->form == F_NONE || b->form == F_NONE)
		return a->form == b->form;
	PyObject *x = render(a), *y = x ? render(b) : NULL;
	int same = y ? PyUnicode_Compare(x, y) == 0 : -1;
	Py_XDECREF(x);
	Py_XDECREF(y);
	return same;
}

/* The labels of one referent's visits can be handed out when they come
 * from one part of known order, or all read the same.  1, 0 or -1. */
static int
consistent(struct found *const *labels, uint32_t n)
{
	for (uint32_t i = 1; i < n; i++) {
		if (labels[i]->group == labels[0]->group)
			continue;
		int same = same_label(labels[0], labels[i]);
		if (same <= 0)
			return same;
	}
	return 1;
}

static void
labelling_free(struct labelling *l)
{
	free(l->m.found);
	rc_addrmap_free(&l->m.map);
	free(l->visits);
	free(l->start);
	free(l->count);
	free(l->key);
	free(l->byhead);
	free(l->ok);
	*l = (struct labelling){.m = {.found = NULL}};
}

/* Match the labels of every reference from referrer to heads[0..n-1].
 * 0, or -1 with an exception (l is freed then).  The labels refer to the
 * referrer's structure: render them before anything can run Python code. */
static int
labelling_run(struct labelling *l, PyObject *referrer, PyObject *const *heads, uint32_t n)
{
	size_t ncounts = n ? n : 1;

	*l = (struct labelling){.m = {.heads = (void *const *)heads, .nheads = n}};
	if (rc_addrmap_init(&l->m.map, n) != 0) {
		PyErr_NoMemory();
		return -1;
	}
	l->visits = calloc(ncounts, sizeof *l->visits);
	l->start = calloc(ncounts + 1, sizeof *l->start);
	l->count = calloc(ncounts, sizeof *l->count);
	l->key = malloc(ncounts * sizeof *l->key);
	l->ok = calloc(ncounts, 1);
	if (!l->visits || !l->start || !l->count || !l->key || !l->ok)
		goto nomem;
	for (uint32_t i = 0; i < n; i++) {
		l->key[i] = rc_addrmap_insert_unique(&l->m.map, l->m.heads, i);
		if (l->key[i] == RC_NONE)
			goto nomem;
	}

	/* What the capture records: tp_traverse, then a running frame's
	 * hidden references.  No Python code runs in either. */
	if (PyObject_IS_GC(referrer) && Py_TYPE(referrer)->tp_traverse != NULL)
		Py_TYPE(referrer)->tp_traverse(referrer, count_visit, l);
	if (PyFrame_Check(referrer))
		rc_frames_visit_hidden(referrer, count_visit, l);

	if (PyObject_IS_GC(referrer) && walk_traverse(&l->m, referrer, Py_TYPE(referrer)) < 0)
		goto error;

	/* Group the reported labels by referent, keeping their order. */
	for (size_t i = 0; i < l->m.len; i++)
		l->count[l->m.found[i].head]++;
	for (uint32_t h = 0; h < n; h++)
		l->start[h + 1] = l->start[h] + l->count[h];
	l->byhead = malloc((l->m.len ? l->m.len : 1) * sizeof *l->byhead);
	if (l->byhead == NULL)
		goto nomem;
	for (uint32_t h = 0; h < n; h++)
		l->count[h] = 0;
	for (size_t i = 0; i < l->m.len; i++) {
		uint32_t h = l->m.found[i].head;
		l->byhead[l->start[h] + l->count[h]++] = &l->m.found[i];
	}
	for (uint32_t h = 0; h < n; h++) {
		if (l->count[h] != l->visits[h])
			continue;
		int ok = consistent(l->byhead + l->start[h], l->count[h]);
		if (ok < 0)
			goto error;
		l->ok[h] = (uint8_t)ok;
	}
	return 0;

nomem:
	PyErr_NoMemory();
error:
	labelling_free(l);
	return -1;
}

/* The label of the occ-th visit of the referent whose first occurrence
 * is h: a new str, or a new reference to None; NULL on memory errors. */
static PyObject *
labelling_get(const struct labelling *l, uint32_t h, uint32_t occ)
{
	if (!l->ok[h] || occ >= l->count[h])
		return Py_NewRef(Py_None);
	return render(l->byhead[l->start[h] + occ]);
}

/* ---------------------------------------------------------------- API */

PyObject *
rc_label_edge(PyObject *referrer, PyObject *referent, uint32_t k)
{
	struct labelling l;

	if (labelling_run(&l, referrer, &referent, 1) < 0)
		return NULL;
	PyObject *label = labelling_get(&l, 0, k);
	labelling_free(&l);
	return label;
}

int
rc_labels_for_edges(PyObject *referrer, PyObject *const *heads, uint32_t n,
		    PyObject **out)
{
	struct labelling l;

	if (n == 0)
		return 0;
	if (labelling_run(&l, referrer, heads, n) < 0)
		return -1;
	/* Reuse visits[] as the running occurrence count of each referent. */
	for (uint32_t h = 0; h < n; h++)
		l.visits[h] = 0;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t h = l.key[i];
		out[i] = labelling_get(&l, h, l.visits[h]++);
		if (out[i] == NULL) {
			while (i > 0)
				Py_DECREF(out[--i]);
			labelling_free(&l);
			return -1;
		}
	}
	labelling_free(&l);
	return 0;
}

int
rc_labels_collect(PyObject *referrer, PyObject *referent, PyObject *list)
{
	struct labelling l;

	if (labelling_run(&l, referrer, &referent, 1) < 0)
		return -1;
	uint32_t n = l.visits[0];
	PyObject **labels = malloc((n ? n : 1) * sizeof *labels);
	if (labels == NULL) {
		labelling_free(&l);
		PyErr_NoMemory();
		return -1;
	}
	uint32_t made = 0;
	while (made < n && (labels[made] = labelling_get(&l, 0, made)) != NULL)
		made++;
	labelling_free(&l);
	/* Only now: PyList_Append may allocate and so run a collection. */
	int rc = made == n ? 0 : -1;
	for (uint32_t i = 0; i < made; i++) {
		if (rc == 0)
			rc = PyList_Append(list, labels[i]);
		Py_DECREF(labels[i]);
	}
	free(labels);
	return rc;
}
