"""The browser end to end: a real python -i in a real terminal (tmux),
driven by keys, waiting for what the screen should show."""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest

import support  # noqa: F401  (puts the test directory on sys.path)
import termtest

HERE = os.path.dirname(os.path.abspath(__file__))
STORY = os.path.join(HERE, "browse_story.py")
# Absolute: the interpreter under test starts in a temporary directory.
PYTHONPATH = os.pathsep.join(os.path.abspath(p) for p in
                             os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)


@unittest.skipUnless(termtest.have_tmux(), "needs tmux")
class BrowserTest(unittest.TestCase):
    width, height = 110, 32

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="refcycle-browse-")
        self.addCleanup(shutil.rmtree, self.dir)
        env = {"PYTHONPATH": PYTHONPATH, "LC_ALL": "C.UTF-8",
               "PYTHONDONTWRITEBYTECODE": "1"}
        argv = ["sh", "-c", 'cd "$1" && exec "$2" -i "$3"', "sh", self.dir, sys.executable, STORY]
        self.term = termtest.Terminal(argv, self.width, self.height, env)
        self.addCleanup(self.term.close)
        self.term.wait_text("story ready")
        self.term.wait_prompt()

    def run_line(self, line, expect):
        self.term.line(line)
        return self.term.wait_text(expect)

    def open_browser(self, call="refcycle.browse()"):
        self.term.line(call)
        return self.term.wait_text("refcycle: ")

    def quit_browser(self, key="q"):
        before = self.prompts_seen
        self.term.keys(key)
        self.term.wait_prompt(before + 1)

    def setup_prompt_count(self):
        self.prompts_seen = self.term.prompts()


class TestWorkedExample(BrowserTest):
    def test_from_types_to_svg(self):
        self.setup_prompt_count()
        self.open_browser()
        screen = self.term.wait_text("refcycle: Types")
        self.assertIn("retained", screen)
        self.term.text("sss")              # count, size, name, retained
        self.term.wait_text("Sorted by retained")
        self.term.text("/")
        self.term.text("SomeComputation")
        self.term.wait_text("SomeComputation")
        self.term.keys("Enter")            # end the filter
        self.term.keys("Enter")            # that type's objects
        self.term.wait_text("refcycle: Objects")
        self.term.keys("Enter")            # inspect it
        screen = self.term.wait_text("refcycle: Object ")
        self.assertIn("__self__", screen)
        self.term.text("a")
        screen = self.term.wait_text("refcycle: Ancestors")
        self.term.text("+")
        screen = self.term.wait_text("local 'job'")
        self.term.text("p")
        screen = self.term.wait_text("refcycle: Path")
        self.assertIn("local 'job'", screen)
        self.assertIn("__self__", screen)
        self.assertIn("worker", screen)
        self.term.text("e")
        self.term.wait_text("Export to: ")
        self.term.keys("Enter")
        screen = self.term.wait_text("Wrote ")
        self.quit_browser()
        svgs = [f for f in os.listdir(self.dir) if f.endswith(".svg")]
        self.assertEqual(len(svgs), 1, screen)
        with open(os.path.join(self.dir, svgs[0]), encoding="utf-8") as f:
            svg = f.read()
        self.assertIn("__self__", svg)
        self.assertIn("local &#39;job&#39;", svg)
        self.assertIn("worker", svg)
        self.assertIn("SomeComputation", svg)
        # The house style: the object in focus, the frame a root, sizes.
        self.assertIn('font-family="monospace"', svg)
        self.assertIn('fill="#b7e4a6"', svg)
        self.assertIn("root: running frame", svg)
        self.assertIn("size: shallow / retained", svg)
        self.assertIn("legend", svg)

    def test_dominators(self):
        self.setup_prompt_count()
        self.open_browser("refcycle.browse(focus=leaked())")
        self.term.wait_text("refcycle: Object ")
        self.term.text("d")                # unfolded down to it
        screen = self.term.wait_text("refcycle: Dominators")
        self.assertIn("SomeComputation", screen)
        self.assertIn("retained", screen)
        # The bound method alone holds it: its row sits right above.
        lines = screen.splitlines()
        row = [i for i, l in enumerate(lines) if "SomeComputation" in l and "0x" in l][-1]
        self.assertIn("method", lines[row - 1])
        self.term.text("-")                # fold what holds nothing: refused
        self.term.wait_text("Not unfolded")
        self.term.text("k")
        self.term.text("-")                # fold the method
        address = re.search(r"0x[0-9a-f]+", lines[row]).group(0)
        self.term.wait_for(lambda screen: address not in screen,
                           what="the method folded")
        self.quit_browser()

    def test_leak_suspects(self):
        # A cache holding most of the heap: the first screen offers the
        # suspects (L), whose first row is where the size accumulates.
        self.run_line("Entry = type('Entry', (), {}); "
                      "CACHE = {'entries': [Entry() for _ in range(150000)]}; print('made')",
                      "made")
        self.setup_prompt_count()
        self.open_browser("refcycle.browse()")
        screen = self.term.wait_text("refcycle: Types")
        self.assertIn("L suspects", screen)
        self.term.text("L")
        self.term.wait_text("refcycle: Suspects")
        screen = self.term.wait_text("objects together")   # the whole screen drawn
        self.assertRegex(screen, r"\d+%\s+\S+\s+one ")
        self.assertIn("accumulates in", screen)
        self.assertRegex(screen, r"150000 Entry objects together")
        self.term.text("j")                 # the accumulation point's row
        self.term.keys("Enter")
        screen = self.term.wait_text("refcycle: Object ")
        self.assertRegex(screen.splitlines()[0], r"refcycle: Object - 0x[0-9a-f]+ list")
        self.term.text("h")
        self.term.wait_text("refcycle: Suspects")
        self.term.text("p")
        screen = self.term.wait_text("refcycle: Path")
        self.assertIn("value['entries']", screen)
        self.quit_browser()
        self.run_line("del CACHE; print('dropped')", "dropped")

    def test_watched_objects_in_the_suspects_view(self):
        self.run_line("Req = type('Req', (), {'done': lambda self: None}); HOLD = []; "
                      "[(refcycle.watch(r, 'answered'), HOLD.append(r.done)) "
                      "for r in [Req() for _ in range(12)]]; print('watched', len(HOLD))",
                      "watched 12")
        self.setup_prompt_count()
        self.open_browser("refcycle.browse()")
        self.term.wait_text("refcycle: Types")
        self.term.text("L")
        self.term.wait_text("refcycle: Suspects")
        screen = self.term.wait_text("for one")   # the whole screen drawn
        self.assertIn("groups of watched objects", screen)
        self.assertRegex(screen, r"12 watched, still alive: .*--value\['HOLD'\]--> list "
                                 r"--item\[\*\]--> method")
        self.assertIn("for one", screen)
        self.quit_browser()
        self.run_line("from refcycle import _watch; _watch._forget_all(); print('forgot')",
                      "forgot")

    def test_allocated_at(self):
        # With tracemalloc tracing, the object view says where the object
        # was allocated (a class with __slots__: tracemalloc finds its
        # block on every interpreter).
        self.run_line("import tracemalloc; tracemalloc.start(5); "
                      "Slotted = type('Slotted', (), {'__slots__': ('x', '__weakref__')}); "
                      "thing = Slotted(); print('made')", "made")
        self.setup_prompt_count()
        self.open_browser("refcycle.browse(focus=thing)")
        # The REPL's file name: <stdin>, or <python-input-N> (3.13).
        where = r"allocated at (<stdin>|<python-input-\d+>):1"
        self.term.wait_text("refcycle: Object ")
        screen = self.term.wait_text("allocated at")   # the whole screen drawn
        self.assertRegex(screen, where)
        self.term.text("p")                  # the path says it too
        screen = self.term.wait_for(lambda s: "refcycle: Path" in s and "allocated at" in s,
                                    what="the path's title")
        self.assertRegex(screen.splitlines()[0], where)
        self.quit_browser()

    def test_focus_and_yank(self):
        self.setup_prompt_count()
        self.open_browser("found = refcycle.browse(focus=leaked())")
        screen = self.term.wait_text("refcycle: Object ")
        self.assertIn("SomeComputation", screen)
        # browse()'s own arguments are not among the referrers.
        self.assertNotIn("value['focus']", screen)
        self.quit_browser("y")
        self.run_line("print('yanked', found is leaked())", "yanked True")


class TestPathIgnore(BrowserTest):
    def test_ignore_the_retainer_and_stop(self):
        self.run_line("held = type('Held', (), {})(); HA = {'ha': held}; "
                      "HB = {'hb': held}; del held; print('held twice')", "held twice")
        self.setup_prompt_count()
        self.open_browser("refcycle.browse(focus=HA['ha'])")
        self.term.wait_text("refcycle: Object ")
        self.term.text("p")
        screen = self.term.wait_text("references from a root")
        first, other = ("'ha'", "'hb'") if "'ha'" in screen else ("'hb'", "'ha'")
        self.assertIn(first, screen)
        self.term.text("G")                # the object: its retainer's edge
        self.term.text("x")
        screen = self.term.wait_text("1 references ignored")
        self.assertIn(other, screen)
        self.assertIn(", 1 ignored", screen)
        self.term.text("x")                # the only way left: refused
        screen = self.term.wait_text("Nothing else leads here")
        self.assertIn(other, screen)
        self.term.text("X")
        screen = self.term.wait_text("No reference ignored")
        self.assertIn(first, screen)
        self.quit_browser()


class TestTerminal(BrowserTest):
    def test_restored_exactly_twice(self):
        self.run_line("before = state(); print('saved')", "saved")
        self.setup_prompt_count()
        self.open_browser()
        self.quit_browser()
        self.setup_prompt_count()
        self.open_browser()
        self.quit_browser()
        self.run_line("print('modes', 'same' if state() == before else 'changed')", "modes ")
        self.assertIn("modes same", self.term.screen())

    def test_history_and_line_editing_afterwards(self):
        self.setup_prompt_count()
        self.open_browser()
        self.quit_browser()
        self.term.keys("Up")
        self.term.wait_text(">>> refcycle.browse()\n>>> refcycle.browse()")
        self.term.keys("C-a")
        self.term.text("x = ")
        self.term.keys("C-e")
        self.term.keys("C-u")
        self.run_line("print('edited', 6 * 7)", "edited 42")

    def test_ctrl_c(self):
        self.run_line("before = state(); print('saved')", "saved")
        self.setup_prompt_count()
        self.open_browser()
        self.term.text("/")                 # a prompt: ^C cancels it
        self.term.text("zzz")
        self.term.wait_text("zzz")
        self.term.keys("C-c")
        self.term.wait_for(lambda s: "zzz" not in s, what="the prompt cancelled")
        self.assertIn("refcycle: Types", self.term.screen())
        self.quit_browser("C-c")            # outside a prompt, ^C quits
        self.run_line("print('modes', 'same' if state() == before else 'changed')", "modes ")
        self.assertIn("modes same", self.term.screen())

    def test_resize_and_tiny_terminal(self):
        self.setup_prompt_count()
        self.open_browser()
        self.term.wait_text("refcycle: Types")
        self.term.resize(60, 20)
        self.term.wait_for(lambda s: "refcycle: Types" in s
                           and max(len(l.rstrip()) for l in s.splitlines()) <= 60,
                           what="a redraw at 60 columns")
        self.term.resize(20, 6)
        self.term.wait_text("too small")
        self.term.resize(self.width, self.height)
        self.term.wait_text("refcycle: Types")
        self.quit_browser()

    def test_other_threads_run_while_it_waits(self):
        marker = os.path.join(self.dir, "ticked")
        self.setup_prompt_count()
        # One line: the 3.13 REPL indents pasted blocks by itself.
        self.term.line("import threading, time; threading.Thread(target=lambda: "
                       "[time.sleep(0.2), open(%r, 'w').close()]).start(); "
                       "refcycle.browse()" % marker)
        self.term.wait_text("refcycle: Types")
        # The browser is waiting for a key: the thread must still finish.
        deadline = termtest.time.monotonic() + termtest.TIMEOUT
        while not os.path.exists(marker):
            self.assertLess(termtest.time.monotonic(), deadline, "the thread did not run")
            termtest.time.sleep(0.05)
        self.quit_browser()


    def test_keeps_nothing_alive(self):
        self.run_line("import gc, weakref; probe = SomeComputation(1); "
                      "w = weakref.ref(probe); print('armed')", "armed")
        self.setup_prompt_count()
        self.open_browser()
        self.quit_browser()
        self.run_line("del probe; gc.collect(); print('freed', w() is None)", "freed ")
        self.assertIn("freed True", self.term.screen())


class TestSince(BrowserTest):
    """browse(after, since=before): only what is new, with each type's change."""

    def test_new_objects_and_deltas(self):
        self.run_line("modes = state(); Zebrafish = type('Zebrafish', (), {}); "
                      "before = refcycle.snapshot(); "
                      "fish = [Zebrafish() for _ in range(300)]; "
                      "after = refcycle.snapshot(); print('snapped', len(fish))", "snapped 300")
        self.setup_prompt_count()
        self.open_browser("refcycle.browse(after, since=before)")
        # The type of the 300 new objects, counted and with its change.
        screen = self.term.wait_for(
            lambda s: any("Zebrafish" in l and re.search(r"\b300\s+\+300\b", l)
                          for l in s.splitlines()),
            what="the Zebrafish row: 300 new, +300")
        self.assertIn("since snapshot: ", screen)
        self.assertRegex(screen, r"since snapshot: \d+ new objects")
        self.assertIn("+/-", screen)
        # The story's SomeComputation was made before the first snapshot:
        # no row, even when asked for.
        self.assertNotIn("SomeComputation", screen)
        self.term.text("/")
        self.term.text("SomeComputation")
        self.term.wait_text("(no type matches)")
        self.term.keys("C-u")
        self.term.text("Zebrafish")
        self.term.wait_for(lambda s: "(no type matches)" not in s and "+300" in s,
                           what="the filter on Zebrafish")
        self.term.keys("Enter")            # end the filter
        self.term.keys("Enter")            # that type's new objects
        screen = self.term.wait_text("refcycle: Objects")
        self.assertIn("Zebrafish, new since snapshot", screen)
        self.assertIn("of 300", screen)
        self.quit_browser()
        self.run_line("print('modes', 'same' if state() == modes else 'changed')", "modes ")
        self.assertIn("modes same", self.term.screen())


    def test_since_a_census(self):
        # A census keeps nothing alive: the row's change is counted from it.
        self.run_line("Zebrafish = type('Zebrafish', (), {}); old = [Zebrafish()]; "
                      "base = refcycle.census(); "
                      "fish = [Zebrafish() for _ in range(200)]; print('made', len(fish))",
                      "made 200")
        self.setup_prompt_count()
        self.open_browser("refcycle.browse(since=base)")
        screen = self.term.wait_for(
            lambda s: any("Zebrafish" in l and re.search(r"\b200\s+\+200\b", l)
                          for l in s.splitlines()),
            what="the Zebrafish row: 200 new, +200 (the one from before not counted)")
        self.assertNotIn("SomeComputation", screen)
        self.quit_browser()

    def test_since_a_saved_file(self):
        self.run_line("Zebrafish = type('Zebrafish', (), {}); "
                      "refcycle.snapshot().save('before.rcsnap'); "
                      "fish = [Zebrafish() for _ in range(120)]; print('made', len(fish))",
                      "made 120")
        self.setup_prompt_count()
        self.open_browser("refcycle.browse(since='before.rcsnap')")
        screen = self.term.wait_for(
            lambda s: any("Zebrafish" in l and re.search(r"\b120\s+\+120\b", l)
                          for l in s.splitlines()),
            what="the Zebrafish row: 120 new, +120")
        self.assertNotIn("SomeComputation", screen)
        self.quit_browser()


@unittest.skipUnless(termtest.have_tmux() and shutil.which("bash"), "needs tmux and bash")
class TestSuspend(unittest.TestCase):
    def test_ctrl_z_suspends_and_fg_redraws(self):
        # Under a job-control shell, as a user runs it: the kernel
        # discards ^Z for a process group with no such parent.
        t = termtest.Terminal(["bash", "--norc", "--noprofile", "-i"], 100, 30,
                              {"PYTHONPATH": PYTHONPATH, "LC_ALL": "C.UTF-8"})
        self.addCleanup(t.close)
        t.wait_for(lambda s: s.rstrip().endswith(("$", "#")), what="a shell prompt")
        t.line("%s -i %s" % (sys.executable, STORY))
        t.wait_text("story ready")
        t.wait_prompt()
        t.line("refcycle.browse(); print('done')")
        t.wait_text("refcycle: Types")
        t.keys("C-z")
        t.wait_text("Stopped")
        t.line("fg")
        t.wait_text("refcycle: Types")       # redrawn on resume
        t.keys("q")
        t.wait_text("done")


class TestNoTerminal(unittest.TestCase):
    def run_python(self, code, env=None, **kwargs):
        full_env = dict(os.environ)
        full_env.update(env or {})
        return subprocess.run([sys.executable, "-c", code], env=full_env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True, timeout=60, **kwargs)

    def test_no_tty(self):
        r = self.run_python("import refcycle; refcycle.browse()", stdin=subprocess.DEVNULL)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("RuntimeError", r.stderr)
        self.assertIn("tty", r.stderr)

    @unittest.skipUnless(termtest.have_tmux(), "needs tmux")
    def test_dumb_and_unset_term(self):
        for term in ("dumb", ""):
            t = termtest.Terminal(["env", "TERM=" + term, sys.executable, "-c",
                                   "import refcycle\n"
                                   "try:\n    refcycle.browse()\n"
                                   "except RuntimeError as e:\n    print('refused:', e)\n"
                                   "input()"],
                                  env={"PYTHONPATH": PYTHONPATH})
            try:
                t.wait_text("refused:")
                self.assertIn("TERM", t.screen())
            finally:
                t.close()

    def test_since_must_be_a_snapshot(self):
        # Refused before the terminal is looked at: stdin is no tty here.
        r = self.run_python(
            "import refcycle\n"
            "small = refcycle.ObjectGraph([[]])\n"
            "for bad in ([], 42, small.annotated()):\n"
            "    try: refcycle.browse(since=bad)\n"
            "    except TypeError as e: print('TypeError:', e)\n"
            "try: refcycle.browse(small.annotated(), since=small)\n"
            "except TypeError as e: print('TypeError:', e)\n"
            "try: refcycle.browse(since='no such file')\n"
            "except OSError as e: print('OSError:', e)\n",
            stdin=subprocess.DEVNULL)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(len(lines), 5, r.stdout)
        for line, name in zip(lines, ("list", "int", "AnnotatedGraph")):
            self.assertIn("since must be an earlier snapshot", line)
            self.assertTrue(line.endswith("not " + name) or line.endswith("." + name),
                            line)
        self.assertIn("graph is an AnnotatedGraph", lines[3])
        # A str is a saved snapshot's file: one that is not there says so.
        self.assertIn("OSError:", lines[4])
        self.assertIn("no such file", lines[4])

    def test_not_main_thread(self):
        r = self.run_python(
            "import refcycle, threading\n"
            "out = []\n"
            "def f():\n"
            "    try: refcycle.browse()\n"
            "    except RuntimeError as e: out.append(str(e))\n"
            "t = threading.Thread(target=f); t.start(); t.join(); print(out)",
            stdin=subprocess.DEVNULL)
        self.assertIn("main thread", r.stdout)


class TestCollectorAroundKeys(BrowserTest):
    """The collector waits while the browser works on a key (a full
    collection of a large heap would cost more than the key), and is as
    the program left it once browse() returns."""

    def inspect_and_quit(self):
        self.setup_prompt_count()
        self.open_browser()
        self.term.wait_text("refcycle: Types")
        self.term.keys("Enter")
        self.term.wait_text("refcycle: Objects")
        self.term.keys("Enter")
        self.term.wait_text("refcycle: Object ")
        self.quit_browser()

    def test_collector_on_stays_on(self):
        self.run_line("import gc; gc.enable(); print('on', gc.isenabled())", "on True")
        self.inspect_and_quit()
        self.run_line("print('after', gc.isenabled())", "after True")

    def test_collector_off_stays_off(self):
        self.run_line("import gc; gc.disable(); print('off', gc.isenabled())", "off False")
        self.inspect_and_quit()
        self.run_line("print('still', gc.isenabled()); gc.enable()", "still False")


if __name__ == "__main__":
    unittest.main()
