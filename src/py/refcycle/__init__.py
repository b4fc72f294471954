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
    ObjectGraph,
    __version__,
    browse,
    cycles_created_by,
    garbage,
    load,
    objects_reachable_from,
    snapshot,
)
from refcycle.i_directed_graph import IDirectedGraph

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
    "IDirectedGraph",
    "ObjectGraph",
    "browse",
    "cycles_created_by",
    "garbage",
    "key_cycles",
    "load",
    "objects_reachable_from",
    "snapshot",
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

    def __init__(self, new, gone):
        self.new = new
        self.gone = gone
        self.counts = new.count_by_typename()
        self.counts.subtract(gone.count_by_typename())
        self.sizes = new.size_by_typename()
        self.sizes.subtract(gone.size_by_typename())

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
    """What is new in snapshot `after` since snapshot `before`, and what is
    gone (a Diff).  Objects are matched by identity, which is reliable
    because `before` keeps every object it holds alive: an object new in
    `after` cannot have reused the address of one in `before`.  The two
    snapshots themselves are left out.  Objects `before` alone keeps alive
    count as gone."""
    if not isinstance(before, ObjectGraph) or not isinstance(after, ObjectGraph):
        raise TypeError("diff() compares two ObjectGraph snapshots, not %s and %s"
                        % (type(before).__name__, type(after).__name__))
    tool = ObjectGraph([before, after])
    return Diff(after - before - tool, (before & after.unreachable()) - tool)


def key_cycles():
    """Collect the cyclic garbage (as garbage() does) and return the
    strongly connected components that keep it: those no reference from
    outside enters, so that breaking them frees everything else found.  A
    list of ObjectGraphs, as the refcycle package returns."""
    return garbage().source_components()
