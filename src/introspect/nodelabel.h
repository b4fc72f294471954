/* nodelabel.h - short, type-aware descriptions of objects.
 *
 * Never from a user __repr__: builtin scalars by their repr (truncated),
 * containers by type and length, named things by name, frames by file and
 * line, anything else by module and class.  Lines are separated by '\n'
 * (a real newline; the DOT writer escapes it). */
#ifndef RC_NODELABEL_H
#define RC_NODELABEL_H

#include <Python.h>
#include <stdint.h>

/* The label of obj, refcycle's forms plus the address on a last line:
 *   list[3], tuple[3], dict[2], set[4], frozenset[4]
 *   function\n<qualname>, instancemethod\n<qualname>, module\n<name>,
 *   type\n<name>, cell, code\n<name>\n<file tail>:<first line>,
 *   weakref to id 0x... / weakref (dead referent),
 *   frame\n<function>\n...<file tail>:<line> (the file name whole when
 *   at most 30 characters, else "..." and its last 30; + "\nthread
 *   <name>" when thread_id is not 0: a running frame names its thread,
 *   from threading._active, else "\nthread 0x<id>"),
 *   repr for int/float/complex/bool/None/str/bytes (at most 60 chars),
 *   object\n<module>.<qualname> otherwise;
 * the part before the address at most 200 characters (cut ones end in
 * "..."); then "\n0x<address>".  New str; NULL with an exception on memory
 * errors. */
PyObject *rc_node_label(PyObject *obj, unsigned long thread_id);

/* refcycle's annotation of obj, as its object_annotation writes it: DOT
 * label text, in which a line break is the two characters backslash-n.
 *   repr for int, bool, float, complex, None, bytes, str (subclasses too,
 *     by the builtin base's repr),
 *   function\n<__name__>, instancemethod\n<__func__.__qualname__>,
 *   list[3], tuple[3], dict[2], module\n<name>, type\n<__name__>,
 *   weakref to id 0x... / weakref (dead referent),
 *   frame\n<file>:<line> (file cut to "..." and its last 27 characters),
 *   object\n<type.__module__>.<type.__name__> otherwise.
 * Read from the objects' own fields: no user code runs.  New str; NULL
 * with an exception on memory errors. */
PyObject *rc_node_annotation(PyObject *obj);

/* The label of vertex v of graph g (an rc_ObjectGraph), as plain text:
 * rc_node_label of its object, or a record's annotation made plain
 * (rc_label_plain; "?" if it is not a str).  New reference. */
PyObject *rc_vertex_label(PyObject *g, uint32_t v);

/* DOT label text (a record's annotation) as plain text: backslash-n,
 * -l, -r as line breaks (rc_label_from_file).  New reference. */
PyObject *rc_label_plain(PyObject *text);

/* The one-line summary the browser and saved snapshots show: a label's
 * lines but the last (the address; kept when it is the only line),
 * joined by spaces.  New reference. */
PyObject *rc_label_summary(PyObject *label);

/* rc_label_summary(rc_vertex_label(g, v)), made without the label. */
PyObject *rc_vertex_summary(PyObject *g, uint32_t v);

#endif
