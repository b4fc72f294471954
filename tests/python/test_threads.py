"""Snapshots taken while other threads mutate the heap."""

import gc
import random
import sys
import threading
import time
import unittest

import refcycle

import support

SNAPSHOTS = 50


class Churn(object):
    pass


def mutator(stop, counter, seed):
    """Append, pop, create and drop lists, dicts, instances and cycles
    until stop is set."""
    rng = random.Random(seed)
    lists = [[] for _ in range(64)]
    dicts = [{} for _ in range(64)]
    n = 0
    while not stop.is_set():
        i = rng.randrange(64)
        lst = lists[i]
        d = dicts[i]
        op = n % 7
        if op == 0:
            lst.append([n, {"n": n}])
        elif op == 1:
            if lst:
                lst.pop(rng.randrange(len(lst)))
        elif op == 2:
            d[n % 50] = Churn()
        elif op == 3:
            d.pop(rng.randrange(50), None)
        elif op == 4:
            a = Churn()
            b = Churn()
            a.b = b
            b.a = a                     # a cycle, dropped at once
            del a, b
        elif op == 5:
            lists[rng.randrange(64)] = [dicts[rng.randrange(64)]]
        else:
            dicts[rng.randrange(64)] = {"l": lists[rng.randrange(64)]}
        if len(lst) > 200:
            del lst[:100]
        n += 1
        if n % 5000 == 0:
            counter[0] = n
            time.sleep(0)
        if n % 50000 == 0:
            gc.collect(0)
    counter[0] = n


class TestConcurrentMutation(unittest.TestCase):
    def run_with_mutators(self, count, check):
        stop = threading.Event()
        counters = [[0] for _ in range(count)]
        threads = [threading.Thread(target=mutator,
                                    args=(stop, counters[i], i))
                   for i in range(count)]
        for t in threads:
            t.daemon = True
            t.start()
        old_interval = sys.getswitchinterval()
        sys.setswitchinterval(0.0005)
        try:
            self.assertTrue(support.wait_until(
                lambda: all(c[0] > 0 for c in counters), timeout=30))
            check()
        finally:
            sys.setswitchinterval(old_interval)
            stop.set()
            for t in threads:
                t.join(30)
        for t in threads:
            self.assertFalse(t.is_alive())
        return [c[0] for c in counters]

    def check_snapshots(self):
        sizes = []
        for i in range(SNAPSHOTS):
            g = refcycle.snapshot()
            sizes.append(len(g))
            self.assertEqual(sorted(g.edges)[-1] + 1, len(g.edges))
            if i % 25 == 0:
                # Every vertex and every edge.
                support.check_consistency(self, g)
            else:
                support.check_consistency(self, g, max_edges=2000,
                                          max_vertices=500)
            del g
        self.assertEqual(len(sizes), SNAPSHOTS)

    def test_snapshots_while_one_thread_mutates(self):
        counts = self.run_with_mutators(1, self.check_snapshots)
        self.assertGreater(counts[0], 0)

    def test_snapshots_while_two_threads_mutate(self):
        self.run_with_mutators(2, self.check_snapshots)

    def test_queries_while_threads_mutate(self):
        def check():
            for _ in range(5):
                g = refcycle.snapshot()
                frame = sys._getframe()
                ancestors = g.ancestors(frame, generations=2)
                self.assertIn(frame, ancestors)
                components = g.strongly_connected_components()
                self.assertEqual(sum(len(c) for c in components), len(g))
                del g, frame, ancestors, components
                refcycle.garbage()
        self.run_with_mutators(2, check)

    def test_snapshots_from_several_threads(self):
        errors = []

        # Each graph holds the graphs the other threads hold at that
        # moment (their running frames' locals), which hold older ones:
        # keep the rounds few, or the heap grows with every round.
        def taker():
            try:
                for _ in range(4):
                    g = refcycle.snapshot()
                    support.check_consistency(self, g, max_edges=500,
                                              max_vertices=100)
                    del g
            except BaseException as e:      # reported below
                errors.append(e)

        def check():
            takers = [threading.Thread(target=taker) for _ in range(3)]
            for t in takers:
                t.start()
            for t in takers:
                t.join(120)
            self.assertEqual(errors, [])
            self.assertFalse(any(t.is_alive() for t in takers))
            self.assertTrue(gc.isenabled())
        gc.enable()
        self.run_with_mutators(1, check)


if __name__ == "__main__":
    unittest.main()
