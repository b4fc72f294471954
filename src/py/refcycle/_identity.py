"""Vertex collections by identity, for graphs of Python objects: what
ObjectGraph.vertex_set() and vertex_dict() return (refcycle's
ElementTransformSet and KeyTransformDict with transform=id).  Membership
is `is`, never __eq__ or __hash__ of the objects, which may be anything.
Each holds a reference to every object in it, so an id cannot be reused
while it is there."""
from collections.abc import MutableMapping, MutableSet

__all__ = ["IdentitySet", "IdentityDict"]


class IdentitySet(MutableSet):
    """A set of objects compared by identity."""

    def __init__(self, iterable=()):
        self._items = {}
        for obj in iterable:
            self.add(obj)

    def __contains__(self, obj):
        return id(obj) in self._items

    def __iter__(self):
        return iter(list(self._items.values()))

    def __len__(self):
        return len(self._items)

    def add(self, obj):
        self._items[id(obj)] = obj

    def discard(self, obj):
        self._items.pop(id(obj), None)

    def __repr__(self):
        return "IdentitySet(<%d objects>)" % len(self)


class IdentityDict(MutableMapping):
    """A mapping keyed by objects, compared by identity."""

    def __init__(self, items=()):
        self._keys = {}
        self._values = {}
        for key, value in (items.items() if isinstance(items, MutableMapping) else items):
            self[key] = value

    def __getitem__(self, key):
        try:
            return self._values[id(key)]
        except KeyError:
            raise KeyError(key) from None

    def __setitem__(self, key, value):
        self._keys[id(key)] = key
        self._values[id(key)] = value

    def __delitem__(self, key):
        try:
            del self._values[id(key)]
        except KeyError:
            raise KeyError(key) from None
        del self._keys[id(key)]

    def __contains__(self, key):
        return id(key) in self._values

    def __iter__(self):
        return iter(list(self._keys.values()))

    def __len__(self):
        return len(self._keys)

    def __repr__(self):
        return "IdentityDict(<%d objects>)" % len(self)
