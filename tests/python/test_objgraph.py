"""objgraph's habits: show_backrefs, show_refs, show_chain,
find_backref_chain, get_leaking_objects, with objgraph's parameters,
on refcycle's graph (and the pictures they draw)."""

import io
import os
import shutil
import tempfile
import types
import unittest
import xml.dom.minidom

import refcycle

import support


class Item(object):
    pass


class Holder(object):
    def __init__(self, item):
        self.item = item


def svg_texts(path):
    doc = xml.dom.minidom.parse(path)
    return [n.firstChild.data for n in doc.getElementsByTagName("text") if n.firstChild]


class Case(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="refcycle-objgraph-")
        self.addCleanup(shutil.rmtree, self.dir)


class TestShowBackrefs(Case):
    def test_referrers_to_max_depth(self):
        item = Item()
        holder = Holder(item)
        outer = [holder]
        sub = refcycle.show_backrefs(item, max_depth=1)
        self.assertIn(item, sub)
        self.assertNotIn(outer, sub)
        self.assertTrue(any(v is holder or (type(v) is dict and v.get("item") is item)
                            for v in sub))
        deeper = refcycle.show_backrefs([item], max_depth=4)
        self.assertIn(outer, deeper)
        # Its own frames and the argument list are not referrers.
        self.assertFalse([v for v in deeper if isinstance(v, types.FrameType)
                          and v.f_code.co_filename == refcycle._objgraph.__file__])
        del sub, deeper

    def test_too_many_and_the_picture(self):
        item = Item()
        holders = [[item] for _ in range(30)]
        path = os.path.join(self.dir, "backrefs.svg")
        out = io.StringIO()
        sub = refcycle.show_backrefs(item, max_depth=1, too_many=5, filename=path,
                                     output=out, highlight=lambda o: isinstance(o, list))
        self.assertEqual(len(sub), 1 + 5)   # the item and five referrers
        texts = svg_texts(path)
        more = [t for t in texts if t.endswith(" more referrers")]
        self.assertEqual(len(more), 1, texts)
        self.assertTrue(more[0].startswith("\u2026 "), more)
        self.assertGreaterEqual(int(more[0].split()[1]), 25)
        self.assertIn("#ffe08a", out.getvalue())      # highlighted
        self.assertIn("#b7e4a6", out.getvalue())      # the object asked about
        self.assertIn('fontname="monospace"', out.getvalue())
        self.assertIn("legend", texts)
        self.assertIn("in focus", texts)
        self.assertIn("highlighted", texts)
        self.assertIn("Item", texts)
        del holders, sub

    def test_filter_and_extra_ignore(self):
        item = Item()
        a, b = [item], (item,)
        sub = refcycle.show_backrefs(item, max_depth=1, filter=lambda o: type(o) is not tuple)
        self.assertIn(a, sub)
        self.assertNotIn(b, sub)
        sub = refcycle.show_backrefs(item, max_depth=1, extra_ignore=[id(a)])
        self.assertNotIn(a, sub)
        self.assertIn(b, sub)
        del sub

    def test_stops_at_modules(self):
        sub = refcycle.show_backrefs(Holder, max_depth=5, too_many=50)
        modules = [v for v in sub if isinstance(v, types.ModuleType)]
        self.assertTrue(modules)
        for m in modules:   # a module's own referrers are not followed
            for p in sub.parents(m):
                self.assertIn(p, sub)
        del sub

    def test_untracked_objects_are_refused_clearly(self):
        with self.assertRaises(ValueError) as cm:
            refcycle.show_backrefs(12345)
        self.assertIn("not in the graph", str(cm.exception))


class TestShowRefs(Case):
    def test_referents(self):
        inner = Item()
        holder = Holder(inner)
        sub = refcycle.show_refs(holder, max_depth=2, filename=os.path.join(self.dir, "r.png"))
        self.assertIn(inner, sub)
        self.assertGreater(os.path.getsize(os.path.join(self.dir, "r.png")), 0)
        del sub


class TestChains(Case):
    def test_find_backref_chain_and_show_chain(self):
        item = Item()
        holder = Holder(item)
        keep = {"holder": holder}
        chain = refcycle.find_backref_chain(item, lambda o: o is keep)
        self.assertIs(chain[0], keep)
        self.assertIs(chain[-1], item)
        self.assertIn(holder, chain)
        self.assertEqual(refcycle.find_backref_chain(item, lambda o: False, max_depth=2), [item])
        path = os.path.join(self.dir, "chain.svg")
        sub = refcycle.show_chain(chain, filename=path)
        self.assertEqual(len(sub), len(chain))
        xml.dom.minidom.parse(path)
        with self.assertRaises(TypeError):
            refcycle.show_chain(chain, colour="red")
        del chain, sub


class TestLeaking(unittest.TestCase):
    def test_objects_no_tracked_object_refers_to(self):
        graph = refcycle.snapshot()
        leaking = refcycle.get_leaking_objects(graph)
        for v in leaking[:200]:
            self.assertEqual(graph.in_edges(v), [])
            self.assertNotIsInstance(v, types.FrameType)
        self.assertNotIn(graph, leaking)
        del graph, leaking


if __name__ == "__main__":
    unittest.main()
