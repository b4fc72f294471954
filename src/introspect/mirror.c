/* mirror.c - the mirror's walk (mirror.h): what each tp_traverse visits,
 * read from the referrer's structure, in its order, with labels.
 *
 * Where the order cannot be known (fields read from the member table of a
 * type whose tp_traverse is not mirrored here), each such part is a group
 * of its own (see labels.c).  Nothing here runs Python code or allocates a
 * Python object: labels are rendered later, by labels.c. */
#include <Python.h>
#include <frameobject.h>
#include <structmember.h>
#include <config.h>

#include "src/introspect/mirror.h"

#include <string.h>

#include "src/introspect/attrs.h"
#include "src/introspect/compat.h"
#include "src/introspect/frames.h"
#include "src/introspect/mirror_compiled.h"
#include "src/introspect/mirror_iter.h"
#include "src/introspect/mirror_stdlib.h"

/* rc_attr_fn: dict entries and instance attributes. */
static int
attr_ref(PyObject *ref, enum rc_attr_ref what, PyObject *name, void *arg)
{
	struct rc_mirror *m = arg;

	switch (what) {
	case RC_ATTR_VALUE:
		return rc_mirror_put_value(m, ref, name);
	case RC_ATTR_KEY:
		return rc_mirror_put(m, ref, "key");
	case RC_ATTR_INSTANCE:
		return rc_mirror_put_attr(m, ref, name);
	case RC_ATTR_DICT:
		return rc_mirror_put(m, ref, "__dict__");
	}
	return 0;
}

/* mirror.h */
int
rc_mirror_walk_managed_dict(struct rc_mirror *m, PyObject *obj)
{
	return rc_attrs_walk_managed(obj, attr_ref, m) < 0 ? -1 : 0;
}

/* mirror.h */
int
rc_mirror_walk_dict(struct rc_mirror *m, PyObject *dict)
{
	/* -2: a layout this build does not know; reporting nothing leaves
	 * the entries unlabelled. */
	return rc_attrs_walk_dict(dict, attr_ref, m) == -1 ? -1 : 0;
}

/* -------------------------------------------------------------- frames */

/* A generator's names for the code and frame object it holds, and for
 * what it awaits. */
struct gen_names {
	const char *code, *frame, *await;
};

static const struct gen_names gen_names[] = {
	{"gi_code", "gi_frame", "gi_yieldfrom"},
	{"cr_code", "cr_frame", "cr_await"},
	{"ag_code", "ag_frame", "ag_await"},
};

struct frame_ctx {
	struct rc_mirror *m;
	const struct gen_names *gen;   /* NULL for a frame object */
	const char *await;             /* the name of what awaited is */
	PyObject *awaited;             /* the stack entry a suspended generator
					* awaits (delegates to), or NULL */
};

/* The names a generator's kind gives. */
static const struct gen_names *
names_of(PyObject *gen)
{
	if (PyCoro_CheckExact(gen))
		return &gen_names[1];
	return PyAsyncGen_CheckExact(gen) ? &gen_names[2] : &gen_names[0];
}

/* What a suspended generator delegates to (yield from, await): the
 * interpreter's own getter (gi_yieldfrom, cr_await, ag_await) finds it on
 * the stack, reading the frame and returning a new reference, or None.
 * Borrowed here (the generator holds it); NULL when there is none. */
static PyObject *
awaited_by(PyObject *gen, const char *name)
{
	PyTypeObject *tp = Py_TYPE(gen);

	if (!PyGen_CheckExact(gen) && !PyCoro_CheckExact(gen) && !PyAsyncGen_CheckExact(gen))
		return NULL;
	for (PyGetSetDef *gs = tp->tp_getset; gs != NULL && gs->name != NULL; gs++) {
		if (strcmp(gs->name, name) != 0 || gs->get == NULL)
			continue;
		PyObject *yf = gs->get(gen, gs->closure);
		if (yf == NULL) {
			PyErr_Clear();
			return NULL;
		}
		Py_DECREF(yf);   /* the generator's stack holds another */
		return yf == Py_None ? NULL : yf;
	}
	return NULL;
}

/* rc_frame_ref_fn: the attribute names of frames (and of generators, for
 * the frame they embed). */
static int
frame_ref(PyObject *ref, enum rc_frame_ref what, PyObject *name, void *arg)
{
	struct frame_ctx *c = arg;
	struct rc_mirror *m = c->m;

	switch (what) {
	case RC_FREF_BACK:
		return rc_mirror_put(m, ref, "f_back");
	case RC_FREF_CODE:
		return rc_mirror_put(m, ref, c->gen ? c->gen->code : "f_code");
	case RC_FREF_FUNC:
		return rc_mirror_put(m, ref, "f_func");
	case RC_FREF_GLOBALS:
		return rc_mirror_put(m, ref, "f_globals");
	case RC_FREF_BUILTINS:
		return rc_mirror_put(m, ref, "f_builtins");
	case RC_FREF_LOCALS:
		return rc_mirror_put(m, ref, "f_locals");
	case RC_FREF_TRACE:
		return rc_mirror_put(m, ref, "f_trace");
	case RC_FREF_FRAME:
		return rc_mirror_put(m, ref, c->gen ? c->gen->frame : NULL);
	case RC_FREF_LOCAL:
		return rc_mirror_put_local(m, ref, name);
	case RC_FREF_STACK:
		return rc_mirror_put(m, ref, ref == c->awaited ? c->await : NULL);
	}
	return 0;
}

static int
walk_frame(struct rc_mirror *m, PyObject *frame)
{
	struct frame_ctx c = {m, NULL, NULL, NULL};

#if PY_VERSION_HEX < 0x030B0000
	/* A generator's frame is an object of its own before 3.11: its stack
	 * holds what the generator awaits. */
	PyObject *gen = ((PyFrameObject *)frame)->f_gen;
	if (gen != NULL) {
		c.await = names_of(gen)->await;
		c.awaited = awaited_by(gen, c.await);
	}
#endif
	return rc_frames_walk(frame, frame_ref, &c) < 0 ? -1 : 0;
}

/* gen_traverse (also the coroutine's); async_gen_traverse first visits
 * the finalizer, which has no attribute. */
static int
walk_generator(struct rc_mirror *m, PyObject *obj, int async)
{
	PyGenObject *gen = (PyGenObject *)obj;   /* _PyGenObject_HEAD layout */
	struct frame_ctx c = {m, names_of(obj), NULL, NULL};

	c.await = c.gen->await;
	c.awaited = awaited_by(obj, c.await);

#if PY_VERSION_HEX >= 0x030B0000
	if (async)
		RC_MIRROR_TRY(rc_mirror_put(m, ((PyAsyncGenObject *)obj)->ag_origin_or_finalizer, NULL));
# if PY_VERSION_HEX < 0x030C0000
	RC_MIRROR_TRY(rc_mirror_put(m, (PyObject *)gen->gi_code, c.gen->code));
# endif
	RC_MIRROR_TRY(rc_mirror_put(m, gen->gi_name, "__name__"));
	RC_MIRROR_TRY(rc_mirror_put(m, gen->gi_qualname, "__qualname__"));
	RC_MIRROR_TRY(rc_frames_walk_embedded(obj, frame_ref, &c) < 0 ? -1 : 0);
	RC_MIRROR_TRY(rc_mirror_put(m, gen->gi_exc_state.exc_value, NULL));
#else
	if (async)
		RC_MIRROR_TRY(rc_mirror_put(m, ((PyAsyncGenObject *)obj)->ag_finalizer, NULL));
	RC_MIRROR_TRY(rc_mirror_put(m, (PyObject *)gen->gi_frame, c.gen->frame));
	RC_MIRROR_TRY(rc_mirror_put(m, gen->gi_code, c.gen->code));
	RC_MIRROR_TRY(rc_mirror_put(m, gen->gi_name, "__name__"));
	RC_MIRROR_TRY(rc_mirror_put(m, gen->gi_qualname, "__qualname__"));
	RC_MIRROR_TRY(rc_mirror_put(m, gen->gi_exc_state.exc_type, NULL));
	RC_MIRROR_TRY(rc_mirror_put(m, gen->gi_exc_state.exc_value, NULL));
	RC_MIRROR_TRY(rc_mirror_put(m, gen->gi_exc_state.exc_traceback, NULL));
#endif
	return 0;
}

/* --------------------------------------------------------- other builtins */

/* func_traverse */
static int
walk_function(struct rc_mirror *m, PyFunctionObject *f)
{
	RC_MIRROR_TRY(rc_mirror_put(m, f->func_code, "__code__"));
	RC_MIRROR_TRY(rc_mirror_put(m, f->func_globals, "__globals__"));
#if PY_VERSION_HEX >= 0x030A0000
	RC_MIRROR_TRY(rc_mirror_put(m, f->func_builtins, "__builtins__"));
#endif
	RC_MIRROR_TRY(rc_mirror_put(m, f->func_module, "__module__"));
	RC_MIRROR_TRY(rc_mirror_put(m, f->func_defaults, "__defaults__"));
	RC_MIRROR_TRY(rc_mirror_put(m, f->func_kwdefaults, "__kwdefaults__"));
	RC_MIRROR_TRY(rc_mirror_put(m, f->func_doc, "__doc__"));
	RC_MIRROR_TRY(rc_mirror_put(m, f->func_name, "__name__"));
	RC_MIRROR_TRY(rc_mirror_put(m, f->func_dict, "__dict__"));
	RC_MIRROR_TRY(rc_mirror_put(m, f->func_closure, "__closure__"));
	RC_MIRROR_TRY(rc_mirror_put(m, f->func_annotations, "__annotations__"));
#if PY_VERSION_HEX >= 0x030C0000
	RC_MIRROR_TRY(rc_mirror_put(m, f->func_typeparams, "__type_params__"));
#endif
	RC_MIRROR_TRY(rc_mirror_put(m, f->func_qualname, "__qualname__"));
	return 0;
}

/* type_traverse (heap types only: static types are not gc objects).  It
 * does not visit ht_name, ht_qualname, ht_slots or tp_subclasses, so the
 * graph has no edge for them. */
static int
walk_type(struct rc_mirror *m, PyTypeObject *type)
{
	RC_MIRROR_TRY(rc_mirror_put(m, type->tp_dict, "__dict__"));
	RC_MIRROR_TRY(rc_mirror_put(m, type->tp_cache, NULL));
	RC_MIRROR_TRY(rc_mirror_put(m, type->tp_mro, "__mro__"));
	RC_MIRROR_TRY(rc_mirror_put(m, type->tp_bases, "__bases__"));
	RC_MIRROR_TRY(rc_mirror_put(m, (PyObject *)type->tp_base, "__base__"));
	if (type->tp_flags & Py_TPFLAGS_HEAPTYPE)   /* PyType_FromModuleAndSpec's */
		RC_MIRROR_TRY(rc_mirror_put(m, ((PyHeapTypeObject *)type)->ht_module, "defining module"));
	return 0;
}

/* BaseException_traverse (the other exception types visit their own
 * fields first, then call it). */
static int
walk_exception(struct rc_mirror *m, PyObject *obj)
{
	PyBaseExceptionObject *e = (PyBaseExceptionObject *)obj;

	RC_MIRROR_TRY(rc_mirror_put(m, e->dict, "__dict__"));
	RC_MIRROR_TRY(rc_mirror_put(m, e->args, "args"));
#if PY_VERSION_HEX >= 0x030B0000
	RC_MIRROR_TRY(rc_mirror_put(m, e->notes, "__notes__"));
#endif
	RC_MIRROR_TRY(rc_mirror_put(m, e->traceback, "__traceback__"));
	RC_MIRROR_TRY(rc_mirror_put(m, e->cause, "__cause__"));
	RC_MIRROR_TRY(rc_mirror_put(m, e->context, "__context__"));
	return 0;
}

/* list_traverse and tupletraverse visit the last item first, but the
 * labels go in index order: only the order among references to the same
 * object matters, and those are interchangeable, so [x, x] reads item[0],
 * item[1] as one expects. */
static int
walk_items(struct rc_mirror *m, PyObject *const *items, Py_ssize_t n)
{
	for (Py_ssize_t i = 0; i < n; i++)
		RC_MIRROR_TRY(rc_mirror_put_item(m, items[i], i));
	return 0;
}

static int
walk_set(struct rc_mirror *m, PyObject *set)
{
	PySetObject *so = (PySetObject *)set;

	/* Every element has the same label: the order does not matter.  The
	 * table's dummy entries are never wanted (not reachable from Python). */
	for (Py_ssize_t i = 0; i <= so->mask; i++)
		RC_MIRROR_TRY(rc_mirror_put(m, so->table[i].key, "element"));
	return 0;
}

/* visitproc for a C module's m_traverse: its state's references. */
static int
state_visit(PyObject *ref, void *arg)
{
	return rc_mirror_put(arg, ref, "module state") < 0 ? -1 : 0;
}

static int
walk_module(struct rc_mirror *m, PyObject *module)
{
	/* module_traverse: the C module's m_traverse (its state; the module's
	 * own C code, as the traversal itself runs it), then the dict. */
	PyModuleDef *def = PyModule_GetDef(module);
	if (def == NULL)
		PyErr_Clear();
	else if (def->m_traverse != NULL
		 && (def->m_size <= 0 || PyModule_GetState(module) != NULL)
		 && def->m_traverse(module, state_visit, m) != 0)
		return -1;
	RC_MIRROR_TRY(rc_mirror_put(m, PyModule_GetDict(module), "__dict__"));
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
walk_generic(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
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
			rc_mirror_new_group(m);
			if (slots && md->type == T_OBJECT_EX)
				RC_MIRROR_TRY(rc_mirror_put_slot(m, v, md->name));
			else
				RC_MIRROR_TRY(rc_mirror_put(m, v, md->name));
		}
	}
	if (tp->tp_dictoffset <= 0 || claim(&seen, tp->tp_dictoffset)) {
		rc_mirror_new_group(m);
		RC_MIRROR_TRY(rc_mirror_put(m, rc_attrs_dict_at_offset(obj), "__dict__"));
	}
#ifdef Py_TPFLAGS_MANAGED_DICT
	/* A C type's own managed dict (3.12+); a subclass's is the subclass's
	 * part of the walk. */
	if (tp->tp_flags & Py_TPFLAGS_MANAGED_DICT) {
		rc_mirror_new_group(m);
		RC_MIRROR_TRY(rc_mirror_walk_managed_dict(m, obj));
	}
#endif
	if (exception) {
		rc_mirror_new_group(m);
		RC_MIRROR_TRY(walk_exception(m, obj));
	}
	if (PyDict_Check(obj)) {
		rc_mirror_new_group(m);
		RC_MIRROR_TRY(rc_mirror_walk_dict(m, obj));
	}
	RC_MIRROR_TRY(rc_mirror_cython_function(m, obj, tp));
	/* A heap type's tp_traverse visits the object's class. */
	if (tp->tp_flags & Py_TPFLAGS_HEAPTYPE) {
		rc_mirror_new_group(m);
		RC_MIRROR_TRY(rc_mirror_put(m, (PyObject *)Py_TYPE(obj), "__class__"));
	}
	return 0;
}

static int walk_traverse(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp);

/* traverse_slots: the __slots__ of one class of the chain. */
static int
walk_slots(struct rc_mirror *m, PyObject *obj, PyTypeObject *type)
{
	/* PyHeapType_GET_MEMBERS: the slots follow the type object. */
	PyMemberDef *md = (PyMemberDef *)((char *)type + Py_TYPE(type)->tp_basicsize);

	for (Py_ssize_t i = 0; i < Py_SIZE(type); i++, md++)
		if (md->type == T_OBJECT_EX)
			RC_MIRROR_TRY(rc_mirror_put_slot(m, *(PyObject **)((char *)obj + md->offset), md->name));
	return 0;
}

/* subtype_traverse, the tp_traverse of classes made by a class statement:
 * the __slots__ of each such class up the chain, then the attributes
 * (values or dict), the class, then the first other base's traverse. */
static int
walk_subtype(struct rc_mirror *m, PyObject *obj, traverseproc subtype_traverse)
{
	PyTypeObject *type = Py_TYPE(obj), *base = type;

	while (base != NULL && base->tp_traverse == subtype_traverse) {
		if (Py_SIZE(base))
			RC_MIRROR_TRY(walk_slots(m, obj, base));
		base = base->tp_base;
	}
	if (base == NULL)
		return 0;
#ifdef Py_TPFLAGS_MANAGED_DICT
	/* A C base with a managed dict of its own (3.13's Future) visits it
	 * itself. */
	if (type->tp_flags & Py_TPFLAGS_MANAGED_DICT) {
		if (!(base->tp_flags & Py_TPFLAGS_MANAGED_DICT))
			RC_MIRROR_TRY(rc_mirror_walk_managed_dict(m, obj));
	} else
#endif
	if (type->tp_dictoffset != base->tp_dictoffset)
		RC_MIRROR_TRY(rc_mirror_put(m, rc_attrs_dict_at_offset(obj), "__dict__"));
	if (base->tp_traverse == NULL || !(base->tp_flags & Py_TPFLAGS_HEAPTYPE))
		RC_MIRROR_TRY(rc_mirror_put(m, (PyObject *)type, "__class__"));
	return base->tp_traverse ? walk_traverse(m, obj, base) : 0;
}

/* What tp's tp_traverse visits in obj (an instance of tp or a subclass). */
static int
walk_traverse(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	traverseproc tr = tp->tp_traverse;
	traverseproc subtype_traverse = rc_attrs_subtype_traverse();

	if (tr == NULL)
		return 0;
	if (subtype_traverse != NULL && tr == subtype_traverse)
		return walk_subtype(m, obj, subtype_traverse);
	if (tr == PyDict_Type.tp_traverse)
		return rc_mirror_walk_dict(m, obj);
	if (tr == PyList_Type.tp_traverse)
		return walk_items(m, ((PyListObject *)obj)->ob_item, PyList_GET_SIZE(obj));
	if (tr == PyTuple_Type.tp_traverse)
		return walk_items(m, ((PyTupleObject *)obj)->ob_item, PyTuple_GET_SIZE(obj));
	if (tr == PySet_Type.tp_traverse || tr == PyFrozenSet_Type.tp_traverse)
		return walk_set(m, obj);
	if (tr == PyFunction_Type.tp_traverse)
		return walk_function(m, (PyFunctionObject *)obj);
	if (tr == PyMethod_Type.tp_traverse) {
		RC_MIRROR_TRY(rc_mirror_put(m, PyMethod_GET_FUNCTION(obj), "__func__"));
		return rc_mirror_put(m, PyMethod_GET_SELF(obj), "__self__");
	}
	if (tr == PyCell_Type.tp_traverse)
		return rc_mirror_put(m, PyCell_GET(obj), "cell_contents");
	if (tr == PyFrame_Type.tp_traverse)
		return walk_frame(m, obj);
	if (tr == PyType_Type.tp_traverse)
		return walk_type(m, (PyTypeObject *)obj);
	if (tr == PyModule_Type.tp_traverse)
		return walk_module(m, obj);
	if (tr == _PyWeakref_RefType.tp_traverse)   /* also the proxies' */
		return rc_mirror_put(m, ((PyWeakReference *)obj)->wr_callback, "__callback__");
	if (tr == ((PyTypeObject *)PyExc_BaseException)->tp_traverse)
		return walk_exception(m, obj);
	if (tr == PyTraceBack_Type.tp_traverse) {
		RC_MIRROR_TRY(rc_mirror_put(m, (PyObject *)((PyTracebackObject *)obj)->tb_next, "tb_next"));
		return rc_mirror_put(m, (PyObject *)((PyTracebackObject *)obj)->tb_frame, "tb_frame");
	}
	if (tr == PyGen_Type.tp_traverse || tr == PyCoro_Type.tp_traverse)
		return walk_generator(m, obj, 0);
	if (tr == PyAsyncGen_Type.tp_traverse)
		return walk_generator(m, obj, 1);
	if (tr == PyCFunction_Type.tp_traverse) {
		PyCFunctionObject *f = (PyCFunctionObject *)obj;
		RC_MIRROR_TRY(rc_mirror_put(m, (PyObject *)PyCFunction_GET_CLASS(obj), "defining class"));
		RC_MIRROR_TRY(rc_mirror_put(m, f->m_self, "__self__"));
		return rc_mirror_put(m, f->m_module, "__module__");
	}
	if (tr == PyMethodDescr_Type.tp_traverse)   /* every descriptor's */
		return rc_mirror_put(m, (PyObject *)PyDescr_TYPE(obj), "__objclass__");
	int known = rc_mirror_walk_stdlib(m, obj, tp);
	if (known == 0)
		known = rc_mirror_walk_iterator(m, obj, tp);
	if (known == 0)
		known = rc_mirror_walk_mypyc(m, obj, tp);
	if (known != 0)
		return known < 0 ? -1 : 0;
	return walk_generic(m, obj, tp);
}

/* mirror.h; after tp_traverse's references, the hidden ones
 * (rc_capture_visit_hidden): a running frame's are walk_frame's. */
int
rc_mirror_walk(struct rc_mirror *m, PyObject *obj)
{
	RC_MIRROR_TRY(walk_traverse(m, obj, Py_TYPE(obj)));
	return rc_mirror_put(m, rc_attrs_hidden_dict(obj), "__dict__");
}
