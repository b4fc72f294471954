/* mutate.c - mutations of snapshot files for the fuzzers (see mutate.h).
 *
 * The format-aware edits read the header and the table afresh before
 * each step, and trust nothing in them: a count may be anything, an
 * entry may point past the end.  Whatever they move keeps sections
 * 8-byte aligned (bytes are inserted and removed in multiples of 8), so
 * that a file they produce can get past the reader's layout checks. */
#include <config.h>

#include "tests/fuzz/mutate.h"

#include <string.h>

#include "src/graph/graph.h"
#include "src/store/snapfile.h"
#include "src/store/snapformat.h"

void
fuzz_rng_seed(struct fuzz_rng *r, uint64_t seed)
{
	r->s = seed;
}

uint64_t
fuzz_rng_next(struct fuzz_rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

uint32_t
fuzz_rng_below(struct fuzz_rng *r, uint32_t n)
{
	return (uint32_t)((fuzz_rng_next(r) >> 32) * n >> 32);
}

/* 0 .. n-1 for a size; 0 when n is 0. */
static size_t
below_size(struct fuzz_rng *r, size_t n)
{
	return n ? (size_t)(fuzz_rng_next(r) % n) : 0;
}

static size_t
min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

/* ------------------------------------------------------ blind edits */

static const uint32_t interesting32[] = {
	0, 1, 2, 7, 8, 16, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000,
	0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff
};

static uint32_t
boundary32(struct fuzz_rng *r, uint32_t old)
{
	switch (fuzz_rng_below(r, 4)) {
	case 0: return old + 1;
	case 1: return old - 1;
	case 2: return (uint32_t)fuzz_rng_next(r);
	default:
		return interesting32[fuzz_rng_below(r, sizeof interesting32 / sizeof interesting32[0])];
	}
}

enum { B_FLIP, B_BYTE, B_WORD, B_TRUNCATE, B_EXTEND, B_COPY, B_INSERT, B_ERASE, B_COUNT };

size_t
fuzz_mutate_bytes(struct fuzz_rng *r, uint8_t *data, size_t size, size_t max)
{
	uint8_t chunk[64];
	size_t pos, len;

	if (size > max)
		size = max;
	if (max == 0)
		return 0;
	int op = size == 0 ? B_EXTEND : (int)fuzz_rng_below(r, B_COUNT);
	if (size == max && (op == B_EXTEND || op == B_INSERT))
		op = B_FLIP;
	switch (op) {
	case B_FLIP:
		data[below_size(r, size)] ^= (uint8_t)(1u << fuzz_rng_below(r, 8));
		break;
	case B_BYTE:
		pos = below_size(r, size);
		data[pos] = fuzz_rng_below(r, 2) ? (uint8_t)fuzz_rng_next(r)
						 : (uint8_t)boundary32(r, data[pos]);
		break;
	case B_WORD:
		if (size < 4) {
			data[below_size(r, size)] ^= 0x80;
			break;
		}
		pos = below_size(r, size - 3);
		put_u32(data + pos, boundary32(r, get_u32(data + pos)));
		break;
	case B_TRUNCATE:
		size = below_size(r, size);
		break;
	case B_EXTEND:
		len = 1 + below_size(r, min_size(max - size, 64));
		for (size_t i = 0; i < len; i++)
			data[size + i] = fuzz_rng_below(r, 2) ? 0 : (uint8_t)fuzz_rng_next(r);
		size += len;
		break;
	case B_COPY:
		len = 1 + below_size(r, min_size(size, 64));
		memmove(data + below_size(r, size - len + 1), data + below_size(r, size - len + 1), len);
		break;
	case B_INSERT:
		len = 1 + below_size(r, min_size(min_size(size, max - size), sizeof chunk));
		memcpy(chunk, data + below_size(r, size - len + 1), len);
		pos = below_size(r, size + 1);
		memmove(data + pos + len, data + pos, size - pos);
		memcpy(data + pos, chunk, len);
		size += len;
		break;
	case B_ERASE:
		len = 1 + below_size(r, min_size(size, 64));
		pos = below_size(r, size - len + 1);
		memmove(data + pos, data + pos + len, size - pos - len);
		size -= len;
		break;
	}
	return size;
}

/* -------------------------------------------------- the file's table */

/* How many table entries lie wholly inside data (at most the reader's
 * limit, whatever the header says). */
static uint32_t
entries_inside(const uint8_t *data, size_t size)
{
	if (size < SNAP_HEADER_LEN)
		return 0;
	uint32_t k = get_u32(data + H_NSECTIONS);
	size_t room = (size - SNAP_HEADER_LEN) / SNAP_ENTRY_LEN;
	if (k > SNAP_MAX_SECTIONS)
		k = SNAP_MAX_SECTIONS;
	return k < room ? k : (uint32_t)room;
}

static uint8_t *
entry(uint8_t *data, uint32_t i)
{
	return data + SNAP_HEADER_LEN + (size_t)i * SNAP_ENTRY_LEN;
}

/* Entry i's section, if it lies inside data. */
static int
section_inside(uint8_t *data, size_t size, uint32_t i, size_t *off, size_t *len)
{
	const uint8_t *e = entry(data, i);
	uint64_t o = get_u64(e + E_OFFSET), n = get_u64(e + E_LENGTH);

	if (o > size || n > size - o)
		return 0;
	*off = (size_t)o;
	*len = (size_t)n;
	return 1;
}

/* The first entry of that kind whose section lies inside data, or -1. */
static int
find_kind(uint8_t *data, size_t size, uint32_t kind)
{
	uint32_t k = entries_inside(data, size);
	size_t off, len;

	for (uint32_t i = 0; i < k; i++)
		if (get_u32(entry(data, i) + E_KIND) == kind && section_inside(data, size, i, &off, &len))
			return (int)i;
	return -1;
}

/* Insert delta zero bytes at pos (delta > 0) or remove -delta bytes
 * there (delta < 0), behind the table; move the sections at or after
 * the change with it and keep the file size field true (or as far off
 * as it was).  0, or -1 (nothing changed) if there is no room or pos is
 * not behind the table. */
static int
move_tail(uint8_t *data, size_t *size, size_t max, size_t pos, ptrdiff_t delta)
{
	uint32_t k = entries_inside(data, *size);
	size_t old = *size, cut = delta < 0 ? (size_t)-delta : 0;

	if (old < SNAP_HEADER_LEN || pos < SNAP_HEADER_LEN + (size_t)k * SNAP_ENTRY_LEN || pos > old)
		return -1;
	if (delta > 0) {
		if ((size_t)delta > max - old)
			return -1;
		memmove(data + pos + delta, data + pos, old - pos);
		memset(data + pos, 0, (size_t)delta);
		*size = old + (size_t)delta;
	} else if (delta < 0) {
		if (cut > old - pos)
			return -1;
		memmove(data + pos, data + pos + cut, old - pos - cut);
		*size = old - cut;
	}
	for (uint32_t i = 0; i < k; i++) {
		uint8_t *e = entry(data, i);
		uint64_t o = get_u64(e + E_OFFSET);
		if (delta > 0 && o >= pos)
			put_u64(e + E_OFFSET, o + (uint64_t)delta);
		else if (delta < 0 && o >= pos + cut)
			put_u64(e + E_OFFSET, o - cut);
	}
	uint64_t said = get_u64(data + H_FILE_SIZE);
	put_u64(data + H_FILE_SIZE, said == old ? *size : said + (uint64_t)delta);
	return 0;
}

/* Grow (d > 0) or shrink (d < 0) entry i's section by d bytes at its
 * end, moving what follows by d rounded to 8 (up when growing, down
 * when shrinking: the rest becomes padding, zeroed as the reader wants
 * padding).  Grown bytes repeat the
 * section's last d bytes when copy is set and there are that many, else
 * they are zero.  0, or -1 (nothing changed). */
static int
resize_section(uint8_t *data, size_t *size, size_t max, uint32_t i, ptrdiff_t d, int copy)
{
	uint8_t *e = entry(data, i);
	size_t off, len;

	if (!section_inside(data, *size, i, &off, &len))
		return -1;
	if (d > 0) {
		size_t grow = (size_t)d, ins = (grow + 7) & ~(size_t)7, pos = off + len;
		if (move_tail(data, size, max, pos, (ptrdiff_t)ins) < 0)
			return -1;
		if (copy && len >= grow)
			memcpy(data + pos, data + pos - grow, grow);
		put_u64(e + E_OFFSET, off);	/* moved if it was empty */
		put_u64(e + E_LENGTH, len + grow);
	} else if (d < 0) {
		size_t cut = (size_t)-d, del = cut & ~(size_t)7;
		if (cut > len)
			return -1;
		if (del > 0 && move_tail(data, size, max, off + len - del, -(ptrdiff_t)del) < 0)
			return -1;
		/* What is left of the cut is padding now, which is zero. */
		memset(data + off + len - cut, 0, cut - del);
		put_u64(e + E_OFFSET, off);
		put_u64(e + E_LENGTH, len - cut);
	}
	return 0;
}

/* Resize the section of that kind, if there is one. */
static int
resize_kind(uint8_t *data, size_t *size, size_t max, uint32_t kind, ptrdiff_t d, int copy)
{
	int i = find_kind(data, *size, kind);

	return i < 0 ? -1 : resize_section(data, size, max, (uint32_t)i, d, copy);
}

/* The last u32 / u64 of the section of that kind, if it has one. */
static uint8_t *
last_element(uint8_t *data, size_t size, uint32_t kind, size_t width)
{
	int i = find_kind(data, size, kind);
	size_t off, len;

	if (i < 0 || !section_inside(data, size, (uint32_t)i, &off, &len) || len < width)
		return NULL;
	return data + off + len - width;
}

/* ------------------------------------------------------ format edits */

struct per_element {
	uint32_t kind;
	ptrdiff_t width;
};

static const struct per_element per_vertex[] = {
	{SEC_TYPE_OF, 4}, {SEC_SIZE, 8}, {SEC_ADDRESS, 8}, {SEC_SUMMARY, 4},
	{SEC_ROOT, 1}, {SEC_OUT_OFF, 4}
};

/* One more or one less vertex, edge, type or string: the count and
 * every section it sizes change together, so the file stays one that
 * the reader's length checks accept. */
static size_t
change_count(struct fuzz_rng *r, uint8_t *data, size_t size, size_t max)
{
	int grow = fuzz_rng_below(r, 3) != 0;
	ptrdiff_t sign = grow ? 1 : -1;
	uint32_t n = get_u32(data + H_N), m = get_u32(data + H_M);
	uint32_t nstrings = get_u32(data + H_NSTRINGS);
	uint8_t *p;

	switch (fuzz_rng_below(r, 4)) {
	case 0:		/* a vertex, the last; its edges go to the one before */
		if (!grow && n == 0)
			break;
		for (size_t k = 0; k < sizeof per_vertex / sizeof per_vertex[0]; k++)
			resize_kind(data, &size, max, per_vertex[k].kind, sign * per_vertex[k].width, 1);
		put_u32(data + H_N, n + (uint32_t)sign);
		if ((p = last_element(data, size, SEC_OUT_OFF, 4)) != NULL)
			put_u32(p, m);
		break;
	case 1:		/* an edge, out of the last vertex */
		if ((!grow && m == 0) || (grow && n == 0))
			break;
		resize_kind(data, &size, max, SEC_OUT_DST, 4 * sign, 0);
		resize_kind(data, &size, max, SEC_LABEL, 4 * sign, 0);
		put_u32(data + H_M, m + (uint32_t)sign);
		if (grow && (p = last_element(data, size, SEC_OUT_DST, 4)) != NULL)
			put_u32(p, fuzz_rng_below(r, n));
		if (grow && (p = last_element(data, size, SEC_LABEL, 4)) != NULL)
			put_u32(p, fuzz_rng_below(r, 2) ? RC_NONE : fuzz_rng_below(r, nstrings));
		if ((p = last_element(data, size, SEC_OUT_OFF, 4)) != NULL) {
			int i = find_kind(data, size, SEC_OUT_OFF);
			size_t off, len;
			section_inside(data, size, (uint32_t)i, &off, &len);
			for (size_t j = off; j + 4 <= off + len; j += 4)
				if (get_u32(data + j) > m + (uint32_t)sign)
					put_u32(data + j, m + (uint32_t)sign);
			put_u32(p, m + (uint32_t)sign);
		}
		break;
	case 2:		/* a type */
		if (!grow && get_u32(data + H_NTYPES) == 0)
			break;
		resize_kind(data, &size, max, SEC_TYPE_NAME, 4 * sign, 1);
		put_u32(data + H_NTYPES, get_u32(data + H_NTYPES) + (uint32_t)sign);
		if (grow && nstrings > 0 && (p = last_element(data, size, SEC_TYPE_NAME, 4)) != NULL)
			put_u32(p, fuzz_rng_below(r, nstrings));
		break;
	default:	/* a string, the last */
		if (grow) {
			int i = find_kind(data, size, SEC_STR_DATA);
			size_t off, len;
			if (i < 0 || !section_inside(data, size, (uint32_t)i, &off, &len)
			    || resize_section(data, &size, max, (uint32_t)i, 2, 0) < 0)
				break;
			data[off + len] = fuzz_rng_below(r, 4) ? (uint8_t)('a' + fuzz_rng_below(r, 26))
							       : (uint8_t)fuzz_rng_next(r);
			resize_kind(data, &size, max, SEC_STR_OFF, 8, 1);
			if ((p = last_element(data, size, SEC_STR_OFF, 8)) != NULL)
				put_u64(p, len + 2);
		} else {
			if (nstrings == 0 || (p = last_element(data, size, SEC_STR_OFF, 16)) == NULL)
				break;
			uint64_t keep = get_u64(p), had = get_u64(p + 8);
			resize_kind(data, &size, max, SEC_STR_OFF, -8, 0);
			if (keep <= had && had - keep < SIZE_MAX / 2)
				resize_kind(data, &size, max, SEC_STR_DATA, -(ptrdiff_t)(had - keep), 0);
		}
		put_u32(data + H_NSTRINGS, nstrings + (uint32_t)sign);
		break;
	}
	return size;
}

/* A value inside a section, chosen by what the section holds: an id
 * next to a limit, an offset next to an end, a size that overflows a
 * sum, a root kind just past the last, a byte that breaks UTF-8. */
static void
set_value(struct fuzz_rng *r, uint8_t *data, size_t size)
{
	static const char *const utf8[] = {
		"\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf5",
		"\xc3\xa9", "\xf0\x9f\x98\x80", "\xe2\x82", "\x80", "\xff", "", "a"
	};
	uint32_t k = entries_inside(data, size);
	size_t off, len;

	if (k == 0)
		return;
	uint32_t i = fuzz_rng_below(r, k);
	if (!section_inside(data, size, i, &off, &len) || len == 0)
		return;
	uint32_t kind = get_u32(entry(data, i) + E_KIND);
	uint32_t n = get_u32(data + H_N), m = get_u32(data + H_M);
	uint32_t nt = get_u32(data + H_NTYPES), ns = get_u32(data + H_NSTRINGS);
	if (kind == SEC_STR_DATA) {
		const char *s = utf8[fuzz_rng_below(r, sizeof utf8 / sizeof utf8[0])];
		size_t at = below_size(r, len), w = strlen(s) + 1;
		memcpy(data + off + at, s, min_size(w, len - at));
	} else if (kind == SEC_ROOT) {
		data[off + below_size(r, len)] = (uint8_t)fuzz_rng_below(r, 6);
	} else if (kind == SEC_STR_OFF || kind == SEC_SIZE || kind == SEC_ADDRESS) {
		if (len < 8)
			return;
		uint8_t *p = data + off + 8 * below_size(r, len / 8);
		uint64_t old = get_u64(p), v;
		switch (fuzz_rng_below(r, 6)) {
		case 0: v = old + 1; break;
		case 1: v = old - 1; break;
		case 2: v = UINT64_MAX - fuzz_rng_below(r, 3); break;
		case 3: v = UINT64_MAX / 2 + 1; break;
		case 4: v = UINT64_C(1) << (32 + fuzz_rng_below(r, 32)); break;
		default: v = get_u64(data + off + 8 * below_size(r, len / 8)); break;
		}
		put_u64(p, v);
	} else {
		if (len < 4)
			return;
		uint8_t *p = data + off + 4 * below_size(r, len / 4);
		uint32_t limits[] = {n, m, nt, ns, RC_NONE};
		uint32_t v = limits[fuzz_rng_below(r, 5)];
		switch (fuzz_rng_below(r, 4)) {
		case 0: v -= 1; break;
		case 1: v += 1; break;
		case 2: v = boundary32(r, get_u32(p)); break;
		default: break;
		}
		put_u32(p, v);
	}
}

/* An entry's kind, offset or length set next to something it could be
 * confused with; or two entries swapped; or one dropped, or one added
 * (a copy of another, the data moved behind it). */
static size_t
change_table(struct fuzz_rng *r, uint8_t *data, size_t size, size_t max)
{
	uint32_t k = entries_inside(data, size);

	if (k == 0)
		return size;
	uint32_t i = fuzz_rng_below(r, k), j = fuzz_rng_below(r, k);
	uint8_t *e = entry(data, i), *other = entry(data, j);
	uint8_t tmp[SNAP_ENTRY_LEN];
	uint64_t v;

	switch (fuzz_rng_below(r, 6)) {
	case 0:
		put_u32(e + E_KIND, fuzz_rng_below(r, 2) ? get_u32(other + E_KIND)
							  : fuzz_rng_below(r, SEC_LAST + 3));
		break;
	case 1:
	case 2:
		v = get_u64(e + E_OFFSET);
		switch (fuzz_rng_below(r, 5)) {
		case 0: v += fuzz_rng_below(r, 2) ? 8 : 1; break;
		case 1: v -= fuzz_rng_below(r, 2) ? 8 : 1; break;
		case 2: v = get_u64(other + E_OFFSET); break;
		case 3: v = size - get_u64(e + E_LENGTH); break;
		default: v = UINT64_MAX - 7; break;
		}
		put_u64(e + E_OFFSET, v);
		break;
	case 3:
		v = get_u64(e + E_LENGTH);
		switch (fuzz_rng_below(r, 5)) {
		case 0: v += 1 + fuzz_rng_below(r, 8); break;
		case 1: v -= 1 + fuzz_rng_below(r, 8); break;
		case 2: v = get_u64(other + E_LENGTH); break;
		case 3: v = size - get_u64(e + E_OFFSET); break;
		default: v = UINT64_MAX - fuzz_rng_below(r, 8); break;
		}
		put_u64(e + E_LENGTH, v);
		break;
	case 4:
		memcpy(tmp, e, SNAP_ENTRY_LEN);
		memcpy(e, other, SNAP_ENTRY_LEN);
		memcpy(other, tmp, SNAP_ENTRY_LEN);
		break;
	default:
		if (fuzz_rng_below(r, 2) && k == get_u32(data + H_NSECTIONS)) {
			/* Add a copy of entry j at the end of the table. */
			size_t end = SNAP_HEADER_LEN + (size_t)k * SNAP_ENTRY_LEN;
			memcpy(tmp, other, SNAP_ENTRY_LEN);
			if (move_tail(data, &size, max, end, SNAP_ENTRY_LEN) < 0)
				break;
			memcpy(data + end, tmp, SNAP_ENTRY_LEN);
			uint64_t o = get_u64(tmp + E_OFFSET);
			if (o >= end)
				put_u64(data + end + E_OFFSET, o + SNAP_ENTRY_LEN);
			put_u32(data + H_NSECTIONS, k + 1);
		} else {
			/* Drop entry i: the entries after it move up. */
			memmove(e, e + SNAP_ENTRY_LEN, (size_t)(k - 1 - i) * SNAP_ENTRY_LEN);
			memset(entry(data, k - 1), 0, SNAP_ENTRY_LEN);
			put_u32(data + H_NSECTIONS, get_u32(data + H_NSECTIONS) - 1);
		}
		break;
	}
	return size;
}

/* A header field: a count, the title, the section count, the version,
 * or the file size (the data cut or extended to match, or not). */
static size_t
change_header(struct fuzz_rng *r, uint8_t *data, size_t size, size_t max)
{
	static const int fields[] = {H_N, H_M, H_NTYPES, H_NSTRINGS, H_TITLE, H_NSECTIONS, H_VERSION};
	size_t to;

	if (fuzz_rng_below(r, 3) != 0) {
		size_t f = (size_t)fields[fuzz_rng_below(r, sizeof fields / sizeof fields[0])];
		uint32_t v = boundary32(r, get_u32(data + f));
		if (fuzz_rng_below(r, 3) == 0)	/* another count's value */
			v = get_u32(data + H_N + 4 * fuzz_rng_below(r, 4));
		put_u32(data + f, v);
		return size;
	}
	if (fuzz_rng_below(r, 2) && size < max)
		to = size + 1 + below_size(r, min_size(max - size, 256));
	else
		to = SNAP_HEADER_LEN + below_size(r, size - SNAP_HEADER_LEN + 1);
	if (to > size)
		memset(data + size, 0, to - size);
	uint64_t said = to;
	switch (fuzz_rng_below(r, 6)) {
	case 0: said = to + 1; break;
	case 1: said = to - 1; break;
	case 2: said = UINT64_MAX - fuzz_rng_below(r, 2); break;
	case 3: said = size; break;
	default: break;
	}
	put_u64(data + H_FILE_SIZE, said);
	return to;
}

size_t
fuzz_mutate_fields(struct fuzz_rng *r, uint8_t *data, size_t size, size_t max)
{
	if (size > max)
		size = max;
	if (size < SNAP_HEADER_LEN)
		return fuzz_mutate_bytes(r, data, size, max);
	switch (fuzz_rng_below(r, 8)) {
	case 0:
		return change_header(r, data, size, max);
	case 1:
	case 2:
		return change_table(r, data, size, max);
	case 3:
	case 4:
		return change_count(r, data, size, max);
	default:
		set_value(r, data, size);
		return size;
	}
}

size_t
fuzz_mutate(struct fuzz_rng *r, uint8_t *data, size_t size, size_t max)
{
	uint32_t edits = 1 + fuzz_rng_below(r, 4);

	for (uint32_t i = 0; i < edits; i++)
		size = fuzz_rng_below(r, 2) ? fuzz_mutate_bytes(r, data, size, max)
					    : fuzz_mutate_fields(r, data, size, max);
	if (fuzz_rng_below(r, 2))
		fix_checksums(data, size);
	return size;
}

/* ------------------------------------------------------------ checksums */

void
fix_checksums(uint8_t *data, size_t size)
{
	uint32_t k = entries_inside(data, size);
	size_t off, len;

	for (uint32_t i = 0; i < k; i++)
		if (section_inside(data, size, i, &off, &len))
			put_u64(entry(data, i) + E_CHECKSUM, rc_snap_checksum(data + off, len));
	if (size < SNAP_HEADER_LEN || k != get_u32(data + H_NSECTIONS))
		return;
	put_u64(data + H_CHECKSUM, 0);
	put_u64(data + H_CHECKSUM,
		rc_snap_checksum(data, SNAP_HEADER_LEN + (size_t)k * SNAP_ENTRY_LEN));
}
