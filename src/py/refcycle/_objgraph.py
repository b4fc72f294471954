"""objgraph's habits on refcycle's graph: show_backrefs, show_refs,
show_chain, find_backref_chain and get_leaking_objects, with objgraph's
parameters (max_depth, extra_ignore, filter, too_many, highlight).

objgraph walks the heap through gc.get_referrers(), one scan of every
object per step; these walk a snapshot, whose referrers are one array
lookup away, so a depth of 6 costs what a depth of 2 does.  The pictures
are drawn in-process in the house style export_image draws, with the
objects asked about in focus (green), the highlighted ones in yellow, and
what too_many left out said on each object ("… 12 more referrers")."""

import sys
import types

from refcycle._core import _render_dot, snapshot
from refcycle._watch import _is, _type_name


def _own_frames():
    """The ids of this module's running frames: a snapshot taken here
    holds them, and they refer to what they are asked about."""
    ids = set()
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_globals is globals():
            ids.add(id(frame))
        frame = frame.f_back
    return ids


def _prepare(objs, extra_ignore):
    """(the starting objects, the ids to leave out): what is asked about
    and what the asking itself adds (the argument list, this module's
    frames)."""
    if issubclass(type(objs), (list, tuple, set, frozenset)):
        starts = list(objs)
        ignore = {id(objs), id(starts)}
    else:
        starts = [objs]
        ignore = {id(starts)}
    ignore.update(extra_ignore)   # ids, as objgraph takes them
    ignore.update(_own_frames())
    return starts, ignore


def _check(graph, starts, ignore):
    for obj in starts:
        if obj not in graph:
            raise ValueError(
                "%s object at 0x%x is not in the graph (the collector does not "
                "track it, so no snapshot holds its referrers)" % (_type_name(obj), id(obj)))
    ignore.update(id(obj) for obj in graph.owned_objects())


# Each function below that takes a snapshot drops it before it returns,
# even on an error: the snapshot holds the function's running frame, and
# that frame, outliving the call, would hold the snapshot (a cycle only a
# collection frees, and a later snapshot would show).


def _walk(graph, starts, ignore, max_depth, backwards, filter, too_many):
    """Breadth first from starts, max_depth steps, through referrers
    (backwards) or referents, at most too_many new neighbours followed
    from each vertex.  Returns (vertices by id, {id: neighbours left out})."""
    found = {id(v): v for v in starts}
    depth = {id(v): 0 for v in starts}
    left_out = {}
    queue = list(starts)
    for v in queue:
        if depth[id(v)] >= max_depth:
            continue
        if backwards and _is(v, types.ModuleType) and id(v) not in {id(s) for s in starts}:
            continue   # as objgraph: a module is where a chain ends
        step = graph.parents(v) if backwards else graph.children(v)
        fresh, skipped, named = [], 0, set()
        for w in step:
            if id(w) in ignore or id(w) in named:
                continue
            named.add(id(w))
            if id(w) in found or (filter is not None and not filter(w)):
                continue
            if len(fresh) >= too_many:
                skipped += 1
                continue
            fresh.append(w)
        for w in fresh:
            found[id(w)] = w
            depth[id(w)] = depth[id(v)] + 1
            queue.append(w)
        if skipped:
            left_out[id(v)] = skipped
    return found, left_out


def _dot(sub, starts, highlight, left_out, backwards):
    """sub's picture in refcycle's house style (as export_image draws),
    the starts in focus, the highlighted vertices marked and, on each
    object, how many of its referrers (or referents) were left out."""
    start_ids = {id(v) for v in starts}
    marked = []
    if highlight is not None:
        marked = [v for v in sub if id(v) not in start_ids and highlight(v)]
    more = {"more_in" if backwards else "more_out": left_out}
    return sub._image_dot(focus=[v for v in starts if v in sub], highlight=marked, **more)


def _show(objs, max_depth, extra_ignore, filter, too_many, highlight, filename, output,
          graph, backwards):
    starts, ignore = _prepare(objs, extra_ignore)
    try:
        if graph is None:
            graph = snapshot()
        _check(graph, starts, ignore)
        found, left_out = _walk(graph, starts, ignore, max_depth, backwards, filter, too_many)
        sub = graph.full_subgraph(list(found.values()))
    finally:
        graph = None
    if filename is not None or output is not None:
        dot = _dot(sub, starts, highlight, left_out, backwards)
        if output is not None:
            output.write(dot)
        if filename is not None:
            _render_dot(dot, filename)
    return sub


def show_backrefs(objs, max_depth=3, extra_ignore=(), filter=None, too_many=10,
                  highlight=None, filename=None, output=None, graph=None):
    """What refers to objs (an object, or a list of them), max_depth
    references back, as objgraph's show_backrefs: vertices in
    extra_ignore (ids) or for which filter(obj) is false left out, at most
    too_many referrers followed from each object, and no further than a
    module.  Returns that subgraph of graph (a new snapshot when None);
    with filename, draws it there (svg, png, pdf: by the extension) in
    export_image's style, the objects asked about in focus (green) and
    those highlight(obj) is true for in yellow; output (a text file)
    receives the DOT text.  filter and
    highlight are your code: they run on the objects they are given."""
    return _show(objs, max_depth, extra_ignore, filter, too_many, highlight, filename,
                 output, graph, backwards=True)


def show_refs(objs, max_depth=3, extra_ignore=(), filter=None, too_many=10,
              highlight=None, filename=None, output=None, graph=None):
    """What objs refer to, max_depth references on, as objgraph's
    show_refs: the same parameters and picture as show_backrefs."""
    return _show(objs, max_depth, extra_ignore, filter, too_many, highlight, filename,
                 output, graph, backwards=False)


def find_backref_chain(obj, predicate, max_depth=20, extra_ignore=(), graph=None):
    """A shortest chain of references to obj from an object for which
    predicate(o) is true, as objgraph's: a list [that object, ..., obj],
    or [obj] when none is found within max_depth references.  Where objgraph
    users pass a module test (objgraph.is_proper_module), graph.path_to_root(obj)
    answers with the collector's own roots."""
    starts, ignore = _prepare([obj], extra_ignore)
    try:
        if graph is None:
            graph = snapshot()
        _check(graph, starts, ignore)
        back = {id(obj): None}
        depth = {id(obj): 0}
        queue = [obj]
        for v in queue:
            if v is not obj and predicate(v):
                chain = [v]
                while back[id(chain[-1])] is not None:
                    chain.append(back[id(chain[-1])])
                return chain
            if depth[id(v)] >= max_depth:
                continue
            for w in graph.parents(v):
                if id(w) in ignore or id(w) in back:
                    continue
                back[id(w)] = v
                depth[id(w)] = depth[id(v)] + 1
                queue.append(w)
        return [obj]
    finally:
        graph = queue = back = None


def show_chain(*chains, **kwargs):
    """Draw chains (lists of objects, as find_backref_chain returns) as
    objgraph's show_chain does: the objects of every chain and the
    references between them.  Keywords: highlight, filename, output,
    graph.  Returns that subgraph."""
    highlight = kwargs.pop("highlight", None)
    filename = kwargs.pop("filename", None)
    output = kwargs.pop("output", None)
    graph = kwargs.pop("graph", None)
    if kwargs:
        raise TypeError("show_chain() got an unexpected keyword argument %r"
                        % sorted(kwargs)[0])
    objects = [obj for chain in chains for obj in chain]
    starts, ignore = _prepare(objects, ())
    try:
        if graph is None:
            graph = snapshot()
        _check(graph, starts, ignore)
        sub = graph.full_subgraph(objects)
    finally:
        graph = None
    if filename is not None or output is not None:
        dot = _dot(sub, [chain[-1] for chain in chains if chain], highlight, {}, True)
        if output is not None:
            output.write(dot)
        if filename is not None:
            _render_dot(dot, filename)
    return sub


def get_leaking_objects(graph=None):
    """The objects nothing in the graph refers to, yet alive, as objgraph's
    get_leaking_objects: held only from outside the tracked heap (C code,
    a reference-counting bug, an untracked container).  Running frames,
    which their threads hold, are left out."""
    try:
        if graph is None:
            graph = snapshot()
        own = {id(x) for x in graph.owned_objects()} | _own_frames()
        return [v for v in graph.roots()
                if not graph.in_edges(v) and id(v) not in own
                and not _is(v, types.FrameType)]
    finally:
        graph = None


__all__ = ["find_backref_chain", "get_leaking_objects", "show_backrefs", "show_chain",
           "show_refs"]
