/* og_picture.h - a graph's picture in the house style (src/export/style.h):
 * the texts gathered from the objects (no user code), the vertices a
 * capped picture keeps, and what a subgraph remembers of the graph it was
 * taken from so that its picture marks the same roots and sizes. */
#ifndef RC_OG_PICTURE_H
#define RC_OG_PICTURE_H

#include <Python.h>
#include <stdint.h>

#include "src/common/buf.h"
#include "src/py/objectgraph.h"

/* What a subgraph knows of its source, for its picture. */
struct rc_picture_hints {
	uint32_t focus;      /* the vertex it was asked about, or RC_NONE */
	uint8_t *root;       /* n root kinds in the source graph */
	uint64_t *retained;  /* n retained sizes there, or NULL: not known */
};

/* sub (vertex i is src's nodes[i]) remembers src's root kinds, and its
 * retained sizes when src has its dominator tree (or remembers some).
 * 0, or -1 with MemoryError. */
int rc_picture_inherit(rc_ObjectGraph *sub, rc_ObjectGraph *src, const uint32_t *nodes,
		       uint32_t k);

/* sub's picture has its vertex v (the start of ancestors(), the object of
 * path_to_root(), ...) in focus unless told otherwise.  sub may be NULL
 * (a failed call): nothing happens. */
void rc_picture_set_focus(PyObject *sub, uint32_t v);

/* Release g's hints (og_clear). */
void rc_picture_hints_free(rc_ObjectGraph *g);

/* The picture's parameters, as export_image and _image_dot take them. */
struct rc_picture_args {
	PyObject *focus;       /* an object, a list/tuple of them, or None */
	PyObject *highlight;   /* the same, or None */
	PyObject *more_in;     /* {id(obj): count} of referrers left out, or None */
	PyObject *more_out;    /* the same for referents */
	Py_ssize_t max_nodes;  /* 0: no limit */
	Py_ssize_t too_many;   /* 0: no limit */
};

/* The picture of graph self as DOT text appended to out.  0, or -1 with
 * an exception (ValueError for a focus that is no vertex). */
int rc_picture_dot(PyObject *self, const struct rc_picture_args *pa, struct rc_buf *out);

/* ObjectGraph._image_dot(*, focus=None, highlight=None, more_in=None,
 * more_out=None, max_nodes=0, too_many=0): the picture's DOT text, as
 * export_image renders it (the objgraph habits compose theirs here). */
PyObject *rc_og_image_dot(PyObject *self, PyObject *args, PyObject *kwds);

#endif
