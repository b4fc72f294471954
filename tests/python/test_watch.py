"""Watched objects, as LeakCanary watches them: watch(obj, reason) and
leaks(): survivors grouped by the signature of their path from a root,
known holders named and kept apart, nothing kept alive by the watching."""

import functools
import gc
import unittest
import weakref

import refcycle
from refcycle import _watch

import support


class Request(object):
    def done(self):
        pass


class Registry(object):
    def __init__(self):
        self.handlers = []


REGISTRY = Registry()


class NoWeak(object):
    __slots__ = ("x",)          # no __weakref__: cannot be weakly referenced


class WatchCase(unittest.TestCase):
    def setUp(self):
        _watch._forget_all()
        self.addCleanup(_watch._forget_all)
        self.addCleanup(REGISTRY.handlers.clear)


class TestLeaks(WatchCase):
    def test_survivors_grouped_by_signature(self):
        for _ in range(4):
            request = Request()
            refcycle.watch(request, "request finished")
            REGISTRY.handlers.append(request.done)
        del request
        freed = Request()
        refcycle.watch(freed, "freed at once")
        ref = weakref.ref(freed)
        del freed
        self.assertIsNone(ref())      # watching kept nothing alive
        groups = refcycle.leaks()
        self.assertEqual(len(groups), 1, groups)
        group = groups[0]
        self.assertEqual(group.count, 4)
        self.assertEqual(group.reason, "request finished")
        self.assertIsNone(group.holder)
        # An attribute: inline (3.11+) or through the instance's dict.
        self.assertRegex(group.signature,
                         r"--value\['REGISTRY'\]--> Registry "
                         r"(--\.handlers--> |--__dict__--> dict --value\['handlers'\]--> )"
                         r"list --item\[\*\]--> method Request.done --__self__--> Request")
        self.assertIn("--item[0]-->", group.text)
        self.assertNotIn("0x", group.signature)
        self.assertEqual(len(group.objects), 4)
        self.assertTrue(all(type(o) is Request for o in group.objects))
        self.assertIsInstance(group.path, refcycle.AnnotatedGraph)
        self.assertIn("4 via", repr(group))

    def test_freed_objects_are_forgotten(self):
        obj = Request()
        refcycle.watch(obj)
        del obj
        self.assertEqual(refcycle.leaks(), [])
        self.assertEqual(_watch._watched, [])
        self.assertEqual(_watch._refs, [])

    def test_watching_adds_nothing_tracked(self):
        keep = [Request() for _ in range(50)]
        gc.collect()
        base = refcycle.census()
        for obj in keep:
            refcycle.watch(obj, "kept on purpose")
        grown = dict((name, delta) for name, _, delta in refcycle.growth(base, limit=None))
        self.assertNotIn("ReferenceType", grown)
        self.assertNotIn("tuple", grown)

    def test_known_holders_are_named_apart(self):
        @functools.lru_cache(None)
        def make(n):
            return Request()
        refcycle.watch(make(1), "cached on purpose")
        self.assertEqual(refcycle.leaks(), [])
        known = refcycle.leaks(known=True)
        self.assertEqual(len(known), 1)
        self.assertEqual(known[0].holder, "functools.lru_cache")
        make.cache_clear()

    def test_unweakrefable_objects(self):
        # No weak reference to it: watched by id and type.  (A type of its
        # own, so that no other object can reuse its address unnoticed,
        # which a census-like id cannot tell.)
        held = [NoWeak()]
        refcycle.watch(held[0], "not weakly referenceable")
        groups = refcycle.leaks()
        self.assertEqual(len(groups), 1)
        self.assertEqual(groups[0].objects, [])   # held by id: not handed back
        self.assertIn("--item[*]--> NoWeak", groups[0].signature)
        del held
        self.assertEqual(refcycle.leaks(), [])

    def test_garbage_without_a_collection(self):
        gc.collect()
        gc.disable()
        try:
            a, b = Request(), Request()
            a.other, b.other = b, a
            refcycle.watch(a)
            del a, b
            garbage = refcycle.leaks(collect=False)
            self.assertEqual(len(garbage), 1)
            self.assertIn("garbage", garbage[0].signature)
            self.assertEqual(refcycle.leaks(), [])
        finally:
            gc.enable()

    def test_bad_reason(self):
        with self.assertRaises(TypeError):
            refcycle.watch(Request(), reason=42)

    def test_the_table_is_data(self):
        names = [entry["name"] for entry in refcycle.KNOWN_HOLDERS]
        self.assertIn("functools.lru_cache", names)
        self.assertTrue(any("IPython" in n for n in names))
        self.assertTrue(any("sys.last_value" in n for n in names))


if __name__ == "__main__":
    unittest.main()
