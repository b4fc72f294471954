/* snapfile.c - writing snapshot files, and what reading and writing
 * share (see snapfile.h; the reader is snapread.c). */
#include <config.h>

#include "src/store/snapfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/common/file.h"
#include "src/common/i18n.h"
#include "src/store/snapformat.h"

uint64_t
rc_snap_sum_start(size_t len)
{
	return 0xcbf29ce484222325u ^ len;
}

uint64_t
rc_snap_sum_add(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i = 0;

	/* The shift after each multiply carries high bits down: without
	 * it, flips of the top bit in two words would cancel. */
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0x100000001b3u;
		h ^= h >> 31;
	}
	if (i < len) {
		uint64_t w = 0;
		memcpy(&w, p + i, len - i);
		h = (h ^ w) * 0x100000001b3u;
		h ^= h >> 31;
	}
	return h;
}

uint64_t
rc_snap_sum_end(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53u;
	h ^= h >> 33;
	return h;
}

uint64_t
rc_snap_checksum(const void *data, size_t len)
{
	return rc_snap_sum_end(rc_snap_sum_add(rc_snap_sum_start(len), data, len));
}

void
rc_snap_free(struct rc_snap *s)
{
	rc_graph_free(&s->g);
	free(s->image);
	memset(s, 0, sizeof *s);
	s->title = RC_NONE;
}

/* ------------------------------------------------------------ writing */

struct section {
	uint32_t kind;
	const void *data;
	uint64_t len;
	uint64_t offset;
};

static const uint64_t no_strings[1] = {0};

/* The sections of s, in file order, with their offsets. */
static uint32_t
layout(const struct rc_snap *s, struct section *sec)
{
	uint64_t n = s->g.n, m = s->g.m;
	const uint64_t *str_off = s->nstrings ? s->str_off : no_strings;
	uint32_t k = 0;

	sec[k++] = (struct section){SEC_STR_OFF, str_off, 8 * ((uint64_t)s->nstrings + 1), 0};
	sec[k++] = (struct section){SEC_STR_DATA, s->str_data, str_off[s->nstrings], 0};
	sec[k++] = (struct section){SEC_TYPE_NAME, s->type_name, 4 * (uint64_t)s->ntypes, 0};
	sec[k++] = (struct section){SEC_TYPE_OF, s->type_of, 4 * n, 0};
	sec[k++] = (struct section){SEC_SIZE, s->size, 8 * n, 0};
	sec[k++] = (struct section){SEC_ADDRESS, s->address, 8 * n, 0};
	sec[k++] = (struct section){SEC_SUMMARY, s->summary, 4 * n, 0};
	sec[k++] = (struct section){SEC_ROOT, s->root, n, 0};
	sec[k++] = (struct section){SEC_OUT_OFF, s->g.out_off, 4 * (n + 1), 0};
	sec[k++] = (struct section){SEC_OUT_DST, s->g.out_dst, 4 * m, 0};
	sec[k++] = (struct section){SEC_LABEL, s->label, 4 * m, 0};
	if (s->allocated != NULL)
		sec[k++] = (struct section){SEC_ALLOCATED, s->allocated, 4 * n, 0};
	uint64_t at = SNAP_HEADER_LEN + (uint64_t)k * SNAP_ENTRY_LEN;
	for (uint32_t i = 0; i < k; i++) {
		sec[i].offset = at;
		at = (at + sec[i].len + 7) & ~(uint64_t)7;
	}
	return k;
}

/* Header and section table, checksums included. */
static void
write_head(const struct rc_snap *s, const struct section *sec, uint32_t k,
	   uint64_t file_size, unsigned char *head)
{
	size_t len = SNAP_HEADER_LEN + (size_t)k * SNAP_ENTRY_LEN;

	memset(head, 0, len);
	memcpy(head + H_MAGIC, SNAP_MAGIC, SNAP_MAGIC_LEN);
	put_u32(head + H_VERSION, RC_SNAP_VERSION);
	put_u32(head + H_NSECTIONS, k);
	put_u64(head + H_FILE_SIZE, file_size);
	put_u32(head + H_N, s->g.n);
	put_u32(head + H_M, s->g.m);
	put_u32(head + H_NTYPES, s->ntypes);
	put_u32(head + H_NSTRINGS, s->nstrings);
	put_u64(head + H_CREATED, s->created);
	put_u32(head + H_TITLE, s->title);
	for (uint32_t i = 0; i < k; i++) {
		unsigned char *e = head + SNAP_HEADER_LEN + i * SNAP_ENTRY_LEN;
		put_u32(e + E_KIND, sec[i].kind);
		put_u64(e + E_OFFSET, sec[i].offset);
		put_u64(e + E_LENGTH, sec[i].len);
		put_u64(e + E_CHECKSUM, rc_snap_checksum(sec[i].data, sec[i].len));
	}
	put_u64(head + H_CHECKSUM, 0);
	put_u64(head + H_CHECKSUM, rc_snap_checksum(head, len));
}

static int
write_sections(FILE *f, const unsigned char *head, size_t head_len,
	       const struct section *sec, uint32_t k)
{
	static const char zeros[8];
	uint64_t at = head_len;

	if (fwrite(head, 1, head_len, f) != head_len)
		return -1;
	for (uint32_t i = 0; i < k; i++) {
		if (fwrite(zeros, 1, sec[i].offset - at, f) != sec[i].offset - at)
			return -1;
		if (sec[i].len > 0 && fwrite(sec[i].data, 1, sec[i].len, f) != sec[i].len)
			return -1;
		at = sec[i].offset + sec[i].len;
	}
	return 0;
}

int
rc_snap_write(const struct rc_snap *s, const char *path, struct rc_buf *err)
{
	struct section sec[SEC_LAST];
	unsigned char head[SNAP_HEADER_LEN + SEC_LAST * SNAP_ENTRY_LEN];
	struct rc_buf tmp = RC_BUF_INIT;

	if (!host_is_little_endian()) {
		rc_buf_puts(err, _("snapshot files are little-endian; this machine is not"));
		return -1;
	}
	uint32_t k = layout(s, sec);
	uint64_t file_size = sec[k - 1].offset + sec[k - 1].len;
	write_head(s, sec, k, file_size, head);
	/* A device or a FIFO is written as it is, not replaced (file.h). */
	int direct = rc_file_is_special(path);
	if (direct)
		rc_buf_puts(&tmp, path);
	else if (rc_file_create_temp(path, &tmp, err) < 0) {
		rc_buf_free(&tmp);
		return -1;
	}
	FILE *f = fopen(tmp.data, "wb");
	int rc = f != NULL ? write_sections(f, head, SNAP_HEADER_LEN + k * SNAP_ENTRY_LEN, sec, k)
			   : -1;
	if (f != NULL && fclose(f) != 0)
		rc = -1;
	if (rc == 0 && !direct && rename(tmp.data, path) != 0)
		rc = -1;
	if (rc != 0) {
		rc_buf_printf(err, _("cannot write %s: %s"), path, strerror(errno));
		if (!direct)
			unlink(tmp.data);
	}
	rc_buf_free(&tmp);
	return rc;
}
