"""The worked example told with asyncio (examples/async_worker.py): a
worker coroutine suspended in 'await jobs.get()' keeps, in its local
'job', the last bound method and so the last SomeComputation alive.  The
path from a root names the task, its coroutine, the local and __self__:
in the API, in the picture, and in the browser."""

import asyncio
import contextlib
import importlib.util
import io
import os
import shutil
import sys
import tempfile
import unittest

import support
import termtest

EXAMPLE = os.path.join(support.SRCDIR, "examples", "async_worker.py")
PY311 = sys.version_info >= (3, 11)
PYTHONPATH = os.pathsep.join(os.path.abspath(p) for p in
                             os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)


def load_example():
    spec = importlib.util.spec_from_file_location("async_worker", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestStory(unittest.TestCase):
    def run_story(self, *argv):
        example = load_example()
        printed = io.StringIO()
        old_argv = sys.argv
        sys.argv = [EXAMPLE] + list(argv)
        try:
            with contextlib.redirect_stdout(printed):
                asyncio.run(example.main())
        finally:
            sys.argv = old_argv
        return printed.getvalue()

    def test_path_names_task_coroutine_local_and_self(self):
        out = self.run_story()
        steps = [line.strip() for line in out.splitlines()
                 if line.strip().startswith("--")]
        labels = [s[2:s.index("-->")] for s in steps]
        # 3.9 and 3.10 keep a coroutine's locals in a frame object.
        inside = ["cr_frame", "local 'job'"] if not PY311 else ["local 'job'"]
        self.assertEqual(labels[-2 - len(inside):],
                         ["_coro"] + inside + ["__self__"], out)
        self.assertTrue(steps[-1].endswith("SomeComputation"), steps)
        self.assertIn("instancemethod SomeComputation.compute", out)
        self.assertIn("--_coro--> coroutine worker", out)
        # The task is named in its summary: its name and its coroutine.
        self.assertIn("Task worker worker", out)

    def test_picture_has_the_labels(self):
        d = tempfile.mkdtemp(prefix="refcycle-async-")
        self.addCleanup(shutil.rmtree, d)
        svg = os.path.join(d, "path.svg")
        out = self.run_story(svg)
        self.assertIn("Drawn in", out)
        with open(svg, encoding="utf-8") as f:
            text = f.read()
        for label in ("_coro", "local &#39;job&#39;", "__self__"):
            self.assertIn(label, text)


@unittest.skipUnless(termtest.have_tmux(), "needs tmux")
class TestBrowser(unittest.TestCase):
    def test_path_view(self):
        d = tempfile.mkdtemp(prefix="refcycle-async-browse-")
        self.addCleanup(shutil.rmtree, d)
        env = {"PYTHONPATH": PYTHONPATH, "LC_ALL": "C.UTF-8",
               "PYTHONDONTWRITEBYTECODE": "1"}
        argv = ["sh", "-c", 'cd "$1" && "$2" "$3" --browse; sleep 60', "sh", d,
                sys.executable, EXAMPLE]
        term = termtest.Terminal(argv, 120, 32, env)
        self.addCleanup(term.close)
        term.wait_text("refcycle: Object ")
        term.text("p")
        screen = term.wait_for(lambda s: "refcycle: Path" in s and "__self__" in s,
                               what="the path view with its steps")
        for label in ("_coro", "local 'job'", "__self__"):
            self.assertIn(label, screen)
        term.text("q")
        term.wait_text("Back in the event loop.")


if __name__ == "__main__":
    unittest.main()
