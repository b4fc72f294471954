"""Attach benchmark: refcycle-browse --pid on a child Python holding a
generated 1,000,000-object heap.  Figures: the time from starting
`refcycle-browse --pid PID --save FILE` to the file saved, from starting
`refcycle-browse --pid PID` to its first screen in a real terminal (tmux),
and how long the target was paused: the longest gap seen by a thread of
the target that wakes up every millisecond (it cannot run while gdb has
the process stopped, nor while the snapshot holds the GIL).

Run with the built package on PYTHONPATH and the program's path:
  REFCYCLE_BROWSE=_build/dev/tui/refcycle-browse \\
  PYTHONPATH=_build/dev/tests/pylib python3 bench/bench_attach.py [--objects N]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests", "python"))

import termtest  # noqa: E402

# The target: the heap, a ticker thread measuring its longest gap, and a
# command loop on stdin ("gap": print and reset it).
TARGET = r"""
import sys, threading, time
sys.path.insert(0, %(bench)r)
import heap
heap.build(%(objects)d)
longest = [0.0]

def ticker():
    last = time.monotonic()
    while True:
        time.sleep(0.001)
        now = time.monotonic()
        longest[0] = max(longest[0], now - last)
        last = now

threading.Thread(target=ticker, daemon=True).start()
time.sleep(0.2)
print("ready", flush=True)
for line in sys.stdin:
    print("%%.6f" %% longest[0], flush=True)
    longest[0] = 0.0
"""


def gap(child):
    """The longest pause the target saw since the last call, in seconds."""
    child.stdin.write("gap\n")
    child.stdin.flush()
    return float(child.stdout.readline())


def first_screen(browse, pid):
    term = termtest.Terminal(["sh", "-c", 'exec "$1" --pid "$2"', "sh", browse, str(pid)],
                             120, 40, {"LC_ALL": "C.UTF-8"})
    try:
        start = time.perf_counter()
        term.wait_text("refcycle: Types", timeout=120)
        seconds = time.perf_counter() - start
        term.keys("q")
    finally:
        term.close()
    return seconds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--objects", type=int, default=1000000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    browse = os.environ.get("REFCYCLE_BROWSE") or shutil.which("refcycle-browse")
    if not browse:
        sys.exit("refcycle-browse: not found (set REFCYCLE_BROWSE)")
    workdir = tempfile.mkdtemp(prefix="refcycle-bench-")
    child = subprocess.Popen([sys.executable, "-c", TARGET % {"bench": HERE,
                                                              "objects": args.objects}],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             universal_newlines=True)
    try:
        if child.stdout.readline().strip() != "ready":
            sys.exit("the target did not start")
        gap(child)
        print("target: pid %d, %s, about %d objects" % (child.pid, sys.version.split()[0],
                                                        args.objects))
        saves, pauses = [], []
        path = os.path.join(workdir, "heap.rcsnap")
        for _ in range(args.repeat):
            start = time.perf_counter()
            subprocess.run([browse, "--pid", str(child.pid), "--save", path], check=True)
            saves.append(time.perf_counter() - start)
            pauses.append(gap(child))
        size = os.path.getsize(path)
        info = subprocess.run([browse, "--info", path], check=True, stdout=subprocess.PIPE,
                              universal_newlines=True).stdout
        objects = [line.split()[1] for line in info.splitlines() if "objects:" in line]
        print("snapshot: %s objects, %.1f MB" % (objects[0] if objects else "?", size / 1e6))
        print("attach --save (to the file saved): %6.2f s (median of %d)"
              % (statistics.median(saves), len(saves)))
        print("target paused (longest gap):       %6.2f s (median), %.2f s (max)"
              % (statistics.median(pauses), max(pauses)))
        if termtest.have_tmux():
            screens, pauses = [], []
            for _ in range(args.repeat):
                screens.append(first_screen(browse, child.pid))
                pauses.append(gap(child))
            print("attach to first screen:            %6.2f s (median of %d)"
                  % (statistics.median(screens), len(screens)))
            print("target paused (longest gap):       %6.2f s (median), %.2f s (max)"
                  % (statistics.median(pauses), max(pauses)))
        else:
            print("attach to first screen: tmux not found, not measured")
    finally:
        child.kill()
        child.wait()
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
