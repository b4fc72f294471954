"""Saved-snapshot benchmark: on a generated 1,000,000-object heap, the
time of ObjectGraph.save(), the file's size per object, refcycle.load(),
and refcycle-browse on the file: reading and checking it with roots,
dominators and retained sizes (--info), and the first screen and a few
keys in a real terminal (tmux).  For comparison, refcycle's JSON format
(export_json, what the pure-Python package saves) of the same graph.

Run with the built package on PYTHONPATH and the program's path:
  REFCYCLE_BROWSE=_build/dev/tui/refcycle-browse \\
  PYTHONPATH=_build/dev/tests/pylib python3 bench/bench_store.py [--objects N]
"""
import argparse
import gc
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests", "python"))

import heap  # noqa: E402
import refcycle  # noqa: E402
import termtest  # noqa: E402
from bench_browse import timed  # noqa: E402


CLOCK = time.perf_counter   # --cpu: cpu_time (all threads)


def cpu_time():
    """CPU seconds of this process's threads and of its waited-for
    children (refcycle-browse --info runs as one)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def median_time(fn, repeat):
    times = []
    for _ in range(repeat):
        start = CLOCK()
        fn()
        times.append(CLOCK() - start)
    return statistics.median(times)


def first_queries(graph, target_id):
    """The first roots(), path_to_root() and retained size of a graph, in
    seconds: on a loaded graph they should take what they take on the
    live one (no record made up front, none needed by these)."""
    rows = []
    start = CLOCK()
    graph.roots()
    rows.append(("roots()", CLOCK() - start))
    target = graph.at(target_id) if target_id is not None else None
    start = CLOCK()
    if target is not None:
        graph.path_to_root(target)
    rows.append(("path_to_root(target)", CLOCK() - start))
    start = CLOCK()
    graph.count_by_typename()
    rows.append(("count_by_typename()", CLOCK() - start))
    return rows


def terminal_figures(browse, path):
    """First screen of refcycle-browse, then a few keys, in seconds."""
    term = termtest.Terminal(["sh", "-c", 'exec "$1" "$2"', "sh", browse, path], 120, 40,
                             {"LC_ALL": "C.UTF-8"})
    rows = []
    try:
        start = time.perf_counter()
        term.wait_text("refcycle: Types", timeout=60)
        rows.append(("first screen", time.perf_counter() - start))
        rows.append(("sort by retained (s, s)", timed(term, lambda: term.keys("s", "s"),
                                                       lambda s: True, "sort")))
        rows.append(("open the first type (Enter)",
                     timed(term, lambda: term.keys("Enter"), lambda s: "Objects" in s, "objects")))
        rows.append(("inspect an object (Enter)",
                     timed(term, lambda: term.keys("Enter"), lambda s: "referrers" in s.lower(),
                           "object")))
        rows.append(("path from a root (p)",
                     timed(term, lambda: term.keys("p"), lambda s: "from a" in s, "path")))
        rows.append(("dominators (d)",
                     timed(term, lambda: term.keys("d"), lambda s: "Dominators" in s, "dominators")))
        term.keys("q")
    finally:
        term.close()
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--objects", type=int, default=1000000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-json", action="store_true", help="skip refcycle's JSON")
    parser.add_argument("--cpu", action="store_true",
                        help="CPU time (all threads) instead of wall time: on a shared machine")
    args = parser.parse_args(argv)
    if args.cpu:
        global CLOCK
        CLOCK = cpu_time
    browse = os.environ.get("REFCYCLE_BROWSE") or shutil.which("refcycle-browse")
    workdir = tempfile.mkdtemp(prefix="refcycle-bench-")
    path = os.path.join(workdir, "heap.rcsnap")
    try:
        heap.build(args.objects)
        gc.collect()
        graph = refcycle.snapshot()
        n, m = len(graph), len(graph.edges)
        print("heap: %d objects, %d references" % (n, m))
        save = median_time(lambda: graph.save(path), args.repeat)
        size = os.path.getsize(path)
        print("save:           %6.2f s   %6.1f MB  %5.1f bytes/object  %6.3f s/million"
              % (save, size / 1e6, size / n, save / n * 1e6))
        if not args.no_json:
            jpath = os.path.join(workdir, "heap.json")
            jtime = median_time(lambda: graph.export_json(jpath), args.repeat)
            jsize = os.path.getsize(jpath)
            print("export_json:    %6.2f s   %6.1f MB  %5.1f bytes/object  %6.2f us/vertex"
                  "   (save takes %.2f of its time, is %.1fx smaller)"
                  % (jtime, jsize / 1e6, jsize / n, jtime / n * 1e6, save / jtime, jsize / size))
            os.unlink(jpath)
        del graph
        gc.collect()
        fresh = refcycle.snapshot()
        live_queries = first_queries(fresh, id(heap.find_target()))
        del fresh
        gc.collect()
        load = median_time(lambda: refcycle.load(path), max(1, args.repeat - 1))
        print("load (Python):  %6.2f s   %6.3f us/object" % (load, load / n * 1e6))
        loaded = refcycle.load(path)
        loaded_queries = first_queries(loaded, id(heap.find_target()))
        for (what, live), (_, file) in zip(live_queries, loaded_queries):
            print("first %-28s live %8.1f ms   loaded %8.1f ms" % (what, live * 1e3, file * 1e3))
        resave = median_time(lambda: loaded.save(path), 1)
        print("save of the loaded graph: %6.2f s   %6.3f s/million" % (resave, resave / n * 1e6))
        if not args.no_json:
            jpath = os.path.join(workdir, "loaded.json")
            jtime = median_time(lambda: loaded.export_json(jpath), args.repeat)
            print("export_json of the loaded graph: %6.2f s   %6.2f us/vertex"
                  % (jtime, jtime / n * 1e6))
            os.unlink(jpath)
        del loaded
        gc.collect()
        if browse:
            info = median_time(lambda: subprocess.run([browse, "--info", path], check=True,
                                                      stdout=subprocess.DEVNULL),
                               args.repeat)
            print("refcycle-browse --info (read, check): %.2f s" % info)
            if termtest.have_tmux():
                for what, seconds in terminal_figures(browse, path):
                    print("refcycle-browse %-28s %7.1f ms" % (what, seconds * 1e3))
        else:
            print("refcycle-browse: not found (set REFCYCLE_BROWSE)")
    finally:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
