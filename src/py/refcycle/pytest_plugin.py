"""refcycle's pytest plugin: fail a test whose objects outlive it.

    pytest --refcycle-leaks                     every test of the run
    @pytest.mark.refcycle_no_leaks              one test
    pytest --refcycle-report DIR                every test, and an HTML
                                                report per leaking test

Before a test's setup, a census (refcycle.census(): nothing is kept
alive); after its teardown and a full collection, a snapshot.  The new
objects still alive are leaks unless what holds them is pytest's own (its
modules, frames and objects), a holder that keeps objects on purpose
(refcycle.KNOWN_HOLDERS), or a module the test imported (an import is
meant to last), or nothing in the heap refers to them (the temporaries
of the hooks running at that moment).  They are reported by where they
enter the heap: each new object that an older object refers to, grouped by the
signature of its path from a root, as refcycle.leaks() groups watched
objects.  The test then fails at teardown with each group's count, types
and labelled path; with --refcycle-report DIR, also with the name of the
leak report written for it there (ObjectGraph.report(): suspects, the
groups' paths drawn, growth since the test began), DIR/<node id>.html.

Registered as a pytest plugin by the package's entry point (pip) and by
"make install"; loadable by hand with -p refcycle.pytest_plugin.
"""
import gc
import os
import re
import types

import pytest

import refcycle
from refcycle import _watch

MARKER = "refcycle_no_leaks"

# Where pytest keeps what it keeps (reports, fixtures' caches, captured
# output): objects of these modules, and frames running their code.
OWN_MODULES = ("_pytest", "pytest", "pluggy", "py", "iniconfig", "xdist", "execnet",
               "refcycle")

# At most this many entry points get a path each: a test that leaks
# thousands of objects leaks them through a few paths.
MAX_PATHS = 200


def pytest_addoption(parser):
    group = parser.getgroup("refcycle")
    group.addoption("--refcycle-leaks", action="store_true", default=False,
                    help="fail each test that leaves objects alive after it and a "
                         "collection (refcycle's census and snapshot)")
    group.addoption("--refcycle-report", metavar="DIR", default=None,
                    help="check every test as --refcycle-leaks does, and write an "
                         "HTML leak report for each leaking test to DIR "
                         "(DIR/<test id>.html)")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", MARKER + ": fail this test if objects it created outlive it")


def _wanted(item):
    return (item.config.getoption("--refcycle-leaks", default=False)
            or item.config.getoption("--refcycle-report", default=None) is not None
            or item.get_closest_marker(MARKER) is not None)


def report_path(directory, nodeid):
    """DIR/<node id>.html: the node id with every run of characters other
    than letters, digits, '.', '-' and '_' made one '_' (no directory part,
    nothing hidden), cut to a length any file system takes."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", nodeid).strip("._") or "test"
    return os.path.join(directory, name[:150] + ".html")


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_setup(item):
    if _wanted(item):
        # No collection first: garbage counted now is old, whether it is
        # freed later or not.
        item._refcycle_census = refcycle.census()
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    if call.when != "teardown":
        return
    census = item.__dict__.pop("_refcycle_census", None)
    if census is None:
        return
    report = outcome.get_result()
    if report.failed:
        return
    directory = item.config.getoption("--refcycle-report", default=None)
    path = report_path(directory, item.nodeid) if directory else None
    groups = find_leaks(census, path, item.nodeid)
    if groups:
        report.outcome = "failed"
        report.longrepr = describe(groups, path)


def _module_of(obj):
    """The name of the module obj comes from: a frame's code's, a
    module's own, a class's, else its type's; read without running obj's
    code."""
    if type(obj) is types.FrameType:
        name = obj.f_globals.get("__name__")
    elif _watch._is(obj, types.ModuleType):
        name = _watch._module_name(obj)
    elif _watch._is(obj, type):
        name = type.__dict__["__module__"].__get__(obj)
    else:
        name = type.__dict__["__module__"].__get__(type(obj))
    return name if isinstance(name, str) else ""


def _is_own(name):
    return any(name == m or name.startswith(m + ".") for m in OWN_MODULES)


class Group(object):
    """New objects that outlive the test, entering the heap by one path."""

    def __init__(self, signature, text):
        self.signature = signature
        self.text = text
        self.count = 0
        self.types = {}
        self.allocated_at = None


def find_leaks(census, report=None, title=None):
    """The groups of new objects still alive after a collection, less
    pytest's own, the known holders' and what new modules hold.  With
    report (a path) and leaks found, the leak report is written there
    (growth since census, the leaking objects grouped and drawn)."""
    gc.collect()
    graph = None
    leaked = []
    try:
        graph = refcycle.snapshot()
        new = graph.new_since(census)
        new_ids = {id(v) for v in new}
        entries = []
        for v in new:
            if _watch._is(v, (types.FrameType, types.ModuleType)) or _is_own(_module_of(v)):
                continue   # frames run and modules stay: neither is a test's leak
            # Held from outside the heap alone: a running hook's
            # temporaries (the value stacks of pytest's frames), not the
            # test's.
            parents = graph.parents(v)
            if parents and any(id(p) not in new_ids for p in parents):
                entries.append(v)
        groups = {}
        for v in entries[:MAX_PATHS]:
            try:
                path = graph.path_to_root(v)
            except ValueError:
                continue   # garbage: nothing keeps it
            steps = _watch._chain(path, v)
            if _excused(steps, new_ids):
                continue
            signature = _watch._text(steps, True)
            group = groups.get(signature)
            if group is None:
                group = groups[signature] = Group(signature, _watch._text(steps, False))
                group.text += _held(graph, v, new_ids)
                group.allocated_at = graph.allocated_at(v)
            group.count += 1
            leaked.append(v)
            name = _watch._type_name(v)
            group.types[name] = group.types.get(name, 0) + 1
            path = steps = None
        if report and groups:
            os.makedirs(os.path.dirname(report) or ".", exist_ok=True)
            graph.report(report, since=census, objects=leaked, title=title)
        return sorted(groups.values(), key=lambda g: (-g.count, g.signature))
    finally:
        graph = new = leaked = None


def _held(graph, v, new_ids):
    """What the entry point v holds of the test's objects, one step on:
    " --__self__--> Request" (the first such reference)."""
    for e in graph.out_edges(v):
        w = graph.head(e)
        if w is not v and id(w) in new_ids:
            return " --%s--> %s" % (graph.edge_label(e) or "?", _watch._step_text(w))
    return ""


def _excused(steps, new_ids):
    """Whether a path shows its object kept on purpose."""
    if _watch._holder(steps) is not None:
        return True
    for v, label in steps:
        if _watch._is(v, types.ModuleType) and id(v) in new_ids:
            return True    # imported by the test: modules are kept
        if _is_own(_module_of(v)):
            return True    # pytest's own, or refcycle's
    return False


def describe(groups, report=None):
    lines = ["refcycle: objects created by this test are still alive after it "
             "and a collection:"]
    for group in groups:
        kinds = ", ".join("%d %s" % (n, name) for name, n in sorted(group.types.items()))
        lines.append("  %s, held through:" % kinds)
        lines.append("    " + group.text)
        if group.allocated_at is not None:
            frame = group.allocated_at[-1]
            lines.append("    allocated at %s:%d" % (frame.filename, frame.lineno))
    if report:
        lines.append("refcycle: the leak report is %s" % os.path.abspath(report))
    lines.append("(refcycle.snapshot().path_to_root(obj) or refcycle.browse(focus=obj) "
                 "tells more)")
    return "\n".join(lines)
