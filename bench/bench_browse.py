"""Browser benchmark: on a generated 1,000,000-object heap, the time from
refcycle.browse() to the first screen, and each key press of a scripted
session (filter the types, enter a type, inspect, ancestors to generation
6, path, dominators, export) until the screen shows its result.  The
dominators key is timed once the tree has arrived (the top line no longer
shows "retained sizes N%"): the wait for it is its own row.  With --file,
the same heap saved with g.save() and the same keys in refcycle-browse
FILE ($REFCYCLE_BROWSE, else on PATH).

It drives the real browser in a terminal (tmux), so every figure includes
the terminal's own latency and the polling of the screen (a few ms): an
upper bound of the browser's time.  Run with the built package on
PYTHONPATH:  python3 bench/bench_browse.py [--objects N] [--file]
"""
import argparse
import os
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests", "python"))

import termtest  # noqa: E402

SETUP = ("import sys, time; sys.path.insert(0, %r); import heap, refcycle; "
         "heap.build(%d); print('heap', 'ready')")
SAVE = ("import gc; gc.collect(); refcycle.snapshot().save(%r); "
        "print('saved', 'heap')")


def timed(term, action, done, what):
    """Run action(), then poll until the screen has changed and
    done(screen) holds; return seconds."""
    before = term.screen()
    start = time.perf_counter()
    action()
    while True:
        screen = term.screen()
        if screen != before and done(screen):
            break
        if time.perf_counter() - start > 60:
            raise SystemExit("timed out waiting for %s; the screen:\n%s"
                             % (what, term.screen()))
    return time.perf_counter() - start


def tree_arrived(term):
    """Seconds until the top line stops showing the dominator tree's
    progress."""
    start = time.perf_counter()
    term.wait_for(lambda s: "retained sizes" not in s.split("\n", 1)[0], 120,
                  "the dominator tree")
    return time.perf_counter() - start


# The scripted session after the first screen: (key, what, done(screen)).
STEPS = [
    ("/", "filter prompt", lambda s: "Filter:" in s),
    ("dic", "type the filter", lambda s: "dict" in s),
    ("Enter", "end the filter", lambda s: "refcycle: Types" in s),
    ("Enter", "open the type (objects view)", lambda s: "refcycle: Objects" in s),
    ("s", "sort the objects", lambda s: "refcycle: Objects" in s),
    ("Enter", "inspect an object", lambda s: "refcycle: Object " in s),
    ("a", "ancestors", lambda s: "refcycle: Ancestors" in s),
] + [("+", "ancestors, generation %d" % g,
      (lambda g: lambda s: "generation %d" % g in s)(g)) for g in range(2, 7)] + [
    ("p", "path", lambda s: "refcycle: Path" in s),
    (None, "(waiting for the dominator tree)", None),
    ("d", "dominators, unfolded to it", lambda s: "refcycle: Dominators" in s),
    ("h", "back to the path", lambda s: "refcycle: Path" in s),
    ("e", "export prompt", lambda s: "Export to:" in s),
    ("Enter", "export (SVG)", lambda s: "Wrote " in s or "failed" in s),
]


def session(term, rows):
    for key, what, done in STEPS:
        if key is None:
            rows.append((what, tree_arrived(term)))
            continue
        if len(key) > 1 and key != "Enter":
            action = (lambda k: lambda: term.text(k))(key)
        else:
            action = (lambda k: lambda: term.keys(k))(key)
        rows.append((what, timed(term, action, done, what)))


def live(args, workdir, pythonpath, rows):
    """browse() in a Python holding the heap."""
    term = termtest.Terminal(["sh", "-c", 'cd "$1" && exec "$2" -i', "sh", workdir,
                              sys.executable], 120, 40,
                             {"PYTHONPATH": pythonpath, "LC_ALL": "C.UTF-8"})
    try:
        term.wait_prompt()
        term.line(SETUP % (HERE, args.objects))
        term.wait_text("heap ready", timeout=300)
        term.wait_prompt(2)
        rows.append(("browse() to the first screen",
                     timed(term, lambda: term.line("refcycle.browse()"),
                           lambda s: "refcycle: Types" in s, "the types view")))
        session(term, rows)
        term.keys("q")
        term.wait_prompt(3)
    finally:
        term.close()


def saved(args, workdir, pythonpath, rows):
    """The heap saved by a Python, then refcycle-browse FILE on it."""
    browse = os.environ.get("REFCYCLE_BROWSE") or shutil.which("refcycle-browse")
    if not browse:
        raise SystemExit("--file needs refcycle-browse ($REFCYCLE_BROWSE or PATH)")
    path = os.path.join(workdir, "heap.rcsnap")
    term = termtest.Terminal(["sh", "-c", 'cd "$1" && exec "$2" -i', "sh", workdir,
                              sys.executable], 120, 40,
                             {"PYTHONPATH": pythonpath, "LC_ALL": "C.UTF-8"})
    try:
        term.wait_prompt()
        term.line(SETUP % (HERE, args.objects))
        term.wait_text("heap ready", timeout=300)
        term.wait_prompt(2)
        term.line(SAVE % path)
        term.wait_text("saved heap", timeout=300)
    finally:
        term.close()
    term = termtest.Terminal(["sh", "-c", 'cd "$1" && exec "$2" "$3"', "sh", workdir,
                              browse, path], 120, 40, {"LC_ALL": "C.UTF-8"})
    try:
        start = time.perf_counter()
        term.wait_text("refcycle: Types", timeout=120)
        rows.append(("refcycle-browse FILE to the first screen",
                     time.perf_counter() - start))
        session(term, rows)
        term.keys("q")
    finally:
        term.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--objects", type=int, default=1000000)
    parser.add_argument("--file", action="store_true",
                        help="time the keys in refcycle-browse on the saved heap")
    args = parser.parse_args(argv)
    if not termtest.have_tmux():
        raise SystemExit("needs tmux")
    workdir = tempfile.mkdtemp(prefix="refcycle-bench-")
    pythonpath = os.pathsep.join(os.path.abspath(p) for p in
                                 os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)
    rows = []
    try:
        (saved if args.file else live)(args, workdir, pythonpath, rows)
    finally:
        shutil.rmtree(workdir)
    print("refcycle browser benchmark%s: Python %s, %d extra objects"
          % (" (refcycle-browse FILE)" if args.file else "", sys.version.split()[0],
             args.objects))
    for what, seconds in rows:
        print("%-40s %9.1f ms" % (what, seconds * 1e3))
    keys = [r for r in rows[1:] if not r[0].startswith("(")]
    slowest = max(keys, key=lambda r: r[1])
    print("%-40s %9.1f ms  (%s; goal <= 50 ms)" % ("slowest key", slowest[1] * 1e3, slowest[0]))


if __name__ == "__main__":
    main()
