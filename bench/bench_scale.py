"""Scale benchmark: refcycle at one million objects and at five million,
against a full gc.collect() at each size, one table per interpreter.

For each build directory given (each is built for one interpreter: its
Makefile names it), and each size, a fresh process builds bench/heap.py's
heap and measures, as medians of --repeat runs of CPU time
(time.process_time(): the machine's other work does not count):

  gc.collect()                the yardstick, a full collection
  snapshot()                  and its ratio to gc.collect()
  types and sizes, roots      what a browser's first screen needs
                              beyond the snapshot (size_by_typename,
                              roots), on a fresh snapshot
  dominators + retained       g.retained_size() of a fresh snapshot
  graph bytes per object      what the snapshot adds to the resident
                              size, per vertex; and once a query that
                              reads referrers (ancestors) has built its
                              in-edges, that query's own arrays included

then the time ratio of the largest size to the smallest for the snapshot
and for gc.collect() (linear would be the ratio of the sizes).

    python3 bench/bench_scale.py [--sizes 1000000,5000000] [--repeat 5] BUILD_DIR...

e.g. python3 bench/bench_scale.py _build/dev _build/py3.13.0
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

CHILD = r"""
import gc, json, os, statistics, sys, time
sys.path.insert(0, %(here)r)
import heap, refcycle
PAGE = os.sysconf("SC_PAGE_SIZE")

def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE

def cpu(function, repeat):
    times = []
    for _ in range(repeat):
        gc.collect()
        t = time.process_time()
        result = function()
        times.append(time.process_time() - t)
        del result
    return statistics.median(times)

heap.build(%(n)d)
gc.collect()
out = {"objects": len(gc.get_objects())}
t = time.process_time(); g = refcycle.snapshot(); out["first_snapshot"] = time.process_time() - t
del g
out["collect"] = cpu(gc.collect, %(repeat)d)
out["snapshot"] = cpu(refcycle.snapshot, %(repeat)d)

def first_screen_work():
    g = refcycle.snapshot()
    t = time.process_time()
    g.size_by_typename()
    g.roots()
    return time.process_time() - t
out["types_roots"] = statistics.median(first_screen_work() for _ in range(%(repeat)d))

def dominators():
    g = refcycle.snapshot()
    t = time.process_time()
    g.retained_size(heap.HEAP)
    return time.process_time() - t
out["dominators"] = statistics.median(dominators() for _ in range(3))

gc.collect()
before = rss()
g = refcycle.snapshot()
out["bytes_per_object"] = (rss() - before) / len(g)
out["vertices"] = len(g)
g.ancestors(heap.HEAP, generations=1)      # builds the in-edges
out["bytes_with_in_edges"] = (rss() - before) / len(g)
print("RESULT " + json.dumps(out))
"""


def interpreter_of(build):
    with open(os.path.join(build, "Makefile")) as f:
        for line in f:
            m = re.match(r"^PYTHON = (\S+)", line)
            if m:
                return m.group(1)
    raise SystemExit("%s: no PYTHON in its Makefile" % build)


def measure(python, pylib, n, repeat):
    code = CHILD % {"here": HERE, "n": n, "repeat": repeat}
    env = dict(os.environ, PYTHONPATH=pylib, PYTHONDONTWRITEBYTECODE="1")
    r = subprocess.run([python, "-c", code], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, universal_newlines=True, env=env)
    for line in r.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise SystemExit("%s at %d objects failed:\n%s" % (python, n, r.stderr[-2000:]))


def ms(seconds):
    return "%.0f ms" % (seconds * 1e3)


def table(python, results, sizes):
    version = subprocess.run([python, "-c", "import sys; print(sys.version.split()[0])"],
                             stdout=subprocess.PIPE, universal_newlines=True).stdout.strip()
    print("Python %s (%s)" % (version, python))
    head = "%-30s" % "" + "".join("%16s" % ("%dM objects" % (n // 1000000) if n >= 1000000
                                           else "%d objects" % n) for n in sizes)
    print(head)

    def row(label, cell):
        print("%-30s" % label + "".join("%16s" % cell(results[n]) for n in sizes))
    row("gc.collect()", lambda r: ms(r["collect"]))
    row("snapshot()", lambda r: ms(r["snapshot"]))
    row("  ratio to gc.collect()", lambda r: "%.2f" % (r["snapshot"] / r["collect"]))
    row("  first in the process", lambda r: ms(r["first_snapshot"]))
    row("types and sizes, roots", lambda r: ms(r["types_roots"]))
    row("  ratio to the snapshot", lambda r: "%.2f" % (r["types_roots"] / r["snapshot"]))
    row("dominators + retained", lambda r: ms(r["dominators"]))
    row("  ratio to gc.collect()", lambda r: "%.2f" % (r["dominators"] / r["collect"]))
    row("graph bytes per object", lambda r: "%.1f" % r["bytes_per_object"])
    row("  with its in-edges built", lambda r: "%.1f" % r["bytes_with_in_edges"])
    lo, hi = sizes[0], sizes[-1]
    if hi != lo:
        a, b = results[lo], results[hi]
        print("%-30s%16s" % ("%d/%d time ratio (sizes %.1f)" % (hi // 1000000 or hi, lo // 1000000 or lo,
                                                              b["vertices"] / a["vertices"]), ""))
        print("%-30s%16.2f" % ("  snapshot()", b["snapshot"] / a["snapshot"]))
        print("%-30s%16.2f" % ("  gc.collect()", b["collect"] / a["collect"]))
        print("%-30s%16.2f" % ("  graph bytes per object", b["bytes_per_object"] / a["bytes_per_object"]))
        print("%-30s%16.2f" % ("    with its in-edges", b["bytes_with_in_edges"] / a["bytes_with_in_edges"]))
    print()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000000,5000000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("builds", nargs="+")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    print("refcycle scale benchmark: CPU time, medians of %d (dominators: of 3)" % args.repeat)
    print()
    for build in args.builds:
        python = interpreter_of(build)
        pylib = os.path.join(os.path.abspath(build), "tests", "pylib")
        results = {n: measure(python, pylib, n, args.repeat) for n in sizes}
        table(python, results, sizes)


if __name__ == "__main__":
    main()
