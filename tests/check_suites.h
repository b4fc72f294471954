/* check_suites.h - the check suites of the graph core, one per module,
 * and the helpers they share (defined in check_graph.c). */
#ifndef RC_CHECK_SUITES_H
#define RC_CHECK_SUITES_H

#include <check.h>
#include <stdint.h>

#include "src/graph/graph.h"

Suite *graph_suite(void);
Suite *nodeset_suite(void);
Suite *bfs_suite(void);
Suite *scc_suite(void);
Suite *subgraph_suite(void);
Suite *dom_suite(void);
Suite *rootpath_suite(void);
Suite *suspects_suite(void);
Suite *domjob_suite(void);
Suite *typeindex_suite(void);

/* Size of the million-node chain and cycle tests, and their timeout. */
#define RC_TEST_BIG 1000000u
#define RC_TEST_BIG_TIMEOUT 30

#define RC_TEST_COUNT(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))

/* An assertion for loops over many items.  check's ck_assert_* record
 * the location of every assertion that passes (a write to the runner's
 * channel each time), too slow for a million items; this one reaches
 * check only when it fails. */
#define RC_TEST_REQUIRE(expr) \
	do { \
		if (!(expr)) \
			ck_abort_msg("%s:%d: requirement '%s' failed", \
				     __FILE__, __LINE__, #expr); \
	} while (0)

/* Every invariant of a built graph: rc_graph_validate, rc_graph_tail on
 * every edge (and RC_NONE past the end), and rc_graph_in_edge_ids on
 * every node (ids increasing, head v, tail as listed, each edge of g
 * returned exactly once over all nodes), matched by rc_graph_in_edge_map. */
void rc_test_check_graph(const struct rc_graph *g);

/* rc_graph_from_pairs from an array of {src, dst}; base is subtracted
 * from every id (1 for the 1-based examples of the papers).  Asserts
 * success and rc_test_check_graph. */
void rc_test_build(struct rc_graph *g, uint32_t n,
		   const uint32_t (*pairs)[2], uint32_t m, uint32_t base);

/* 0 -> 1 -> ... -> n-1, and n-1 -> 0 too when cycle is set; built
 * through rc_graph_adopt_out and checked. */
void rc_test_chain(struct rc_graph *g, uint32_t n, int cycle);

/* splitmix64: a fixed-seed generator, the same on every platform. */
uint64_t rc_test_rand(uint64_t *state);
uint32_t rc_test_below(uint64_t *state, uint32_t bound);

/* m edges with uniformly random ends (self-loops and parallel edges
 * included), checked. */
void rc_test_random_graph(struct rc_graph *g, uint32_t n, uint32_t m,
			  uint64_t *state);

/* True when g has an edge u -> v (linear scan of u's out-list). */
int rc_test_has_edge(const struct rc_graph *g, uint32_t u, uint32_t v);

#endif
