"""Capture and queries never run user code, and scale linearly.

The hostile objects below raise RuntimeError from __eq__, __hash__,
__repr__, __str__, __getattr__, __getattribute__ (and, for the container
subclasses, from their item and iteration methods) and count every call,
while ARMED is set."""

import collections
import gc
import time
import unittest

import refcycle
from refcycle import ObjectGraph

import support

CALLS = collections.Counter()
ARMED = [False]


def _hit(name):
    if ARMED[0]:
        CALLS[name] += 1
        raise RuntimeError("refcycle called %s of a hostile object" % name)


class Armed(object):
    """Context manager: arm the hostile methods, and check none ran."""

    def __init__(self, testcase):
        self.testcase = testcase

    def __enter__(self):
        CALLS.clear()
        ARMED[0] = True
        return self

    def __exit__(self, *exc):
        ARMED[0] = False
        self.testcase.assertEqual(dict(CALLS), {})
        return False


class HostileMeta(type):
    def __getattribute__(cls, name):
        _hit("meta.__getattribute__")
        return type.__getattribute__(cls, name)

    def __eq__(cls, other):
        _hit("meta.__eq__")
        return type.__eq__(cls, other)

    def __hash__(cls):
        _hit("meta.__hash__")
        return type.__hash__(cls)

    def __repr__(cls):
        _hit("meta.__repr__")
        return type.__repr__(cls)


class Hostile(object, metaclass=HostileMeta):
    def __init__(self, payload=None):
        object.__setattr__(self, "payload", payload)

    def __eq__(self, other):
        _hit("__eq__")
        return self is other

    def __ne__(self, other):
        _hit("__ne__")
        return self is not other

    def __hash__(self):
        _hit("__hash__")
        return id(self) >> 4

    def __repr__(self):
        _hit("__repr__")
        return "<Hostile>"

    def __str__(self):
        _hit("__str__")
        return "<Hostile>"

    def __getattribute__(self, name):
        _hit("__getattribute__")
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        _hit("__getattr__")
        raise AttributeError(name)

    def __len__(self):
        _hit("__len__")
        return 0

    def __bool__(self):
        _hit("__bool__")
        return True

    def __iter__(self):
        _hit("__iter__")
        return iter(())


class HostileGetattr(object):
    """Only __getattr__ (called for missing attributes) is hostile."""

    def __init__(self, payload=None):
        self.payload = payload

    def __getattr__(self, name):
        _hit("HostileGetattr.__getattr__")
        raise AttributeError(name)


class HostileSlots(object):
    __slots__ = ("a", "b")

    def __getattribute__(self, name):
        _hit("HostileSlots.__getattribute__")
        return object.__getattribute__(self, name)

    def __repr__(self):
        _hit("HostileSlots.__repr__")
        return "<HostileSlots>"


class HostileList(list):
    def __getitem__(self, i):
        _hit("HostileList.__getitem__")
        return list.__getitem__(self, i)

    def __iter__(self):
        _hit("HostileList.__iter__")
        return list.__iter__(self)

    def __len__(self):
        _hit("HostileList.__len__")
        return list.__len__(self)

    def __eq__(self, other):
        _hit("HostileList.__eq__")
        return self is other

    __hash__ = None

    def __repr__(self):
        _hit("HostileList.__repr__")
        return "[...]"


class HostileDict(dict):
    def __getitem__(self, key):
        _hit("HostileDict.__getitem__")
        return dict.__getitem__(self, key)

    def __iter__(self):
        _hit("HostileDict.__iter__")
        return dict.__iter__(self)

    def keys(self):
        _hit("HostileDict.keys")
        return dict.keys(self)

    def items(self):
        _hit("HostileDict.items")
        return dict.items(self)

    def values(self):
        _hit("HostileDict.values")
        return dict.values(self)

    def get(self, key, default=None):
        _hit("HostileDict.get")
        return dict.get(self, key, default)

    def __len__(self):
        _hit("HostileDict.__len__")
        return dict.__len__(self)

    def __repr__(self):
        _hit("HostileDict.__repr__")
        return "{...}"


def build_world():
    """Hostile objects referring to each other in every way we can."""
    a = Hostile()
    b = Hostile(a)
    object.__setattr__(a, "payload", b)           # a <-> b
    g = HostileGetattr(a)
    s = HostileSlots()
    object.__setattr__(s, "a", a)
    object.__setattr__(s, "b", [b])
    hl = HostileList([a, b, a, g])
    hd = HostileDict({"a": a, "list": hl})
    hd[a] = b                                     # hostile key (hashes once)
    plain = {a: hl}                               # plain dict, hostile key
    s_set = set([a, b])                           # hashes before arming
    method = Hostile.__init__.__get__(a)          # bound method of hostile
    holder = [a, b, g, s, hl, hd, plain, s_set, method, Hostile]
    return holder


class TestNoUserCode(unittest.TestCase):
    def setUp(self):
        self.world = build_world()

    def tearDown(self):
        ARMED[0] = False

    def test_the_objects_are_hostile(self):
        # The check of this file: armed, each of these runs user code.
        a, b, g_obj, s, hl, hd = self.world[:6]
        probes = [lambda: hash(a), lambda: a == b, lambda: repr(a),
                  lambda: str(a), lambda: a.payload, lambda: g_obj.missing,
                  lambda: s.a, lambda: repr(s), lambda: hl[0],
                  lambda: list(iter(hl)), lambda: hd["a"], lambda: hd.items(),
                  lambda: Hostile.__name__, lambda: repr(Hostile),
                  lambda: hash(Hostile)]
        CALLS.clear()
        ARMED[0] = True
        try:
            for probe in probes:
                with self.assertRaises(RuntimeError):
                    probe()
        finally:
            ARMED[0] = False
        self.assertEqual(sum(CALLS.values()), len(probes))

    def test_snapshot(self):
        with Armed(self):
            g = refcycle.snapshot()
            for obj in self.world:
                self.assertTrue(obj in g)
        del g

    def test_capture_calls_no_import_hook(self):
        # A program's own __import__ (a lazy importer, an audit hook) is
        # user code too: the captures find the gc module in sys.modules.
        import builtins
        calls = []
        original = builtins.__import__

        def hook(name, *args, **kwargs):
            calls.append(name)
            return original(name, *args, **kwargs)
        builtins.__import__ = hook
        try:
            g = refcycle.snapshot()
            base = refcycle.census()
            refcycle.garbage()
        finally:
            builtins.__import__ = original
        self.assertEqual(calls, [])
        del g, base

    def test_object_graph(self):
        with Armed(self):
            g = ObjectGraph(self.world)
            g2 = ObjectGraph(self.world + self.world)
            self.assertTrue(len(g) == len(self.world))
            self.assertTrue(len(g2) == len(self.world))

    def test_containment(self):
        g = ObjectGraph(self.world)
        outsider = Hostile()
        with Armed(self):
            for obj in self.world:
                self.assertTrue(obj in g)
                self.assertTrue(obj in g.vertices)
            self.assertFalse(outsider in g)
            self.assertFalse(outsider in g.vertices)

    def test_queries(self):
        with Armed(self):
            g = refcycle.snapshot()
            a, b = self.world[0], self.world[1]
            for obj in self.world:
                g.parents(obj)
                g.children(obj)
                g.in_edges(obj)
                g.out_edges(obj)
            self.assertTrue(len(g.ancestors(a, generations=2)) > 2)
            self.assertTrue(len(g.descendants(a, generations=2)) > 2)
            # a -> b directly (3.11+) or through a.__dict__ (3.9, 3.10).
            path = g.shortest_path(a, b)
            self.assertTrue(2 <= len(path) <= 3)
            self.assertTrue(len(g.shortest_path(self.world[4], a)) == 2)
            cycle = g.shortest_cycle(a)
            self.assertTrue(2 <= len(cycle) <= 4)
            small = g.full_subgraph(self.world)
            small.strongly_connected_components()
            small.source_components()
            (small - path, small & path)
            repr(small)
        del g

    def test_edge_labels(self):
        with Armed(self):
            g = ObjectGraph(self.world)
            labels = [g.edge_label(e) for e in g.edges]
            big = refcycle.snapshot()
            for obj in self.world:
                for e in big.in_edges(obj) + big.out_edges(obj):
                    labels.append(big.edge_label(e))
        for label in labels:
            self.assertTrue(label is None or isinstance(label, str))
        self.assertGreater(len([x for x in labels if x]), 10)

    def test_label_values(self):
        a, b, g_obj, s, hl, hd, plain = self.world[:7]
        with Armed(self):
            g = ObjectGraph(self.world)
            hl_to_a = support.labels_between(g, hl, a)
            method_to_a = support.labels_between(g, self.world[8], a)
            hd_to_a = support.labels_between(g, hd, a)
            plain_to_a = support.labels_between(g, plain, a)
        self.assertEqual(sorted(hl_to_a), ["item[0]", "item[2]"])
        self.assertEqual(method_to_a, ["__self__"])
        self.assertIn("value['a']", hd_to_a)
        self.assertIn("key", hd_to_a)
        self.assertEqual(plain_to_a, ["key"])

    def test_typename_queries(self):
        with Armed(self):
            g = ObjectGraph(self.world)
            counts = g.count_by_typename()
            found = g.find_by_typename("Hostile")
        self.assertEqual(counts["Hostile"], 2)
        self.assertEqual(counts["HostileMeta"], 1)
        self.assertEqual(len(found), 2)

    def test_refcycle_text_and_exports(self):
        # refcycle's annotations (type names, module names from the
        # type's dict, reprs only of builtin scalars): no user code.
        with Armed(self):
            g = ObjectGraph(self.world)
            g.to_dot()
            g.to_json()
            g.to_dot(detailed=True)
            ag = g.annotated()
            counts = ag.count_by_typename()
        self.assertEqual(counts["Hostile"], 2)

    def test_leak_finder(self):
        # census, growth, new_since, suspects, watch and leaks, the
        # objgraph habits: none of them runs the objects' code.
        from refcycle import _watch
        _watch._forget_all()
        self.addCleanup(_watch._forget_all)
        census = refcycle.census()
        more = build_world()
        with Armed(self):
            self.assertTrue(self.world[0] in census)
            self.assertFalse(more[0] in census)
            refcycle.growth(census, collect=False)
            g = refcycle.snapshot()
            fresh = g.new_since(census)
            self.assertTrue(more[0] in fresh)
            g.suspects(threshold=0.01)
            g.at(id(more[0]))
            refcycle.watch(more[0], "hostile")
            groups = refcycle.leaks(collect=False)
            refcycle.show_backrefs(more[0], max_depth=2, graph=g)
            refcycle.find_backref_chain(more[0], lambda o: o is more, graph=g)
            del g, fresh
        self.assertEqual(len(groups), 1)
        self.assertIn("Hostile", groups[0].signature)

    def test_objects_reachable_from(self):
        with Armed(self):
            g = refcycle.objects_reachable_from(self.world)
            self.assertTrue(self.world[0] in g)

    def test_garbage(self):
        gc.collect()
        a = Hostile()
        b = Hostile(a)
        object.__setattr__(a, "payload", b)
        del a, b
        with Armed(self):
            g = refcycle.garbage()
            n = len(g.find_by_typename("Hostile"))
        self.assertEqual(n, 2)


class TestLargeObjects(unittest.TestCase):
    LIMIT = 15.0 * support.time_factor()

    def test_ten_million_ints(self):
        big = list(range(10 ** 7))
        t0 = time.perf_counter()
        g = refcycle.snapshot()
        elapsed = time.perf_counter() - t0
        self.assertIn(big, g)
        self.assertEqual(g.children(big), [])
        self.assertLess(elapsed, self.LIMIT)
        del g
        t0 = time.perf_counter()
        g = ObjectGraph([big])
        self.assertEqual(len(g.edges), 0)
        self.assertLess(time.perf_counter() - t0, self.LIMIT)

    def test_ten_million_parallel_edges(self):
        memory = support.available_memory()
        if memory is not None and memory < 6 * 2 ** 30:
            self.skipTest("needs 6 GiB of free memory, %d MiB available"
                          % (memory // 2 ** 20))
        x = ["one tracked object"]
        big = [x] * 10 ** 7
        t0 = time.perf_counter()
        g = refcycle.snapshot()
        elapsed = time.perf_counter() - t0
        self.assertLess(elapsed, self.LIMIT)
        children = g.children(big)
        self.assertEqual(len(children), 10 ** 7)
        self.assertIs(children[0], x)
        self.assertIs(children[-1], x)
        del children
        self.assertGreaterEqual(len(g.in_edges(x)), 10 ** 7)
        path = g.shortest_path(big, x)
        self.assertEqual(len(path), 2)
        self.assertEqual(len(path.edges), 10 ** 7)
        del path
        self.assertEqual(g.edge_label(g.out_edges(big)[-1]),
                         "item[%d]" % (10 ** 7 - 1))
        t0 = time.perf_counter()
        anc = g.ancestors(x, generations=1)
        self.assertIn(big, anc)
        self.assertLess(time.perf_counter() - t0, self.LIMIT)

    def test_linear_scaling(self):
        # Snapshot time with 2,000,000 extra objects is at most about
        # linear in the number of objects compared with 200,000.
        def timed(n):
            extra = [[] for _ in range(n)]
            gc.collect()
            best = None
            for _ in range(2):
                t0 = time.perf_counter()
                g = refcycle.snapshot()
                t = time.perf_counter() - t0
                del g
                best = t if best is None else min(best, t)
            del extra
            return best
        small = timed(200000)
        large = timed(2000000)
        self.assertLess(large, self.LIMIT)
        # 10x the objects: allow 30x the time (noise, caches).
        self.assertLess(large, 30 * small + 0.5,
                        "200k: %.3fs, 2M: %.3fs" % (small, large))


if __name__ == "__main__":
    unittest.main()
