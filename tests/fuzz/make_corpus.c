/* make_corpus.c - writes the fuzz corpus of tests/fuzz/corpus/ ("make
 * fuzz-corpus"; the files are committed, so this runs only when the
 * format or the set changes):
 *
 *   make_corpus DIR
 *
 * Small valid snapshots written by rc_snap_write (an empty one, the
 * worked example, one of awkward strings, awkward shapes, a random heap
 * of a few hundred objects, sizes that overflow a sum, a section of a
 * kind from the future) and invalid ones derived from them, most with
 * their checksums made right so that they exercise the checks behind
 * the checksums.  Deterministic: the same files every time. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/common/file.h"
#include "src/common/status.h"
#include "src/graph/graph.h"
#include "src/store/snapfile.h"
#include "src/store/snapformat.h"
#include "src/store/strtab.h"
#include "tests/fuzz/mutate.h"

#define MAXN 256
#define MAXM 512
#define MAXT 32

/* A heap being made: vertices and edges are added in order, the edges
 * grouped by source (so that edge ids, and labels, follow the order of
 * adding). */
struct heap {
	struct rc_strtab t;
	uint32_t n, m, ntypes;
	uint32_t type_name[MAXT], type_of[MAXN], summary[MAXN];
	uint64_t size[MAXN], address[MAXN];
	uint8_t root[MAXN];
	uint32_t src[MAXM], dst[MAXM], label[MAXM];
	uint32_t title;
};

static const char *dir;

static void
die(const char *what)
{
	fprintf(stderr, "make_corpus: %s\n", what);
	exit(1);
}

static uint32_t
str(struct heap *h, const char *s)
{
	uint32_t id = rc_strtab_intern(&h->t, s, strlen(s));

	if (id == RC_NONE)
		die("out of memory");
	return id;
}

static struct heap *
heap_new(const char *title)
{
	struct heap *h = calloc(1, sizeof *h);

	if (h == NULL)
		die("out of memory");
	rc_strtab_init(&h->t);
	h->title = title ? str(h, title) : RC_NONE;
	return h;
}

static void
heap_free(struct heap *h)
{
	rc_strtab_free(&h->t);
	free(h);
}

static uint32_t
type(struct heap *h, const char *name)
{
	if (h->ntypes == MAXT)
		die("too many types");
	h->type_name[h->ntypes] = str(h, name);
	return h->ntypes++;
}

static uint32_t
vertex(struct heap *h, uint32_t t, const char *summary, uint64_t size, uint8_t root)
{
	uint32_t v = h->n;

	if (v == MAXN)
		die("too many vertices");
	h->type_of[v] = t;
	h->summary[v] = str(h, summary);
	h->size[v] = size;
	h->address[v] = UINT64_C(0x7f3a5c001000) + 64 * (uint64_t)v;
	h->root[v] = root;
	h->n++;
	return v;
}

/* label NULL: unlabelled. */
static void
edge(struct heap *h, uint32_t u, uint32_t v, const char *label)
{
	if (h->m == MAXM)
		die("too many edges");
	if (h->m > 0 && u < h->src[h->m - 1])
		die("edges out of source order");
	h->src[h->m] = u;
	h->dst[h->m] = v;
	h->label[h->m] = label ? str(h, label) : RC_NONE;
	h->m++;
}

static char *
path_of(const char *name)
{
	static char path[4096];

	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
		die("path too long");
	return path;
}

static void
save(struct heap *h, const char *name)
{
	struct rc_snap s;
	struct rc_buf err = RC_BUF_INIT;

	memset(&s, 0, sizeof s);
	if (rc_graph_from_pairs(&s.g, h->n, h->src, h->dst, h->m) != RC_OK)
		die("bad graph");
	s.ntypes = h->ntypes;
	s.type_name = h->type_name;
	s.type_of = h->type_of;
	s.size = h->size;
	s.address = h->address;
	s.summary = h->summary;
	s.root = h->root;
	s.label = h->label;
	s.nstrings = h->t.n;
	s.str_off = h->t.off;
	s.str_data = h->t.data;
	s.title = h->title;
	s.created = 1764662400;
	if (rc_snap_write(&s, path_of(name), &err) != 0)
		die(rc_buf_cstr(&err));
	rc_graph_free(&s.g);
	rc_buf_free(&err);
}

/* ------------------------------------------------------ file surgery */

struct image {
	uint8_t *data;
	size_t len;
};

static struct image
load(const char *name)
{
	FILE *f = fopen(path_of(name), "rb");
	struct image im;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0)
		die(name);
	im.len = (size_t)ftell(f);
	rewind(f);
	/* Room for what the edits add. */
	im.data = calloc(1, im.len + 1024);
	if (im.data == NULL || fread(im.data, 1, im.len, f) != im.len)
		die(name);
	fclose(f);
	return im;
}

static void
store(struct image *im, const char *name)
{
	struct rc_buf err = RC_BUF_INIT;

	if (rc_file_write_atomic(path_of(name), (const char *)im->data, im->len, &err) != 0)
		die(rc_buf_cstr(&err));
	rc_buf_free(&err);
	free(im->data);
}

/* The table entry of the section of that kind. */
static uint8_t *
entry_of(struct image *im, uint32_t kind)
{
	uint32_t k = get_u32(im->data + H_NSECTIONS);

	for (uint32_t i = 0; i < k; i++) {
		uint8_t *e = im->data + SNAP_HEADER_LEN + i * SNAP_ENTRY_LEN;
		if (get_u32(e + E_KIND) == kind)
			return e;
	}
	die("no such section");
	return NULL;
}

/* Where the section of that kind starts. */
static uint8_t *
section(struct image *im, uint32_t kind)
{
	return im->data + get_u64(entry_of(im, kind) + E_OFFSET);
}

/* --------------------------------------------------------- the files */

static void
empty(void)
{
	struct heap *h = heap_new(NULL);

	save(h, "valid-empty.rcsnap");
	heap_free(h);
}

/* The manual's worked example: a frame holds a bound method, whose
 * __self__ holds an object, whose __dict__ holds a list. */
static void
worked_example(void)
{
	struct heap *h = heap_new("python 3.11.2 pid 4242 worker.py");
	uint32_t frame = type(h, "frame"), method = type(h, "method");
	uint32_t comp = type(h, "SomeComputation"), dict = type(h, "dict");

	vertex(h, frame, "frame worker worker.py:12", 432, RC_ROOT_FRAME);
	vertex(h, method, "method SomeComputation.run", 64, RC_ROOT_NONE);
	vertex(h, comp, "SomeComputation", 56, RC_ROOT_NONE);
	vertex(h, dict, "dict len=1", 232, RC_ROOT_NONE);
	vertex(h, type(h, "list"), "list len=3", 88, RC_ROOT_NONE);
	edge(h, 0, 1, "local 'job'");
	edge(h, 1, 2, "__self__");
	edge(h, 2, 3, "__dict__");
	edge(h, 2, 4, NULL);
	edge(h, 3, 4, "value['items']");
	save(h, "valid-worked-example.rcsnap");
	heap_free(h);
}

/* Strings at every UTF-8 boundary, the empty one, a long one, and
 * labels and type names that are not ASCII. */
static void
strings(void)
{
	static const char *const summaries[] = {
		"", "a", "caf\xc3\xa9", "\xc2\x80 U+0080", "\xdf\xbf U+07FF", "\xe0\xa0\x80 U+0800",
		"\xed\x9f\xbf U+D7FF", "\xee\x80\x80 U+E000", "\xef\xbf\xbf U+FFFF",
		"\xf0\x90\x80\x80 U+10000", "\xf4\x8f\xbf\xbf U+10FFFF",
		"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xf0\x9f\x90\x8d", "tab\tnewline\ncontrol\x01\x7f",
		"str len=200 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'"
	};
	enum { COUNT = sizeof summaries / sizeof summaries[0] };
	struct heap *h = heap_new("\xc3\xa9t\xc3\xa9 \xe2\x80\x94 snapshot \xf0\x9f\x93\xb8");
	uint32_t t[3];
	char label[64];

	t[0] = type(h, "str");
	t[1] = type(h, "Stra\xc3\x9f" "e");
	t[2] = type(h, "\xce\xbb");
	for (uint32_t v = 0; v < COUNT; v++)
		vertex(h, t[v % 3], summaries[v], 49 + v, v == 0 ? RC_ROOT_MODULE : RC_ROOT_NONE);
	for (uint32_t v = 0; v < COUNT; v++) {
		snprintf(label, sizeof label, "\xc2\xbb" "item[%u] %s", v, v % 2 ? "\xe2\x86\x92" : "");
		edge(h, v, (v + 1) % COUNT, label);
		if (v % 4 == 0)
			edge(h, v, (v + 5) % COUNT, "");
	}
	save(h, "valid-strings-utf8.rcsnap");
	heap_free(h);
}

/* Shapes the graph algorithms must get right: no roots at all (all
 * adopted), self-loops, parallel edges, a diamond, garbage cycles with
 * edges into the live part, a chain, an isolated vertex. */
static void
shapes(void)
{
	struct heap *h = heap_new("shapes");
	uint32_t obj = type(h, "object"), unused = type(h, "never used");
	char summary[32];

	(void)unused;
	for (uint32_t v = 0; v < 16; v++) {
		snprintf(summary, sizeof summary, "object #%u", v);
		vertex(h, obj, summary, v % 3 == 0 ? 0 : 16 * v, RC_ROOT_NONE);
	}
	edge(h, 0, 0, "self");
	edge(h, 0, 1, "a");
	edge(h, 0, 1, "a again");
	edge(h, 0, 2, NULL);
	edge(h, 1, 3, NULL);
	edge(h, 2, 3, NULL);
	edge(h, 3, 4, NULL);
	edge(h, 4, 0, "back");
	edge(h, 5, 6, NULL);
	edge(h, 6, 7, NULL);
	edge(h, 7, 5, NULL);
	edge(h, 7, 3, "into the live part");
	edge(h, 8, 9, NULL);
	edge(h, 9, 10, NULL);
	edge(h, 10, 11, NULL);
	edge(h, 11, 12, NULL);
	edge(h, 12, 12, NULL);
	edge(h, 13, 14, NULL);
	edge(h, 14, 13, NULL);
	save(h, "valid-shapes-no-roots.rcsnap");
	heap_free(h);
}

/* Shallow sizes whose sum does not fit 64 bits: the file is valid, the
 * retained sizes are refused (RC_EOVERFLOW). */
static void
size_overflow(void)
{
	struct heap *h = heap_new(NULL);
	uint32_t t = type(h, "bytes");

	vertex(h, t, "bytes len=huge", UINT64_MAX / 2, RC_ROOT_EXTERNAL);
	vertex(h, t, "bytes len=huge", UINT64_MAX / 2, RC_ROOT_NONE);
	vertex(h, t, "bytes len=huge", UINT64_MAX / 2, RC_ROOT_NONE);
	edge(h, 0, 1, NULL);
	edge(h, 1, 2, NULL);
	save(h, "valid-size-overflow.rcsnap");
	heap_free(h);
}

/* A random heap: a module, frames and external roots, lists, dicts and
 * instances, some garbage; labels interned (most repeat). */
static void
random_heap(void)
{
	static const char *const types[] = {
		"module", "frame", "dict", "list", "tuple", "function", "cell",
		"SomeComputation", "str", "int", "set", "type"
	};
	enum { N = 200, NT = sizeof types / sizeof types[0] };
	struct heap *h = heap_new("random heap, seed 20251202");
	struct fuzz_rng r;
	char buf[48];

	fuzz_rng_seed(&r, 20251202);
	for (uint32_t i = 0; i < NT; i++)
		type(h, types[i]);
	for (uint32_t v = 0; v < N; v++) {
		uint32_t t = v == 0 ? 0 : v < 4 ? 1 : 2 + fuzz_rng_below(&r, NT - 2);
		uint8_t root = v == 0 ? RC_ROOT_MODULE : v < 4 ? RC_ROOT_FRAME
			       : fuzz_rng_below(&r, 40) == 0 ? RC_ROOT_EXTERNAL : RC_ROOT_NONE;
		snprintf(buf, sizeof buf, "%s len=%u", types[t], fuzz_rng_below(&r, 6));
		vertex(h, t, buf, 16 + 8 * fuzz_rng_below(&r, 64), root);
	}
	for (uint32_t u = 0; u < N && h->m < MAXM - 8; u++) {
		uint32_t degree = u == 0 ? 8 : fuzz_rng_below(&r, 4);
		for (uint32_t i = 0; i < degree; i++) {
			uint32_t v = fuzz_rng_below(&r, 20) == 0 ? u : fuzz_rng_below(&r, N);
			switch (fuzz_rng_below(&r, 5)) {
			case 0: edge(h, u, v, NULL); break;
			case 1: edge(h, u, v, "__dict__"); break;
			case 2:
				snprintf(buf, sizeof buf, "item[%u]", i);
				edge(h, u, v, buf);
				break;
			default:
				snprintf(buf, sizeof buf, "value['k%u']", fuzz_rng_below(&r, 8));
				edge(h, u, v, buf);
				break;
			}
		}
	}
	save(h, "valid-random-200.rcsnap");
	heap_free(h);
}

/* The worked example with one more section, of a kind a later version
 * might add: a reader checks its checksum and skips it. */
static void
unknown_section(void)
{
	static const char future[] = "from a later version";
	struct image im = load("valid-worked-example.rcsnap");
	uint32_t k = get_u32(im.data + H_NSECTIONS);
	size_t table_end = SNAP_HEADER_LEN + (size_t)k * SNAP_ENTRY_LEN;

	/* Make room for one more entry; every section moves by 32. */
	memmove(im.data + table_end + SNAP_ENTRY_LEN, im.data + table_end, im.len - table_end);
	im.len += SNAP_ENTRY_LEN;
	for (uint32_t i = 0; i < k; i++) {
		uint8_t *e = im.data + SNAP_HEADER_LEN + i * SNAP_ENTRY_LEN;
		put_u64(e + E_OFFSET, get_u64(e + E_OFFSET) + SNAP_ENTRY_LEN);
	}
	size_t at = (im.len + 7) & ~(size_t)7;
	memset(im.data + im.len, 0, at - im.len);
	memcpy(im.data + at, future, sizeof future - 1);
	im.len = at + sizeof future - 1;
	uint8_t *e = im.data + table_end;
	memset(e, 0, SNAP_ENTRY_LEN);
	put_u32(e + E_KIND, 200);
	put_u64(e + E_OFFSET, at);
	put_u64(e + E_LENGTH, sizeof future - 1);
	put_u32(im.data + H_NSECTIONS, k + 1);
	put_u64(im.data + H_FILE_SIZE, im.len);
	fix_checksums(im.data, im.len);
	store(&im, "valid-unknown-section.rcsnap");
}

static void
invalid(void)
{
	static const char json[] = "{\"vertices\": [], \"edges\": []}\n";
	struct image im;

	im = load("valid-worked-example.rcsnap");
	im.len = im.len * 2 / 3;
	store(&im, "invalid-truncated.rcsnap");

	im = load("valid-worked-example.rcsnap");
	section(&im, SEC_SUMMARY)[4] ^= 1;
	store(&im, "invalid-section-checksum.rcsnap");

	im = load("valid-worked-example.rcsnap");
	put_u32(im.data + H_VERSION, RC_SNAP_VERSION + 1);
	fix_checksums(im.data, im.len);
	store(&im, "invalid-version-2.rcsnap");

	/* Padding (which no checksum covers) must be zero. */
	im = load("valid-worked-example.rcsnap");
	{
		uint8_t *e = entry_of(&im, SEC_ROOT);
		uint64_t end = get_u64(e + E_OFFSET) + get_u64(e + E_LENGTH);
		if (end % 8 == 0)
			die("no padding after the roots");
		im.data[end] = 'x';
	}
	store(&im, "invalid-padding-not-zero.rcsnap");

	/* The rest have their checksums right: only the check behind them
	 * can tell. */
	im = load("valid-worked-example.rcsnap");
	{
		/* The edges where the labels are (the place they left zeroed). */
		uint8_t *e = entry_of(&im, SEC_OUT_DST);
		memset(im.data + get_u64(e + E_OFFSET), 0, get_u64(e + E_LENGTH));
		put_u64(e + E_OFFSET, get_u64(entry_of(&im, SEC_LABEL) + E_OFFSET));
	}
	fix_checksums(im.data, im.len);
	store(&im, "invalid-sections-overlap.rcsnap");

	im = load("valid-worked-example.rcsnap");
	put_u32(im.data + H_N, 0xfffffffe);
	put_u32(im.data + H_M, 0xfffffffe);
	fix_checksums(im.data, im.len);
	store(&im, "invalid-huge-counts.rcsnap");

	im = load("valid-worked-example.rcsnap");
	put_u32(section(&im, SEC_OUT_DST) + 4, 5);
	fix_checksums(im.data, im.len);
	store(&im, "invalid-edge-head.rcsnap");

	im = load("valid-worked-example.rcsnap");
	put_u32(section(&im, SEC_LABEL) + 8, 1000);
	fix_checksums(im.data, im.len);
	store(&im, "invalid-label-id.rcsnap");

	im = load("valid-strings-utf8.rcsnap");
	put_u64(section(&im, SEC_STR_OFF) + 16, 1);
	fix_checksums(im.data, im.len);
	store(&im, "invalid-string-offsets.rcsnap");

	im = load("valid-strings-utf8.rcsnap");
	{
		/* Surrogate U+D800 in place of U+D7FF's encoding. */
		uint8_t *d = section(&im, SEC_STR_DATA);
		uint8_t *p = memmem(d, im.len - (size_t)(d - im.data), "\xed\x9f\xbf", 3);
		if (p == NULL)
			die("no U+D7FF");
		memcpy(p, "\xed\xa0\x80", 3);
	}
	fix_checksums(im.data, im.len);
	store(&im, "invalid-utf8-surrogate.rcsnap");

	im.data = malloc(sizeof json);
	if (im.data == NULL)
		die("out of memory");
	memcpy(im.data, json, sizeof json - 1);
	im.len = sizeof json - 1;
	store(&im, "invalid-not-a-snapshot.json");
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: make_corpus DIR\n");
		return 2;
	}
	dir = argv[1];
	empty();
	worked_example();
	strings();
	shapes();
	size_overflow();
	random_heap();
	unknown_section();
	invalid();
	return 0;
}
