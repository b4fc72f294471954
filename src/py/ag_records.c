/* ag_records.c - the records of an AnnotatedGraph: the AnnotatedVertex
 * and AnnotatedEdge types (declared in annotated.h), which compare and
 * hash by id. */
#include <Python.h>
#include <structmember.h>
#include <config.h>

#include "src/py/annotated.h"

#include "src/common/i18n.h"
#include "src/introspect/compat.h"
#include "src/py/analysis.h"

/* Records compare and hash by id, as refcycle's do. */
static PyObject *
record_richcompare(PyObject *a, PyObject *b, int op)
{
	if (Py_TYPE(a) != Py_TYPE(b) || (op != Py_EQ && op != Py_NE))
		Py_RETURN_NOTIMPLEMENTED;
	/* Both records start with the id field. */
	return PyObject_RichCompare(((rc_AnnotatedVertex *)a)->id,
				    ((rc_AnnotatedVertex *)b)->id, op);
}

static Py_hash_t
record_hash(PyObject *self)
{
	return PyObject_Hash(((rc_AnnotatedVertex *)self)->id);
}

static PyObject *
vertex_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = {"id", "annotation", "type_name", "size", "root", "allocated",
				 NULL};
	PyObject *id, *annotation, *type_name = NULL, *size = NULL, *root = NULL;
	PyObject *allocated = NULL;

	if (!PyArg_ParseTupleAndKeywords(args, kwds, "OO|$UO!OO:AnnotatedVertex", kwlist,
					 &id, &annotation, &type_name, &PyLong_Type, &size, &root,
					 &allocated))
		return NULL;
	if (allocated == Py_None)
		allocated = NULL;
	if (allocated != NULL && !PyUnicode_Check(allocated)) {
		PyErr_Format(PyExc_TypeError, _("allocated must be a str or None, not %.100s"),
			     Py_TYPE(allocated)->tp_name);
		return NULL;
	}
	if (root != NULL && root != Py_None && rc_root_kind_from_name(root) == RC_ROOT_NONE) {
		PyErr_SetString(PyExc_ValueError,
				_("root must be None, 'module', 'frame' or 'external'"));
		return NULL;
	}
	rc_AnnotatedVertex *v = (rc_AnnotatedVertex *)type->tp_alloc(type, 0);
	if (v != NULL) {
		v->id = Py_NewRef(id);
		v->annotation = Py_NewRef(annotation);
		/* Equal names share one object: type tallies key on it. */
		if (type_name != NULL) {
			Py_INCREF(type_name);
			PyUnicode_InternInPlace(&type_name);
		}
		v->type_name = type_name;
		v->size = Py_XNewRef(size);
		v->root = root == Py_None ? NULL : Py_XNewRef(root);
		v->allocated = Py_XNewRef(allocated);
	}
	return (PyObject *)v;
}

static int
vertex_traverse(rc_AnnotatedVertex *self, visitproc visit, void *arg)
{
	Py_VISIT(self->id);
	Py_VISIT(self->annotation);
	Py_VISIT(self->type_name);
	Py_VISIT(self->size);
	Py_VISIT(self->root);
	Py_VISIT(self->allocated);
	return 0;
}

static int
vertex_clear(rc_AnnotatedVertex *self)
{
	Py_CLEAR(self->id);
	Py_CLEAR(self->annotation);
	Py_CLEAR(self->type_name);
	Py_CLEAR(self->size);
	Py_CLEAR(self->root);
	Py_CLEAR(self->allocated);
	return 0;
}

static void
vertex_dealloc(rc_AnnotatedVertex *self)
{
	PyObject_GC_UnTrack(self);
	vertex_clear(self);
	Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
vertex_repr(rc_AnnotatedVertex *self)
{
	return PyUnicode_FromFormat("AnnotatedVertex(id=%R, annotation=%R)",
				    self->id, self->annotation);
}

static PyMemberDef vertex_members[] = {
	{"id", T_OBJECT_EX, offsetof(rc_AnnotatedVertex, id), 0, PyDoc_STR("The vertex id (id(obj) of the object it describes).")},
	{"annotation", T_OBJECT_EX, offsetof(rc_AnnotatedVertex, annotation), 0, PyDoc_STR("A short description of the object.")},
	{"type_name", T_OBJECT, offsetof(rc_AnnotatedVertex, type_name), READONLY,
	 PyDoc_STR("The object's type name, from a saved snapshot (else None).")},
	{"size", T_OBJECT, offsetof(rc_AnnotatedVertex, size), READONLY,
	 PyDoc_STR("The object's shallow size in bytes, from a saved snapshot (else None).")},
	{"root", T_OBJECT, offsetof(rc_AnnotatedVertex, root), READONLY,
	 PyDoc_STR("'module', 'frame' or 'external' if the object is a root, from a saved\n"
		   "snapshot; else None.")},
	{"allocated", T_OBJECT, offsetof(rc_AnnotatedVertex, allocated), READONLY,
	 PyDoc_STR("Where the object was allocated ('file:line'), when tracemalloc was tracing\n"
		   "as the snapshot was saved; else None.")},
	{NULL, 0, 0, 0, NULL}
};

PyTypeObject rc_AnnotatedVertex_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "refcycle.AnnotatedVertex",
	.tp_basicsize = sizeof(rc_AnnotatedVertex),
	.tp_dealloc = (destructor)vertex_dealloc,
	.tp_repr = (reprfunc)vertex_repr,
	.tp_hash = record_hash,
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
	.tp_doc = PyDoc_STR("AnnotatedVertex($self, /, id, annotation, *, type_name=None, size=None, root=None, allocated=None)\n--\n\n"
			    "A vertex of an AnnotatedGraph: the id and description of an object,\n"
			    "and in a loaded snapshot its type name, shallow size and root kind."),
	.tp_traverse = (traverseproc)vertex_traverse,
	.tp_clear = (inquiry)vertex_clear,
	.tp_richcompare = record_richcompare,
	.tp_members = vertex_members,
	.tp_new = vertex_new,
};

static PyObject *
edge_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = {"id", "annotation", "head", "tail", NULL};
	PyObject *id, *annotation, *head, *tail;

	if (!PyArg_ParseTupleAndKeywords(args, kwds, "OOOO:AnnotatedEdge", kwlist,
					 &id, &annotation, &head, &tail))
		return NULL;
	rc_AnnotatedEdge *e = (rc_AnnotatedEdge *)type->tp_alloc(type, 0);
	if (e != NULL) {
		e->id = Py_NewRef(id);
		e->annotation = Py_NewRef(annotation);
		e->head = Py_NewRef(head);
		e->tail = Py_NewRef(tail);
	}
	return (PyObject *)e;
}

static int
edge_traverse(rc_AnnotatedEdge *self, visitproc visit, void *arg)
{
	Py_VISIT(self->id);
	Py_VISIT(self->annotation);
	Py_VISIT(self->head);
	Py_VISIT(self->tail);
	return 0;
}

static int
edge_clear(rc_AnnotatedEdge *self)
{
	Py_CLEAR(self->id);
	Py_CLEAR(self->annotation);
	Py_CLEAR(self->head);
	Py_CLEAR(self->tail);
	return 0;
}

static void
edge_dealloc(rc_AnnotatedEdge *self)
{
	PyObject_GC_UnTrack(self);
	edge_clear(self);
	Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
edge_repr(rc_AnnotatedEdge *self)
{
	return PyUnicode_FromFormat("AnnotatedEdge(id=%R, annotation=%R, head=%R, tail=%R)",
				    self->id, self->annotation, self->head, self->tail);
}

static PyMemberDef edge_members[] = {
	{"id", T_OBJECT_EX, offsetof(rc_AnnotatedEdge, id), 0, PyDoc_STR("The edge id.")},
	{"annotation", T_OBJECT_EX, offsetof(rc_AnnotatedEdge, annotation), 0,
	 PyDoc_STR("What the reference is ('__self__', \"local 'job'\", ...), or None.")},
	{"head", T_OBJECT_EX, offsetof(rc_AnnotatedEdge, head), 0, PyDoc_STR("The id of the referent's vertex.")},
	{"tail", T_OBJECT_EX, offsetof(rc_AnnotatedEdge, tail), 0, PyDoc_STR("The id of the referrer's vertex.")},
	{NULL, 0, 0, 0, NULL}
};

PyTypeObject rc_AnnotatedEdge_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "refcycle.AnnotatedEdge",
	.tp_basicsize = sizeof(rc_AnnotatedEdge),
	.tp_dealloc = (destructor)edge_dealloc,
	.tp_repr = (reprfunc)edge_repr,
	.tp_hash = record_hash,
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
	.tp_doc = PyDoc_STR("AnnotatedEdge($self, /, id, annotation, head, tail)\n--\n\n"
			    "An edge of an AnnotatedGraph; head and tail are vertex ids."),
	.tp_traverse = (traverseproc)edge_traverse,
	.tp_clear = (inquiry)edge_clear,
	.tp_richcompare = record_richcompare,
	.tp_members = edge_members,
	.tp_new = edge_new,
};
