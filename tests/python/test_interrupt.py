"""^C while a graph computes its dominator tree and retained sizes: the
computation runs on a thread of its own while the caller waits with the
GIL released (other threads run meanwhile), a ^C stops it and raises
KeyboardInterrupt, and the graph is left as it was: asked again, it gives
the right answer.  ^C during snapshot() itself: it stops, and every
object, reference count and GC header is as before."""
import gc
import os
import signal
import sys
import threading
import time
import unittest

import refcycle
from refcycle import _core


def chain(n):
    """A list holding the head of an n-long chain of lists."""
    head = None
    for _ in range(n):
        head = [head]
    return [head]


@unittest.skipUnless(hasattr(signal, "pthread_kill"), "needs signal.pthread_kill")
class TestInterruptDominators(unittest.TestCase):
    def interrupt_soon(self, delay):
        main = threading.main_thread().ident
        timer = threading.Timer(delay, signal.pthread_kill, (main, signal.SIGINT))
        timer.start()
        self.addCleanup(timer.cancel)

    def test_ctrl_c_stops_and_leaves_the_graph_usable(self):
        # Larger heaps until the ^C lands while the tree is computed (it
        # lands within 50 ms of being sent).
        interrupted = False
        for n in (200000, 500000, 1000000, 2000000):
            root = chain(n)
            g = refcycle.snapshot()
            self.interrupt_soon(0.01)
            try:
                size = g.retained_size(root)
            except KeyboardInterrupt:
                interrupted = True
            else:
                time.sleep(0.1)    # the timer fired after: let it land here
                continue
            # Asked again, it is computed from scratch, rightly.
            size = g.retained_size(root)
            want = refcycle.snapshot().retained_size(root)
            self.assertEqual(size, want)
            self.assertGreater(size, n * 40)
            break
        self.assertTrue(interrupted, "no ^C landed while the tree was computed")

    def test_other_threads_run_while_it_waits(self):
        root = chain(600000)
        g = refcycle.snapshot()
        ticks = []
        stop = threading.Event()

        def ticker():
            while not stop.is_set():
                ticks.append(1)
                time.sleep(0.001)
        t = threading.Thread(target=ticker)
        t.start()
        try:
            before = len(ticks)
            g.retained_size(root)
            during = len(ticks) - before
        finally:
            stop.set()
            t.join()
        # With the GIL held throughout, the ticker could have run only
        # around the call (a switch or two), not every millisecond of it.
        self.assertGreaterEqual(during, 5)


class TestProgress(unittest.TestCase):
    """refcycle.set_progress(): the callback hears how far the dominator
    tree has come, and can stop it by raising; a snapshot, which runs no
    Python code while it is taken, makes one call at its end."""

    def setUp(self):
        self.addCleanup(refcycle.set_progress, None)

    def test_reports_then_done(self):
        calls = []
        self.assertIsNone(refcycle.set_progress(lambda *a: calls.append(a), after=0))
        root = chain(300000)
        g = refcycle.snapshot()
        self.assertEqual(calls, [("capture", len(g), len(g))])
        del calls[:]
        size = g.retained_size(root)
        self.assertGreater(size, 300000 * 40)
        self.assertGreaterEqual(len(calls), 2, calls)
        whats = set(c[0] for c in calls)
        self.assertEqual(whats, {"dominators"})
        dones = [c[1] for c in calls]
        self.assertEqual(dones, sorted(dones))
        last = calls[-1]
        self.assertEqual(last[1], last[2])
        self.assertGreater(last[2], 0)
        self.assertTrue(all(c[1] <= c[2] for c in calls))
        # Asked again, nothing is computed: no call.
        before = len(calls)
        g.retained_size(root)
        self.assertEqual(len(calls), before)

    def test_nothing_before_after(self):
        calls = []
        refcycle.set_progress(lambda *a: calls.append(a), after=3600)
        root = chain(10)
        g = refcycle.snapshot()
        g.retained_size(root)
        self.assertEqual(calls, [])

    def test_raising_stops_it(self):
        class Stop(Exception):
            pass

        def stop(what, done, total):
            raise Stop(what)
        root = chain(300000)
        refcycle.set_progress(stop, after=0)
        with self.assertRaises(Stop):
            refcycle.snapshot()
        refcycle.set_progress(None)
        g = refcycle.snapshot()
        refcycle.set_progress(stop, after=0)
        with self.assertRaises(Stop):
            g.retained_size(root)
        refcycle.set_progress(None)
        want = refcycle.snapshot().retained_size(root)
        self.assertEqual(g.retained_size(root), want)

    def test_returns_the_one_before_and_checks(self):
        def first(*a):
            pass
        refcycle.set_progress(first)
        self.assertIs(refcycle.set_progress(None), first)
        with self.assertRaises(TypeError):
            refcycle.set_progress(42)
        with self.assertRaises(ValueError):
            refcycle.set_progress(first, after=-1)


class TestInterruptCapture(unittest.TestCase):
    """The capture sends itself the SIGINT at its k-th look for one
    (_core._capture_sigint_at), through the interpreter's own handler, so
    that it lands while the taking or the walk is under way."""
    LOOK = 65536

    def setUp(self):
        self.keep = [[i] for i in range(5 * self.LOOK)]
        self.addCleanup(_core._capture_sigint_at, 0)
        self.addCleanup(_core._capture_path, _core._capture_path("lists"))

    def looks_taking(self):
        """How many looks the taking makes (none when gc.get_objects()
        takes the objects)."""
        n = len(refcycle.snapshot())
        return n // self.LOOK if _core._last_capture_path() == "lists" else 0

    def interrupt_at(self, k):
        probe = self.keep[-1]
        refs = sys.getrefcount(probe)
        garbage = [None]
        garbage[0] = garbage           # a cycle for the collector to find
        del garbage
        _core._capture_sigint_at(k)
        with self.assertRaises(KeyboardInterrupt):
            refcycle.snapshot()
        # Every reference it took is given back; the collector's lists and
        # headers are as they were: it still finds the cycle, and the next
        # snapshot sees the objects.
        self.assertEqual(sys.getrefcount(probe), refs)
        self.assertGreaterEqual(gc.collect(), 1)
        g = refcycle.snapshot()
        self.assertIn(probe, g)
        self.assertIn(probe, g.children(self.keep))

    def test_while_taking_and_while_walking(self):
        for path in ("lists", "headers", "addresses"):
            with self.subTest(path=path):
                _core._capture_path(path)
                taking = self.looks_taking()
                if taking:
                    self.interrupt_at(1)
                self.interrupt_at(taking + 2)

    def test_a_programs_own_handler_is_left_its_signal(self):
        seen = []
        old = signal.signal(signal.SIGINT, lambda signum, frame: seen.append(signum))
        self.addCleanup(signal.signal, signal.SIGINT, old)
        _core._capture_sigint_at(1)
        g = refcycle.snapshot()
        self.assertIn(self.keep, g)
        for _ in range(100):           # the handler runs at the next check
            if seen:
                break
        self.assertEqual(seen, [signal.SIGINT])


if __name__ == "__main__":
    unittest.main()
