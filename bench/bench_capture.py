"""Capture benchmark: refcycle.snapshot() against a full gc.collect() and
against a pure-Python snapshot built the way PyPI refcycle builds its
graph, on a generated heap (bench/heap.py).  Everything runs in one
process; see bench/README for what each figure means.

    PYTHONPATH=_build/dev/tests/pylib python3 bench/bench_capture.py
        [--objects N] [--repeat R] [--no-python]
"""
import argparse
import gc
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import heap      # noqa: E402  (after the sys.path change)
import refcycle  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss():
    """Resident set size in bytes (Linux /proc/self/statm), or None."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return None


def median_time(function, repeat, after=None):
    """Median wall time of function() over repeat runs; after(result) is
    called untimed after each run (to delete what it made)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - t0)
        if after is not None:
            after(result)
        del result
    return statistics.median(times)


def python_snapshot():
    """A graph of every gc-tracked object, built as PyPI refcycle builds an
    ObjectGraph: id-keyed dicts of vertices, out/in edge lists, and
    head/tail dicts of edge ids, from gc.get_referents()."""
    objects = gc.get_objects()
    vertices = {}
    out_edges = {}
    in_edges = {}
    for obj in objects:
        key = id(obj)
        vertices[key] = obj
        out_edges[key] = []
        in_edges[key] = []
    head = {}
    tail = {}
    edge = 0
    for referrer in objects:
        referrer_id = id(referrer)
        for referent in gc.get_referents(referrer):
            referent_id = id(referent)
            if referent_id not in vertices:
                continue
            head[edge] = referent
            tail[edge] = referrer
            out_edges[referrer_id].append(edge)
            in_edges[referent_id].append(edge)
            edge += 1
    del objects
    return (vertices, out_edges, in_edges, head, tail)


def fmt_time(seconds):
    if seconds < 1e-3:
        return "%.1f us" % (seconds * 1e6)
    if seconds < 1:
        return "%.1f ms" % (seconds * 1e3)
    return "%.2f s" % seconds


def fmt_bytes(n):
    if n is None:
        return "n/a"
    return "%.1f MiB" % (n / 2.0 ** 20)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--objects", type=int, default=1000000,
                        help="extra gc-tracked objects to generate "
                             "(default 1,000,000)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per timed measurement (default 3)")
    parser.add_argument("--no-python", action="store_true",
                        help="skip the pure-Python snapshot")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    added = heap.build(args.objects)
    build_time = time.perf_counter() - t0
    gc.collect()
    rows = []

    def row(name, value, note=""):
        rows.append((name, value, note))

    # Memory first, before any freed snapshot leaves reusable memory.
    gc.collect()
    rss0 = rss()
    g = refcycle.snapshot()
    rss1 = rss()
    n_vertices = len(g)
    n_edges = len(g.edges)
    del g
    gc.collect()

    # A census, measured the same way: memory first, then time.
    gc.collect()
    rss0c = rss()
    c = refcycle.census()
    rss1c = rss()
    del c
    gc.collect()

    collect_time = median_time(gc.collect, args.repeat)
    snapshot_time = median_time(refcycle.snapshot, args.repeat)
    census_time = median_time(refcycle.census, args.repeat)

    python_time = python_rss = None
    if not args.no_python:
        gc.collect()
        before = rss()
        t0 = time.perf_counter()
        graph = python_snapshot()
        python_time = time.perf_counter() - t0
        after = rss()
        python_vertices = len(graph[0])
        if before is not None and after is not None:
            python_rss = after - before
        del graph
        gc.collect()

    g = refcycle.snapshot()
    target = heap.find_target()
    holder = sys.modules["heap"]
    ancestors_time = median_time(
        lambda: g.ancestors(target, generations=5), args.repeat)
    path_time = median_time(lambda: g.shortest_path(holder, target),
                            args.repeat)
    path_len = len(g.shortest_path(holder, target))
    scc_time = median_time(g.strongly_connected_components, args.repeat)
    del g

    row("objects added by bench/heap.py", "{:,}".format(added),
        "built in %s" % fmt_time(build_time))
    row("snapshot vertices", "{:,}".format(n_vertices))
    row("snapshot edges", "{:,}".format(n_edges))
    row("gc.collect(), full", fmt_time(collect_time),
        "median of %d" % args.repeat)
    row("refcycle.snapshot()", fmt_time(snapshot_time),
        "median of %d" % args.repeat)
    row("  ratio snapshot / gc.collect", "%.2f" % (snapshot_time /
                                                   collect_time),
        "goal <= 1")
    row("refcycle.census()", fmt_time(census_time), "median of %d" % args.repeat)
    row("  ratio census / snapshot", "%.2f" % (census_time / snapshot_time), "goal well under 1")
    if rss0c is not None and rss1c is not None:
        row("  census bytes per object (RSS)", "%.1f" % ((rss1c - rss0c) / float(n_vertices)))
    if python_time is not None:
        row("pure-Python snapshot", fmt_time(python_time), "once")
        row("  ratio pure-Python / snapshot", "%.1f" % (python_time /
                                                        snapshot_time))
    if rss0 is not None and rss1 is not None:
        grown = rss1 - rss0
        row("memory added by snapshot (RSS)", fmt_bytes(grown))
        row("  bytes per vertex", "%.1f" % (grown / float(n_vertices)),
            "raw: all of it / vertices")
        row("  bytes per vertex, edges at 8 B",
            "%.1f" % ((grown - 8.0 * n_edges) / n_vertices),
            "(RSS - 8 B x edges) / vertices")
    else:
        row("memory added by snapshot (RSS)", "n/a", "no /proc/self/statm")
    if python_rss is not None:
        row("memory of pure-Python snapshot (RSS)", fmt_bytes(python_rss))
        row("  bytes per vertex", "%.1f" % (python_rss /
                                             float(python_vertices)))
    row("g.ancestors(target, generations=5)", fmt_time(ancestors_time),
        "median of %d" % args.repeat)
    row("g.shortest_path(heap module, target)", fmt_time(path_time),
        "median of %d, %d vertices" % (args.repeat, path_len))
    row("g.strongly_connected_components()", fmt_time(scc_time),
        "median of %d" % args.repeat)

    print("refcycle capture benchmark: Python %s, refcycle %s"
          % (sys.version.split()[0], getattr(refcycle, "__version__", "?")))
    width = max(len(r[0]) for r in rows) + 2
    vwidth = max(len(r[1]) for r in rows) + 2
    for name, value, note in rows:
        print("%-*s%*s  %s" % (width, name, vwidth, value, note))
    return 0


if __name__ == "__main__":
    sys.exit(main())
