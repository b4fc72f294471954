"""A generated heap for the capture benchmark.

build(n) adds about n gc-tracked objects (counted with gc.get_objects()),
kept alive from this module's globals:

  - instances with a __dict__ (attributes set), and bare instances (no
    attribute ever set), of ordinary classes
  - instances of a class with __slots__
  - dicts, lists and tuples holding tracked objects
  - closures (function, closure tuple, cell) and bound methods
  - reference cycles (pairs of instances referring to each other, and
    3-cycles of lists)
  - a Target instance reachable only through a 20-long chain of Link
    instances starting at the module-level global CHAIN (find_target()
    walks the chain to it).

Standard library only.
"""
import gc

CHAIN_LENGTH = 20

HEAP = []          # every generated object is reachable from here
CHAIN = None       # CHAIN -> Link -> ... (20 links) -> the Target


class WithDict(object):
    def __init__(self, a, b):
        self.a = a
        self.b = b

    def method(self):
        return self.a


class Bare(object):
    pass


class Slotted(object):
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Link(object):
    __slots__ = ("next",)

    def __init__(self, next):
        self.next = next


class Target(object):
    """The object the benchmark looks for."""


def make_closure(value):
    def closure():
        return value
    return closure


def _unit(i, out):
    """One group of objects of every kind; appended to out."""
    lst = [i, str(i)]
    bare = Bare()
    obj = WithDict(lst, bare)
    slotted = Slotted(obj, [i])
    d = {"obj": obj, "slotted": slotted, "n": i}
    t = (lst, d, i)
    closure = make_closure(t)
    method = obj.method
    a = WithDict(None, i)
    b = WithDict(a, i)
    a.a = b                                    # a 2-cycle of instances
    c1 = [None]
    c2 = [c1]
    c3 = [c2]
    c1[0] = c3                                 # a 3-cycle of lists
    out.append((lst, bare, obj, slotted, d, t, closure, method, a, b, c1))


def tracked_count():
    return len(gc.get_objects())


def build(n):
    """Add about n gc-tracked objects (at least n) to the heap; return the
    number actually added, as counted by gc.get_objects()."""
    global CHAIN
    gc.collect()
    before = tracked_count()
    node = Target()
    for _ in range(CHAIN_LENGTH):
        node = Link(node)
    CHAIN = node
    del node
    # Calibrate: tracked objects per unit, on this interpreter.
    probe = []
    start = tracked_count()
    for i in range(1000):
        _unit(i, probe)
    per_unit = max(1.0, (tracked_count() - start) / 1000.0)
    HEAP.append(probe)
    i = 1000
    while True:
        missing = n - (tracked_count() - before)
        if missing <= 0:
            break
        group = []
        for _ in range(max(1, int(missing / per_unit))):
            _unit(i, group)
            i += 1
        HEAP.append(group)
        # Small remainders: top up with plain lists.
        if missing < 4 * per_unit:
            HEAP.append([[k] for k in range(missing)])
    return tracked_count() - before


def find_target():
    """The Target at the end of the chain."""
    node = CHAIN
    for _ in range(CHAIN_LENGTH):
        node = node.next
    return node


def clear():
    global CHAIN
    del HEAP[:]
    CHAIN = None
    gc.collect()
