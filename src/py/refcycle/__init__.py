"""refcycle: why is this Python object still alive?

Take a graph of every live object and the references between them, then
ask who holds what::

    >>> import refcycle
    >>> graph = refcycle.snapshot()
    >>> graph.ancestors(obj, generations=3)     # who keeps obj alive
    >>> graph.shortest_path(holder, obj)        # through which references

The graph lives in C arrays; the API is that of the refcycle package.
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
    objects_reachable_from,
    snapshot,
)

__all__ = [
    "AnnotatedEdge",
    "AnnotatedGraph",
    "AnnotatedVertex",
    "ObjectGraph",
    "browse",
    "cycles_created_by",
    "garbage",
    "objects_reachable_from",
    "snapshot",
]
