/* snapfile.h - saved snapshots: a heap's graph and everything the browser
 * shows of it, in one versioned, checksummed binary file.
 *
 * The file (little-endian throughout; the format is described in
 * doc/refcycle.texi, "Snapshot files"):
 *
 *   header    64 bytes: magic "\x89RCSNAP\n", format version, section
 *             count, file size, vertex, edge, type and string counts,
 *             creation time, a title string, and a checksum of the
 *             header and section table
 *   table     32 bytes per section: kind, offset, length, checksum
 *   sections  8-byte aligned arrays, one per kind (snapfile.c lists
 *             them): strings, type names, each vertex's type, size,
 *             address, summary and root kind, the out-CSR of the graph,
 *             each edge's label; optionally each vertex's allocation
 *             site
 *
 * Reading checks everything before anything is used: sizes against the
 * file, each section's checksum, every id against its range, the graph's
 * invariants, strings NUL-terminated and UTF-8.  A file that fails any
 * check is refused with a message saying what is wrong; nothing of it
 * is kept.  No Python, no curses. */
#ifndef RC_SNAPFILE_H
#define RC_SNAPFILE_H

#include <stddef.h>
#include <stdint.h>

#include "src/common/buf.h"
#include "src/graph/graph.h"
#include "src/common/progress.h"
#include "src/graph/rootkind.h"

#define RC_SNAP_VERSION 1u

/* A snapshot as stored.  Strings are named by ids < nstrings: string i
 * is str_data + str_off[i], NUL-terminated UTF-8.  For writing, every
 * array is the caller's; a read snapshot owns g and image, and the other
 * arrays point into image. */
struct rc_snap {
	struct rc_graph g;
	uint32_t ntypes;
	const uint32_t *type_name;   /* ntypes string ids */
	const uint32_t *type_of;     /* n: < ntypes */
	const uint64_t *size;        /* n: shallow size in bytes */
	const uint64_t *address;     /* n: id(obj) when captured */
	const uint32_t *summary;     /* n string ids */
	const uint8_t *root;         /* n: enum rc_root_kind */
	const uint32_t *label;       /* m string ids, RC_NONE: unlabelled */
	const uint32_t *allocated;   /* n string ids ("file:line", where
				      * tracemalloc saw the object allocated)
				      * or RC_NONE; NULL: the file has none */
	uint32_t nstrings;
	const uint64_t *str_off;     /* nstrings + 1 */
	const char *str_data;
	uint32_t title;              /* a string id (where the snapshot
				      * comes from), or RC_NONE */
	uint64_t created;            /* seconds since the epoch */
	void *image;                 /* read: the file's bytes */
};

static inline const char *
rc_snap_string(const struct rc_snap *s, uint32_t id)
{
	return s->str_data + s->str_off[id];
}

/* Write s to path, whole or not at all (a temporary file renamed into
 * place).  0, or -1 with the cause in err. */
int rc_snap_write(const struct rc_snap *s, const char *path, struct rc_buf *err);

/* Read path into s.  RC_OK; RC_EFORMAT when the file is not a valid
 * snapshot, RC_EIO when it cannot be read (errno says why, as for open or
 * read); in both cases the cause in err ("PATH: ...") and s left empty. */
int rc_snap_read(struct rc_snap *s, const char *path, struct rc_buf *err);

/* Parse a file image of len bytes (taken over, from malloc, also on
 * failure).  RC_OK, or RC_EFORMAT with the cause in err, s left empty. */
int rc_snap_parse(struct rc_snap *s, void *image, size_t len, struct rc_buf *err);

/* Release what a read snapshot owns; s is empty afterwards. */
void rc_snap_free(struct rc_snap *s);

/* The checksum the file uses: a 64-bit FNV-1a variant over 8-byte
 * words (the tail zero-padded), with a final avalanche. */
uint64_t rc_snap_checksum(const void *data, size_t len);

/* The same in parts: start with the whole length, add the data in
 * pieces (each a multiple of 8 bytes but the last), end. */
uint64_t rc_snap_sum_start(size_t len);
uint64_t rc_snap_sum_add(uint64_t h, const void *data, size_t len);
uint64_t rc_snap_sum_end(uint64_t h);

/* rc_snap_read, telling p how far it has come (in bytes: the file read,
 * then checked) and stopping when p is cancelled: RC_ECANCELED, s left
 * empty.  p may be NULL. */
int rc_snap_read_watched(struct rc_snap *s, const char *path, struct rc_buf *err,
			 struct rc_progress *p);

#endif
