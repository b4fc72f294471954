/* text.h - fitting UTF-8 text into terminal columns, without curses.
 *
 * Conversion follows the calling thread's LC_CTYPE (mbrtowc, wcwidth).
 * Control characters are escaped ("^A", "^?", "\u0085"), invalid bytes
 * shown as "\xNN", unprintable characters as "\uXXXX"; text too wide is
 * cut and ends with an ellipsis ("…", or "~" where the locale cannot show
 * it). */
#ifndef RC_TUI_TEXT_H
#define RC_TUI_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

/* Convert s into out (cap wide characters, NUL-terminated; cap >= 2),
 * using at most width columns.  Returns the columns used.  Whatever does
 * not fit in cap counts as cut. */
int rc_text_fit(const char *s, int width, wchar_t *out, size_t cap);

/* Columns s takes once escaped (no limit). */
int rc_text_width(const char *s);

/* A byte count in at most 6 columns: "999", "12.3K", "4.5M", "1.2G". */
void rc_text_bytes(uint64_t n, char *out, size_t cap);

/* A signed change: "+12", "-3", "0"; with bytes set, the magnitude as
 * rc_text_bytes does ("+1.5K", "-640"). */
void rc_text_delta(int64_t d, int bytes, char *out, size_t cap);

/* Case-insensitive (ASCII) substring test; an empty needle matches. */
int rc_text_contains(const char *hay, const char *needle);

/* Convert a wide string to the locale's multibyte encoding in out (cap
 * bytes, NUL-terminated); characters that cannot be converted become
 * '?'. */
void rc_text_from_wide(const wchar_t *w, size_t n, char *out, size_t cap);

#endif
