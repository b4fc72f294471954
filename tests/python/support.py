"""Helpers shared by the Python tests of refcycle (standard library only)."""

import collections
import os
import subprocess
import sys
import textwrap
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.dirname(os.path.dirname(HERE))

Result = collections.namedtuple("Result", "returncode stdout stderr")

# The worked example, written once: every test that tells the story runs
# this file's worker and SomeComputation (imported, so main() stays unrun).
WORKED_EXAMPLE = os.path.join(SRCDIR, "examples", "worker.py")


def worked_example():
    """examples/worker.py as the module 'worker' (one import per process)."""
    if "worker" in sys.modules:
        return sys.modules["worker"]
    import importlib.util
    spec = importlib.util.spec_from_file_location("worker", WORKED_EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    sys.modules["worker"] = module
    spec.loader.exec_module(module)
    return module


def define_worked_example(namespace,
                          names=("worker", "SomeComputation", "do_some_computations")):
    """Define in namespace the named top-level definitions of
    examples/worker.py, compiled from the file itself (its file name and
    line numbers kept), running nothing else of it: for a child that must
    not import refcycle before it is attached to."""
    import ast
    with open(WORKED_EXAMPLE) as f:
        tree = ast.parse(f.read(), WORKED_EXAMPLE)
    tree.body = [node for node in tree.body if getattr(node, "name", None) in names]
    missing = set(names) - set(node.name for node in tree.body)
    if missing:
        raise ValueError("%s defines no %s" % (WORKED_EXAMPLE, ", ".join(sorted(missing))))
    exec(compile(tree, WORKED_EXAMPLE, "exec"), namespace)


def line_of(function, text):
    """The line number of the first line of function's source holding
    text: what a frame running there reports as f_lineno."""
    import inspect
    lines, first = inspect.getsourcelines(function)
    for i, line in enumerate(lines):
        if text in line:
            return first + i
    raise ValueError("%r is not in %s" % (text, function.__qualname__))


# ---------------------------------------------------------------- processes
def child_env(extra=None):
    """The environment of a child interpreter: ours (so the same
    PYTHONPATH), with this directory appended so it can import support."""
    env = dict(os.environ)
    paths = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    # The parent may have found refcycle through sys.path entries that are
    # not in PYTHONPATH (e.g. when run from the source tree): pass them on.
    try:
        import refcycle
        package_parent = os.path.dirname(os.path.dirname(
            os.path.abspath(refcycle.__file__)))
        if package_parent not in paths:
            paths.append(package_parent)
    except ImportError:
        pass
    if HERE not in paths:
        paths.append(HERE)
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    if extra:
        env.update(extra)
    return env


def run_python(code, timeout=60, args=(), env=None, script=None):
    """Run `code` (dedented) in a fresh `sys.executable` with the same
    PYTHONPATH; return Result(returncode, stdout, stderr).  With script,
    run that file instead.  Raises subprocess.TimeoutExpired (after killing
    the child) when it takes longer than timeout seconds."""
    if script is not None:
        command = [sys.executable, script]
    else:
        command = [sys.executable, "-X", "faulthandler", "-c",
                   textwrap.dedent(code)]
    command.extend(args)
    proc = subprocess.run(command, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=child_env(env), timeout=timeout,
                          universal_newlines=True)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def describe(result):
    """A failure message for a child's Result."""
    return "exit status %r\n--- stdout:\n%s\n--- stderr:\n%s" % (
        result.returncode, result.stdout, result.stderr)


# ------------------------------------------------------------ small graphs
def graph_from_string(spec):
    """Build objects from a spec like "1 2 3; 1->2->3 1->3" and return
    (nodes, objects): nodes maps each name to its node, a list
    [name, successor, successor, ...] (one entry per edge, so repeated
    edges make parallel references); objects lists the nodes in the order
    of the names.  Build the graph with refcycle.ObjectGraph(objects)."""
    vertex_part, edge_part = spec.split(";")
    names = vertex_part.split()
    nodes = collections.OrderedDict((name, [name]) for name in names)
    for chain in edge_part.split():
        hops = chain.split("->")
        for tail, head in zip(hops[:-1], hops[1:]):
            nodes[tail].append(nodes[head])
    return nodes, list(nodes.values())


def names(objects):
    """The set of names of the nodes (built by graph_from_string) in a
    graph or iterable of nodes."""
    return set(node[0] for node in objects)


def identities(objects):
    """Multiset (Counter) of the ids of some objects."""
    return collections.Counter(id(obj) for obj in objects)


def edges_between(graph, tail, head):
    """Edge ids of graph from tail to head."""
    return [e for e in graph.out_edges(tail) if graph.head(e) is head]


def labels_between(graph, tail, head):
    """Labels of the edges of graph from tail to head (a list)."""
    return [graph.edge_label(e) for e in edges_between(graph, tail, head)]


def check_consistency(testcase, graph, max_edges=None, max_vertices=None):
    """Assert the edge/vertex bookkeeping of graph agrees with itself on
    every edge (or an evenly spread sample of max_edges of them) and
    every vertex (or a sample of max_vertices)."""
    m = len(graph.edges)
    step = 1 if not max_edges or m <= max_edges else m // max_edges
    out_cache = {}
    in_cache = {}
    for e in range(0, m, step):
        self_tail = graph.tail(e)
        self_head = graph.head(e)
        testcase.assertIn(self_tail, graph)
        testcase.assertIn(self_head, graph)
        key = id(self_tail)
        if key not in out_cache:
            out_cache[key] = set(graph.out_edges(self_tail))
        testcase.assertIn(e, out_cache[key])
        key = id(self_head)
        if key not in in_cache:
            in_cache[key] = set(graph.in_edges(self_head))
        testcase.assertIn(e, in_cache[key])
    vertices = list(graph.vertices)
    testcase.assertEqual(len(vertices), len(graph))
    vstep = (1 if not max_vertices or len(vertices) <= max_vertices
             else len(vertices) // max_vertices)
    for v in vertices[::vstep]:
        for e in graph.out_edges(v):
            testcase.assertIs(graph.tail(e), v)
        for e in graph.in_edges(v):
            testcase.assertIs(graph.head(e), v)
    if vstep == 1:
        testcase.assertEqual(sum(len(graph.out_edges(v)) for v in vertices),
                             m)
        testcase.assertEqual(sum(len(graph.in_edges(v)) for v in vertices),
                             m)


# ------------------------------------------------------------------ threads
def wait_until(predicate, timeout=10.0, interval=0.001):
    """Poll predicate until true (returns True) or timeout (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return bool(predicate())


def thread_stack(ident):
    """The frames of a running thread, top of stack first (empty when the
    thread runs no Python code)."""
    frame = sys._current_frames().get(ident)
    stack = []
    while frame is not None:
        stack.append(frame)
        frame = frame.f_back
    return stack


def blocked_in(ident, function_name):
    """True when thread ident's stack holds a frame of function_name and
    its top frame is a wait of a lock or condition."""
    stack = thread_stack(ident)
    try:
        return (any(f.f_code.co_name == function_name for f in stack)
                and stack[0].f_code.co_name == "wait")
    finally:
        del stack


class BlockedThread(object):
    """A daemon thread that runs target(*args, release=event) and can be
    released; started and joined as a context manager."""

    def __init__(self, target, args=()):
        self.release = threading.Event()
        self.thread = threading.Thread(target=target,
                                       args=tuple(args) + (self.release,))
        self.thread.daemon = True

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.thread.join(30)
        return False


# ------------------------------------------------------------------ machine
def available_memory():
    """Bytes of memory available (MemAvailable), or None when unknown."""
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def rss_bytes():
    """Resident set size of this process in bytes, or None when unknown."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _mapped(name):
    """True when a file whose path contains name is mapped in this process."""
    try:
        with open("/proc/self/maps") as f:
            return any(name in line for line in f)
    except OSError:
        return False


def under_asan():
    """True when AddressSanitizer's runtime is loaded in this process (its
    quarantine keeps freed memory resident, so RSS checks mean nothing)."""
    return _mapped("libasan")


def under_valgrind():
    """True when this process runs under valgrind (its preloaded core)."""
    return _mapped("vgpreload")


def time_factor():
    """How much longer than natively a time limit should allow: valgrind
    runs code some 30 times slower, ASan some 3 times."""
    if under_valgrind():
        return 30.0
    if under_asan():
        return 3.0
    return 1.0


def tool_env(env=None):
    """The environment for a program that is not the interpreter under test
    (groff, gdb, refcycle-browse): without LD_PRELOAD, which under
    --enable-sanitizers loads ASan's runtime for the uninstrumented
    interpreter, and would make those programs' own bugs fail our tests."""
    env = dict(os.environ if env is None else env)
    env.pop("LD_PRELOAD", None)
    return env


def is_debug_build():
    return hasattr(sys, "gettotalrefcount")


PY311 = sys.version_info >= (3, 11)
