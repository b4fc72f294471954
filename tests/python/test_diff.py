"""Snapshot diffs: what is new since an earlier snapshot, and what is
gone, by type (refcycle.diff), and sizes by type name."""
import gc
import sys
import unittest

import refcycle


class Grown(object):
    pass


class Shrunk(object):
    pass


def is_in(obj, objs):
    return any(o is obj for o in objs)


class TestDiff(unittest.TestCase):
    def test_scripted_allocations(self):
        # Leftovers of other tests (a Grown in a cycle of a finished
        # frame) would count as gone: only before keeps them.
        gc.collect()
        doomed = [Shrunk() for _ in range(30)]
        before = refcycle.snapshot()
        grown = [Grown() for _ in range(200)]
        del doomed[:]
        after = refcycle.snapshot()
        d = refcycle.diff(before, after)
        self.assertEqual(d.counts["Grown"], 200)
        self.assertEqual(d.counts["Shrunk"], -30)
        self.assertEqual(d.sizes["Grown"], 200 * sys.getsizeof(grown[0]))
        self.assertEqual(d.sizes["Shrunk"], -30 * sys.getsizeof(Grown()))
        for obj in grown:
            self.assertTrue(is_in(obj, d.new))
        self.assertEqual(len(d.gone.find_by_typename("Shrunk")), 30)
        rows = d.growth()
        self.assertEqual(rows[0][0], "Grown")
        self.assertEqual(rows[0][1:], (200, 200 * sys.getsizeof(grown[0])))
        self.assertEqual(d.growth(1), rows[:1])
        self.assertIn(("Shrunk", -30, d.sizes["Shrunk"]), rows)
        self.assertNotIn("ObjectGraph", d.counts)

    def test_snapshots_are_left_out(self):
        before = refcycle.snapshot()
        after = refcycle.snapshot()
        d = refcycle.diff(before, after)
        self.assertFalse(is_in(before, d.new))
        self.assertFalse(is_in(after, d.new))
        self.assertIn("Diff", repr(d))

    def test_new_objects_keep_their_referrers(self):
        before = refcycle.snapshot()
        holder = {"grown": Grown()}
        after = refcycle.snapshot()
        d = refcycle.diff(before, after)
        obj = holder["grown"]
        self.assertTrue(is_in(obj, d.new))
        # The referrers are asked of the whole snapshot.
        self.assertTrue(is_in(holder, after.parents(obj)))

    def test_bad_arguments(self):
        g = refcycle.snapshot()
        with self.assertRaises(TypeError):
            refcycle.diff(g, [])
        with self.assertRaises(TypeError):
            refcycle.diff({}, g)


class TestSizeByTypename(unittest.TestCase):
    def test_sums_shallow_sizes(self):
        objs = [[1, 2], [3], {"a": 1}, Grown(), Grown()]
        g = refcycle.ObjectGraph(objs)
        sizes = g.size_by_typename()
        self.assertEqual(sizes["list"], sys.getsizeof(objs[0]) + sys.getsizeof(objs[1]))
        self.assertEqual(sizes["dict"], sys.getsizeof(objs[2]))
        self.assertEqual(sizes["Grown"], 2 * sys.getsizeof(objs[3]))
        self.assertEqual(set(sizes), set(g.count_by_typename()))


if __name__ == "__main__":
    unittest.main()
