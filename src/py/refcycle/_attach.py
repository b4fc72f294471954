"""refcycle._attach - what `refcycle-browse --pid PID` runs inside the
target process (src/attach/attach.c): take a snapshot, leave out the
attach machinery's own objects, and save it to a file in a private
directory the attaching program made.

The attaching program runs a fixed snippet (attach.c's INNER_CODE) in an
exec namespace of its own: it checks the directory, imports this module
(writing the import error to PATH.error if that fails) and calls
take(PATH, had_refcycle, namespace).  Nothing here may raise: an
exception escaping PyRun_SimpleString would print a traceback on the
target's standard error.
"""
import os
import sys

# The snippet's frames are compiled from a string.
_SNIPPET_FILENAME = "<string>"

# Whether refcycle was there before the first attach imported this module
# (None until then): later attaches find it imported by the first one.
_had_refcycle = None


def _write_error(path, text):
    """text, the interpreter and its version to path + ".error" (mode
    0600, renamed into place so the attaching side never reads half)."""
    tmp = path + ".error.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, ("%s\n%s\n%s\n" % (text, sys.executable, sys.version))
                 .encode("utf-8", "replace"))
    finally:
        os.close(fd)
    os.rename(tmp, path + ".error")


def _own_frames():
    """The running frames of the attach machinery on this thread: this
    module's, and the snippet's two (the exec'd code and the
    PyRun_SimpleString code that called exec), top first."""
    frames = []
    frame = sys._getframe(1)
    snippet = 0
    while frame is not None and snippet < 2:
        code = frame.f_code
        if code.co_filename == _SNIPPET_FILENAME:
            snippet += 1
        elif frame.f_globals.get("__name__") != __name__:
            break
        frames.append(frame)
        frame = frame.f_back
    return frames


def _excluded(graph, had_refcycle, namespace):
    """The objects of graph that belong to the attach machinery: its
    frames, the snippet's code and namespace, the functions running, and
    the modules it imported; then, grown to a fixed point, every object
    all of whose referrers are among those, that is held from nowhere
    else (no external reference) and is not a frame: what only the
    machinery keeps alive.  A few hundred objects are looked at, not the
    whole heap (dominators would take seconds on a million objects)."""
    seeds = [namespace]
    for frame in _own_frames():
        seeds.append(frame)
        code = frame.f_code
        if code.co_filename == _SNIPPET_FILENAME:
            seeds.append(code)
        else:
            # The functions being called: their callers' stacks hold them,
            # so the snapshot sees them held from outside, not only by
            # this module.
            function = globals().get(code.co_name)
            if getattr(function, "__code__", None) is code:
                seeds.append(function)
    names = ["refcycle._attach"]
    if not had_refcycle:
        names += [name for name in list(sys.modules)
                  if name == "refcycle" or name.startswith("refcycle.")]
    seeds.extend(sys.modules.get(name) for name in names)
    own = {}
    for obj in seeds:
        if obj is not None and obj in graph:
            own[id(obj)] = obj
    frame_type = type(sys._getframe())
    todo = list(own.values())
    while todo:
        for child in graph.children(todo.pop()):
            if id(child) in own or type(child) is frame_type:
                continue
            external = graph.external_refs(child)
            if external is None or external > 0:
                continue
            # Checked again when its last referrer joins.
            if all(id(parent) in own for parent in graph.parents(child)):
                own[id(child)] = child
                todo.append(child)
    del seeds, todo
    return list(own.values())


def take(path, had_refcycle, namespace):
    """Snapshot this process into path (mode 0600), without the attach
    machinery's objects; on any error, write it to path + ".error"."""
    global _had_refcycle
    if _had_refcycle is None:
        _had_refcycle = bool(had_refcycle)
    had_refcycle = _had_refcycle
    try:
        import refcycle
        graph = refcycle.snapshot()
        own = _excluded(graph, had_refcycle, namespace)
        result = graph - refcycle.ObjectGraph(own)
        del own, graph
        result.save(path)
        os.chmod(path, 0o600)
    except BaseException as e:  # noqa: B902 (the target must not see it)
        try:
            _write_error(path, "%s: %s" % (type(e).__name__, e))
        except BaseException:
            pass
