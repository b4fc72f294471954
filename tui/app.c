/* app.c - model access through the cache (see app.h). */
#include <config.h>

#include "tui/app.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "src/common/i18n.h"

#define KEY_SUMMARY(v) ((uint64_t)1 << 40 | (v))
#define KEY_LABEL(e) ((uint64_t)2 << 40 | (e))

/* Store tmp's text (or the failure) under key; the stored string, or a
 * constant if memory ran out. */
static const char *
remember(struct rc_app *a, uint64_t key, int ok)
{
	const char *s = rc_buf_cstr(&a->tmp), *kept;
	struct rc_buf why = RC_BUF_INIT;

	if (s == NULL)
		return _("[out of memory]");
	if (!ok) {
		rc_buf_printf(&why, "[%s]", a->tmp.len ? s : _("failed"));
		s = rc_buf_cstr(&why);
		if (s == NULL)
			return _("[out of memory]");
	}
	kept = rc_strcache_put(&a->cache, key, s, strlen(s));
	rc_buf_free(&why);
	return kept ? kept : _("[out of memory]");
}

const char *
rc_app_summary(struct rc_app *a, uint32_t v)
{
	const char *s;
	int rc;

	if (v == RC_NONE)
		return "";
	s = rc_strcache_get(&a->cache, KEY_SUMMARY(v));
	if (s)
		return s;
	a->tmp.len = 0;
	a->tmp.failed = 0;
	if (a->m->summary == NULL)
		rc_buf_puts(&a->tmp, rc_app_type(a, v));
	rc = a->m->summary ? a->m->summary(a->m->ctx, v, &a->tmp) : 0;
	return remember(a, KEY_SUMMARY(v), rc == 0);
}

const char *
rc_app_label(struct rc_app *a, uint32_t e)
{
	const char *s;
	int rc;

	if (e == RC_NONE)
		return "";
	s = rc_strcache_get(&a->cache, KEY_LABEL(e));
	if (s)
		return s;
	a->tmp.len = 0;
	a->tmp.failed = 0;
	rc = a->m->edge_label ? a->m->edge_label(a->m->ctx, e, &a->tmp) : 0;
	if (rc == 0) {
		a->tmp.len = 0;
		rc_buf_puts(&a->tmp, "?");
	}
	return remember(a, KEY_LABEL(e), rc >= 0);
}

const char *
rc_app_type(const struct rc_app *a, uint32_t v)
{
	uint32_t t = a->m->type_of[v];

	return t < a->m->ntypes && a->m->type_name[t] ?
		a->m->type_name[t] : "?";
}

void
rc_app_address(const struct rc_app *a, uint32_t v, char *out, size_t cap)
{
	if (rc_model_has_address(a->m))
		snprintf(out, cap, "0x%" PRIx64, rc_model_address(a->m, v));
	else
		snprintf(out, cap, "#%" PRIu32, v);
}

enum rc_root_kind
rc_app_root(const struct rc_app *a, uint32_t v)
{
	return a->m->root_kind ? a->m->root_kind(a->m->ctx, v) : RC_ROOT_NONE;
}

void
rc_app_message(struct rc_app *a, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
	a->msg_error = error;
}

int
rc_app_interrupted(const struct rc_app *a)
{
	return a->m->interrupted && a->m->interrupted(a->m->ctx);
}

void
rc_app_allocated(struct rc_app *a, uint32_t v, struct rc_buf *out)
{
	struct rc_buf where = RC_BUF_INIT;

	if (a->m->allocated_at != NULL && v < a->m->g->n
	    && a->m->allocated_at(a->m->ctx, v, &where) == 1 && rc_buf_cstr(&where) != NULL)
		rc_buf_printf(out, _(", allocated at %s"), where.data);
	rc_buf_free(&where);
}
