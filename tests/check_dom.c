/* check_dom.c - tests of dom.c and domtree.c: dominator trees, retained
 * sizes, the tree as CSR and group retained sizes, against known examples
 * and a brute-force derivation from the definitions. */
#include <config.h>

#include "tests/check_suites.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "src/common/status.h"
#include "src/graph/dom.h"
#include "src/graph/graph.h"

/* What holds for any result: order lists each reached node once, its
 * idom (a node or the super-root) first; exactly the listed nodes have
 * an idom; rc_dom_children gives the same tree, lists increasing. */
static void
check_shape(const struct rc_graph *g, const struct rc_dom *d)
{
	uint32_t n = g->n, k, v, p, *off, *kids;
	uint8_t *seen = calloc((size_t)n + 1, 1);

	ck_assert_ptr_nonnull(seen);
	ck_assert_uint_eq(d->n, n);
	ck_assert_uint_le(d->count, n);
	ck_assert_ptr_nonnull(d->idom);
	ck_assert_ptr_nonnull(d->order);
	for (k = 0; k < d->count; k++) {
		v = d->order[k];
		RC_TEST_REQUIRE(v < n && !seen[v]);
		p = d->idom[v];
		RC_TEST_REQUIRE(p == RC_DOM_SUPER(d) || (p < n && seen[p]));
		seen[v] = 1;
	}
	for (v = 0; v < n; v++)
		RC_TEST_REQUIRE((d->idom[v] != RC_NONE) == seen[v]);

	ck_assert_int_eq(rc_dom_children(d, &off, &kids), RC_OK);
	ck_assert_uint_eq(off[0], 0);
	ck_assert_uint_eq(off[n + 1], d->count);
	for (p = 0; p <= n; p++) {
		RC_TEST_REQUIRE(off[p] <= off[p + 1]);
		for (k = off[p]; k < off[p + 1]; k++) {
			RC_TEST_REQUIRE(d->idom[kids[k]] == p);
			RC_TEST_REQUIRE(k == off[p] || kids[k - 1] < kids[k]);
		}
	}
	free(off);
	free(kids);
	free(seen);
}

/* ------------------------------------------------------- brute force */

/* Node sets as bit masks: up to 63 nodes, bit n being the super-root. */
#define BR_MAX 63
#define BIT(v) ((uint64_t)1 << (v))

struct brute {
	uint32_t n;
	uint64_t out[BR_MAX];		/* successors of each node */
	uint64_t reach;			/* reached from the super-root */
	uint64_t dom[BR_MAX];		/* dominators of each reached node,
					 * the super-root and itself included */
	uint32_t idom[BR_MAX];
};

/* Nodes reached from the roots without passing through x (RC_NONE:
 * none removed), by fixpoint iteration. */
static uint64_t
br_reach(const struct brute *b, uint64_t roots, uint32_t x)
{
	uint64_t ban = x == RC_NONE ? 0 : BIT(x);
	uint64_t cur = roots & ~ban, prev = 0;
	uint32_t v;

	while (cur != prev) {
		prev = cur;
		for (v = 0; v < b->n; v++)
			if (prev & BIT(v))
				cur |= b->out[v] & ~ban;
	}
	return cur;
}

/* x dominates v iff v is lost when x is removed.  The idom is the strict
 * dominator that every other strict dominator dominates: exactly one. */
static void
br_dominators(struct brute *b, uint64_t roots)
{
	uint32_t n = b->n, v, x, c, found;

	b->reach = br_reach(b, roots, RC_NONE);
	for (v = 0; v < n; v++)
		b->dom[v] = BIT(n) | BIT(v);
	for (x = 0; x < n; x++) {
		uint64_t lost;

		if (!(b->reach & BIT(x)))
			continue;
		lost = b->reach & ~br_reach(b, roots, x);
		for (v = 0; v < n; v++)
			if (lost & BIT(v))
				b->dom[v] |= BIT(x);
	}
	for (v = 0; v < n; v++) {
		uint64_t strict = b->dom[v] & ~BIT(v);

		b->idom[v] = RC_NONE;
		if (!(b->reach & BIT(v)))
			continue;
		found = 0;
		for (c = 0; c <= n; c++) {
			uint64_t cdom = c == n ? BIT(n) : b->dom[c];

			if ((strict & BIT(c)) && (strict & ~cdom) == 0) {
				b->idom[v] = c;
				found++;
			}
		}
		RC_TEST_REQUIRE(found == 1);
	}
}

/* The extra roots by their definition: an unreached node lies in a
 * source component of the unreached part iff every unreached node that
 * reaches it (within that part) is reached from it. */
static uint64_t
br_extra_roots(const struct brute *b)
{
	uint64_t un = ((BIT(b->n) - 1) & ~b->reach), reach[BR_MAX], extra = 0;
	uint32_t u, w, k;

	for (u = 0; u < b->n; u++)
		reach[u] = (un & BIT(u)) ? BIT(u) | (b->out[u] & un) : 0;
	for (k = 0; k < b->n; k++)
		for (u = 0; u < b->n; u++)
			if (reach[u] & BIT(k))
				reach[u] |= reach[k];
	for (u = 0; u < b->n; u++) {
		int source = (un & BIT(u)) != 0;

		for (w = 0; w < b->n && source; w++)
			if ((reach[w] & BIT(u)) && !(reach[u] & BIT(w)))
				source = 0;
		if (source)
			extra |= BIT(u);
	}
	return extra;
}

static void
br_build(struct brute *b, const struct rc_graph *g, const uint32_t *roots,
	 uint32_t nroots, int adopt)
{
	uint64_t rmask = 0;
	uint32_t v, e;

	ck_assert_uint_le(g->n, BR_MAX);
	memset(b, 0, sizeof(*b));
	b->n = g->n;
	for (v = 0; v < g->n; v++)
		for (e = g->out_off[v]; e < g->out_off[v + 1]; e++)
			b->out[v] |= BIT(g->out_dst[e]);
	for (v = 0; v < nroots; v++)
		rmask |= BIT(roots[v]);
	br_dominators(b, rmask);
	if (adopt) {
		uint64_t live = b->reach;

		rmask |= br_extra_roots(b);
		/* Adopted nodes take no dominance from reached ones. */
		for (v = 0; v < g->n; v++)
			if (!(live & BIT(v)))
				b->out[v] &= ~live;
		br_dominators(b, rmask);
		ck_assert_uint_eq(b->reach, BIT(b->n) - 1);
	}
}

/* Retained sizes by definition: the shallow sizes of what v dominates;
 * group sizes: the retained sizes of the nodes of the group with no
 * strict dominator (super-root aside) in it. */
static void
br_check_sizes(const struct brute *b, const struct rc_dom *d,
	       const uint64_t *shallow, const uint32_t *group_of,
	       uint32_t ngroups)
{
	uint64_t retained[BR_MAX], want, total = 0, gr[BR_MAX + 1];
	uint64_t got_total = UINT64_MAX, gwant[BR_MAX + 1];
	uint32_t n = b->n, v, u;

	ck_assert_int_eq(rc_dom_retained(d, shallow, retained, &got_total),
			 RC_OK);
	for (v = 0; v < n; v++) {
		want = shallow[v];
		if (b->reach & BIT(v)) {
			total += shallow[v];
			want = 0;
			for (u = 0; u < n; u++)
				if (b->dom[u] & BIT(v))
					want += shallow[u];
		}
		RC_TEST_REQUIRE(retained[v] == want);
	}
	ck_assert_uint_eq(got_total, total);
	ck_assert_int_eq(rc_dom_retained(d, shallow, retained, NULL), RC_OK);

	memset(gwant, 0, sizeof(gwant));
	for (v = 0; v < n; v++) {
		int top = 1;

		for (u = 0; u < n; u++)
			if (u != v && (b->dom[v] & BIT(u)) &&
			    group_of[u] == group_of[v])
				top = 0;
		if (top)
			gwant[group_of[v]] += retained[v];
	}
	ck_assert_int_eq(rc_dom_group_retained(d, group_of, ngroups, retained,
					       gr), RC_OK);
	for (v = 0; v < ngroups; v++)
		RC_TEST_REQUIRE(gr[v] == gwant[v]);
}

/* rc_dom_compute against the brute force, shape, sizes with shallow
 * sizes and groups drawn from seed.  d is the caller's to free. */
static void
verify(const struct rc_graph *g, const uint32_t *roots, uint32_t nroots,
       int adopt, uint64_t seed, struct rc_dom *d)
{
	struct brute b;
	uint64_t shallow[BR_MAX];
	uint32_t group_of[BR_MAX], ngroups = 1 + rc_test_below(&seed, 5);
	uint32_t v, count = 0;

	br_build(&b, g, roots, nroots, adopt);
	ck_assert_int_eq(rc_dom_compute(d, g, roots, nroots, adopt), RC_OK);
	check_shape(g, d);
	for (v = 0; v < g->n; v++) {
		RC_TEST_REQUIRE(d->idom[v] == b.idom[v]);
		count += (b.reach & BIT(v)) != 0;
		shallow[v] = rc_test_below(&seed, 1000);
		group_of[v] = rc_test_below(&seed, ngroups);
	}
	ck_assert_uint_eq(d->count, count);
	br_check_sizes(&b, d, shallow, group_of, ngroups);
}

/* verify, then compare the idoms with the expected ones (1-based pairs
 * and roots, want[v - 1] the 1-based idom of v, 0 for the super-root,
 * RC_NONE for unreachable). */
static void
check_example(const uint32_t (*pairs)[2], uint32_t m, uint32_t n,
	      const uint32_t *roots1, uint32_t nroots, int adopt,
	      const uint32_t *want)
{
	struct rc_graph g;
	struct rc_dom d;
	uint32_t roots[BR_MAX], v;

	rc_test_build(&g, n, pairs, m, 1);
	for (v = 0; v < nroots; v++)
		roots[v] = roots1[v] - 1;
	verify(&g, roots, nroots, adopt, 7, &d);
	for (v = 0; v < n; v++) {
		uint32_t w = want[v] == RC_NONE ? RC_NONE :
			     want[v] == 0 ? n : want[v] - 1;

		ck_assert_uint_eq(d.idom[v], w);
	}
	rc_dom_free(&d);
	rc_graph_free(&g);
}

/* --------------------------------------------------------- examples */

/* Lengauer and Tarjan 1979, figure 1: R=1 A=2 B=3 C=4 D=5 E=6 F=7 G=8
 * H=9 I=10 J=11 K=12 L=13.  The tree: R over A, B, C, D, E, H, I, K;
 * C over F, G; G over J; D over L. */
START_TEST(test_lengauer_tarjan_example)
{
	static const uint32_t p[][2] = {
		{1, 2}, {1, 3}, {1, 4}, {2, 5}, {3, 2}, {3, 5}, {3, 6},
		{4, 7}, {4, 8}, {5, 13}, {6, 9}, {7, 10}, {8, 10}, {8, 11},
		{9, 6}, {9, 12}, {10, 12}, {11, 10}, {12, 10}, {12, 1},
		{13, 9}
	};
	static const uint32_t root[] = { 1 };
	static const uint32_t want[] = {
		0, 1, 1, 1, 1, 1, 4, 4, 1, 1, 8, 1, 5
	};

	check_example(p, RC_TEST_COUNT(p), 13, root, 1, 0, want);
	check_example(p, RC_TEST_COUNT(p), 13, root, 1, 1, want);
}
END_TEST

/* Worked by hand: two branches below 1 (2 and 3), each with inner
 * joins (7 and 11 under 2; 9 and 12 under 3), which meet again at 13
 * (idom 1); the back edge 13 -> 1 and the loop 3 <-> 5 change nothing. */
START_TEST(test_two_branches)
{
	static const uint32_t p[][2] = {
		{1, 2}, {1, 3}, {2, 4}, {2, 7}, {3, 5}, {3, 6}, {4, 7},
		{4, 8}, {5, 3}, {5, 9}, {6, 9}, {6, 10}, {7, 11}, {8, 11},
		{9, 12}, {10, 12}, {11, 13}, {12, 13}, {13, 1}
	};
	static const uint32_t root[] = { 1 };
	static const uint32_t want[] = {
		0, 1, 1, 2, 3, 3, 2, 4, 3, 6, 2, 3, 1
	};

	check_example(p, RC_TEST_COUNT(p), 13, root, 1, 0, want);
}
END_TEST

START_TEST(test_diamond)
{
	static const uint32_t p[][2] = { {1, 2}, {1, 3}, {2, 4}, {3, 4} };
	static const uint32_t root[] = { 1 }, roots2[] = { 2, 1, 2 };
	static const uint32_t want[] = { 0, 1, 1, 1 };
	static const uint32_t want2[] = { 0, 0, 1, 0 };

	check_example(p, 4, 4, root, 1, 0, want);
	/* Two roots (one twice): the join has only the super-root above. */
	check_example(p, 4, 4, roots2, 3, 0, want2);
}
END_TEST

/* Self-loops and parallel edges change nothing. */
START_TEST(test_self_loops_parallel)
{
	static const uint32_t p[][2] = {
		{1, 1}, {1, 2}, {1, 2}, {2, 2}, {2, 3}, {2, 3}, {2, 3},
		{3, 3}, {1, 4}, {4, 3}, {4, 3}
	};
	static const uint32_t root[] = { 1 }, root3[] = { 3 };
	static const uint32_t want[] = { 0, 1, 1, 1 };
	static const uint32_t want3[] = { RC_NONE, RC_NONE, 0, RC_NONE };
	static const uint32_t loop[][2] = { {1, 1} };
	static const uint32_t want1[] = { 0 };

	check_example(p, RC_TEST_COUNT(p), 4, root, 1, 0, want);
	check_example(p, RC_TEST_COUNT(p), 4, root3, 1, 0, want3);
	check_example(loop, 1, 1, root, 1, 0, want1);
	check_example(loop, 1, 1, NULL, 0, 1, want1);
}
END_TEST

/* Garbage 3 <-> 4 (and 5 below it) next to the live 1 -> 2: not reached
 * without adoption; with it, 3 and 4 are roots and 4 is over 5.  An
 * adopted 6 -> 2 changes nothing for the live 2: 1 still dominates it. */
START_TEST(test_adopt_garbage_cycle)
{
	static const uint32_t p[][2] = { {1, 2}, {3, 4}, {4, 3}, {4, 5} };
	static const uint32_t q[][2] = { {1, 2}, {3, 4}, {4, 3}, {6, 2} };
	static const uint32_t root[] = { 1 };
	static const uint32_t want[] = {
		0, 1, RC_NONE, RC_NONE, RC_NONE
	};
	static const uint32_t wanta[] = { 0, 1, 0, 0, 4 };
	static const uint32_t wantq[] = { 0, 1, 0, 0, 0, 0 };

	check_example(p, 4, 5, root, 1, 0, want);
	check_example(p, 4, 5, root, 1, 1, wanta);
	check_example(q, 4, 6, root, 1, 1, wantq);
}
END_TEST

START_TEST(test_empty)
{
	struct rc_graph g;
	struct rc_dom d;
	uint64_t total = 1, r;
	uint32_t *off, *kids, grp = 0;

	ck_assert_int_eq(rc_graph_init_empty(&g, 0), RC_OK);
	ck_assert_int_eq(rc_dom_compute(&d, &g, &grp, 1, 0), RC_EINVAL);
	ck_assert_int_eq(rc_dom_compute(&d, &g, NULL, 0, 0), RC_OK);
	check_shape(&g, &d);
	ck_assert_uint_eq(d.count, 0);
	ck_assert_int_eq(rc_dom_retained(&d, NULL, NULL, &total), RC_OK);
	ck_assert_uint_eq(total, 0);
	ck_assert_int_eq(rc_dom_children(&d, &off, &kids), RC_OK);
	ck_assert_uint_eq(off[0], 0);
	ck_assert_uint_eq(off[1], 0);
	free(off);
	free(kids);
	r = 5;
	ck_assert_int_eq(rc_dom_group_retained(&d, &grp, 1, NULL, &r), RC_OK);
	ck_assert_uint_eq(r, 0);
	rc_dom_free(&d);
	rc_dom_free(&d);	/* idempotent */
	ck_assert_int_eq(rc_dom_compute(&d, &g, NULL, 0, 1), RC_OK);
	ck_assert_uint_eq(d.count, 0);
	rc_dom_free(&d);
	rc_graph_free(&g);
}
END_TEST

/* No roots: nothing reached; adopted, a chain hangs from its head and
 * edgeless nodes are all roots. */
START_TEST(test_no_roots)
{
	struct rc_graph g;
	struct rc_dom d;
	uint64_t shallow[6] = { 1, 2, 3, 4, 5, 6 }, ret[6], total = 9;
	uint32_t v;

	rc_test_chain(&g, 6, 0);
	verify(&g, NULL, 0, 0, 1, &d);
	ck_assert_uint_eq(d.count, 0);
	for (v = 0; v < 6; v++)
		ck_assert_uint_eq(d.idom[v], RC_NONE);
	ck_assert_int_eq(rc_dom_retained(&d, shallow, ret, &total), RC_OK);
	ck_assert_uint_eq(total, 0);
	for (v = 0; v < 6; v++)
		ck_assert_uint_eq(ret[v], shallow[v]);
	rc_dom_free(&d);
	verify(&g, NULL, 0, 1, 2, &d);
	ck_assert_uint_eq(d.count, 6);
	ck_assert_uint_eq(d.idom[0], 6);
	for (v = 1; v < 6; v++)
		ck_assert_uint_eq(d.idom[v], v - 1);
	ck_assert_int_eq(rc_dom_retained(&d, shallow, ret, &total), RC_OK);
	ck_assert_uint_eq(total, 21);
	ck_assert_uint_eq(ret[0], 21);
	ck_assert_uint_eq(ret[4], 11);
	rc_dom_free(&d);
	rc_graph_free(&g);

	ck_assert_int_eq(rc_graph_init_empty(&g, 4), RC_OK);
	verify(&g, NULL, 0, 1, 3, &d);
	for (v = 0; v < 4; v++)
		ck_assert_uint_eq(d.idom[v], 4);
	rc_dom_free(&d);
	rc_graph_free(&g);
}
END_TEST

START_TEST(test_errors)
{
	static const uint32_t p[][2] = { {0, 1}, {1, 2} };
	struct rc_graph g;
	struct rc_dom d;
	uint32_t bad[] = { 0, 3 }, good = 0, grp[3] = { 0, 1, 2 };
	uint64_t sh[3] = { UINT64_MAX, 1, 0 }, ret[3] = { 7, 7, 7 }, gr[3];

	rc_test_build(&g, 3, p, 2, 0);
	ck_assert_int_eq(rc_dom_compute(&d, &g, bad, 2, 0), RC_EINVAL);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_uint_eq(d.count, 0);
	ck_assert_ptr_null(d.idom);
	ck_assert_ptr_null(d.order);
	rc_dom_free(&d);
	ck_assert_int_eq(rc_dom_compute(&d, &g, bad, 2, 1), RC_EINVAL);
	ck_assert_int_eq(rc_dom_compute(&d, &g, NULL, 1, 0), RC_EINVAL);
	ck_assert_ptr_null(d.idom);

	ck_assert_int_eq(rc_dom_compute(&d, &g, &good, 1, 0), RC_OK);
	/* Shallow sizes adding up past UINT64_MAX: nothing written. */
	ck_assert_int_eq(rc_dom_retained(&d, sh, ret, NULL), RC_EOVERFLOW);
	ck_assert_uint_eq(ret[0], 7);
	sh[0] = UINT64_MAX - 1;
	ck_assert_int_eq(rc_dom_retained(&d, sh, ret, NULL), RC_OK);
	ck_assert_uint_eq(ret[0], UINT64_MAX);
	/* A group id out of range. */
	ck_assert_int_eq(rc_dom_group_retained(&d, grp, 2, ret, gr),
			 RC_EINVAL);
	ck_assert_int_eq(rc_dom_group_retained(&d, grp, 3, ret, gr), RC_OK);
	ck_assert_uint_eq(gr[0], UINT64_MAX);
	ck_assert_uint_eq(gr[2], 0);
	rc_dom_free(&d);
	rc_graph_free(&g);
}
END_TEST

/* Random graphs of 1 to 40 nodes, 0 to 4 roots (repeats possible), with
 * and without adoption, against the brute force. */
START_TEST(test_random_brute)
{
	uint64_t seed = 0xd0d0 + (uint64_t)_i * 7919;
	uint32_t n = 1 + rc_test_below(&seed, 40), roots[4], k, nroots;
	uint32_t m = rc_test_below(&seed, 3 * n + 1);
	struct rc_graph g;
	struct rc_dom d;

	if (_i % 4 == 0)	/* some denser ones */
		m = rc_test_below(&seed, n * n / 2 + 1);
	nroots = rc_test_below(&seed, 5);
	for (k = 0; k < nroots; k++)
		roots[k] = rc_test_below(&seed, n);
	rc_test_random_graph(&g, n, m, &seed);
	verify(&g, roots, nroots, 0, seed, &d);
	rc_dom_free(&d);
	verify(&g, roots, nroots, 1, seed + 1, &d);
	ck_assert_uint_eq(d.count, n);
	rc_dom_free(&d);
	rc_graph_free(&g);
}
END_TEST

/* A million-node chain (and cycle) from node 0: each node's idom is its
 * predecessor, order is 0 .. n-1, retained[v] = n - v with unit sizes;
 * groups v % 3 have their tops at 0, 1, 2.  Adopting instead of rooting
 * gives the same tree on the chain. */
START_TEST(test_big_chain)
{
	uint32_t n = RC_TEST_BIG, v, root = 0, grp[3];
	int cycle = _i == 1, adopt = _i == 2;
	struct rc_graph g;
	struct rc_dom d;
	uint64_t *sh = malloc((size_t)n * sizeof(uint64_t));
	uint64_t *ret = malloc((size_t)n * sizeof(uint64_t));
	uint32_t *group_of = malloc((size_t)n * sizeof(uint32_t));
	uint64_t total, gr[3];

	ck_assert_ptr_nonnull(sh);
	ck_assert_ptr_nonnull(ret);
	ck_assert_ptr_nonnull(group_of);
	rc_test_chain(&g, n, cycle);
	ck_assert_int_eq(rc_dom_compute(&d, &g, &root, adopt ? 0 : 1, adopt),
			 RC_OK);
	ck_assert_uint_eq(d.count, n);
	for (v = 0; v < n; v++) {
		RC_TEST_REQUIRE(d.order[v] == v);
		RC_TEST_REQUIRE(d.idom[v] == (v == 0 ? n : v - 1));
		sh[v] = 1;
		group_of[v] = v % 3;
	}
	check_shape(&g, &d);
	ck_assert_int_eq(rc_dom_retained(&d, sh, ret, &total), RC_OK);
	ck_assert_uint_eq(total, n);
	for (v = 0; v < n; v++)
		RC_TEST_REQUIRE(ret[v] == n - v);
	ck_assert_int_eq(rc_dom_group_retained(&d, group_of, 3, ret, gr),
			 RC_OK);
	for (v = 0; v < 3; v++) {
		grp[v] = n - v;
		ck_assert_uint_eq(gr[v], grp[v]);
	}
	rc_dom_free(&d);
	rc_graph_free(&g);
	free(sh);
	free(ret);
	free(group_of);
}
END_TEST

Suite *
dom_suite(void)
{
	Suite *s = suite_create("dom");
	TCase *tc = tcase_create("core");
	TCase *big = tcase_create("big");

	tcase_add_test(tc, test_lengauer_tarjan_example);
	tcase_add_test(tc, test_two_branches);
	tcase_add_test(tc, test_diamond);
	tcase_add_test(tc, test_self_loops_parallel);
	tcase_add_test(tc, test_adopt_garbage_cycle);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_no_roots);
	tcase_add_test(tc, test_errors);
	tcase_add_loop_test(tc, test_random_brute, 0, 400);
	tcase_set_timeout(tc, RC_TEST_BIG_TIMEOUT);
	suite_add_tcase(s, tc);

	tcase_set_timeout(big, RC_TEST_BIG_TIMEOUT);
	tcase_add_loop_test(big, test_big_chain, 0, 3);
	suite_add_tcase(s, big);
	return s;
}
