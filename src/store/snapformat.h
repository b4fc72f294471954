/* snapformat.h - the layout of a snapshot file, shared by its reader and
 * writer (see snapfile.h).  Private to src/store. */
#ifndef RC_SNAPFORMAT_H
#define RC_SNAPFORMAT_H

#include <stdint.h>
#include <string.h>

#define SNAP_MAGIC "\x89RCSNAP\n"
#define SNAP_MAGIC_LEN 8
#define SNAP_HEADER_LEN 64
#define SNAP_ENTRY_LEN 32
#define SNAP_MAX_SECTIONS 64

/* Header fields, by byte offset. */
enum {
	H_MAGIC = 0, H_VERSION = 8, H_NSECTIONS = 12, H_FILE_SIZE = 16,
	H_N = 24, H_M = 28, H_NTYPES = 32, H_NSTRINGS = 36, H_CREATED = 40,
	H_TITLE = 48, H_RESERVED = 52, H_CHECKSUM = 56
};

/* Section table entry fields, by byte offset. */
enum { E_KIND = 0, E_FLAGS = 4, E_OFFSET = 8, E_LENGTH = 16, E_CHECKSUM = 24 };

/* Section kinds.  A reader skips kinds it does not know (after checking
 * their checksum): a later version may add sections. */
enum snap_kind {
	SEC_STR_OFF = 1,    /* u64 x (nstrings + 1) */
	SEC_STR_DATA,       /* bytes: the strings, each NUL-terminated */
	SEC_TYPE_NAME,      /* u32 x ntypes: string ids */
	SEC_TYPE_OF,        /* u32 x n */
	SEC_SIZE,           /* u64 x n */
	SEC_ADDRESS,        /* u64 x n */
	SEC_SUMMARY,        /* u32 x n: string ids */
	SEC_ROOT,           /* u8 x n */
	SEC_OUT_OFF,        /* u32 x (n + 1) */
	SEC_OUT_DST,        /* u32 x m */
	SEC_LABEL,          /* u32 x m: string ids or 0xffffffff */
	SEC_REQUIRED_LAST = SEC_LABEL,
	/* Optional: a file may leave it out, and version-1 readers that
	 * predate it skip it. */
	SEC_ALLOCATED,      /* u32 x n: string ids ("file:line") or 0xffffffff */
	SEC_LAST = SEC_ALLOCATED
};

static inline void
put_u32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static inline void
put_u64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static inline uint32_t
get_u32(const unsigned char *p)
{
	uint32_t v = 0;
	for (int i = 3; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static inline uint64_t
get_u64(const unsigned char *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* Arrays are stored as the host lays them out: this machine must be
 * little-endian (checked by both sides). */
static inline int
host_is_little_endian(void)
{
	const uint32_t one = 1;
	unsigned char b;
	memcpy(&b, &one, 1);
	return b == 1;
}

#endif
