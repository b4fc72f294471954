"""Edge labels: what each reference is, read from the referrer's builtin
structure, in the forms of the refcycle package, plus ".name" for
instance attributes held outside any dict (__slots__, and 3.11+ values
kept without a __dict__).  Labelling never runs user code, never creates
a __dict__, and gives None rather than a guess."""

import collections
import functools
import gc
import json
import queue
import sys
import threading
import time
import types
import unittest
import weakref

import refcycle
from refcycle import ObjectGraph

import support

PY310 = sys.version_info >= (3, 10)
PY311 = sys.version_info >= (3, 11)
PY312 = sys.version_info >= (3, 12)
PY313 = sys.version_info >= (3, 13)


def labels_between(graph, tail, head):
    """Labels of the edges of graph from tail to head, in edge order."""
    return [graph.edge_label(e) for e in graph.out_edges(tail)
            if graph.head(e) is head]


def labels(tail, head, *others):
    """Labels of the references from tail to head, in a graph of tail,
    head and others."""
    return labels_between(ObjectGraph([tail, head] + list(others)),
                          tail, head)


def type_dict(cls):
    """The dict a class holds (cls.__dict__ is a mappingproxy)."""
    return [r for r in gc.get_referents(cls) if type(r) is dict][0]


class Thing(object):
    pass


class TestContainers(unittest.TestCase):
    def test_dict_values_by_key_repr(self):
        x = ["x"]
        cases = {"name": "value['name']", 3: "value[3]", 2.5: "value[2.5]",
                 b"raw": "value[b'raw']", None: "value[None]",
                 True: "value[True]", (1, "a"): "value[(1, 'a')]",
                 (1,): "value[(1,)]"}
        for key, expected in cases.items():
            d = {key: x}
            self.assertEqual(labels(d, x), [expected], key)

    def test_dict_key(self):
        key, value = Thing(), ["v"]
        d = {key: value}
        self.assertEqual(labels(d, key), ["key"])
        label, = labels(d, value)
        self.assertEqual(label, "value[<Thing object at %#x>]" % id(key))

    def test_dict_parallel_values_in_order(self):
        x = ["x"]
        d = {"a": x, "b": ["other"], "c": x}
        self.assertEqual(labels(d, x), ["value['a']", "value['c']"])

    def test_long_key_is_capped(self):
        x = ["x"]
        label, = labels({"k" * 5000: x}, x)
        self.assertLessEqual(len(label), 200)
        self.assertTrue(label.startswith("value['kkk"))
        self.assertTrue(label.endswith("..."))

    def test_list_and_tuple_items(self):
        x, y = ["x"], ["y"]
        self.assertEqual(labels([x, y, x], x), ["item[0]", "item[2]"])
        self.assertEqual(labels([x, y, x], y), ["item[1]"])
        self.assertEqual(labels((y, x, x), x), ["item[1]", "item[2]"])

    def test_parallel_edges_follow_index_order(self):
        x = ["x"]
        big = [x] * 5
        g = ObjectGraph([big, x])
        self.assertEqual([g.edge_label(e) for e in g.out_edges(big)],
                         ["item[%d]" % i for i in range(5)])

    def test_set_and_frozenset_elements(self):
        x = Thing()
        self.assertEqual(labels({x, 1}, x), ["element"])
        self.assertEqual(labels(frozenset([x]), x), ["element"])


class TestFunctions(unittest.TestCase):
    def make(self):
        captured = ["captured"]

        def f(a=["default"], *, b=["kwdefault"]) -> ["return"]:
            return captured
        f.__doc__ = ["doc"]
        f.__qualname__ = "Qualified.f"
        f.attribute = 1
        return f

    def test_fields(self):
        f = self.make()
        fields = {
            "__defaults__": f.__defaults__,
            "__kwdefaults__": f.__kwdefaults__,
            "__closure__": f.__closure__,
            "__globals__": f.__globals__,
            "__code__": f.__code__,
            "__name__": f.__name__,
            "__qualname__": f.__qualname__,
            "__doc__": f.__doc__,
            "__dict__": f.__dict__,
            "__annotations__": f.__annotations__,
            "__module__": f.__module__,
        }
        if PY310:
            fields["__builtins__"] = f.__builtins__
        for name, value in fields.items():
            self.assertEqual(labels(f, value), [name], name)

    @unittest.skipUnless(PY312, "__type_params__ is new in Python 3.12")
    def test_type_params(self):
        ns = {}
        exec("def g[T](x: T) -> T:\n    return x\n", ns)
        g = ns["g"]
        self.assertEqual(labels(g, g.__type_params__), ["__type_params__"])

    def test_cell_contents(self):
        f = self.make()
        cell = f.__closure__[0]
        self.assertEqual(labels(cell, cell.cell_contents), ["cell_contents"])
        self.assertEqual(labels(f.__closure__, cell), ["item[0]"])

    def test_bound_method(self):
        obj = Thing()
        Thing.method = lambda self: None
        try:
            m = obj.method
            self.assertEqual(labels(m, obj), ["__self__"])
            self.assertEqual(labels(m, m.__func__), ["__func__"])
        finally:
            del Thing.method

    def test_builtin_method_self(self):
        x = ["x"]
        self.assertEqual(labels(x.append, x), ["__self__"])

    def test_descriptors(self):
        for descr in (list.__dict__["append"],                    # method
                      dict.__dict__["fromkeys"],                  # classmethod
                      types.FunctionType.__dict__["__code__"],    # getset
                      types.FunctionType.__dict__["__globals__"],  # member
                      object.__dict__["__init__"]):               # wrapper
            self.assertEqual(labels(descr, descr.__objclass__), ["__objclass__"],
                             type(descr).__name__)

    def test_weakref_callback(self):
        obj = Thing()

        def callback(ref):
            pass
        r = weakref.ref(obj, callback)
        self.assertEqual(labels(r, callback), ["__callback__"])

    def test_members_of_builtin_types(self):
        def f():
            pass
        p = functools.partial(f, ["arg"], k=["kw"])
        self.assertEqual(labels(p, f), ["func"])
        self.assertEqual(labels(p, p.args), ["args"])
        self.assertEqual(labels(p, p.keywords), ["keywords"])
        prop = property(f)
        self.assertEqual(labels(prop, f), ["fget"])
        cm = classmethod(f)
        self.assertEqual(labels(cm, f), ["__func__"])


class TestObjectsAndTypes(unittest.TestCase):
    def test_class_of_heap_type_instance(self):
        obj = Thing()
        self.assertEqual(labels(obj, Thing), ["__class__"])

    def test_existing_instance_dict(self):
        obj = Thing()
        obj.job = ["job"]
        d = vars(obj)   # the test itself creates the dict
        g = ObjectGraph([obj, d, obj.job])
        if labels_between(g, obj, obj.job):   # 3.13 keeps values inline
            self.assertEqual(labels_between(g, obj, obj.job), [".job"])
        else:
            self.assertEqual(labels_between(g, obj, d), ["__dict__"])
            self.assertEqual(labels_between(g, d, obj.job), ["value['job']"])

    def test_type_fields(self):
        class Base(object):
            pass

        class Derived(Base):
            pass
        self.assertEqual(labels(Derived, type_dict(Derived)), ["__dict__"])
        self.assertEqual(labels(Derived, Derived.__mro__), ["__mro__"])
        self.assertEqual(labels(Derived, Derived.__bases__), ["__bases__"])
        self.assertEqual(labels(Derived, Base), ["__base__"])

    def test_metaclass(self):
        class Meta(type):
            pass

        class WithMeta(object, metaclass=Meta):
            pass
        self.assertEqual(labels(WithMeta, Meta), ["__class__"])
        self.assertEqual(labels(WithMeta, WithMeta.__mro__), ["__mro__"])

    def test_module_dict(self):
        m = types.ModuleType("labelled_module")
        self.assertEqual(labels(m, vars(m)), ["__dict__"])

    def test_subclass_of_builtin(self):
        class Items(list):
            __slots__ = ("extra",)
        x = ["x"]
        items = Items([x, x])
        items.extra = x
        self.assertEqual(labels(items, x), [".extra", "item[0]", "item[1]"])
        self.assertEqual(labels(items, Items), ["__class__"])

    def test_dict_subclass_from_c(self):
        d = collections.defaultdict(list)
        x = ["x"]
        d["k"] = x
        self.assertEqual(labels(d, list), ["default_factory"])
        self.assertEqual(labels(d, x), ["value['k']"])

    def test_unidentified_reference_gets_its_place(self):
        # No name the mirror knows: its place in the referrer's
        # traversal, the same for every object of that type.
        # functools.cmp_to_key's wrapper names its object (a member) but
        # not its function (3.9's is not a gc object: nothing to label).
        if not PY310:
            return

        def cmp(a, b):
            return 0
        key = functools.cmp_to_key(cmp)(["x"])
        label, = labels(key, cmp)
        self.assertRegex(label, r"^field #\d of KeyWrapper$")

    def test_modules_types_and_abc_data_are_named(self):
        # A C module's state, a heap type's defining module, the caches of
        # an abstract base class: names, not places.
        import abc
        import collections.abc
        isinstance([], collections.abc.Sized)    # fills an ABC's cache
        g = refcycle.snapshot()
        placed = []
        for v in g:
            kind = type(v).__name__
            if kind in ("module", "_abc_data") or (kind == "type" and type(v) is type):
                for e in g.out_edges(v):
                    label = g.edge_label(e)
                    if label is not None and label.startswith("field #"):
                        placed.append((kind, label))
        self.assertEqual(placed, [])
        impl = [e for e in g.out_edges(g.at(id(collections.abc.Sized._abc_impl)))]
        self.assertTrue({g.edge_label(e) for e in impl}
                        <= {"__class__", "_abc_registry", "_abc_cache", "_abc_negative_cache"})
        self.assertIn("_abc_cache", {g.edge_label(e) for e in impl})
        del g, impl

    def test_compiled_class_fields_are_labelled(self):
        # An object of a C type no mirror knows: every reference labelled.
        import collections
        g = refcycle.snapshot()
        unlabelled = 0
        checked = 0
        for v in g:
            if type(v).__name__ in ("list_iterator", "zip", "map", "filter", "enumerate",
                                    "reversed", "count", "chain", "islice"):
                for e in g.out_edges(v):
                    checked += 1
                    unlabelled += g.edge_label(e) is None
        self.assertEqual(unlabelled, 0, checked)
        del g


class TestInstanceAttributes(unittest.TestCase):
    def test_slots(self):
        class Base(object):
            __slots__ = ("a", "b")

        class Derived(Base):
            __slots__ = ("c",)
        x = ["x"]
        obj = Derived()
        obj.a = x
        obj.b = ["b"]
        obj.c = x
        # subtype_traverse visits the most derived class's slots first.
        self.assertEqual(labels(obj, x), [".c", ".a"])
        self.assertEqual(labels(obj, obj.b), [".b"])

    @unittest.skipUnless(PY311, "attributes without a __dict__ are new in 3.11")
    def test_values_without_dict(self):
        class Job(object):
            def __init__(self):
                self.job = ["job"]
                self.other = ["other"]
        obj = Job()
        self.assertEqual(labels(obj, obj.job), [".job"])
        self.assertEqual(labels(obj, obj.other), [".other"])

    @unittest.skipUnless(PY311, "attributes without a __dict__ are new in 3.11")
    def test_values_in_key_order(self):
        class Job(object):
            def __init__(self, x):
                self.first = x
                self.second = ["second"]
        x = ["x"]
        obj = Job(x)
        obj.third = x
        del obj.first
        obj.first = x    # inserted last, but stored at its key's place
        self.assertEqual(labels(obj, x), [".first", ".third"])

    @unittest.skipUnless(PY311, "attributes without a __dict__ are new in 3.11")
    def test_labelling_creates_no_dict(self):
        class Job(object):
            def __init__(self, value):
                self.value = value
        values = [["value %d" % i] for i in range(300)]
        jobs = [Job(v) for v in values]

        def dict_referrers(value):
            return [r for r in gc.get_referrers(value) if type(r) is dict]
        before = sum(len(dict_referrers(v)) for v in values)
        dicts_before = sum(1 for o in gc.get_objects() if type(o) is dict)
        g = refcycle.snapshot()
        for job in jobs:
            for e in g.out_edges(job):
                g.edge_label(e)
            g.node_label(job)
        g.to_json()
        self.assertEqual([labels_between(g, job, job.value) for job in jobs[:3]],
                         [[".value"]] * 3)
        del g
        gc.collect()
        after = sum(len(dict_referrers(v)) for v in values)
        dicts_after = sum(1 for o in gc.get_objects() if type(o) is dict)
        self.assertEqual(before, 0)
        self.assertEqual(after, 0)
        # 300 materialised dicts would show here (a few come and go).
        self.assertLess(dicts_after - dicts_before, 100)
        for job in jobs:
            self.assertNotIn(dict, [type(r) for r in gc.get_referents(job)])


class TestExceptions(unittest.TestCase):
    def make(self):
        try:
            try:
                raise KeyError("inner")
            except KeyError:
                raise ValueError(["arg"]) from OSError("cause")
        except ValueError as e:
            return e

    def test_fields(self):
        e = self.make()
        e.note = ["attribute"]
        self.assertEqual(labels(e, e.__traceback__), ["__traceback__"])
        self.assertEqual(labels(e, e.__context__), ["__context__"])
        self.assertEqual(labels(e, e.__cause__), ["__cause__"])
        self.assertEqual(labels(e, e.args), ["args"])
        self.assertEqual(labels(e, e.__dict__), ["__dict__"])

    @unittest.skipUnless(PY311, "__notes__ is new in Python 3.11")
    def test_notes(self):
        e = self.make()
        e.add_note("a note")
        g = ObjectGraph([e, e.__dict__, e.__notes__])
        self.assertEqual(labels_between(g, e, e.__dict__), ["__dict__"])
        self.assertEqual(labels_between(g, e.__dict__, e.__notes__),
                         ["value['__notes__']"])

    def test_traceback(self):
        def inner():
            raise KeyError("x")
        try:
            inner()
        except KeyError as e:
            tb = e.__traceback__
        self.assertEqual(labels(tb, tb.tb_next), ["tb_next"])
        self.assertEqual(labels(tb, tb.tb_frame), ["tb_frame"])

    def test_exception_type_with_own_fields(self):
        x = ["filename"]
        e = OSError(2, "no such file")
        e.filename = x
        self.assertEqual(labels(e, x), ["filename"])
        self.assertEqual(labels(e, e.args), ["args"])

    def test_user_exception(self):
        class Failure(Exception):
            pass
        e = Failure(["arg"])
        self.assertEqual(labels(e, e.args), ["args"])
        self.assertEqual(labels(e, Failure), ["__class__"])


def finished_frame():
    """A frame that has returned, with locals a and b the same list, a
    cell and a trace function."""
    shared = ["shared"]
    a = b = shared
    cell_value = ["cell"]

    def inner():
        return cell_value
    frame = sys._getframe()
    frame.f_trace = trace
    del frame
    return sys._getframe(), shared, inner


def trace(*args):
    return None


class TestFrames(unittest.TestCase):
    def test_finished_frame(self):
        frame, shared, inner = finished_frame()
        self.assertEqual(labels(frame, shared),
                         ["local 'shared'", "local 'a'", "local 'b'"])
        self.assertEqual(labels(frame, inner), ["local 'inner'"])
        cell = inner.__closure__[0]
        self.assertEqual(labels(frame, cell), ["local 'cell_value'"])
        self.assertEqual(labels(frame, frame.f_back), ["f_back"])
        self.assertEqual(labels(frame, frame.f_code), ["f_code"])
        self.assertEqual(labels(frame, trace), ["f_trace"])

    @unittest.skipIf(PY311, "3.11+ finished frames hold no globals")
    def test_globals_and_builtins(self):
        frame = finished_frame()[0]
        self.assertEqual(labels(frame, frame.f_globals), ["f_globals"])
        self.assertEqual(labels(frame, frame.f_builtins), ["f_builtins"])

    @unittest.skipUnless(PY311 and not PY313,
                         "3.11 and 3.12 keep the locals dict in the frame")
    def test_locals_dict(self):
        frame = finished_frame()[0]
        f_locals = frame.f_locals
        self.assertEqual(labels(frame, f_locals), ["f_locals"])

    @unittest.skipUnless(PY313, "f_extra_locals is new in Python 3.13")
    def test_extra_locals(self):
        frame = finished_frame()[0]
        frame.f_locals["added"] = ["added"]
        extra = [r for r in gc.get_referents(frame) if type(r) is dict]
        self.assertEqual(len(extra), 1)
        self.assertEqual(labels(frame, extra[0]), ["f_locals"])

    def test_module_frame_locals(self):
        ns = {"sys": sys}
        exec("frame = sys._getframe()", ns)
        frame = ns.pop("frame")
        self.assertIn("f_locals", labels(frame, ns))


def generator(x):
    local = x
    yield local
    yield None


async def coroutine(x):
    local = x
    await Awaitable()
    return local


class Awaitable(object):
    def __await__(self):
        yield None


async def async_generator(x):
    local = x
    yield local


class TestGenerators(unittest.TestCase):
    def test_generator(self):
        x = ["x"]
        gen = generator(x)
        next(gen)
        code = gen.gi_code
        if PY311:
            self.assertEqual(labels(gen, x), ["local 'x'", "local 'local'"])
            self.assertIn("gi_code", labels(gen, code))
            frame = gen.gi_frame
            self.assertEqual(labels(gen, frame), ["gi_frame"])
        else:
            frame = gen.gi_frame
            self.assertEqual(labels(gen, frame), ["gi_frame"])
            self.assertEqual(labels(gen, code), ["gi_code"])
            self.assertEqual(labels(frame, x), ["local 'x'", "local 'local'"])
        self.assertIn("__qualname__", labels(gen, gen.__qualname__))

    def test_coroutine(self):
        x = ["x"]
        coro = coroutine(x)
        coro.send(None)
        try:
            code = coro.cr_code
            self.assertIn("cr_code", labels(coro, code))
            if PY311:
                self.assertEqual(labels(coro, x), ["local 'x'", "local 'local'"])
            frame = coro.cr_frame
            self.assertEqual(labels(coro, frame), ["cr_frame"])
        finally:
            coro.close()

    def test_async_generator(self):
        x = ["x"]
        agen = async_generator(x)
        self.assertIn("ag_code", labels(agen, agen.ag_code))
        if PY311:
            self.assertEqual(labels(agen, x), ["local 'x'"])
        else:
            self.assertEqual(labels(agen, agen.ag_frame), ["ag_frame"])


def blocked(holder, release):
    held = holder
    release.wait()
    return held


# The worked example's own worker and SomeComputation (examples/worker.py).
worker = support.worked_example().worker
SomeComputation = support.worked_example().SomeComputation


class TestRunningFrames(unittest.TestCase):
    def test_every_edge_of_a_running_frame_is_labelled(self):
        holder = ["held by a running frame"]
        with support.BlockedThread(blocked, (holder,)) as t:
            self.assertTrue(support.wait_until(
                lambda: support.blocked_in(t.thread.ident, "blocked")))
            g = refcycle.snapshot()
            frame = [v for v in g if isinstance(v, types.FrameType)
                     and v.f_code is blocked.__code__][0]
            out = dict((g.edge_label(e), g.head(e)) for e in g.out_edges(frame))
            self.assertNotIn(None, out)
            self.assertIs(out["local 'holder'"], holder)
            self.assertIs(out["local 'held'"], holder)
            self.assertIs(out["local 'release'"], t.release)
            self.assertIs(out["f_globals"], globals())
            self.assertIn("f_back", out)
            if PY311:
                self.assertIs(out["f_func"], blocked)
                self.assertIn("f_builtins", out)
            # The thread's frames above: every edge labelled too.
            for e in g.out_edges(out["f_back"]):
                self.assertIsNotNone(g.edge_label(e))
            del g, frame, out

    def test_worked_example_chain(self):
        jobs, results = queue.Queue(), queue.Queue()
        t = threading.Thread(target=worker, args=(jobs, results),
                             name="labels-worker")
        t.daemon = True
        t.start()
        computations = [SomeComputation(n) for n in (11, 15, 17)]
        for c in computations:
            jobs.put(c.compute)
        self.assertEqual([results.get() for c in computations], [121, 225, 289])
        del computations, c

        def waiting():
            names = [f.f_code.co_name for f in support.thread_stack(t.ident)]
            return names[:3] == ["wait", "get", "worker"]
        self.assertTrue(support.wait_until(waiting))
        g = refcycle.snapshot()
        last, = g.find_by(lambda o: type(o) is SomeComputation)
        chain = g.ancestors(last, generations=3)
        told = set()
        for e in chain.edges:
            tail, head = chain.tail(e), chain.head(e)
            told.add((type(tail).__name__, chain.edge_label(e), type(head).__name__))
            if isinstance(tail, types.FrameType):
                self.assertIn("thread labels-worker", chain.node_label(tail))
        self.assertIn(("method", "__self__", "SomeComputation"), told)
        self.assertIn(("frame", "local 'job'", "method"), told)
        self.assertIn(("frame", "f_back", "frame"), told)
        worker_frame = [v for v in g if isinstance(v, types.FrameType)
                        and v.f_code is worker.__code__][0]
        self.assertIn("worker.py:%d" % support.line_of(worker, "jobs_queue.get()"),
                      g.node_label(worker_frame))
        if PY311:
            self.assertEqual(labels_between(g, worker_frame, worker), ["f_func"])
        del g, last, chain, worker_frame
        jobs.put(sys.exit)   # SystemExit ends the worker thread quietly
        t.join(30)


class Recorder(object):
    """Records every call of the special methods labelling must not run."""
    calls = []

    def __init__(self, payload=None):
        object.__setattr__(self, "payload", payload)

    def __eq__(self, other):
        Recorder.calls.append("__eq__")
        return False

    def __ne__(self, other):
        Recorder.calls.append("__ne__")
        return True

    def __hash__(self):
        Recorder.calls.append("__hash__")
        return 1

    def __repr__(self):
        Recorder.calls.append("__repr__")
        return "Recorder()"

    def __str__(self):
        Recorder.calls.append("__str__")
        return "Recorder"

    def __getattr__(self, name):
        Recorder.calls.append("__getattr__")
        raise AttributeError(name)

    def __getattribute__(self, name):
        if name != "__class__":
            Recorder.calls.append("__getattribute__")
        return object.__getattribute__(self, name)


class RecordingKey(str):
    def __repr__(self):
        Recorder.calls.append("str.__repr__")
        return "key"

    def __eq__(self, other):
        Recorder.calls.append("str.__eq__")
        return str.__eq__(self, other)

    def __hash__(self):
        Recorder.calls.append("str.__hash__")
        return str.__hash__(self)


class RecordingMeta(type):
    def __getattribute__(cls, name):
        Recorder.calls.append("meta.__getattribute__")
        return type.__getattribute__(cls, name)

    def __repr__(cls):
        Recorder.calls.append("meta.__repr__")
        return "RecordingClass"


class RecordingClass(object, metaclass=RecordingMeta):
    pass


class TestNoUserCode(unittest.TestCase):
    def test_no_special_method_runs(self):
        payload = ["payload"]
        r = Recorder(payload)
        key = Recorder()
        skey = RecordingKey("name")
        d = {key: payload, skey: r, "plain": r}
        holder = Thing()
        holder.attr = r
        e = ValueError(r)
        e.extra = r
        objects = [r, key, skey, d, holder, e, payload, RecordingClass,
                   RecordingClass(), [r, r], (r,), {r}, vars(Recorder)]
        del Recorder.calls[:]
        g = ObjectGraph(objects)
        got = [g.edge_label(e) for e in g.edges]
        g.to_json()
        for obj in objects:
            g.node_label(obj)
        self.assertEqual(Recorder.calls, [])
        self.assertIn("value[<RecordingKey object at %#x>]" % id(skey), got)
        self.assertIn("value[<Recorder object at %#x>]" % id(key), got)
        self.assertIn("value['plain']", got)


class TestManyEdges(unittest.TestCase):
    def test_export_labels_match_edge_labels(self):
        x = ["x"]
        frame, shared, inner = finished_frame()
        objects = [{"a": x, "b": x}, [x, x], (x,), Thing(), x, frame, shared,
                   inner, finished_frame, ValueError(x)]
        objects[3].attr = x
        g = ObjectGraph(objects)
        exported = json.loads(g.to_json())["edges"]
        self.assertEqual(len(exported), len(g.edges))
        for e, record in zip(g.edges, exported):
            self.assertEqual(record["annotation"], g.edge_label(e))

    def test_big_referrers_are_read_once(self):
        values = [[i] for i in range(10000)]
        d = dict(("key%d" % i, v) for i, v in enumerate(values))
        big = [values[i % 10000] for i in range(200000)]
        g = ObjectGraph([d, big] + values)
        t0 = time.perf_counter()
        exported = json.loads(g.to_json())["edges"]
        elapsed = time.perf_counter() - t0
        self.assertEqual(len(exported), 210000)
        seen = collections.Counter()
        for record in exported:
            label = record["annotation"]
            if record["tail"] == id(big):
                self.assertTrue(label.startswith("item["), label)
                self.assertEqual(record["head"], id(big[int(label[5:-1])]))
            else:
                self.assertEqual(record["tail"], id(d))
                self.assertTrue(label.startswith("value['key"), label)
                self.assertEqual(record["head"], id(d[label[7:-2]]))
            seen[label] += 1
        self.assertEqual(len(seen), 210000)   # every label once
        # One pass per referrer: far below the quadratic cost of labelling
        # each of 200,000 parallel edges on its own.
        self.assertLess(elapsed, 20 * support.time_factor())


if __name__ == "__main__":
    unittest.main()
