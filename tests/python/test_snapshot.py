"""refcycle.snapshot(): what it captures, the edges, frames of running
threads, and the life cycle of the graph."""

import collections
import gc
import sys
import types
import unittest
import weakref

import refcycle
from refcycle import _core

import support


class Instance(object):
    pass


class WeakList(list):
    """A list that supports weak references."""


def _blocked_body(box, release):
    thread_local_payload = ["payload of the blocked thread"]
    box.append(thread_local_payload)
    _blocked_inner(release)
    del thread_local_payload


def _blocked_inner(release):
    release.wait()


def _blocking_generator(release, box):
    generator_payload = ["payload of the running generator"]
    box.append(generator_payload)
    release.wait()
    yield generator_payload


def _generator_consumer(box, release):
    for _ in _blocking_generator(release, box):
        pass


class TestContents(unittest.TestCase):
    def test_contains_objects_created_before(self):
        fresh_list = []
        instance = Instance()
        tracked_dict = {"x": []}
        self.assertTrue(gc.is_tracked(tracked_dict))
        g = refcycle.snapshot()
        self.assertIn(fresh_list, g)
        self.assertIn(instance, g)
        self.assertIn(tracked_dict, g)
        self.assertIn(tracked_dict["x"], g)
        self.assertIn(Instance, g)
        self.assertIn(sys.modules[__name__], g)
        self.assertIn(sys.modules[__name__].__dict__, g)

    def test_does_not_contain_objects_created_after(self):
        g = refcycle.snapshot()
        later = []
        self.assertNotIn(later, g)

    def test_does_not_contain_itself(self):
        g = refcycle.snapshot()
        self.assertNotIn(g, g)
        self.assertEqual(g.owned_objects(), [g])
        g2 = refcycle.snapshot()
        self.assertIn(g, g2)          # the first is an ordinary object now
        self.assertNotIn(g2, g2)

    def test_untracked_objects_are_not_vertices(self):
        number = 123456789
        text = "some text " + str(number)
        g = refcycle.snapshot()
        self.assertNotIn(number, g)
        self.assertNotIn(text, g)

    def test_size_close_to_gc_get_objects(self):
        gc.collect()
        expected = len(gc.get_objects())
        g = refcycle.snapshot()
        self.assertGreaterEqual(len(g), expected - 50)
        # Only running frames (and a handful of objects made in between)
        # come on top of gc.get_objects().
        self.assertLessEqual(len(g), expected + 500)

    def test_everything_from_gc_get_objects_is_in(self):
        objects = gc.get_objects()
        g = refcycle.snapshot()
        missing = [obj for obj in objects if obj not in g]
        # The list returned by gc.get_objects() and nothing else.
        self.assertEqual(len(missing), 0, [type(o) for o in missing[:10]])

    def test_iteration_matches_len(self):
        g = refcycle.snapshot()
        n = 0
        for _ in g:
            n += 1
        self.assertEqual(n, len(g))
        self.assertEqual(len(g.vertices), len(g))
        self.assertEqual(sorted(g.edges)[-1], len(g.edges) - 1)

    def test_edges_match_gc_get_referents(self):
        # Stable objects of our own, compared exactly.
        a = Instance()
        b = Instance()
        a.b = b
        b.a = a
        lst = [a, b, a, [b]]
        tpl = (lst, a, 3)
        dct = {"a": a, "lst": lst, 7: tpl}

        def closure():
            return lst, dct

        def generator(x):
            local = [x]
            yield local
            yield x
        suspended = generator(a)
        next(suspended)
        # 3.11+: a suspended generator's frame object is not gc-tracked
        # (the generator reports what it holds), so it is no vertex.
        gen_frame = suspended.gi_frame
        objects = [a, b, lst, lst[3], tpl, dct, closure, closure.__closure__,
                   Instance, suspended]
        if gc.is_tracked(gen_frame):
            objects.append(gen_frame)

        def fails():
            helper_local = [lst]
            raise ValueError(helper_local)
        try:
            fails()
        except ValueError as e:
            finished_frame = e.__traceback__.tb_next.tb_frame
        self.assertTrue(gc.is_tracked(finished_frame))
        objects.append(finished_frame)
        g = refcycle.snapshot()
        self.assertEqual(gc.is_tracked(gen_frame), gen_frame in g)
        for obj in objects:
            with self.subTest(type=type(obj).__name__):
                self.assertIn(obj, g)
                expected = support.identities(
                    r for r in gc.get_referents(obj) if r in g)
                self.assertEqual(support.identities(g.children(obj)),
                                 expected)

    def test_edges_match_gc_get_referents_sample(self):
        g = refcycle.snapshot()
        running = set()
        for frame in sys._current_frames().values():
            while frame is not None:
                running.add(id(frame))
                frame = frame.f_back
        vertices = list(g)
        step = max(1, len(vertices) // 3000)
        checked = 0
        mismatched = []
        for obj in vertices[::step]:
            if support.PY311 and id(obj) in running:
                # On 3.11+ a running frame reports its locals to the
                # snapshot only (gc.get_referents sees none of them).
                continue
            expected = support.identities(
                r for r in gc.get_referents(obj) if r in g)
            got = support.identities(g.children(obj))
            checked += 1
            if expected != got:
                mismatched.append(type(obj).__name__)
        del vertices
        self.assertGreater(checked, 500)
        # Objects may change between the snapshot and the check (module
        # dicts, caches): allow a few, not a pattern.
        self.assertLessEqual(len(mismatched), max(3, checked // 100),
                             collections.Counter(mismatched))

    def test_parents_match_gc_get_referrers(self):
        target = Instance()
        holders = [[target], {"t": target}, (target,)]
        g = refcycle.snapshot()
        parents = g.parents(target)
        for holder in holders:
            self.assertTrue(any(p is holder for p in parents))
        expected = support.identities(
            r for r in gc.get_referrers(target) if r in g)
        # gc.get_referrers() lists each referrer once and misses running
        # frames (they are not gc-tracked): compare the sets without them.
        got = support.identities(
            p for p in parents if not isinstance(p, types.FrameType))
        self.assertEqual(set(got), set(expected))
        self.assertIn(sys._getframe(), parents)

    def test_consistency(self):
        g = refcycle.snapshot()
        support.check_consistency(self, g, max_edges=20000,
                                  max_vertices=5000)


class TestGcState(unittest.TestCase):
    def setUp(self):
        self.was_enabled = gc.isenabled()

    def tearDown(self):
        if self.was_enabled:
            gc.enable()
        else:
            gc.disable()

    def test_enabled_is_restored(self):
        gc.enable()
        refcycle.snapshot()
        self.assertTrue(gc.isenabled())

    def test_disabled_is_restored(self):
        gc.disable()
        refcycle.snapshot()
        self.assertFalse(gc.isenabled())

    def test_debug_flags_untouched(self):
        old = gc.get_debug()
        gc.set_debug(gc.DEBUG_UNCOLLECTABLE)
        try:
            refcycle.snapshot()
            self.assertEqual(gc.get_debug(), gc.DEBUG_UNCOLLECTABLE)
        finally:
            gc.set_debug(old)


class TestDuringCollection(unittest.TestCase):
    """Snapshots taken by code the collector runs: gc callbacks,
    finalizers (__del__) and weakref callbacks of cyclic garbage."""

    def test_snapshot_in_finalizers_and_callbacks(self):
        results = []

        class Finalized(object):
            def __del__(self):
                g = refcycle.snapshot()
                results.append(("__del__", len(g)))
                del g

        def gc_callback(phase, info):
            g = refcycle.snapshot()
            results.append((phase, len(g)))
            del g

        def weakref_callback(ref):
            g = refcycle.snapshot()
            results.append(("weakref", len(g)))
            del g

        a = Finalized()
        b = Finalized()
        a.other = b
        b.other = a
        c = WeakList()
        c.append(c)
        ref = weakref.ref(c, weakref_callback)
        del a, b, c
        was_enabled = gc.isenabled()
        gc.callbacks.append(gc_callback)
        try:
            gc.collect()
        finally:
            gc.callbacks.remove(gc_callback)
        self.assertEqual(gc.isenabled(), was_enabled)
        self.assertIsNone(ref())
        kinds = sorted(kind for kind, size in results)
        self.assertEqual(kinds, ["__del__", "__del__", "start", "stop",
                                 "weakref"])
        for kind, size in results:
            self.assertGreater(size, 1000, kind)


    def test_edges_right_and_headers_restored(self):
        # A snapshot keeps vertex ids in the objects' GC headers while it
        # walks (as the collector does): inside a collection its edges are
        # still right, and afterwards the collector's lists are intact.
        holder = Instance()
        counts = []

        class Finalized(object):
            def __del__(self):
                probe = [holder, holder, [holder]]
                g = refcycle.snapshot()
                counts.append(sum(1 for e in g.out_edges(probe)
                                  if g.head(e) is holder))
                del g, probe

        a, b = Finalized(), Finalized()
        a.other, b.other = b, a
        del a, b
        gc.collect()
        self.assertEqual(counts, [2, 2])
        # The collector's lists are intact: new garbage is still found.
        c = WeakList()
        c.append(c)
        ref = weakref.ref(c)
        del c
        gc.collect()
        self.assertIsNone(ref())


class TestRunningFrames(unittest.TestCase):
    def test_current_frame_is_a_vertex(self):
        marker = ["marker in the current frame"]
        g = refcycle.snapshot()
        frame = sys._getframe()
        try:
            self.assertIn(frame, g)
            self.assertIn(frame.f_back, g)
            labels = support.labels_between(g, frame, marker)
            self.assertEqual(labels, ["local 'marker'"])
            self.assertIn("f_back",
                          support.labels_between(g, frame, frame.f_back))
            self.assertIn("f_globals",
                          support.labels_between(g, frame, frame.f_globals))
            self.assertIn(frame, g.parents(marker))
        finally:
            del frame

    def test_whole_stack_of_current_thread(self):
        g = refcycle.snapshot()
        stack = []
        frame = sys._getframe()
        while frame is not None:
            stack.append(frame)
            frame = frame.f_back
        try:
            self.assertGreater(len(stack), 3)
            for frame in stack:
                self.assertIn(frame, g)
            for frame, back in zip(stack, stack[1:]):
                self.assertIn("f_back",
                              support.labels_between(g, frame, back))
        finally:
            del stack

    def test_frames_of_a_blocked_thread(self):
        box = []
        with support.BlockedThread(_blocked_body, (box,)) as blocked:
            ident = blocked.thread.ident
            self.assertTrue(support.wait_until(
                lambda: support.blocked_in(ident, "_blocked_inner")))
            payload = box[0]
            g = refcycle.snapshot()
            stack = support.thread_stack(ident)
            body = frame = None
            try:
                body = [f for f in stack
                        if f.f_code.co_name == "_blocked_body"]
                self.assertEqual(len(body), 1)
                body = body[0]
                self.assertIn(body, g)
                self.assertEqual(
                    support.labels_between(g, body, payload),
                    ["local 'thread_local_payload'"])
                self.assertIn(body, g.parents(payload))
                # From the top frame, f_back edges lead down to the body.
                frame = stack[0]
                self.assertIn(frame, g)
                hops = 0
                while frame is not body:
                    backs = [g.head(e) for e in g.out_edges(frame)
                             if g.edge_label(e) == "f_back"]
                    self.assertEqual(len(backs), 1)
                    self.assertIs(backs[0], frame.f_back)
                    frame = backs[0]
                    hops += 1
                self.assertGreaterEqual(hops, 2)   # wait, wait, inner, body
                # And one more to the caller, Thread.run.
                self.assertIn("f_back",
                              support.labels_between(g, body, body.f_back))
                self.assertIn(body.f_back, g)
                path = g.shortest_path(body, payload)
                self.assertEqual(len(path), 2)
                self.assertIn(body, g.ancestors(payload, generations=1))
            finally:
                del stack, body, frame, g


    def test_frames_through_a_running_generator(self):
        box = []
        with support.BlockedThread(_generator_consumer, (box,)) as blocked:
            ident = blocked.thread.ident
            self.assertTrue(support.wait_until(
                lambda: support.blocked_in(ident, "_blocking_generator")))
            payload = box[0]
            g = refcycle.snapshot()
            stack = support.thread_stack(ident)
            gen_frame = consumer = None
            try:
                names = [f.f_code.co_name for f in stack]
                gen_frame = stack[names.index("_blocking_generator")]
                consumer = stack[names.index("_generator_consumer")]
                self.assertIs(gen_frame.f_back, consumer)
                for frame in stack:
                    self.assertIn(frame, g)
                self.assertIn("f_back",
                              support.labels_between(g, gen_frame, consumer))
                # The payload is held by the generator (its frame's
                # locals), whatever the version reports it through.
                ancestors = g.ancestors(payload, generations=2)
                self.assertTrue(any(type(obj) is types.GeneratorType
                                    or obj is gen_frame
                                    for obj in ancestors))
                # ... and the consumer frame leads to it.
                self.assertLessEqual(len(g.shortest_path(consumer, payload)),
                                     4)
            finally:
                del stack, gen_frame, consumer, g


class TestLifeCycle(unittest.TestCase):
    def test_owned_objects(self):
        g = refcycle.snapshot()
        owned = g.owned_objects()
        self.assertIsInstance(owned, list)
        self.assertEqual(len(owned), 1)
        self.assertIs(owned[0], g)
        h = refcycle.ObjectGraph([[], []])
        self.assertEqual(len(h.owned_objects()), 1)
        self.assertIs(h.owned_objects()[0], h)

    def test_graph_is_gc_tracked(self):
        self.assertTrue(gc.is_tracked(refcycle.snapshot()))

    def test_graph_holds_strong_references(self):
        obj = WeakList()
        ref = weakref.ref(obj)
        g = refcycle.snapshot()
        del obj
        gc.collect()
        self.assertIsNotNone(ref())
        self.assertIn(ref(), g)
        del g
        self.assertIsNone(ref())

    def test_deleting_snapshot_releases_everything(self):
        obj = WeakList([Instance()])
        ref = weakref.ref(obj)
        inner_ref = weakref.ref(obj[0])
        g = refcycle.snapshot()
        del obj
        self.assertIsNotNone(ref())
        del g
        self.assertIsNone(ref())
        self.assertIsNone(inner_ref())

    def test_cycle_through_a_snapshot_is_collected(self):
        holder = WeakList()
        ref = weakref.ref(holder)
        g = refcycle.snapshot()
        holder.append(g)
        self.assertIn(holder, g)
        del holder, g
        gc.collect()
        self.assertIsNone(ref())

    def test_cycle_through_an_object_graph_is_collected(self):
        holder = WeakList()
        ref = weakref.ref(holder)
        g = refcycle.ObjectGraph([holder, []])
        holder.append(g)
        del holder, g
        gc.collect()
        self.assertIsNone(ref())

    def test_cycle_through_a_subgraph_is_collected(self):
        holder = WeakList()
        ref = weakref.ref(holder)
        g = refcycle.snapshot()
        sub = g.ancestors(holder, generations=1)
        self.assertIn(holder, sub)
        holder.append(sub)
        holder.append(g)
        del holder, g, sub
        gc.collect()
        self.assertIsNone(ref())

    def test_gc_sees_graph_referents(self):
        g = refcycle.ObjectGraph([[1], [2]])
        referents = gc.get_referents(g)
        self.assertEqual(support.identities(referents),
                         support.identities(list(g)))

    def test_many_snapshots_in_a_row(self):
        gc.collect()
        before = len(gc.get_objects())
        for _ in range(5):
            g = refcycle.snapshot()
            del g
        gc.collect()
        after = len(gc.get_objects())
        self.assertLess(after - before, 50)


class TestCapturePaths(unittest.TestCase):
    """A snapshot walks the collector's generation lists where it can
    (tagging each object's GC header on the way), else gc.get_objects()
    with tagged headers, else with the address map.  All three see the
    same objects and the same references."""

    PATHS = ("lists", "headers", "addresses")

    def setUp(self):
        self.addCleanup(_core._capture_path, _core._capture_path("lists"))
        self.keep = [Instance() for _ in range(50)]
        for i, obj in enumerate(self.keep):
            obj.next = self.keep[(i + 1) % len(self.keep)]
            obj.data = {"i": [i], "t": (obj, [i])}

    def test_same_vertices_and_edges_on_every_path(self):
        gc.collect()
        was = gc.isenabled()
        gc.disable()
        self.addCleanup(lambda: gc.enable() if was else None)
        graphs = {}
        for path in self.PATHS:
            _core._capture_path(path)
            graphs[path] = refcycle.snapshot()
        first = graphs["lists"]
        old = [v for v in first.vertices if not isinstance(v, types.FrameType)]
        old_ids = set(map(id, old))
        def edges_among_old(g):
            return collections.Counter(
                (id(g.tail(e)), id(g.head(e))) for e in g.edges
                if id(g.tail(e)) in old_ids and id(g.head(e)) in old_ids
                and not isinstance(g.tail(e), types.FrameType))
        want = edges_among_old(first)
        self.assertGreater(len(want), 200)
        for path in self.PATHS[1:]:
            g = graphs[path]
            ids = set(map(id, g.vertices))
            self.assertEqual(old_ids - ids, set(), path)
            # New since the first: the graphs before it, and little else.
            self.assertLess(len(ids - old_ids), 100, path)
            self.assertEqual(edges_among_old(g), want, path)

    def test_frozen_objects_are_left_out_on_every_path(self):
        # gc.freeze() moves every tracked object to a permanent
        # generation that gc.get_objects() does not list; neither does
        # a snapshot.
        frozen = [Instance()]
        gc.freeze()
        self.addCleanup(gc.unfreeze)
        fresh = [Instance()]
        listed = set(map(id, gc.get_objects()))
        self.assertNotIn(id(frozen), listed)
        for path in self.PATHS:
            _core._capture_path(path)
            g = refcycle.snapshot()
            self.assertNotIn(frozen, g, path)
            self.assertNotIn(frozen[0], g, path)
            self.assertIn(fresh, g, path)
            self.assertIn(fresh[0], g, path)
            del g

    def test_each_path_is_taken_on_cpython(self):
        # CPython 3.9-3.13 (default builds) have the GC header and
        # generation layout the faster paths read: a snapshot that fell
        # back would still be right, only slower, so say it here.
        for path in self.PATHS:
            _core._capture_path(path)
            g = refcycle.snapshot()
            del g
            self.assertEqual(_core._last_capture_path(), path)

    def test_unknown_path_is_refused(self):
        with self.assertRaises(ValueError):
            _core._capture_path("fastest")
        with self.assertRaises(TypeError):
            _core._capture_path(1)


class _OnPath(object):
    """Run a test case's tests with snapshots taking one of the
    fallback paths."""
    PATH = None

    def setUp(self):
        self.addCleanup(_core._capture_path, _core._capture_path(self.PATH))
        super(_OnPath, self).setUp()


class TestContentsByHeaders(_OnPath, TestContents):
    PATH = "headers"


class TestContentsByAddresses(_OnPath, TestContents):
    PATH = "addresses"


class TestDuringCollectionByHeaders(_OnPath, TestDuringCollection):
    PATH = "headers"


class TestRunningFramesByAddresses(_OnPath, TestRunningFrames):
    PATH = "addresses"


if __name__ == "__main__":
    unittest.main()
