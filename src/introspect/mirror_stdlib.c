/* mirror_stdlib.c - the mirror's walks of the standard library's C types
 * (mirror_stdlib.h): functools' lru_cache, asyncio's Future and Task,
 * contextvars and the hamt behind them, abc's caches, TextIOWrapper,
 * collections' deque and OrderedDict, mappingproxy and method-wrapper.
 *
 * Their structs are private to CPython, so each is written out here for
 * every version 3.9-3.13 (read from each version's source) and used only
 * when the type's tp_basicsize is the one that layout gives: a build of
 * some other layout falls back to the generic walk (its references get
 * their places), never to a wrong read.  Only the order among references
 * to one referent matters to labels.c, but each walk follows its type's
 * tp_traverse anyway.  Types that are heap types visit their class first
 * (Py_VISIT(Py_TYPE(self))), as every one of these does when it is one. */
#include <Python.h>
#include <config.h>

#include "src/introspect/mirror_stdlib.h"

#include <string.h>

#include "src/introspect/compat.h"
#include "src/introspect/stdlib_layouts.h"

/* ------------------------------------------------------------------ abc */

/* _abc._abc_data (Modules/_abc.c): the registry, the cache and the
 * negative cache (sets of weak references). */
struct abc_data {
	PyObject_HEAD
	PyObject *registry, *cache, *negative_cache;
};

static int
walk_abc_data(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	struct abc_data *d = (struct abc_data *)obj;

	RC_MIRROR_TRY(rc_mirror_put_class(m, obj, tp));
	RC_MIRROR_TRY(rc_mirror_put(m, d->registry, "_abc_registry"));
	RC_MIRROR_TRY(rc_mirror_put(m, d->cache, "_abc_cache"));
	return rc_mirror_put(m, d->negative_cache, "_abc_negative_cache");
}

/* ------------------------------------------------------------ lru_cache */

/* The links, each key then result (3.10+: then the link's class, which
 * is the entry type the wrapper also holds).  A corrupt list cannot loop
 * for ever: there are never more links than cache entries. */
static int
walk_lru_links(struct rc_mirror *m, struct rc_lru_cache *c)
{
	Py_ssize_t left = c->cache && PyDict_Check(c->cache) ? PyDict_GET_SIZE(c->cache) : 0;

	for (struct rc_lru_link *link = c->root.next; link != &c->root && left-- > 0;
	     link = link->next) {
		RC_MIRROR_TRY(rc_mirror_put(m, link->key, "cache key"));
		RC_MIRROR_TRY(rc_mirror_put(m, link->result, "cache result"));
#if RC_V310
		RC_MIRROR_TRY(rc_mirror_put(m, (PyObject *)Py_TYPE(link), "cache entry type"));
#endif
	}
	return 0;
}

static int
walk_lru_cache(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	struct rc_lru_cache *c = (struct rc_lru_cache *)obj;

	RC_MIRROR_TRY(rc_mirror_put_class(m, obj, tp));
	RC_MIRROR_TRY(walk_lru_links(m, c));
#if RC_V310
	RC_MIRROR_TRY(rc_mirror_put(m, c->cache, "cache"));
	RC_MIRROR_TRY(rc_mirror_put(m, c->func, "__wrapped__"));
	RC_MIRROR_TRY(rc_mirror_put(m, c->kwd_mark, "kwd_mark"));
	RC_MIRROR_TRY(rc_mirror_put(m, (PyObject *)c->lru_list_elem_type, "cache entry type"));
#else
	RC_MIRROR_TRY(rc_mirror_put(m, c->func, "__wrapped__"));
	RC_MIRROR_TRY(rc_mirror_put(m, c->cache, "cache"));
#endif
	RC_MIRROR_TRY(rc_mirror_put(m, c->cache_info_type, "cache_info type"));
	return rc_mirror_put(m, c->dict, "__dict__");
}

/* ------------------------------------------------------------- asyncio */

/* FutureObj_traverse, after the class. */
static int
walk_future_fields(struct rc_mirror *m, PyObject *obj)
{
	struct rc_future *f = (struct rc_future *)obj;

	RC_MIRROR_TRY(rc_mirror_put(m, f->loop, "_loop"));
	RC_MIRROR_TRY(rc_mirror_put(m, f->callback0, "callback"));
	RC_MIRROR_TRY(rc_mirror_put(m, f->context0, "callback context"));
	RC_MIRROR_TRY(rc_mirror_put(m, f->callbacks, "_callbacks"));
	RC_MIRROR_TRY(rc_mirror_put(m, f->result, "_result"));
	RC_MIRROR_TRY(rc_mirror_put(m, f->exception, "_exception"));
#if RC_V310
	RC_MIRROR_TRY(rc_mirror_put(m, f->exception_tb, "_exception_tb"));
#endif
	RC_MIRROR_TRY(rc_mirror_put(m, f->source_tb, "_source_traceback"));
	RC_MIRROR_TRY(rc_mirror_put(m, f->cancel_msg, "_cancel_message"));
#if RC_V311
	RC_MIRROR_TRY(rc_mirror_put(m, f->cancelled_exc, "_cancelled_exc"));
#else
	RC_MIRROR_TRY(rc_mirror_put(m, f->cancelled_exc_type, "_cancelled_exc"));
	RC_MIRROR_TRY(rc_mirror_put(m, f->cancelled_exc_value, "_cancelled_exc"));
	RC_MIRROR_TRY(rc_mirror_put(m, f->cancelled_exc_tb, "_cancelled_exc"));
#endif
#if RC_V313
	return rc_mirror_walk_managed_dict(m, obj);
#else
	return rc_mirror_put(m, f->dict, "__dict__");
#endif
}

static int
walk_future(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	RC_MIRROR_TRY(rc_mirror_put_class(m, obj, tp));
	return walk_future_fields(m, obj);
}

static int
walk_task(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	struct rc_task *t = (struct rc_task *)obj;

	RC_MIRROR_TRY(rc_mirror_put_class(m, obj, tp));
	RC_MIRROR_TRY(rc_mirror_put(m, t->context, "_context"));
	RC_MIRROR_TRY(rc_mirror_put(m, t->coro, "_coro"));
	RC_MIRROR_TRY(rc_mirror_put(m, t->name, "_name"));
	RC_MIRROR_TRY(rc_mirror_put(m, t->fut_waiter, "_fut_waiter"));
	return walk_future_fields(m, obj);
}

/* FutureIter (what awaiting a future holds), and 3.9-3.11's callables
 * that wake or step a task (3.12+ uses builtin methods, whose m_self is
 * already __self__). */
struct one_ref {
	PyObject_HEAD
	PyObject *first, *second;
};

static int
walk_future_iter(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	RC_MIRROR_TRY(rc_mirror_put_class(m, obj, tp));
	return rc_mirror_put(m, ((struct one_ref *)obj)->first, "future");
}

static int
walk_task_wakeup(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	(void)tp;
	return rc_mirror_put(m, ((struct one_ref *)obj)->first, "__self__");
}

static int
walk_task_step(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	(void)tp;
	RC_MIRROR_TRY(rc_mirror_put(m, ((struct one_ref *)obj)->first, "__self__"));
	return rc_mirror_put(m, ((struct one_ref *)obj)->second, "argument");
}

/* --------------------------------------------------------- contextvars */

/* Include/internal/pycore_context.h and pycore_hamt.h (3.9-3.13). */
struct context {
	PyObject_HEAD
	PyObject *prev, *vars;
};

struct context_token {
	PyObject_HEAD
	PyObject *ctx, *var, *oldval;
};

struct hamt {
	PyObject_HEAD
	PyObject *root;
};

struct hamt_pairs {
	PyObject_VAR_HEAD
	uint32_t bitmap_or_hash;
	PyObject *array[1];
};

#define HAMT_ARRAY_NODE_SIZE 32

struct hamt_array {
	PyObject_HEAD
	PyObject *array[HAMT_ARRAY_NODE_SIZE];
};

static int
walk_context(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	(void)tp;
	RC_MIRROR_TRY(rc_mirror_put(m, ((struct context *)obj)->prev, "previous context"));
	return rc_mirror_put(m, ((struct context *)obj)->vars, "variables");
}

static int
walk_context_var(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	struct rc_context_var *v = (struct rc_context_var *)obj;

	(void)tp;
	RC_MIRROR_TRY(rc_mirror_put(m, v->name, "name"));
	RC_MIRROR_TRY(rc_mirror_put(m, v->dflt, "default"));
	return rc_mirror_put(m, v->cached, "cached value");
}

static int
walk_context_token(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	struct context_token *t = (struct context_token *)obj;

	(void)tp;
	RC_MIRROR_TRY(rc_mirror_put(m, t->ctx, "context"));
	RC_MIRROR_TRY(rc_mirror_put(m, t->var, "var"));
	return rc_mirror_put(m, t->oldval, "old_value");
}

static int
walk_hamt(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	(void)tp;
	return rc_mirror_put(m, ((struct hamt *)obj)->root, "root");
}

/* A bitmap or collision node: (key, value) pairs, where a bitmap node's
 * pair with no key holds a node below it. */
static int
walk_hamt_pairs(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	struct hamt_pairs *node = (struct hamt_pairs *)obj;

	(void)tp;
	for (Py_ssize_t i = 0; i + 1 < Py_SIZE(obj); i += 2) {
		PyObject *key = node->array[i], *value = node->array[i + 1];
		if (key == NULL) {
			RC_MIRROR_TRY(rc_mirror_put(m, value, "node"));
			continue;
		}
		RC_MIRROR_TRY(rc_mirror_put(m, key, "key"));
		RC_MIRROR_TRY(rc_mirror_put_value(m, value, key));
	}
	return 0;
}

static int
walk_hamt_array(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	(void)tp;
	for (int i = 0; i < HAMT_ARRAY_NODE_SIZE; i++)
		RC_MIRROR_TRY(rc_mirror_put(m, ((struct hamt_array *)obj)->array[i], "node"));
	return 0;
}

/* --------------------------------------------------------- collections */

/* Modules/_collectionsmodule.c: items in blocks of 64 between two links. */
#define DEQUE_BLOCKLEN 64

struct deque_block {
	struct deque_block *leftlink;
	PyObject *data[DEQUE_BLOCKLEN];
	struct deque_block *rightlink;
};

struct deque {
	PyObject_VAR_HEAD
	struct deque_block *leftblock, *rightblock;
	Py_ssize_t leftindex, rightindex;
};

static int
walk_deque(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	struct deque *d = (struct deque *)obj;
	struct deque_block *b = d->leftblock;
	Py_ssize_t index = d->leftindex;

	RC_MIRROR_TRY(rc_mirror_put_class(m, obj, tp));
	if (index < 0 || index >= DEQUE_BLOCKLEN)
		return 0;
	for (Py_ssize_t i = 0; i < Py_SIZE(obj) && b != NULL; i++) {
		RC_MIRROR_TRY(rc_mirror_put_item(m, b->data[index], i));
		if (++index == DEQUE_BLOCKLEN) {
			b = b->rightlink;
			index = 0;
		}
	}
	return 0;
}

/* odict_traverse: the instance dict, each key again (its node's), then
 * the dict's own entries.  Every key reads "key", so the nodes' order
 * does not matter: the dict's keys stand for them. */
static int
walk_ordered_dict(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	PyObject *key, *value;
	Py_ssize_t pos = 0;

	if (tp->tp_dictoffset > 0)
		RC_MIRROR_TRY(rc_mirror_put(m, *(PyObject **)((char *)obj + tp->tp_dictoffset),
					    "__dict__"));
	while (PyDict_Next(obj, &pos, &key, &value))
		RC_MIRROR_TRY(rc_mirror_put(m, key, "key"));
	return rc_mirror_walk_dict(m, obj);
}

/* ------------------------------------------------------------------ io */

/* Modules/_io/textio.c (3.9-3.13; 3.12 adds the module state). */
struct textio {
	PyObject_HEAD
	int ok, detached;
	Py_ssize_t chunk_size;
	PyObject *buffer, *encoding, *encoder, *decoder, *readnl, *errors;
	const char *writenl;
	char flags[9];
	void *encodefunc;
	char encoding_start_of_stream;
	PyObject *decoded_chars;
	Py_ssize_t decoded_chars_used;
	PyObject *pending_bytes;
	Py_ssize_t pending_bytes_count;
	PyObject *snapshot;
	double b2cratio;
	PyObject *raw, *weakreflist, *dict;
#if PY_VERSION_HEX >= 0x030C0000
	void *state;
#endif
};

static int
walk_text_io(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	struct textio *t = (struct textio *)obj;

	RC_MIRROR_TRY(rc_mirror_put_class(m, obj, tp));
	RC_MIRROR_TRY(rc_mirror_put(m, t->buffer, "buffer"));
	RC_MIRROR_TRY(rc_mirror_put(m, t->encoding, "encoding"));
	RC_MIRROR_TRY(rc_mirror_put(m, t->encoder, "encoder"));
	RC_MIRROR_TRY(rc_mirror_put(m, t->decoder, "decoder"));
	RC_MIRROR_TRY(rc_mirror_put(m, t->readnl, "newline"));
	RC_MIRROR_TRY(rc_mirror_put(m, t->decoded_chars, "decoded chars"));
	RC_MIRROR_TRY(rc_mirror_put(m, t->pending_bytes, "pending bytes"));
	RC_MIRROR_TRY(rc_mirror_put(m, t->snapshot, "decoder snapshot"));
	RC_MIRROR_TRY(rc_mirror_put(m, t->errors, "errors"));
	RC_MIRROR_TRY(rc_mirror_put(m, t->raw, "raw"));
	return rc_mirror_put(m, t->dict, "__dict__");
}

/* ---------------------------------------------------- descriptor objects */

static int
walk_mappingproxy(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	(void)tp;
	return rc_mirror_put(m, ((struct one_ref *)obj)->first, "mapping");
}

/* Objects/descrobject.c, wrapperobject: the slot wrapper and the object
 * it is bound to. */
static int
walk_method_wrapper(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	(void)tp;
	RC_MIRROR_TRY(rc_mirror_put(m, ((struct one_ref *)obj)->first, "descriptor"));
	return rc_mirror_put(m, ((struct one_ref *)obj)->second, "__self__");
}

/* ---------------------------------------------------------------- table */

typedef int (*walker)(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp);

enum size_rule { SIZE_EXACT, SIZE_AT_LEAST };

/* A type known by name (its module does not export it), or by the
 * address of an exported type object. */
struct known_type {
	const char *name;
	PyTypeObject *type;
	size_t size;
	enum size_rule rule;
	walker walk;
	Py_ssize_t dict_at;   /* the type's tp_dictoffset, when it has one */
};

static const struct known_type *
find_known(PyTypeObject *tp)
{
	static const struct known_type known[] = {
		{"_abc._abc_data", NULL, sizeof(struct abc_data), SIZE_AT_LEAST, walk_abc_data, 0},
		{"functools._lru_cache_wrapper", NULL, sizeof(struct rc_lru_cache), SIZE_EXACT,
		 walk_lru_cache, 0},
		{"_asyncio.Future", NULL, sizeof(struct rc_future), SIZE_EXACT, walk_future, 0},
		{"_asyncio.Task", NULL, sizeof(struct rc_task), SIZE_EXACT, walk_task, 0},
		{"_asyncio.FutureIter", NULL, offsetof(struct one_ref, second), SIZE_EXACT,
		 walk_future_iter, 0},
		{"TaskWakeupMethWrapper", NULL, offsetof(struct one_ref, second), SIZE_EXACT,
		 walk_task_wakeup, 0},
		{"TaskStepMethWrapper", NULL, sizeof(struct one_ref), SIZE_EXACT, walk_task_step, 0},
		{"hamt", NULL, sizeof(struct hamt), SIZE_AT_LEAST, walk_hamt, 0},
		{"hamt_bitmap_node", NULL, offsetof(struct hamt_pairs, array), SIZE_EXACT,
		 walk_hamt_pairs, 0},
		{"hamt_collision_node", NULL, offsetof(struct hamt_pairs, array), SIZE_EXACT,
		 walk_hamt_pairs, 0},
		{"hamt_array_node", NULL, sizeof(struct hamt_array), SIZE_AT_LEAST, walk_hamt_array, 0},
		{"collections.deque", NULL, sizeof(struct deque), SIZE_AT_LEAST, walk_deque, 0},
		{"_io.TextIOWrapper", NULL, sizeof(struct textio), SIZE_EXACT, walk_text_io,
		 offsetof(struct textio, dict)},
		{NULL, &PyContext_Type, sizeof(struct context), SIZE_AT_LEAST, walk_context, 0},
		{NULL, &PyContextVar_Type, sizeof(struct rc_context_var), SIZE_AT_LEAST,
		 walk_context_var, 0},
		{NULL, &PyContextToken_Type, sizeof(struct context_token), SIZE_AT_LEAST,
		 walk_context_token, 0},
		{NULL, &PyODict_Type, sizeof(PyDictObject), SIZE_AT_LEAST, walk_ordered_dict, 0},
		{NULL, &PyDictProxy_Type, offsetof(struct one_ref, second), SIZE_EXACT,
		 walk_mappingproxy, 0},
		{"method-wrapper", NULL, sizeof(struct one_ref), SIZE_EXACT, walk_method_wrapper, 0},
	};

	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		const struct known_type *k = &known[i];
		if (k->type ? k->type != tp : strcmp(k->name, tp->tp_name) != 0)
			continue;
		size_t size = (size_t)tp->tp_basicsize;
		if (k->rule == SIZE_EXACT ? size != k->size : size < k->size)
			return NULL;
		if (k->dict_at != 0 && tp->tp_dictoffset != k->dict_at)
			return NULL;
		return k;
	}
	return NULL;
}

/* mirror_stdlib.h */
int
rc_mirror_walk_stdlib(struct rc_mirror *m, PyObject *obj, PyTypeObject *tp)
{
	const struct known_type *k = find_known(tp);

	if (k == NULL)
		return 0;
	return k->walk(m, obj, tp) < 0 ? -1 : 1;
}
