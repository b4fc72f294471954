"""Export: DOT, refcycle's JSON (both ways), annotated graphs, images
rendered in-process by graphviz."""
import json
import os
import shutil
import stat
import tempfile
import threading
import time
import unittest
import xml.dom.minidom

import refcycle
from refcycle import AnnotatedEdge, AnnotatedGraph, AnnotatedVertex, ObjectGraph

import support


def svg_texts(path):
    """The text of every <text> element of an SVG file, in order."""
    doc = xml.dom.minidom.parse(path)
    out = []
    for node in doc.getElementsByTagName("text"):
        out.append("".join(c.data for c in node.childNodes if c.nodeType == c.TEXT_NODE))
    return out


def small_graph():
    a = [1]
    b = {"k": a}
    c = [a, b, a]
    return ObjectGraph([a, b, c]), (a, b, c)


class TempDirTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="refcycle-test-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def path(self, name):
        return os.path.join(self.dir, name)

    def assertOnlyFiles(self, *names):
        self.assertEqual(sorted(os.listdir(self.dir)), sorted(names))


class TestDot(unittest.TestCase):
    def test_layout_is_refcycles(self):
        g, (a, b, c) = small_graph()
        dot = g.to_dot()
        lines = dot.splitlines()
        self.assertEqual(lines[0], "digraph G {")
        self.assertEqual(lines[-1], "}")
        self.assertIn('    %d -> %d [label="item[1]"];' % (id(c), id(b)), lines)
        self.assertIn("    %d -> %d [label=\"value['k']\"];" % (id(b), id(a)), lines)
        # Edges come first, then one line per vertex.
        vertex_lines = [l for l in lines if l.startswith("    %d [label=" % id(a))]
        self.assertEqual(len(vertex_lines), 1)
        self.assertGreater(lines.index(vertex_lines[0]),
                           max(i for i, l in enumerate(lines) if "->" in l))

    def test_unlabelled_edge_has_no_label(self):
        v = AnnotatedVertex(1, "one")
        w = AnnotatedVertex(2, "two")
        ag = AnnotatedGraph([v, w], [AnnotatedEdge(7, None, 2, 1)])
        self.assertIn("    1 -> 2;\n", ag.to_dot())


class TestDotQuoting(TempDirTest):
    # Records hold DOT label text, as refcycle's annotations are: each
    # with the lines graphviz shows for it.
    TRICKY = [
        ('a "quoted" word', ['a "quoted" word']),
        ("two\\nlines", ["two", "lines"]),
        ("back\\\\slash", ["back\\slash"]),
        ("a real\nnewline", ["a real", "newline"]),
        ("bell\x07 and tab\t", ["bell\\x07 and tab\\x09"]),
        ("caf\u00e9 \u2192 \u65e5\u672c", ["caf\u00e9 \u2192 \u65e5\u672c"]),
        ("ends with a backslash\\", ["ends with a backslash\\"]),
        ('an escaped \\" quote', ['an escaped \\" quote']),
        ('"', ['"']),
    ]

    def test_labels_render_as_given(self):
        vertices = [AnnotatedVertex(i, s) for i, (s, _) in enumerate(self.TRICKY)]
        edges = [AnnotatedEdge(0, self.TRICKY[0][0], 1, 0)]
        ag = AnnotatedGraph(vertices, edges)
        path = self.path("q.svg")
        ag.export_image(path)
        texts = [t.strip() for t in svg_texts(path)]
        for s, lines in self.TRICKY:
            for line in lines:
                self.assertIn(line.strip(), texts, "label %r not rendered as %r" % (s, lines))

    def test_plain_labels_render_as_given(self):
        # detailed=True: the browser's labels, plain text, escaped for DOT.
        holder = ['a "quoted" str', "back\\slash \\n not a newline", "bell\x07"]
        g = refcycle.ObjectGraph(holder)
        path = self.path("p.svg")
        g.export_image(path, detailed=True)
        texts = [t.strip() for t in svg_texts(path)]
        self.assertIn("'a \"quoted\" str'", texts)
        self.assertIn("'back\\\\slash \\\\n not a newline'", texts)

    def test_refcycle_quotes_only_quotes(self):
        ag = AnnotatedGraph([AnnotatedVertex(1, 'object\\n__main__.A "x"')], [])
        self.assertEqual(ag.to_dot().splitlines()[1],
                         '    1 [label="object\\n__main__.A \\"x\\""];')


class TestExportImage(TempDirTest):
    def test_formats_by_extension(self):
        g, _ = small_graph()
        magic = {"svg": None, "png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-", "dot": b"digraph"}
        for ext, head in magic.items():
            path = self.path("g." + ext)
            g.export_image(path)
            with open(path, "rb") as f:
                data = f.read()
            if head is None:
                xml.dom.minidom.parseString(data)
            else:
                self.assertTrue(data.startswith(head), (ext, data[:20]))

    def test_explicit_format_and_default(self):
        g, _ = small_graph()
        path = self.path("picture")
        g.export_image(path, format="svg")
        xml.dom.minidom.parse(path)
        path2 = self.path("noext")
        g.export_image(path2)
        with open(path2, "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")

    def fake_dot(self, body):
        """An executable script standing in for dot."""
        path = self.path("fake-dot")
        with open(path, "w") as f:
            f.write("#!/bin/sh\n" + body)
        os.chmod(path, 0o755)
        return path

    def test_without_dot_executable_no_program_runs(self):
        g, _ = small_graph()
        saved = os.environ.get("PATH")
        os.environ["PATH"] = self.dir   # no dot to be found
        try:
            g.export_image(self.path("g.svg"))
        finally:
            os.environ["PATH"] = saved
        xml.dom.minidom.parse(self.path("g.svg"))

    def test_dot_executable_runs_that_program(self):
        g, _ = small_graph()
        dot = self.fake_dot('printf "%s\\n" "$@" > "$0.args"\ncat > "$0.in"\n'
                            'echo rendered > "${2#-o}"\n')
        out = self.path("g.svg")
        self.assertIsNone(g.export_image(out, dot_executable=dot))
        with open(dot + ".args") as f:
            self.assertEqual(f.read().splitlines(), ["-Tsvg", "-o" + out])
        with open(dot + ".in") as f:
            self.assertEqual(f.read(), g._image_dot())   # the house style
        with open(out) as f:
            self.assertEqual(f.read(), "rendered\n")
        # An explicit format, and a path-like program.
        import pathlib
        g.export_image(self.path("g.out"), format="png:cairo", dot_executable=pathlib.Path(dot))
        with open(dot + ".args") as f:
            self.assertEqual(f.read().splitlines()[0], "-Tpng:cairo")

    def test_dot_executable_that_cannot_start(self):
        g, _ = small_graph()
        with self.assertRaisesRegex(OSError, "/nonexistent/dot"):
            g.export_image(self.path("g.svg"), dot_executable="/nonexistent/dot")
        self.assertOnlyFiles()

    def test_dot_executable_that_fails(self):
        g, _ = small_graph()
        dot = self.fake_dot('cat > /dev/null\necho "Error: syntax" >&2\nexit 3\n')
        with self.assertRaises(RuntimeError) as cm:
            g.export_image(self.path("g.svg"), dot_executable=dot)
        self.assertIn("status 3", str(cm.exception))
        self.assertIn("Error: syntax", str(cm.exception))

    def test_dot_executable_that_stops_reading(self):
        # A big graph, a program that reads nothing: no SIGPIPE, no hang.
        objs = [[] for _ in range(1500)]
        for a, b in zip(objs, objs[1:]):
            a.append(b)
        g = ObjectGraph(objs)
        dot = self.fake_dot("exit 0\n")
        g.export_image(self.path("g.svg"), dot_executable=dot)
        dot = self.fake_dot("kill -9 $$\n")
        with self.assertRaisesRegex(RuntimeError, "signal 9"):
            g.export_image(self.path("g.svg"), dot_executable=dot)

    @unittest.skipUnless(shutil.which("dot"), "needs graphviz's dot command")
    def test_dot_executable_real_dot(self):
        g, _ = small_graph()
        g.export_image(self.path("g.svg"), dot_executable="dot")
        xml.dom.minidom.parse(self.path("g.svg"))

    def test_unknown_format(self):
        g, _ = small_graph()
        with self.assertRaises(ValueError) as cm:
            g.export_image(self.path("g.nosuchformat"))
        self.assertIn("nosuchformat", str(cm.exception))
        self.assertIn("svg", str(cm.exception))   # it lists what exists
        self.assertOnlyFiles()

    def test_unwritable_path(self):
        g, _ = small_graph()
        with self.assertRaises(OSError) as cm:
            g.export_image(os.path.join(self.dir, "missing", "g.svg"))
        self.assertIn("missing", str(cm.exception))
        self.assertOnlyFiles()

    def test_failure_keeps_existing_file(self):
        g, _ = small_graph()
        path = self.path("g.svg")
        with open(path, "w") as f:
            f.write("precious")
        with self.assertRaises(ValueError):
            g.export_image(path, format="nosuchformat")
        with open(path) as f:
            self.assertEqual(f.read(), "precious")
        self.assertOnlyFiles("g.svg")

    def test_node_limit(self):
        # refcycle's plain look refuses a graph too large to lay out...
        snapshot = refcycle.snapshot()
        start = time.perf_counter()
        with self.assertRaises(ValueError) as cm:
            snapshot.export_image(self.path("all.svg"), detailed=False)
        self.assertLess(time.perf_counter() - start, 1.0 * support.time_factor())
        self.assertIn("max_nodes=2000", str(cm.exception))
        self.assertOnlyFiles()
        g, _ = small_graph()
        with self.assertRaises(ValueError):
            g.export_image(self.path("g.svg"), max_nodes=2, detailed=False)
        g.export_image(self.path("g.svg"), max_nodes=3, detailed=False)
        self.assertOnlyFiles("g.svg")
        # ... the house style draws max_nodes and says what it left out.
        start = time.perf_counter()
        snapshot.export_image(self.path("all.svg"), max_nodes=30)
        self.assertLess(time.perf_counter() - start, 5.0 * support.time_factor())
        texts = svg_texts(self.path("all.svg"))
        self.assertIn("\u2026 %d more objects not drawn" % (len(snapshot) - 30), texts)
        del snapshot
        for bad in (0, -1, "3"):
            with self.assertRaises((ValueError, TypeError)):
                g.export_image(self.path("g.svg"), max_nodes=bad)
            with self.assertRaises((ValueError, TypeError)):
                g.export_image(self.path("g.svg"), too_many=bad)

    def test_path_like(self):
        import pathlib
        g, _ = small_graph()
        g.export_image(pathlib.Path(self.path("p.svg")))
        self.assertOnlyFiles("p.svg")


class Job(object):
    """What the house style's tests point at."""


def svg_doc(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


class TestHouseStyle(TempDirTest):
    """Every picture in refcycle's style: records with type, sizes in
    human units and summary, the focus and the roots marked, a legend,
    a monospace face, notes for what was left out."""

    def test_focus_roots_legend(self):
        job = Job()
        holder = [job, {"job": job}]
        snapshot = refcycle.snapshot()
        path = snapshot.path_to_root(job)
        svg = self.path("path.svg")
        path.export_image(svg)       # focus: the object asked about
        texts = svg_texts(svg)
        doc = svg_doc(svg)
        self.assertIn('font-family="monospace"', doc)
        self.assertIn('fill="#b7e4a6"', doc)          # the focus
        self.assertIn('stroke="#1864ab"', doc)        # a root's border
        self.assertIn("legend", texts)
        self.assertIn("in focus", texts)
        self.assertIn("root: where a chain of references starts", texts)
        self.assertTrue([t for t in texts if t.startswith("root: ")
                         and t != "root: where a chain of references starts"], texts)
        self.assertIn("Job", texts)                   # the type, on its own
        self.assertIn("__main__.Job" if __name__ == "__main__" else "test_export.Job", texts)
        self.assertIn("%#x" % id(job), texts)
        self.assertTrue([t for t in texts if t.strip().endswith(" B")], texts)
        self.assertIn("size: shallow", texts)         # no dominator tree: shallow only
        ancestors = snapshot.ancestors(job, generations=1)
        ancestors.export_image(svg)
        self.assertIn('fill="#b7e4a6"', svg_doc(svg))
        # With a dominator tree in the graph it came from: retained sizes.
        snapshot.retained_size(job)
        snapshot.ancestors(job, generations=1).export_image(svg)
        texts = svg_texts(svg)
        self.assertIn("size: shallow / retained", texts)
        self.assertTrue([t for t in texts if " B / " in t], texts)
        del snapshot, path, ancestors, holder

    def test_explicit_focus_and_too_many(self):
        item = Job()
        holders = [[item] for _ in range(12)]
        g = ObjectGraph([item] + holders)
        svg = self.path("g.svg")
        g.export_image(svg, focus=item, too_many=5)
        texts = svg_texts(svg)
        self.assertIn("\u2026 7 more referrers", texts)
        self.assertIn("\u2026 7 more objects not drawn", texts)
        self.assertEqual(texts.count("list"), 5)
        self.assertIn('fill="#b7e4a6"', svg_doc(svg))
        g.export_image(svg, focus=[item, holders[0]])
        with self.assertRaisesRegex(ValueError, "not a vertex"):
            g.export_image(svg, focus=Job())
        with self.assertRaisesRegex(ValueError, "not a vertex"):
            g.export_image(svg, focus=[item, 12345])
        del holders

    def test_heap_text_is_text(self):
        # Anybody's text: HTML, record and DOT syntax, escapes graphviz
        # would read (\\N is a node's name), control characters.
        tricky = ["<b>&amp;</b>", '{a|b} "q" [x]', "\\N \\G \\\\", "bell\x07", "<TABLE>"]
        holder = {t: [i] for i, t in enumerate(tricky)}
        g = ObjectGraph([holder] + list(holder.values()) + tricky)
        svg = self.path("t.svg")
        g.export_image(svg)
        texts = [t.strip() for t in svg_texts(svg)]
        for t in tricky:
            self.assertIn(repr(t).replace("\x07", "\\x07"), texts)
            self.assertIn("value[%r]" % t, texts)

    def test_formats(self):
        g, (a, b, c) = small_graph()
        magic = {"svg": b"<?xml", "png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}
        for ext, head in magic.items():
            path = self.path("s." + ext)
            g.export_image(path, focus=c)
            with open(path, "rb") as f:
                self.assertTrue(f.read().startswith(head), ext)

    def test_annotated_records(self):
        g, (a, b, c) = small_graph()
        ag = g.annotated()
        svg = self.path("a.svg")
        ag.export_image(svg)
        texts = svg_texts(svg)
        self.assertIn("list", texts)          # the records' type names
        self.assertIn("item[1]", texts)


class TestJson(TempDirTest):
    def test_structure(self):
        g, (a, b, c) = small_graph()
        data = json.loads(g.to_json())
        self.assertEqual(sorted(data), ["edges", "vertices"])
        self.assertEqual(sorted(v["id"] for v in data["vertices"]),
                         sorted(map(id, (a, b, c))))
        for v in data["vertices"]:
            self.assertIsInstance(v["annotation"], str)
        edges = {(e["tail"], e["head"], e["annotation"]) for e in data["edges"]}
        self.assertIn((id(c), id(b), "item[1]"), edges)
        self.assertIn((id(b), id(a), "value['k']"), edges)
        self.assertEqual(sorted(e["id"] for e in data["edges"]), list(range(4)))

    def test_export_json_matches_to_json(self):
        g, _ = small_graph()
        path = self.path("g.json")
        g.export_json(path)
        with open(path, encoding="utf-8") as f:
            self.assertEqual(json.load(f), json.loads(g.to_json()))

    def test_export_json_labels_made_as_written_are_to_json_s(self):
        # export_json makes a live graph's labels as it writes them; the
        # text is to_json's exactly, for labels kept as they are (ASCII)
        # and labels converted (non-ASCII, a NUL, a lone surrogate), for
        # a referrer with many referents, and in both forms.
        class Wéird:
            pass
        head = Wéird()
        head.__dict__.update({"k\x00ey": [1, "x"], "ü": (head,), "\udcff": [head],
                              "many": {"k%d" % i: [i] for i in range(3000)}})
        g = refcycle.ObjectGraph([head, head.__dict__] + list(head.__dict__.values())
                                 + list(head.__dict__["many"].values()))
        path = self.path("g.json")
        for detailed in (False, True):
            g.export_json(path, detailed=detailed)
            with open(path, "rb") as f:
                written = f.read()
            text = g.to_json(detailed=detailed)
            self.assertEqual(written.decode("utf-8", "surrogateescape"), text)
            self.assertIn("\\\\x00", text)
            self.assertIn("\\\\udcff", text)
            self.assertIn("ü", text)
            self.assertIn("value['k2999']", text)

    def test_export_json_unwritable(self):
        g, _ = small_graph()
        with self.assertRaises(OSError):
            g.export_json(os.path.join(self.dir, "missing", "g.json"))
        self.assertOnlyFiles()

    def test_round_trip(self):
        g, (a, b, c) = small_graph()
        path = self.path("g.json")
        g.export_json(path)
        ag = AnnotatedGraph.import_json(path)
        self.assertIsInstance(ag, AnnotatedGraph)
        self.assertEqual(len(ag), 3)
        self.assertEqual(len(ag.edges), 4)
        ids = {v.id: v for v in ag.vertices}
        self.assertEqual(set(ids), set(map(id, (a, b, c))))
        va = ids[id(a)]
        self.assertEqual(sorted(ag.node_label(p) for p in ag.parents(va))[0],
                         ag.node_label(ids[id(b)]))
        self.assertEqual(json.loads(ag.to_json())["vertices"],
                         json.loads(g.to_json())["vertices"])
        again = AnnotatedGraph.from_json(ag.to_json())
        self.assertEqual(sorted((e.id, e.annotation, e.head, e.tail) for e in again.edges),
                         sorted((e.id, e.annotation, e.head, e.tail) for e in ag.edges))

    def refcycle_file(self):
        """A file as the refcycle package writes it (its documented
        structure: DOT label text, a line break written as backslash-n)."""
        data = {
            "vertices": [
                {"id": 10, "annotation": "frame\\n...worker.py:12"},
                {"id": 11, "annotation": "instancemethod\\nSomeComputation.compute"},
                {"id": 12, "annotation": "object\\n__main__.SomeComputation"},
            ],
            "edges": [
                {"id": 0, "annotation": "local 'job'", "head": 11, "tail": 10},
                {"id": 1, "annotation": "__self__", "head": 12, "tail": 11},
                {"id": 2, "annotation": None, "head": 12, "tail": 10},
            ],
        }
        path = self.path("refcycle.json")
        with open(path, "wb") as f:
            f.write(json.dumps(data).encode("utf-8"))
        return path, data

    def test_reads_refcycles_format(self):
        path, data = self.refcycle_file()
        ag = AnnotatedGraph.import_json(path)
        by_id = {v.id: v for v in ag.vertices}
        # Kept as refcycle keeps it: DOT label text.
        self.assertEqual(by_id[11].annotation, "instancemethod\\nSomeComputation.compute")
        anc = ag.ancestors(by_id[12], generations=1)
        self.assertIsInstance(anc, AnnotatedGraph)
        self.assertEqual({v.id for v in anc}, {10, 11, 12})
        self.assertEqual({e.id for e in anc.edges}, {0, 1, 2})
        path_graph = ag.shortest_path(by_id[10], by_id[12])
        self.assertEqual({v.id for v in path_graph}, {10, 12})
        labels = {e.id: e.annotation for e in ag.edges}
        self.assertEqual(labels, {0: "local 'job'", 1: "__self__", 2: None})
        head = ag.head([e for e in ag.edges if e.id == 1][0])
        self.assertIs(head, by_id[12])

    def test_writes_refcycles_format(self):
        path, data = self.refcycle_file()
        ag = AnnotatedGraph.import_json(path)
        out = json.loads(ag.to_json())
        key = lambda d: d["id"]
        self.assertEqual(sorted(out["vertices"], key=key), sorted(data["vertices"], key=key))
        self.assertEqual(sorted(out["edges"], key=key), sorted(data["edges"], key=key))

    def test_ids_of_every_width_are_written_as_read(self):
        # The writer's decimal digits, at every length and sign.
        ids = [0, 7, 10, 99, 100, 101, 12345, 2 ** 31, 140497468732624,
               -1, -10, -99, -100, 2 ** 63 - 1, -2 ** 63]
        data = {"vertices": [{"id": i, "annotation": "v"} for i in ids],
                "edges": [{"id": e, "annotation": None, "head": ids[0], "tail": i}
                          for e, i in zip(reversed(ids), ids)]}
        path = self.path("ids.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f)
        out = json.loads(AnnotatedGraph.import_json(path).to_json())
        self.assertEqual(sorted(v["id"] for v in out["vertices"]), sorted(ids))
        self.assertEqual(sorted(e["id"] for e in out["edges"]), sorted(ids))
        self.assertEqual(sorted(e["tail"] for e in out["edges"]), sorted(ids))

    def test_equal_records_stand_for_vertices(self):
        path, _ = self.refcycle_file()
        ag = AnnotatedGraph.import_json(path)
        stand_in = AnnotatedVertex(12, "anything")
        self.assertIn(stand_in, ag)
        self.assertIn(stand_in, ag.vertices)
        self.assertEqual(len(ag.parents(stand_in)), 2)
        self.assertNotIn(AnnotatedVertex(99, "x"), ag)
        with self.assertRaises(KeyError):
            ag.parents(AnnotatedVertex(99, "x"))

    def test_bad_json(self):
        bad = [
            "not json",
            "[]",
            '{"vertices": []}',
            '{"vertices": [{"id": 1}], "edges": []}',
            '{"vertices": [{"id": "x", "annotation": "a"}], "edges": []}',
            '{"vertices": [{"id": 1, "annotation": "a"}, {"id": 1, "annotation": "b"}], "edges": []}',
            '{"vertices": [{"id": 1, "annotation": "a"}], '
            '"edges": [{"id": 0, "annotation": null, "head": 2, "tail": 1}]}',
            '{"vertices": 5, "edges": []}',
        ]
        for text in bad:
            with self.assertRaises(ValueError, msg=text):
                AnnotatedGraph.from_json(text)

    def test_import_missing_file(self):
        with self.assertRaises(OSError):
            AnnotatedGraph.import_json(self.path("nope.json"))


class TestAnnotated(unittest.TestCase):
    def test_records_describe_the_graph(self):
        g, (a, b, c) = small_graph()
        ag = g.annotated()
        self.assertIsInstance(ag, AnnotatedGraph)
        self.assertEqual(len(ag), 3)
        self.assertEqual({v.id for v in ag.vertices}, set(map(id, (a, b, c))))
        for v in ag.vertices:
            self.assertIsInstance(v, AnnotatedVertex)
            self.assertIsInstance(v.annotation, str)
        self.assertEqual(sorted(e.annotation for e in ag.edges),
                         ["item[0]", "item[1]", "item[2]", "value['k']"])
        for e in ag.edges:
            self.assertIsInstance(e, AnnotatedEdge)
            self.assertEqual(ag.head(e).id, e.head)
            self.assertEqual(ag.tail(e).id, e.tail)

    def test_a_nul_in_an_annotation_is_written_as_an_escape(self):
        # The writers take C strings: the NUL must not cut the label short.
        v = AnnotatedVertex(1, "vertex\0 one")
        w = AnnotatedVertex(2, "two")
        e = AnnotatedEdge(3, "edge\0label", 1, 2)
        ag = AnnotatedGraph([v, w], [e])
        again = AnnotatedGraph.from_json(ag.to_json())
        # In DOT label text, as records hold it: an escaped backslash, so
        # that it shows as \x00.
        self.assertEqual(sorted(x.annotation for x in again.vertices),
                         ["two", "vertex\\\\x00 one"])
        self.assertEqual([x.annotation for x in again.edges], ["edge\\\\x00label"])
        self.assertIn("edge\\\\x00label", ag.to_dot())
        path = os.path.join(tempfile.mkdtemp(), "g.rcsnap")
        self.addCleanup(shutil.rmtree, os.path.dirname(path))
        ag.save(path)
        loaded = refcycle.load(path)
        self.assertEqual([x.annotation for x in loaded.edges], ["edge\\x00label"])
        self.assertEqual(sorted(x.annotation for x in loaded.vertices),
                         ["two", "vertex\\x00 one"])

    def test_holds_none_of_the_objects(self):
        import gc
        import weakref

        class Thing:
            pass
        t = Thing()
        t.other = Thing()
        r = weakref.ref(t)
        ag = ObjectGraph([t, t.other]).annotated()
        del t
        gc.collect()
        self.assertIsNone(r())
        self.assertEqual(len(ag), 2)

    def test_queries_keep_edge_records(self):
        g, (a, b, c) = small_graph()
        ag = g.annotated()
        va = [v for v in ag.vertices if v.id == id(a)][0]
        anc = ag.ancestors(va)
        self.assertIsInstance(anc, AnnotatedGraph)
        self.assertEqual(anc.edges, ag.edges)
        sub = ag.full_subgraph([v for v in ag.vertices if v.id != id(b)])
        self.assertEqual(sorted(e.annotation for e in sub.edges), ["item[0]", "item[2]"])
        self.assertEqual(len(ag.strongly_connected_components()), 3)

    def test_records_compare_by_id(self):
        self.assertEqual(AnnotatedVertex(1, "a"), AnnotatedVertex(1, "b"))
        self.assertNotEqual(AnnotatedVertex(1, "a"), AnnotatedVertex(2, "a"))
        self.assertEqual(hash(AnnotatedEdge(3, None, 1, 2)), hash(3))
        self.assertEqual(repr(AnnotatedVertex(1, "a")), "AnnotatedVertex(id=1, annotation='a')")

    def test_constructor_checks(self):
        with self.assertRaises(TypeError):
            AnnotatedGraph([1], [])
        with self.assertRaises(ValueError):
            AnnotatedGraph([AnnotatedVertex(1, "a")], [AnnotatedEdge(0, None, 1, 5)])



@unittest.skipUnless(hasattr(os, "mkfifo"), "needs FIFOs")
class TestSpecialFiles(TempDirTest):
    """A path that is a FIFO (or a device: /dev/null, /dev/stdout) is
    written to as it is: renaming a finished file over it would leave a
    regular file in its place (as root, /dev/null too)."""

    def written_through_fifo(self, write):
        fifo = self.path("out")
        os.mkfifo(fifo)
        got = []

        def read():
            with open(fifo, "rb") as f:
                got.append(f.read())
        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        try:
            write(fifo)
        finally:
            reader.join(timeout=10)
        # A file renamed over the FIFO would leave the reader waiting.
        self.assertFalse(reader.is_alive(), "nothing came through the FIFO")
        self.assertTrue(stat.S_ISFIFO(os.lstat(fifo).st_mode))
        self.assertOnlyFiles("out")
        os.unlink(fifo)
        return got[0]

    def test_every_writer(self):
        g, _ = small_graph()
        text = self.written_through_fifo(g.export_json)
        self.assertEqual(json.loads(text.decode("utf-8")), json.loads(g.to_json()))
        self.assertTrue(self.written_through_fifo(g.save).startswith(b"\x89RCSNAP"))
        svg = self.written_through_fifo(lambda p: g.export_image(p, format="svg"))
        self.assertIn(b"<svg", svg)
        html = self.written_through_fifo(g.report)
        self.assertIn(b"<html", html.lower())


if __name__ == "__main__":
    unittest.main()
