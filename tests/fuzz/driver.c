/* driver.c - runs the snapshot fuzz target without libFuzzer, with any
 * C compiler (tests/fuzz/fuzz_snapfile_run; the short fuzz run of
 * "make check" and CI):
 *
 *   fuzz_snapfile_run [-t SECONDS] [-n RUNS] [-s SEED] [-m MAXLEN] FILE|DIR...
 *
 * First every file once as it is (a directory: its files, in name
 * order); then, for SECONDS (default 0) or RUNS inputs, mutations of
 * them: one to four blind or format-aware edits, then the checksums
 * made right half the time (fuzz_mutate), alternating with the libFuzzer
 * custom mutator of fuzz_snapfile.c over this file's LLVMFuzzerMutate.
 * Mutants that parse are kept in a small pool and mutated further, so
 * that runs go on from files the reader accepts.  No coverage guidance:
 * libFuzzer ("make fuzz") does the long searches; this catches
 * regressions, under the sanitizers in CI.
 *
 * Deterministic for a seed: the k-th mutated input is the same on every
 * run and machine; the time only decides how many are tried.  A crash
 * ends the run (a sanitizer's report, or a failed check's abort), and
 * the input is saved first as crash-SEED-K.rcsnap in the current
 * directory (K: the number of the mutated input, 0 for a corpus file).
 * Otherwise it prints what it ran and exits 0. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tests/fuzz/mutate.h"

#if defined(__SANITIZE_ADDRESS__)
#define FUZZ_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_SANITIZED 1
#endif
#endif

#ifdef FUZZ_SANITIZED
void __sanitizer_set_death_callback(void (*callback)(void));
#endif

struct input {
	uint8_t *data;
	size_t len;
};

struct inputs {
	struct input *v;
	size_t n, cap;
};

#define POOL_SIZE 256	/* mutants that parsed, kept for more mutation */

static const char *progname = "fuzz_snapfile_run";

/* The input being run, for the crash handlers. */
static const uint8_t *current;
static size_t current_len;
static char crash_name[96];

static struct fuzz_rng mutate_rng;	/* LLVMFuzzerMutate's */

static void
die(const char *what, const char *why)
{
	fprintf(stderr, "%s: %s: %s\n", progname, what, why);
	exit(2);
}

static void
usage(void)
{
	fprintf(stderr, "usage: %s [-t SECONDS] [-n RUNS] [-s SEED] [-m MAXLEN] FILE|DIR...\n",
		progname);
	exit(2);
}

/* Only async-signal-safe calls: this runs from a signal handler or the
 * sanitizer's death callback. */
static void
save_crash(void)
{
	static const char msg[] = ": the input is saved as ";
	int fd;

	if (current == NULL || crash_name[0] == '\0')
		return;
	fd = open(crash_name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return;
	for (size_t done = 0; done < current_len;) {
		ssize_t w = write(fd, current + done, current_len - done);
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	close(fd);
	if (write(2, progname, strlen(progname)) < 0 || write(2, msg, sizeof msg - 1) < 0
	    || write(2, crash_name, strlen(crash_name)) < 0 || write(2, "\n", 1) < 0)
		return;
	current = NULL;
}

static void
on_signal(int sig)
{
	save_crash();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
catch_crashes(void)
{
	/* A failed check aborts; the sanitizers leave SIGABRT alone. */
	signal(SIGABRT, on_signal);
#ifdef FUZZ_SANITIZED
	__sanitizer_set_death_callback(save_crash);
#else
	signal(SIGSEGV, on_signal);
	signal(SIGBUS, on_signal);
	signal(SIGFPE, on_signal);
	signal(SIGILL, on_signal);
#endif
}

static void
add(struct inputs *in, uint8_t *data, size_t len)
{
	if (in->n == in->cap) {
		size_t cap = in->cap ? 2 * in->cap : 64;
		struct input *v = realloc(in->v, cap * sizeof *v);
		if (v == NULL)
			die("corpus", "out of memory");
		in->v = v;
		in->cap = cap;
	}
	in->v[in->n].data = data;
	in->v[in->n].len = len;
	in->n++;
}

static void
load_file(struct inputs *in, const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t len = 0, cap = 0;

	if (f == NULL)
		die(path, strerror(errno));
	for (;;) {
		if (len == cap) {
			cap = cap ? 2 * cap : 4096;
			uint8_t *more = realloc(data, cap);
			if (more == NULL)
				die(path, "out of memory");
			data = more;
		}
		size_t got = fread(data + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f))
		die(path, "read error");
	fclose(f);
	add(in, data, len);
}

static int
visible(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

static void
load(struct inputs *in, const char *path)
{
	struct stat st;
	struct dirent **names;
	char sub[4096];

	if (stat(path, &st) != 0)
		die(path, strerror(errno));
	if (!S_ISDIR(st.st_mode)) {
		load_file(in, path);
		return;
	}
	int count = scandir(path, &names, visible, alphasort);
	if (count < 0)
		die(path, strerror(errno));
	for (int i = 0; i < count; i++) {
		if ((size_t)snprintf(sub, sizeof sub, "%s/%s", path, names[i]->d_name) >= sizeof sub)
			die(names[i]->d_name, "path too long");
		if (stat(sub, &st) == 0 && S_ISREG(st.st_mode))
			load_file(in, sub);
		free(names[i]);
	}
	free(names);
}

/* 1 if it parsed. */
static int
run(const uint8_t *data, size_t len, uint64_t seed, uint64_t k)
{
	snprintf(crash_name, sizeof crash_name, "crash-%" PRIu64 "-%" PRIu64 ".rcsnap", seed, k);
	current = data;
	current_len = len;
	LLVMFuzzerTestOneInput(data, len);
	current = NULL;
	return fuzz_snapfile_parsed;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

size_t
LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size)
{
	return fuzz_mutate_bytes(&mutate_rng, data, size, max_size);
}

int
main(int argc, char **argv)
{
	double seconds = 0;
	uint64_t seed = 1, runs = UINT64_MAX;
	size_t maxlen = 0;
	int have_time = 0, opt;
	char *end;

	while ((opt = getopt(argc, argv, "t:n:s:m:")) != -1) {
		errno = 0;
		switch (opt) {
		case 't':
			seconds = strtod(optarg, &end);
			have_time = 1;
			break;
		case 'n':
			runs = strtoull(optarg, &end, 10);
			break;
		case 's':
			seed = strtoull(optarg, &end, 10);
			break;
		case 'm':
			maxlen = (size_t)strtoull(optarg, &end, 10);
			break;
		default:
			usage();
		}
		if (errno != 0 || end == optarg || *end != '\0' || seconds < 0)
			usage();
	}
	if (optind == argc)
		usage();
	if (runs != UINT64_MAX && !have_time)
		seconds = 1e9;

	struct inputs corpus = {NULL, 0, 0};
	for (int i = optind; i < argc; i++)
		load(&corpus, argv[i]);
	if (corpus.n == 0)
		die(argv[optind], "no input files");
	size_t largest = 0;
	for (size_t i = 0; i < corpus.n; i++)
		if (corpus.v[i].len > largest)
			largest = corpus.v[i].len;
	if (maxlen == 0)
		maxlen = largest * 2 > 4096 ? largest * 2 : 4096;

	catch_crashes();
	double start = now();
	uint64_t corpus_ok = 0;
	for (size_t i = 0; i < corpus.n; i++)
		corpus_ok += (uint64_t)run(corpus.v[i].data, corpus.v[i].len, seed, 0);

	/* The mutation phase. */
	struct fuzz_rng rng;
	struct input pool[POOL_SIZE];
	size_t npool = 0, next_pool = 0;
	uint8_t *buf = malloc(maxlen);
	uint64_t k = 0, mutants_ok = 0;

	if (buf == NULL)
		die("buffer", "out of memory");
	fuzz_rng_seed(&rng, seed);
	fuzz_rng_seed(&mutate_rng, seed ^ UINT64_C(0x5eed5eed5eed5eed));
	while (k < runs && now() - start < seconds) {
		const struct input *from = npool > 0 && fuzz_rng_below(&rng, 2)
					   ? &pool[fuzz_rng_below(&rng, (uint32_t)npool)]
					   : &corpus.v[fuzz_rng_below(&rng, (uint32_t)corpus.n)];
		size_t len = from->len < maxlen ? from->len : maxlen;
		memcpy(buf, from->data, len);
		k++;
		if (k % 2)
			len = fuzz_mutate(&rng, buf, len, maxlen);
		else
			len = LLVMFuzzerCustomMutator(buf, len, maxlen, (unsigned)fuzz_rng_next(&rng));
		if (run(buf, len, seed, k)) {
			mutants_ok++;
			/* Keep it: round robin once the pool is full. */
			uint8_t *copy = malloc(len ? len : 1);
			if (copy == NULL)
				continue;
			memcpy(copy, buf, len);
			if (npool < POOL_SIZE) {
				pool[npool].data = copy;
				pool[npool++].len = len;
			} else {
				free(pool[next_pool].data);
				pool[next_pool].data = copy;
				pool[next_pool].len = len;
				next_pool = (next_pool + 1) % POOL_SIZE;
			}
		}
	}
	double took = now() - start;

	printf("%s: seed %" PRIu64 ": %zu corpus files (%" PRIu64 " parsed), %" PRIu64
	       " mutated inputs (%" PRIu64 " parsed) in %.1f s\n",
	       progname, seed, corpus.n, corpus_ok, k, mutants_ok, took);
	for (size_t i = 0; i < npool; i++)
		free(pool[i].data);
	for (size_t i = 0; i < corpus.n; i++)
		free(corpus.v[i].data);
	free(corpus.v);
	free(buf);
	return 0;
}
