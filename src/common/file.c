/* file.c - writing files whole or not at all (see file.h). */
#include <config.h>

#include "src/common/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
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
rc_file_is_special(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

int
rc_file_open_atomic(struct rc_file_out *o, const char *path, struct rc_buf *err)
{
	memset(o, 0, sizeof *o);
	o->path = path;
	if (rc_file_is_special(path)) {
		o->f = fopen(path, "wb");
		if (o->f == NULL) {
			rc_buf_printf(err, "cannot write %s: %s", path, strerror(errno));
			return -1;
		}
		return 0;
	}
	if (rc_file_create_temp(path, &o->tmp, err) < 0) {
		rc_buf_free(&o->tmp);
		return -1;
	}
	o->f = fopen(o->tmp.data, "wb");
	if (o->f == NULL) {
		rc_buf_printf(err, "cannot write %s: %s", path, strerror(errno));
		unlink(o->tmp.data);
		rc_buf_free(&o->tmp);
		return -1;
	}
	return 0;
}

int
rc_file_put(struct rc_file_out *o, const char *data, size_t len)
{
	if (o->errnum == 0 && fwrite(data, 1, len, o->f) != len)
		o->errnum = errno ? errno : EIO;
	return o->errnum == 0 ? 0 : -1;
}

int
rc_file_commit(struct rc_file_out *o, struct rc_buf *err)
{
	int closed = fclose(o->f);

	o->f = NULL;
	if (o->errnum == 0 && closed != 0)
		o->errnum = errno ? errno : EIO;
	if (o->errnum == 0 && o->tmp.data != NULL && rename(o->tmp.data, o->path) != 0)
		o->errnum = errno;
	if (o->errnum != 0) {
		rc_buf_printf(err, "cannot write %s: %s", o->path, strerror(o->errnum));
		if (o->tmp.data != NULL)
			unlink(o->tmp.data);
	}
	rc_buf_free(&o->tmp);
	return o->errnum == 0 ? 0 : -1;
}

void
rc_file_abandon(struct rc_file_out *o)
{
	if (o->f != NULL)
		fclose(o->f);
	o->f = NULL;
	if (o->tmp.data != NULL)
		unlink(o->tmp.data);
	rc_buf_free(&o->tmp);
}

int
rc_file_write_atomic(const char *path, const char *data, size_t len,
		     struct rc_buf *err)
{
	struct rc_file_out o;

	if (rc_file_open_atomic(&o, path, err) < 0)
		return -1;
	(void)rc_file_put(&o, data, len);
	return rc_file_commit(&o, err);
}
