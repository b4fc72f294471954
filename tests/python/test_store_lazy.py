"""refcycle.load() makes records when asked for, not up front: a loaded
graph answers its queries from the file's arrays, a vertex's record is
made the first time Python sees it and kept (the same object every time
after), and records are found without a dict of all vertices.  And save,
load and export_json tell refcycle.set_progress's callback how far they
have come, and stop cleanly on a ^C or the callback's exception."""
import _thread
import gc
import os
import shutil
import signal
import struct
import subprocess
import tempfile
import threading
import time
import tracemalloc
import unittest

import support  # noqa: F401  (puts the test directory on sys.path)

import refcycle


class Node(object):
    # Slots: the reference is the node's own on every version (a
    # __dict__ outside the graph would make every node a root).
    __slots__ = ("nxt",)

    def __init__(self, nxt):
        self.nxt = nxt


def chain(k):
    head = None
    for _ in range(k):
        head = Node(head)
    return head


def walk(node):
    while node is not None:
        yield node
        node = node.nxt


class LazyLoad(unittest.TestCase):
    N = 20000

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="refcycle-lazy-")
        cls.head = chain(cls.N)
        cls.path = os.path.join(cls.dir, "chain.rcsnap")
        # Only the head is held from outside: the one root.
        refcycle.ObjectGraph(walk(cls.head)).save(cls.path)
        cls.head_id = id(cls.head)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def load_traced(self):
        """The loaded graph and the Python memory its loading took."""
        gc.collect()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            g = refcycle.load(self.path)
            after = tracemalloc.get_traced_memory()[0]
        finally:
            tracemalloc.stop()
        return g, after - before

    def test_no_record_up_front(self):
        g, took = self.load_traced()
        self.assertEqual(len(g), self.N)
        # An edge-record slot and a few strs, but no record per vertex
        # (a record and its two ints are well over 100 bytes).
        self.assertLess(took, 40 * self.N)
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            records = list(g.vertices)
            made = tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()
        self.assertGreater(made, 60 * self.N)
        self.assertEqual(len(records), self.N)

    def test_queries_make_no_record(self):
        g, _ = self.load_traced()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            self.assertEqual(g.count_by_typename(), {"Node": self.N})
            self.assertEqual(len(g.roots()), 1)
            size = g.size_by_typename()["Node"]
            census = refcycle._core._census_of_records(g)
            took = tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()
        self.assertGreater(size, 0)
        self.assertLess(took, 20 * self.N)
        self.assertEqual(census.counts["Node"], self.N)

    def test_identity_is_kept(self):
        g = refcycle.load(self.path)
        first = list(g.vertices)
        second = list(g.vertices)
        self.assertTrue(all(a is b for a, b in zip(first, second)))
        head = g.at(self.head_id)
        self.assertIs(head, first[[v.id for v in first].index(self.head_id)])
        self.assertIn(head, g)
        (edge,) = g.out_edges(head)
        self.assertIs(g.tail(edge), head)
        nxt = g.head(edge)
        self.assertIs(g.at(nxt.id), nxt)
        self.assertIs(g.head(g.in_edges(nxt)[0]), nxt)
        self.assertIs(g.out_edges(head)[0], edge)
        self.assertEqual(edge.annotation, ".nxt")
        self.assertIn(edge, g.edges)

    def test_records_made_late_are_the_same(self):
        g = refcycle.load(self.path)
        head = g.at(self.head_id)
        tail = g.head(g.out_edges(head)[0])
        self.assertIs(g.at(tail.id), tail)
        self.assertIs([v for v in g.vertices if v.id == tail.id][0], tail)
        sub = g.ancestors(tail)
        self.assertEqual(len(sub), 2)
        self.assertIn(head, sub)
        self.assertIs([v for v in sub.vertices if v.id == head.id][0], head)

    def test_equal_record_stands_for_its_vertex(self):
        g = refcycle.load(self.path)
        stand_in = refcycle.AnnotatedVertex(self.head_id, "anything")
        self.assertIn(stand_in, g)
        self.assertEqual(hash(stand_in), hash(g.at(self.head_id)))
        self.assertEqual(stand_in, g.at(self.head_id))
        self.assertEqual(len(g.descendants(stand_in)), self.N)
        self.assertNotIn(refcycle.AnnotatedVertex(1, "x"), g)
        self.assertNotIn(refcycle.AnnotatedVertex(-5, "x"), g)
        self.assertNotIn(refcycle.AnnotatedVertex(2 ** 70, "x"), g)
        self.assertNotIn(refcycle.AnnotatedVertex("text", "x"), g)
        with self.assertRaises(KeyError):
            g.at(12345)

    def test_queries_as_on_the_saved_graph(self):
        g = refcycle.load(self.path)
        head = g.at(self.head_id)
        last = [v for v in g.vertices if not g.out_edges(v)][0]
        path = g.path_to_root(last)
        self.assertEqual(len(path), self.N)
        self.assertEqual(len(g.shortest_path(head, last)), self.N)
        self.assertEqual(g.roots(), [head])
        self.assertEqual(len(g.strongly_connected_components()), self.N)
        self.assertEqual(g.retained_size(head), sum(v.size for v in g.vertices))
        self.assertEqual(g.immediate_dominator(g.head(g.out_edges(head)[0])), head)

    def test_save_and_export_of_a_loaded_graph(self):
        g = refcycle.load(self.path)
        again = os.path.join(self.dir, "again.rcsnap")
        g.save(again)
        h = refcycle.load(again)
        self.assertEqual(sorted(v.id for v in h.vertices), sorted(v.id for v in g.vertices))
        self.assertEqual(sorted(e.annotation for e in h.edges),
                         sorted(e.annotation for e in g.edges))
        js = os.path.join(self.dir, "g.json")
        g.export_json(js)
        j = refcycle.AnnotatedGraph.import_json(js)
        self.assertEqual(sorted(v.id for v in j.vertices), sorted(v.id for v in g.vertices))
        self.assertEqual(sorted(v.annotation for v in j.vertices),
                         sorted(v.annotation for v in g.vertices))

    def test_repeated_address_is_refused(self):
        two = [[], []]
        path = os.path.join(self.dir, "two.rcsnap")
        refcycle.ObjectGraph(two).save(path)
        with open(path, "rb") as f:
            data = bytearray(f.read())
        a, b = struct.pack("<Q", id(two[0])), struct.pack("<Q", id(two[1]))
        at = data.find(b)
        self.assertGreater(at, 0)
        data[at:at + 8] = a
        fixed = fix_checksums(data)
        with open(path, "wb") as f:
            f.write(fixed)
        with self.assertRaisesRegex(ValueError, "two objects have id"):
            refcycle.load(path)


class Stop(Exception):
    pass


class Progress(unittest.TestCase):
    N = 30000

    @classmethod
    def setUpClass(cls):
        cls.head = chain(cls.N)
        cls.graph = refcycle.ObjectGraph(walk(cls.head))

    @classmethod
    def tearDownClass(cls):
        del cls.graph, cls.head

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="refcycle-progress-")
        self.addCleanup(shutil.rmtree, self.dir)
        self.addCleanup(refcycle.set_progress, None)

    def path(self, name):
        return os.path.join(self.dir, name)

    def told(self, what, run):
        calls = []
        refcycle.set_progress(lambda *a: calls.append(a), after=0)
        run()
        refcycle.set_progress(None)
        self.assertTrue(calls, what)
        for name, done, total in calls:
            self.assertEqual(name, what)
            self.assertLessEqual(done, total)
        self.assertEqual(calls[-1][1], calls[-1][2])
        self.assertEqual([c[1] for c in calls], sorted(c[1] for c in calls))
        return calls

    def test_save_and_export_tell(self):
        self.told("save", lambda: self.graph.save(self.path("g.rcsnap")))
        self.told("export", lambda: self.graph.export_json(self.path("g.json")))
        loaded = refcycle.load(self.path("g.rcsnap"))
        self.told("export", lambda: loaded.export_json(self.path("l.json")))
        self.told("save", lambda: loaded.save(self.path("l.rcsnap")))
        self.assertEqual(sorted(os.listdir(self.dir)),
                         ["g.json", "g.rcsnap", "l.json", "l.rcsnap"])

    def stopped(self, run, exc, how):
        """run() stopped by the callback raising (how="raise") or by a ^C
        (how="interrupt") on its first call: exc propagates."""
        def callback(what, done, total):
            if how == "raise":
                raise Stop(what)
            _thread.interrupt_main()
        refcycle.set_progress(callback, after=0)
        try:
            with self.assertRaises(exc):
                run()
        finally:
            refcycle.set_progress(None)

    def test_save_stopped_leaves_nothing(self):
        for how, exc in (("raise", Stop), ("interrupt", KeyboardInterrupt)):
            self.stopped(lambda: self.graph.save(self.path("g.rcsnap")), exc, how)
            self.assertEqual(os.listdir(self.dir), [])
        # The graph is as it was: saved whole now.
        self.graph.save(self.path("g.rcsnap"))
        self.assertEqual(len(refcycle.load(self.path("g.rcsnap"))), self.N)

    def test_export_stopped_leaves_nothing(self):
        loaded = None
        for graph in (self.graph, loaded):
            if graph is None:
                self.graph.save(self.path("g.rcsnap"))
                graph = refcycle.load(self.path("g.rcsnap"))
                os.unlink(self.path("g.rcsnap"))
            for how, exc in (("raise", Stop), ("interrupt", KeyboardInterrupt)):
                self.stopped(lambda: graph.export_json(self.path("g.json")), exc, how)
                self.assertEqual(os.listdir(self.dir), [])
            graph.export_json(self.path("g.json"))
            self.assertEqual(len(refcycle.AnnotatedGraph.import_json(self.path("g.json"))),
                             self.N)
            os.unlink(self.path("g.json"))

    def test_an_existing_file_is_kept(self):
        refcycle.ObjectGraph([[]]).save(self.path("g.rcsnap"))
        with open(self.path("g.rcsnap"), "rb") as f:
            before = f.read()
        self.stopped(lambda: self.graph.save(self.path("g.rcsnap")), Stop, "raise")
        self.stopped(lambda: self.graph.export_json(self.path("g.rcsnap")), Stop, "raise")
        self.assertEqual(os.listdir(self.dir), ["g.rcsnap"])
        with open(self.path("g.rcsnap"), "rb") as f:
            self.assertEqual(f.read(), before)

    def test_load_tells_and_stops(self):
        self.graph.save(self.path("g.rcsnap"))
        calls = self.told("load", lambda: refcycle.load(self.path("g.rcsnap")))
        self.assertEqual(calls[-1][2], 2 * os.path.getsize(self.path("g.rcsnap")))
        self.stopped(lambda: refcycle.load(self.path("g.rcsnap")), Stop, "raise")
        self.stopped(lambda: refcycle.load(self.path("g.rcsnap")), KeyboardInterrupt,
                     "interrupt")
        self.assertEqual(len(refcycle.load(self.path("g.rcsnap"))), self.N)

    def test_load_interrupted_from_a_thread(self):
        # Whether the ^C comes before or during the read, it stops load.
        self.graph.save(self.path("g.rcsnap"))
        for _ in range(3):
            t = threading.Thread(target=_thread.interrupt_main)
            with self.assertRaises(KeyboardInterrupt):
                t.start()
                refcycle.load(self.path("g.rcsnap"))
                t.join()
                time.sleep(1)   # the signal is handled here at the latest
            t.join()
        self.assertEqual(len(refcycle.load(self.path("g.rcsnap"))), self.N)


BROWSE = os.environ.get("REFCYCLE_BROWSE", "")


@unittest.skipUnless(BROWSE, "REFCYCLE_BROWSE is not set")
class BrowseReading(unittest.TestCase):
    """refcycle-browse FILE: progress on standard error while a big file is
    read, and a ^C then stops it with exit status 130."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="refcycle-read-")
        self.addCleanup(shutil.rmtree, self.dir)

    def run_browse(self, path, **kw):
        env = dict(os.environ, REFCYCLE_PROGRESS_AFTER="0", LC_ALL="C")
        return subprocess.Popen([BROWSE, "--info", path], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, **kw)

    def test_interrupted_while_reading(self):
        # A big file that costs no disk: reading it takes a while.
        path = os.path.join(self.dir, "big.rcsnap")
        with open(path, "wb") as f:
            f.truncate(256 << 20)
        p = self.run_browse(path)
        try:
            line = p.stderr.readline().decode()
            self.assertIn("Reading %s: " % path, line)
            p.send_signal(signal.SIGINT)
            out, err = p.communicate(timeout=60)
        finally:
            if p.poll() is None:
                p.kill()
                p.wait()
        if p.returncode == 1:
            self.skipTest("the file was read before the ^C came")
        self.assertEqual(p.returncode, 130, err)
        self.assertIn("%s: interrupted" % path, err.decode())
        self.assertEqual(out, b"")

    def test_small_file_says_nothing_more(self):
        path = os.path.join(self.dir, "small.rcsnap")
        refcycle.ObjectGraph([[]]).save(path)
        env = dict(os.environ, LC_ALL="C")
        done = subprocess.run([BROWSE, "--info", path], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env, timeout=60)
        self.assertEqual(done.returncode, 0)
        self.assertEqual(done.stderr, b"")
        self.assertIn(b"objects:", done.stdout)


M64 = (1 << 64) - 1


def checksum(data):
    """src/store/snapfile.c's rc_snap_checksum."""
    h = 0xcbf29ce484222325 ^ len(data)
    padded = bytes(data) + bytes(-len(data) % 8)
    for (w,) in struct.iter_unpack("<Q", padded):
        h = ((h ^ w) * 0x100000001b3) & M64
        h ^= h >> 31
    h ^= h >> 33
    h = (h * 0xff51afd7ed558ccd) & M64
    h ^= h >> 33
    h = (h * 0xc4ceb9fe1a85ec53) & M64
    h ^= h >> 33
    return h


def fix_checksums(data):
    """The file with its sections' and header's checksums made right again
    (the layout of src/store/snapformat.h)."""
    data = bytearray(data)
    (count,) = struct.unpack_from("<I", data, 12)
    for i in range(count):
        entry = 64 + 32 * i
        offset, length = struct.unpack_from("<QQ", data, entry + 8)
        struct.pack_into("<Q", data, entry + 24, checksum(data[offset:offset + length]))
    head = 64 + 32 * count
    struct.pack_into("<Q", data, 56, 0)
    struct.pack_into("<Q", data, 56, checksum(data[:head]))
    return bytes(data)


if __name__ == "__main__":
    unittest.main()
