"""Leak report benchmark: on a generated 1,000,000-object heap, the time
of ObjectGraph.report() (the HTML page: summary, suspects with their
paths drawn by graphviz in-process, groups, growth), on a fresh snapshot
(its dominator tree computed on the way) and again (the tree known);
with since=a census (growth and allocation sites); and refcycle-browse
--report on the saved file (reading and checking it, the dominators, the
page: the whole process).  The goal: under 2 s at 1M objects.

Run with the built package on PYTHONPATH and the program's path:
  REFCYCLE_BROWSE=_build/dev/tui/refcycle-browse \\
  PYTHONPATH=_build/dev/tests/pylib python3 bench/bench_report.py [--objects N]
"""
import argparse
import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import heap  # noqa: E402
import refcycle  # noqa: E402


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def row(name, seconds, note=""):
    print("%-48s %9.3f s  %s" % (name, seconds, note))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--objects", type=int, default=1000000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    browse = os.environ.get("REFCYCLE_BROWSE") or shutil.which("refcycle-browse")
    workdir = tempfile.mkdtemp(prefix="refcycle-bench-")
    page = os.path.join(workdir, "report.html")
    try:
        print("refcycle report benchmark: Python %s, refcycle %s"
              % (sys.version.split()[0], refcycle.__version__))
        base = refcycle.census()
        heap.build(args.objects)
        gc.collect()
        cold, warm, since = [], [], []
        for _ in range(args.repeat):
            graph = refcycle.snapshot()
            cold.append(timed(lambda: graph.report(page)))
            warm.append(timed(lambda: graph.report(page)))
            graph = None
        for i in range(args.repeat):
            graph = refcycle.snapshot()
            since.append(timed(lambda: graph.report(page, since=base)))
            if i < args.repeat - 1:
                graph = None   # never in the next snapshot
        n, m = len(graph), len(graph.edges)
        size = os.path.getsize(page)
        snap = os.path.join(workdir, "heap.rcsnap")
        graph.save(snap)
        graph = None
        print("heap: %d objects, %d references; page %.0f KiB" % (n, m, size / 1024.0))
        row("report() on a fresh snapshot (dominators too)", statistics.median(cold))
        row("report() again (dominators known)", statistics.median(warm))
        row("report(since=census), fresh snapshot (growth too)", statistics.median(since))
        if browse:
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                r = subprocess.run([browse, "--report", page, snap], stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, universal_newlines=True)
                times.append(time.perf_counter() - start)
                if r.returncode != 0:
                    print("refcycle-browse --report failed: %s" % r.stdout)
                    break
            row("refcycle-browse --report FILE (whole process)", statistics.median(times),
                r.stdout.strip())
        else:
            print("refcycle-browse --report: no refcycle-browse (REFCYCLE_BROWSE)")
    finally:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
