#!/usr/bin/env python3
"""fuzz_json.py - a mutation fuzzer for refcycle.AnnotatedGraph.from_json.

The contract under test: whatever text from_json is given, it either
returns an AnnotatedGraph that is safe to use, or raises ValueError,
TypeError, UnicodeError, RecursionError, OverflowError or MemoryError with
a message.  A crash, a SystemError or any other exception type is a bug.

Python has no libFuzzer here, so this is a plain mutation fuzzer, standard
library only.  It loads the seed corpus, then until time runs out takes an
input from its pool, mutates it either structurally (parse the JSON, change
the types and values of fields, write it back) or at the byte level, and
checks from_json against the contract.  Besides "no crash", every input is
compared with a small model of the format written in Python (model()):
what it accepts, from_json must accept and build the same graph from;
what it rejects, from_json must reject.  An accepted graph is then used:
every vertex and edge record is looked up, and the graph goes through
to_json and export_json and back.

Usage:
    fuzz_json.py [--seconds N] [--seed S] [--corpus DIR] [--save-crashes DIR]
    fuzz_json.py --replay FILE...

A crash kills the process, so the input about to be tried is written to
<save-crashes>/current.json first (and its kind, "str" or "bytes", to
current.kind): after a crash it is the input that crashed.  A contract
violation found in-process is saved as <save-crashes>/violation-*.json
and the run exits with status 1.  --replay runs files (e.g. a saved
current.json) through the check, as bytes and as str, and reports.

Exit status: 0 when every input kept the contract, 1 on a violation, 2 on
a usage error.
"""


import argparse
import collections
import faulthandler
import gc
import hashlib
import os
import random
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# The contract and the model (contract.py), the mutations (mutate.py);
# the names the test suite uses are re-exported here.
from contract import (ODD_ARGUMENTS, Violation, check, model,  # noqa: E402,F401
                      odd_arguments, to_bytes, to_text)
from mutate import Mutator, signature  # noqa: E402

DEFAULT_CORPUS = os.path.join(HERE, "corpus")

# Inputs larger than this are tried but not kept in the pool: mutating
# them is slow and they rarely reach anything new.
POOL_MAX_INPUT = 64 * 1024
POOL_MAX_ENTRIES = 2000


# ------------------------------------------------------------------ driver
class Recorder(object):
    """Writes the input about to be tried to <dir>/current.json (and its
    kind to current.kind), so that a crash leaves it behind."""

    def __init__(self, directory):
        self.dir = directory
        os.makedirs(directory, exist_ok=True)
        self.fd = os.open(os.path.join(directory, "current.json"),
                          os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        self.kind_fd = os.open(os.path.join(directory, "current.kind"),
                               os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        self.kind = None

    def record(self, text):
        data = to_bytes(text)
        # pwrite then truncate: no window where the file is empty.
        os.pwrite(self.fd, data, 0)
        os.ftruncate(self.fd, len(data))
        kind = "str" if isinstance(text, str) else "bytes"
        if kind != self.kind:
            os.pwrite(self.kind_fd, kind.encode() + b"\n", 0)
            os.ftruncate(self.kind_fd, len(kind) + 1)
            self.kind = kind

    def save(self, text, why):
        """Keep a violating input under a name saying what it is."""
        data = to_bytes(text)
        kind = "str" if isinstance(text, str) else "bytes"
        name = "violation-%s-%s.json" % (hashlib.sha1(data).hexdigest()[:12], kind)
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data)
        with open(path + ".txt", "w") as f:
            f.write(why + "\n")
        return path

    def close(self):
        os.close(self.fd)
        os.close(self.kind_fd)


def load_corpus(directory):
    names = sorted(n for n in os.listdir(directory) if n.endswith(".json"))
    corpus = []
    for name in names:
        with open(os.path.join(directory, name), "rb") as f:
            corpus.append((name, f.read()))
    return corpus


def try_one(text, recorder, scratch):
    """(outcome, None), or (None, why) on a violation."""
    recorder.record(text)
    try:
        return check(text, scratch_dir=scratch)[0], None
    except Violation as exc:
        return None, str(exc)


def summary_line(tried, elapsed, seed, outcomes, violations):
    rate = tried / elapsed if elapsed > 0 else 0.0
    counts = ", ".join("%s %d" % (k, v) for k, v in sorted(outcomes.items()))
    return ("fuzz_json: %d inputs in %.1f s (%.1f/s), seed %s: %s; violations %d"
            % (tried, elapsed, rate, seed, counts, violations))


def run(args):
    corpus = load_corpus(args.corpus)
    if not corpus:
        print("fuzz_json: no *.json in %s" % args.corpus, file=sys.stderr)
        return 2
    recorder = Recorder(args.save_crashes)
    scratch = tempfile.mkdtemp(prefix="fuzz-json-")
    outcomes = collections.Counter()
    tried = 0
    start = time.monotonic()

    def fail(text, why):
        path = recorder.save(text, why)
        print("fuzz_json: contract violation: %s\nfuzz_json: input saved as %s"
              % (why, path), file=sys.stderr)
        print(summary_line(tried, time.monotonic() - start, args.seed, outcomes, 1))
        return 1

    try:
        # Arguments that are not text, then every seed as bytes and as str.
        try:
            outcomes.update(odd_arguments())
        except Violation as exc:
            return fail(b"", str(exc))
        tried += len(ODD_ARGUMENTS)
        pool, seen = [], set()
        for name, data in corpus:
            for text in (data, to_text(data)):
                outcome, why = try_one(text, recorder, scratch)
                tried += 1
                if why is not None:
                    return fail(text, "%s (corpus file %s)" % (why, name))
                outcomes[outcome] += 1
            pool.append(data)
        rng = random.Random(args.seed)
        mutator = Mutator(rng, pool)
        deadline = start + args.seconds
        next_report = start + 60
        while time.monotonic() < deadline:
            parent = rng.choice(pool)
            text, how = mutator.mutate(parent)
            recorder.record(text)
            try:
                outcome, message = check(text, scratch_dir=scratch)
            except Violation as exc:
                tried += 1
                return fail(text, "%s (a %s mutation)" % (exc, how))
            tried += 1
            outcomes[outcome] += 1
            data = to_bytes(text)
            sig = signature(outcome, message, text)
            if sig not in seen and len(data) <= POOL_MAX_INPUT:
                seen.add(sig)
                if len(pool) < POOL_MAX_ENTRIES:
                    pool.append(data)
                else:
                    pool[rng.randrange(len(corpus), len(pool))] = data
            if tried % 1000 == 0:
                gc.collect()   # exercise the records' traverse and clear
            now = time.monotonic()
            if args.progress and now >= next_report:
                print(summary_line(tried, now - start, args.seed, outcomes, 0)
                      + "; pool %d" % len(pool), file=sys.stderr, flush=True)
                next_report = now + 60
    finally:
        recorder.close()
        for name in os.listdir(scratch):
            os.unlink(os.path.join(scratch, name))
        os.rmdir(scratch)
    print(summary_line(tried, time.monotonic() - start, args.seed, outcomes, 0))
    return 0


def replay(paths):
    status = 0
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        for text in (data, to_text(data)):
            kind = type(text).__name__
            try:
                print("%s (%s): %s: %s" % ((path, kind) + check(text)))
            except Violation as exc:
                print("%s (%s): VIOLATION: %s" % (path, kind, exc))
                status = 1
    return status


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0,
                        help="how long to mutate after the corpus (default 60)")
    parser.add_argument("--seed", type=int, default=None,
                        help="random seed (default: from the clock, printed)")
    parser.add_argument("--corpus", default=DEFAULT_CORPUS,
                        help="directory of seed inputs (*.json)")
    parser.add_argument("--save-crashes", default="fuzz-json-crashes", metavar="DIR",
                        help="where current.json and violations go (default ./fuzz-json-crashes)")
    parser.add_argument("--progress", action="store_true",
                        help="a progress line on stderr every minute")
    parser.add_argument("--replay", nargs="+", metavar="FILE",
                        help="check these files (as bytes and as str), then stop")
    args = parser.parse_args(argv)
    # A crash in C prints the Python stack too.
    faulthandler.enable()
    if args.replay:
        return replay(args.replay)
    if args.seed is None:
        args.seed = int(time.time()) % 1000000
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
