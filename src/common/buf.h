/* buf.h - a growable byte buffer for the writers. */
#ifndef RC_BUF_H
#define RC_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct rc_buf {
	char *data;     /* NUL-terminated when len > 0 or after rc_buf_cstr */
	size_t len;
	size_t cap;
	int failed;     /* an allocation failed: later appends do nothing */
};

#define RC_BUF_INIT {NULL, 0, 0, 0}

void rc_buf_free(struct rc_buf *b);
void rc_buf_append(struct rc_buf *b, const char *s, size_t n);
void rc_buf_puts(struct rc_buf *b, const char *s);
void rc_buf_vprintf(struct rc_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void rc_buf_printf(struct rc_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The contents as a C string ("" when empty); NULL if an append failed. */
const char *rc_buf_cstr(struct rc_buf *b);

#endif
