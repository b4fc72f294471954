/* mirror_iter.c - the mirror's walks of iterators (mirror_iter.h).
 *
 * Every one of these structs is the object header followed by
 * pointer-sized words (Py_ssize_t counters and object pointers), laid out
 * the same in 3.9-3.13 (Objects/iterobject.c and its kin, bltinmodule.c,
 * Modules/itertoolsmodule.c); fields added later go at the end, so each
 * row names the words that hold objects, and a word past the type's size
 * is not read.  Each reference is a different field, so the
 * order of the reports does not matter. */
#include <Python.h>
#include <config.h>

#include "src/introspect/mirror_iter.h"

#include <string.h>

#define MAX_WORDS 6

struct iterator_row {
	const char *name;                  /* tp_name */
	const char *words[MAX_WORDS];      /* label of each word after the
					    * header; NULL: not an object */
};

static const struct iterator_row rows[] = {
	{"map", {"iterators", "function"}},
	{"filter", {"function", "iterator"}},
	{"zip", {NULL, "iterators", "result"}},
	{"enumerate", {NULL, "iterator", "result", "index"}},
	{"list_iterator", {NULL, "sequence"}},
	{"list_reverseiterator", {NULL, "sequence"}},
	{"tuple_iterator", {NULL, "sequence"}},
	{"iterator", {NULL, "sequence"}},
	{"callable_iterator", {"callable", "sentinel"}},
	{"set_iterator", {"set"}},
	{"dict_keyiterator", {"dict", NULL, NULL, "result"}},
	{"dict_valueiterator", {"dict", NULL, NULL, "result"}},
	{"dict_itemiterator", {"dict", NULL, NULL, "result"}},
	{"dict_reversekeyiterator", {"dict", NULL, NULL, "result"}},
	{"dict_reversevalueiterator", {"dict", NULL, NULL, "result"}},
	{"dict_reverseitemiterator", {"dict", NULL, NULL, "result"}},
	{"itertools.chain", {"source", "active"}},
	{"itertools.cycle", {"iterator", "saved"}},
	{"itertools.islice", {"iterator"}},
	{"itertools._tee", {"data"}},
	{"itertools.groupby", {"iterator", "key function", "target key", "current key",
			       "current value"}},
	{"itertools._grouper", {"parent", "target key"}},
	{"itertools.zip_longest", {NULL, NULL, "iterators", "result", "fillvalue"}},
	{"itertools.product", {"pools", NULL, "result"}},
	{"itertools.combinations", {"pool", NULL, "result"}},
	{"itertools.permutations", {"pool", NULL, NULL, "result"}},
	{"itertools.accumulate", {"total", "iterator", "function", "initial"}},
	{"itertools.starmap", {"function", "iterator"}},
	{"itertools.filterfalse", {"function", "iterator"}},
	{"itertools.takewhile", {"function", "iterator"}},
	{"itertools.dropwhile", {"function", "iterator"}},
	{"itertools.compress", {"data", "selectors"}},
	{"itertools.repeat", {"element"}},
	{"itertools.pairwise", {"iterator", "old", "result"}},
};

/* Words the type has after the header. */
static size_t
words_in(PyTypeObject *tp)
{
	Py_ssize_t size = tp->tp_basicsize - (Py_ssize_t)sizeof(PyObject);

	return size > 0 ? (size_t)size / sizeof(void *) : 0;
}

static const struct iterator_row *
find_row(PyTypeObject *tp)
{
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (strcmp(rows[i].name, tp->tp_name) == 0)
			return &rows[i];
	return NULL;
}

/* mirror_iter.h */
int
rc_mirror_walk_iterator(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	const struct iterator_row *row = find_row(tp);

	if (row == NULL)
		return 0;
	RC_MIRROR_TRY(rc_mirror_put_class(m, obj, tp));
	/* A word the type is too small for is a field an earlier version
	 * did not have yet (pairwise's result before 3.12). */
	PyObject **word = (PyObject **)((char *)obj + sizeof(PyObject));
	size_t n = words_in(tp);
	for (size_t i = 0; i < MAX_WORDS && i < n; i++)
		if (row->words[i] != NULL)
			RC_MIRROR_TRY(rc_mirror_put(m, word[i], row->words[i]));
	return 1;
}
