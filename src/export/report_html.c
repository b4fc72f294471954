/* report_html.c - the page around the report (see report_html.h). */
#include <config.h>

#include "src/export/report_html.h"

#include <inttypes.h>
#include <stdint.h>
#include <string.h>

/* The length of the UTF-8 sequence at s (1-4), or 0 if it is not one:
 * no overlong forms, no surrogates, nothing past U+10FFFF. */
static size_t
utf8_len(const unsigned char *s, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t n;
	uint32_t min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		n = 2; *cp = c & 0x1f; min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3; *cp = c & 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4; *cp = c & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	if (*cp < min || *cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return n;
}

void
rc_html_text(struct rc_buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		uint32_t cp;
		size_t n = utf8_len(p, &cp);
		if (n == 0) {
			rc_buf_printf(out, "\\x%02x", *p);
			p++;
			continue;
		}
		switch (cp) {
		case '&': rc_buf_puts(out, "&amp;"); break;
		case '<': rc_buf_puts(out, "&lt;"); break;
		case '>': rc_buf_puts(out, "&gt;"); break;
		case '"': rc_buf_puts(out, "&quot;"); break;
		case '\'': rc_buf_puts(out, "&#39;"); break;
		case '\t': case '\n': rc_buf_append(out, (const char *)p, 1); break;
		default:
			if (cp < 0x20 || cp == 0x7f)
				rc_buf_printf(out, "\\x%02x", (unsigned)cp);
			else if (cp >= 0x80 && cp <= 0x9f)
				rc_buf_printf(out, "\\u%04x", (unsigned)cp);
			else
				rc_buf_append(out, (const char *)p, n);
		}
		p += n;
	}
}

/* Screen and print: one column, monospace for heap text, pictures
 * scaled to the page, nothing cut between pages inside an entry. */
static const char style_sheet[] =
	"body{font-family:sans-serif;max-width:72em;margin:1em auto;padding:0 1em;"
	"color:#222;background:#fff;line-height:1.4}\n"
	"h1{font-size:1.6em;margin-bottom:0.2em}\n"
	"h2{font-size:1.3em;border-bottom:1px solid #bbb;margin-top:1.6em}\n"
	"h3{font-size:1.05em;margin-bottom:0.3em}\n"
	".meta{color:#555;margin-top:0}\n"
	"nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:0.3em 1.5em}\n"
	"code,.mono{font-family:monospace;font-size:0.95em}\n"
	"table{border-collapse:collapse;margin:0.5em 0}\n"
	"th,td{padding:0.15em 0.8em;border-bottom:1px solid #ddd;text-align:left;"
	"vertical-align:top}\n"
	"td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\n"
	"article{border-left:4px solid #c33;padding:0.1em 0 0.1em 1em;margin:1em 0}\n"
	"article.group{border-left-color:#36c}\n"
	"ol.path{padding-left:1.5em;font-family:monospace;font-size:0.92em}\n"
	"ol.path .label{color:#555}\n"
	".where{color:#555}\n"
	".note{color:#555;font-style:italic}\n"
	"figure{margin:0.5em 0;overflow-x:auto}\n"
	"figure svg{max-width:100%;height:auto}\n"
	"@media print{nav{display:none}body{max-width:none;margin:0}"
	"article,figure,table{break-inside:avoid}a{color:inherit;text-decoration:none}}\n";

void
rc_html_begin(struct rc_buf *out, const char *lang, const char *title)
{
	rc_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"");
	rc_html_text(out, lang);
	rc_buf_puts(out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<title>");
	rc_html_text(out, title);
	rc_buf_puts(out, "</title>\n<style>\n");
	rc_buf_puts(out, style_sheet);
	rc_buf_puts(out, "</style>\n</head>\n<body>\n");
}

void
rc_html_end(struct rc_buf *out)
{
	rc_buf_puts(out, "</body>\n</html>\n");
}

/* width="468pt" in points as HTML wants it, in CSS pixels: "624". */
static const char *
dimension(struct rc_buf *out, const char *p, const char *tag_end, const char *name)
{
	size_t len = strlen(name);
	const char *stop;

	if ((size_t)(tag_end - p) <= len + 2 || strncmp(p, name, len) || p[len] != '='
	    || p[len + 1] != '"')
		return NULL;
	/* Digits and a point, read by hand: strtod would follow the
	 * locale's decimal comma (refcycle-browse sets the user's). */
	uint64_t whole = 0, frac = 0, scale = 1;
	const char *q = p + len + 2;
	int digits = 0;
	for (; q < tag_end && *q >= '0' && *q <= '9' && whole < 10000000; q++, digits++)
		whole = whole * 10 + (uint64_t)(*q - '0');
	if (q < tag_end && *q == '.')
		for (q++; q < tag_end && *q >= '0' && *q <= '9'; q++)
			if (scale < 1000000) {
				frac = frac * 10 + (uint64_t)(*q - '0');
				scale *= 10;
			}
	stop = q;
	if (digits == 0 || (size_t)(tag_end - stop) < 3 || strncmp(stop, "pt\"", 3))
		return NULL;
	/* pt to CSS pixels (4/3), rounded to the nearest. */
	uint64_t px = ((whole * scale + frac) * 4 + (3 * scale) / 2) / (3 * scale);
	rc_buf_printf(out, "%s=\"%" PRIu64 "\"", name, px);
	return stop + 3;
}

/* The document from its <svg> tag (at svg) to end, the tag's width and
 * height in pixels. */
static void
svg_tag(struct rc_buf *out, const char *svg, const char *end)
{
	const char *tag_end = memchr(svg, '>', (size_t)(end - svg));
	const char *p = svg;

	if (tag_end == NULL)
		tag_end = end;
	while (p < tag_end) {
		const char *next = NULL;
		if (p == svg || p[-1] == ' ' || p[-1] == '\n') {
			next = dimension(out, p, tag_end, "width");
			if (next == NULL)
				next = dimension(out, p, tag_end, "height");
		}
		if (next != NULL) {
			p = next;
		} else {
			rc_buf_append(out, p, 1);
			p++;
		}
	}
	rc_buf_append(out, tag_end, (size_t)(end - tag_end));
}

int
rc_html_svg(struct rc_buf *out, const char *svg, size_t len)
{
	const char *end = svg + len, *p = svg;

	/* The first "<svg" outside the prolog's comments. */
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		if (lt == NULL)
			return -1;
		if ((size_t)(end - lt) >= 4 && !strncmp(lt, "<!--", 4)) {
			const char *close = NULL;
			for (const char *q = lt + 4; q + 3 <= end; q++)
				if (!strncmp(q, "-->", 3)) {
					close = q + 3;
					break;
				}
			if (close == NULL)
				return -1;
			p = close;
			continue;
		}
		if ((size_t)(end - lt) >= 5 && !strncmp(lt, "<svg", 4)
		    && (lt[4] == ' ' || lt[4] == '>' || lt[4] == '\n')) {
			while (end > lt && (end[-1] == '\n' || end[-1] == ' '))
				end--;
			svg_tag(out, lt, end);
			rc_buf_puts(out, "\n");
			return 0;
		}
		p = lt + 1;
	}
	return -1;
}
