/* file.h - writing files whole or not at all. */
#ifndef RC_FILE_H
#define RC_FILE_H

#include <stddef.h>

#include "src/common/buf.h"

/* Create an empty file beside path (same directory, so a rename is
 * atomic) with the permissions a new file gets; its name goes to tmp.
 * 0, or -1 with the cause in err. */
int rc_file_create_temp(const char *path, struct rc_buf *tmp, struct rc_buf *err);

/* Write data to path through a temporary file renamed into place: a
 * failure leaves path as it was.  0, or -1 with the cause in err. */
int rc_file_write_atomic(const char *path, const char *data, size_t len,
			 struct rc_buf *err);

#endif
