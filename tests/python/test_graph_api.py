"""The ObjectGraph API on small hand-built graphs."""

import collections
import sys
import time
import types
import unittest

import refcycle
from refcycle import ObjectGraph

import support
from support import graph_from_string, names

TARJAN = ("1 2 3 4 5 6 7 8; "
          "1->2 2->3 2->8 3->4 3->7 4->5 5->3 5->6 7->4 7->6 8->1 8->7")
GABOW = "1 2 3 4 5 6; 1->2 1->3 2->3 2->4 4->3 4->5 5->2 5->6 6->3 6->4"
ISSUE30 = "1 2 3 4 5 6 7 8; 1->2->3->4->8 1->5->4 1->6->7->4"


class Plain(object):
    def method(self):
        return self


def build(spec):
    nodes, objects = graph_from_string(spec)
    return nodes, ObjectGraph(objects)


class TestContainer(unittest.TestCase):
    def setUp(self):
        self.inner = [1, 2, 3]
        self.outer = [self.inner] * 3
        self.graph = ObjectGraph([self.outer, self.inner])

    def test_len(self):
        self.assertEqual(len(self.graph), 2)
        self.assertEqual(len(ObjectGraph([])), 0)

    def test_iter_gives_the_objects(self):
        got = list(self.graph)
        self.assertEqual(len(got), 2)
        self.assertEqual(support.identities(got),
                         support.identities([self.outer, self.inner]))

    def test_contains_is_by_identity(self):
        self.assertIn(self.inner, self.graph)
        self.assertIn(self.outer, self.graph)
        self.assertNotIn(2, self.graph)
        self.assertNotIn([1, 2, 3], self.graph)   # equal, not identical
        self.assertNotIn(None, self.graph)
        self.assertNotIn(self.graph, self.graph)

    def test_contains_unhashable(self):
        self.assertNotIn({}, self.graph)
        self.assertNotIn(set(), self.graph)

    def test_vertices_collection(self):
        vertices = self.graph.vertices
        self.assertEqual(len(vertices), 2)
        self.assertEqual(support.identities(vertices),
                         support.identities([self.outer, self.inner]))
        self.assertIn(self.inner, vertices)
        self.assertNotIn([1, 2, 3], vertices)
        self.assertNotIn(3, vertices)

    def test_edges_collection(self):
        edges = self.graph.edges
        self.assertEqual(len(edges), 3)
        self.assertEqual(sorted(edges), [0, 1, 2])
        for e in range(3):
            self.assertIn(e, edges)
        self.assertNotIn(3, edges)
        self.assertNotIn(-1, edges)

    def test_multigraph_children_and_parents(self):
        children = self.graph.children(self.outer)
        self.assertEqual(len(children), 3)
        for child in children:
            self.assertIs(child, self.inner)
        parents = self.graph.parents(self.inner)
        self.assertEqual(len(parents), 3)
        for parent in parents:
            self.assertIs(parent, self.outer)
        self.assertEqual(self.graph.children(self.inner), [])
        self.assertEqual(self.graph.parents(self.outer), [])

    def test_head_tail_out_in_edges(self):
        g = self.graph
        out = g.out_edges(self.outer)
        self.assertIsInstance(out, list)
        self.assertEqual(sorted(out), [0, 1, 2])
        self.assertEqual(sorted(g.in_edges(self.inner)), [0, 1, 2])
        self.assertEqual(g.out_edges(self.inner), [])
        self.assertEqual(g.in_edges(self.outer), [])
        for e in g.edges:
            self.assertIsInstance(e, int)
            self.assertIs(g.tail(e), self.outer)
            self.assertIs(g.head(e), self.inner)

    def test_references(self):
        refs = self.graph.references()
        self.assertEqual(len(refs), 3)
        for tail, head in refs:
            self.assertIs(tail, self.outer)
            self.assertIs(head, self.inner)

    def test_repr(self):
        text = repr(self.graph)
        self.assertRegex(
            text, r"^<refcycle\.ObjectGraph object of size 2 at 0x[0-9a-f]+>$")
        self.assertIn("0x%x" % id(self.graph), text)
        self.assertIn("of size 0 ", repr(ObjectGraph([])))

    def test_isinstance(self):
        self.assertIsInstance(self.graph, refcycle.ObjectGraph)
        sub = self.graph.full_subgraph([self.inner])
        self.assertIsInstance(sub, refcycle.ObjectGraph)


class TestEdgesAndConsistency(unittest.TestCase):
    def test_consistency_on_a_mixed_graph(self):
        a = Plain()
        b = Plain()
        a.other = b
        b.other = a
        d = {"a": a, "b": b, "l": [a, b, a]}
        objects = [a, b, d, d["l"], Plain, vars(a), vars(b)]
        g = ObjectGraph(objects)
        self.assertEqual(len(g), len(objects))
        support.check_consistency(self, g)
        self.assertEqual(sorted(g.edges), list(range(len(g.edges))))
        # Every out edge of the list d["l"] points at a or b, in order.
        lst = d["l"]
        heads = [g.head(e) for e in sorted(g.out_edges(lst))]
        self.assertEqual(support.identities(heads),
                         support.identities([a, b, a]))

    def test_references_matches_edges(self):
        nodes, g = build(TARJAN)
        refs = g.references()
        self.assertEqual(len(refs), len(g.edges))
        expected = collections.Counter(
            (g.tail(e)[0], g.head(e)[0]) for e in g.edges)
        self.assertEqual(collections.Counter((t[0], h[0]) for t, h in refs),
                         expected)

    def test_parallel_edges_from_spec(self):
        nodes, g = build("1 2; 1->2 1->2 2->2")
        self.assertEqual(len(g.edges), 3)
        self.assertEqual(len(g.children(nodes["1"])), 2)
        self.assertEqual(len(g.parents(nodes["2"])), 3)
        self.assertEqual(len(g.out_edges(nodes["2"])), 1)


class TestDescendantsAncestors(unittest.TestCase):
    def test_descendants_generations(self):
        nodes, g = build(ISSUE30)
        one = nodes["1"]
        self.assertEqual(names(g.descendants(one, generations=0)), {"1"})
        self.assertEqual(names(g.descendants(one, generations=1)),
                         set("1256"))
        self.assertEqual(names(g.descendants(one, generations=2)),
                         set("1234567"))
        self.assertEqual(names(g.descendants(one, generations=3)),
                         set("12345678"))
        self.assertEqual(names(g.descendants(one, generations=4)),
                         set("12345678"))
        self.assertEqual(names(g.descendants(one)), set("12345678"))
        self.assertEqual(names(g.descendants(nodes["4"])), {"4", "8"})

    def test_descendants_is_full_subgraph(self):
        nodes, g = build(ISSUE30)
        sub = g.descendants(nodes["1"], generations=1)
        self.assertIsInstance(sub, ObjectGraph)
        # Full induced subgraph: 1->2, 1->5, 1->6 (no edge among 2,5,6).
        self.assertEqual(len(sub.edges), 3)
        sub2 = g.descendants(nodes["1"], generations=2)
        # 1->2,1->5,1->6, 2->3, 5->4, 6->7, 3->4, 7->4 (8 is not in it).
        self.assertEqual(len(sub2.edges), 8)

    def test_ancestors_generations(self):
        nodes, g = build(GABOW)
        three = nodes["3"]
        self.assertEqual(names(g.ancestors(three, generations=0)), {"3"})
        self.assertEqual(names(g.ancestors(three, generations=1)),
                         set("12346"))
        self.assertEqual(names(g.ancestors(three, generations=2)),
                         set("123456"))
        self.assertEqual(names(g.ancestors(three)), set("123456"))
        self.assertEqual(names(g.ancestors(nodes["1"])), {"1"})

    def test_ancestors_mirror_issue30(self):
        # Reverse of ISSUE30: the same depths seen from 8 upward.
        nodes, g = build("1 2 3 4 5 6 7 8; 8->4->3->2->1 4->5->1 4->7->6->1")
        one = nodes["1"]
        self.assertEqual(names(g.ancestors(one, generations=0)), {"1"})
        self.assertEqual(names(g.ancestors(one, generations=1)), set("1256"))
        self.assertEqual(names(g.ancestors(one, generations=2)),
                         set("1234567"))
        self.assertEqual(names(g.ancestors(one, generations=3)),
                         set("12345678"))

    def test_many_parallel_edges_linear(self):
        # A ring of 100 vertices with doubled edges (refcycle issue #48).
        n = 100
        spec = " ".join(str(i) for i in range(n)) + ";" + " ".join(
            "%d->%d %d->%d" % (i, (i + 1) % n, i, (i + 1) % n)
            for i in range(n))
        nodes, g = build(spec)
        self.assertEqual(len(g.descendants(nodes["0"])), n)
        self.assertEqual(len(g.ancestors(nodes["0"])), n)

    def test_generations_type_error(self):
        nodes, g = build(ISSUE30)
        with self.assertRaises(TypeError):
            g.descendants(nodes["1"], generations="2")
        with self.assertRaises(TypeError):
            g.ancestors(nodes["1"], generations=1.5)

    def test_negative_generations_mean_no_limit(self):
        # As in refcycle: the search stops at depth == generations, which
        # a negative number never is.
        nodes, g = build(ISSUE30)
        self.assertEqual(names(g.descendants(nodes["1"], generations=-1)),
                         set("12345678"))
        self.assertEqual(names(g.ancestors(nodes["8"], generations=-3)),
                         set("12345678"))

    def test_generations_none_keyword_and_positional(self):
        nodes, g = build(ISSUE30)
        self.assertEqual(len(g.descendants(nodes["1"], None)), 8)
        self.assertEqual(len(g.descendants(nodes["1"], 1)), 4)


class TestPaths(unittest.TestCase):
    def test_shortest_path(self):
        nodes, g = build(ISSUE30)
        path = g.shortest_path(nodes["1"], nodes["8"])
        self.assertIsInstance(path, ObjectGraph)
        self.assertEqual(names(path), set("1548"))
        self.assertEqual(len(path.edges), 3)

    def test_shortest_path_to_itself(self):
        nodes, g = build(ISSUE30)
        path = g.shortest_path(nodes["3"], nodes["3"])
        self.assertEqual(names(path), {"3"})
        self.assertEqual(len(path.edges), 0)

    def test_shortest_path_none(self):
        nodes, g = build(ISSUE30)
        with self.assertRaises(ValueError):
            g.shortest_path(nodes["8"], nodes["1"])
        with self.assertRaises(ValueError):
            g.shortest_path(nodes["2"], nodes["5"])

    def test_shortest_path_keeps_all_edges_between_path_vertices(self):
        nodes, g = build("1 2 3; 1->2->3 3->1 1->2")
        path = g.shortest_path(nodes["1"], nodes["3"])
        self.assertEqual(names(path), set("123"))
        self.assertEqual(len(path.edges), 4)

    def test_shortest_cycle(self):
        nodes, g = build("1 2 3 4 5 6; 1->2->3->1 3->4->6->1 4->5->4")
        # 1->2->3->1 is shorter than 1->2->3->4->6->1.
        cycle = g.shortest_cycle(nodes["1"])
        self.assertEqual(names(cycle), set("123"))
        self.assertEqual(len(cycle.edges), 3)
        # 4->5->4 is shorter than 4->6->1->2->3->4.
        cycle4 = g.shortest_cycle(nodes["4"])
        self.assertEqual(names(cycle4), set("45"))
        self.assertEqual(len(cycle4.edges), 2)

    def test_shortest_cycle_self_loop(self):
        nodes, g = build("1 2; 1->1 1->2->1")
        cycle = g.shortest_cycle(nodes["1"])
        self.assertEqual(names(cycle), {"1"})
        self.assertEqual(len(cycle.edges), 1)

    def test_shortest_cycle_none(self):
        nodes, g = build("1 2 3; 1->2->3")
        for name in "123":
            with self.assertRaises(ValueError):
                g.shortest_cycle(nodes[name])


def scc_names(components):
    return sorted(sorted(names(c)) for c in components)


class TestComponents(unittest.TestCase):
    CASES = [
        ("1; 1->1", "1"),
        ("1 2;", "1; 2"),
        ("1 2; 1->2", "1; 2"),
        ("1 2; 1->2 1->2", "1; 2"),
        ("1 2 3; 1->2->3", "1; 2; 3"),
        ("1 2 3; 1->2->3->1", "1 2 3"),
        ("1 2 3; 1->2->1->3->1", "1 2 3"),
        ("1 2 3; 1->2->1", "1 2; 3"),
        ("1 2 3 4; 1->2->4 1->3->4", "1; 2; 3; 4"),
        ("1 2 3 4; 1->2->4 1->3->4->2", "1; 2 4; 3"),
        ("1 2 3 4 5 6 7 8; 1->2->3->4->1 5->6->7->8->5 2->5->8 4->2",
         "1 2 3 4; 5 6 7 8"),
        (TARJAN, "1 2 8; 3 4 5 7; 6"),
        (GABOW, "1; 2 4 5 6; 3"),
    ]

    def test_strongly_connected_components(self):
        for spec, expected in self.CASES:
            with self.subTest(spec=spec):
                nodes, g = build(spec)
                sccs = g.strongly_connected_components()
                self.assertIsInstance(sccs, list)
                for scc in sccs:
                    self.assertIsInstance(scc, ObjectGraph)
                want = sorted(sorted(part.split())
                              for part in expected.split(";"))
                self.assertEqual(scc_names(sccs), want)

    def test_scc_edges_are_internal(self):
        nodes, g = build(TARJAN)
        by_name = {frozenset(names(c)): c
                   for c in g.strongly_connected_components()}
        # 1->2 2->8 8->1 inside {1,2,8}; 3->4 4->5 5->3 3->7 7->4 inside.
        self.assertEqual(len(by_name[frozenset("128")].edges), 3)
        self.assertEqual(len(by_name[frozenset("3457")].edges), 5)
        self.assertEqual(len(by_name[frozenset("6")].edges), 0)

    def test_source_components(self):
        nodes, g = build(TARJAN)
        sources = g.source_components()
        self.assertIsInstance(sources, list)
        self.assertEqual(scc_names(sources), [["1", "2", "8"]])
        nodes, g = build(TARJAN.replace(";", " 9;") + " 6->9")
        self.assertEqual(scc_names(g.source_components()), [["1", "2", "8"]])
        nodes, g = build(TARJAN.replace(";", " 9;"))
        self.assertEqual(scc_names(g.source_components()),
                         [["1", "2", "8"], ["9"]])
        nodes, g = build(GABOW)
        self.assertEqual(scc_names(g.source_components()), [["1"]])

    def test_components_of_empty_graph(self):
        g = ObjectGraph([])
        self.assertEqual(g.strongly_connected_components(), [])
        self.assertEqual(g.source_components(), [])


class TestSubgraphs(unittest.TestCase):
    def test_full_subgraph(self):
        nodes, g = build(TARJAN)
        sub = g.full_subgraph([nodes[n] for n in "1234"])
        self.assertEqual(names(sub), set("1234"))
        # 1->2, 2->3, 3->4
        self.assertEqual(len(sub.edges), 3)
        self.assertEqual(sorted(sub.edges), [0, 1, 2])
        for e in sub.edges:
            self.assertIn(sub.tail(e), sub)
            self.assertIn(sub.head(e), sub)
            self.assertEqual(int(sub.head(e)[0]), int(sub.tail(e)[0]) + 1)
        with self.assertRaises(KeyError):
            sub.head(3)
        support.check_consistency(self, sub)

    def test_full_subgraph_from_iterator_and_duplicates(self):
        nodes, g = build(TARJAN)
        sub = g.full_subgraph(iter([nodes["1"], nodes["2"], nodes["1"]]))
        self.assertEqual(names(sub), {"1", "2"})
        self.assertEqual(len(sub.edges), 1)
        sub = g.full_subgraph(n for n in [nodes["5"], nodes["6"]])
        self.assertEqual(len(sub), 2)

    def test_full_subgraph_rejects_foreign_objects(self):
        nodes, g = build(TARJAN)
        with self.assertRaises(KeyError):
            g.full_subgraph([nodes["1"], ["1"]])
        with self.assertRaises(TypeError):
            g.full_subgraph(5)

    def test_difference_and_intersection(self):
        nodes, g = build(TARJAN)
        part = g.full_subgraph([nodes[n] for n in "1238"])
        rest = g - part
        self.assertIsInstance(rest, ObjectGraph)
        self.assertEqual(names(rest), set("4567"))
        # 4->5 5->6 7->4 7->6
        self.assertEqual(len(rest.edges), 4)
        both = g & part
        self.assertEqual(names(both), set("1238"))
        # 1->2 2->3 2->8 8->1
        self.assertEqual(len(both.edges), 4)
        self.assertEqual(names(part & g), set("1238"))
        self.assertEqual(len(g - g), 0)
        self.assertEqual(names(part - g), set())

    def test_operators_with_other_graphs(self):
        nodes, g = build(TARJAN)
        other = ObjectGraph([nodes["1"], nodes["2"], []])
        self.assertEqual(names(g & other), {"1", "2"})
        self.assertEqual(len(g - other), 6)
        # Full subgraphs of the left operand: edges 1->2 from g.
        self.assertEqual(len((g & other).edges), 1)


class TestQueries(unittest.TestCase):
    def setUp(self):
        self.a = Plain()
        self.b = Plain()
        self.lists = [[1], [2], [3]]
        self.d = {"x": self.lists[0]}
        self.graph = ObjectGraph([self.a, self.b, self.d] + self.lists)

    def test_count_by(self):
        counts = self.graph.count_by(type)
        self.assertIsInstance(counts, collections.Counter)
        self.assertEqual(counts, collections.Counter(
            {Plain: 2, list: 3, dict: 1}))

    def test_find_by(self):
        found = self.graph.find_by(lambda obj: isinstance(obj, list))
        self.assertIsInstance(found, list)
        self.assertEqual(support.identities(found),
                         support.identities(self.lists))
        self.assertEqual(self.graph.find_by(lambda obj: False), [])

    def test_count_by_typename(self):
        counts = self.graph.count_by_typename()
        self.assertIsInstance(counts, collections.Counter)
        self.assertEqual(counts, collections.Counter(
            {"Plain": 2, "list": 3, "dict": 1}))

    def test_find_by_typename(self):
        found = self.graph.find_by_typename("Plain")
        self.assertEqual(support.identities(found),
                         support.identities([self.a, self.b]))
        self.assertEqual(self.graph.find_by_typename("tuple"), [])

    def test_callback_errors_propagate(self):
        def boom(obj):
            raise ZeroDivisionError
        with self.assertRaises(ZeroDivisionError):
            self.graph.count_by(boom)
        with self.assertRaises(ZeroDivisionError):
            self.graph.find_by(boom)
        with self.assertRaises(TypeError):
            self.graph.count_by(42)


class TestErrors(unittest.TestCase):
    def setUp(self):
        self.nodes, self.graph = build("1 2 3; 1->2->3->1")
        self.foreign = ["1"]

    def test_foreign_vertex_raises_key_error(self):
        g = self.graph
        one = self.nodes["1"]
        calls = [
            lambda: g.children(self.foreign),
            lambda: g.parents(self.foreign),
            lambda: g.out_edges(self.foreign),
            lambda: g.in_edges(self.foreign),
            lambda: g.ancestors(self.foreign),
            lambda: g.descendants(self.foreign, generations=1),
            lambda: g.shortest_path(self.foreign, one),
            lambda: g.shortest_path(one, self.foreign),
            lambda: g.shortest_cycle(self.foreign),
            lambda: g.children(42),
            lambda: g.parents(None),
            lambda: g.out_edges({}),
        ]
        for i, call in enumerate(calls):
            with self.subTest(call=i):
                with self.assertRaises(KeyError):
                    call()

    def test_bad_edge_ids(self):
        g = self.graph
        m = len(g.edges)
        for bad in (m, m + 1, -1, 10 ** 12, -(10 ** 12), 2 ** 70):
            for method in (g.head, g.tail, g.edge_label):
                with self.subTest(edge=bad, method=method.__name__):
                    with self.assertRaises(KeyError):
                        method(bad)

    def test_non_int_edges(self):
        g = self.graph
        for bad in ("0", 0.0, None, [0], self.nodes["1"]):
            for method in (g.head, g.tail, g.edge_label):
                with self.subTest(edge=bad, method=method.__name__):
                    with self.assertRaises(TypeError):
                        method(bad)

    def test_constructor_type_errors(self):
        with self.assertRaises(TypeError):
            ObjectGraph(5)
        with self.assertRaises(TypeError):
            ObjectGraph(None)
        # refcycle itself fails with AttributeError (no .vertices).
        with self.assertRaises((TypeError, AttributeError)):
            self.graph - [1, 2]
        with self.assertRaises((TypeError, AttributeError)):
            self.graph & 3

    def test_errors_leave_graph_usable(self):
        g = self.graph
        with self.assertRaises(KeyError):
            g.children(self.foreign)
        empty = []
        with self.assertRaises(ValueError):
            ObjectGraph([self.foreign, empty]).shortest_path(self.foreign,
                                                             empty)
        self.assertEqual(len(g.children(self.nodes["1"])), 1)


class TestEdgeLabels(unittest.TestCase):
    def label_set(self, g, tail, head):
        return support.labels_between(g, tail, head)

    def test_list_items(self):
        a, b = Plain(), Plain()
        lst = [a, b, 7, a]
        g = ObjectGraph([lst, a, b])
        self.assertEqual(sorted(self.label_set(g, lst, a)),
                         ["item[0]", "item[3]"])
        self.assertEqual(self.label_set(g, lst, b), ["item[1]"])

    def test_tuple_items(self):
        a = Plain()
        t = (1, 2, 3, a)
        g = ObjectGraph([t, a])
        self.assertEqual(self.label_set(g, t, a), ["item[3]"])

    def test_dict_keys_and_values(self):
        key = Plain()
        value = []
        d = {key: 1, "k": value}
        g = ObjectGraph([d, key, value])
        self.assertEqual(self.label_set(g, d, key), ["key"])
        self.assertEqual(self.label_set(g, d, value), ["value['k']"])

    def test_set_elements(self):
        a = Plain()
        for s in (set([a, 1]), frozenset([a, 2])):
            g = ObjectGraph([s, a])
            self.assertEqual(self.label_set(g, s, a), ["element"])

    def test_bound_method(self):
        obj = Plain()
        m = obj.method
        func = Plain.__dict__["method"]
        g = ObjectGraph([m, obj, func])
        self.assertEqual(self.label_set(g, m, obj), ["__self__"])
        self.assertEqual(self.label_set(g, m, func), ["__func__"])

    def test_cell_contents(self):
        target = []

        def inner():
            return target
        cell = inner.__closure__[0]
        g = ObjectGraph([inner, inner.__closure__, cell, target])
        self.assertEqual(self.label_set(g, cell, target), ["cell_contents"])
        self.assertEqual(self.label_set(g, inner.__closure__, cell),
                         ["item[0]"])
        self.assertEqual(self.label_set(g, inner, inner.__closure__),
                         ["__closure__"])

    def test_function_globals(self):
        def f():
            pass
        g = ObjectGraph([f, f.__globals__])
        self.assertEqual(self.label_set(g, f, f.__globals__), ["__globals__"])

    def test_module_dict(self):
        mod = types.ModuleType("labelled_module")
        g = ObjectGraph([mod, mod.__dict__])
        self.assertEqual(self.label_set(g, mod, mod.__dict__), ["__dict__"])

    def test_class_and_mro(self):
        obj = Plain()
        g = ObjectGraph([obj, Plain, Plain.__mro__])
        self.assertEqual(self.label_set(g, obj, Plain), ["__class__"])
        self.assertEqual(self.label_set(g, Plain, Plain.__mro__), ["__mro__"])
        self.assertEqual(self.label_set(g, Plain.__mro__, Plain), ["item[0]"])

    def test_frame_labels(self):
        local_object = ["local"]
        frame = sys._getframe()
        caller = frame.f_back
        g = ObjectGraph([frame, caller, frame.f_code, frame.f_globals,
                         local_object])
        try:
            self.assertIn("f_back", self.label_set(g, frame, caller))
            self.assertEqual(self.label_set(g, frame, frame.f_code),
                             ["f_code"])
            self.assertEqual(self.label_set(g, frame, frame.f_globals),
                             ["f_globals"])
            self.assertIn("local 'local_object'",
                          self.label_set(g, frame, local_object))
        finally:
            del frame, caller, g

    def test_labels_are_str_or_none(self):
        a = Plain()
        objects = [a, vars(a), Plain, [a], {"a": a}, (a,), a.method]
        g = ObjectGraph(objects)
        self.assertGreater(len(g.edges), 0)
        for e in g.edges:
            label = g.edge_label(e)
            self.assertTrue(label is None or isinstance(label, str), label)


class TestLongChain(unittest.TestCase):
    N = 10 ** 6

    def test_million_chain(self):
        start = []
        node = start
        nodes = [start]
        append = nodes.append
        for _ in range(self.N):
            nxt = []
            node.append(nxt)
            append(nxt)
            node = nxt
        end = node
        t0 = time.perf_counter()
        g = ObjectGraph(nodes)
        self.assertEqual(len(g), self.N + 1)
        self.assertEqual(len(g.edges), self.N)
        ancestors = g.ancestors(end)
        self.assertEqual(len(ancestors), self.N + 1)
        self.assertIn(start, ancestors)
        del ancestors
        path = g.shortest_path(start, end)
        self.assertEqual(len(path), self.N + 1)
        self.assertEqual(len(path.edges), self.N)
        del path
        self.assertEqual(len(g.descendants(start, generations=10)), 11)
        # Close the ring: one strongly connected component.
        end.append(start)
        ring = ObjectGraph(nodes)
        sccs = ring.strongly_connected_components()
        self.assertEqual(len(sccs), 1)
        self.assertEqual(len(sccs[0]), self.N + 1)
        self.assertEqual(len(ring.shortest_cycle(end)), self.N + 1)
        elapsed = time.perf_counter() - t0
        self.assertLess(elapsed, 30.0)
        del sccs, ring, g
        # Break the ring so the nested lists are freed without recursion.
        end.clear()
        for lst in nodes:
            lst.clear()


if __name__ == "__main__":
    unittest.main()
