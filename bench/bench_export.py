"""Export benchmark: render the ancestors of the target of a generated
1,000,000-object heap to SVG in-process, against piping the same DOT
through the dot command, and the labelling cost per exported edge.

Run with the built package on PYTHONPATH:
    python3 bench/bench_export.py [--objects N] [--repeat K]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import heap  # noqa: E402
import refcycle  # noqa: E402


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
    parser.add_argument("--objects", type=int, default=1000000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    print("refcycle export benchmark: Python %s, refcycle %s"
          % (sys.version.split()[0], refcycle.__version__))
    added = heap.build(args.objects)
    row("objects added by bench/heap.py", "{:,}".format(added))
    snapshot = refcycle.snapshot()
    target = heap.find_target()
    sub = snapshot.ancestors(target, generations=5)
    row("ancestors(target, generations=5)", "%d vertices" % len(sub),
        "%d edges" % len(sub.edges))

    out = tempfile.mkdtemp(prefix="refcycle-bench-")
    try:
        svg = os.path.join(out, "a.svg")
        t_inproc = median_time(lambda: sub.export_image(svg), args.repeat)
        row("export_image(svg), in-process", "%.2f ms" % (t_inproc * 1e3),
            "median of %d, labels included" % args.repeat)
        dot_cmd = shutil.which("dot")
        if dot_cmd:
            text = sub.to_dot().encode("utf-8")
            svg2 = os.path.join(out, "b.svg")

            def through_dot():
                subprocess.run([dot_cmd, "-Tsvg", "-o", svg2], input=text, check=True)
            t_dot = median_time(through_dot, args.repeat)
            row("same DOT piped through the dot command", "%.2f ms" % (t_dot * 1e3),
                "median of %d" % args.repeat)
            row("  ratio in-process / dot command", "%.2f" % (t_inproc / t_dot))
        else:
            row("dot command", "absent", "(Debian: apt-get install graphviz)")
    finally:
        shutil.rmtree(out)

    # Labelling cost: a subgraph with many edges of every kind.
    wide = snapshot.descendants(heap.HEAP, generations=3)
    m = len(wide.edges)
    t_json = median_time(wide.to_json, 3)
    row("descendants(HEAP, generations=3)", "{:,} edges".format(m),
        "{:,} vertices".format(len(wide)))
    row("to_json() per edge (labels + writing)", "%.0f ns" % (t_json / m * 1e9),
        "median of 3")
    t_dot = median_time(wide.to_dot, 3)
    row("to_dot() per edge", "%.0f ns" % (t_dot / m * 1e9), "median of 3")


if __name__ == "__main__":
    main()
