"""Regenerate the captured screens and the SVG of the worked example that
the README and the manual show (doc/screens/*.txt, doc/worked-example.svg).

The browser runs for real, in tmux, on the worked example
(tests/python/browse_story.py), driven by the keys a user presses; each
screen is the terminal's text once it shows what the step waits for.
Run it from a build directory after a change to what the browser draws:

    PYTHONPATH=tests/pylib python3 ../../doc/screens.py

(Addresses and counts differ from run to run: commit the new files only
when the pictures they give have changed.)
"""
import os
import re
import shutil
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
    shutil.rmtree(workdir)
    print("wrote doc/screens/*.txt and doc/worked-example.svg")


if __name__ == "__main__":
    main()
