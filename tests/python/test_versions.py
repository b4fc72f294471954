"""What differs between the interpreters refcycle supports, pinned.

Each test runs on every version and asserts that version's own behaviour
(no skips), so that a new interpreter that changes one of these fails here
first, with the table below to update:

                        3.9, 3.10      3.11           3.12           3.13
  instance attributes   in __dict__    inline values  inline values  inline values
  (managed dicts)       (a vertex)     ".name" edges  ".name" edges  ".name" edges
  pointers before the   none           dict, values   dict or        dict or
  object (pre-header)                                 values, weak-  values, weak-
                                                      refs           refs
  immortal objects      none           none           external refs  external refs
                                                      unknown: None  unknown: None
  frame.f_locals        a dict, kept   a dict, kept   a dict, kept   a proxy; extra
                        by the frame   by the frame   by the frame   names in a dict
  vars(instance)        the dict       the dict       the dict       a dict sharing
                                                                     the values,
                                                                     unseen by gc:
                                                                     an added edge
"""

import ctypes
import gc
import sys
import unittest

import refcycle

VERSION = sys.version_info[:2]


def labels(g, tail, head):
    return sorted(g.edge_label(e) for e in g.out_edges(tail) if g.head(e) is head)


def kinds(objects):
    return sorted(type(o).__name__ for o in objects)


class Job(object):
    def __init__(self, value):
        self.value = value


class TestManagedDicts(unittest.TestCase):
    def test_attributes_of_an_instance(self):
        value = ["value"]
        job = Job(value)
        g = refcycle.snapshot()
        if VERSION < (3, 11):
            # The instance holds its __dict__, which holds the value.
            d = job.__dict__
            self.assertEqual(kinds(g.children(job)), ["dict", "type"])
            self.assertEqual(labels(g, job, d), ["__dict__"])
            self.assertEqual(labels(g, d, value), ["value['value']"])
        else:
            # No dict: the values sit in the instance, labelled by name.
            self.assertEqual(kinds(g.children(job)), ["list", "type"])
            self.assertEqual(labels(g, job, value), [".value"])

    def test_asking_for_the_dict_makes_one(self):
        value = ["value"]
        job = Job(value)
        d = vars(job)                    # every version has one now
        g = refcycle.snapshot()
        if VERSION >= (3, 13):
            # The values stay in the instance and the dict shares them:
            # the instance's tp_traverse visits the values and not the
            # dict (gc.get_referents does not list it), but the instance
            # holds it: refcycle adds that reference, as the running
            # frames' hidden ones, so the dict is no root of its own.
            self.assertEqual(labels(g, job, value), [".value"])
            self.assertEqual(labels(g, job, d), ["__dict__"])
            self.assertEqual(labels(g, d, value), [])
            self.assertNotIn(d, gc.get_referents(job))
            self.assertEqual(g.external_refs(d), 0)
            self.assertTrue(any(p is job for p in g.parents(d)))
            # Once the values leave the instance, the dict holds them.
            for i in range(40):
                setattr(job, "a%d" % i, i)
            g = refcycle.snapshot()
        self.assertEqual(labels(g, job, d), ["__dict__"])
        self.assertEqual(labels(g, job, value), [])
        self.assertEqual(labels(g, d, value), ["value['value']"])

    def test_sizes_count_the_pre_header(self):
        # __sizeof__ leaves out what sits before the object (the GC header,
        # and from 3.11 the managed dict's two pointers); getsizeof
        # and shallow_size count it all.
        job = Job(None)
        g = refcycle.ObjectGraph([job])
        pointer = ctypes.sizeof(ctypes.c_void_p)
        inline_pointers = {(3, 9): 2, (3, 10): 2, (3, 11): 1}.get(VERSION, 0)
        self.assertEqual(job.__sizeof__(), 2 * pointer + inline_pointers * pointer)
        self.assertEqual(g.shallow_size(job), sys.getsizeof(job))
        pre_header = {(3, 9): 0, (3, 10): 0}.get(VERSION, 2)
        self.assertEqual(g.shallow_size(job) - job.__sizeof__(),
                         (2 + pre_header) * pointer)


class TestImmortalObjects(unittest.TestCase):
    def test_an_immortal_reference_count(self):
        # CPython 3.12+ calls an object immortal when the low 32 bits of its
        # count are negative; earlier versions see a large count.  The
        # object is leaked on purpose, on every version.
        obj = ["made immortal"]
        ctypes.c_ssize_t.from_address(id(obj)).value = 0xFFFFFFFF
        g = refcycle.snapshot()
        self.assertTrue(any(r is obj for r in g.roots()))
        if VERSION >= (3, 12):
            self.assertEqual(sys.getrefcount(obj), 0xFFFFFFFF)
            self.assertIsNone(g.external_refs(obj))
        else:
            self.assertGreater(sys.getrefcount(obj), 0xFFFFFFFF)
            # Counts saturate below the immortal mark: still a number.
            self.assertGreater(g.external_refs(obj), 0xFFFFFFF0)
        del g
        gc.collect()

    def test_ordinary_objects_are_not_immortal(self):
        x = ["x"]
        holder = [x]
        g = refcycle.snapshot()
        # Its two references come from vertices: this frame and holder.
        self.assertEqual(g.external_refs(x), 0)
        self.assertEqual(len(g.parents(x)), 2)
        self.assertIn(holder, g.parents(x))


class TestFrameLocals(unittest.TestCase):
    def test_a_running_frame(self):
        local = ["local"]
        frame = sys._getframe()
        kept = frame.f_locals
        g = refcycle.snapshot()
        # Every version: the running frame's own slots, by name.
        self.assertEqual(labels(g, frame, local), ["local 'local'"])
        if VERSION >= (3, 13):
            self.assertEqual(type(kept).__name__, "FrameLocalsProxy")
            self.assertNotIn("f_locals", [g.edge_label(e) for e in g.out_edges(frame)])
        else:
            # Asking for f_locals left a dict in the frame, holding the
            # same values a second time.
            self.assertIs(type(kept), dict)
            self.assertEqual(labels(g, frame, kept), ["f_locals", "local 'kept'"])
            self.assertEqual(labels(g, kept, local), ["value['local']"])

    def test_names_added_through_f_locals(self):
        frame = sys._getframe()
        added = ["added"]
        frame.f_locals["not_a_local"] = added
        g = refcycle.snapshot()
        dicts = [g.head(e) for e in g.out_edges(frame) if g.edge_label(e) == "f_locals"]
        self.assertEqual(len(dicts), 1)
        # 3.13 keeps names that are not locals in f_extra_locals; before,
        # the f_locals dict has them (and the write never reaches a slot).
        if VERSION >= (3, 13):
            self.assertEqual(list(dicts[0]), ["not_a_local"])
            self.assertEqual(labels(g, dicts[0], added), ["value['not_a_local']"])
        else:
            self.assertIn("frame", dicts[0])
            self.assertEqual(labels(g, dicts[0], added),
                             ["value['added']", "value['not_a_local']"])


if __name__ == "__main__":
    unittest.main()
