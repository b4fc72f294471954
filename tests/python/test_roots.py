"""Roots, external references, paths from a root, dominators and
retained sizes of snapshots."""
import ctypes
import gc
import sys
import unittest

import refcycle


class Node(object):
    pass


class Holder(object):
    pass


def chain(n):
    """head -> ... -> tail through the attribute `next`; returns all."""
    nodes = [Node() for _ in range(n)]
    for a, b in zip(nodes, nodes[1:]):
        a.next = b
    return nodes


def path_objects(path, start, end):
    """The path's vertices in order from start to end (a path subgraph
    may carry extra edges among its vertices: follow any)."""
    order = [start]
    while order[-1] is not end:
        nxt = [path.head(e) for e in path.out_edges(order[-1])
               if not any(path.head(e) is o for o in order)]
        if not nxt:
            raise AssertionError("the path is broken")
        order.append(nxt[0])
    return order


def path_labels(path):
    return sorted(str(path.edge_label(e)) for e in path.edges)


def holder_of_attributes(obj):
    """What holds obj's attributes: its __dict__ before 3.11, the object
    itself after (reading __dict__ there would create one)."""
    return obj.__dict__ if sys.version_info < (3, 11) else obj


def is_in(obj, objs):
    return any(o is obj for o in objs)


class TestExternalRefs(unittest.TestCase):
    def test_held_only_from_c_is_a_root(self):
        obj = Node()
        obj.payload = [Node(), Node()]
        incref = ctypes.pythonapi.Py_IncRef
        decref = ctypes.pythonapi.Py_DecRef
        incref.argtypes = decref.argtypes = [ctypes.py_object]
        address = id(obj)
        incref(obj)
        del obj
        try:
            g = refcycle.snapshot()
            held, = [o for o in g if id(o) == address]
            self.assertEqual(g.external_refs(held), 1)
            self.assertTrue(is_in(held, g.roots()))
            path = g.path_to_root(held)
            self.assertEqual(len(path), 1)
            # What it holds, it alone holds.
            self.assertIs(g.immediate_dominator(held.payload), holder_of_attributes(held))
            self.assertIs(g.immediate_dominator(held.payload[0]), held.payload)
            parts = [held, held.payload] + held.payload
            if sys.version_info < (3, 11):
                parts.append(held.__dict__)
            size = sum(g.shallow_size(o) for o in parts)
            self.assertEqual(g.retained_size(held), size)
            del g, path
        finally:
            decref(held)

    def test_object_of_a_running_frame(self):
        x = Node()
        g = refcycle.snapshot()
        self.assertEqual(g.external_refs(x), 0)
        self.assertFalse(is_in(x, g.roots()))
        path = g.path_to_root(x)
        frame = sys._getframe()
        self.assertTrue(is_in(frame, path), [type(o).__name__ for o in path])
        self.assertIn("local 'x'", path_labels(path))

    def test_running_frames_and_modules_are_roots(self):
        g = refcycle.snapshot()
        roots = g.roots()
        self.assertTrue(is_in(sys._getframe(), roots))
        self.assertTrue(is_in(sys.modules[__name__], roots))

    def test_counts_are_those_of_capture_time(self):
        x = Node()
        g = refcycle.snapshot()
        extra = [x, x, x]
        self.assertEqual(g.external_refs(x), 0)
        del extra

    def test_immortal_objects_are_roots(self):
        g = refcycle.snapshot()
        roots = g.roots()
        immortal = [o for o in g if g.external_refs(o) is None]
        if sys.version_info < (3, 12):
            self.assertEqual(immortal, [])
        for o in immortal:
            self.assertTrue(is_in(o, roots))

    def test_not_a_vertex(self):
        g = refcycle.ObjectGraph([[]])
        with self.assertRaises(KeyError):
            g.external_refs(Node())
        with self.assertRaises(KeyError):
            g.path_to_root(Node())
        with self.assertRaises(KeyError):
            g.retained_size(Node())

    def test_records_have_no_counts(self):
        a = []
        b = [a]
        ag = refcycle.ObjectGraph([a, b]).annotated()
        with self.assertRaises(TypeError):
            ag.external_refs(next(iter(ag)))
        # Without counts, the vertices nothing points to are the roots.
        self.assertEqual(len(ag.roots()), 1)


def find(g, address):
    """The vertex of g with that id (looked up after the snapshot, so
    that no frame of the test holds it when it is taken)."""
    found, = [o for o in g if id(o) == address]
    return found


def keep(**objects):
    """Hold objects from the module's globals only; their ids."""
    KEPT.clear()
    KEPT.update(objects)
    return {name: id(o) for name, o in objects.items()}


def snapshot_without_locals(build):
    """Build objects (held from KEPT only), snapshot, return (graph, ids)."""
    ids = build()
    return refcycle.snapshot(), ids


class TestPathToRoot(unittest.TestCase):
    def tearDown(self):
        KEPT.clear()

    def test_shortest_from_a_root(self):
        def build():
            nodes = chain(6)
            return keep(head=nodes[0], target_id=id(nodes[-1]))
        g, ids = snapshot_without_locals(build)
        target = find(g, KEPT["target_id"])
        path = g.path_to_root(target)
        order = path_objects(path, path_objects_start(path, g), target)
        self.assertIs(order[-1], target)
        self.assertTrue(is_in(KEPT["head"], order))
        self.assertTrue(is_in(KEPT, order))
        self.assertTrue(is_in(order[0], g.roots()))
        # Five links after the head, each through the attribute `next`.
        self.assertEqual(order.index(target) - order.index(KEPT["head"]),
                         5 if sys.version_info >= (3, 11) else 10)

    def test_exclude_types_finds_another_retainer(self):
        def build():
            target = Node()
            return keep(via_list=[target], via_dict={"k": target})
        g, ids = snapshot_without_locals(build)
        target = KEPT["via_list"][0]
        no_list = g.path_to_root(target, exclude_types=[list])
        self.assertTrue(is_in(KEPT["via_dict"], no_list))
        self.assertFalse(is_in(KEPT["via_list"], no_list))
        # KEPT is a dict too: without dicts nothing leads to it.
        with self.assertRaises(ValueError):
            g.path_to_root(target, exclude_types=["dict", "frame"])

    def test_exclude_types_by_name(self):
        import collections

        def build():
            target = Node()
            return keep(via=collections.OrderedDict(k=target), other=[target])
        g, ids = snapshot_without_locals(build)
        target = KEPT["other"][0]
        for name in ("OrderedDict", "collections.OrderedDict",
                     collections.OrderedDict):
            path = g.path_to_root(target, exclude_types=[name])
            self.assertFalse(is_in(KEPT["via"], path), name)
            self.assertTrue(is_in(KEPT["other"], path), name)
        with self.assertRaises(ValueError):
            g.path_to_root(target, exclude_types=["OrderedDict", list])

    def test_exclude_labels(self):
        def build():
            target = Node()
            holder = Holder()
            holder.a = target
            holder.b = target
            return keep(holder=holder)
        g, ids = snapshot_without_locals(build)
        target = KEPT["holder"].a
        labels = path_labels(g.path_to_root(target, exclude_types=["frame"]))
        a_labels = [".a", "value['a']"]
        b_labels = [".b", "value['b']"]
        self.assertTrue(set(labels) & set(a_labels + b_labels), labels)
        with self.assertRaises(ValueError):
            g.path_to_root(target, exclude_types=["frame"],
                           exclude_labels=a_labels + b_labels)
        path = g.path_to_root(target, exclude_types=["frame"], exclude_labels=a_labels)
        labels = path_labels(path)
        self.assertTrue(set(labels) & set(b_labels), labels)
        with self.assertRaises(TypeError):
            g.path_to_root(target, exclude_labels="a")

    def test_exclude_edges_ignores_a_retainer(self):
        def build():
            target = Node()
            return keep(a=[target], b=[target])
        g, ids = snapshot_without_locals(build)
        target = KEPT["a"][0]
        into = g.in_edges(target)
        self.assertEqual(len(into), 2)
        path = g.path_to_root(target)
        used = [e for e in into if is_in(g.tail(e), path)]
        self.assertEqual(len(used), 1)
        other = g.path_to_root(target, exclude_edges=used)
        self.assertFalse(is_in(g.tail(used[0]), other))
        self.assertEqual(len(other), len(path))
        with self.assertRaises(ValueError):
            g.path_to_root(target, exclude_edges=into)
        with self.assertRaises(KeyError):
            g.path_to_root(target, exclude_edges=[len(g.edges)])
        with self.assertRaises(TypeError):
            g.path_to_root(target, exclude_types=[42])

    def test_earlier_snapshots_are_not_the_way(self):
        def build():
            target = Node()
            return keep(holder=[target])
        old, ids = snapshot_without_locals(build)
        g = refcycle.snapshot()
        target = KEPT["holder"][0]
        self.assertFalse(is_in(old, g.path_to_root(target)))
        self.assertIs(g.immediate_dominator(target), KEPT["holder"])
        # Held by the old snapshot alone: the path goes through it.
        address = id(target)
        del KEPT["holder"][:], target, g
        g2 = refcycle.snapshot()
        orphan = find(g2, address)
        self.assertTrue(is_in(old, g2.path_to_root(orphan)))
        del orphan


class TestDominators(unittest.TestCase):
    def tearDown(self):
        KEPT.clear()

    def test_chain_and_diamond(self):
        def build():
            top = Node()
            top.left = Node()
            top.right = Node()
            join = Node()
            top.left.next = join
            top.right.next = join
            join.tail = chain(3)
            return keep(top=top)
        g, ids = snapshot_without_locals(build)
        t = KEPT["top"]
        join = t.left.next
        self.assertIs(g.immediate_dominator(join), holder_of_attributes(t))
        # The list holds every link, and each link the next: the list.
        self.assertIs(g.immediate_dominator(join.tail[2]), join.tail)
        dominated = g.dominated(t)
        for o in (t, t.left, t.right, join, join.tail, *join.tail):
            self.assertTrue(is_in(o, dominated))
        self.assertEqual(g.retained_size(t),
                         sum(g.shallow_size(o) for o in dominated))
        self.assertGreater(g.retained_size(t), g.retained_size(join))

    def test_held_from_two_roots(self):
        x = Node()
        keep(x=x)
        g = refcycle.snapshot()
        # The module's globals and this frame both hold it.
        self.assertIsNone(g.immediate_dominator(x))
        self.assertEqual(g.retained_size(x), g.shallow_size(x))

    def test_garbage_cycles_are_counted(self):
        enabled = gc.isenabled()
        gc.disable()
        try:
            a, b = Node(), Node()
            a.other, b.other = b, a
            address = id(a)
            del a, b
            g = refcycle.snapshot()
            a = find(g, address)
            self.assertEqual(g.external_refs(a), 0)
            self.assertFalse(is_in(a, g.roots()))
            self.assertIsNone(g.immediate_dominator(a))
            self.assertTrue(is_in(a, g.unreachable()))
            self.assertFalse(is_in(sys._getframe(), g.unreachable()))
            self.assertGreaterEqual(g.retained_size(a), g.shallow_size(a))
            del a, g
        finally:
            if enabled:
                gc.enable()
            gc.collect()

    def test_garbage_takes_no_dominance(self):
        enabled = gc.isenabled()
        gc.disable()
        try:
            def build():
                live = Node()
                a, b = Node(), Node()
                a.other, b.other = b, a
                a.live = live
                return keep(holder=[live])
            g, ids = snapshot_without_locals(build)
            live = KEPT["holder"][0]
            self.assertEqual(len(g.parents(live)), 2)
            self.assertIs(g.immediate_dominator(live), KEPT["holder"])
            del live, g
        finally:
            if enabled:
                gc.enable()
            gc.collect()

    def test_retained_is_the_sum_over_dominated(self):
        g = refcycle.snapshot()
        for obj in list(g)[:200]:
            self.assertEqual(g.retained_size(obj),
                             sum(g.shallow_size(o) for o in g.dominated(obj)))


def path_objects_start(path, g):
    """The vertex of a path subgraph that is a root of g."""
    starts = [o for o in path if is_in(o, g.roots())]
    return starts[0]


KEPT = {}


if __name__ == "__main__":
    unittest.main()
