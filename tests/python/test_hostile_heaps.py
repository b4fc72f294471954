"""Heaps that fight back, beyond test_hostile.py's raising methods.

User methods that hang or mutate the heap when called (refcycle must call
none of them, in any public call); objects changed after the snapshot; one
object with a million referrers; a million-long chain; deep nesting;
weakref callbacks and finalizers that run, and take snapshots, while
snapshots are taken or freed; a thread churning the heap while the browser
runs."""

import gc
import os
import shutil
import sys
import tempfile
import threading
import time
import unittest
import weakref

import refcycle
from refcycle import ObjectGraph

import support
from test_browse import BrowserTest


# Run in a child (a method that hangs would hang the suite): a world of
# objects whose every special method hangs or mutates the heap once armed,
# then every public call on it.  Any call of such a method is written to
# stderr first; faulthandler ends a hung child with every thread's stack.
EXERCISE = r'''
import faulthandler, gc, os, sys, tempfile, threading
import refcycle
from refcycle import ObjectGraph, AnnotatedGraph

MODE = sys.argv[1]
faulthandler.dump_traceback_later(float(sys.argv[2]), exit=True)
ARMED = [False]
CALLED = []
JUNK = []


def hostile(name):
    if not ARMED[0]:
        return
    CALLED.append(name)
    sys.stderr.write("refcycle called %s\n" % name)
    sys.stderr.flush()
    if MODE == "hang":
        threading.Event().wait()
    else:
        # Change the heap under refcycle's feet: new objects, and the
        # world's containers emptied (they are what it is walking).
        JUNK.append([[i] for i in range(1000)])
        for obj in WORLD:
            if isinstance(obj, list):
                list.__delitem__(obj, slice(None))
            elif isinstance(obj, dict):
                dict.clear(obj)


def special(name, result):
    def method(self, *args):
        # Not type(self).__name__: the metaclass's __getattribute__ is hostile.
        hostile("%s.%s" % (type.__getattribute__(type(self), "__name__"), name))
        return result(self, *args)
    return method


NAMES = {
    "__eq__": lambda self, other: self is other,
    "__ne__": lambda self, other: self is not other,
    "__hash__": lambda self: id(self) >> 4,
    "__repr__": lambda self: "<hostile>",
    "__str__": lambda self: "<hostile>",
    "__format__": lambda self, spec: "<hostile>",
    "__sizeof__": lambda self: 10 ** 6,
    "__len__": lambda self: 0,
    "__bool__": lambda self: True,
    "__iter__": lambda self: iter(()),
    "__dir__": lambda self: [],
    "__reduce_ex__": lambda self, protocol: (object, ()),
    "__getattr__": lambda self, name: None,
    "__del__": lambda self: None,
    "__lt__": lambda self, other: False,
}


class HostileMeta(type):
    pass


for _name in ("__getattribute__", "__eq__", "__hash__", "__repr__", "__sizeof__"):
    _base = getattr(type, _name)
    setattr(HostileMeta, _name, special(_name, _base))


def hostile_class(name, base=object, slots=None):
    ns = {k: special(k, v) for k, v in NAMES.items()}
    if base is not object:
        for k in ("__len__", "__bool__", "__iter__"):
            ns[k] = special(k, getattr(base, k, lambda self: True))
        ns["__getitem__"] = special("__getitem__", base.__getitem__)
        for k in ("keys", "items", "values", "get"):
            if hasattr(base, k):
                ns[k] = special(k, getattr(base, k))
    getattribute = base.__getattribute__
    ns["__getattribute__"] = special("__getattribute__", getattribute)
    ns["prop"] = property(special("prop", lambda self: 1))
    if slots is not None:
        ns["__slots__"] = slots
    return HostileMeta(name, (base,), ns)


Hostile = hostile_class("Hostile")
HostileList = hostile_class("HostileList", list)
HostileDict = hostile_class("HostileDict", dict)
HostileSlots = hostile_class("HostileSlots", object, ("a", "b"))

a, b = Hostile(), Hostile()
object.__setattr__(a, "other", b)
object.__setattr__(b, "other", a)
s = HostileSlots()
object.__setattr__(s, "a", a)
hl = HostileList([a, b, s])
hd = HostileDict({"a": a, "list": hl})
plain = {a: hl, "b": b}        # a hostile key, hashed before arming
WORLD = [a, b, s, hl, hd, plain, [hl, hd], Hostile, Hostile.__eq__.__get__(a)]
TMP = tempfile.mkdtemp()


def make_cycle():
    c = [Hostile]
    c.append(c)


def exercise():
    g = refcycle.snapshot()
    for obj in WORLD:
        assert obj in g
        for e in g.in_edges(obj) + g.out_edges(obj):
            g.edge_label(e)
        g.parents(obj), g.children(obj)
        g.node_label(obj), g.shallow_size(obj), g.external_refs(obj)
        g.retained_size(obj), g.immediate_dominator(obj)
        g.path_to_root(obj)
    g.count_by_typename(), g.size_by_typename(), g.find_by_typename("Hostile")
    g.roots(), g.unreachable()
    sub = g.ancestors(a, generations=3)
    sub.to_dot()
    text = sub.to_json()
    AnnotatedGraph.from_json(text)
    sub.export_image(os.path.join(TMP, "sub.svg"))
    sub.strongly_connected_components(), sub.source_components()
    g.shortest_path(hl, b), g.shortest_cycle(a), g.dominated(hl)
    small = ObjectGraph(WORLD)
    small.annotated()
    (small - sub, small & sub)
    g.save(os.path.join(TMP, "g.rcsnap"))
    loaded = refcycle.load(os.path.join(TMP, "g.rcsnap"))
    loaded.count_by_typename()
    before = g
    after = refcycle.snapshot()
    refcycle.diff(before, after).growth(10)
    refcycle.objects_reachable_from(WORLD)
    refcycle.cycles_created_by(make_cycle)
    refcycle.garbage()


gc.collect()
ARMED[0] = True
try:
    exercise()
finally:
    ARMED[0] = False
print("calls", sorted(set(CALLED)))
print("done")
'''


class TestMethodsThatHangOrMutate(unittest.TestCase):
    TIMEOUT = 90

    def exercise(self, mode):
        result = support.run_python(EXERCISE, timeout=self.TIMEOUT + 30,
                                    args=(mode, str(self.TIMEOUT)))
        self.assertEqual(result.returncode, 0, support.describe(result))
        self.assertIn("done", result.stdout, support.describe(result))
        self.assertIn("calls []", result.stdout, support.describe(result))
        self.assertNotIn("refcycle called", result.stderr)

    def test_methods_that_hang(self):
        self.exercise("hang")

    def test_methods_that_mutate(self):
        self.exercise("mutate")

    def test_the_methods_do_hang(self):
        # The check of the check: one armed call hangs, and is reported.
        code = EXERCISE.replace("    exercise()\n", "    repr(a)\n")
        result = support.run_python(code, timeout=60, args=("hang", "3"))
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("refcycle called Hostile.__repr__", result.stderr)


class Plain(object):
    pass


class Holder(object):
    __slots__ = ("slot", "__weakref__")


class TestChangedAfterTheSnapshot(unittest.TestCase):
    """Labels and summaries are read from the objects when asked: by then
    the containers may hold something else, or nothing."""

    def test_labels_of_emptied_and_refilled_containers(self):
        target = ["target"]
        lst = [target, target]
        dct = {"key": target}
        inst = Plain()
        inst.attr = target
        slots = Holder()
        slots.slot = target
        tup = (target, [])
        g = refcycle.snapshot()
        edges = [e for c in (lst, dct, inst, slots, tup) for e in g.out_edges(c)]
        self.assertEqual(sorted(support.labels_between(g, lst, target)), ["item[0]", "item[1]"])
        del lst[:]
        dct.clear()
        dct["other"] = ["x"] * 100
        del inst.attr
        del slots.slot
        for e in edges:
            label = g.edge_label(e)
            self.assertTrue(label is None or isinstance(label, str), label)
        for c in (lst, dct, inst, slots, tup, target):
            self.assertIsInstance(g.node_label(c), str)
            g.shallow_size(c)
        # The tuple cannot change: its label is still right.
        self.assertEqual(support.labels_between(g, tup, target), ["item[0]"])
        sub = g.ancestors(target, generations=2)
        self.assertIn(lst, sub)
        self.assertIn("digraph", sub.to_dot())
        json_text = sub.to_json()
        self.assertGreater(len(refcycle.AnnotatedGraph.from_json(json_text)), 3)
        path = os.path.join(tempfile.mkdtemp(), "g.rcsnap")
        self.addCleanup(shutil.rmtree, os.path.dirname(path))
        sub.save(path)
        self.assertEqual(len(refcycle.load(path)), len(sub))


def make_chain(n):
    """[[[...["tail"]...]]], n lists deep; only the outermost is returned."""
    head = ["tail"]
    for _ in range(n):
        head = [head]
    return head


@unittest.skipUnless(os.environ.get("REFCYCLE_LARGE_HEAPS") == "1",
                     "heaps of a million objects run once per CI: set REFCYCLE_LARGE_HEAPS=1")
class TestShapes(unittest.TestCase):
    """The walk of lists, dicts and tuples is the same C code on every
    version (test_versions.py pins what differs): these run once."""
    LIMIT = 30.0 * support.time_factor()

    def setUp(self):
        gc.collect()

    def timed(self, what, call):
        t0 = time.perf_counter()
        result = call()
        elapsed = time.perf_counter() - t0
        self.assertLess(elapsed, self.LIMIT, what)
        return result

    def test_a_million_referrers(self):
        x = ["popular"]
        holders = [[x] for _ in range(10 ** 6)]
        g = self.timed("snapshot", refcycle.snapshot)
        in_edges = self.timed("in_edges", lambda: g.in_edges(x))
        self.assertGreaterEqual(len(in_edges), 10 ** 6)
        labels = self.timed("labels", lambda: [g.edge_label(e) for e in in_edges])
        self.assertGreaterEqual(labels.count("item[0]"), 10 ** 6)
        del in_edges, labels
        parents = self.timed("ancestors", lambda: g.ancestors(x, generations=1))
        self.assertGreaterEqual(len(parents), 10 ** 6 + 1)
        self.assertIn(holders[123456], parents)
        del parents
        self.assertEqual(len(g.shortest_path(holders, x)), 3)
        # Every path to x goes through holders: it is x's dominator, or
        # below it (holders itself is held by this frame).
        self.timed("retained", lambda: g.retained_size(holders))
        self.assertGreaterEqual(g.retained_size(holders), 10 ** 6 * sys.getsizeof([x]))
        self.assertIsNotNone(self.timed("path_to_root", lambda: g.path_to_root(x)))
        del g

    def test_a_million_long_chain(self):
        head = make_chain(10 ** 6)
        g = self.timed("snapshot", refcycle.snapshot)
        tail = head                     # found after the snapshot: its
        while isinstance(tail[0], list):  # only referrer is the chain
            tail = tail[0]
        path = self.timed("shortest_path", lambda: g.shortest_path(head, tail))
        self.assertEqual(len(path), 10 ** 6 + 1)
        self.assertEqual(len(path.edges), 10 ** 6)
        del path
        down = self.timed("descendants", lambda: g.descendants(head))
        self.assertEqual(len(down), 10 ** 6 + 1)
        sources = self.timed("sources", down.source_components)
        self.assertEqual(len(sources), 1)
        self.assertIn(head, sources[0])
        del sources
        root_path = self.timed("path_to_root", lambda: g.path_to_root(tail))
        self.assertGreaterEqual(len(root_path), 10 ** 6)
        del root_path
        self.assertGreaterEqual(self.timed("retained", lambda: g.retained_size(head)),
                                10 ** 6 * sys.getsizeof([None]))
        parents = g.parents(tail)
        self.assertEqual(len(parents), 1)
        self.assertIs(self.timed("dominators", lambda: g.immediate_dominator(tail)), parents[0])
        del parents
        text = self.timed("to_json", down.to_json)
        self.assertEqual(text.count('"head"'), 10 ** 6)
        del text, down
        # Freeing a million nested lists is the trashcan's job, not a
        # recursion: the snapshot must let go of them the same way.
        del g, tail, head

    def test_deep_nesting_of_every_kind(self):
        depth = 100000
        nested_dict = leaf_dict = {"leaf": []}     # tracked: it holds a list
        for _ in range(depth):
            nested_dict = {"k": nested_dict}
        nested_tuple = leaf_tuple = ([],)
        for _ in range(depth):
            nested_tuple = (nested_tuple, [])
        deepest = []

        def recurse(n):
            if n == 0:
                deepest.append(refcycle.snapshot())
                return
            recurse(n - 1)
        recurse(min(800, sys.getrecursionlimit() - 100))
        g = deepest.pop()
        p = self.timed("dict path", lambda: g.shortest_path(nested_dict, leaf_dict))
        self.assertEqual(len(p), depth + 1)
        self.assertEqual({p.edge_label(e) for e in p.edges}, {"value['k']"})
        p = self.timed("tuple path", lambda: g.shortest_path(nested_tuple, leaf_tuple))
        self.assertEqual(len(p), depth + 1)
        self.assertEqual({p.edge_label(e) for e in p.edges}, {"item[0]"})
        frames = g.find_by_typename("frame")
        self.assertGreaterEqual(sum(1 for f in frames if f.f_code is recurse.__code__), 800)
        self.assertIsInstance(refcycle.snapshot().node_label(nested_dict), str)


class Finalized(object):
    """Its __del__ takes a snapshot (and keeps only its size)."""
    sizes = []

    def __del__(self):
        g = refcycle.snapshot()
        Finalized.sizes.append(len(g))


class TestCallbacksDuringCapture(unittest.TestCase):
    def test_freeing_a_snapshot_runs_finalizers_that_snapshot(self):
        # The snapshot holds the last references: freeing it runs their
        # __del__ and weakref callbacks, which take snapshots while the
        # first one is being torn down.
        Finalized.sizes[:] = []
        seen = []

        def callback(ref):
            seen.append(len(refcycle.snapshot()))

        objs = [Finalized() for _ in range(5)]
        cycle = [Finalized()]
        cycle.append(cycle)
        cycle_ref = weakref.ref(cycle[0], callback)
        refs = [weakref.ref(o, callback) for o in objs]
        g = refcycle.snapshot()
        del objs, cycle
        self.assertEqual(Finalized.sizes, [])
        del g
        gc.collect()
        self.assertEqual(len(Finalized.sizes), 6)
        self.assertEqual(len(seen), 6)
        self.assertTrue(all(r() is None for r in refs + [cycle_ref]))
        self.assertTrue(all(n > 1000 for n in Finalized.sizes + seen))

    def test_a_thread_collecting_callbacks_and_finalizers(self):
        # Another thread makes cyclic garbage with weakref callbacks and
        # finalizers (some of which snapshot) and collects it, as fast as
        # it can, while this one takes snapshots and queries them.
        stop = threading.Event()
        fired = [0]

        def callback(ref):
            fired[0] += 1
            junk = [[] for _ in range(10)]
            del junk

        class Dying(object):
            def __del__(self):
                fired[0] += 1
                if fired[0] % 50 == 0:
                    refcycle.snapshot()

        keep = []

        def churn():
            while not stop.is_set():
                for _ in range(100):
                    a = Dying()
                    a.self = a
                    keep.append(weakref.ref(a, callback))
                    del a
                gc.collect()
                del keep[:]
                time.sleep(0)

        thread = threading.Thread(target=churn)
        thread.start()
        try:
            deadline = time.monotonic() + 30
            while fired[0] < 200 and time.monotonic() < deadline:
                time.sleep(0.01)
            start = fired[0]
            for _ in range(15):
                g = refcycle.snapshot()
                self.assertGreater(len(g), 1000)
                # Consistent: edges (a sample) join vertices, and have labels.
                edges = g.edges[::max(1, len(g.edges) // 2000)]
                for e in edges:
                    self.assertIn(g.tail(e), g)
                    self.assertIn(g.head(e), g)
                    g.edge_label(e)
                for v in g.find_by_typename("Dying")[:20]:
                    g.node_label(v), g.in_edges(v)
                del g, edges
        finally:
            stop.set()
            thread.join(60)
        self.assertFalse(thread.is_alive())
        self.assertGreater(fired[0], start, "no callback fired while snapshots were taken")


class TestBrowsingWhileAThreadChurns(BrowserTest):
    def test_browse_and_export_while_the_heap_changes(self):
        # One line each: the 3.13 REPL indents pasted blocks by itself.
        # test_threads sits next to the story, on the child's sys.path.
        self.term.line("import threading, time, test_threads as T; stop = threading.Event(); "
                       "n = [0]; t = threading.Thread(target=T.mutator, args=(stop, n, 7)); "
                       "t.start()")
        # Until the thread has counted (every 5000 changes) twice.
        self.run_line("[time.sleep(0.01) for _ in iter(lambda: n[0] >= 10000, True)]; "
                      "before = n[0]; print('churning')", "churning")
        self.setup_prompt_count()
        self.open_browser()
        self.term.text("/")
        self.term.text("Churn")
        self.term.wait_text("Churn")
        self.term.keys("Enter")
        self.term.keys("Enter")
        self.term.wait_text("refcycle: Objects")
        self.term.keys("Enter")
        self.term.wait_text("refcycle: Object ")
        self.term.text("a")
        self.term.wait_text("refcycle: Ancestors")
        self.term.text("+")
        self.term.text("e")
        self.term.wait_text("Export to: ")
        self.term.keys("Enter")
        self.term.wait_text("Wrote ")
        self.quit_browser()
        self.run_line("stop.set(); t.join(); print('advanced', n[0] > before)", "advanced ")
        self.assertIn("advanced True", self.term.screen())
        svgs = [f for f in os.listdir(self.dir) if f.endswith(".svg")]
        self.assertEqual(len(svgs), 1)


if __name__ == "__main__":
    unittest.main()
