/* buf.h - a growable byte buffer for the writers. */
#ifndef RC_BUF_H
#define RC_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct rc_buf {
	char *data;     /* NUL-terminated when len > 0 or after rc_buf_cstr */
	size_t len;
	size_t cap;
	int failed;     /* an allocation failed: later appends do nothing */
};

#define RC_BUF_INIT {NULL, 0, 0, 0}

void rc_buf_free(struct rc_buf *b);

/* rc_buf_append when b has to grow first (or has failed). */
void rc_buf_append_grow(struct rc_buf *b, const char *s, size_t n);

/* Append n bytes of s.  Inline: the writers append millions of short
 * pieces (a comma, an id), most of which fit. */
static inline void
rc_buf_append(struct rc_buf *b, const char *s, size_t n)
{
	if (b->len + n < b->cap && !b->failed) {
		memcpy(b->data + b->len, s, n);
		b->len += n;
		b->data[b->len] = '\0';
		return;
	}
	rc_buf_append_grow(b, s, n);
}

void rc_buf_puts(struct rc_buf *b, const char *s);
void rc_buf_vprintf(struct rc_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void rc_buf_printf(struct rc_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The contents as a C string ("" when empty); NULL if an append failed. */
const char *rc_buf_cstr(struct rc_buf *b);

#endif
