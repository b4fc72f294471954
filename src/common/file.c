/* file.c - writing files whole or not at all (see file.h). */
#include <config.h>

#include "src/common/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
rc_file_create_temp(const char *path, struct rc_buf *tmp, struct rc_buf *err)
{
	static unsigned counter;

	for (int attempt = 0; attempt < 100; attempt++) {
		tmp->len = 0;
		rc_buf_printf(tmp, "%s.tmp%ld.%u", path, (long)getpid(), counter++);
		if (rc_buf_cstr(tmp) == NULL) {
			rc_buf_puts(err, "out of memory");
			return -1;
		}
		/* 0666: the umask applies, as for any new file. */
		int fd = open(tmp->data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0) {
			close(fd);
			return 0;
		}
		if (errno != EEXIST) {
			rc_buf_printf(err, "cannot write %s: %s", path, strerror(errno));
			return -1;
		}
	}
	rc_buf_printf(err, "cannot create a temporary file beside %s", path);
	return -1;
}

int
rc_file_write_atomic(const char *path, const char *data, size_t len,
		     struct rc_buf *err)
{
	struct rc_buf tmp = RC_BUF_INIT;
	int rc = -1;

	if (rc_file_create_temp(path, &tmp, err) < 0) {
		rc_buf_free(&tmp);
		return -1;
	}
	FILE *f = fopen(tmp.data, "wb");
	if (f == NULL)
		rc_buf_printf(err, "cannot write %s: %s", path, strerror(errno));
	else {
		size_t wrote = fwrite(data, 1, len, f);
		int closed = fclose(f);
		if (wrote != len || closed != 0)
			rc_buf_printf(err, "cannot write %s: %s", path, strerror(errno));
		else if (rename(tmp.data, path) != 0)
			rc_buf_printf(err, "cannot write %s: %s", path, strerror(errno));
		else
			rc = 0;
	}
	if (rc != 0)
		unlink(tmp.data);
	rc_buf_free(&tmp);
	return rc;
}
