"""refcycle: why is this Python object still alive?

Take a graph of every live object and the references between them, then
ask who holds what::

    >>> import refcycle
    >>> graph = refcycle.snapshot()
    >>> graph.ancestors(obj, generations=3)     # who keeps obj alive
    >>> graph.shortest_path(holder, obj)        # through which references
    >>> graph.path_to_root(obj)                 # the chain from a root
    >>> graph.retained_size(obj)                # bytes freed with obj
    >>> refcycle.browse(focus=obj)              # the same, in the terminal
    >>> graph.save("heap.rcsnap")               # for later: refcycle.load(),
    ...                                         # or refcycle-browse heap.rcsnap

The graph lives in C arrays; the API is that of the refcycle package.
The manual: info refcycle.
"""
from refcycle._core import (
    AnnotatedEdge,
    AnnotatedGraph,
    AnnotatedVertex,
    Census,
    ObjectGraph,
    __version__,
    browse,
    cycles_created_by,
    garbage,
    load,
    objects_reachable_from,
    set_progress,
    snapshot,
)
from refcycle._core import census as _core_census
from refcycle._core import _census_of_records
from refcycle.i_directed_graph import IDirectedGraph
from refcycle._leaks import Suspect, repeat
from refcycle._watch import KNOWN_HOLDERS, LeakGroup, leaks, watch
from refcycle._objgraph import (
    find_backref_chain,
    get_leaking_objects,
    show_backrefs,
    show_chain,
    show_refs,
)
import gc as _gc
import os as _os

# Both graph types answer to refcycle's abstract base (their methods are
# their own, in C): isinstance(graph, IDirectedGraph) holds, as it does
# with the refcycle package.
IDirectedGraph.register(ObjectGraph)
IDirectedGraph.register(AnnotatedGraph)

# refcycle's module layout: refcycle.object_graph, .annotated_graph,
# .creators and .i_directed_graph name the same objects.
from refcycle import annotated_graph, creators, object_graph  # noqa: E402

__all__ = [
    "Diff",
    "diff",
    "AnnotatedEdge",
    "AnnotatedGraph",
    "AnnotatedVertex",
    "Census",
    "IDirectedGraph",
    "KNOWN_HOLDERS",
    "LeakGroup",
    "ObjectGraph",
    "Suspect",
    "browse",
    "census",
    "cycles_created_by",
    "find_backref_chain",
    "garbage",
    "get_leaking_objects",
    "growth",
    "key_cycles",
    "leaks",
    "load",
    "objects_reachable_from",
    "repeat",
    "set_progress",
    "show_backrefs",
    "show_chain",
    "show_refs",
    "snapshot",
    "watch",
]


class Diff(object):
    """What changed between two snapshots of one process (see diff()).

    new: the objects of `after` that `before` does not hold, as an
    ObjectGraph of `after`'s (so their referrers and paths are there to
    ask about); gone: the objects of `before` that would be freed without
    it (`before` keeps every object it holds alive: these are the ones
    nothing else reaches in `after`); counts and sizes: per type name, how
    many objects and how many bytes (shallow) more there are in `after`
    (negative: fewer)."""

    def __init__(self, new, gone, counts=None, sizes=None):
        self.new = new
        self.gone = gone
        if counts is None:
            counts = new.count_by_typename()
            counts.subtract(gone.count_by_typename())
        if sizes is None:
            sizes = new.size_by_typename()
            sizes.subtract(gone.size_by_typename())
        self.counts = counts
        self.sizes = sizes

    def growth(self, limit=None):
        """(type name, count delta, size delta) for every type whose count
        or size changed, largest size growth first, like objgraph's
        show_growth."""
        rows = [(name, self.counts[name], self.sizes[name])
                for name in set(self.counts) | set(self.sizes)
                if self.counts[name] or self.sizes[name]]
        rows.sort(key=lambda row: (-row[2], -row[1], row[0]))
        return rows[:limit] if limit is not None else rows

    def __repr__(self):
        return "<refcycle.Diff: %d new, %d gone>" % (len(self.new), len(self.gone))


def diff(before, after):
    """What is new in snapshot `after` since `before`, and what is gone (a
    Diff).  `before` is a snapshot, a census (refcycle.census(), which
    keeps nothing alive) or a saved snapshot's file (as census(path)).  Against a snapshot, objects are matched by
    identity, which is reliable because `before` keeps every object it
    holds alive: an object new in `after` cannot have reused the address of
    one in `before`; objects `before` alone keeps alive count as gone.
    Against a census, by address and type (see census()), and `gone` is
    empty: those objects are freed, only their counts are known.  The
    snapshots themselves are left out."""
    if isinstance(before, (str, bytes, _os.PathLike)):
        before = census(before)   # a saved snapshot's file
    if isinstance(before, Census) and isinstance(after, ObjectGraph):
        tool = ObjectGraph([after])
        counts = after.count_by_typename()
        counts.subtract(before.counts)
        counts.subtract(tool.count_by_typename())
        sizes = after.size_by_typename()
        sizes.subtract(before.sizes)
        sizes.subtract(tool.size_by_typename())
        return Diff(after.new_since(before) - tool, ObjectGraph(), counts, sizes)
    if not isinstance(before, ObjectGraph) or not isinstance(after, ObjectGraph):
        raise TypeError("diff() compares a snapshot or census with a later snapshot, "
                        "not %s and %s" % (type(before).__name__, type(after).__name__))
    tool = ObjectGraph([before, after])
    return Diff(after - before - tool, (before & after.unreachable()) - tool)


def census(path=None):
    """A weightless baseline (a Census): the address and type of every
    object the collector tracks, and per type its count and shallow bytes,
    holding no reference to any of them.  Give it to growth(),
    g.new_since(), diff() or browse(since=...).  An object freed and its
    address reused by an object of another type counts as new; one of the
    same type does not (a census cannot tell them apart).  With path (a
    file g.save() wrote), the census of that saved snapshot: its objects'
    addresses, type names and sizes, so an earlier heap saved to a file
    serves as the baseline too."""
    if path is None:
        return _core_census()
    return _census_of_records(load(path))


def growth(census, limit=10, collect=True):
    """The types with more objects now than when `census` was taken, as
    objgraph's show_growth reports them: a list of (type name, count now,
    increase), the largest increase first, at most `limit` of them (None:
    all).  collect=True runs a full collection first, so only what is
    still reachable counts; collect=False keeps the cyclic garbage in view
    (the cycle being hunted is often garbage waiting for a collection).
    Nothing is kept alive in between: take the census, run the code, ask."""
    if not isinstance(census, Census):
        raise TypeError("growth() takes a census (refcycle.census()), not %s"
                        % type(census).__name__)
    if collect:
        _gc.collect()
    now = _core_census()
    before, after = census.counts, now.counts
    rows = [(name, count, count - before.get(name, 0))
            for name, count in after.items() if count > before.get(name, 0)]
    rows.sort(key=lambda row: (-row[2], row[0]))
    return rows[:limit] if limit is not None else rows


def key_cycles():
    """Collect the cyclic garbage (as garbage() does) and return the
    strongly connected components that keep it: those no reference from
    outside enters, so that breaking them frees everything else found.  A
    list of ObjectGraphs, as the refcycle package returns."""
    return garbage().source_components()
