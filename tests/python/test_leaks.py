"""Finding the leak you do not know about: g.suspects() (MAT's leak
suspects, with accumulation points and paths) and refcycle.repeat(fn)
(what grows on every round, not a cache filled once)."""

import gc
import os
import sys
import shutil
import tempfile
import unittest

import refcycle

import support


class Entry(object):
    def __init__(self, i):
        self.payload = [i] * 8


class Cache(object):
    def __init__(self):
        self.entries = []


class TestSuspects(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cache = Cache()
        cls.cache.entries.extend(Entry(i) for i in range(20000))
        cls.graph = refcycle.snapshot()
        cls.found = cls.graph.suspects()

    @classmethod
    def tearDownClass(cls):
        del cls.cache, cls.graph, cls.found

    def test_the_accumulation_point_is_the_list(self):
        objects = [s for s in self.found if s.kind == "object"]
        self.assertTrue(objects, self.found)
        top = objects[0]
        self.assertIs(top.accumulation, self.cache.entries)
        self.assertGreaterEqual(top.share, 0.1)
        self.assertEqual(top.count, 1)
        self.assertGreater(top.retained_size, 20000 * 8 * 8)
        self.assertEqual(top.retained_size, self.graph.retained_size(top.object))

    def test_the_path_from_a_root(self):
        top = [s for s in self.found if s.kind == "object"][0]
        self.assertIsInstance(top.path, refcycle.ObjectGraph)
        self.assertIn(self.cache.entries, top.path)
        self.assertIn(self.cache, top.path)
        labels = [top.path.edge_label(e) for e in top.path.edges]
        # An attribute: inline (3.11+) or through the instance's dict.
        self.assertTrue(".entries" in labels or "value['entries']" in labels, labels)

    def test_type_suspects(self):
        types = {s.type_name: s for s in self.found if s.kind == "type"}
        self.assertIn("Entry", types)
        entry = types["Entry"]
        self.assertEqual(entry.count, 20000)
        self.assertIs(type(entry.object), Entry)
        # Structural types, and types of one instance, are not suspects.
        self.assertNotIn("dict", types)
        self.assertNotIn("module", types)
        self.assertNotIn("Cache", types)
        self.assertIn("Entry", repr(entry))

    def test_threshold(self):
        self.assertEqual(self.graph.suspects(threshold=1.0), [])
        with self.assertRaises(ValueError):
            self.graph.suspects(0)
        with self.assertRaises(ValueError):
            self.graph.suspects(threshold=1.5)
        many = self.graph.suspects(threshold=0.001)
        self.assertGreaterEqual(len(many), len(self.found))

    def test_on_a_loaded_snapshot(self):
        path = os.path.join(tempfile.mkdtemp(), "g.rcsnap")
        self.addCleanup(shutil.rmtree, os.path.dirname(path))
        self.graph.save(path)
        loaded = refcycle.load(path)
        top = [s for s in loaded.suspects() if s.kind == "object"][0]
        self.assertEqual(top.accumulation.id, id(self.cache.entries))
        self.assertEqual(top.accumulation.type_name, "list")


class TestRepeat(unittest.TestCase):
    def test_a_leak_grows_every_round(self):
        store = []

        def leaky():
            store.append(Entry(len(store)))
        rows = refcycle.repeat(leaky, times=4)
        by_name = {name: deltas for name, _, deltas in rows}
        self.assertEqual(by_name.get("Entry"), (1, 1, 1, 1))
        self.assertEqual(len(store), 4)

    def test_a_cache_filled_once_is_not_reported(self):
        cache = {}

        def cached():
            if not cache:
                cache.update((i, Entry(i)) for i in range(50))
            return cache[3]
        self.assertEqual([r for r in refcycle.repeat(cached) if r[0] == "Entry"], [])

    def test_garbage_with_collect_false(self):
        class Node(object):
            pass

        def cyclic():
            a, b = Node(), Node()
            a.b, b.a = b, a
        gc.disable()
        try:
            rows = refcycle.repeat(cyclic, times=3, collect=False)
        finally:
            gc.enable()
        self.assertIn(("Node", (2, 2, 2)), [(r[0], r[2]) for r in rows])
        self.assertEqual([r for r in refcycle.repeat(cyclic, times=3) if r[0] == "Node"], [])

    def test_arguments(self):
        with self.assertRaises(ValueError):
            refcycle.repeat(lambda: None, times=1)
        with self.assertRaises(TypeError):
            refcycle.repeat(42)


class Slotted(object):
    # tracemalloc finds the block of an object with __slots__ on every
    # interpreter (on 3.11, not that of an instance with a managed dict).
    __slots__ = ("items", "__weakref__")

    def __init__(self):
        self.items = [0] * 1000


class TestAllocatedAt(unittest.TestCase):
    def test_with_and_without_tracemalloc(self):
        import tracemalloc
        untraced = Slotted()
        tracemalloc.start(5)
        self.addCleanup(tracemalloc.stop)
        traced, line = Slotted(), sys._getframe().f_lineno
        graph = refcycle.snapshot()
        self.assertIsNone(graph.allocated_at(untraced))
        tb = graph.allocated_at(traced)
        self.assertIsNotNone(tb)
        self.assertEqual((tb[-1].filename, tb[-1].lineno), (__file__, line))
        with self.assertRaises(KeyError):
            refcycle.ObjectGraph([]).allocated_at(traced)
        ag = refcycle.ObjectGraph([traced]).annotated()
        self.assertIsNone(ag.allocated_at(next(iter(ag.vertices))))
        del graph

    def test_suspects_and_leak_groups_say_where(self):
        import tracemalloc
        tracemalloc.start(5)
        self.addCleanup(tracemalloc.stop)
        holder = Slotted()
        holder.items = [Slotted() for _ in range(3000)]
        graph = refcycle.snapshot()
        tops = [s for s in graph.suspects(threshold=0.05) if s.accumulation is holder.items]
        self.assertTrue(tops)
        del graph, tops
        from refcycle import _watch
        _watch._forget_all()
        self.addCleanup(_watch._forget_all)
        refcycle.watch(holder.items[0], "one of them")
        group, = refcycle.leaks()
        self.assertIsNotNone(group.allocated_at)
        self.assertEqual(group.allocated_at[-1].filename, __file__)


class TestGrowingCacheExample(unittest.TestCase):
    """examples/growing_cache.py tells the second story end to end: the
    registry grows on every round, the cache only once; the suspects and
    the watched requests point at the registry."""

    def test_the_story(self):
        script = os.path.join(support.SRCDIR, "examples", "growing_cache.py")
        result = support.run_python(None, script=script, timeout=180)
        self.assertEqual(result.returncode, 0, support.describe(result))
        out = result.stdout
        part = lambda n: out.split("%d. " % n)[1].split("\n\n")[0]
        growth, rounds, suspects, watched = part(1), part(2), part(3), part(4)
        self.assertRegex(growth, r"Request\s+2000\s+\+2000")
        self.assertRegex(growth, r"Template\s+4\s+\+4")   # the cache, filled once
        self.assertRegex(rounds, r"Request\s+\d+\s+\+100 \+100 \+100 \+100")
        self.assertNotRegex(rounds.split("(Template")[0], r"Template\s+\d")
        self.assertIn("accumulates in list[2400]", suspects)
        # An attribute: inline (3.11+) or through the instance's dict.
        listeners = r"(--\.listeners-->|--__dict__--> --value\['listeners'\]-->)"
        self.assertRegex(suspects, r"--value\['REGISTRY'\]--> " + listeners)
        self.assertIn("2400 requests", watched)
        self.assertRegex(watched, r"(--\.listeners--> |--__dict__--> dict --value\['listeners'\]--> )"
                                  r"list --item\[\*\]--> method Request.on_shutdown "
                                  r"--__self__--> Request")
        self.assertNotIn("Traceback", result.stderr)


if __name__ == "__main__":
    unittest.main()
