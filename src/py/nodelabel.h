/* nodelabel.h - short, type-aware descriptions of objects.
 *
 * Never from a user __repr__: builtin scalars by their repr (truncated),
 * containers by type and length, named things by name, frames by file and
 * line, anything else by module and class.  Lines are separated by '\n'
 * (a real newline; the DOT writer escapes it). */
#ifndef RC_NODELABEL_H
#define RC_NODELABEL_H

#include <Python.h>

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

#endif
