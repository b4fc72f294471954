"""refcycle.census(): a weightless baseline (counts, sizes and the
identity of every tracked object, holding none of them), growth() against
it as objgraph's show_growth, g.new_since(census), diff(census, g), and
g.at(address) as objgraph's at."""

import gc
import os
import shutil
import sys
import tempfile
import unittest
import weakref

import refcycle

import support


class Leak(object):
    pass


class Other(object):
    pass


class Node(object):
    def __init__(self):
        self.other = None


class TestWeightless(unittest.TestCase):
    def test_holds_no_object(self):
        obj = Leak()
        ref = weakref.ref(obj)
        census = refcycle.census()
        self.assertIn(obj, census)
        self.assertFalse(gc.is_tracked(census))
        self.assertNotIn(census, gc.get_referrers(obj))
        del obj
        self.assertIsNone(ref())   # freed at once: the census kept nothing

    def test_counts_and_sizes_match_a_snapshot(self):
        keep = [Leak() for _ in range(50)]
        census = refcycle.census()
        graph = refcycle.snapshot()
        self.assertEqual(census.counts["Leak"], graph.count_by_typename()["Leak"])
        self.assertGreaterEqual(census.counts["Leak"], 50)
        self.assertEqual(census.sizes["Leak"], graph.size_by_typename()["Leak"])
        for name in ("list", "tuple", "dict", "function"):
            self.assertEqual(census.sizes[name] > 0, True, name)
        self.assertEqual(len(census), sum(census.counts.values()))
        self.assertIn("objects", repr(census))
        del keep, graph

    def test_every_tracked_object_is_counted(self):
        # The census reads the collector's lists itself (where it can):
        # it counts what gc.get_objects() lists, and the list.
        keep = [Node() for _ in range(100)]
        objs = gc.get_objects()
        census = refcycle.census()
        self.assertEqual([o for o in objs if o not in census], [])
        self.assertIn(objs, census)
        self.assertGreaterEqual(len(census), len(objs) + 1)
        self.assertLessEqual(len(census), len(objs) + 10)
        del keep, objs

    def test_sizes_are_what_getsizeof_says(self):
        lists = [[None] * n for n in range(40)]
        census = refcycle.census()
        graph = refcycle.snapshot()
        # Every list, not only ours: the snapshot measures them one by one.
        self.assertEqual(census.sizes["list"], graph.size_by_typename()["list"])
        self.assertEqual(graph.shallow_size(lists[7]), sys.getsizeof(lists[7]))
        del lists, graph


class TestNewSince(unittest.TestCase):
    def test_new_objects_only(self):
        old = Leak()
        census = refcycle.census()
        new = [Leak() for _ in range(7)]
        graph = refcycle.snapshot()
        fresh = graph.new_since(census)
        self.assertIsInstance(fresh, refcycle.ObjectGraph)
        self.assertNotIn(old, fresh)
        for obj in new:
            self.assertIn(obj, fresh)
            self.assertNotIn(obj, census)
        self.assertEqual(fresh.count_by_typename()["Leak"], 7)
        with self.assertRaises(TypeError):
            graph.new_since(graph)
        del graph, fresh

    def test_an_address_reused_by_another_type_is_new(self):
        for _ in range(100):
            first = Leak()
            address = id(first)
            census = refcycle.census()
            del first
            second = Other()        # the same size: often the same block
            if id(second) == address:
                break
        else:
            self.skipTest("the allocator did not reuse the address")
        self.assertNotIn(second, census)
        self.assertIn(second, refcycle.snapshot().new_since(census))

    def test_loaded_snapshot(self):
        census = refcycle.census()
        keep = [Leak() for _ in range(3)]
        path = os.path.join(tempfile.mkdtemp(), "g.rcsnap")
        self.addCleanup(shutil.rmtree, os.path.dirname(path))
        refcycle.snapshot().save(path)
        loaded = refcycle.load(path)
        fresh = loaded.new_since(census)
        self.assertEqual(fresh.count_by_typename()["Leak"], 3)
        self.assertEqual(loaded.at(id(keep[0])).type_name, "Leak")
        del keep

    def test_diff_against_a_census(self):
        census = refcycle.census()
        keep = [Leak() for _ in range(5)]
        after = refcycle.snapshot()
        d = refcycle.diff(census, after)
        self.assertEqual(d.counts["Leak"], 5)
        self.assertEqual(d.new.count_by_typename()["Leak"], 5)
        self.assertEqual(len(d.gone), 0)
        self.assertNotIn(after, d.new)
        self.assertIn(("Leak", 5, 5 * after.shallow_size(keep[0])), d.growth())
        del keep, after, d


class TestSavedBaseline(unittest.TestCase):
    """A saved snapshot's file serves as the baseline: census(path),
    diff(path, after), new_since."""

    def test_census_of_a_file(self):
        old = [Leak() for _ in range(3)]
        path = os.path.join(tempfile.mkdtemp(), "before.rcsnap")
        self.addCleanup(shutil.rmtree, os.path.dirname(path))
        refcycle.snapshot().save(path)
        new = [Leak() for _ in range(4)]
        census = refcycle.census(path)
        self.assertIsInstance(census, refcycle.Census)
        self.assertEqual(census.counts["Leak"], refcycle.load(path).count_by_typename()["Leak"])
        self.assertIn(old[0], census)
        self.assertNotIn(new[0], census)
        after = refcycle.snapshot()
        d = refcycle.diff(path, after)
        self.assertEqual(d.counts["Leak"], 4)
        self.assertEqual(d.new.count_by_typename()["Leak"], 4)
        import pathlib
        self.assertEqual(refcycle.diff(pathlib.Path(path), after).counts["Leak"], 4)
        del after, d

    def test_bad_files(self):
        with self.assertRaises(OSError):
            refcycle.census("/nonexistent/before.rcsnap")
        with self.assertRaises(TypeError):
            refcycle._core._census_of_records(refcycle.ObjectGraph())


class TestGrowth(unittest.TestCase):
    def test_as_show_growth(self):
        census = refcycle.census()
        keep = [Leak() for _ in range(11)]
        rows = refcycle.growth(census, limit=None)
        self.assertIn(("Leak", refcycle.snapshot().count_by_typename()["Leak"], 11), rows)
        self.assertEqual(rows, sorted(rows, key=lambda r: (-r[2], r[0])))
        self.assertLessEqual(len(refcycle.growth(census, limit=2)), 2)
        del keep

    def test_collect_false_keeps_cyclic_garbage(self):
        gc.collect()
        census = refcycle.census()
        gc.disable()
        try:
            for _ in range(6):
                a, b = Node(), Node()
                a.other, b.other = b, a
            del a, b
            seen = dict((name, delta) for name, _, delta in
                        refcycle.growth(census, limit=None, collect=False))
            self.assertEqual(seen.get("Node"), 12)
            gone = dict((name, delta) for name, _, delta in
                        refcycle.growth(census, limit=None))
            self.assertNotIn("Node", gone)
        finally:
            gc.enable()

    def test_refuses_what_is_not_a_census(self):
        with self.assertRaises(TypeError):
            refcycle.growth(refcycle.ObjectGraph())


class TestAt(unittest.TestCase):
    def test_finds_by_address(self):
        obj = Leak()
        graph = refcycle.snapshot()
        self.assertIs(graph.at(id(obj)), obj)
        self.assertIs(graph.at(address=id(obj)), obj)
        with self.assertRaises(KeyError):
            graph.at(1)
        with self.assertRaises(KeyError):
            graph.at(-1)
        with self.assertRaises(KeyError):
            graph.at(2 ** 80)
        with self.assertRaises(TypeError):
            graph.at("0x10")
        ag = refcycle.ObjectGraph([obj]).annotated()
        self.assertEqual(ag.at(id(obj)).id, id(obj))
        del graph


if __name__ == "__main__":
    unittest.main()
