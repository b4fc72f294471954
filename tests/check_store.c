/* check_store.c - saved snapshots: the string table, the file's round
 * trip, and files that are truncated, corrupt or hostile (each refused
 * with a message, never a crash; the fuzz harness in tests/fuzz/ goes
 * further). */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <check.h>

#include "src/common/status.h"
#include "src/store/snapfile.h"
#include "src/store/snapjob.h"
#include "src/store/strtab.h"

/* ------------------------------------------------------------ strtab */

START_TEST(test_strtab_interns)
{
	struct rc_strtab t;
	char word[32];

	rc_strtab_init(&t);
	ck_assert_uint_eq(rc_strtab_intern(&t, "dict", 4), 0);
	ck_assert_uint_eq(rc_strtab_intern(&t, "list", 4), 1);
	ck_assert_uint_eq(rc_strtab_intern(&t, "dict", 4), 0);
	ck_assert_uint_eq(rc_strtab_intern(&t, "", 0), 2);
	ck_assert_uint_eq(rc_strtab_intern(&t, "dic", 3), 3);
	ck_assert_str_eq(rc_strtab_get(&t, 1), "list");
	ck_assert_str_eq(rc_strtab_get(&t, 2), "");
	/* Enough to grow every array several times. */
	for (int i = 0; i < 20000; i++) {
		int len = snprintf(word, sizeof word, "item[%d]", i);
		ck_assert_uint_eq(rc_strtab_intern(&t, word, (size_t)len), 4u + (uint32_t)i);
	}
	for (int i = 0; i < 20000; i += 997) {
		int len = snprintf(word, sizeof word, "item[%d]", i);
		ck_assert_uint_eq(rc_strtab_intern(&t, word, (size_t)len), 4u + (uint32_t)i);
		ck_assert_str_eq(rc_strtab_get(&t, 4u + (uint32_t)i), word);
	}
	ck_assert_uint_eq(t.n, 20004);
	ck_assert_uint_eq(t.off[t.n], t.len);
	rc_strtab_free(&t);
}
END_TEST

/* -------------------------------------------------- a small snapshot */

/* The worked example's shape: a frame holds a bound method, whose
 * __self__ holds an object, whose __dict__ holds a list. */
struct sample {
	struct rc_strtab t;
	struct rc_snap s;
	uint32_t type_name[4], type_of[5], summary[5], label[5];
	uint64_t size[5], address[5];
	uint8_t root[5];
};

static void
sample_init(struct sample *x)
{
	static const uint32_t src[] = {0, 1, 2, 2, 3};
	static const uint32_t dst[] = {1, 2, 3, 4, 4};
	static const char *const types[] = {"frame", "method", "SomeComputation", "dict"};
	static const char *const summaries[] = {
		"frame worker worker.py:12", "method run", "SomeComputation", "dict len=1",
		"list len=3 \xc3\xa9t\xc3\xa9"
	};
	static const char *const labels[] = {"local 'job'", "__self__", "__dict__", NULL, "value['items']"};

	memset(x, 0, sizeof *x);
	rc_strtab_init(&x->t);
	ck_assert_int_eq(rc_graph_from_pairs(&x->s.g, 5, src, dst, 5), RC_OK);
	for (int i = 0; i < 4; i++)
		x->type_name[i] = rc_strtab_intern(&x->t, types[i], strlen(types[i]));
	for (uint32_t v = 0; v < 5; v++) {
		x->type_of[v] = v < 4 ? v : 3;
		x->summary[v] = rc_strtab_intern(&x->t, summaries[v], strlen(summaries[v]));
		x->size[v] = 48 + 8 * v;
		x->address[v] = UINT64_C(0x7f0000001000) + 64 * v;
		x->root[v] = v == 0 ? RC_ROOT_FRAME : RC_ROOT_NONE;
	}
	/* Edges are numbered in source order: the same as the pairs here. */
	for (uint32_t e = 0; e < 5; e++)
		x->label[e] = labels[e] ? rc_strtab_intern(&x->t, labels[e], strlen(labels[e])) : RC_NONE;
	x->s.ntypes = 4;
	x->s.type_name = x->type_name;
	x->s.type_of = x->type_of;
	x->s.size = x->size;
	x->s.address = x->address;
	x->s.summary = x->summary;
	x->s.root = x->root;
	x->s.label = x->label;
	x->s.title = rc_strtab_intern(&x->t, "python 3.11 pid 42", 18);
	x->s.created = 1764662400;
	x->s.nstrings = x->t.n;
	x->s.str_off = x->t.off;
	x->s.str_data = x->t.data;
}

static void
sample_free(struct sample *x)
{
	rc_graph_free(&x->s.g);
	rc_strtab_free(&x->t);
}

static char path[64];

static void
make_path(void)
{
	snprintf(path, sizeof path, "/tmp/check_store.%ld.rcsnap", (long)getpid());
}

/* The bytes of a file written from s. */
static unsigned char *
written(const struct rc_snap *s, size_t *len)
{
	struct rc_buf err = RC_BUF_INIT;

	make_path();
	ck_assert_msg(rc_snap_write(s, path, &err) == 0, "%s", rc_buf_cstr(&err));
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	unsigned char *data = malloc(*len + 1);
	ck_assert_ptr_nonnull(data);
	ck_assert_uint_eq(fread(data, 1, *len, f), *len);
	fclose(f);
	unlink(path);
	rc_buf_free(&err);
	return data;
}

static void
assert_same(const struct rc_snap *a, const struct rc_snap *b)
{
	uint32_t n = a->g.n, m = a->g.m;

	ck_assert_uint_eq(b->g.n, n);
	ck_assert_uint_eq(b->g.m, m);
	ck_assert_int_eq(memcmp(a->g.out_off, b->g.out_off, (n + 1) * sizeof(uint32_t)), 0);
	ck_assert_int_eq(memcmp(a->g.out_dst, b->g.out_dst, m * sizeof(uint32_t)), 0);
	ck_assert_uint_eq(b->ntypes, a->ntypes);
	ck_assert_uint_eq(b->created, a->created);
	for (uint32_t t = 0; t < a->ntypes; t++)
		ck_assert_str_eq(rc_snap_string(b, b->type_name[t]), rc_snap_string(a, a->type_name[t]));
	for (uint32_t v = 0; v < n; v++) {
		ck_assert_uint_eq(b->type_of[v], a->type_of[v]);
		ck_assert_uint_eq(b->size[v], a->size[v]);
		ck_assert_uint_eq(b->address[v], a->address[v]);
		ck_assert_uint_eq(b->root[v], a->root[v]);
		ck_assert_str_eq(rc_snap_string(b, b->summary[v]), rc_snap_string(a, a->summary[v]));
	}
	for (uint32_t e = 0; e < m; e++) {
		ck_assert_uint_eq(b->label[e] == RC_NONE, a->label[e] == RC_NONE);
		if (a->label[e] != RC_NONE)
			ck_assert_str_eq(rc_snap_string(b, b->label[e]), rc_snap_string(a, a->label[e]));
	}
	ck_assert_uint_eq(b->title == RC_NONE, a->title == RC_NONE);
	if (a->title != RC_NONE)
		ck_assert_str_eq(rc_snap_string(b, b->title), rc_snap_string(a, a->title));
}

/* Parse a copy of data[0..len-1]; 0 or -1, the message in err. */
static int
parse_copy(const unsigned char *data, size_t len, struct rc_snap *out, struct rc_buf *err)
{
	void *copy = malloc(len + 1);

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, data, len);
	return rc_snap_parse(out, copy, len, err);
}

START_TEST(test_round_trip)
{
	struct sample x;
	struct rc_snap back;
	struct rc_buf err = RC_BUF_INIT;

	sample_init(&x);
	make_path();
	ck_assert_int_eq(rc_snap_write(&x.s, path, &err), 0);
	ck_assert_msg(rc_snap_read(&back, path, &err) == 0, "%s", rc_buf_cstr(&err));
	unlink(path);
	assert_same(&x.s, &back);
	/* The in-CSR is built too: the list has two referrers. */
	ck_assert_uint_eq(rc_graph_degree(&back.g, 4, RC_IN), 2);
	ck_assert_int_eq(rc_graph_validate(&back.g), RC_OK);
	rc_snap_free(&back);
	sample_free(&x);
	rc_buf_free(&err);
}
END_TEST

/* The checksum in parts is the checksum whole. */
START_TEST(test_checksum_in_parts)
{
	unsigned char data[100];

	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (unsigned char)(i * 37 + 1);
	uint64_t h = rc_snap_sum_start(sizeof data);
	h = rc_snap_sum_add(h, data, 48);
	h = rc_snap_sum_add(h, data + 48, 40);
	h = rc_snap_sum_add(h, data + 88, 12);
	ck_assert_uint_eq(rc_snap_sum_end(h), rc_snap_checksum(data, sizeof data));
	ck_assert_uint_ne(rc_snap_checksum(data, sizeof data), rc_snap_checksum(data, 99));
}
END_TEST

/* A watched read tells its progress in bytes (the file read, then
 * checked: twice its size), and a read on a thread gives what a plain
 * read gives. */
START_TEST(test_read_watched_and_on_a_thread)
{
	struct sample x;
	struct rc_snap back;
	struct rc_buf err = RC_BUF_INIT;
	struct rc_progress p;
	struct stat st;

	sample_init(&x);
	make_path();
	ck_assert_int_eq(rc_snap_write(&x.s, path, &err), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	rc_progress_init(&p);
	ck_assert_int_eq(rc_snap_read_watched(&back, path, &err, &p), RC_OK);
	uint64_t done, total;
	rc_progress_read(&p, &done, &total);
	ck_assert_uint_eq(total, 2 * (uint64_t)st.st_size);
	ck_assert_uint_eq(done, total);
	assert_same(&x.s, &back);
	rc_snap_free(&back);

	struct rc_snap_job job;
	ck_assert_int_eq(rc_snap_job_start(&job, path), RC_OK);
	while (!rc_snap_job_wait(&job, 10))
		continue;
	ck_assert_int_eq(rc_snap_job_finish(&job, &back, &err), RC_OK);
	assert_same(&x.s, &back);
	rc_snap_free(&back);
	unlink(path);
	sample_free(&x);
	rc_buf_free(&err);
}
END_TEST

/* A cancelled read stops with RC_ECANCELED, nothing kept, and so does a
 * job cancelled before it ends; a missing file on a thread is RC_EIO with
 * errno. */
START_TEST(test_read_cancelled)
{
	struct sample x;
	struct rc_snap back;
	struct rc_buf err = RC_BUF_INIT;
	struct rc_progress p;

	sample_init(&x);
	make_path();
	ck_assert_int_eq(rc_snap_write(&x.s, path, &err), 0);
	rc_progress_init(&p);
	rc_progress_cancel(&p);
	ck_assert_int_eq(rc_snap_read_watched(&back, path, &err, &p), RC_ECANCELED);
	ck_assert_ptr_null(back.image);
	ck_assert_uint_eq(back.g.n, 0);
	ck_assert_ptr_nonnull(strstr(rc_buf_cstr(&err), path));

	struct rc_snap_job job;
	ck_assert_int_eq(rc_snap_job_start(&job, path), RC_OK);
	rc_progress_cancel(&job.progress);
	int rc = rc_snap_job_finish(&job, &back, &err);
	ck_assert(rc == RC_ECANCELED || rc == RC_OK);   /* it may have ended first */
	if (rc == RC_OK)
		rc_snap_free(&back);
	unlink(path);
	ck_assert_int_eq(rc_snap_job_start(&job, path), RC_OK);
	ck_assert_int_eq(rc_snap_job_finish(&job, &back, &err), RC_EIO);
	ck_assert_int_eq(errno, ENOENT);
	sample_free(&x);
	rc_buf_free(&err);
}
END_TEST

START_TEST(test_empty)
{
	struct rc_snap s, back;
	struct rc_buf err = RC_BUF_INIT;
	size_t len;

	memset(&s, 0, sizeof s);
	s.title = RC_NONE;
	ck_assert_int_eq(rc_graph_init_empty(&s.g, 0), RC_OK);
	unsigned char *data = written(&s, &len);
	ck_assert_msg(parse_copy(data, len, &back, &err) == 0, "%s", rc_buf_cstr(&err));
	assert_same(&s, &back);
	rc_snap_free(&back);
	rc_graph_free(&s.g);
	free(data);
	rc_buf_free(&err);
}
END_TEST

/* Every shorter prefix of a file is refused, and says it is truncated
 * or not a snapshot (a prefix shorter than the magic). */
START_TEST(test_truncated)
{
	struct sample x;
	struct rc_snap back;
	size_t len;

	sample_init(&x);
	unsigned char *data = written(&x.s, &len);
	for (size_t k = 0; k < len; k++) {
		struct rc_buf err = RC_BUF_INIT;
		ck_assert_int_eq(parse_copy(data, k, &back, &err), RC_EFORMAT);
		const char *msg = rc_buf_cstr(&err);
		ck_assert_msg(strstr(msg, "truncated") || (k < 8 && strstr(msg, "not a refcycle")),
			      "prefix %zu: %s", k, msg);
		ck_assert_ptr_null(back.image);
		rc_buf_free(&err);
	}
	free(data);
	sample_free(&x);
}
END_TEST

/* Every single-bit flip is refused: checksums cover the header, the
 * table and the sections, and the padding must be zero. */
START_TEST(test_bit_flips)
{
	struct sample x;
	struct rc_snap back;
	size_t len;
	uint32_t refused = 0;

	sample_init(&x);
	unsigned char *data = written(&x.s, &len);
	for (size_t k = 0; k < len * 8; k++) {
		struct rc_buf err = RC_BUF_INIT;
		data[k / 8] ^= (unsigned char)(1u << (k % 8));
		ck_assert_msg(parse_copy(data, len, &back, &err) == RC_EFORMAT, "bit %zu accepted", k);
		ck_assert_uint_gt(err.len, 0);
		refused++;
		data[k / 8] ^= (unsigned char)(1u << (k % 8));
		rc_buf_free(&err);
	}
	ck_assert_uint_eq(refused, len * 8);
	free(data);
	sample_free(&x);
}
END_TEST

START_TEST(test_not_a_snapshot)
{
	static const char text[] = "{\"vertices\": [], \"edges\": []}\n";
	struct rc_snap back;
	struct rc_buf err = RC_BUF_INIT;

	ck_assert_int_eq(parse_copy((const unsigned char *)text, sizeof text - 1, &back, &err), RC_EFORMAT);
	ck_assert_str_eq(rc_buf_cstr(&err), "not a refcycle snapshot");
	rc_buf_free(&err);
	ck_assert_int_eq(rc_snap_read(&back, "/nonexistent/x.rcsnap", &err), RC_EIO);
	ck_assert_str_eq(rc_buf_cstr(&err), "/nonexistent/x.rcsnap: No such file or directory");
	rc_buf_free(&err);
	ck_assert_int_eq(rc_snap_read(&back, "/tmp", &err), RC_EIO);
	ck_assert_str_eq(rc_buf_cstr(&err), "/tmp: not a regular file");
	rc_buf_free(&err);
}
END_TEST

/* A later format version is refused by name, even with a right
 * checksum. */
START_TEST(test_newer_version)
{
	struct sample x;
	struct rc_snap back;
	struct rc_buf err = RC_BUF_INIT;
	size_t len;

	sample_init(&x);
	unsigned char *data = written(&x.s, &len);
	data[8] = 2;
	ck_assert_int_eq(parse_copy(data, len, &back, &err), RC_EFORMAT);
	ck_assert_ptr_nonnull(strstr(rc_buf_cstr(&err), "format version 2, this refcycle reads version 1"));
	free(data);
	sample_free(&x);
	rc_buf_free(&err);
}
END_TEST

/* Well-formed files (checksums right) whose contents lie: each is
 * refused with what is wrong. */
enum { LIE_TYPE, LIE_SUMMARY, LIE_LABEL, LIE_ROOT, LIE_HEAD, LIE_UTF8, LIE_TITLE, LIE_COUNT };

START_TEST(test_lies)
{
	static const char *const expect[LIE_COUNT] = {
		"the type of object 2 names 9", "the summary of object 1 names", "the label of edge 3",
		"object 4 has root kind 7", "not a valid graph", "is not UTF-8", "title 0 names"
	};
	struct sample x;
	struct rc_snap back;
	struct rc_buf err = RC_BUF_INIT;
	uint32_t bad_dst[5], *own_dst;
	char *bad_data = NULL;
	size_t len;

	sample_init(&x);
	own_dst = x.s.g.out_dst;
	switch (_i) {
	case LIE_TYPE: x.type_of[2] = 9; break;
	case LIE_SUMMARY: x.summary[1] = 1000; break;
	case LIE_LABEL: x.label[3] = x.t.n; break;
	case LIE_ROOT: x.root[4] = 7; break;
	case LIE_HEAD:
		memcpy(bad_dst, x.s.g.out_dst, sizeof bad_dst);
		bad_dst[1] = 5;
		x.s.g.out_dst = bad_dst;
		break;
	case LIE_UTF8:
		bad_data = malloc(x.t.len);
		memcpy(bad_data, x.t.data, x.t.len);
		bad_data[x.t.off[2]] = (char)0xc0;   /* an overlong lead byte */
		x.s.str_data = bad_data;
		break;
	case LIE_TITLE: x.s.title = x.t.n + 1; break;
	}
	unsigned char *data = written(&x.s, &len);
	x.s.g.out_dst = own_dst;
	ck_assert_int_eq(parse_copy(data, len, &back, &err), RC_EFORMAT);
	ck_assert_msg(strstr(rc_buf_cstr(&err), expect[_i]) != NULL, "lie %d: %s", _i, err.data);
	sample_free(&x);
	free(bad_data);
	free(data);
	rc_buf_free(&err);
}
END_TEST

static Suite *
store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_strtab_interns);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_checksum_in_parts);
	tcase_add_test(tc, test_read_watched_and_on_a_thread);
	tcase_add_test(tc, test_read_cancelled);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_truncated);
	tcase_add_test(tc, test_bit_flips);
	tcase_add_test(tc, test_not_a_snapshot);
	tcase_add_test(tc, test_newer_version);
	tcase_add_loop_test(tc, test_lies, 0, LIE_COUNT);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(store_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
