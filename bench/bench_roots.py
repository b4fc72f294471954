"""Roots and dominators benchmark: on a snapshot of a generated
1,000,000-object heap, how long roots, the dominator tree and retained
sizes take (each computed once per graph, on first need), and a path
from a root to the chain's target.

Run with the built package on PYTHONPATH:
    python3 bench/bench_roots.py [--objects N]
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import heap  # noqa: E402
import refcycle  # noqa: E402


def row(name, value, note=""):
    print("%-44s %12s  %s" % (name, value, note))


def timed(function):
    t0 = time.perf_counter()
    result = function()
    return result, time.perf_counter() - t0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--objects", type=int, default=1000000)
    args = parser.parse_args(argv)

    print("refcycle roots and dominators benchmark: Python %s, refcycle %s"
          % (sys.version.split()[0], refcycle.__version__))
    added = heap.build(args.objects)
    row("objects added by bench/heap.py", "{:,}".format(added))
    g, t_snap = timed(refcycle.snapshot)
    row("refcycle.snapshot()", "%.1f ms" % (t_snap * 1e3),
        "%s vertices, %s edges" % ("{:,}".format(len(g)), "{:,}".format(len(g.edges))))
    target = heap.find_target()

    roots, t_roots = timed(g.roots)
    row("g.roots()", "%.1f ms" % (t_roots * 1e3), "%s roots" % "{:,}".format(len(roots)))
    del roots
    size, t_dom = timed(lambda: g.retained_size(heap.CHAIN))
    row("dominators + retained sizes (first call)", "%.1f ms" % (t_dom * 1e3),
        "shallow sizes included")
    row("  roots + dominators + retained", "%.1f ms" % ((t_roots + t_dom) * 1e3),
        "goal <= 2000 ms")
    row("g.retained_size(CHAIN)", "{:,} B".format(size), "the 20 links and the target")
    _, t_again = timed(lambda: g.retained_size(heap.CHAIN))
    row("g.retained_size(), computed", "%.1f us" % (t_again * 1e6))
    path, t_path = timed(lambda: g.path_to_root(target))
    row("g.path_to_root(target)", "%.2f ms" % (t_path * 1e3), "%d vertices" % len(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
