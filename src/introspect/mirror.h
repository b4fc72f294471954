/* mirror.h - the mirror of tp_traverse that labels references (labels.c).
 *
 * The walk (mirror.c) reads a referrer's structure and reports the
 * references its tp_traverse visits, in the same order, each with how its
 * label reads; labels.c matches them with the real traversal's visits and
 * renders the labels.  Internal to src/introspect. */
#ifndef RC_MIRROR_H
#define RC_MIRROR_H

#include <Python.h>
#include <stdint.h>
#include <stdlib.h>

#include "src/capture/addrmap.h"

/* How a reported label reads; rendered only when handed out. */
enum rc_mirror_form {
	RC_MIRROR_F_NONE,    /* a reference with no name: None */
	RC_MIRROR_F_TEXT,    /* u.text */
	RC_MIRROR_F_ITEM,    /* item[u.index] */
	RC_MIRROR_F_VALUE,   /* value[<repr of the key u.name>] */
	RC_MIRROR_F_ATTR,    /* .<u.name>, a str */
	RC_MIRROR_F_SLOT,    /* .<u.text> */
	RC_MIRROR_F_LOCAL    /* local <repr of u.name>, a str */
};

/* Names are borrowed from the referrer: they stay valid while no Python
 * code runs, which holds from the mirror's walk until the labels are
 * rendered (rendering creates only str objects). */
struct rc_mirror_found {
	uint32_t head;     /* index of the referent among the wanted ones */
	uint32_t group;    /* 0: the traversal's own order; else a part of
			    * unknown position */
	enum rc_mirror_form form;
	union {
		const char *text;
		Py_ssize_t index;
		PyObject *name;
	} u;
};

struct rc_mirror {
	void *const *heads;      /* wanted referents (repeats allowed) */
	uint32_t nheads;
	struct rc_addrmap map;   /* referent -> index of its first occurrence */
	struct rc_mirror_found *found;     /* what the mirror reported, in order */
	size_t len, cap;
	uint32_t group;          /* group of what is reported now */
	uint32_t ngroups;        /* groups handed out */
};

#define RC_MIRROR_TRY(call) \
	do { \
		if ((call) < 0) \
			return -1; \
	} while (0)

/* Index of ref among the wanted referents, or RC_NONE. */
static inline uint32_t
rc_mirror_wanted(const struct rc_mirror *m, PyObject *ref)
{
	return ref == NULL ? RC_NONE : rc_addrmap_find(&m->map, m->heads, ref);
}

/* Report ref (if wanted) as f; f.head and f.group are filled in here.
 * 0, or -1 with MemoryError. */
int rc_mirror_report(struct rc_mirror *m, PyObject *ref, struct rc_mirror_found f);

/* The reporting helpers every walker uses. */

/* Start a part of unknown position. */
static inline void
rc_mirror_new_group(struct rc_mirror *m)
{
	m->group = ++m->ngroups;
}

/* Report ref under a fixed label (NULL: a reference without a name). */
static inline int
rc_mirror_put(struct rc_mirror *m, PyObject *ref, const char *text)
{
	struct rc_mirror_found f = {.form = text ? RC_MIRROR_F_TEXT : RC_MIRROR_F_NONE, .u.text = text};
	return rc_mirror_report(m, ref, f);
}

static inline int
rc_mirror_put_item(struct rc_mirror *m, PyObject *ref, Py_ssize_t i)
{
	struct rc_mirror_found f = {.form = RC_MIRROR_F_ITEM, .u.index = i};
	return rc_mirror_report(m, ref, f);
}

/* A dict value under key (NULL: unknown key). */
static inline int
rc_mirror_put_value(struct rc_mirror *m, PyObject *ref, PyObject *key)
{
	struct rc_mirror_found f = {.form = key ? RC_MIRROR_F_VALUE : RC_MIRROR_F_NONE, .u.name = key};
	return rc_mirror_report(m, ref, f);
}

/* An instance attribute held outside any dict, named by a str. */
static inline int
rc_mirror_put_attr(struct rc_mirror *m, PyObject *ref, PyObject *name)
{
	int known = name != NULL && PyUnicode_CheckExact(name);
	struct rc_mirror_found f = {.form = known ? RC_MIRROR_F_ATTR : RC_MIRROR_F_NONE, .u.name = name};
	return rc_mirror_report(m, ref, f);
}

/* A __slots__ member. */
static inline int
rc_mirror_put_slot(struct rc_mirror *m, PyObject *ref, const char *name)
{
	struct rc_mirror_found f = {.form = name ? RC_MIRROR_F_SLOT : RC_MIRROR_F_NONE, .u.text = name};
	return rc_mirror_report(m, ref, f);
}

/* A frame's local variable, cell or free variable. */
static inline int
rc_mirror_put_local(struct rc_mirror *m, PyObject *ref, PyObject *name)
{
	int known = name != NULL && PyUnicode_CheckExact(name);
	struct rc_mirror_found f = {.form = known ? RC_MIRROR_F_LOCAL : RC_MIRROR_F_NONE, .u.name = name};
	return rc_mirror_report(m, ref, f);
}

/* A heap type's tp_traverse visits the object's class first
 * (Py_VISIT(Py_TYPE(self))): report it when tp is one. */
static inline int
rc_mirror_put_class(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	if (!(tp->tp_flags & Py_TPFLAGS_HEAPTYPE))
		return 0;
	return rc_mirror_put(m, (PyObject *)Py_TYPE(obj), "__class__");
}

/* What dict_traverse visits in dict (a dict or an instance of a
 * subclass), labelled as keys and values; nothing for a layout this
 * build does not know. */
int rc_mirror_walk_dict(struct rc_mirror *m, PyObject *dict);

/* What a managed dict visits (3.11+: the values held without a dict, or
 * the dict); nothing before 3.11. */
int rc_mirror_walk_managed_dict(struct rc_mirror *m, PyObject *obj);

/* Report what tp_traverse visits in obj, in its order, with labels. */
int rc_mirror_walk(struct rc_mirror *m, PyObject *obj);

#endif
