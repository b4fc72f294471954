/* tui_fixture.c - synthetic models (see tui_fixture.h). */
#include <config.h>

#include "tests/tui_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/common/buf.h"
#include "src/common/status.h"

static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL) {
		fputs("tui_fixture: out of memory\n", stderr);
		abort();
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xrealloc(NULL, n), s, n);
}

void
tf_init(struct tui_fixture *f)
{
	memset(f, 0, sizeof *f);
	f->fail_summary_of = -1;
}

void
tf_free(struct tui_fixture *f)
{
	uint32_t i;

	for (i = 0; i < f->ntypes; i++)
		free(f->type_names[i]);
	for (i = 0; i < f->n; i++)
		free(f->summaries[i]);
	for (i = 0; i < f->nedges; i++)
		free(f->elabels[i]);
	free(f->type_names);
	free(f->type_of);
	free(f->size);
	free(f->address);
	free(f->summaries);
	free(f->roots);
	free(f->esrc);
	free(f->edst);
	free(f->elabels);
	free(f->labels);
	rc_graph_free(&f->g);
	tf_init(f);
}

static uint32_t
type_id(struct tui_fixture *f, const char *name)
{
	uint32_t t;

	for (t = 0; t < f->ntypes; t++)
		if (strcmp(f->type_names[t], name) == 0)
			return t;
	if (f->ntypes == f->cap_t) {
		f->cap_t = f->cap_t ? 2 * f->cap_t : 16;
		f->type_names = xrealloc(f->type_names,
					 f->cap_t * sizeof *f->type_names);
	}
	f->type_names[f->ntypes] = xstrdup(name);
	return f->ntypes++;
}

uint32_t
tf_vertex(struct tui_fixture *f, const char *type, uint64_t size,
	  const char *summary)
{
	uint32_t v = f->n;

	if (f->n == f->cap_v) {
		f->cap_v = f->cap_v ? 2 * f->cap_v : 64;
		f->type_of = xrealloc(f->type_of, f->cap_v * sizeof *f->type_of);
		f->size = xrealloc(f->size, f->cap_v * sizeof *f->size);
		f->address = xrealloc(f->address,
				      f->cap_v * sizeof *f->address);
		f->summaries = xrealloc(f->summaries,
					f->cap_v * sizeof *f->summaries);
		f->roots = xrealloc(f->roots, f->cap_v * sizeof *f->roots);
	}
	f->type_of[v] = type_id(f, type);
	f->size[v] = size;
	f->address[v] = 0x7f3a00001000ull + (uint64_t)v * 0x40;
	f->summaries[v] = xstrdup(summary);
	f->roots[v] = RC_ROOT_NONE;
	f->n++;
	return v;
}

void
tf_edge(struct tui_fixture *f, uint32_t src, uint32_t dst, const char *label)
{
	if (f->nedges == f->cap_e) {
		f->cap_e = f->cap_e ? 2 * f->cap_e : 64;
		f->esrc = xrealloc(f->esrc, f->cap_e * sizeof *f->esrc);
		f->edst = xrealloc(f->edst, f->cap_e * sizeof *f->edst);
		f->elabels = xrealloc(f->elabels,
				      f->cap_e * sizeof *f->elabels);
	}
	f->esrc[f->nedges] = src;
	f->edst[f->nedges] = dst;
	f->elabels[f->nedges] = label ? xstrdup(label) : NULL;
	f->nedges++;
}

void
tf_root(struct tui_fixture *f, uint32_t v, enum rc_root_kind kind)
{
	f->roots[v] = (uint8_t)kind;
}

uint32_t
tf_edge_id(const struct tui_fixture *f, uint32_t k)
{
	uint32_t i, rank = 0;

	/* rc_graph_from_pairs keeps the input order within one source. */
	for (i = 0; i < k; i++)
		rank += f->esrc[i] == f->esrc[k];
	return f->g.out_off[f->esrc[k]] + rank;
}

static int
cb_summary(void *ctx, uint32_t v, struct rc_buf *out)
{
	struct tui_fixture *f = ctx;

	f->summary_calls++;
	if ((int64_t)v == f->fail_summary_of) {
		rc_buf_puts(out, "summary failed");
		return -1;
	}
	rc_buf_puts(out, f->summaries[v]);
	return 0;
}

static int
cb_label(void *ctx, uint32_t e, struct rc_buf *out)
{
	struct tui_fixture *f = ctx;

	f->label_calls++;
	if (e >= f->g.m || f->labels[e] == NULL)
		return 0;
	rc_buf_puts(out, f->labels[e]);
	return 1;
}

static enum rc_root_kind
cb_root(void *ctx, uint32_t v)
{
	return ((struct tui_fixture *)ctx)->roots[v];
}

/* The picture's DOT, written as it is (no graphviz in the tests). */
static int
cb_export(void *ctx, const char *dot, const char *path, struct rc_buf *err)
{
	struct tui_fixture *f = ctx;
	FILE *fp;

	f->export_calls++;
	snprintf(f->export_path, sizeof f->export_path, "%s", path);
	if (f->export_fail) {
		rc_buf_puts(err, "export refused by the fixture");
		return -1;
	}
	fp = fopen(path, "w");
	if (fp == NULL) {
		rc_buf_printf(err, "cannot open %s", path);
		return -1;
	}
	fputs(dot, fp);
	fclose(fp);
	return 0;
}

static int
cb_interrupted(void *ctx)
{
	return ((struct tui_fixture *)ctx)->interrupt;
}

void
tf_build(struct tui_fixture *f)
{
	uint32_t k;

	if (rc_graph_from_pairs(&f->g, f->n, f->esrc, f->edst, f->nedges) !=
	    RC_OK) {
		fputs("tui_fixture: bad graph\n", stderr);
		abort();
	}
	/* rc_graph_from_pairs keeps the input order within one source:
	 * the k-th edge added from u is edge out_off[u] + (its rank). */
	uint32_t *next = xrealloc(NULL, (size_t)f->n * sizeof *next);

	memcpy(next, f->g.out_off, (size_t)f->n * sizeof *next);
	f->labels = xrealloc(NULL, (size_t)f->nedges * sizeof *f->labels);
	for (k = 0; k < f->nedges; k++)
		f->labels[next[f->esrc[k]]++] = f->elabels[k];
	free(next);
	memset(&f->m, 0, sizeof f->m);
	f->m.g = &f->g;
	f->m.ntypes = f->ntypes;
	f->m.type_of = f->type_of;
	f->m.type_name = (const char *const *)f->type_names;
	f->m.size = f->size;
	f->m.address = f->address;
	f->m.summary = cb_summary;
	f->m.edge_label = cb_label;
	f->m.root_kind = cb_root;
	f->m.export_image = cb_export;
	f->m.interrupted = cb_interrupted;
	f->m.ctx = f;
}

void
tf_worked_example(struct tui_fixture *f, uint32_t nfiller,
		  uint32_t *computation)
{
	static const char *const ftypes[] = {
		"dict", "list", "tuple", "function", "cell", "str",
		"Caf\xc3\xa9Order", "\xe5\xb7\xa8\xe5\xa4\xa7\xe7\x9a\x84\xe7\xb1\xbb",
		"weird\x01type"
	};
	uint32_t mod, mdict, thread_frame, get_frame, worker, method, comp;
	uint32_t queue, i, prev = RC_NONE;
	char buf[128];

	mod = tf_vertex(f, "module", 72, "module __main__");
	tf_root(f, mod, RC_ROOT_MODULE);
	mdict = tf_vertex(f, "dict", 1184, "dict len=14 (module __main__)");
	tf_edge(f, mod, mdict, "__dict__");
	thread_frame = tf_vertex(f, "frame", 432,
				 "frame run (threading.py:1010)");
	tf_root(f, thread_frame, RC_ROOT_FRAME);
	worker = tf_vertex(f, "frame", 432, "frame worker (worker.py:9)");
	get_frame = tf_vertex(f, "frame", 432, "frame get (queue.py:171)");
	tf_root(f, get_frame, RC_ROOT_FRAME);
	tf_edge(f, worker, thread_frame, "f_back");
	tf_edge(f, get_frame, worker, "f_back");
	method = tf_vertex(f, "method", 64,
			   "method SomeComputation.compute");
	comp = tf_vertex(f, "SomeComputation", 56,
			 "SomeComputation object");
	tf_edge(f, worker, method, "local 'job'");
	tf_edge(f, method, comp, "__self__");
	queue = tf_vertex(f, "Queue", 56, "queue.Queue object");
	tf_edge(f, mdict, queue, "['jobs_queue']");
	tf_edge(f, worker, queue, "local 'jobs_queue'");
	/* A two-object cycle hanging from the module. */
	uint32_t c1 = tf_vertex(f, "Node", 48, "Node a");
	uint32_t c2 = tf_vertex(f, "Node", 48, "Node b");

	tf_edge(f, mdict, c1, "['head']");
	tf_edge(f, c1, c2, "next");
	tf_edge(f, c2, c1, "prev");
	tf_edge(f, comp, c1, "node");
	for (i = 0; i < nfiller; i++) {
		const char *t = ftypes[i % (sizeof ftypes / sizeof *ftypes)];
		uint32_t v;

		snprintf(buf, sizeof buf, "%s #%u%s", t, i,
			 i % 7 == 0 ? " \xe2\x80\x94 wide \xe6\xbc\xa2\xe5\xad\x97" : "");
		v = tf_vertex(f, t, 48 + (i * 37) % 900, buf);
		if (i % 50 == 0)
			tf_edge(f, mdict, v, "['filler']");
		else if (prev != RC_NONE)
			tf_edge(f, prev, v, i % 3 ? "item[0]" : NULL);
		if (i % 11 == 0)
			tf_edge(f, v, mdict, "__globals__");
		prev = v;
	}
	/* Wide fan-in: many fillers refer to the queue. */
	for (i = 0; i < nfiller && i < 120; i++)
		tf_edge(f, comp + 4 + i, queue, "attr 'q'");
	tf_build(f);
	*computation = comp;
}
