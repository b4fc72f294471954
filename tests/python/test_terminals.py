"""The browser's terminal matrix, end to end: a real python -i in tmux
under several terminal types (TERM=xterm-256color, screen, linux), at
the smallest and a very large size, and resized while the export prompt
is open.  Each test checks the terminal is given back intact: the modes
and signal handlers (browse_story.state()), tmux's pane flags (private
modes 1, 25, 1049, 1000-1006, keypad, insert, wrap) and a line still
edited by the REPL.

Slow-ish, so run once per CI, not once per interpreter: set
REFCYCLE_TERMINAL_MATRIX=1 to run them."""
import os
import re
import shutil
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
ENABLED = os.environ.get("REFCYCLE_TERMINAL_MATRIX") == "1"

# What the browser restores, as tmux sees the pane: alternate screen
# (1049), cursor visible (25), keypad and cursor keys (1, smkx), every
# mouse mode (1000-1006), origin, insert and wrap.
PANE_FLAGS = ("alternate_on", "cursor_flag", "keypad_flag", "keypad_cursor_flag",
              "mouse_any_flag", "mouse_all_flag", "mouse_button_flag",
              "mouse_standard_flag", "mouse_sgr_flag", "mouse_utf8_flag",
              "origin_flag", "insert_flag", "wrap_flag")

# tui/tui.c: MIN_COLS, MIN_LINES.
MIN_COLS, MIN_LINES = 40, 8
EXPORT_LABEL = "Export to: "


def have_terminfo(term):
    try:
        return subprocess.run(["infocmp", term], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode == 0
    except OSError:
        return False


class Pane(termtest.Terminal):
    def pane_flags(self):
        fmt = " ".join("%s=#{%s}" % (f, f) for f in PANE_FLAGS)
        return self._tmux("display-message", "-p", fmt).stdout.split()

    def rows(self):
        """The screen, one string per row (trailing blanks dropped)."""
        return self.screen().split("\n")


def repl_waiting(screen):
    """The REPL is back and waiting: the last primary prompt is empty.
    The browser's screen shows no '>>>' line while it runs."""
    lines = [l for l in screen.splitlines() if l.startswith(">>>")]
    return bool(lines) and lines[-1].rstrip() == ">>>"


def prompt_tail(text, cols):
    """What the export prompt shows of text at cols columns: the end,
    where the cursor is (tui.c draw_bottom)."""
    while text and len(text) > cols - len(EXPORT_LABEL) - 2:
        text = text[1:]
    return text


@unittest.skipUnless(ENABLED, "the terminal matrix runs once per CI: set REFCYCLE_TERMINAL_MATRIX=1")
@unittest.skipUnless(termtest.have_tmux(), "needs tmux")
class TerminalTest(unittest.TestCase):
    width, height = 100, 30

    def start(self, term="xterm-256color", width=None, height=None):
        """python -i browse_story.py in a temporary directory, with TERM
        set for the interpreter itself (tmux sets its own in the pane)."""
        if not have_terminfo(term):
            self.skipTest("no terminfo for TERM=%s (infocmp %s fails): install "
                          "ncurses-base / ncurses-term" % (term, term))
        self.width = width or self.width
        self.height = height or self.height
        self.dir = tempfile.mkdtemp(prefix="refcycle-term-")
        self.addCleanup(shutil.rmtree, self.dir)
        env = {"PYTHONPATH": PYTHONPATH, "LC_ALL": "C.UTF-8",
               "PYTHONDONTWRITEBYTECODE": "1"}
        argv = ["sh", "-c", 'cd "$1" && TERM="$2" exec "$3" -i "$4"', "sh",
                self.dir, term, sys.executable, STORY]
        self.term = Pane(argv, self.width, self.height, env)
        self.addCleanup(self.term.close)
        self.term.wait_text("story ready")
        self.term.wait_for(repl_waiting, what="the first prompt")
        # Short lines: they must fit a 20-column terminal too.
        self.term.line("b = state()")
        self.term.line("import os; os.environ['TERM']")
        self.term.wait_text("'%s'" % term)
        self.term.wait_for(repl_waiting, what="the prompt")
        self.flags_before = self.term.pane_flags()

    def open_browser(self, call="refcycle.browse()", expect="refcycle: Types"):
        self.term.line(call)
        return self.term.wait_text(expect)

    def quit_browser(self, key="q"):
        self.term.keys(key)
        self.term.wait_for(repl_waiting, what="the REPL's prompt after quitting")

    def assert_intact(self):
        """The REPL has the terminal back as it was: same modes and
        handlers, same pane flags, and it still edits a line."""
        self.assertEqual(self.term.pane_flags(), self.flags_before)
        self.term.line("print('same', state() == b)")
        screen = self.term.wait_text("same ")
        self.assertIn("same True", screen)
        # Line editing: typed, back to the start, completed there.
        self.term.text("rint('ed', 6*7)")
        self.term.keys("C-a")
        self.term.text("p")
        self.term.keys("Enter")
        self.term.wait_text("ed 42")
        self.term.wait_for(repl_waiting, what="the prompt after editing")
        self.assertEqual(self.term.pane_flags(), self.flags_before)

    def wait_frame(self, header, bottom, what):
        """A complete frame at the current size: the header on the top
        row spread to the right edge ("N of M" flush right), `bottom`
        (a predicate) on the bottom row, nothing wider than the screen."""
        cols, lines = self.width, self.height

        def done(screen):
            rows = screen.split("\n")
            if len(rows) < lines or any(rows[lines:]):
                return False
            rows = rows[:lines]
            return (rows[0].startswith(header)
                    and len(rows[0].rstrip()) == cols - 1
                    and re.search(r"\d+ of \d+$", rows[0].rstrip()) is not None
                    and bottom(rows[-1].rstrip())
                    and max(len(r) for r in rows) <= cols)
        return self.term.wait_for(done, what="%s at %dx%d" % (what, cols, lines))

    def resize(self, cols, lines):
        self.width, self.height = cols, lines
        self.term.resize(cols, lines)

    def wait_too_small(self):
        """The browser's answer below MIN_COLS x MIN_LINES: two lines,
        each cut to the width, and nothing else."""
        cols, lines = self.width, self.height

        def cut(text):
            return text if len(text) <= cols else text[:cols - 1] + "\u2026"
        first = cut("Terminal too small: %dx%d" % (cols, lines))
        second = cut("needs at least %dx%d; q quits" % (MIN_COLS, MIN_LINES))

        def done(screen):
            rows = screen.split("\n")
            if len(rows) < lines or any(rows[lines:]):
                return False
            return (rows[0].rstrip() == first and rows[1].rstrip() == second
                    and not any(r.strip() for r in rows[2:]))
        return self.term.wait_for(done, what="%r at %dx%d" % (first, cols, lines))


class TestTerminalTypes(TerminalTest):
    """Each TERM: the Types view, moves, quit; the terminal intact."""

    def walk(self, term):
        self.start(term)
        self.open_browser()
        self.wait_frame(" refcycle: Types", lambda l: l.startswith("? help"),
                        "the Types view")
        # The flags do see the browser: the cursor hidden, and the
        # alternate screen where terminfo has one (not on the console).
        during = dict(f.split("=", 1) for f in self.term.pane_flags())
        self.assertEqual(during["cursor_flag"], "0")
        self.assertEqual(during["alternate_on"], "0" if term == "linux" else "1")
        self.term.keys("Down")
        self.term.wait_for(lambda s: re.search(r" 2 of \d+ *\n", s),
                           what="the cursor on the second type")
        self.term.keys("Enter")             # that type's objects
        self.wait_frame(" refcycle: Objects", lambda l: "h back" in l, "the Objects view")
        self.term.keys("Enter")             # the first of them
        self.wait_frame(" refcycle: Object - ", lambda l: "h back" in l, "the Object view")
        self.term.text("h")
        self.wait_frame(" refcycle: Objects", lambda l: "h back" in l, "back to Objects")
        self.term.text("h")
        screen = self.wait_frame(" refcycle: Types", lambda l: l.startswith("? help"),
                                 "back to Types")
        self.assertRegex(screen, r" 2 of \d+ *\n")   # the cursor kept
        self.quit_browser()
        self.assert_intact()

    def test_xterm_256color_browse_and_restore(self):
        self.walk("xterm-256color")

    def test_screen_browse_and_restore(self):
        self.walk("screen")

    def test_linux_console_browse_and_restore(self):
        # No alternate screen: the last frame stays, the prompt comes
        # back on a clean bottom row.
        self.walk("linux")


class TestSizes(TerminalTest):
    def test_20x8_says_too_small_until_resized(self):
        self.start(width=20, height=8)
        self.open_browser(expect="Terminal too small")
        self.wait_too_small()                # cut to the width, not wrapped
        self.resize(MIN_COLS - 1, MIN_LINES)
        self.wait_too_small()
        self.resize(MIN_COLS, MIN_LINES)    # the smallest it draws
        self.wait_frame(" refcycle: Types", lambda l: l.startswith("? help"),
                        "the Types view at the minimum size")
        self.resize(20, 8)
        self.wait_too_small()
        self.quit_browser()
        self.assert_intact()

    def test_300x100_uses_the_whole_screen(self):
        self.start(width=300, height=100)
        # A type whose name is wider than the screen.
        self.term.line("wide = type('W' * 400, (), {})(); print('made')")
        self.term.wait_text("made\n")
        self.term.wait_for(repl_waiting, what="the prompt")
        self.open_browser()
        screen = self.wait_frame(" refcycle: Types", lambda l: l.startswith("? help"),
                                 "the Types view")
        rows = screen.split("\n")[:100]
        self.assertTrue(rows[1].strip(), "no heading row: %r" % rows[1])
        # More types than rows: the list fills every row down to the key
        # bar on row 100.
        self.assertTrue(all(r.strip() for r in rows[1:99]), screen)
        self.assertTrue(rows[99].startswith("? help"), rows[99])
        self.term.text("/")
        self.term.text("WWWWWWWW")
        self.term.keys("Enter")             # end the filter
        screen = self.term.wait_for(
            lambda s: any("WWWW" in r and len(r) == 300 for r in s.split("\n")[1:99]),
            what="the wide type's row, as long as the screen")
        row = [r for r in screen.split("\n") if "WWWW" in r and len(r) == 300][0]
        self.assertTrue(row.endswith("\u2026"), row[-20:])
        self.quit_browser()
        self.assert_intact()


class TestResizeDuringExportPrompt(TerminalTest):
    """The export prompt, and what was typed into it, survive resizes."""

    def open_export_prompt(self, name):
        self.open_browser("refcycle.browse(focus=leaked())", "refcycle: Object - ")
        self.term.text("e")
        self.term.wait_text(EXPORT_LABEL + "refcycle-")   # the default name
        self.term.keys("C-u")
        self.term.text(name)
        self.wait_prompt_frame(name)

    def wait_prompt_frame(self, text):
        expected = (EXPORT_LABEL + prompt_tail(text, self.width)).rstrip()
        return self.wait_frame(" refcycle: Object - ", lambda l: l == expected,
                               "the export prompt showing %r" % text)

    def resizes(self, text, sizes):
        for cols, lines in sizes:
            self.resize(cols, lines)
            if cols < MIN_COLS or lines < MIN_LINES:
                self.wait_too_small()
            else:
                self.wait_prompt_frame(text)

    def test_resizes_then_enter_writes_the_svg(self):
        self.start()
        first = os.path.join(self.dir, "exported")
        self.open_export_prompt(first)
        self.resizes(first, [(60, 15), (140, 45), (45, 10), (20, 6), (100, 30),
                             (41, 9), (20, 6), (120, 40)])
        whole = first + "_after_resize.svg"
        self.term.text("_after_resize.svg")  # still typing into it
        self.wait_prompt_frame(whole)
        self.term.keys("Enter")
        self.term.wait_text("Wrote ")
        self.assertTrue(os.path.exists(whole), os.listdir(self.dir))
        with open(whole, encoding="utf-8") as f:
            svg = f.read()
        self.assertTrue(svg.startswith("<?xml") or "<svg" in svg, svg[:200])
        self.assertIn("SomeComputation", svg)
        self.quit_browser()
        self.assert_intact()
        self.assertEqual(sorted(os.listdir(self.dir)), ["exported_after_resize.svg"])

    def test_resizes_then_escape_and_ctrl_c_cancel(self):
        self.start()
        name = "never-written.svg"
        self.open_export_prompt(name)
        self.resizes(name, [(50, 12), (20, 6), (130, 40)])
        self.term.keys("Escape")
        self.wait_frame(" refcycle: Object - ", lambda l: l == "Export cancelled",
                        "the export cancelled by Escape")
        self.term.text("e")
        self.term.wait_text(EXPORT_LABEL + "refcycle-")
        self.term.keys("C-u")
        self.term.text(name)
        self.wait_prompt_frame(name)
        self.resizes(name, [(20, 6), (80, 24)])
        self.term.keys("C-c")               # in a prompt: cancels, does not quit
        self.wait_frame(" refcycle: Object - ", lambda l: l == "Export cancelled",
                        "the export cancelled by ^C")
        self.quit_browser()
        self.assert_intact()
        self.assertEqual(os.listdir(self.dir), [])


if __name__ == "__main__":
    unittest.main()
