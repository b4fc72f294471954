"""Node labels: refcycle's short descriptions of objects, read from their
builtin structure, with the object's address on the last line; running
frames name their thread.  No user __repr__, __getattr__, __eq__ or
__hash__ runs."""

import _thread
import collections
import sys
import threading
import types
import unittest
import weakref

import refcycle
from refcycle import ObjectGraph

import support


def label(obj):
    return ObjectGraph([obj]).node_label(obj)


def body(obj):
    """The label without its address line, checking that line."""
    text = label(obj)
    head, _, address = text.rpartition("\n")
    if address != "%#x" % id(obj):
        raise AssertionError("last line of %r is not the address %#x"
                             % (text, id(obj)))
    return head


class Plain(object):
    class Inner(object):
        pass

    def method(self):
        pass


def function():
    pass


class TestForms(unittest.TestCase):
    def test_address_is_the_last_line(self):
        for obj in (1, "s", [], Plain(), Plain, function, sys):
            text = label(obj)
            self.assertEqual(text.split("\n")[-1], "%#x" % id(obj))

    def test_scalars_by_repr(self):
        for obj in (12345, -2.5, 1 + 2j, True, None, "text", b"bytes"):
            self.assertEqual(body(obj), repr(obj))

    def test_long_scalars_are_cut(self):
        text = body("x" * 1000)
        self.assertLessEqual(len(text), 60)
        self.assertTrue(text.startswith("'xxx"))
        self.assertTrue(text.endswith("..."))
        self.assertLessEqual(len(body(b"y" * 1000)), 60)
        self.assertEqual(body(10 ** 1000), "object\nbuiltins.int")

    def test_containers_by_length(self):
        self.assertEqual(body([1, 2, 3]), "list[3]")
        self.assertEqual(body((1, 2)), "tuple[2]")
        self.assertEqual(body({1: 2, 3: 4}), "dict[2]")
        self.assertEqual(body({1, 2, 3, 4}), "set[4]")
        self.assertEqual(body(frozenset([1])), "frozenset[1]")
        self.assertEqual(body(collections.OrderedDict(a=1)), "dict[1]")

    def test_named_things(self):
        self.assertEqual(body(function), "function\nfunction")
        self.assertEqual(body(Plain.method), "function\nPlain.method")
        self.assertEqual(body(Plain().method), "instancemethod\nPlain.method")
        self.assertEqual(body(types), "module\ntypes")
        self.assertEqual(body(Plain), "type\nPlain")
        self.assertEqual(body(Plain.Inner), "type\nInner")
        self.assertEqual(body(int), "type\nint")
        self.assertEqual(body(collections.OrderedDict), "type\nOrderedDict")

    def test_cell_and_code(self):
        x = []

        def closure():
            return x
        self.assertEqual(body(closure.__closure__[0]), "cell")
        code = function.__code__
        self.assertEqual(body(code), "code\nfunction\n%s:%d" % (
            tail(code.co_filename), code.co_firstlineno))

    def test_weakrefs(self):
        obj = Plain()
        r = weakref.ref(obj)
        self.assertEqual(body(r), "weakref to id %#x" % id(obj))
        del obj
        self.assertEqual(body(r), "weakref (dead referent)")

    def test_objects_by_module_and_qualname(self):
        self.assertEqual(body(Plain()), "object\n%s.Plain" % __name__)
        self.assertEqual(body(Plain.Inner()), "object\n%s.Plain.Inner" % __name__)
        self.assertEqual(body(iter([])), "object\nbuiltins.list_iterator")
        self.assertEqual(body(collections.deque()), "object\ncollections.deque")
        self.assertEqual(body(Plain().method.__get__), "object\nbuiltins.method-wrapper")

    def test_frames(self):
        frame = sys._getframe()
        text, line = body(frame), frame.f_lineno
        name, where = text.split("\n")[1:]
        self.assertEqual(text.split("\n")[0], "frame")
        self.assertEqual(name, "test_frames")
        self.assertEqual(where, "%s:%d" % (tail(frame.f_code.co_filename), line))

    def test_long_file_names_keep_their_tail(self):
        filename = "/very/long/directory/name/" * 4 + "module_file.py"
        ns = {"sys": sys}
        exec(compile("frame = sys._getframe()", filename, "exec"), ns)
        text = body(ns["frame"])
        self.assertEqual(text, "frame\n<module>\n...%s:1" % filename[-30:])

    def test_labels_are_capped(self):
        def f():
            pass
        f.__qualname__ = "q" * 1000
        text = body(f)
        self.assertLessEqual(len(text), 200)
        self.assertTrue(text.startswith("function\nqqq"))
        self.assertTrue(text.endswith("..."))


def tail(filename):
    return filename if len(filename) <= 30 else "..." + filename[-30:]


def wait_for_release(release):
    release.wait()


class TestRunningFrames(unittest.TestCase):
    def running_frame_label(self, ident):
        g = refcycle.snapshot()
        frames = [v for v in g if isinstance(v, types.FrameType)
                  and v.f_code is wait_for_release.__code__]
        self.assertEqual(len(frames), 1)
        text = g.node_label(frames[0])
        # A frame that is not running does not name a thread.
        self.assertNotIn("thread", body(sys._getframe()))
        del g, frames
        return text

    def test_thread_name(self):
        release = threading.Event()
        t = threading.Thread(target=wait_for_release, args=(release,),
                             name="node-label-thread")
        t.daemon = True
        t.start()
        try:
            self.assertTrue(support.wait_until(
                lambda: support.blocked_in(t.ident, "wait_for_release")))
            text = self.running_frame_label(t.ident)
            lines = text.split("\n")
            self.assertEqual(lines[0:2], ["frame", "wait_for_release"])
            self.assertEqual(lines[3], "thread node-label-thread")
        finally:
            release.set()
            t.join(30)

    def test_thread_id_when_threading_does_not_know_it(self):
        release = threading.Event()
        done = threading.Event()
        started = []

        def run():
            started.append(_thread.get_ident())
            wait_for_release(release)
            done.set()
        _thread.start_new_thread(run, ())
        try:
            self.assertTrue(support.wait_until(
                lambda: started and support.blocked_in(started[0],
                                                       "wait_for_release")))
            text = self.running_frame_label(started[0])
            self.assertEqual(text.split("\n")[3], "thread %#x" % started[0])
        finally:
            release.set()
            # Out of wait_for_release before the next test looks for
            # frames of it (_thread has no join).
            done.wait(30)


class RecordingMeta(type):
    calls = []

    def __getattribute__(cls, name):
        RecordingMeta.calls.append(name)
        return type.__getattribute__(cls, name)

    def __repr__(cls):
        RecordingMeta.calls.append("__repr__")
        return "Recording"


class Recording(object, metaclass=RecordingMeta):
    def __repr__(self):
        RecordingMeta.calls.append("instance __repr__")
        return "Recording()"

    def __getattribute__(self, name):
        RecordingMeta.calls.append("instance " + name)
        return object.__getattribute__(self, name)

    def __eq__(self, other):
        RecordingMeta.calls.append("__eq__")
        return False

    def __hash__(self):
        RecordingMeta.calls.append("__hash__")
        return 0

    def __len__(self):
        RecordingMeta.calls.append("__len__")
        return 0


class RecordingStr(str):
    def __repr__(self):
        RecordingMeta.calls.append("str __repr__")
        return "S"


class RecordingList(list):
    def __len__(self):
        RecordingMeta.calls.append("list __len__")
        return 0


class TestNoUserCode(unittest.TestCase):
    def test_labels_run_no_user_code(self):
        objects = [Recording(), Recording, RecordingStr("abc"),
                   RecordingList([1, 2])]
        g = ObjectGraph(objects)
        del RecordingMeta.calls[:]
        texts = [g.node_label(obj) for obj in objects]
        self.assertEqual(RecordingMeta.calls, [])
        self.assertEqual(texts[0].split("\n")[:2],
                         ["object", "%s.Recording" % __name__])
        self.assertEqual(texts[1].split("\n")[:2], ["type", "Recording"])
        self.assertEqual(texts[2].split("\n")[:2],
                         ["object", "%s.RecordingStr" % __name__])
        self.assertEqual(texts[3].split("\n")[0], "list[2]")


if __name__ == "__main__":
    unittest.main()
