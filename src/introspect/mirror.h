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

/* Report what tp_traverse visits in obj, in its order, with labels. */
int rc_mirror_walk(struct rc_mirror *m, PyObject *obj);

#endif
