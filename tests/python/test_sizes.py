"""Shallow sizes: what sys.getsizeof reports for builtin types, without
ever calling a class's own __sizeof__."""
import sys
import unittest

import refcycle


class Plain(object):
    pass


class Slots(object):
    __slots__ = ("a", "b")


class ListSub(list):
    pass


class Liar(object):
    calls = 0

    def __sizeof__(self):
        Liar.calls += 1
        raise RuntimeError("user __sizeof__ called")


class TestShallowSize(unittest.TestCase):
    def test_matches_getsizeof_for_builtins_and_plain_classes(self):
        objs = [[1, 2, 3], list(range(100)), {"a": 1}, {i: i for i in range(50)},
                (1, 2), set(range(10)), frozenset([1, 2]), Plain(), Slots(),
                ListSub([1, 2]), Plain, refcycle, sys._getframe(), lambda: 1,
                bytearray(b"xyz" * 10)]
        g = refcycle.ObjectGraph(objs)
        for obj in objs:
            self.assertEqual(g.shallow_size(obj), sys.getsizeof(obj), type(obj).__name__)

    def test_c_types_made_at_run_time(self):
        # 3.11+ makes deque, array and io's types at run time (heap
        # types): their own __sizeof__, in C, measures them, and a class
        # deriving from one without a __sizeof__ of its own inherits it.
        import array
        import collections
        import io

        class DequeSub(collections.deque):
            pass
        objs = [collections.deque(range(100)), array.array("i", range(50)),
                io.BytesIO(b"x" * 1000), DequeSub(range(70))]
        g = refcycle.ObjectGraph(objs)
        for obj in objs:
            self.assertEqual(g.shallow_size(obj), sys.getsizeof(obj), type(obj).__name__)
        # And the same in a snapshot, where the walk measures them.
        g = refcycle.snapshot()
        for obj in objs:
            if obj in g:
                self.assertEqual(g.shallow_size(obj), sys.getsizeof(obj), type(obj).__name__)

    def test_user_sizeof_never_called(self):
        liar = Liar()
        g = refcycle.ObjectGraph([liar])
        size = g.shallow_size(liar)
        self.assertEqual(Liar.calls, 0)
        # Same layout as any plain instance with a __dict__.
        self.assertEqual(size, sys.getsizeof(Plain()))

    def test_grows_with_contents(self):
        small, big = [], list(range(1000))
        g = refcycle.ObjectGraph([small, big])
        self.assertGreater(g.shallow_size(big), g.shallow_size(small) + 7000)

    def test_foreign_object(self):
        g = refcycle.ObjectGraph([[]])
        with self.assertRaises(KeyError):
            g.shallow_size([])


if __name__ == "__main__":
    unittest.main()
