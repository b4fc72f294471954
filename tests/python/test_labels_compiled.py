"""Edge labels of compiled classes, on the real programs Debian ships:
mypy's native classes (compiled by mypyc, which records each class's
attribute names) and the functions Cython compiles (pandas).  Each test
skips cleanly where the package is absent or not compiled."""

import gc
import unittest

from refcycle import ObjectGraph

import support  # noqa: F401  (puts the build tree first)


def labels_of(obj, target):
    graph = ObjectGraph([obj, target])
    return [graph.edge_label(e) for e in graph.out_edges(obj)
            if graph.head(e) is target]


def every_label(obj):
    graph = ObjectGraph([obj] + gc.get_referents(obj))
    return [graph.edge_label(e) for e in graph.out_edges(obj)]


def mypyc_nodes():
    try:
        import mypy.nodes as nodes
    except ImportError:
        raise unittest.SkipTest("mypy is not installed")
    if "__mypyc_attrs__" not in vars(nodes.FuncDef):
        raise unittest.SkipTest("this mypy is not compiled with mypyc")
    return nodes


class TestMypyc(unittest.TestCase):
    def test_attributes_by_name(self):
        nodes = mypyc_nodes()
        body = nodes.Block([])
        func = nodes.FuncDef("f", [], body)
        self.assertEqual(labels_of(func, body), [".body"])
        self.assertEqual(labels_of(func, func.arguments), [".arguments"])
        for label in every_label(func):
            self.assertTrue(label.startswith("."), label)

    def test_two_attributes_one_object(self):
        nodes = mypyc_nodes()
        import mypy.types as types
        func = nodes.FuncDef("f", [], nodes.Block([]))
        sig = types.AnyType(0)
        func.type = func.unanalyzed_type = sig
        self.assertEqual(sorted(labels_of(func, sig)), [".type", ".unanalyzed_type"])

    def test_unset_attribute_is_skipped(self):
        nodes = mypyc_nodes()
        var = nodes.Var("v")
        for label in every_label(var):
            self.assertTrue(label.startswith("."), label)

    def test_no_dict_made(self):
        nodes = mypyc_nodes()
        func = nodes.FuncDef("f", [], nodes.Block([]))
        before = gc.get_referents(func)
        every_label(func)
        self.assertEqual([id(r) for r in gc.get_referents(func)],
                         [id(r) for r in before])


class TestRealHeap(unittest.TestCase):
    def test_a_type_checkers_heap_is_labelled(self):
        # mypy checking a small module: its heap is mostly native classes.
        mypyc_nodes()
        import os
        import random
        import shutil
        import tempfile
        from mypy import build
        from mypy.modulefinder import BuildSource
        from mypy.options import Options
        import refcycle
        d = tempfile.mkdtemp(prefix="refcycle-mypy-")
        self.addCleanup(shutil.rmtree, d)
        path = os.path.join(d, "m.py")
        with open(path, "w") as f:
            f.write("class A:\n    def f(self, x: int) -> str:\n        return str(x)\n")
        options = Options()
        options.incremental = False
        options.cache_dir = os.path.join(d, "cache")   # not the build tree
        result = build.build([BuildSource(path, None)], options)
        g = refcycle.snapshot()
        edges = list(g.edges)
        random.seed(7)
        sample = random.sample(edges, min(3000, len(edges)))
        labels = [g.edge_label(e) for e in sample]
        unlabelled = sum(1 for l in labels if l is None)
        placed = sum(1 for l in labels if l is not None and l.startswith("field #"))
        self.assertLessEqual(unlabelled, len(sample) * 0.005)
        self.assertLessEqual(placed, len(sample) * 0.15)
        del g, result


class TestCython(unittest.TestCase):
    def test_function_globals(self):
        try:
            from pandas._libs.tslibs import dtypes
        except ImportError:
            raise unittest.SkipTest("pandas is not installed")
        func = vars(dtypes.Resolution).get("__lt__")
        if type(func).__name__ != "cython_function_or_method":
            raise unittest.SkipTest("Resolution.__lt__ is not a Cython function")
        self.assertEqual(labels_of(func, vars(dtypes)), ["__globals__"])
        graph = ObjectGraph([func] + gc.get_referents(func))
        for e in graph.out_edges(func):
            if gc.is_tracked(graph.head(e)):
                self.assertFalse(graph.edge_label(e).startswith("field #"))


if __name__ == "__main__":
    unittest.main()
