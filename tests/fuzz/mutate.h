/* mutate.h - what the fuzz harness, its libFuzzer mutator and the plain
 * driver share: a small seeded random generator, mutations of snapshot
 * files (blind byte edits, and edits that know the format), and
 * fix_checksums, which makes a mutated file's checksums right again so
 * that it gets past them to the checks behind (ids, UTF-8, the graph).
 *
 * Every function here takes any bytes at all (a file's table may point
 * anywhere) and never reads or writes outside data[0 .. max-1]. */
#ifndef RC_FUZZ_MUTATE_H
#define RC_FUZZ_MUTATE_H

#include <stddef.h>
#include <stdint.h>

/* The entry points libFuzzer calls and provides.  Without libFuzzer
 * (driver.c) the driver provides LLVMFuzzerMutate and calls the other
 * two itself. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed);
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

/* 1 if the last input LLVMFuzzerTestOneInput ran parsed, else 0 (for
 * the driver's counts: libFuzzer's entry point must return 0). */
extern int fuzz_snapfile_parsed;

/* splitmix64: the same seed, the same sequence, on every machine. */
struct fuzz_rng {
	uint64_t s;
};

void fuzz_rng_seed(struct fuzz_rng *r, uint64_t seed);
uint64_t fuzz_rng_next(struct fuzz_rng *r);
/* Uniform enough in 0 .. n-1; 0 when n is 0. */
uint32_t fuzz_rng_below(struct fuzz_rng *r, uint32_t n);

/* One blind edit of data (size bytes, room for max): a bit flip, a byte
 * or word set to a random or boundary value, truncation, extension,
 * a chunk copied over or inserted, a range erased.  The new size. */
size_t fuzz_mutate_bytes(struct fuzz_rng *r, uint8_t *data, size_t size, size_t max);

/* One edit that knows the format: a header count, the file size (the
 * data cut or extended to match), the section count, a table entry's
 * kind, offset or length, entries swapped or dropped, a section grown or
 * shrunk with everything after it moved, an id or offset inside a
 * section set to a boundary value (n, nstrings, RC_NONE, ...), a string
 * byte set to a tricky UTF-8 byte.  The new size.  Checksums are left
 * as they are: see fix_checksums. */
size_t fuzz_mutate_fields(struct fuzz_rng *r, uint8_t *data, size_t size, size_t max);

/* The plain driver's mutation: one to four edits of either kind, then
 * fix_checksums half the time.  The new size. */
size_t fuzz_mutate(struct fuzz_rng *r, uint8_t *data, size_t size, size_t max);

/* Recompute the checksum of every section whose table entry lies inside
 * data and points inside it, then the header's (when the whole table is
 * inside data and the section count is one a reader accepts).  Entries
 * that point outside the file are left as they are: the reader refuses
 * them before it looks at their checksums. */
void fix_checksums(uint8_t *data, size_t size);

#endif
