"""Regenerate the captured screens and the SVG of the worked example that
the README and the manual show (doc/screens/*.txt, doc/worked-example.svg),
and the leak report of examples/growing_cache.py (doc/report-example.html,
what refcycle-browse --report prints in doc/screens/report.txt, and
doc/report.png, Chromium's screenshot of the page, when chromium is there).

The browser runs for real, in tmux, on the worked example
(tests/python/browse_story.py), driven by the keys a user presses; each
screen is the terminal's text once it shows what the step waits for.
Run it from a build directory after a change to what the browser draws:

    PYTHONPATH=tests/pylib python3 ../../doc/screens.py

(refcycle-browse is the build directory's tui/refcycle-browse, or
REFCYCLE_BROWSE.)

(Addresses and counts differ from run to run: commit the new files only
when the pictures they give have changed.)
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.join(os.path.dirname(HERE), "tests", "python")
sys.path.insert(0, TESTS)

import termtest  # noqa: E402

WIDTH, HEIGHT = 100, 24


def save(name, screen):
    lines = [line.rstrip() for line in screen.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    with open(os.path.join(HERE, "screens", name + ".txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


# The leak of examples/growing_cache.py, reported from the live heap
# (growth since a census, tracemalloc's sites, the watched requests) and
# saved for refcycle-browse --report.
REPORT_STORY = """
import sys, tracemalloc
tracemalloc.start(5)
sys.path.insert(0, sys.argv[1])
import growing_cache
import refcycle
base = refcycle.census()
growing_cache.serve(0, 2000)
graph = refcycle.snapshot()
graph.report(sys.argv[2], since=base, title="examples/growing_cache.py, 2000 requests")
graph.save(sys.argv[3])
"""


def report(workdir, env):
    """doc/report-example.html, doc/screens/report.txt, doc/report.png."""
    examples = os.path.join(os.path.dirname(HERE), "examples")
    page = os.path.join(HERE, "report-example.html")
    snap = os.path.join(workdir, "heap.rcsnap")
    subprocess.run([sys.executable, "-c", REPORT_STORY, examples, page, snap],
                   check=True, env=dict(os.environ, **env))
    browse = os.environ.get("REFCYCLE_BROWSE") or os.path.abspath(
        os.path.join("tui", "refcycle-browse"))
    command = ["refcycle-browse", "--report", "heap.html", "heap.rcsnap"]
    r = subprocess.run([browse] + command[1:], cwd=workdir, check=True,
                       stdout=subprocess.PIPE, universal_newlines=True,
                       env=dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE=""))
    with open(os.path.join(HERE, "screens", "report.txt"), "w", encoding="utf-8") as f:
        f.write("$ " + " ".join(command) + "\n" + r.stdout)
    chromium = shutil.which("chromium")
    if chromium is None:
        print("no chromium: doc/report.png left as it was")
        return
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                    "--hide-scrollbars", "--user-data-dir=" + os.path.join(workdir, "chromium"),
                    "--screenshot=" + os.path.join(HERE, "report.png"),
                    "--window-size=1000,1400", "file://" + page],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    workdir = tempfile.mkdtemp(prefix="refcycle-screens-")
    os.makedirs(os.path.join(HERE, "screens"), exist_ok=True)
    pythonpath = os.pathsep.join(os.path.abspath(p) for p in
                                 os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)
    story = os.path.join(TESTS, "browse_story.py")
    argv = ["sh", "-c", 'cd "$1" && exec "$2" -i "$3"', "sh", workdir, sys.executable, story]
    term = termtest.Terminal(argv, WIDTH, HEIGHT, {"PYTHONPATH": pythonpath, "LC_ALL": "C.UTF-8"})
    try:
        term.wait_text("story ready")
        term.wait_prompt()
        term.line("refcycle.browse()")
        term.wait_text("refcycle: Types")
        term.text("sss")                                  # by retained size
        save("types", term.wait_text("Sorted by retained"))
        term.text("/SomeComputation")
        term.wait_text("SomeComputation")
        term.keys("Enter")
        term.keys("Enter")
        term.wait_text("refcycle: Objects")
        term.keys("Enter")
        save("object", term.wait_text("__self__"))
        term.text("a")
        term.wait_text("refcycle: Ancestors")
        term.text("+")
        save("ancestors", term.wait_text("local 'job'"))
        term.text("p")
        save("path", term.wait_text("refcycle: Path"))
        term.text("e")
        term.wait_text("Export to: ")
        term.keys("C-u")
        term.line(os.path.join(workdir, "worked-example.svg"))
        term.wait_text("Wrote ")
        term.text("d")
        save("dominators", term.wait_text("refcycle: Dominators"))
        term.text("q")
        term.wait_prompt(2)
    finally:
        term.close()
    svg = os.path.join(workdir, "worked-example.svg")
    with open(svg, encoding="utf-8") as f:
        text = f.read()
    # The temporary directory's name is no part of the picture.
    text = re.sub(r"<!-- Title: .*? -->", "<!-- Title: G -->", text)
    with open(os.path.join(HERE, "worked-example.svg"), "w", encoding="utf-8") as f:
        f.write(text)
    report(workdir, {"PYTHONPATH": pythonpath})
    shutil.rmtree(workdir)
    print("wrote doc/screens/*.txt, doc/worked-example.svg, doc/report-example.html "
          "and doc/report.png")


if __name__ == "__main__":
    main()
