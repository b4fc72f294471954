"""Reference leaks, on a debug interpreter (sys.gettotalrefcount, as in
Debian's python3-dbg): many rounds of each operation, after warm-up
rounds, leave the total reference count where it was.  A memory-growth
check (resident set size) runs on every interpreter."""

import gc
import os
import shutil
import tempfile
import sys
import unittest

import refcycle

import support

WARMUP = 50
ROUNDS = 100
TOLERANCE = 100


class Node(object):
    pass


def make_garbage():
    a = Node()
    b = Node()
    a.other = b
    b.other = a


@unittest.skipUnless(support.is_debug_build(),
                     "needs a debug interpreter (sys.gettotalrefcount)")
class TestRefLeaks(unittest.TestCase):
    def setUp(self):
        self.nodes = [[i] for i in range(50)]
        for i, node in enumerate(self.nodes):
            node.append(self.nodes[(i + 1) % 50])
            node.append(self.nodes[(i * 7) % 50])
        self.graph = refcycle.ObjectGraph(self.nodes)

    def tearDown(self):
        del self.graph, self.nodes

    def assertNoLeak(self, operation, rounds=ROUNDS, warmup=WARMUP,
                     batch=25, max_batches=16, blocks=True):
        """Run operation `warmup` times, then `rounds` times: the total
        reference count may not grow by TOLERANCE.  Then in batches of
        `batch` rounds: the number of allocated memory blocks must settle
        (two batches in a row growing by less than half a block per
        round) within max_batches batches.  Free lists and caches of the
        interpreter fill up over the first few hundred rounds, so one
        batch proves nothing; a leak never settles."""
        for _ in range(warmup):
            operation()
        gc.collect()
        sys._clear_type_cache()
        start_refs = sys.gettotalrefcount()
        for _ in range(rounds):
            operation()
        gc.collect()
        refs = sys.gettotalrefcount() - start_refs
        self.assertLess(refs, TOLERANCE,
                        "total refcount grew by %d in %d rounds"
                        % (refs, rounds))
        if not blocks:
            return
        limit = max(2, batch // 2)
        deltas = []
        while len(deltas) < max_batches:
            before_blocks = sys.getallocatedblocks()
            for _ in range(batch):
                operation()
            gc.collect()
            deltas.append(sys.getallocatedblocks() - before_blocks)
            if len(deltas) >= 2 and max(deltas[-2:]) < limit:
                return
        self.fail("allocated blocks grew in batches of %d rounds: %r"
                  % (batch, deltas))

    def test_snapshot(self):
        def operation():
            g = refcycle.snapshot()
            del g
        self.assertNoLeak(operation)

    def test_snapshot_queries(self):
        def operation():
            g = refcycle.snapshot()
            node = self.nodes[0]
            g.parents(node)
            g.children(node)
            g.edge_label(g.out_edges(node)[0])
            g.ancestors(node, generations=2)
            del g, node
        self.assertNoLeak(operation, rounds=40, warmup=10, batch=10)

    def test_labels_of_private_and_compiled_types(self):
        import asyncio
        import collections
        import contextvars
        import functools
        loop = asyncio.new_event_loop()
        self.addCleanup(loop.close)
        cached = functools.lru_cache(maxsize=8)(lambda x: [x])
        for i in range(4):
            cached((i,))
        fut = loop.create_future()
        fut.add_done_callback(lambda f: None)
        var = contextvars.ContextVar("v")
        ctx = contextvars.Context()
        ctx.run(var.set, ["value"])
        objects = [cached, fut, ctx, collections.deque([[1], [2]]),
                   collections.OrderedDict([((1, object()), [2])]), ["x"].__add__]
        try:
            import mypy.nodes
            objects.append(mypy.nodes.FuncDef("f", [], mypy.nodes.Block([])))
        except ImportError:
            pass

        def operation():
            for obj in objects:
                g = refcycle.ObjectGraph([obj] + gc.get_referents(obj))
                for e in g.out_edges(obj):
                    g.edge_label(e)
                g.node_label(obj)
                del g
        self.assertNoLeak(operation, rounds=40, warmup=10, batch=10)

    def test_roots_and_dominators(self):
        def operation():
            g = refcycle.snapshot()
            node = self.nodes[0]
            g.roots()
            g.external_refs(node)
            g.path_to_root(node, exclude_types=["dict"], exclude_labels=["x"])
            g.retained_size(node)
            g.immediate_dominator(node)
            g.dominated(node)
            try:
                g.path_to_root(node, exclude_edges=g.in_edges(node),
                               exclude_types=["frame"])
            except ValueError:
                pass
            del g, node
        # References only: on a whole snapshot the allocated blocks drift
        # down slowly over hundreds of rounds (not understood yet; on a
        # small graph they settle at once, see test_dominators_small).
        self.assertNoLeak(operation, rounds=20, warmup=5, blocks=False)

    def test_dominators_small(self):
        def operation():
            g = refcycle.ObjectGraph(self.nodes)
            node = self.nodes[0]
            g.roots()
            g.retained_size(node)
            g.immediate_dominator(node)
            g.dominated(node)
            g.path_to_root(node, exclude_labels=["item[0]"])
            g.unreachable()
            g.size_by_typename()
        self.assertNoLeak(operation)

    def test_object_graph(self):
        def operation():
            refcycle.ObjectGraph(self.nodes + [[], {}, (1,)])
        self.assertNoLeak(operation)

    def test_ancestors_descendants(self):
        g = self.graph
        node = self.nodes[3]

        def operation():
            g.ancestors(node)
            g.ancestors(node, generations=2)
            g.descendants(node, generations=1)
        self.assertNoLeak(operation)

    def test_shortest_path_and_cycle(self):
        g = self.graph
        a, b = self.nodes[0], self.nodes[25]

        def operation():
            g.shortest_path(a, b)
            g.shortest_cycle(a)
        self.assertNoLeak(operation)

    def test_components_and_subgraphs(self):
        g = self.graph
        half = self.nodes[:25]

        def operation():
            g.strongly_connected_components()
            g.source_components()
            sub = g.full_subgraph(half)
            g - sub
            g & sub
        self.assertNoLeak(operation)

    def test_accessors(self):
        g = self.graph
        node = self.nodes[7]

        def operation():
            list(g)
            list(g.vertices)
            list(g.edges)
            g.references()
            g.children(node)
            g.parents(node)
            g.in_edges(node)
            g.out_edges(node)
            g.head(0)
            g.tail(0)
            g.edge_label(0)
            node in g
            repr(g)
            g.count_by_typename()
            g.find_by_typename("list")
            g.owned_objects()
        # count_by_typename fills interpreter caches (import and method
        # lookups) for a couple of thousand rounds before they settle:
        # not a leak, but longer than the default warm-up.
        self.assertNoLeak(operation, warmup=1500)

    def test_errors(self):
        g = self.graph
        outsider = []

        def operation():
            for call in (lambda: g.children(outsider),
                         lambda: g.head(10 ** 6),
                         lambda: g.head("x"),
                         lambda: g.shortest_path(self.nodes[0], outsider)):
                try:
                    call()
                except (KeyError, TypeError, ValueError):
                    pass
            try:
                refcycle.ObjectGraph(5)
            except TypeError:
                pass
        self.assertNoLeak(operation)

    def test_export(self):
        g = self.graph
        tmp = tempfile.mkdtemp(prefix="refcycle-leak-")
        self.addCleanup(shutil.rmtree, tmp)
        svg = os.path.join(tmp, "g.svg")
        js = os.path.join(tmp, "g.json")

        def operation():
            g.to_dot()
            text = g.to_json()
            g.export_json(js)
            ag = g.annotated()
            ag.ancestors(next(iter(ag)), generations=2)
            refcycle.AnnotatedGraph.from_json(text)
            refcycle.AnnotatedGraph.import_json(js)
            g.node_label(self.nodes[0])
            g.export_image(svg)
            for bad in ("nosuchformat", None):
                try:
                    g.export_image(os.path.join(tmp, "x.bad"), format=bad)
                except ValueError:
                    pass
        # Only the reference count: json.loads and io fill interpreter
        # caches (allocated blocks) for about a thousand rounds before
        # they settle, longer than this test runs.
        self.assertNoLeak(operation, rounds=40, warmup=10, blocks=False)

    def test_save_and_load(self):
        g = self.graph
        tmp = tempfile.mkdtemp(prefix="refcycle-leak-")
        self.addCleanup(shutil.rmtree, tmp)
        path = os.path.join(tmp, "g.rcsnap")
        bad = os.path.join(tmp, "bad.rcsnap")
        with open(bad, "wb") as f:
            f.write(b"\x89RCSNAP\n" + b"\0" * 100)

        def operation():
            g.save(path)
            h = refcycle.load(path)
            r = next(iter(h))
            h.retained_size(r)
            h.path_to_root(r)
            h.count_by_typename()
            h.save(path)
            for wrong in (bad, os.path.join(tmp, "missing.rcsnap"), tmp):
                try:
                    refcycle.load(wrong)
                except (ValueError, OSError):
                    pass
            try:
                g.save(os.path.join(tmp, "no", "dir"))
            except OSError:
                pass
        self.assertNoLeak(operation, rounds=60, warmup=20, blocks=False)

    def test_diff(self):
        before = refcycle.ObjectGraph(self.nodes[:25])

        def operation():
            after = refcycle.ObjectGraph(self.nodes)
            d = refcycle.diff(before, after)
            d.growth(3)
        self.assertNoLeak(operation, rounds=60, warmup=20, blocks=False)

    def test_garbage(self):
        def operation():
            make_garbage()
            g = refcycle.garbage()
            del g
        self.assertNoLeak(operation)

    def test_cycles_created_by(self):
        def operation():
            refcycle.cycles_created_by(make_garbage)
        self.assertNoLeak(operation)

    def test_objects_reachable_from(self):
        def operation():
            refcycle.objects_reachable_from(self.nodes[0])
        self.assertNoLeak(operation)

    def test_report(self):
        g = self.graph
        tmp = tempfile.mkdtemp(prefix="refcycle-leak-")
        self.addCleanup(shutil.rmtree, tmp)
        page = os.path.join(tmp, "r.html")
        before = refcycle.snapshot()
        census = refcycle.census()
        from refcycle import _watch
        refcycle.watch(self.nodes[1])
        self.addCleanup(_watch._forget_all)

        def operation():
            g.report(page, objects=self.nodes[:3], title="t")
            g.report(page, since=census)
            g.report(page, since=before)
            for bad in ({"since": 42}, {"objects": [object()]}, {"title": b"x"}):
                try:
                    g.report(page, **bad)
                except (TypeError, ValueError, KeyError):
                    pass
            try:
                g.report(os.path.join(tmp, "no", "r.html"))
            except OSError:
                pass
        self.assertNoLeak(operation, rounds=30, warmup=10, blocks=False)
        del before

    def test_census_and_new_since(self):
        def operation():
            c = refcycle.census()
            c.counts
            c.sizes
            self.nodes[0] in c
            self.graph.new_since(c)
            refcycle.growth(c, limit=3, collect=False)
        self.assertNoLeak(operation, rounds=40, warmup=20, blocks=False)

    def test_census_of_a_file(self):
        path = os.path.join(tempfile.mkdtemp(), "g.rcsnap")
        self.addCleanup(shutil.rmtree, os.path.dirname(path))
        self.graph.save(path)

        def operation():
            c = refcycle.census(path)
            self.graph.new_since(c)
        self.assertNoLeak(operation, rounds=40, warmup=20, blocks=False)

    def test_suspects_and_at(self):
        def operation():
            self.graph.suspects(threshold=0.05)
            self.graph.at(id(self.nodes[3]))
            self.graph.allocated_at(self.nodes[3])
            try:
                self.graph.at(1)
            except KeyError:
                pass
            try:
                self.graph.suspects(threshold=2)
            except ValueError:
                pass
        self.assertNoLeak(operation, rounds=60, warmup=20, blocks=False)

    def test_watch_and_leaks(self):
        from refcycle import _watch

        def operation():
            refcycle.watch(self.nodes[5], "kept")
            refcycle.leaks(collect=False, known=True)
            _watch._forget_all()
        self.assertNoLeak(operation, rounds=20, warmup=10, blocks=False)


class TestMemoryGrowth(unittest.TestCase):
    def test_repeated_snapshots_do_not_grow_rss(self):
        if support.rss_bytes() is None:
            self.skipTest("no /proc/self/statm")
        if support.under_asan():
            self.skipTest("AddressSanitizer keeps freed memory resident")
        # 200,000 extra objects make each snapshot a few MiB of arrays.
        extra = [[i] for i in range(200000)]
        for _ in range(3):
            g = refcycle.snapshot()
            del g
        gc.collect()
        before = support.rss_bytes()
        for _ in range(30):
            g = refcycle.snapshot()
            g.ancestors(extra[0], generations=1)
            del g
        gc.collect()
        growth = support.rss_bytes() - before
        self.assertLess(growth, 32 * 2 ** 20,
                        "RSS grew by %d bytes over 30 snapshots" % growth)
        del extra


if __name__ == "__main__":
    unittest.main()
