/* tui_fixture.h - a synthetic struct rc_model for the browser's tests
 * and the test host: vertices with a type name, size and summary, edges
 * with labels, roots; built into a CSR graph. */
#ifndef RC_TUI_FIXTURE_H
#define RC_TUI_FIXTURE_H

#include <stdint.h>

#include "src/graph/graph.h"
#include "src/model/model.h"

struct tui_fixture {
	struct rc_graph g;
	struct rc_model m;

	uint32_t n, nedges, cap_v, cap_e;
	uint32_t ntypes, cap_t;
	char **type_names;
	uint32_t *type_of;
	uint64_t *size, *address;
	char **summaries;        /* per vertex */
	uint8_t *roots;          /* per vertex: enum rc_root_kind */
	uint32_t *esrc, *edst;   /* edges in the order added */
	char **elabels;          /* per edge added (NULL: unlabelled) */
	char **labels;           /* per edge id, after build */

	/* Counters the tests look at. */
	uint64_t summary_calls, label_calls;
	int fail_summary_of;     /* vertex whose summary fails, or -1 */
	int interrupt;           /* what interrupted() returns */
	int export_calls;
	char export_path[256];
	int export_fail;
};

void tf_init(struct tui_fixture *f);
void tf_free(struct tui_fixture *f);
/* A vertex; the type is created on first use.  Returns its id.  Aborts
 * on out of memory (tests only). */
uint32_t tf_vertex(struct tui_fixture *f, const char *type, uint64_t size,
		   const char *summary);
/* An edge src -> dst; label NULL means not identified. */
void tf_edge(struct tui_fixture *f, uint32_t src, uint32_t dst,
	     const char *label);
void tf_root(struct tui_fixture *f, uint32_t v, enum rc_root_kind kind);
/* Build the graph and fill f->m (callbacks with ctx = f). */
void tf_build(struct tui_fixture *f);
/* The edge id of the k-th edge added (0-based). */
uint32_t tf_edge_id(const struct tui_fixture *f, uint32_t k);

/* The worked example of the README: a worker frame --local 'job'--> a
 * method --__self__--> a SomeComputation, the frames' f_back chain to a
 * module, and nfiller more objects of several types referring to one
 * another and to the module.  *computation receives the
 * SomeComputation's id.  Built. */
void tf_worked_example(struct tui_fixture *f, uint32_t nfiller,
		       uint32_t *computation);

#endif
