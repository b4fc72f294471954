"""garbage(), cycles_created_by(), objects_reachable_from() and the
ObjectGraph(iterable) constructor."""

import gc
import unittest
import weakref

import refcycle
from refcycle import ObjectGraph

import support


class Node(object):
    pass


def make_cycle(token):
    a = Node()
    b = Node()
    a.other = b
    b.other = a
    a.token = b.token = token


def tagged(graph, token):
    """The Node instances of graph carrying token."""
    return [obj for obj in graph
            if type(obj) is Node and obj.__dict__.get("token") is token]


class GcStateMixin(object):
    def setUp(self):
        self.saved = (gc.isenabled(), gc.get_debug())

    def tearDown(self):
        enabled, flags = self.saved
        gc.set_debug(flags)
        if enabled:
            gc.enable()
        else:
            gc.disable()


class TestGarbage(GcStateMixin, unittest.TestCase):
    def test_finds_a_fresh_cycle(self):
        gc.collect()
        token = object()
        make_cycle(token)
        g = refcycle.garbage()
        nodes = tagged(g, token)
        self.assertEqual(len(nodes), 2)
        a, b = nodes
        # Each refers to the other (directly or through its __dict__).
        self.assertGreaterEqual(len(g.shortest_path(a, b)), 2)
        self.assertIn(a, g.descendants(b))
        self.assertIn(b, g.descendants(a))
        self.assertGreaterEqual(len(g.shortest_cycle(a)), 2)

    def test_removes_them_from_gc_garbage(self):
        gc.collect()
        sentinel = Node()
        gc.garbage.append(sentinel)
        try:
            token = object()
            make_cycle(token)
            g = refcycle.garbage()
            nodes = tagged(g, token)
            self.assertEqual(len(nodes), 2)
            for node in nodes:
                self.assertFalse(any(x is node for x in gc.garbage))
            # What was in gc.garbage before stays there.
            self.assertTrue(any(x is sentinel for x in gc.garbage))
        finally:
            gc.garbage[:] = [x for x in gc.garbage if x is not sentinel]

    def test_graph_keeps_garbage_alive_until_deleted(self):
        gc.collect()
        token = object()
        make_cycle(token)
        g = refcycle.garbage()
        nodes = tagged(g, token)
        refs = [weakref.ref(n) for n in nodes]
        del nodes
        gc.collect()
        self.assertTrue(all(r() is not None for r in refs))
        del g
        gc.collect()
        self.assertTrue(all(r() is None for r in refs))

    def test_state_restored_when_enabled(self):
        gc.enable()
        gc.set_debug(gc.DEBUG_UNCOLLECTABLE)
        refcycle.garbage()
        self.assertTrue(gc.isenabled())
        self.assertEqual(gc.get_debug(), gc.DEBUG_UNCOLLECTABLE)

    def test_state_restored_when_disabled(self):
        gc.disable()
        gc.set_debug(0)
        refcycle.garbage()
        self.assertFalse(gc.isenabled())
        self.assertEqual(gc.get_debug(), 0)

    def test_nothing_to_collect(self):
        gc.collect()
        g = refcycle.garbage()
        self.assertIsInstance(g, ObjectGraph)
        self.assertEqual(len(g), 0)


class TestCyclesCreatedBy(GcStateMixin, unittest.TestCase):
    def test_finds_the_cycle(self):
        token = object()
        g = refcycle.cycles_created_by(lambda: make_cycle(token))
        self.assertIsInstance(g, ObjectGraph)
        self.assertEqual(len(tagged(g, token)), 2)

    def test_only_the_new_cycles(self):
        old_token = object()
        make_cycle(old_token)      # garbage made before the call
        token = object()
        g = refcycle.cycles_created_by(lambda: make_cycle(token))
        self.assertEqual(len(tagged(g, token)), 2)
        self.assertEqual(tagged(g, old_token), [])

    def test_no_cycles(self):
        g = refcycle.cycles_created_by(lambda: [[1], {"a": 2}])
        self.assertEqual(len(g), 0)

    def test_state_restored(self):
        gc.enable()
        gc.set_debug(gc.DEBUG_UNCOLLECTABLE)
        refcycle.cycles_created_by(lambda: make_cycle(object()))
        self.assertTrue(gc.isenabled())
        self.assertEqual(gc.get_debug(), gc.DEBUG_UNCOLLECTABLE)
        gc.disable()
        refcycle.cycles_created_by(lambda: None)
        self.assertFalse(gc.isenabled())

    def test_exception_propagates_and_state_restored(self):
        gc.enable()
        gc.set_debug(0)

        def boom():
            raise ZeroDivisionError
        with self.assertRaises(ZeroDivisionError):
            refcycle.cycles_created_by(boom)
        self.assertTrue(gc.isenabled())
        self.assertEqual(gc.get_debug(), 0)

    def test_not_callable(self):
        with self.assertRaises(TypeError):
            refcycle.cycles_created_by(42)


class TestObjectsReachableFrom(unittest.TestCase):
    def test_includes_untracked_objects(self):
        inner = [2]
        outer = [1, "x", inner]
        g = refcycle.objects_reachable_from(outer)
        self.assertIsInstance(g, ObjectGraph)
        self.assertEqual(len(g), 5)
        for obj in (outer, inner, outer[0], outer[1], inner[0]):
            self.assertIn(obj, g)
        self.assertEqual(len(g.edges), 4)
        self.assertEqual(support.identities(g.children(outer)),
                         support.identities(outer))
        self.assertEqual(g.children(outer[1]), [])

    def test_cycle(self):
        a = Node()
        b = Node()
        a.other = b
        b.other = a
        g = refcycle.objects_reachable_from(a)
        self.assertIn(a, g)
        self.assertIn(b, g)
        self.assertIn(Node, g)
        self.assertIn(a, g.descendants(b))

    def test_untracked_start(self):
        g = refcycle.objects_reachable_from(12345)
        self.assertEqual(len(g), 1)
        self.assertEqual(len(g.edges), 0)

    def test_deep_structure(self):
        start = []
        node = start
        for _ in range(200000):
            nxt = []
            node.append(nxt)
            node = nxt
        g = refcycle.objects_reachable_from(start)
        self.assertEqual(len(g), 200001)
        del g
        node = start
        while node:
            node = node.pop()


class TestObjectGraphConstructor(unittest.TestCase):
    def test_drops_duplicates_by_identity(self):
        a = []
        b = []
        g = ObjectGraph([a, b, a, a, b])
        self.assertEqual(len(g), 2)
        self.assertEqual(support.identities(g), support.identities([a, b]))
        c = [1]
        d = [1]                      # equal to c, a different object
        self.assertEqual(len(ObjectGraph([c, d])), 2)

    def test_accepts_a_generator(self):
        a = [[]]
        b = a[0]
        g = ObjectGraph(x for x in (a, b))
        self.assertEqual(len(g), 2)
        self.assertEqual(len(g.edges), 1)
        self.assertIs(g.head(0), b)

    def test_accepts_other_iterables(self):
        a = []
        b = [a]
        self.assertEqual(len(ObjectGraph((a, b))), 2)
        self.assertEqual(len(ObjectGraph({1: a, 2: b}.values())), 2)
        self.assertEqual(len(ObjectGraph(ObjectGraph([a, b]))), 2)
        self.assertEqual(len(ObjectGraph(iter([a]))), 1)

    def test_no_argument(self):
        self.assertEqual(len(ObjectGraph()), 0)

    def test_non_iterables(self):
        for bad in (5, None, 3.5, object()):
            with self.subTest(bad=type(bad).__name__):
                with self.assertRaises(TypeError):
                    ObjectGraph(bad)

    def test_exception_from_the_iterable_propagates(self):
        keep = []

        def gen():
            yield keep
            yield []
            raise ZeroDivisionError("from the iterable")
        with self.assertRaises(ZeroDivisionError):
            ObjectGraph(gen())

    def test_failed_construction_releases_the_objects(self):
        obj = Node()
        ref = weakref.ref(obj)

        def gen(o):
            yield o
            raise KeyError("stop")
        it = gen(obj)
        del obj
        with self.assertRaises(KeyError):
            ObjectGraph(it)
        del it
        self.assertIsNone(ref())

    def test_untracked_objects_as_vertices(self):
        text = "a string"
        number = 10 ** 20
        t = (text, number)
        g = ObjectGraph([t, text, number])
        self.assertEqual(len(g), 3)
        self.assertEqual(len(g.edges), 2)
        self.assertEqual(sorted(g.edge_label(e) for e in g.edges),
                         ["item[0]", "item[1]"])


if __name__ == "__main__":
    unittest.main()
