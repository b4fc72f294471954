"""Watched objects, as LeakCanary watches them: refcycle.watch(obj) marks
an object that should die soon; refcycle.leaks() reports every watched
object still alive after a collection, with its shortest path from a
root, grouped by the path's signature (its types and labels, addresses
left out), so a thousand objects leaking through one registry read as
one group.  Holders that keep objects on purpose (an interactive
shell's output history, the last exception, caches of the standard
library) are named and kept apart: KNOWN_HOLDERS, a table to extend."""

import re
import types

from refcycle._core import _watch_ref, snapshot

# Holders that keep objects on purpose.  Each: a name, and what marks a
# path through it: an edge label (a regular expression matched in full)
# out of the dict of one of the given modules (None: of any module), or
# an object of one of the given type names anywhere on the path.
KNOWN_HOLDERS = [
    {"name": "IPython/Jupyter output history",
     "labels": [r"value\['(Out|_oh|_|__|___|_\d+|_i\d*|_ii|_iii)'\]"],
     "modules": ["__main__", "builtins"], "types": ["DisplayHook", "HistoryManager"]},
    {"name": "the last exception (sys.last_value, last_exc, last_traceback)",
     "labels": [r"value\['last_(value|exc|traceback|type)'\]"], "modules": ["sys"]},
    {"name": "a live exception's traceback", "types": ["traceback"],
     "labels": [r"__traceback__"], "modules": None},
    {"name": "functools.lru_cache", "types": ["_lru_cache_wrapper"]},
    {"name": "the caches of abstract base classes (isinstance, issubclass)",
     "types": ["_abc_data"]},
    {"name": "the re module's cache",
     "labels": [r"value\['_cache2?'\]", r"value\['_MAXCACHE'\]"], "modules": ["re"]},
    {"name": "the typing module's caches",
     "labels": [r"value\['_caches'\]", r"value\['_cleanups'\]"], "modules": ["typing"]},
    {"name": "logging's handlers",
     "labels": [r"value\['_handlers'\]", r"value\['_handlerList'\]"], "modules": ["logging"],
     "types": ["RootLogger", "Logger", "PlaceHolder", "Manager"]},
]

# The watched objects: (id, type name, reason) in _watched, and in _refs
# the weak reference to each (None for an object that cannot be weakly
# referenced).  Nothing here holds a watched object, and nothing here is
# tracked by the collector: the references are untracked, and tuples of
# ints and strs are untracked at the next collection; so watching adds
# nothing that growth() or repeat() would count.
_watched = []
_refs = []


def _forget_all():
    del _watched[:]
    del _refs[:]


def watch(obj, reason=None):
    """Watch obj, an object that should be freed soon (a request when the
    response is sent, a view when it is closed).  Holds no strong
    reference: a weak one, or only its id and type when obj cannot be
    weakly referenced (then an object of the same type reusing its
    address would be taken for it).  refcycle.leaks() tells which
    watched objects are still alive, and why."""
    if reason is not None and not isinstance(reason, str):
        raise TypeError("reason must be a str or None, not %s" % type(reason).__name__)
    _refs.append(_watch_ref(obj))
    _watched.append((id(obj), _type_name(obj), reason))


class LeakGroup(object):
    """Watched objects still alive through paths of one signature.

    signature: the path from a root, as text: each step's type and the
    reference's label, positions in lists and tuples as item[*]
    ("module m --__dict__--> dict --value['REGISTRY']--> list --item[*]-->
    method Request.done --__self__--> Request"); text: the first object's
    path the same way, its positions shown; count: how many objects; objects: those still alive now
    (held only weakly, or by id, until asked); path: the first object's
    path as an AnnotatedGraph (records: it keeps nothing alive); reason:
    the first object's reason given to watch(); holder: the name of a
    holder that keeps objects on purpose (KNOWN_HOLDERS), or None for the
    program's own leak; allocated_at: where the first object was allocated
    (a tracemalloc.Traceback), or None when tracemalloc was not tracing."""

    __slots__ = ("signature", "text", "count", "path", "reason", "holder", "allocated_at",
                 "_refs")

    def __init__(self, signature, text, path, reason, holder, allocated_at=None):
        self.signature = signature
        self.text = text
        self.allocated_at = allocated_at
        self.count = 0
        self.path = path
        self.reason = reason
        self.holder = holder
        self._refs = []

    @property
    def objects(self):
        found = []
        for ident, ref, type_name in self._refs:
            obj = ref() if ref is not None else None
            if obj is not None:
                found.append(obj)
        return found

    def __repr__(self):
        return "<refcycle leak group: %d via %s%s>" % (
            self.count, self.signature,
            "" if self.holder is None else " (held by %s)" % self.holder)


_ROOT = object()   # the label before a path's first vertex

# The objects studied are anybody's: their type's name is read from the
# type slot, and kinds are told by issubclass(type(obj), ...), since
# isinstance() and type(obj).__name__ can run a class's own
# __getattribute__ or a metaclass's.
_TYPE_NAME = type.__dict__["__name__"].__get__


def _type_name(obj):
    return _TYPE_NAME(type(obj))


def _is(obj, cls):
    return issubclass(type(obj), cls)


def _chain(path, end):
    """The vertices and labels of path (a shortest path from a root to
    end, as path_to_root gives it), from its root: [(vertex, label of the
    edge into it; _ROOT for the first)].  The path graph holds every
    reference among its vertices, not only the chain's: each step goes
    to a vertex one reference nearer to end."""
    to_end = {id(end): 0}
    frontier = [end]
    while frontier:
        nxt = []
        for v in frontier:
            for u in path.parents(v):
                if id(u) not in to_end:
                    to_end[id(u)] = to_end[id(v)] + 1
                    nxt.append(u)
        frontier = nxt
    start = max(path, key=lambda v: to_end.get(id(v), -1))
    steps = [(start, _ROOT)]
    v = start
    while v is not end:
        edge = [e for e in path.out_edges(v)
                if to_end.get(id(path.head(e)), -1) == to_end[id(v)] - 1][0]
        v = path.head(edge)
        steps.append((v, path.edge_label(edge)))
    return steps


_ModuleType = types.ModuleType


def _module_name(obj):
    try:
        name = vars(obj).get("__name__")
    except TypeError:
        return None
    return name if isinstance(name, str) else None


def _step_text(v):
    """A step of a path as the signature shows it: the type, and the
    name of what has one (read from builtin fields, no user code)."""
    if _is(v, types.ModuleType):
        return "module %s" % (_module_name(v) or "?")
    if type(v) is types.MethodType and type(v.__func__) is types.FunctionType:
        return "method %s" % v.__func__.__qualname__
    if type(v) is types.FunctionType:
        return "function %s" % v.__qualname__
    if _is(v, type):
        return "type %s" % _TYPE_NAME(v)
    return _type_name(v)


# List and tuple positions vary from object to object of one leak: the
# signature shows them as item[*].
_POSITION = re.compile(r"^item\[\d+\]$")


def _text(steps, generic):
    parts = []
    for v, label in steps:
        if label is not _ROOT:
            if label is None:
                label = "?"
            elif generic and _POSITION.match(label):
                label = "item[*]"
            parts.append("--%s-->" % label)
        parts.append(_step_text(v))
    return " ".join(parts)


def _holder(steps):
    """The name of a KNOWN_HOLDERS entry the path goes through, or None."""
    for entry in KNOWN_HOLDERS:
        type_names = set(entry.get("types") or ())
        patterns = [re.compile(p) for p in entry.get("labels") or ()]
        modules = entry.get("modules")
        for i, (v, label) in enumerate(steps):
            if _type_name(v) in type_names:
                return entry["name"]
            if label is _ROOT or label is None or not any(p.fullmatch(label) for p in patterns):
                continue
            if modules is None:
                return entry["name"]
            # A module's global: the step before is the module's dict,
            # and the one before that the module.
            if i >= 2 and _is(steps[i - 2][0], _ModuleType) \
                    and _module_name(steps[i - 2][0]) in modules:
                return entry["name"]
            if i >= 1 and _is(steps[i - 1][0], _ModuleType) \
                    and _module_name(steps[i - 1][0]) in modules:
                return entry["name"]
    return None


def leaks(collect=True, known=False):
    """Every watched object still alive (after a full collection unless
    collect is False), with its shortest path from a root, in LeakGroups
    by the path's signature, the largest group first.  Groups held by a
    known holder (KNOWN_HOLDERS) are left out unless known is True, when
    they come after the program's own, each naming its holder.  Objects
    found dead are forgotten."""
    import gc
    if collect:
        gc.collect()
    # Ids only while the snapshot is taken: a strong reference here
    # would be a path of its own.
    # Indices (ints, untracked) of the entries that may be alive: nothing
    # made here before the snapshot can be taken for a watched object
    # whose address it reused, but this one list, which is left out.
    alive = [i for i, ref in enumerate(_refs) if ref is None or ref() is not None]
    if not alive:
        _forget_all()
        return []
    groups = {}
    try:
        graph = snapshot()
        still = []
        for i in alive:
            entry, ref = _watched[i], _refs[i]
            ident, type_name, reason = entry
            try:
                obj = graph.at(ident)
            except KeyError:
                continue
            if obj is alive or obj is groups or _type_name(obj) != type_name \
                    or (ref is not None and ref() is not obj):
                continue
            still.append((entry, ref))
            try:
                path = graph.path_to_root(obj)
            except ValueError:
                path = None
            if path is not None:
                steps = _chain(path, obj)
                signature, text = _text(steps, True), _text(steps, False)
            else:
                steps = []
                signature = text = "%s (no root reaches it: garbage)" % type_name
            group = groups.get(signature)
            if group is None:
                holder = _holder(steps) if path is not None else None
                records = path.annotated(detailed=True) if path is not None else None
                group = groups[signature] = LeakGroup(signature, text, records, reason,
                                                      holder, graph.allocated_at(obj))
            group.count += 1
            group._refs.append((ident, ref, type_name))
            obj = path = steps = None
        _watched[:] = [entry for entry, ref in still]
        _refs[:] = [ref for entry, ref in still]
    finally:
        graph = obj = path = None
    found = sorted(groups.values(), key=lambda g: (g.holder is not None, -g.count, g.signature))
    return [g for g in found if known or g.holder is None]
