/* text.c - fitting UTF-8 text into terminal columns (see text.h). */
#include <config.h>

#include "tui/text.h"

#include <ctype.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

static wchar_t
ellipsis(void)
{
	return wcwidth(0x2026) == 1 ? (wchar_t)0x2026 : L'~';
}

/* One escaped unit: the wide characters for a character or a bad byte,
 * in tmp (room for 12), and their width.  Returns the number of wide
 * characters. */
static size_t
escape_char(wchar_t wc, wchar_t *tmp, int *w)
{
	if (wc < 0x20 || wc == 0x7f) {
		tmp[0] = L'^';
		tmp[1] = wc == 0x7f ? L'?' : (wchar_t)(wc + 0x40);
		*w = 2;
		return 2;
	}
	int cw = (wc >= 0x80 && wc < 0xa0) ? -1 : wcwidth(wc);

	if (cw >= 0) {
		tmp[0] = wc;
		*w = cw;
		return 1;
	}
	int k = swprintf(tmp, 12, L"\\u%04" PRIX32, (uint32_t)wc);

	*w = k > 0 ? k : 0;
	return k > 0 ? (size_t)k : 0;
}

static size_t
escape_byte(unsigned char b, wchar_t *tmp, int *w)
{
	int k = swprintf(tmp, 12, L"\\x%02X", (unsigned)b);

	*w = k > 0 ? k : 0;
	return k > 0 ? (size_t)k : 0;
}

int
rc_text_fit(const char *s, int width, wchar_t *out, size_t cap)
{
	mbstate_t st;
	size_t n = strlen(s), o = 0, cut_o = 0;
	int w = 0, cut_w = 0, cut = 0;

	memset(&st, 0, sizeof st);
	if (width < 0)
		width = 0;
	while (n > 0) {
		wchar_t wc, tmp[12];
		size_t used, k, i;
		int tw;
		size_t r = mbrtowc(&wc, s, n, &st);

		if (r == (size_t)-1 || r == (size_t)-2) {
			k = escape_byte((unsigned char)*s, tmp, &tw);
			used = 1;
			memset(&st, 0, sizeof st);
		} else if (r == 0) {
			break;
		} else {
			k = escape_char(wc, tmp, &tw);
			used = r;
		}
		if (w + tw > width || o + k + 2 > cap) {
			cut = 1;
			break;
		}
		for (i = 0; i < k; i++)
			out[o++] = tmp[i];
		w += tw;
		if (w <= width - 1) {
			cut_o = o;
			cut_w = w;
		}
		s += used;
		n -= used;
	}
	if (cut) {
		o = cut_o;
		w = cut_w;
		if (width >= 1) {
			out[o++] = ellipsis();
			w++;
		}
	}
	out[o] = L'\0';
	return w;
}

int
rc_text_width(const char *s)
{
	mbstate_t st;
	size_t n = strlen(s);
	int w = 0;

	memset(&st, 0, sizeof st);
	while (n > 0) {
		wchar_t wc, tmp[12];
		int tw;
		size_t r = mbrtowc(&wc, s, n, &st);

		if (r == (size_t)-1 || r == (size_t)-2) {
			escape_byte((unsigned char)*s, tmp, &tw);
			r = 1;
			memset(&st, 0, sizeof st);
		} else if (r == 0) {
			break;
		} else {
			escape_char(wc, tmp, &tw);
		}
		w += tw;
		s += r;
		n -= r;
	}
	return w;
}

void
rc_text_bytes(uint64_t n, char *out, size_t cap)
{
	static const char units[] = "KMGTPE";
	double x = (double)n;
	int u = -1;

	if (n < 1000) {
		snprintf(out, cap, "%" PRIu64, n);
		return;
	}
	while (x >= 999.95 && u < 5) {
		x /= 1024.0;
		u++;
	}
	if (x < 9.95)
		snprintf(out, cap, "%.1f%c", x, units[u]);
	else
		snprintf(out, cap, "%.0f%c", x, units[u]);
}

void
rc_text_delta(int64_t d, int bytes, char *out, size_t cap)
{
	/* The magnitude in unsigned arithmetic: INT64_MIN has no positive. */
	uint64_t mag = d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d;
	char num[32];

	if (bytes)
		rc_text_bytes(mag, num, sizeof num);
	else
		snprintf(num, sizeof num, "%" PRIu64, mag);
	snprintf(out, cap, "%s%s", d > 0 ? "+" : d < 0 ? "-" : "", num);
}

int
rc_text_contains(const char *hay, const char *needle)
{
	size_t nl = strlen(needle), i;

	if (nl == 0)
		return 1;
	for (; *hay; hay++) {
		for (i = 0; i < nl && hay[i]; i++)
			if (tolower((unsigned char)hay[i]) !=
			    tolower((unsigned char)needle[i]))
				break;
		if (i == nl)
			return 1;
		if (!hay[i])
			return 0;
	}
	return 0;
}

void
rc_text_from_wide(const wchar_t *w, size_t n, char *out, size_t cap)
{
	mbstate_t st;
	size_t o = 0, i;

	memset(&st, 0, sizeof st);
	for (i = 0; i < n && w[i]; i++) {
		char tmp[MB_LEN_MAX];
		size_t k = wcrtomb(tmp, w[i], &st);

		if (k == (size_t)-1) {
			tmp[0] = '?';
			k = 1;
			memset(&st, 0, sizeof st);
		}
		if (o + k + 1 > cap)
			break;
		memcpy(out + o, tmp, k);
		o += k;
	}
	if (cap > 0)
		out[o] = '\0';
}
