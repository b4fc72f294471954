#!/bin/sh
# short-run.sh - the fuzz target's short run, a test of "make check"
# (TAP): every file of tests/fuzz/corpus/ through fuzz_snapfile_run,
# then FUZZ_SHORT_SECONDS of mutations of them, picked by FUZZ_SEED
# (both set by tests/fuzz/local.mk).  A crash or a sanitizer report
# fails the test; its input is saved as tests/fuzz/crash-SEED-K.rcsnap
# in the build directory, and the same seed repeats the same inputs.
# Run from the top build directory, as automake runs tests.

prog=$PWD/tests/fuzz/fuzz_snapfile_run
corpus=$(cd "${srcdir:-.}/tests/fuzz/corpus" && pwd) || {
	echo "Bail out! no corpus under ${srcdir:-.}/tests/fuzz"
	exit 1
}
seconds=${FUZZ_SHORT_SECONDS:-20}
seed=${FUZZ_SEED:-1}
status=0

echo 1..2
cd tests/fuzz || { echo "Bail out! no tests/fuzz"; exit 1; }

# run NUMBER DESCRIPTION ARGS...: one test point, the driver's output
# (and a sanitizer's report) as comments.
run() {
	number=$1 description=$2
	shift 2
	if out=$("$prog" "$@" 2>&1); then
		echo "ok $number - $description"
	else
		echo "not ok $number - $description (exit $?)"
		status=1
	fi
	printf '%s\n' "$out" | sed 's/^/# /'
}

run 1 "every corpus file" "$corpus"
run 2 "${seconds} s of mutations, seed $seed" -t "$seconds" -s "$seed" "$corpus"
exit $status
