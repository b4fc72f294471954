/* buf.c - growable byte buffer (see buf.h). */
#include <config.h>

#include "src/common/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
rc_buf_free(struct rc_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}

/* Room for n more bytes plus the terminating NUL. */
static int
reserve(struct rc_buf *b, size_t n)
{
	if (b->failed)
		return -1;
	if (b->len + n + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + n + 1) {
		if (cap > (size_t)-1 / 2) {
			b->failed = 1;
			return -1;
		}
		cap *= 2;
	}
	char *data = realloc(b->data, cap);
	if (data == NULL) {
		b->failed = 1;
		return -1;
	}
	b->data = data;
	b->cap = cap;
	return 0;
}

void
rc_buf_append_grow(struct rc_buf *b, const char *s, size_t n)
{
	if (reserve(b, n) < 0)
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
rc_buf_puts(struct rc_buf *b, const char *s)
{
	rc_buf_append(b, s, strlen(s));
}

void
rc_buf_vprintf(struct rc_buf *b, const char *fmt, va_list ap)
{
	char small[128];
	va_list again;

	va_copy(again, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	if (n < 0) {
		b->failed = 1;
	} else if ((size_t)n < sizeof small) {
		rc_buf_append(b, small, (size_t)n);
	} else if (reserve(b, (size_t)n) == 0) {
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
		b->len += (size_t)n;
	}
	va_end(again);
}

void
rc_buf_printf(struct rc_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rc_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *
rc_buf_cstr(struct rc_buf *b)
{
	if (reserve(b, 0) < 0)
		return NULL;
	b->data[b->len] = '\0';
	return b->data;
}
