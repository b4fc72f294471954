"""Retained sizes that arrive while the browser runs (model.h's
analysis_poll): the first screen does not wait for them, the column shows
they are being computed and fills in when they come, a key that needs them
waits for them with its progress shown, and waiting can be given up.

Driven on tests/tui_host -p, whose dominator tree is held back until the
test sends SIGUSR2: what the screen shows before and after does not
depend on how fast the machine is."""
import os
import signal
import unittest

import termtest

HOST = os.environ.get("REFCYCLE_TUI_HOST", "")
ELLIPSIS = "\u2026"


def top(screen):
    return screen.splitlines()[0] if screen else ""


@unittest.skipUnless(termtest.have_tmux(), "needs tmux")
@unittest.skipUnless(HOST and os.access(HOST, os.X_OK), "needs tests/tui_host (check)")
class TestPendingRetained(unittest.TestCase):
    def start(self):
        self.term = termtest.Terminal([HOST, "-p", "-n", "200"], 100, 30,
                                      {"LC_ALL": "C.UTF-8"})
        self.addCleanup(self.term.close)
        return self.term.wait_text("retained sizes 33%")

    def release(self):
        os.kill(self.term.pid(), signal.SIGUSR2)

    def test_column_computing_then_filled(self):
        screen = self.start()
        self.assertTrue(top(screen).startswith(" refcycle: Types"), screen)
        rows = screen.splitlines()
        self.assertIn("retained", rows[1])
        self.assertIn(ELLIPSIS, rows[2])
        self.release()
        screen = self.term.wait_for(
            lambda s: "retained sizes" not in top(s) and ELLIPSIS not in s,
            what="the retained column filled in")
        rows = screen.splitlines()
        self.assertIn("retained", rows[1])
        # Each row's retained cell is a size now ("12K", "440").
        count, size, retained = rows[2].split()[:3]
        self.assertRegex(retained, r"^[0-9.]+[KMG]?$", screen)

    def test_dominators_wait_then_open(self):
        self.start()
        self.term.keys("d")
        screen = self.term.wait_text("Waiting for the retained sizes")
        self.assertTrue(top(screen).startswith(" refcycle: Types"), screen)
        self.assertIn("retained sizes 33%", top(screen))
        self.release()
        screen = self.term.wait_text("refcycle: Dominators")
        self.assertIn("module __main__", screen)
        self.assertNotIn("Waiting for", screen)

    def test_sort_by_retained_waits(self):
        self.start()
        # count -> size -> name -> retained: the third s needs them.
        self.term.keys("s")
        self.term.wait_text("Sorted by size")
        self.term.keys("s")
        self.term.wait_text("Sorted by name")
        self.term.keys("s")
        self.term.wait_text("Waiting for the retained sizes")
        self.release()
        screen = self.term.wait_text("Sorted by retained")
        self.assertIn("by retained", top(screen))

    def test_giving_up_waiting(self):
        self.start()
        self.term.keys("d")
        self.term.wait_text("Waiting for the retained sizes")
        self.term.keys("Escape")
        screen = self.term.wait_text("Stopped waiting")
        self.release()
        # They still come; nothing that waited opens by itself.
        screen = self.term.wait_for(lambda s: "retained sizes" not in top(s),
                                    what="the progress gone from the top line")
        self.assertTrue(top(screen).startswith(" refcycle: Types"), screen)
        self.term.keys("d")
        self.term.wait_text("refcycle: Dominators")

    def test_quit_while_pending(self):
        self.term = termtest.Terminal(
            ["sh", "-c", '"$1" -p -n 200; echo "exit $?"; exec cat', "sh", HOST],
            100, 30, {"LC_ALL": "C.UTF-8"})
        self.addCleanup(self.term.close)
        self.term.wait_text("retained sizes 33%")
        self.term.keys("q")
        screen = self.term.wait_text("exit 0")
        self.assertIn("quit", screen)
        self.assertIn("handlers restored", screen)


if __name__ == "__main__":
    unittest.main()
