/* fuzz_snapfile.c - the fuzz target for snapshot files: any bytes at all
 * go to rc_snap_parse, which must refuse them with a message or accept
 * them; what it accepts must then be safe for everything a consumer
 * does on load (every string, type, summary, label and root read; the
 * graph validated; dominators and retained sizes computed, as the
 * browser does).  A sanitizer report, a failed check here (abort) or a
 * leak is a bug.
 *
 * Built two ways: with clang -fsanitize=fuzzer ("make fuzz"), where
 * libFuzzer calls both entry points, and with the project's compiler
 * and flags into tests/fuzz/fuzz_snapfile_run, whose driver.c calls
 * them without libFuzzer. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"
#include "src/graph/dom.h"
#include "src/graph/graph.h"
#include "src/graph/scc.h"
#include "src/store/snapfile.h"
#include "tests/fuzz/mutate.h"

/* A check that holds whatever the input: abort (which libFuzzer and the
 * driver report as a crash) with what failed. */
#define REQUIRE(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "fuzz_snapfile.c:%d: %s\n", __LINE__, #cond); \
			abort();					\
		}							\
	} while (0)

int fuzz_snapfile_parsed;

/* Bytes read, summed so that no read can be optimised away. */
static volatile uint64_t sink;

/* A string of the snapshot, read to its end: it must be NUL-terminated
 * exactly where the offsets say (the reader refuses a NUL inside). */
static void
touch_string(const struct rc_snap *s, uint32_t id)
{
	REQUIRE(id < s->nstrings);
	const char *str = rc_snap_string(s, id);
	size_t len = strlen(str);
	REQUIRE(len + 1 == s->str_off[id + 1] - s->str_off[id]);
	sink += len + (len ? (unsigned char)str[len - 1] : 0);
}

/* What the browser computes on load: dominators over the roots (all the
 * vertices with a root kind; the unreached adopted), retained sizes, per
 * type too, and the dominator tree. */
static void
dominators(const struct rc_snap *s)
{
	const struct rc_graph *g = &s->g;
	uint32_t n = g->n, nroots = 0;
	uint32_t *roots = malloc(((size_t)n + 1) * sizeof *roots);
	uint64_t *retained = malloc(((size_t)n + 1) * sizeof *retained);
	uint64_t *type_retained = malloc(((size_t)s->ntypes + 1) * sizeof *type_retained);
	uint32_t *kid_off = NULL, *kids = NULL;
	struct rc_dom d;
	uint64_t total = 0;

	REQUIRE(roots != NULL && retained != NULL && type_retained != NULL);
	for (uint32_t v = 0; v < n; v++)
		if (s->root[v] != RC_ROOT_NONE)
			roots[nroots++] = v;
	REQUIRE(rc_dom_compute(&d, g, roots, nroots, 1) == RC_OK);
	REQUIRE(d.n == n && d.count == n);
	for (uint32_t i = 0; i < d.count; i++) {
		uint32_t v = d.order[i];
		REQUIRE(v < n && d.idom[v] <= n);
	}
	/* Sizes come from the file and may add up to more than 64 bits:
	 * then retained sizes are refused, not wrapped. */
	int status = rc_dom_retained(&d, s->size, retained, &total);
	REQUIRE(status == RC_OK || status == RC_EOVERFLOW);
	if (status == RC_OK) {
		for (uint32_t v = 0; v < n; v++)
			REQUIRE(retained[v] >= s->size[v] && retained[v] <= total);
		REQUIRE(rc_dom_group_retained(&d, s->type_of, s->ntypes, retained,
					      type_retained) == RC_OK);
		for (uint32_t t = 0; t < s->ntypes; t++)
			REQUIRE(type_retained[t] <= total);
	}
	REQUIRE(rc_dom_children(&d, &kid_off, &kids) == RC_OK);
	REQUIRE(kid_off[0] == 0 && kid_off[n + 1] == d.count);
	for (uint32_t i = 0; i < d.count; i++)
		REQUIRE(kids[i] < n);
	free(kid_off);
	free(kids);
	rc_dom_free(&d);
	free(roots);
	free(retained);
	free(type_retained);
}

/* Cycles: the browser's cycle view starts from the strongly connected
 * components. */
static void
components(const struct rc_graph *g)
{
	uint32_t *comp = malloc(((size_t)g->n + 1) * sizeof *comp), ncomp = 0;

	REQUIRE(comp != NULL);
	REQUIRE(rc_scc(g, comp, &ncomp) == RC_OK);
	REQUIRE(ncomp <= g->n);
	for (uint32_t v = 0; v < g->n; v++) {
		REQUIRE(comp[v] < ncomp);
		/* A component's successors have smaller numbers. */
		const uint32_t *out = rc_graph_neighbours(g, v, RC_OUT);
		for (uint32_t i = 0; i < rc_graph_degree(g, v, RC_OUT); i++)
			REQUIRE(comp[out[i]] <= comp[v]);
	}
	free(comp);
}

/* Everything a consumer of an accepted snapshot may touch. */
static void
walk(const struct rc_snap *s)
{
	const struct rc_graph *g = &s->g;
	uint64_t sum = 0;

	for (uint32_t i = 0; i < s->nstrings; i++)
		touch_string(s, i);
	if (s->title != RC_NONE)
		touch_string(s, s->title);
	for (uint32_t t = 0; t < s->ntypes; t++)
		touch_string(s, s->type_name[t]);
	for (uint32_t v = 0; v < g->n; v++) {
		REQUIRE(s->type_of[v] < s->ntypes);
		touch_string(s, s->type_name[s->type_of[v]]);
		touch_string(s, s->summary[v]);
		REQUIRE(s->root[v] < RC_ROOT_KIND_COUNT);
		sum += s->size[v] ^ s->address[v];
	}
	for (uint32_t e = 0; e < g->m; e++)
		if (s->label[e] != RC_NONE)
			touch_string(s, s->label[e]);
	REQUIRE(rc_graph_validate(g) == RC_OK);
	for (uint32_t v = 0; v < g->n; v++) {
		const uint32_t *out = rc_graph_neighbours(g, v, RC_OUT);
		const uint32_t *in = rc_graph_neighbours(g, v, RC_IN);
		for (uint32_t i = 0; i < rc_graph_degree(g, v, RC_OUT); i++)
			REQUIRE(out[i] < g->n);
		for (uint32_t i = 0; i < rc_graph_degree(g, v, RC_IN); i++)
			REQUIRE(in[i] < g->n);
	}
	sink += sum;
	dominators(s);
	components(g);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The reader takes over a malloc'd image (and relies on malloc's
	 * alignment); a copy of exactly size bytes lets ASan catch a read
	 * one past the end. */
	void *image = malloc(size ? size : 1);
	struct rc_buf err = RC_BUF_INIT;
	struct rc_snap s;

	REQUIRE(image != NULL);
	if (size > 0)
		memcpy(image, data, size);
	fuzz_snapfile_parsed = rc_snap_parse(&s, image, size, &err) == 0;
	if (fuzz_snapfile_parsed) {
		REQUIRE(err.len == 0);
		walk(&s);
		rc_snap_free(&s);
		REQUIRE(s.image == NULL && s.g.out_off == NULL);
	} else {
		/* Refused: with a message, and nothing kept. */
		const char *msg = rc_buf_cstr(&err);
		REQUIRE(msg != NULL && msg[0] != '\0');
		REQUIRE(s.image == NULL && s.g.out_off == NULL && s.g.n == 0);
	}
	rc_buf_free(&err);
	return 0;
}

/* libFuzzer's own byte-level mutations (coverage-guided, with its
 * dictionary of compared values) most of the time, format-aware edits
 * otherwise; then, three times in four, the checksums made right, so
 * that the input reaches the checks behind them.  The quarter left
 * alone keeps the checksum paths (and files that are wrong in several
 * ways at once) covered. */
size_t
LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
	struct fuzz_rng r;

	fuzz_rng_seed(&r, seed);
	switch (fuzz_rng_below(&r, 8)) {
	case 0: case 1: case 2: case 3:
		size = LLVMFuzzerMutate(data, size, max_size);
		break;
	case 4: case 5: case 6:
		size = fuzz_mutate_fields(&r, data, size, max_size);
		break;
	default:
		size = LLVMFuzzerMutate(data, size, max_size);
		size = fuzz_mutate_fields(&r, data, size, max_size);
		break;
	}
	if (fuzz_rng_below(&r, 4) != 0)
		fix_checksums(data, size);
	return size;
}
