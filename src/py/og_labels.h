/* og_labels.h - the labels of a graph for the writers (src/export):
 * made once per export, for the edges of this graph only, and handed to
 * the plain-C writers as UTF-8 (og_export.c). */
#ifndef RC_OG_LABELS_H
#define RC_OG_LABELS_H

#include <Python.h>
#include <stdint.h>

#include "src/common/buf.h"
#include "src/export/lgraph.h"
#include "src/py/objectgraph.h"
#include "src/py/progress.h"

/* The labels of a graph: Python strs (or None for unlabelled edges),
 * their UTF-8 encodings, and the ids the formats name vertices and edges
 * by.  Everything here is owned by the struct. */
struct labels {
	uint32_t n, m;
	PyObject **vstr;       /* n strs */
	PyObject **estr;       /* m strs or None */
	PyObject **vbytes;     /* n bytes: UTF-8 of vstr */
	PyObject **ebytes;     /* m bytes or NULL */
	const char **vtext;
	const char **etext;
	int64_t *vid;
	int64_t *eid;
	int dot_text;          /* labels are DOT label text (refcycle's), not plain */
	/* export_json's progress (rep NULL: none told): a unit per label
	 * made, then two per vertex written (json.h). */
	struct rc_progress_report *rep;
	uint64_t done, total;
	/* The writers' labels of a live graph: each one's UTF-8 kept in
	 * one arena as soon as it is made, its str dropped (millions of
	 * strs and bytes alive at once cost more than making them), at
	 * offsets voff and eoff (SIZE_MAX: unlabelled); vstr, estr unused.
	 * Off (arena_off NULL) for annotated(), which keeps the strs. */
	struct rc_buf arena;
	size_t *voff, *eoff;
};

/* Room for n vertices' and m edges' labels; 0, or -1 with an exception
 * (L left empty). */
int rc_labels_alloc(struct labels *L, uint32_t n, uint32_t m);

void rc_labels_free(struct labels *L);

/* An object graph's labels as strs in vstr and estr (annotated() keeps
 * them), or with voff and eoff set, their UTF-8 in the arena: node labels
 * from the objects' structure, edge labels read once per referrer.  0, or
 * -1 with an exception. */
int rc_labels_of_objects(rc_ObjectGraph *g, struct labels *L, int detailed);

/* Every label of g as UTF-8 (vtext, etext), telling rep (or NULL) how far
 * it has come, in the units struct labels counts.  0, or -1 with an
 * exception (L left empty). */
int rc_labels_gather(rc_ObjectGraph *g, struct labels *L, int detailed,
		     struct rc_progress_report *rep);

/* A label as the writers (og_export.c, og_store.c) take it, a C string: new
 * bytes of its UTF-8, lone surrogates and NULs written as backslash
 * escapes; NULL with an exception set. */
PyObject *rc_label_utf8(PyObject *str);

/* A str's own characters when they are already its label's UTF-8, as
 * rc_label_utf8 would give them: a compact ASCII str (NUL-terminated, as
 * CPython keeps them) with no NUL inside; *len its length.  No copy, and
 * valid while str lives.  NULL when the text needs converting. */
const char *rc_label_ascii(PyObject *str, size_t *len);

/* The writers' view of g and its labels (borrowed from both). */
void rc_labels_view(rc_ObjectGraph *g, const struct labels *L, struct rc_lgraph *lg);

/* The labels of a live object graph made as a writer reaches them
 * (lgraph.h's label source) and dropped after, for export_json: the same
 * texts rc_labels_gather gives, with nothing kept per vertex.  The
 * source's calls return -1 with an exception. */
struct label_stream {
	rc_ObjectGraph *g;
	int detailed;
	int64_t *vid;            /* n ids */
	PyObject *vstr;          /* the str behind the last vertex label */
	uint32_t most;           /* the largest out-degree: the arrays' room */
	uint32_t nestr;
	PyObject **heads;        /* the last referrer's referents */
	PyObject **estr;         /* its labels: strs or None */
	const char **etext;
	size_t *eoff;            /* converted ones: at this offset of scratch */
	struct rc_buf scratch;   /* labels that needed converting to UTF-8 */
	struct rc_label_source source;
};

/* 0, or -1 with an exception (s left empty). */
int rc_label_stream_open(rc_ObjectGraph *g, struct label_stream *s, int detailed);

void rc_label_stream_close(struct label_stream *s);

/* The writers' view of g with s as its label source. */
void rc_label_stream_view(struct label_stream *s, struct rc_lgraph *lg);

#endif
