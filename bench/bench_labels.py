"""Edge label benchmark: on generated heaps and on heaps of real programs
(Debian packages, each measured when installed), the share of references
that get a label (edge_label is not None), the share named rather than
given their place ("field #k of T"), and what labelling costs per edge.

Run with the built package on PYTHONPATH:
    python3 bench/bench_labels.py [--objects N] [--sample K] [--heap NAME]

Each heap is built in a process of its own: bench/heap.py's generated
heap (N objects), a mypyc-compiled program (mypy checking a small module,
its build result kept), a heap with large lru_caches (sympy after
expansions and series), Cython-built data structures (pandas frames and
groupbys), a web framework (a Flask app after a request), and an asyncio
program (tasks waiting on a queue, measured inside the event loop).  K
edges are sampled (all of them when fewer); the time is edge_label()
over the sample, divided by its size.  The most common unnamed kinds
(referrer type -> referent type) follow each row.
"""
import argparse
import collections
import os
import random
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import refcycle  # noqa: E402

HEAPS = ["generated", "mypyc (mypy)", "lru_cache (sympy)", "Cython (pandas)",
         "web (flask)", "asyncio"]


def build_generated(objects, keep):
    import heap
    heap.build(objects)


def build_mypy(objects, keep):
    from mypy import build
    from mypy.modulefinder import BuildSource
    from mypy.options import Options
    d = tempfile.mkdtemp()
    path = os.path.join(d, "m.py")
    with open(path, "w") as f:
        f.write("import collections\n\nclass A:\n    def f(self, x: int) -> str:\n"
                "        return str(x)\n\nA().f(1)\n")
    options = Options()
    options.incremental = False
    options.cache_dir = os.path.join(d, "cache")
    keep.append(build.build([BuildSource(path, None)], options))


def build_sympy(objects, keep):
    import sympy
    x, y = sympy.symbols("x y")
    for i in range(1, 6):
        keep.append(sympy.expand((x + y + i) ** 6))
        keep.append(sympy.series(sympy.sin(x) * sympy.exp(x * i), x, 0, 8))


def build_pandas(objects, keep):
    import numpy as np
    import pandas as pd
    for i in range(20):
        df = pd.DataFrame({"a": np.arange(100), "b": np.arange(100) * 1.5,
                           "c": ["s%d" % (j % 7) for j in range(100)]})
        keep.append(df.groupby("c").sum())
        keep.append(df)


def build_flask(objects, keep):
    import flask
    app = flask.Flask("bench")

    @app.route("/")
    def index():
        return "hello"
    keep.append(app.test_client().get("/").data)
    keep.append(app)


BUILDERS = {"generated": build_generated, "mypyc (mypy)": build_mypy,
            "lru_cache (sympy)": build_sympy, "Cython (pandas)": build_pandas,
            "web (flask)": build_flask}


def measure(graph, sample):
    edges = list(graph.edges)
    random.seed(1)
    picked = random.sample(edges, min(sample, len(edges)))
    t0 = time.perf_counter()
    labels = [graph.edge_label(e) for e in picked]
    elapsed = time.perf_counter() - t0
    unnamed = collections.Counter()
    none = placed = 0
    for e, label in zip(picked, labels):
        if label is None or label.startswith("field #"):
            none += label is None
            placed += label is not None
            unnamed[(type(graph.tail(e)).__name__, type(graph.head(e)).__name__)] += 1
    n = len(picked)
    return {"vertices": len(graph), "edges": len(edges), "sample": n,
            "labelled": 100.0 * (n - none) / n, "named": 100.0 * (n - none - placed) / n,
            "us": 1e6 * elapsed / n, "unnamed": unnamed.most_common(3)}


async def asyncio_heap(sample):
    import asyncio
    queue = asyncio.Queue()

    async def worker():
        while True:
            job = await queue.get()
            job()

    tasks = [asyncio.create_task(worker(), name="w%d" % i) for i in range(20)]
    for i in range(40):
        queue.put_nowait(list)
    await asyncio.sleep(0.01)
    result = measure(refcycle.snapshot(), sample)
    for t in tasks:
        t.cancel()
    return result


def one(name, objects, sample):
    """Build one heap in this process, measure it, print one line."""
    keep = []
    if name == "asyncio":
        import asyncio
        result = asyncio.run(asyncio_heap(sample))
    else:
        try:
            BUILDERS[name](objects, keep)
        except ImportError as e:
            print("SKIP %s" % e)
            return
        result = measure(refcycle.snapshot(), sample)
    print(repr(result))


def row(name, value, note=""):
    print("%-30s %10s  %s" % (name, value, note))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--objects", type=int, default=200000,
                        help="extra objects of the generated heap")
    parser.add_argument("--sample", type=int, default=30000)
    parser.add_argument("--heap", help="measure this heap only, in this process")
    args = parser.parse_args(argv)
    if args.heap:
        one(args.heap, args.objects, args.sample)
        return 0
    objects = min(args.objects, 200000)
    print("refcycle edge label benchmark: Python %s, refcycle %s; %s-edge samples"
          % (sys.version.split()[0], refcycle.__version__, "{:,}".format(args.sample)))
    print("%-20s %9s %9s %9s %8s %8s" % ("heap", "vertices", "edges", "labelled",
                                         "named", "us/edge"))
    for name in HEAPS:
        proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--heap", name,
                               "--objects", str(objects), "--sample", str(args.sample)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True)
        lines = proc.stdout.strip().splitlines()
        if proc.returncode != 0 or not lines:
            print("%-20s failed: %s" % (name, (proc.stderr.strip().splitlines() or ["?"])[-1]))
            continue
        if lines[-1].startswith("SKIP"):
            print("%-20s absent (%s)" % (name, lines[-1][5:]))
            continue
        r = eval(lines[-1], {})
        print("%-20s %9s %9s %8.2f%% %7.2f%% %8.2f" % (
            name, "{:,}".format(r["vertices"]), "{:,}".format(r["edges"]),
            r["labelled"], r["named"], r["us"]))
        if r["unnamed"]:
            print("%-20s unnamed: %s" % ("", ", ".join(
                "%s -> %s %d" % (a, b, n) for (a, b), n in r["unnamed"])))
    print("goal: labelled >= 99.5% on each heap; 'named' leaves out the places "
          "('field #k of T')")
    return 0


if __name__ == "__main__":
    sys.exit(main())
