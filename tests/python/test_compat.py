"""Code written for the refcycle package runs unchanged: its module
layout (refcycle.object_graph, .annotated_graph, .creators,
.i_directed_graph), the IDirectedGraph base both graph types answer to,
key_cycles(), and IDirectedGraph as a base for a graph of one's own."""

import gc
import importlib
import json
import os
import shutil
import sys
import tempfile
import unittest
import weakref

import refcycle
from refcycle import AnnotatedGraph, ObjectGraph

import support


class Node(object):
    pass


class Modules(unittest.TestCase):
    def test_submodules_name_the_same_objects(self):
        layout = {
            "refcycle.object_graph": ["ObjectGraph"],
            "refcycle.annotated_graph": ["AnnotatedGraph", "AnnotatedVertex", "AnnotatedEdge"],
            "refcycle.creators": ["snapshot", "garbage", "cycles_created_by",
                                  "objects_reachable_from"],
            "refcycle.i_directed_graph": ["IDirectedGraph"],
        }
        for module_name, names in layout.items():
            module = importlib.import_module(module_name)
            for name in names:
                self.assertIs(getattr(module, name), getattr(refcycle, name),
                              "%s.%s" % (module_name, name))

    def test_refcycle_style_imports(self):
        from refcycle.annotated_graph import AnnotatedVertex
        from refcycle.creators import snapshot
        from refcycle.object_graph import ObjectGraph as OG
        self.assertIs(OG, ObjectGraph)
        self.assertIs(AnnotatedVertex, refcycle.AnnotatedVertex)
        self.assertIsInstance(snapshot(), OG)


class Base(unittest.TestCase):
    def test_both_graph_types_are_directed_graphs(self):
        a, b = [], []
        a.append(b)
        g = ObjectGraph([a, b])
        self.assertIsInstance(g, refcycle.IDirectedGraph)
        self.assertIsInstance(g.annotated(), refcycle.IDirectedGraph)
        self.assertTrue(issubclass(AnnotatedGraph, refcycle.IDirectedGraph))
        self.assertNotIsInstance([a, b], refcycle.IDirectedGraph)

    def test_collection_bases(self):
        import collections.abc
        for g in (ObjectGraph(), ObjectGraph().annotated()):
            self.assertIsInstance(g, collections.abc.Sized)
            self.assertIsInstance(g, collections.abc.Iterable)
            self.assertIsInstance(g, collections.abc.Container)

    def test_abstract_members_are_required(self):
        class Half(refcycle.IDirectedGraph):
            def head(self, edge):
                return edge

        with self.assertRaises(TypeError):
            Half()


def small():
    a, b = [], {}
    a.append(b)
    b["a"] = a
    return ObjectGraph([a, b]), a, b


class KeywordCalls(unittest.TestCase):
    """Every call refcycle's callers make with keywords, by refcycle's
    parameter names, answers as the positional call does."""

    def test_object_graph_methods(self):
        g, a, b = small()
        e = g.out_edges(a)[0]
        pairs = [
            (g.children(vertex=a), g.children(a)),
            (g.parents(vertex=a), g.parents(a)),
            (g.in_edges(vertex=a), g.in_edges(a)),
            (g.out_edges(vertex=a), g.out_edges(a)),
            (g.head(edge=e), g.head(e)),
            (g.tail(edge=e), g.tail(e)),
            (len(g.shortest_path(start=a, end=b)), len(g.shortest_path(a, b))),
            (len(g.shortest_path(a, end=b)), 2),
            (len(g.shortest_cycle(start=a)), len(g.shortest_cycle(a))),
            (len(g.full_subgraph(objects=[a])), 1),
            (g.count_by(classifier=type), g.count_by(type)),
            (g.find_by(predicate=lambda o: o is a), [a]),
            (g.find_by_typename(typename="dict"), [b]),
            (len(g.ancestors(start=b, generations=1)), 2),
            (len(g.descendants(start=a, generations=0)), 1),
            (g.edge_label(edge=e), g.edge_label(e)),
            (g.node_label(vertex=a), g.node_label(a)),
            (g.shallow_size(vertex=a), g.shallow_size(a)),
            (g.external_refs(vertex=a), g.external_refs(a)),
            (g.retained_size(vertex=a), g.retained_size(a)),
            (g.immediate_dominator(vertex=a), g.immediate_dominator(a)),
            (len(g.dominated(vertex=a)), len(g.dominated(a))),
        ]
        for got, want in pairs:
            self.assertEqual(got, want)

    def test_annotated_graph_methods(self):
        g, a, b = small()
        ag = g.annotated()
        v = next(iter(ag.vertices))
        e = next(iter(ag.edges))
        self.assertEqual(ag.out_edges(vertex=v), ag.out_edges(v))
        self.assertEqual(ag.in_edges(vertex=v), ag.in_edges(v))
        self.assertEqual(ag.head(edge=e), ag.head(e))
        self.assertEqual(ag.tail(edge=e), ag.tail(e))
        self.assertEqual(ag.edge_label(edge=e), ag.edge_label(e))
        self.assertEqual(ag.node_label(vertex=v), ag.node_label(v))
        self.assertEqual(len(ag.full_subgraph(vertices=[v])), 1)
        self.assertEqual(len(AnnotatedGraph.from_json(json_graph=ag.to_json())), 2)
        import os
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "g.json")
            g.export_json(filename=path)
            self.assertEqual(len(AnnotatedGraph.import_json(filename=path)), 2)
            g.save(path=os.path.join(d, "g.rcsnap"))
            self.assertEqual(len(refcycle.load(path=os.path.join(d, "g.rcsnap"))), 2)

    def test_module_functions(self):
        g, a, b = small()
        self.assertIn(b, refcycle.objects_reachable_from(obj=a))
        self.assertIsInstance(refcycle.cycles_created_by(callable=lambda: None), ObjectGraph)

    def test_refused_as_python_refuses(self):
        g, a, b = small()
        cases = [
            (lambda: g.children(), "missing required argument 'vertex'"),
            (lambda: g.children(a, vertex=a), "multiple values for argument 'vertex'"),
            (lambda: g.children(a, b), "takes 1 positional argument but 2 were given"),
            (lambda: g.children(node=a), "unexpected keyword argument 'node'"),
            (lambda: g.shortest_path(start=a), "end"),
            (lambda: g.shortest_cycle(vertex=a), "unexpected keyword argument 'vertex'"),
        ]
        for call, message in cases:
            with self.assertRaises(TypeError) as cm:
                call()
            self.assertIn(message, str(cm.exception))

    def test_signatures_say_what_the_code_takes(self):
        import inspect
        want = {
            ObjectGraph.children: "(self, /, vertex)",
            ObjectGraph.shortest_path: "(self, /, start, end)",
            ObjectGraph.shortest_cycle: "(self, /, start)",
            ObjectGraph.full_subgraph: "(self, /, objects)",
            AnnotatedGraph.full_subgraph: "(self, /, vertices)",
            ObjectGraph.references: "(self, /)",
            refcycle.load: "(path)",
            refcycle.cycles_created_by: "(callable)",
        }
        for fn, sig in want.items():
            self.assertEqual(str(inspect.signature(fn)), sig, fn)
        g, a, b = small()
        self.assertEqual(str(inspect.signature(g.children)), "(vertex)")
        self.assertEqual(str(inspect.signature(AnnotatedGraph.from_json)), "(json_graph)")


class Stub(unittest.TestCase):
    """The typing stub names each parameter as the code takes it."""

    def stub_params(self):
        import ast
        import os
        path = os.path.join(support.SRCDIR, "src", "py", "refcycle", "__init__.pyi")
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read())
        found = {}

        def params(fn):
            a = fn.args
            names = [x.arg for x in a.posonlyargs + a.args]
            names += [a.vararg.arg] if a.vararg else []
            names += [x.arg for x in a.kwonlyargs]
            names += [a.kwarg.arg] if a.kwarg else []
            return [n for n in names if n not in ("self", "cls")]

        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                found[(None, node.name)] = params(node)
            elif isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and not item.name.startswith("_"):
                        found[(node.name, item.name)] = params(item)
        return found

    def test_stub_matches_the_code(self):
        import inspect
        checked = 0
        for (cls, name), want in self.stub_params().items():
            owner = refcycle if cls is None else getattr(refcycle, cls, None)
            fn = getattr(owner, name, None)
            if fn is None or not callable(fn):
                continue
            try:
                sig = inspect.signature(fn)
            except (TypeError, ValueError):
                continue
            got = [p for p in sig.parameters if p not in ("self", "cls")]
            self.assertEqual(got, want, "%s.%s" % (cls or "refcycle", name))
            checked += 1
        self.assertGreater(checked, 50)


class VertexCollections(unittest.TestCase):
    def test_object_graph_compares_by_identity(self):
        class Equal(object):
            def __eq__(self, other):
                raise AssertionError("__eq__ called")

            def __hash__(self):
                raise AssertionError("__hash__ called")

        x, y = Equal(), Equal()
        s = ObjectGraph.vertex_set()
        s.add(x)
        self.assertIn(x, s)
        self.assertNotIn(y, s)
        self.assertEqual(len(s), 1)
        d = ObjectGraph.vertex_dict()
        d[x] = 1
        d[y] = 2
        self.assertEqual((d[x], d[y], len(d)), (1, 2, 2))
        self.assertTrue(ObjectGraph.vertex_equal(x, x))
        self.assertFalse(ObjectGraph.vertex_equal(vertex1=x, vertex2=y))
        self.assertFalse(ObjectGraph.vertex_equal([], []))

    def test_annotated_graph_compares_records(self):
        v1 = refcycle.AnnotatedVertex(id=7, annotation="a")
        v2 = refcycle.AnnotatedVertex(id=7, annotation="b")
        self.assertTrue(AnnotatedGraph.vertex_equal(v1, v2))
        self.assertEqual(AnnotatedGraph.vertex_set(), set())
        self.assertEqual(AnnotatedGraph.vertex_dict(), {})


class EdgeListGraph(refcycle.IDirectedGraph):
    """A graph of one's own: vertices are ints, edges (tail, head, k)."""

    def __init__(self, vertices, edges):
        self._vertices = frozenset(vertices)
        self._edges = [e for e in edges if e[0] in self._vertices and e[1] in self._vertices]

    @property
    def vertices(self):
        return self._vertices

    @property
    def edges(self):
        return self._edges

    def head(self, edge):
        return edge[1]

    def tail(self, edge):
        return edge[0]

    def out_edges(self, vertex):
        return [e for e in self._edges if e[0] == vertex]

    def in_edges(self, vertex):
        return [e for e in self._edges if e[1] == vertex]

    def full_subgraph(self, vertices):
        return EdgeListGraph(vertices, self._edges)


class OwnGraph(unittest.TestCase):
    """The inherited algorithms answer as the C graph does on the same
    shape."""

    SHAPE = [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 3), (5, 0), (5, 5), (6, 6)]

    def setUp(self):
        edges = [(t, h, k) for k, (t, h) in enumerate(self.SHAPE)]
        self.own = EdgeListGraph(range(8), edges)
        self.objs = [Node() for _ in range(8)]
        for t, h in self.SHAPE:
            self.objs[t].__dict__.setdefault("refs", []).append(self.objs[h])
        # Vertices: the nodes only (their dicts and lists collapse into
        # the edges through a full_subgraph of the object graph's paths).
        self.ids = {id(o): i for i, o in enumerate(self.objs)}

    def numbered(self, graph):
        return sorted(self.ids[id(o)] for o in graph if id(o) in self.ids)

    def test_counts_and_neighbours(self):
        g = self.own
        self.assertEqual(len(g), 8)
        self.assertIn(3, g)
        self.assertNotIn(9, g)
        self.assertEqual(sorted(g.children(2)), [0, 3])
        self.assertEqual(sorted(g.parents(0)), [2, 5])
        self.assertEqual(len(g.references()), len(self.SHAPE))
        self.assertEqual(g.count_by(lambda v: v % 2), {0: 4, 1: 4})
        self.assertEqual(sorted(g.find_by(lambda v: v > 5)), [6, 7])

    def test_reach(self):
        g = self.own
        self.assertEqual(sorted(g.descendants(0)), [0, 1, 2, 3, 4])
        self.assertEqual(sorted(g.descendants(0, generations=2)), [0, 1, 2])
        self.assertEqual(sorted(g.ancestors(0)), [0, 1, 2, 5])
        self.assertEqual(sorted(g.ancestors(3, generations=1)), [2, 3, 4])

    def test_paths_and_cycles(self):
        g = self.own
        self.assertEqual(sorted(g.shortest_path(5, 4)), [0, 1, 2, 3, 4, 5])
        self.assertEqual(sorted(g.shortest_path(3, 3)), [3])
        with self.assertRaises(ValueError):
            g.shortest_path(3, 0)
        self.assertEqual(sorted(g.shortest_cycle(1)), [0, 1, 2])
        self.assertEqual(sorted(g.shortest_cycle(6)), [6])
        with self.assertRaises(ValueError):
            g.shortest_cycle(7)

    def test_components_match_the_c_graph(self):
        want = sorted(sorted(c) for c in [[0, 1, 2], [3, 4], [5], [6], [7]])
        got = sorted(sorted(c) for c in self.own.strongly_connected_components())
        self.assertEqual(got, want)
        self.assertEqual(sorted(sorted(c) for c in self.own.source_components()),
                         [[5], [6], [7]])
        # The C graph on the same shape, made of objects.
        c_graph = ObjectGraph(self.objs + [o.__dict__ for o in self.objs if "refs" in o.__dict__]
                              + [o.refs for o in self.objs if "refs" in o.__dict__])
        c_comps = sorted(self.numbered(c) for c in c_graph.strongly_connected_components()
                         if self.numbered(c))
        self.assertEqual(c_comps, want)

    def test_set_operations(self):
        g = self.own
        self.assertEqual(sorted(g - g.descendants(3)), [0, 1, 2, 5, 6, 7])
        self.assertEqual(sorted(g & g.ancestors(0)), [0, 1, 2, 5])

    def test_vertex_collections(self):
        cls = refcycle.IDirectedGraph
        self.assertEqual(cls.vertex_set(), set())
        self.assertEqual(cls.vertex_dict(), {})
        self.assertTrue(cls.vertex_equal(1, 1.0))


def annotation(obj):
    """refcycle's annotation of obj, as annotated() writes it."""
    vertex, = ObjectGraph([obj]).annotated().vertices
    return vertex.annotation


class Loud(object):
    """Fails the test if labelling runs any of its code."""
    def __repr__(self):
        raise AssertionError("__repr__ ran")

    def __getattr__(self, name):
        raise AssertionError("__getattr__ ran for %s" % name)

    def method(self):
        pass


class LoudInt(int):
    def __repr__(self):
        raise AssertionError("__repr__ ran")


class RefcycleText(unittest.TestCase):
    """annotated(), to_dot() and to_json() write refcycle's annotations:
    DOT label text, a line break being backslash-n."""

    def test_base_types_by_repr(self):
        for obj in (None, True, 12345, 12345.0, 2j, "hello world", b"bytes"):
            self.assertEqual(annotation(obj), repr(obj))
        # A subclass by its builtin base's repr, never its own.
        self.assertEqual(annotation(LoudInt(7)), "7")

    def test_containers_by_length(self):
        self.assertEqual(annotation([1, 2]), "list[2]")
        self.assertEqual(annotation((1, 2, 3)), "tuple[3]")
        self.assertEqual(annotation({1: 2, 3: 4, 5: 6}), "dict[3]")
        # refcycle names no other container: a set is an object.
        self.assertEqual(annotation({1}), "object\\nbuiltins.set")

    def test_named_things(self):
        self.assertEqual(annotation(annotation), "function\\nannotation")
        self.assertEqual(annotation(Loud().method), "instancemethod\\nLoud.method")
        self.assertEqual(annotation(Loud), "type\\nLoud")
        self.assertEqual(annotation(unittest), "module\\nunittest")
        self.assertEqual(annotation(Loud()), "object\\n%s.Loud" % __name__)

    def test_weakrefs(self):
        target = Node()
        ref = weakref.ref(target)
        self.assertEqual(annotation(ref), "weakref to id 0x%x" % id(target))
        del target
        gc.collect()
        self.assertEqual(annotation(ref), "weakref (dead referent)")

    def test_frames_by_file_and_line(self):
        frame = sys._getframe()
        text, line = annotation(frame), frame.f_lineno   # the same line
        filename = frame.f_code.co_filename
        shown = filename if len(filename) <= 30 else "..." + filename[-27:]
        self.assertEqual(text, "frame\\n%s:%d" % (shown, line))
        code = compile("import sys\nf = sys._getframe()", "/" + "d" * 40 + "/m.py", "exec")
        space = {}
        exec(code, space)
        self.assertEqual(annotation(space["f"]), "frame\\n..." + ("d" * 40 + "/m.py")[-27:] + ":2")

    def test_to_dot_lines(self):
        a = Node()
        b = [a]
        g = ObjectGraph([a, b])
        lines = g.to_dot().splitlines()
        self.assertEqual(lines[0], "digraph G {")
        self.assertIn('    %d -> %d [label="item[0]"];' % (id(b), id(a)), lines)
        self.assertIn('    %d [label="list[1]"];' % id(b), lines)
        self.assertIn('    %d [label="object\\n%s.Node"];' % (id(a), __name__), lines)
        self.assertEqual(lines[-1], "}")

    def test_to_json_and_annotated_agree(self):
        a = Node()
        b = [a, {"k": a}]
        g = ObjectGraph([a, b, b[1]])
        data = json.loads(g.to_json())
        ag = g.annotated()
        self.assertEqual(sorted((v["id"], v["annotation"]) for v in data["vertices"]),
                         sorted((v.id, v.annotation) for v in ag.vertices))
        self.assertEqual(sorted((e["id"], e["annotation"]) for e in data["edges"]),
                         sorted((e.id, e.annotation) for e in ag.edges))
        self.assertIn("value['k']", [e.annotation for e in ag.edges])
        self.assertEqual(AnnotatedGraph.from_json(g.to_json()).to_dot(), ag.to_dot())

    def test_detailed_labels_on_request(self):
        a = Node()
        g = ObjectGraph([a])
        plain, = g.annotated().vertices
        rich, = g.annotated(detailed=True).vertices
        self.assertEqual(plain.annotation, "object\\n%s.Node" % __name__)
        self.assertEqual(rich.annotation, "object\\n%s.Node\\n0x%x" % (__name__, id(a)))
        self.assertIn("0x%x" % id(a), g.to_dot(detailed=True))
        self.assertNotIn("0x%x" % id(a), g.to_dot())
        self.assertIn("0x%x" % id(a), g.to_json(detailed=True))

    def test_no_user_code_runs(self):
        loud = Loud()
        g = ObjectGraph([loud, loud.method, LoudInt(3), [loud]])
        for text in (g.to_dot(), g.to_json(), g.to_dot(detailed=True)):
            self.assertIn("Loud", text)
        g.annotated()

    def test_count_by_typename_by_the_objects_types(self):
        a = Node()
        g = ObjectGraph([a, [a], [a, a], {"a": a}])
        want = {"Node": 1, "list": 2, "dict": 1}
        self.assertEqual(dict(g.count_by_typename()), want)
        self.assertEqual(dict(g.annotated().count_by_typename()), want)
        self.assertEqual(dict(g.annotated(detailed=True).count_by_typename()), want)
        path = os.path.join(tempfile.mkdtemp(), "g.rcsnap")
        self.addCleanup(shutil.rmtree, os.path.dirname(path))
        g.save(path)
        self.assertEqual(dict(refcycle.load(path).count_by_typename()), want)


class Subclassing(unittest.TestCase):
    """refcycle's graphs are Python classes, so code subclasses them."""

    class Graph(ObjectGraph):
        def sizes(self):
            return sorted(len(v) for v in self if isinstance(v, list))

    def test_object_graph_subclass(self):
        a = []
        b = [a]
        g = self.Graph([a, b])
        self.assertIsInstance(g, ObjectGraph)
        self.assertIsInstance(g, refcycle.IDirectedGraph)
        self.assertEqual(g.sizes(), [0, 1])
        # Queries answer in the graph's own class.
        self.assertIs(type(g.ancestors(a)), self.Graph)
        self.assertEqual(g.ancestors(a).sizes(), [0, 1])
        self.assertIs(type(g.full_subgraph([a])), self.Graph)
        # An instance has a dict, and is collected with a cycle through it.
        g.me = g
        ref = weakref.ref(g)
        del g
        gc.collect()
        self.assertIsNone(ref())

    def test_annotated_graph_subclass(self):
        class Records(AnnotatedGraph):
            pass
        v, w = refcycle.AnnotatedVertex(1, "one"), refcycle.AnnotatedVertex(2, "two")
        ag = Records([v, w], [refcycle.AnnotatedEdge(0, "item[0]", 2, 1)])
        self.assertIs(type(ag.ancestors(w)), Records)
        self.assertEqual(ag.ancestors(w).to_dot(), AnnotatedGraph.from_json(
            ag.ancestors(w).to_json()).to_dot())


class KeyCycles(unittest.TestCase):
    def setUp(self):
        self.was_enabled = gc.isenabled()
        gc.disable()
        gc.collect()

    def tearDown(self):
        if self.was_enabled:
            gc.enable()

    def test_the_cycles_that_keep_the_garbage(self):
        # A 2-cycle holding a list (not a cycle itself), and a self-loop.
        a, b, c = Node(), Node(), Node()
        a.other, b.other, c.me = b, a, c
        a.payload = [Node()]
        token_a, token_c = id(a), id(c)
        del a, b, c
        cycles = refcycle.key_cycles()
        self.assertTrue(all(isinstance(k, ObjectGraph) for k in cycles))
        # Each is a component that nothing outside it refers to.
        for k in cycles:
            members = set(map(id, k))
            for v in k:
                self.assertTrue(all(id(p) in members for p in k.parents(v)))
        found = {id(v) for k in cycles for v in k}
        self.assertIn(token_a, found)
        self.assertIn(token_c, found)
        nodes = sorted(len([v for v in k if type(v) is Node]) for k in cycles
                       if token_a in set(map(id, k)) or token_c in set(map(id, k)))
        # a and b (with their dicts) form one component, c another; the
        # payload list and its Node are not in any key cycle.
        self.assertEqual(nodes, [1, 2])
        self.assertFalse(any(type(v) is list for k in cycles for v in k
                             if token_a in set(map(id, k))))
        del cycles, k, v
        gc.collect()

    def test_orphans_by_definition(self):
        x, y = Node(), Node()
        x.y, y.x = y, x
        x.tail = [[Node()]]
        del x, y
        garbage = refcycle.garbage()
        want = sorted(sorted(map(id, scc)) for scc in garbage.strongly_connected_components()
                      if all(id(p) in set(map(id, scc)) for v in scc for p in garbage.parents(v)))
        del garbage
        gc.collect()
        x, y = Node(), Node()
        x.y, y.x = y, x
        x.tail = [[Node()]]
        del x, y
        cycles = refcycle.key_cycles()
        self.assertEqual(len(cycles), len(want))
        self.assertEqual(sorted(len(k) for k in cycles), sorted(len(w) for w in want))
        del cycles
        gc.collect()


if __name__ == "__main__":
    unittest.main()
