## tests/fuzz/local.mk - fuzzing the snapshot reader and the JSON import,
## included last by the top Makefile.am.  The JSON import has its own
## fuzzer in Python (tests/fuzz/json/, "make fuzz-json" below; its short
## run is tests/python/test_fuzz_json.py).  The reader's fuzz target
## (fuzz_snapfile.c: any bytes must be refused with a message or be safe
## to use) runs three ways:
##
##   make check        tests/fuzz/short-run.sh: the committed corpus, then
##                     FUZZ_SHORT_SECONDS of mutations by a plain driver
##                     (driver.c) built like every test, so that
##                     --enable-sanitizers runs it under ASan and UBSan
##   make fuzz         libFuzzer (clang), FUZZ_SECONDS long (see below)
##   make fuzz-corpus  rewrite tests/fuzz/corpus/ with make_corpus.c

FUZZ_CPPFLAGS = $(AM_CPPFLAGS)
FUZZ_LDADD = src/store/librcstore.la src/export/librcexport.la src/graph/librcgraph.la \
	src/common/librccommon.la

## The corpus goes into the tarball as a directory, so that a regression
## input added to it is distributed without a change here.
EXTRA_DIST += tests/fuzz/corpus tests/fuzz/short-run.sh tests/fuzz/make_corpus.c

## ------------------------------------------------------- the short run
## Seconds of mutations after the corpus: the sanitizer build (CI's asan
## step) is where a run finds most, so it gets the longest; each plain
## build of quickstart's matrix and distcheck run it briefly.  Override
## with "make check FUZZ_SHORT_SECONDS=60 FUZZ_SEED=7".
if SANITIZERS
FUZZ_SHORT_SECONDS = 20
else
FUZZ_SHORT_SECONDS = 5
endif
FUZZ_SEED = 1
AM_TESTS_ENVIRONMENT += \
	FUZZ_SHORT_SECONDS='$(FUZZ_SHORT_SECONDS)'; export FUZZ_SHORT_SECONDS; \
	FUZZ_SEED='$(FUZZ_SEED)'; export FUZZ_SEED;

## check_PROGRAMS is defined under HAVE_CHECK only (see Makefile.am),
## hence this in there too, although the driver does not use check.
if HAVE_CHECK
check_PROGRAMS += tests/fuzz/fuzz_snapfile_run
TESTS += tests/fuzz/short-run.sh
endif
tests_fuzz_fuzz_snapfile_run_SOURCES = \
	tests/fuzz/driver.c tests/fuzz/fuzz_snapfile.c \
	tests/fuzz/mutate.c tests/fuzz/mutate.h
tests_fuzz_fuzz_snapfile_run_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_snapfile_run_LDADD = $(FUZZ_LDADD)
## A crash saves its input in the build directory's tests/fuzz/.
CLEANFILES += tests/fuzz/crash-*.rcsnap

## ----------------------------------------------------------- the corpus
## Built on demand only (not by "make" or CI): the outputs are committed.
EXTRA_PROGRAMS = tests/fuzz/make_corpus
tests_fuzz_make_corpus_SOURCES = tests/fuzz/make_corpus.c \
	tests/fuzz/mutate.c tests/fuzz/mutate.h
tests_fuzz_make_corpus_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_make_corpus_LDADD = $(FUZZ_LDADD)
CLEANFILES += tests/fuzz/make_corpus$(EXEEXT)

fuzz-corpus: tests/fuzz/make_corpus$(EXEEXT)
	$(MKDIR_P) $(srcdir)/tests/fuzz/corpus
	tests/fuzz/make_corpus$(EXEEXT) $(srcdir)/tests/fuzz/corpus

## ------------------------------------------------------------ libFuzzer
## clang's libFuzzer with ASan and UBSan, compiled straight from the
## sources that the reader needs (not through libtool, and without
## render.c, which would pull in graphviz).
##
##   make fuzz [FUZZ_SECONDS=300] [FUZZ_ARGS='-jobs=2 -workers=2'] [FUZZ_MERGE=1]
##
## It reads the committed corpus and writes what it finds to the build
## directory's tests/fuzz/work/corpus/ (libFuzzer writes new inputs to
## its first corpus directory), crashes to tests/fuzz/work/artifacts/;
## the source tree is left alone.  With FUZZ_MERGE=1 it then merges into
## tests/fuzz/corpus/ the found inputs that add coverage (libFuzzer's
## -merge=1; they are named by their hash: rename those worth keeping).
## A crash stops the run and make fails: add its input to the corpus,
## under a name that says what it was, once the bug is fixed.
FUZZ_CC = clang
FUZZ_CFLAGS = -std=c11 -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZ_SECONDS = 300
FUZZ_MAX_LEN = 20000
FUZZ_ARGS =
FUZZ_MERGE =
FUZZ_C_FILES = \
	tests/fuzz/fuzz_snapfile.c tests/fuzz/mutate.c \
	src/store/snapread.c src/store/snapfile.c src/store/strtab.c \
	src/graph/graph.c src/graph/nodeset.c src/graph/bfs.c src/graph/scc.c \
	src/graph/subgraph.c src/graph/dom.c src/graph/domtree.c src/graph/rootpath.c \
	src/common/buf.c src/common/file.c

tests/fuzz/fuzz_snapfile: $(FUZZ_C_FILES) tests/fuzz/mutate.h config.h
	$(AM_V_CCLD)srcs=; for f in $(FUZZ_C_FILES); do \
	  if test -f "$$f"; then srcs="$$srcs $$f"; else srcs="$$srcs $(srcdir)/$$f"; fi; \
	done; \
	$(MKDIR_P) tests/fuzz && \
	$(FUZZ_CC) $(WARN_CFLAGS) $(FUZZ_CFLAGS) -I$(top_builddir) $(FUZZ_CPPFLAGS) -o $@ $$srcs
CLEANFILES += tests/fuzz/fuzz_snapfile

fuzz: tests/fuzz/fuzz_snapfile
	$(MKDIR_P) tests/fuzz/work/corpus tests/fuzz/work/artifacts
	cd tests/fuzz/work && ../fuzz_snapfile -max_total_time=$(FUZZ_SECONDS) \
	  -max_len=$(FUZZ_MAX_LEN) -artifact_prefix=artifacts/ -print_final_stats=1 \
	  $(FUZZ_ARGS) corpus '$(abs_srcdir)/tests/fuzz/corpus'
	if test -n '$(FUZZ_MERGE)'; then \
	  tests/fuzz/fuzz_snapfile -merge=1 -max_len=$(FUZZ_MAX_LEN) \
	    '$(abs_srcdir)/tests/fuzz/corpus' tests/fuzz/work/corpus; \
	fi

clean-local: clean-fuzz
clean-fuzz:
	rm -rf tests/fuzz/work
.PHONY: fuzz fuzz-corpus clean-fuzz

## ------------------------------------------- from_json (Python, no libFuzzer)
## tests/fuzz/json/fuzz_json.py: a mutation fuzzer, standard library only,
## of refcycle.AnnotatedGraph.from_json (any text: an AnnotatedGraph safe to
## use, or ValueError, TypeError, UnicodeError, RecursionError, OverflowError
## or MemoryError with a message).  make check runs it briefly
## (tests/python/test_fuzz_json.py); this runs it on the module of this
## build, under ASan and UBSan with --enable-sanitizers:
##
##   make fuzz-json [FUZZ_SECONDS=300] [FUZZ_SEED=1]
##
## The input being tried is kept in the build directory's
## tests/fuzz/json-work/current.json (a crash leaves it there), a contract
## violation as violation-*.json, and make fails.  Add the input to
## tests/fuzz/json/corpus/, under a name that says what it was, with the fix.
EXTRA_DIST += tests/fuzz/json/fuzz_json.py tests/fuzz/json/contract.py \
	tests/fuzz/json/mutate.py tests/fuzz/json/corpus
## PY_TEST_ENV (Makefile.am): with --enable-sanitizers, the runtimes
## preloaded into the uninstrumented interpreter.
fuzz-json: tests/pylib.stamp
	$(MKDIR_P) tests/fuzz/json-work
	PYTHONPATH='$(abs_builddir)/tests/pylib' PYTHONDONTWRITEBYTECODE=1 $(PY_TEST_ENV) \
	  $(PYTHON) $(srcdir)/tests/fuzz/json/fuzz_json.py --seconds $(FUZZ_SECONDS) \
	  --seed $(FUZZ_SEED) --save-crashes tests/fuzz/json-work --progress

clean-local: clean-fuzz-json
clean-fuzz-json:
	rm -rf tests/fuzz/json-work
.PHONY: fuzz-json clean-fuzz-json
