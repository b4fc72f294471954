/* bfs.c - breadth-first searches over the CSR graph, all iterative. */
#include <config.h>

#include "src/graph/bfs.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"

/* Level-synchronous BFS.  The output list doubles as the queue: the
 * nodes of depth d are out->ids[lo .. hi-1], and expanding them appends
 * depth d + 1 after hi.  Each node is appended once (visited bitset), so
 * the extra memory is n bits.  Levels stop at depth == generations (no
 * node at that depth is expanded) or when a level adds nothing.  On
 * failure out and depth are restored to their lengths on entry. */
int
rc_bfs(const struct rc_graph *g, uint32_t start, enum rc_dir dir,
       int64_t generations, struct rc_nodelist *out,
       struct rc_nodelist *depth)
{
	struct rc_nodeset seen;
	uint32_t base = out->len, dbase = depth ? depth->len : 0;
	uint32_t lo, hi, i;
	int64_t d;
	int rc;

	if (start >= g->n || (dir != RC_OUT && dir != RC_IN) ||
	    generations < RC_UNLIMITED)
		return RC_EINVAL;
	rc = rc_nodeset_init(&seen, g->n);
	if (rc != RC_OK)
		return rc;

	rc_nodeset_add(&seen, start);
	rc = rc_nodelist_push(out, start);
	if (rc == RC_OK && depth)
		rc = rc_nodelist_push(depth, 0);
	lo = base;
	hi = out->len;
	for (d = 0; rc == RC_OK && lo < hi && d != generations; d++) {
		/* out->ids may move as it grows: index it afresh each time. */
		for (i = lo; i < hi && rc == RC_OK; i++) {
			uint32_t v = out->ids[i];
			const uint32_t *nb = rc_graph_neighbours(g, v, dir);
			uint32_t k, deg = rc_graph_degree(g, v, dir);

			for (k = 0; k < deg; k++) {
				uint32_t w = nb[k];

				if (rc_nodeset_has(&seen, w))
					continue;
				rc_nodeset_add(&seen, w);
				rc = rc_nodelist_push(out, w);
				if (rc == RC_OK && depth)
					rc = rc_nodelist_push(depth,
							      (uint32_t)(d + 1));
				if (rc != RC_OK)
					break;
			}
		}
		lo = hi;
		hi = out->len;
	}
	rc_nodeset_free(&seen);
	if (rc != RC_OK) {
		out->len = base;
		if (depth)
			depth->len = dbase;
	}
	return rc;
}

/* Append the chain last, parent[last], ..., first to path and reverse
 * that segment, giving first, ..., last.  parent[] must lead from last to
 * first.  On failure path is restored to its length on entry. */
static int
rc_bfs_emit_path(const uint32_t *parent, uint32_t first, uint32_t last,
		 struct rc_nodelist *path)
{
	uint32_t base = path->len, i, j, x = last;
	int rc;

	for (;;) {
		rc = rc_nodelist_push(path, x);
		if (rc != RC_OK) {
			path->len = base;
			return rc;
		}
		if (x == first)
			break;
		x = parent[x];
	}
	for (i = base, j = path->len - 1; i < j; i++, j--) {
		uint32_t t = path->ids[i];

		path->ids[i] = path->ids[j];
		path->ids[j] = t;
	}
	return RC_OK;
}

/* Scratch for the two searches below: parent[] (RC_NONE = not reached,
 * which is also the visited test) and a FIFO queue, n entries each. */
static int
rc_bfs_scratch(uint32_t n, uint32_t **parent, uint32_t **queue)
{
	size_t cnt = n ? n : 1;

	*parent = malloc(cnt * sizeof(uint32_t));
	*queue = malloc(cnt * sizeof(uint32_t));
	if (*parent == NULL || *queue == NULL) {
		free(*parent);
		free(*queue);
		return RC_ENOMEM;
	}
	memset(*parent, 0xff, cnt * sizeof(uint32_t));	/* RC_NONE */
	return RC_OK;
}

/* BFS from 'from' along out-edges, stopping as soon as 'to' is
 * discovered; parent[from] = from marks the root as visited. */
int
rc_shortest_path(const struct rc_graph *g, uint32_t from, uint32_t to,
		 struct rc_nodelist *path)
{
	uint32_t *parent, *queue;
	uint32_t head = 0, tail = 0;
	int rc;

	if (from >= g->n || to >= g->n)
		return RC_EINVAL;
	if (from == to)
		return rc_nodelist_push(path, from);
	rc = rc_bfs_scratch(g->n, &parent, &queue);
	if (rc != RC_OK)
		return rc;

	rc = RC_ENOTFOUND;
	parent[from] = from;
	queue[tail++] = from;
	while (head < tail && rc == RC_ENOTFOUND) {
		uint32_t u = queue[head++];
		uint32_t e, end = g->out_off[u + 1];

		for (e = g->out_off[u]; e < end; e++) {
			uint32_t w = g->out_dst[e];

			if (parent[w] != RC_NONE)
				continue;
			parent[w] = u;
			if (w == to) {
				rc = RC_OK;
				break;
			}
			queue[tail++] = w;
		}
	}
	if (rc == RC_OK)
		rc = rc_bfs_emit_path(parent, from, to, path);
	free(parent);
	free(queue);
	return rc;
}

/* As refcycle does it: the children of v seed the queue with parent v;
 * v itself is left unvisited so that the first edge u -> v met closes a
 * shortest cycle v, ..., u.  A self-loop shows up among the seeds. */
int
rc_shortest_cycle(const struct rc_graph *g, uint32_t v,
		  struct rc_nodelist *path)
{
	uint32_t *parent, *queue;
	uint32_t head = 0, tail = 0, e, end, closer = RC_NONE;
	int rc;

	if (v >= g->n)
		return RC_EINVAL;
	end = g->out_off[v + 1];
	for (e = g->out_off[v]; e < end; e++)
		if (g->out_dst[e] == v)
			return rc_nodelist_push(path, v);
	rc = rc_bfs_scratch(g->n, &parent, &queue);
	if (rc != RC_OK)
		return rc;

	for (e = g->out_off[v]; e < end; e++) {
		uint32_t w = g->out_dst[e];

		if (parent[w] == RC_NONE) {
			parent[w] = v;
			queue[tail++] = w;
		}
	}
	while (head < tail && closer == RC_NONE) {
		uint32_t u = queue[head++];

		end = g->out_off[u + 1];
		for (e = g->out_off[u]; e < end; e++) {
			uint32_t w = g->out_dst[e];

			if (w == v) {
				closer = u;
				break;
			}
			if (parent[w] == RC_NONE) {
				parent[w] = u;
				queue[tail++] = w;
			}
		}
	}
	if (closer == RC_NONE)
		rc = RC_ENOTFOUND;
	else
		rc = rc_bfs_emit_path(parent, v, closer, path);
	free(parent);
	free(queue);
	return rc;
}
