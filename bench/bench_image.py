"""Picture benchmark: export_image of a 500-object graph in the house
style, in-process, to SVG, PNG and PDF; the DOT text alone; and a whole
heap capped at max_nodes=500 (breadth first, notes for the rest).

The 500 objects are what a picture usually shows: a registry (a dict)
of 60 sessions, each an instance with its __dict__, a list of three
requests and a back reference to the registry, and a chain of frames-
like holders; typed, sized and labelled as any other objects.

Run with the built package on PYTHONPATH:
    python3 bench/bench_image.py [--repeat K]
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time

import refcycle


class Session(object):
    def __init__(self, registry, n):
        self.registry = registry
        self.requests = [Request(self, i) for i in range(3)]
        self.name = "session-%d" % n


class Request(object):
    def __init__(self, session, i):
        self.session = session
        self.headers = {"id": i}


def build(count):
    """About count tracked objects, connected, as a list."""
    registry = {}
    objects = [registry]
    n = 0
    while len(objects) < count:
        s = Session(registry, n)
        registry[s.name] = s
        objects += [s, s.__dict__, s.requests]
        for r in s.requests:
            objects += [r, r.__dict__, r.headers]
        n += 1
    return objects[:count]


def median_time(function, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        function()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def row(name, value, note=""):
    print("%-44s %12s  %s" % (name, value, note))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--objects", type=int, default=500)
    args = parser.parse_args(argv)

    print("refcycle picture benchmark: Python %s, refcycle %s"
          % (sys.version.split()[0], refcycle.__version__))
    objects = build(args.objects)
    g = refcycle.ObjectGraph(objects)
    focus = objects[1]
    row("graph", "%d vertices" % len(g), "%d edges" % len(g.edges))
    out = tempfile.mkdtemp(prefix="refcycle-bench-")
    try:
        t = median_time(lambda: g._image_dot(focus=focus), args.repeat)
        row("DOT text in the house style", "%.1f ms" % (t * 1e3))
        for ext in ("svg", "png", "pdf"):
            path = os.path.join(out, "g." + ext)
            t = median_time(lambda: g.export_image(path, focus=focus), args.repeat)
            row("export_image(%s), in-process" % ext, "%.2f s" % t,
                "median of %d, labels and layout included" % args.repeat)
        snapshot = refcycle.snapshot()
        path = os.path.join(out, "heap.svg")
        t = median_time(lambda: snapshot.export_image(path, max_nodes=500), 1)
        row("whole heap, max_nodes=500 (%d objects)" % len(snapshot), "%.2f s" % t,
            "dense: module dicts, types")
        del snapshot
    finally:
        shutil.rmtree(out)


if __name__ == "__main__":
    main()
