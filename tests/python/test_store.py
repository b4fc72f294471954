"""Saved snapshots: ObjectGraph.save(), refcycle.load() (every query of a
loaded graph equal to the saved graph's), files that are not snapshots,
and refcycle-browse, the browser without Python, in a real terminal."""
import collections
import gc
import os
import shutil
import struct
import stat
import subprocess
import sys
import tempfile
import unittest

import support  # noqa: F401  (puts the test directory on sys.path)
import termtest

import refcycle

BROWSE = os.environ.get("REFCYCLE_BROWSE", "")
HERE = os.path.dirname(os.path.abspath(__file__))


class Job(object):
    def __init__(self):
        self.items = [self, {"key": self}, (1, 2.5, "text \u00e9t\u00e9")]

    def run(self):
        return self


def summary(label):
    """The one line a saved snapshot keeps of a node label."""
    lines = label.split("\n")
    return " ".join(lines[:-1]) if len(lines) > 1 else label


class Saved(unittest.TestCase):
    """A snapshot of this process with a known object in it, saved and
    loaded once for the class."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="refcycle-store-")
        # Another ObjectGraph alive would be refcycle's own bookkeeping
        # in the live graph, an ordinary object in the loaded one.
        gc.collect()
        cls.job = Job()
        cls.bound = cls.job.run
        cls.graph = refcycle.snapshot()
        cls.path = os.path.join(cls.dir, "heap.rcsnap")
        cls.graph.save(cls.path)
        # Labels of live objects are read when asked: take them all now,
        # before anything else changes the objects.
        cls.annotated = cls.graph.annotated(detailed=True)
        cls.loaded = refcycle.load(cls.path)
        cls.record = {v.id: v for v in cls.loaded.vertices}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)
        del cls.graph, cls.annotated, cls.loaded, cls.record, cls.job, cls.bound

    def rec(self, obj):
        return self.record[id(obj)]

    def ids(self, objects):
        return sorted(o.id if isinstance(o, refcycle.AnnotatedVertex) else id(o)
                      for o in objects)


class TestRoundTrip(Saved):
    def test_vertices_and_records(self):
        self.assertIsInstance(self.loaded, refcycle.AnnotatedGraph)
        self.assertEqual(len(self.loaded), len(self.graph))
        self.assertEqual(sorted(self.record), self.ids(self.graph.vertices))
        r = self.rec(self.job)
        self.assertEqual(r.type_name, "Job")
        self.assertEqual(r.size, self.graph.shallow_size(self.job))
        self.assertEqual(r.annotation, summary(self.graph.node_label(self.job)))
        self.assertIsNone(r.root)

    def test_every_summary_and_size(self):
        for v in self.annotated.vertices:
            r = self.record[v.id]
            if r.type_name != "frame":       # a running frame's line moves
                self.assertEqual(r.annotation, summary(self.annotated.node_label(v)
                                                       .replace("\\n", "\n")))
        # Sizes as measured when saved (size_by_typename is computed
        # once); objects that cannot grow still measure the same.
        for obj in self.graph.vertices:
            r = self.rec(obj)
            if type(obj) in (tuple, type(summary), type(summary.__code__)):
                self.assertEqual(r.size, self.graph.shallow_size(obj))
            self.assertEqual(self.loaded.shallow_size(r), r.size)

    def test_edges_and_labels(self):
        def edges(graph):
            return collections.Counter(
                (graph.tail(e).id, graph.head(e).id, graph.edge_label(e))
                for e in graph.edges)
        self.assertEqual(edges(self.loaded), edges(self.annotated))
        labels = sorted(self.loaded.edge_label(e) for e in self.loaded.in_edges(self.rec(self.job)))
        self.assertIn("__self__", labels)
        self.assertIn("value['key']", labels)
        self.assertIn("item[0]", labels)

    def test_tallies(self):
        self.assertEqual(self.loaded.count_by_typename(), self.graph.count_by_typename())
        self.assertEqual(self.loaded.size_by_typename(), self.graph.size_by_typename())
        self.assertEqual(self.ids(self.loaded.find_by_typename("Job")),
                         self.ids(self.graph.find_by_typename("Job")))

    def test_roots_and_dominators(self):
        self.assertEqual(self.ids(self.loaded.roots()), self.ids(self.graph.roots()))
        for obj in self.graph.vertices:
            r = self.rec(obj)
            self.assertEqual(self.loaded.retained_size(r), self.graph.retained_size(obj))
            d1, d2 = self.graph.immediate_dominator(obj), self.loaded.immediate_dominator(r)
            self.assertEqual(None if d1 is None else id(d1), None if d2 is None else d2.id)
        self.assertEqual(self.ids(self.loaded.dominated(self.rec(self.job))),
                         self.ids(self.graph.dominated(self.job)))

    def test_paths_and_searches(self):
        job, r = self.job, self.rec(self.job)
        self.assertEqual(self.ids(self.loaded.path_to_root(r).vertices),
                         self.ids(self.graph.path_to_root(job).vertices))
        self.assertEqual(self.ids(self.loaded.ancestors(r, generations=3).vertices),
                         self.ids(self.graph.ancestors(job, generations=3).vertices))
        self.assertEqual(self.ids(self.loaded.descendants(r, generations=2).vertices),
                         self.ids(self.graph.descendants(job, generations=2).vertices))
        bound = self.rec(self.bound)
        self.assertEqual(self.ids(self.loaded.shortest_path(bound, r).vertices),
                         self.ids(self.graph.shortest_path(self.bound, job).vertices))

        def components(graph):
            return sorted(len(c) for c in graph.strongly_connected_components())
        self.assertEqual(components(self.loaded), components(self.graph))

    def test_save_of_loaded_is_the_same(self):
        again = os.path.join(self.dir, "again.rcsnap")
        self.loaded.save(again)
        twice = refcycle.load(again)
        self.assertEqual(sorted(v.id for v in twice.vertices), sorted(self.record))
        self.assertEqual(twice.count_by_typename(), self.loaded.count_by_typename())
        self.assertEqual(twice.size_by_typename(), self.loaded.size_by_typename())
        self.assertEqual(self.ids(twice.roots()), self.ids(self.loaded.roots()))
        self.assertEqual(sorted(v.annotation for v in twice.vertices),
                         sorted(v.annotation for v in self.loaded.vertices))

    def test_subgraph_keeps_records(self):
        sub = self.loaded.ancestors(self.rec(self.job), generations=2)
        self.assertEqual(sub.count_by_typename()["Job"], 1)
        self.assertIn(self.rec(self.job), sub)


class TestSaveAndLoad(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="refcycle-store-")
        self.addCleanup(shutil.rmtree, self.dir)

    def path(self, name):
        return os.path.join(self.dir, name)

    def test_small_graph_and_pathlike(self):
        import pathlib
        a, b = [], {}
        a.append(b)
        b["a"] = a
        g = refcycle.ObjectGraph([a, b])
        p = pathlib.Path(self.path("small.rcsnap"))
        g.save(p)
        h = refcycle.load(p)
        self.assertEqual(len(h), 2)
        self.assertEqual(sorted(h.edge_label(e) for e in h.edges), ["item[0]", "value['a']"])
        self.assertEqual(sorted(v.type_name for v in h.vertices), ["dict", "list"])

    def test_annotated_graph_from_json(self):
        a = [[]]
        text = refcycle.ObjectGraph([a, a[0]]).annotated().to_json()
        ag = refcycle.AnnotatedGraph.from_json(text)
        ag.save(self.path("json.rcsnap"))
        h = refcycle.load(self.path("json.rcsnap"))
        self.assertEqual(sorted(v.id for v in h.vertices), sorted(v.id for v in ag.vertices))
        self.assertEqual([h.edge_label(e) for e in h.edges], ["item[0]"])

    def test_missing_and_directory(self):
        with self.assertRaises(FileNotFoundError):
            refcycle.load(self.path("nothing.rcsnap"))
        with self.assertRaises(IsADirectoryError):
            refcycle.load(self.dir)
        with self.assertRaises(TypeError):
            refcycle.load(42)

    def test_not_a_snapshot(self):
        with open(self.path("text.json"), "w") as f:
            f.write('{"vertices": [], "edges": []}')
        with self.assertRaisesRegex(ValueError, "text.json: not a refcycle snapshot"):
            refcycle.load(self.path("text.json"))

    def test_truncated_and_corrupt(self):
        g = refcycle.ObjectGraph([[1], {"x": 2}])
        g.save(self.path("ok.rcsnap"))
        with open(self.path("ok.rcsnap"), "rb") as f:
            data = f.read()
        with open(self.path("cut.rcsnap"), "wb") as f:
            f.write(data[:len(data) // 2])
        with self.assertRaisesRegex(ValueError, "truncated"):
            refcycle.load(self.path("cut.rcsnap"))
        bad = bytearray(data)
        bad[data.index(b"dict")] ^= 0x20     # in the strings: "Dict"
        with open(self.path("bad.rcsnap"), "wb") as f:
            f.write(bad)
        with self.assertRaisesRegex(ValueError, "corrupt: the checksum of section"):
            refcycle.load(self.path("bad.rcsnap"))

    def test_unwritable_leaves_nothing(self):
        g = refcycle.ObjectGraph([[]])
        with self.assertRaises(OSError):
            g.save(os.path.join(self.dir, "no", "such", "dir.rcsnap"))
        if os.geteuid() != 0:
            os.chmod(self.dir, stat.S_IRUSR | stat.S_IXUSR)
            self.addCleanup(os.chmod, self.dir, stat.S_IRWXU)
            with self.assertRaises(PermissionError):
                g.save(self.path("ro.rcsnap"))
            self.assertEqual(os.listdir(self.dir), [])

    def test_records_are_not_tracked(self):
        # A loaded million-object graph must not slow every collection.
        g = refcycle.ObjectGraph([[], {}])
        g.save(self.path("t.rcsnap"))
        h = refcycle.load(self.path("t.rcsnap"))
        for v in h.vertices:
            self.assertFalse(gc.is_tracked(v))
        for e in h.edges:
            self.assertFalse(gc.is_tracked(e))
        self.assertTrue(gc.is_tracked(h))

    def test_save_runs_no_user_code(self):
        calls = []

        class Nasty(object):
            def __repr__(self):
                calls.append("repr")
                return "nasty"

            def __getattr__(self, name):
                calls.append(name)
                raise AttributeError(name)

            def __eq__(self, other):
                calls.append("eq")
                return False

            __hash__ = object.__hash__

        n = Nasty()
        holder = {"n": n}
        refcycle.ObjectGraph([n, holder]).save(self.path("nasty.rcsnap"))
        self.assertEqual(calls, [])
        h = refcycle.load(self.path("nasty.rcsnap"))
        self.assertIn("Nasty", h.count_by_typename())

    def test_record_constructor(self):
        v = refcycle.AnnotatedVertex(1, "x", type_name="T", size=8, root="module")
        self.assertEqual((v.type_name, v.size, v.root), ("T", 8, "module"))
        with self.assertRaises(ValueError):
            refcycle.AnnotatedVertex(1, "x", root="stack")
        with self.assertRaises(TypeError):
            refcycle.AnnotatedVertex(1, "x", size="big")
        w = refcycle.AnnotatedVertex(2, "y")
        self.assertIsNone(w.type_name)


@unittest.skipUnless(termtest.have_tmux(), "needs tmux")
class TestBrowseLoaded(Saved):
    def test_browse_a_loaded_graph(self):
        # refcycle.browse() on records: summaries, labels and roots come
        # from the file.
        pythonpath = os.pathsep.join(os.path.abspath(p) for p in
                                     os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)
        code = ("import refcycle; g = refcycle.load(%r); "
                "r = [v for v in g.vertices if v.id == %d][0]; "
                "print('got', refcycle.browse(g, focus=r) is r)" % (self.path, id(self.job)))
        argv = ["sh", "-c", '"$1" -c "$2"; sleep 60', "sh", sys.executable, code]
        term = termtest.Terminal(argv, 110, 32,
                                 {"PYTHONPATH": pythonpath, "LC_ALL": "C.UTF-8"})
        self.addCleanup(term.close)
        term.wait_text("object %s.Job" % __name__)
        term.wait_text("__self__")
        term.keys("p")
        term.wait_text("references from a root")
        term.keys("y")
        term.wait_text("got True")


def run_browse(*args, timeout=60):
    return subprocess.run([BROWSE] + list(args), stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=timeout,
                          env=dict(os.environ, LC_ALL="C.UTF-8"))


class Slotted(object):
    # tracemalloc finds the block of an object with __slots__ on every
    # interpreter (on 3.11, not that of an instance with a managed dict).
    __slots__ = ("x", "__weakref__")


class TestAllocationSites(unittest.TestCase):
    """Where objects were allocated, kept in the file when tracemalloc was
    tracing as it was saved (an optional section)."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="refcycle-alloc-")
        self.addCleanup(shutil.rmtree, self.dir)

    def test_kept_and_read_back(self):
        import tracemalloc
        tracemalloc.start(3)
        self.addCleanup(tracemalloc.stop)
        thing, line = Slotted(), sys._getframe().f_lineno
        path = os.path.join(self.dir, "traced.rcsnap")
        refcycle.ObjectGraph([thing, [thing]]).save(path)
        loaded = refcycle.load(path)
        rec = loaded.at(id(thing))
        self.assertEqual(rec.allocated, "%s:%d" % (__file__, line))
        tb = loaded.allocated_at(rec)
        self.assertEqual((tb[-1].filename, tb[-1].lineno), (__file__, line))
        # Saved again from the records: kept.
        again = os.path.join(self.dir, "again.rcsnap")
        loaded.save(again)
        self.assertEqual(refcycle.load(again).at(id(thing)).allocated, rec.allocated)

    def test_no_section_without_tracemalloc(self):
        thing = Slotted()
        path = os.path.join(self.dir, "plain.rcsnap")
        refcycle.ObjectGraph([thing]).save(path)
        rec = refcycle.load(path).at(id(thing))
        self.assertIsNone(rec.allocated)
        self.assertIsNone(refcycle.load(path).allocated_at(rec))
        with open(path, "rb") as f:
            data = f.read()
        self.assertEqual(struct.unpack_from("<I", data, 12)[0], 11)   # sections

    @unittest.skipUnless(BROWSE and os.path.exists(BROWSE) and termtest.have_tmux(),
                         "needs REFCYCLE_BROWSE and tmux")
    def test_refcycle_browse_shows_it(self):
        path = os.path.join(self.dir, "shown.rcsnap")
        code = ("import tracemalloc, refcycle\n"
                "tracemalloc.start(2)\n"
                "class Slotted:\n"
                "    __slots__ = ('x', '__weakref__')\n"
                "thing = Slotted()\n"
                "refcycle.ObjectGraph([thing]).save(%r)\n"
                "print(hex(id(thing)))\n" % path)
        r = support.run_python(code, timeout=60)
        self.assertEqual(r.returncode, 0, support.describe(r))
        address = r.stdout.strip()
        script = '"$1" --focus "$2" "$3"; echo "exit $?"; sleep 60'
        term = termtest.Terminal(["sh", "-c", script, "sh", BROWSE, address, path], 110, 32,
                                 {"LC_ALL": "C.UTF-8"})
        self.addCleanup(term.close)
        term.wait_text("refcycle: Object ")
        # Wait for the whole screen, not just its title line.
        screen = term.wait_text("allocated at")
        self.assertIn("allocated at <string>:5", screen)
        term.keys("q")
        term.wait_text("exit 0")


@unittest.skipUnless(BROWSE and os.path.exists(BROWSE), "needs REFCYCLE_BROWSE")
class TestStandalone(Saved):
    def test_info(self):
        r = run_browse("--info", self.path)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("objects:    %d" % len(self.graph), r.stdout)
        self.assertIn("from:       Python %s" % sys.version.split()[0], r.stdout)

    def test_bad_files_and_usage(self):
        r = run_browse("--info", os.path.join(self.dir, "nothing"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("nothing: No such file or directory", r.stderr)
        with open(self.path, "rb") as f:
            data = f.read()
        cut = os.path.join(self.dir, "cut.rcsnap")
        with open(cut, "wb") as f:
            f.write(data[:1000])
        r = run_browse("--info", cut)
        self.assertEqual(r.returncode, 1)
        self.assertIn("cut.rcsnap: truncated: 1000 bytes of %d" % len(data), r.stderr)
        self.assertEqual(run_browse().returncode, 2)
        self.assertEqual(run_browse("--what", self.path).returncode, 2)
        self.assertEqual(run_browse("--focus", "zz", self.path).returncode, 2)
        r = run_browse(self.path)
        self.assertEqual(r.returncode, 1)
        self.assertIn("needs a terminal", r.stderr)

    @unittest.skipUnless(termtest.have_tmux(), "needs tmux")
    def test_browse_in_a_terminal(self):
        script = '"$1" --focus "$2" "$3"; echo "exit $?"; sleep 60'
        argv = ["sh", "-c", script, "sh", BROWSE, hex(id(self.job)), self.path]
        term = termtest.Terminal(argv, 110, 32, {"LC_ALL": "C.UTF-8"})
        self.addCleanup(term.close)
        term.wait_text("object %s.Job" % __name__)
        term.wait_text("__self__")           # its referrers, labelled
        term.keys("p")                       # the path from a root
        term.wait_text("references from a root")
        term.keys("y")                       # quit, printing the focus
        screen = term.wait_text("exit 0")
        self.assertIn("%s\nexit 0" % hex(id(self.job)), screen)

    @unittest.skipUnless(termtest.have_tmux(), "needs tmux")
    def test_picture_from_a_file(self):
        # e on the path from a root: the house style, from the file alone.
        svg = os.path.join(self.dir, "path.svg")
        script = '"$1" --focus "$2" "$3"; echo "exit $?"; sleep 60'
        argv = ["sh", "-c", script, "sh", BROWSE, hex(id(self.job)), self.path]
        term = termtest.Terminal(argv, 110, 32, {"LC_ALL": "C.UTF-8"})
        self.addCleanup(term.close)
        term.wait_text("__self__")
        term.keys("p")
        term.wait_text("references from a root")
        term.keys("e")
        term.wait_text("Export to: ")
        term.keys("C-u")
        term.line(svg)
        term.wait_text("Wrote ")
        term.keys("q")
        term.wait_text("exit 0")
        with open(svg, encoding="utf-8") as f:
            text = f.read()
        self.assertIn('font-family="monospace"', text)
        self.assertIn("Job", text)
        self.assertIn("root: ", text)                  # the path starts at a root
        self.assertIn('stroke="#1864ab"', text)        # drawn with a root's border
        self.assertIn("size: shallow / retained", text)
        self.assertIn("legend", text)

    @unittest.skipUnless(termtest.have_tmux(), "needs tmux")
    def test_suspects_from_a_file(self):
        # A saved heap most of which one list holds: refcycle-browse's
        # Suspects view finds it, as the module's does.
        path = os.path.join(self.dir, "cache.rcsnap")
        code = ("import refcycle\n"
                "Entry = type('Entry', (), {})\n"
                "CACHE = [Entry() for _ in range(100000)]\n"
                "refcycle.snapshot().save(%r)\n" % path)
        r = support.run_python(code, timeout=120)
        self.assertEqual(r.returncode, 0, support.describe(r))
        script = '"$1" "$2"; echo "exit $?"; sleep 60'
        term = termtest.Terminal(["sh", "-c", script, "sh", BROWSE, path], 110, 32,
                                 {"LC_ALL": "C.UTF-8"})
        self.addCleanup(term.close)
        term.wait_text("L suspects")
        term.keys("L")
        term.wait_text("refcycle: Suspects")
        screen = term.wait_text("list[100000]")   # the whole screen drawn
        self.assertIn("100000 Entry objects together", screen)
        self.assertIn("accumulates in", screen)
        self.assertIn("list[100000]", screen)
        term.keys("q")
        term.wait_text("exit 0")


if __name__ == "__main__":
    unittest.main()
