/* file.h - writing files whole or not at all. */
#ifndef RC_FILE_H
#define RC_FILE_H

#include <stddef.h>
#include <stdio.h>

#include "src/common/buf.h"

/* Create an empty file beside path (same directory, so a rename is
 * atomic) with the permissions a new file gets; its name goes to tmp.
 * 0, or -1 with the cause in err. */
int rc_file_create_temp(const char *path, struct rc_buf *tmp, struct rc_buf *err);

/* 1 if path is there and is neither a regular file nor a directory: a
 * device (/dev/null, /dev/stdout), a FIFO, a socket.  Such a path is
 * written to as it is: renaming a file over it would put a regular file
 * in its place (and, run as root, /dev/null would be one). */
int rc_file_is_special(const char *path);

/* Write data to path through a temporary file renamed into place: a
 * failure leaves path as it was (a special path, rc_file_is_special, is
 * written directly).  0, or -1 with the cause in err. */
int rc_file_write_atomic(const char *path, const char *data, size_t len,
			 struct rc_buf *err);

/* The same a piece at a time: open, put each piece, then commit (the
 * temporary file renamed into place) or abandon (removed). */
struct rc_file_out {
	const char *path;      /* borrowed */
	FILE *f;
	struct rc_buf tmp;     /* the temporary file's name (none: path itself) */
	int errnum;            /* the first failure's errno, or 0 */
};

/* 0, or -1 with the cause in err (nothing to commit or abandon). */
int rc_file_open_atomic(struct rc_file_out *o, const char *path, struct rc_buf *err);

/* 0, or -1 once a write has failed (commit then says why). */
int rc_file_put(struct rc_file_out *o, const char *data, size_t len);

/* 0, or -1 with the cause in err and the temporary file removed. */
int rc_file_commit(struct rc_file_out *o, struct rc_buf *err);

void rc_file_abandon(struct rc_file_out *o);

#endif
