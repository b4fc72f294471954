"""Edge labels of the standard library's C types whose structs are
private: functools.lru_cache, asyncio's Future and Task, contextvars and
the hamt behind them, collections.deque and OrderedDict, mappingproxy,
method-wrapper, and the object a suspended generator or coroutine
awaits.  Every reference of each object is checked, so a field read at
the wrong place shows here on the version that lays it out differently."""

import asyncio
import collections
import contextvars
import functools
import gc
import sys
import types
import unittest

from refcycle import ObjectGraph

import support  # noqa: F401  (puts the build tree first)

PY310 = sys.version_info >= (3, 10)
PY311 = sys.version_info >= (3, 11)
PY312 = sys.version_info >= (3, 12)


def all_labels(obj, *also):
    """Every referent of obj with its labels: [(referent, [labels])], in
    the graph of obj, what it refers to, and also."""
    referents = gc.get_referents(obj)
    graph = ObjectGraph([obj] + referents + list(also))
    out = {}
    for e in graph.out_edges(obj):
        out.setdefault(id(graph.head(e)), (graph.head(e), []))[1].append(
            graph.edge_label(e))
    return list(out.values())


def labels_of(obj, target, *also):
    for referent, labels in all_labels(obj, target, *also):
        if referent is target:
            return labels
    return []


class NamedEveryReference(object):
    def assertAllNamed(self, obj, *also):
        """No reference of obj is left to its place (or None)."""
        for referent, labels in all_labels(obj, *also):
            for label in labels:
                self.assertIsNotNone(label, type(referent))
                self.assertFalse(label.startswith("field #"),
                                 (type(referent), label))


def cached_list(key):
    return [key]


class TestLruCache(unittest.TestCase, NamedEveryReference):
    def test_bounded_cache(self):
        wrapper = functools.lru_cache(maxsize=8)(cached_list)
        keys = [("k", i, object()) for i in range(3)]
        results = [wrapper(k) for k in keys]
        self.assertEqual(labels_of(wrapper, cached_list), ["__wrapped__"])
        # The C cache keys a call by its arguments' tuple.
        for key, result in zip(keys, results):
            args, = [r for r in gc.get_referents(wrapper)
                     if type(r) is tuple and r == (key,)]
            self.assertEqual(labels_of(wrapper, args), ["cache key"])
            self.assertEqual(labels_of(wrapper, result), ["cache result"])
        cache = [r for r in gc.get_referents(wrapper) if type(r) is dict
                 and len(r) == 3][0]
        self.assertEqual(labels_of(wrapper, cache), ["cache"])
        self.assertAllNamed(wrapper)

    def test_summary_names_the_function(self):
        wrapper = functools.lru_cache(maxsize=8)(cached_list)
        wrapper(("a",))
        wrapper(("b",))
        label = ObjectGraph([wrapper]).node_label(wrapper)
        self.assertTrue(label.startswith("lru_cache\ncached_list\n2 entries"), label)

    def test_entry_type_is_one_label(self):
        wrapper = functools.lru_cache(maxsize=8)(cached_list)
        for i in range(3):
            wrapper((i, "x"))
        types_held = [r for r in gc.get_referents(wrapper)
                      if isinstance(r, type) and r.__name__ == "_lru_list_elem"]
        if not PY310:
            self.assertEqual(types_held, [])
            return
        entry = types_held[0]
        self.assertEqual(set(labels_of(wrapper, entry)), {"cache entry type"})
        self.assertEqual(len(labels_of(wrapper, entry)), 4)

    def test_unbounded_cache(self):
        wrapper = functools.lru_cache(maxsize=None)(cached_list)
        key = ("k", object())
        result = wrapper(key)
        self.assertEqual(labels_of(wrapper, cached_list), ["__wrapped__"])
        self.assertEqual(labels_of(wrapper, key), [])   # in the cache dict
        self.assertEqual(labels_of(wrapper, result), [])
        self.assertAllNamed(wrapper)

    def test_cache_method(self):
        class Holder(object):
            @functools.lru_cache(maxsize=4)
            def get(self, n):
                return [n]
        h = Holder()
        h.get(1)
        wrapper = Holder.__dict__["get"]
        key, = [r for r in gc.get_referents(wrapper) if type(r) is tuple
                and r[:1] == (h,)]   # the call's arguments
        self.assertEqual(labels_of(wrapper, key), ["cache key"])
        self.assertAllNamed(wrapper)


async def sleeper(box):
    held = box
    await asyncio.sleep(3600)
    return held


class TestAsyncio(unittest.TestCase, NamedEveryReference):
    def setUp(self):
        self.loop = asyncio.new_event_loop()

    def tearDown(self):
        self.loop.close()

    def test_future(self):
        fut = self.loop.create_future()
        first, second = (lambda f: None), (lambda f: None)
        fut.add_done_callback(first)
        fut.add_done_callback(second)
        self.assertEqual(labels_of(fut, self.loop), ["_loop"])
        self.assertEqual(labels_of(fut, first), ["callback"])
        callbacks = [r for r in gc.get_referents(fut) if type(r) is list][0]
        self.assertEqual(labels_of(fut, callbacks), ["_callbacks"])
        self.assertAllNamed(fut)
        result = ["result"]
        fut.set_result(result)
        self.assertEqual(labels_of(fut, result), ["_result"])
        self.assertAllNamed(fut)

    def test_future_exception(self):
        fut = self.loop.create_future()
        error = ValueError("x")
        fut.set_exception(error)
        self.assertEqual(labels_of(fut, error), ["_exception"])
        self.assertAllNamed(fut)
        fut.exception()

    def test_task_and_its_coroutine(self):
        box = ["box"]
        coro = sleeper(box)
        task = self.loop.create_task(coro)
        self.loop.run_until_complete(asyncio.sleep(0))
        self.assertEqual(labels_of(task, coro), ["_coro"])
        self.assertEqual(labels_of(task, self.loop), ["_loop"])
        waiter = [r for r in gc.get_referents(task)
                  if isinstance(r, asyncio.Future)][0]
        self.assertEqual(labels_of(task, waiter), ["_fut_waiter"])
        self.assertAllNamed(task)
        self.assertAllNamed(waiter)
        # The suspended coroutine: its local, and what it awaits (in its
        # frame object before 3.11).
        holder = coro if PY311 else coro.cr_frame
        self.assertEqual(labels_of(holder, box), ["local 'box'", "local 'held'"])
        awaited = coro.cr_await
        self.assertIsNotNone(awaited)
        self.assertEqual(labels_of(holder, awaited)[-1:], ["cr_await"])
        task.cancel()
        self.loop.run_until_complete(asyncio.gather(task, return_exceptions=True))

    def test_task_summary(self):
        task = self.loop.create_task(sleeper([]), name="worker-7")
        self.loop.run_until_complete(asyncio.sleep(0))
        label = ObjectGraph([task]).node_label(task)
        self.assertTrue(label.startswith("Task\nworker-7\nsleeper\n"), label)
        task.cancel()
        self.loop.run_until_complete(asyncio.gather(task, return_exceptions=True))

    def test_subclass_of_future(self):
        class MyFuture(asyncio.Future):
            pass
        fut = MyFuture(loop=self.loop)
        fut.note = ["note"]
        self.assertEqual(labels_of(fut, self.loop), ["_loop"])
        self.assertAllNamed(fut)


class TestContextVars(unittest.TestCase, NamedEveryReference):
    def test_context_and_hamt(self):
        var = contextvars.ContextVar("answer")
        value = ["forty-two"]

        def inner():
            var.set(value)
            return contextvars.copy_context()
        ctx = contextvars.Context().run(inner)
        self.assertAllNamed(ctx)
        hamt, = [r for r in gc.get_referents(ctx)]
        self.assertEqual(labels_of(ctx, hamt), ["variables"])
        root, = gc.get_referents(hamt)
        self.assertEqual(labels_of(hamt, root), ["root"])
        self.assertEqual(labels_of(root, var), ["key"])
        self.assertEqual(labels_of(root, value), ["value[<ContextVar name='answer'>]"])

    def test_many_variables(self):
        vars_ = [contextvars.ContextVar("v%d" % i) for i in range(40)]
        values = [["x%d" % i] for i in range(40)]

        def inner():
            for v, x in zip(vars_, values):
                v.set(x)
            return contextvars.copy_context()
        ctx = contextvars.Context().run(inner)
        seen, nodes = set(), [ctx]
        while nodes:
            node = nodes.pop()
            if id(node) in seen or type(node) in (list, str):
                continue
            seen.add(id(node))
            self.assertAllNamed(node)
            nodes.extend(r for r in gc.get_referents(node)
                         if type(r) is not contextvars.ContextVar)

    def test_token_and_var(self):
        var = contextvars.ContextVar("v", default=["d"])
        token = var.set(["new"])
        self.assertEqual(labels_of(token, var), ["var"])
        self.assertAllNamed(token)
        self.assertAllNamed(var)
        var.reset(token)


class TestCollections(unittest.TestCase, NamedEveryReference):
    def test_deque_items_by_position(self):
        x, y = ["x"], ["y"]
        d = collections.deque([x] + [[i] for i in range(100)] + [y, x])
        d.rotate(5)
        self.assertEqual(labels_of(d, x),
                         ["item[%d]" % i for i, o in enumerate(d) if o is x])
        self.assertEqual(labels_of(d, y), ["item[%d]" % list(d).index(y)])
        self.assertAllNamed(d)

    def test_deque_subclass(self):
        class Q(collections.deque):
            pass
        x = ["x"]
        q = Q([1, x])
        self.assertEqual(labels_of(q, x), ["item[1]"])
        self.assertAllNamed(q)

    def test_ordered_dict_keys(self):
        key, value = ("k", object()), ["v"]
        od = collections.OrderedDict([(key, value)])
        self.assertEqual(labels_of(od, key), ["key", "key"])
        self.assertEqual(len(labels_of(od, value)), 1)
        self.assertTrue(labels_of(od, value)[0].startswith("value[<tuple object at"))
        self.assertAllNamed(od)

    def test_defaultdict(self):
        d = collections.defaultdict(list)
        self.assertEqual(labels_of(d, list), ["default_factory"])


class TestDescriptors(unittest.TestCase, NamedEveryReference):
    def test_mappingproxy(self):
        inner = {"a": ["b"]}
        proxy = types.MappingProxyType(inner)
        self.assertEqual(labels_of(proxy, inner), ["mapping"])

    def test_method_wrapper(self):
        holder = ["self"]
        wrapper = holder.__add__
        self.assertEqual(labels_of(wrapper, holder), ["__self__"])
        self.assertAllNamed(wrapper)

    def test_partial_property_classmethod(self):
        f = functools.partial(cached_list, ["arg"], k=["kw"])
        self.assertEqual(labels_of(f, cached_list), ["func"])
        self.assertAllNamed(f)
        getter = (lambda self: 1)
        prop = property(getter)
        self.assertEqual(labels_of(prop, getter), ["fget"])
        self.assertAllNamed(prop)
        cm, sm = classmethod(getter), staticmethod(getter)
        self.assertEqual(labels_of(cm, getter), ["__func__"])
        self.assertEqual(labels_of(sm, getter), ["__func__"])


class TestIterators(unittest.TestCase, NamedEveryReference):
    def test_every_reference_named(self):
        import itertools
        a, b = [[1], [2]], [[3]]
        made = [map(len, a), filter(len, a), zip(a, b), enumerate(a), iter(a),
                reversed(a), iter((1, a)), iter({1: a}), iter({1: a}.values()),
                iter({1: a}.items()), iter({(1, 2)}), iter(list, [0]),
                itertools.chain(a, b), itertools.cycle(a), itertools.islice(a, 1),
                itertools.tee(a)[0], itertools.groupby(a, len),
                itertools.zip_longest(a, b, fillvalue=[0]), itertools.product(a, b),
                itertools.combinations(a, 1), itertools.permutations(a, 1),
                itertools.accumulate(a, max), itertools.starmap(max, [([1], [2])]),
                itertools.filterfalse(len, a), itertools.takewhile(len, a),
                itertools.dropwhile(len, a), itertools.compress(a, b),
                itertools.repeat([1])]
        if hasattr(itertools, "pairwise"):
            made.append(itertools.pairwise(a))
        for it in made:
            try:
                next(it)   # results, saved items, groups: more references
            except StopIteration:
                pass
            self.assertAllNamed(it)

    def test_some_names(self):
        import itertools
        a = [[1]]
        m = map(len, iter(a))
        self.assertEqual(labels_of(m, len), ["function"])
        it = iter(a)
        self.assertEqual(labels_of(it, a), ["sequence"])
        c = itertools.chain(a, [])
        self.assertEqual(len(labels_of(c, a)), 0)   # held by the source's tuple
        g = itertools.groupby(a, len)
        self.assertEqual(labels_of(g, len), ["key function"])


class TestTextIO(unittest.TestCase, NamedEveryReference):
    def test_text_file(self):
        import io
        import os
        import tempfile
        fd, path = tempfile.mkstemp()
        os.close(fd)
        try:
            with open(path, "w+", encoding="utf-8") as f:
                f.write("text\n")
                f.seek(0)
                f.read()
                self.assertEqual(labels_of(f, f.buffer), ["buffer"])
                self.assertEqual(labels_of(f, f.buffer.raw), ["raw"])
                self.assertAllNamed(f)
                self.assertIsInstance(f, io.TextIOWrapper)
        finally:
            os.unlink(path)


CALLED = []


def hostile(base):
    """A subclass of base whose Python-level methods record any call."""
    def record(name):
        def method(self, *args, **kwargs):
            CALLED.append(name)
            return getattr(base, name)(self, *args, **kwargs)
        return method
    names = ["__getattribute__", "__getattr__", "__eq__", "__hash__", "__len__",
             "__iter__", "__getitem__", "__repr__", "keys", "items", "values"]
    return type("Hostile" + base.__name__, (base,),
                {n: record(n) for n in names if hasattr(base, n) or n == "__getattr__"})


class TestNoUserCode(unittest.TestCase):
    def test_subclasses_run_nothing(self):
        loop = asyncio.new_event_loop()
        self.addCleanup(loop.close)
        x = ["x"]
        objects = [hostile(collections.deque)([x, ["y"]]),
                   hostile(collections.OrderedDict)([((1, object()), x)]),
                   hostile(collections.defaultdict)(list, {"k": x}),
                   hostile(asyncio.Future)(loop=loop)]
        graphs = [ObjectGraph([o] + gc.get_referents(o)) for o in objects]
        del CALLED[:]
        for g, o in zip(graphs, objects):
            for e in g.out_edges(o):
                self.assertIsNotNone(g.edge_label(e))
            g.node_label(o)
        self.assertEqual(CALLED, [])


class TestGeneratorsAwait(unittest.TestCase):
    def test_generator_yield_from(self):
        def inner():
            yield 1

        def outer():
            yield from inner_gen

        inner_gen = inner()
        gen = outer()
        next(gen)
        holder = gen if PY311 else gen.gi_frame
        self.assertIn("gi_yieldfrom", labels_of(holder, inner_gen))


if __name__ == "__main__":
    unittest.main()
