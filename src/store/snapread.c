/* snapread.c - reading snapshot files: every check before any use (see
 * snapfile.h).  A message names what is wrong and where, so that a user
 * can tell a truncated copy from a file of another program. */
#include <config.h>

#include "src/store/snapfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/common/bigalloc.h"
#include "src/common/i18n.h"
#include "src/common/status.h"
#include "src/store/snapformat.h"

static const char *const kind_name[SEC_LAST + 1] = {
	"?", N_("string offsets"), N_("strings"), N_("type names"), N_("types"),
	N_("sizes"), N_("addresses"), N_("summaries"), N_("roots"), N_("edge offsets"),
	N_("edges"), N_("labels"), N_("allocation sites")
};

/* Where each known section is, once the table is checked. */
struct found {
	const unsigned char *at[SEC_LAST + 1];
	uint64_t len[SEC_LAST + 1];
};

static int fail(struct rc_buf *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
fail(struct rc_buf *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rc_buf_vprintf(err, fmt, ap);
	va_end(ap);
	return RC_EFORMAT;
}

static int
check_header(const unsigned char *p, size_t len, struct rc_buf *err)
{
	if (len < SNAP_MAGIC_LEN || memcmp(p, SNAP_MAGIC, SNAP_MAGIC_LEN) != 0)
		return fail(err, _("not a refcycle snapshot"));
	if (len < SNAP_HEADER_LEN)
		return fail(err, _("truncated: %zu bytes, the header alone has %d"),
			    len, SNAP_HEADER_LEN);
	uint32_t version = get_u32(p + H_VERSION);
	if (version != RC_SNAP_VERSION)
		return fail(err, _("format version %" PRIu32 ", this refcycle reads version %u"
			    " (written by another release?)"), version, RC_SNAP_VERSION);
	uint32_t k = get_u32(p + H_NSECTIONS);
	if (k > SNAP_MAX_SECTIONS)
		return fail(err, _("corrupt header: %" PRIu32 " sections (at most %d)"),
			    k, SNAP_MAX_SECTIONS);
	uint64_t size = get_u64(p + H_FILE_SIZE);
	if (size != len)
		return fail(err, size > len ? _("truncated: %zu bytes of %" PRIu64)
				: _("corrupt: %zu bytes, the header says %" PRIu64),
			    len, size);
	size_t head_len = SNAP_HEADER_LEN + (size_t)k * SNAP_ENTRY_LEN;
	if (head_len > len)
		return fail(err, _("truncated: the section table ends at byte %zu of %zu"),
			    head_len, len);
	/* The checksum covers the header with its own field zeroed. */
	unsigned char *copy = malloc(head_len);
	if (copy == NULL)
		return fail(err, _("out of memory"));
	memcpy(copy, p, head_len);
	put_u64(copy + H_CHECKSUM, 0);
	uint64_t sum = rc_snap_checksum(copy, head_len);
	free(copy);
	if (sum != get_u64(p + H_CHECKSUM))
		return fail(err, _("corrupt: the header's checksum does not match"));
	return 0;
}

/* Reading and checksumming go in pieces this big, telling their
 * progress after each (a multiple of 8: see rc_snap_sum_add). */
#define READ_CHUNK ((size_t)8 << 20)

/* rc_snap_checksum of n bytes at data, telling pr; *stop set (and 0
 * returned) when pr is cancelled. */
static uint64_t
watched_sum(const unsigned char *data, uint64_t n, struct rc_progress *pr, int *stop)
{
	uint64_t h = rc_snap_sum_start((size_t)n);

	for (uint64_t at = 0; at < n; at += READ_CHUNK) {
		size_t part = n - at < READ_CHUNK ? (size_t)(n - at) : READ_CHUNK;
		h = rc_snap_sum_add(h, data + at, part);
		if (rc_progress_step(pr, part)) {
			*stop = 1;
			return 0;
		}
	}
	return rc_snap_sum_end(h);
}

/* Every byte outside the header, the table and the sections is padding,
 * and zero: then no byte of a file goes unchecked.  Sections do not
 * overlap. */
static int
check_gaps(const unsigned char *p, size_t len, uint32_t k, struct rc_buf *err)
{
	uint64_t off[SNAP_MAX_SECTIONS], end[SNAP_MAX_SECTIONS];
	uint64_t at = SNAP_HEADER_LEN + (uint64_t)k * SNAP_ENTRY_LEN;

	for (uint32_t i = 0; i < k; i++) {
		const unsigned char *e = p + SNAP_HEADER_LEN + i * SNAP_ENTRY_LEN;
		uint64_t o = get_u64(e + E_OFFSET), n = get_u64(e + E_LENGTH);
		uint32_t j = i;
		for (; j > 0 && off[j - 1] > o; j--) {   /* insertion sort */
			off[j] = off[j - 1];
			end[j] = end[j - 1];
		}
		off[j] = o;
		end[j] = o + n;
	}
	for (uint32_t i = 0; i <= k; i++) {
		uint64_t next = i < k ? off[i] : len;
		if (next < at)
			return fail(err, _("corrupt: sections overlap"));
		for (; at < next; at++)
			if (p[at] != 0)
				return fail(err, _("corrupt: byte %" PRIu64 " is outside every section "
					    "and not zero"), at);
		if (i < k)
			at = end[i];
	}
	return 0;
}

/* Each section: inside the file, aligned, not repeated, its checksum
 * right.  Unknown kinds are checked and skipped. */
static int
check_table(const unsigned char *p, size_t len, struct found *f, struct rc_buf *err,
	    struct rc_progress *pr)
{
	int stop = 0;

	uint32_t k = get_u32(p + H_NSECTIONS);
	uint64_t data_start = SNAP_HEADER_LEN + (uint64_t)k * SNAP_ENTRY_LEN;

	memset(f, 0, sizeof *f);
	for (uint32_t i = 0; i < k; i++) {
		const unsigned char *e = p + SNAP_HEADER_LEN + i * SNAP_ENTRY_LEN;
		uint32_t kind = get_u32(e + E_KIND);
		uint64_t off = get_u64(e + E_OFFSET), n = get_u64(e + E_LENGTH);
		const char *name = kind <= SEC_LAST ? _(kind_name[kind]) : _("unknown");
		if (off % 8 != 0 || off < data_start || off > len || n > len - off)
			return fail(err, _("truncated or corrupt: section '%s' (%" PRIu64
				    " bytes at %" PRIu64 ") is not inside the file"), name, n, off);
		uint64_t sum = watched_sum(p + off, n, pr, &stop);
		if (stop)
			return RC_ECANCELED;
		if (sum != get_u64(e + E_CHECKSUM))
			return fail(err, _("corrupt: the checksum of section '%s' does not match"), name);
		if (kind == 0 || kind > SEC_LAST)
			continue;
		if (f->at[kind] != NULL)
			return fail(err, _("corrupt: section '%s' twice"), name);
		f->at[kind] = p + off;
		f->len[kind] = n;
	}
	return check_gaps(p, len, k, err);
}

/* Every known section there, with the length its count says. */
static int
check_lengths(const unsigned char *p, const struct found *f, struct rc_buf *err)
{
	uint64_t n = get_u32(p + H_N), m = get_u32(p + H_M);
	uint64_t want[SEC_LAST + 1] = {
		0, 8 * ((uint64_t)get_u32(p + H_NSTRINGS) + 1), 0,
		4 * (uint64_t)get_u32(p + H_NTYPES), 4 * n, 8 * n, 8 * n, 4 * n, n,
		4 * (n + 1), 4 * m, 4 * m, 4 * n
	};

	if (n >= RC_NONE || m >= RC_NONE || get_u32(p + H_NSTRINGS) >= RC_NONE)
		return fail(err, _("corrupt header: %" PRIu64 " objects, %" PRIu64 " references"),
			    n, m);
	for (int kind = 1; kind <= SEC_LAST; kind++) {
		if (f->at[kind] == NULL && kind > SEC_REQUIRED_LAST)
			continue;   /* optional, and not there */
		if (f->at[kind] == NULL)
			return fail(err, _("corrupt: no section '%s'"), _(kind_name[kind]));
		if (kind != SEC_STR_DATA && f->len[kind] != want[kind])
			return fail(err, _("corrupt: section '%s' has %" PRIu64 " bytes, %" PRIu64
				    " expected"), _(kind_name[kind]), f->len[kind], want[kind]);
	}
	return 0;
}

/* Length of the UTF-8 sequence at s (at most n bytes), 0 if invalid. */
static size_t
utf8_char(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	uint32_t cp, min;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, cp = c & 0x1f, min = 0x80;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, cp = c & 0x0f, min = 0x800;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, cp = c & 0x07, min = 0x10000;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/* Offsets increasing, inside the data; each string one NUL, at its end;
 * UTF-8 throughout. */
static int
check_strings(struct rc_snap *s, uint64_t data_len, struct rc_buf *err)
{
	const unsigned char *d = (const unsigned char *)s->str_data;

	if (s->str_off[0] != 0 || s->str_off[s->nstrings] != data_len)
		return fail(err, _("corrupt: string offsets do not span the strings"));
	for (uint32_t i = 0; i < s->nstrings; i++) {
		uint64_t a = s->str_off[i], b = s->str_off[i + 1];
		if (b <= a || b > data_len || d[b - 1] != '\0')
			return fail(err, _("corrupt: string %" PRIu32 " is not NUL-terminated"), i);
		for (uint64_t j = a; j < b - 1;) {
			size_t step = d[j] == '\0' ? 0 : utf8_char(d + j, b - 1 - j);
			if (step == 0)
				return fail(err, _("corrupt: string %" PRIu32 " is not UTF-8 (byte %" PRIu64 ")"),
					    i, j - a);
			j += step;
		}
	}
	return 0;
}

static int
check_ids(const uint32_t *ids, uint64_t count, uint32_t limit, int none_ok,
	  const char *what, struct rc_buf *err)
{
	for (uint64_t i = 0; i < count; i++)
		if (ids[i] >= limit && !(none_ok && ids[i] == RC_NONE))
			return fail(err, _("corrupt: %s %" PRIu64 " names %" PRIu32 ", out of range"),
				    what, i, ids[i]);
	return 0;
}

/* The out-CSR, copied out of the image into a graph (which builds its
 * in-CSR and checks every edge's head). */
static int
build_graph(struct rc_snap *s, const struct found *f, uint32_t n, uint32_t m,
	    struct rc_buf *err)
{
	uint32_t *off = malloc(((size_t)n + 1) * sizeof *off);
	uint32_t *dst = malloc(((size_t)m + 1) * sizeof *dst);

	if (off == NULL || dst == NULL) {
		free(off);
		free(dst);
		return fail(err, _("out of memory"));
	}
	memcpy(off, f->at[SEC_OUT_OFF], ((size_t)n + 1) * sizeof *off);
	memcpy(dst, f->at[SEC_OUT_DST], (size_t)m * sizeof *dst);
	if (off[n] != m) {
		uint32_t end = off[n];
		free(off);
		free(dst);
		return fail(err, _("corrupt: the edge offsets end at %" PRIu32 ", not %" PRIu32),
			    end, m);
	}
	int status = rc_graph_adopt_out(&s->g, n, off, dst);
	if (status == RC_ENOMEM)
		return fail(err, _("out of memory"));
	if (status != RC_OK)
		return fail(err, _("corrupt: the edges are not a valid graph"));
	return 0;
}

static int
check_contents(struct rc_snap *s, const unsigned char *p, const struct found *f,
	       struct rc_buf *err)
{
	uint32_t n = get_u32(p + H_N), m = get_u32(p + H_M);

	s->ntypes = get_u32(p + H_NTYPES);
	s->nstrings = get_u32(p + H_NSTRINGS);
	s->title = get_u32(p + H_TITLE);
	s->created = get_u64(p + H_CREATED);
	s->str_off = (const uint64_t *)f->at[SEC_STR_OFF];
	s->str_data = (const char *)f->at[SEC_STR_DATA];
	s->type_name = (const uint32_t *)f->at[SEC_TYPE_NAME];
	s->type_of = (const uint32_t *)f->at[SEC_TYPE_OF];
	s->size = (const uint64_t *)f->at[SEC_SIZE];
	s->address = (const uint64_t *)f->at[SEC_ADDRESS];
	s->summary = (const uint32_t *)f->at[SEC_SUMMARY];
	s->root = f->at[SEC_ROOT];
	s->label = (const uint32_t *)f->at[SEC_LABEL];
	s->allocated = (const uint32_t *)f->at[SEC_ALLOCATED];   /* NULL if absent */
	if (check_strings(s, f->len[SEC_STR_DATA], err) < 0
	    || check_ids(&s->title, 1, s->nstrings, 1, _("title"), err) < 0
	    || check_ids(s->type_name, s->ntypes, s->nstrings, 0, _("type name"), err) < 0
	    || check_ids(s->type_of, n, s->ntypes, 0, _("the type of object"), err) < 0
	    || check_ids(s->summary, n, s->nstrings, 0, _("the summary of object"), err) < 0
	    || check_ids(s->label, m, s->nstrings, 1, _("the label of edge"), err) < 0
	    || (s->allocated != NULL
		&& check_ids(s->allocated, n, s->nstrings, 1, _("the allocation site of object"),
			     err) < 0))
		return RC_EFORMAT;
	for (uint32_t v = 0; v < n; v++)
		if (s->root[v] >= RC_ROOT_KIND_COUNT)
			return fail(err, _("corrupt: object %" PRIu32 " has root kind %d"),
				    v, s->root[v]);
	return build_graph(s, f, n, m, err);
}

static int
parse_watched(struct rc_snap *s, void *image, size_t len, struct rc_buf *err,
	      struct rc_progress *pr)
{
	const unsigned char *p = image;
	struct found f;
	int rc = 0;

	memset(s, 0, sizeof *s);
	s->title = RC_NONE;
	s->image = image;
	if (!host_is_little_endian()) {
		rc_buf_puts(err, _("snapshot files are little-endian; this machine is not"));
		rc_snap_free(s);
		return RC_EFORMAT;
	}
	rc_progress_plan(pr, len);   /* the checksums read it all */
	if (check_header(p, len, err) < 0 || (rc = check_table(p, len, &f, err, pr)) < 0
	    || check_lengths(p, &f, err) < 0 || check_contents(s, p, &f, err) < 0) {
		rc_snap_free(s);
		return rc == RC_ECANCELED ? RC_ECANCELED : RC_EFORMAT;
	}
	if (pr != NULL) {   /* the header and padding were checked too */
		uint64_t done, total;
		rc_progress_read(pr, &done, &total);
		(void)rc_progress_step(pr, total - done);
	}
	return 0;
}

int
rc_snap_parse(struct rc_snap *s, void *image, size_t len, struct rc_buf *err)
{
	return parse_watched(s, image, len, err, NULL);
}

/* The whole file in memory, 8-byte aligned (malloc's alignment) so the
 * arrays can be used where they lie. */
static void *
slurp(const char *path, size_t *len, int *errnum, struct rc_buf *err, struct rc_progress *pr)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	unsigned char *data = NULL;

	if (fd < 0 || fstat(fd, &st) != 0) {
		*errnum = errno;
		rc_buf_printf(err, "%s", strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		*errnum = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		rc_buf_puts(err, _("not a regular file"));
		goto out;
	}
	if ((uint64_t)st.st_size >= SIZE_MAX || (data = rc_bigalloc((size_t)st.st_size + 1, 0)) == NULL) {
		*errnum = ENOMEM;
		rc_buf_printf(err, _("out of memory (the file has %lld bytes)"), (long long)st.st_size);
		goto out;
	}
	rc_progress_plan(pr, (uint64_t)st.st_size);
	size_t got = 0;
	while (got < (size_t)st.st_size) {
		size_t want = (size_t)st.st_size - got;
		if (rc_progress_cancelled(pr)) {
			*errnum = ECANCELED;
			free(data);
			data = NULL;
			goto out;
		}
		ssize_t r = read(fd, data + got, want < READ_CHUNK ? want : READ_CHUNK);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			*errnum = r < 0 ? errno : EIO;
			rc_buf_printf(err, "%s", r < 0 ? strerror(errno) : _("the file shrank while read"));
			free(data);
			data = NULL;
			goto out;
		}
		got += (size_t)r;
		(void)rc_progress_step(pr, (uint64_t)r);
	}
	*len = got;
out:
	if (fd >= 0)
		close(fd);
	return data;
}

int
rc_snap_read_watched(struct rc_snap *s, const char *path, struct rc_buf *err,
		     struct rc_progress *pr)
{
	struct rc_buf why = RC_BUF_INIT;
	size_t len = 0;
	int errnum = 0;
	void *image = slurp(path, &len, &errnum, &why, pr);
	int rc = image ? parse_watched(s, image, len, &why, pr)
		: errnum == ECANCELED ? RC_ECANCELED : RC_EIO;

	if (rc < 0) {
		if (image == NULL) {
			memset(s, 0, sizeof *s);
			s->title = RC_NONE;
		}
		if (rc == RC_ECANCELED)
			rc_buf_printf(err, "%s: %s", path, _("stopped"));
		else
			rc_buf_printf(err, "%s: %s", path,
				      rc_buf_cstr(&why) ? why.data : _("out of memory"));
	}
	rc_buf_free(&why);
	if (rc == RC_EIO)
		errno = errnum;
	return rc;
}

int
rc_snap_read(struct rc_snap *s, const char *path, struct rc_buf *err)
{
	return rc_snap_read_watched(s, path, err, NULL);
}
