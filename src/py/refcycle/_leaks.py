"""Finding the leak you do not know about: g.suspects() (Eclipse MAT's
leak suspects; the walk itself is C, src/graph/suspects.c) and
refcycle.repeat(fn) (memlab's and fuite's repeated action: what grows on
every round, so that a cache filled once is not reported)."""

import gc

from refcycle._core import census

class Suspect(object):
    """One leak suspect of g.suspects().

    kind: "object" (one object retains share of the heap) or "type" (the
    instances of type_name together do); object: that object, or the
    type's instance that retains most; accumulation: where the size
    accumulates below it (the list or dict holding the many entries);
    retained_size: bytes (the object's, or the instances' together);
    share: retained_size / the heap's total shallow size; count: the
    type's instances (1 for an object suspect); path: the chain from a
    root to the accumulation point (an ObjectGraph, as path_to_root gives
    it), or None when no root reaches it (garbage); allocated_at: where the
    accumulation point was allocated (a tracemalloc.Traceback), or None
    when tracemalloc was not tracing then."""

    __slots__ = ("kind", "object", "accumulation", "retained_size", "share", "count",
                 "type_name", "path", "allocated_at")

    def __init__(self, kind, obj, accumulation, retained_size, share, count, type_name,
                 path, allocated_at=None):
        self.kind = kind
        self.object = obj
        self.accumulation = accumulation
        self.retained_size = retained_size
        self.share = share
        self.count = count
        self.type_name = type_name
        self.path = path
        self.allocated_at = allocated_at

    def __repr__(self):
        what = ("%d %s objects" % (self.count, self.type_name) if self.kind == "type"
                else "one %s" % self.type_name)
        return "<refcycle suspect: %s retain %d bytes (%.0f%% of the heap)>" % (
            what, self.retained_size, 100.0 * self.share)


def make_suspects(graph, raw, total):
    """Suspect records from the C walk's tuples (og_leaks.c)."""
    result = []
    for kind, obj, accumulation, retained, count, type_name in raw:
        try:
            path = graph.path_to_root(accumulation)
        except ValueError:
            path = None
        result.append(Suspect(kind, obj, accumulation, retained,
                              retained / float(total) if total else 0.0, count, type_name,
                              path, graph.allocated_at(accumulation)))
    return result


def repeat(fn, times=5, collect=True):
    """Call fn() times times and report the types whose number of objects
    grew on every round by at least one: a list of (type name, count
    after the last round, per-round increases), the largest total growth
    first.  A cache that fills on the first call, or anything made once,
    is not reported: a leak grows by about the same on every round.
    collect=True runs a full collection after each round, so that only
    what stays reachable counts.  Nothing is kept alive between rounds but
    what fn keeps: each round is measured with a census (refcycle.census()),
    which holds no object, and fn's results are dropped."""
    if not isinstance(times, int) or times < 2:
        raise ValueError("repeat() needs times >= 2 rounds to see growth, not %r" % (times,))
    if not callable(fn):
        raise TypeError("repeat() calls fn: %s is not callable" % type(fn).__name__)
    # Preallocated, so that no tracked object is added per round; censuses
    # are not tracked.
    taken = [None] * (times + 1)
    if collect:
        gc.collect()
    taken[0] = census()
    for i in range(times):
        fn()
        if collect:
            gc.collect()
        taken[i + 1] = census()
    counts = [c.counts for c in taken]
    rows = []
    for name, now in counts[-1].items():
        deltas = tuple(counts[i + 1].get(name, 0) - counts[i].get(name, 0)
                       for i in range(times))
        if min(deltas) >= 1:
            rows.append((name, now, deltas))
    rows.sort(key=lambda row: (-sum(row[2]), row[0]))
    return rows
