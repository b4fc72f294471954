"""Run every benchmark once, one after the other, and write their output
as one dated table (bench/RESULTS): the figures the README, the manual and
bench/README quote come from it.

    REFCYCLE_BROWSE=_build/dev/tui/refcycle-browse \\
    PYTHONPATH=_build/dev/tests/pylib python3 bench/results.py [--objects N] [--out FILE]

Run it on a quiet machine: the figures are wall-clock times.  A benchmark
that cannot run here (no tmux, no gdb, ptrace refused) says so in its
section instead of a table.
"""
import argparse
import datetime
import os
import platform
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

BENCHES = [
    ("capture", ["bench_capture.py", "--no-python"]),
    ("roots and dominators", ["bench_roots.py"]),
    ("export", ["bench_export.py"]),
    ("edge labels", ["bench_labels.py"]),
    ("saved snapshots", ["bench_store.py"]),
    ("browser", ["bench_browse.py"]),
    ("attach", ["bench_attach.py"]),
    ("leak report", ["bench_report.py"]),
]


def machine():
    cpus = os.cpu_count()
    try:
        load = "%.1f" % os.getloadavg()[0]
    except OSError:
        load = "?"
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%s, %s cores, %s, load %s at the start" % (model, cpus, platform.platform(), load)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--objects", type=int, default=1000000)
    parser.add_argument("--out", default=os.path.join(HERE, "RESULTS"))
    args = parser.parse_args(argv)
    sections = []
    for title, command in BENCHES:
        argv_ = [sys.executable, os.path.join(HERE, command[0])] + command[1:]
        argv_ += ["--objects", str(args.objects)]
        print("bench/results.py: %s..." % title, file=sys.stderr, flush=True)
        proc = subprocess.run(argv_, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              universal_newlines=True)
        text = proc.stdout.rstrip()
        if proc.returncode != 0:
            text += "\n(exit status %d)" % proc.returncode
        sections.append("== %s (%s)\n%s" % (title, " ".join(command), text))
    header = ("refcycle benchmarks, %s\nPython %s (%s)\n%s\nbench/heap.py with %s extra objects\n"
              % (datetime.date.today().isoformat(), platform.python_version(), sys.executable,
                 machine(), "{:,}".format(args.objects)))
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(header + "\n" + "\n\n".join(sections) + "\n")
    print("wrote %s" % args.out, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
