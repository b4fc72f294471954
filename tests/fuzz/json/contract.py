"""contract.py - what refcycle.AnnotatedGraph.from_json must do with any
text (fuzz_json.py's check), and a model of the JSON format in Python to
compare it with.

from_json either returns an AnnotatedGraph that is safe to use, or raises
ValueError, TypeError, UnicodeError, RecursionError, OverflowError or
MemoryError with a message.  check() runs one input through from_json and
the model, uses an accepted graph (every record, to_json and export_json
and back) and raises Violation when anything else happens.
"""

import collections
import itertools
import json
import os

import refcycle

# What from_json may raise.  JSONDecodeError and UnicodeError are ValueErrors
# but are listed by their own names in the counts.
ALLOWED = (ValueError, TypeError, UnicodeError, RecursionError,
           OverflowError, MemoryError)

INT64_MIN, INT64_MAX = -2 ** 63, 2 ** 63 - 1



class Violation(Exception):
    """An input broke the contract."""


def expect(condition, message, *args):
    if not condition:
        raise Violation(message % args if args else message)


# ------------------------------------------------------- text and bytes
def to_text(data):
    """The str form of an input file: UTF-8, with lone surrogates encoded
    as saved by to_bytes, and any other invalid byte kept by
    surrogateescape (json then sees a lone surrogate in its input)."""
    try:
        return data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return data.decode("utf-8", "surrogateescape")


def to_bytes(text):
    """Bytes of an input, for saving: to_text(to_bytes(s)) == s for any str."""
    if isinstance(text, str):
        return text.encode("utf-8", "surrogatepass")
    return bytes(text)


# ---------------------------------------------------------------- model
REJECT = "reject"
UNSURE = "unsure"   # the model cannot tell (its own json.loads recursed)

def model(text):
    """What from_json should make of text: REJECT, UNSURE, or the graph as
    (vertices, edges): vertices a dict id -> annotation, edges a list
    of (id, annotation, head, tail)."""
    try:
        obj = json.loads(text)
    except (RecursionError, MemoryError):
        return UNSURE
    except (ValueError, TypeError):
        return REJECT
    if not isinstance(obj, dict):
        return REJECT
    vs, es = obj.get("vertices"), obj.get("edges")
    if not isinstance(vs, list) or not isinstance(es, list):
        return REJECT

    def label(value, none_ok):
        if value is None and none_ok:
            return None
        if not isinstance(value, str):
            raise ValueError
        value.encode("utf-8")   # a lone surrogate: UnicodeEncodeError
        return value            # kept as it is: DOT label text

    vertices, edges = {}, []
    try:
        for v in vs:
            if not isinstance(v, dict) or "id" not in v or "annotation" not in v:
                return REJECT
            # Exactly int: json's true and false are bools, not ids.
            if type(v["id"]) is not int or v["id"] in vertices:
                return REJECT
            vertices[v["id"]] = label(v["annotation"], none_ok=False)
        for e in es:
            if not isinstance(e, dict) or any(k not in e for k in
                                              ("id", "annotation", "head", "tail")):
                return REJECT
            if any(type(e[k]) is not int for k in ("id", "head", "tail")):
                return REJECT
            if e["head"] not in vertices or e["tail"] not in vertices:
                return REJECT
            edges.append((e["id"], label(e["annotation"], none_ok=True),
                          e["head"], e["tail"]))
    except ValueError:   # UnicodeEncodeError too
        return REJECT
    return vertices, edges


# ------------------------------------------------------------ the check
def outcome_name(exc):
    return type(exc).__name__


def check(text, from_json=None, scratch_dir=None):
    """Run from_json(text) and check the contract; return (outcome,
    message): the exception's type name and message, or ("accepted", "").
    Raises Violation."""
    if from_json is None:
        from_json = refcycle.AnnotatedGraph.from_json
    expected = model(text)
    try:
        graph = from_json(text)
    except ALLOWED as exc:
        # PyErr_NoMemory() raises a MemoryError without a message.
        expect(str(exc) or isinstance(exc, MemoryError),
               "%s without a message", outcome_name(exc))
        # Recursion and memory depend on the state of the process, not
        # only on the input: the model cannot predict them.
        if not isinstance(exc, (RecursionError, MemoryError)):
            expect(expected is REJECT or expected is UNSURE,
                   "a valid graph is refused: %s: %s", outcome_name(exc), exc)
        return outcome_name(exc), str(exc)
    except Violation:
        raise
    except Exception as exc:
        raise Violation("wrong exception type %s: %s" % (outcome_name(exc), exc))
    expect(expected is not REJECT, "an invalid input is accepted as %r", graph)
    try:
        use(graph, expected, from_json, scratch_dir)
    except Violation:
        raise
    except Exception as exc:
        raise Violation("using the graph: %s: %s" % (outcome_name(exc), exc))
    return "accepted", ""


def fits_int64(value):
    return INT64_MIN <= value <= INT64_MAX


def _records_of(graph):
    """vertices as a dict id -> annotation, edges as a Counter of
    (id, annotation, head, tail), read through the graph's queries."""
    vertices = {v.id: v.annotation for v in graph.vertices}
    edges = collections.Counter(
        (e.id, e.annotation, e.head, e.tail)
        for v in graph.vertices for e in graph.out_edges(v))
    return vertices, edges


def use(graph, expected, from_json, scratch_dir):
    """Use an accepted graph every way the records allow and compare it
    with the model's expected graph (unless the model was UNSURE)."""
    expect(type(graph) is refcycle.AnnotatedGraph,
           "from_json returned %s", type(graph).__name__)
    n = len(graph)
    vertices = list(graph.vertices)
    expect(len(vertices) == n, "len() %d but %d vertices", n, len(vertices))
    by_id = {}
    for v in vertices:
        expect(type(v) is refcycle.AnnotatedVertex, "a vertex is a %s", type(v).__name__)
        expect(type(v.id) is int and type(v.annotation) is str,
               "vertex record %r has the wrong field types", v)
        expect(v.type_name is None and v.size is None and v.root is None,
               "vertex %r has snapshot fields", v)
        expect(v.id not in by_id, "vertex id %r twice", v.id)
        by_id[v.id] = v
    m = 0
    in_degree_sum = 0
    edge_records = set()
    for v in vertices:
        expect(v in graph, "vertex %r not in the graph", v)
        # Records stand for the graph's own by id, as in refcycle.
        expect(refcycle.AnnotatedVertex(v.id, "other") in graph,
               "a record equal to %r is not in the graph", v)
        expect(graph.node_label(v) == v.annotation, "node_label(%r) is wrong", v)
        for e in graph.out_edges(v):
            m += 1
            expect(type(e) is refcycle.AnnotatedEdge, "an edge is a %s", type(e).__name__)
            expect(e.annotation is None or type(e.annotation) is str,
                   "edge %r has a bad annotation", e)
            expect(graph.tail(e) is v and e.tail == v.id, "tail of %r is not %r", e, v)
            expect(graph.head(e) is by_id.get(e.head), "head of %r is wrong", e)
            expect(graph.edge_label(e) is e.annotation, "edge_label(%r) is wrong", e)
            edge_records.add(e)
        ins = graph.in_edges(v)
        in_degree_sum += len(ins)
        for e in ins:
            expect(graph.head(e) is v, "in_edges(%r) holds %r", v, e)
    expect(in_degree_sum == m, "%d out-edges but %d in-edges", m, in_degree_sum)
    # The records compare by id, so the set of edges dedupes equal ids.
    expect(graph.edges == frozenset(edge_records), "edges differ from out_edges")
    expect(len(graph.references()) == m, "references() is not one per edge")

    if expected is not UNSURE:
        want_vertices, want_edges = expected
        got_vertices, got_edges = _records_of(graph)
        expect(got_vertices == want_vertices, "vertices differ from the model")
        expect(got_edges == collections.Counter(want_edges), "edges differ from the model")

    # Queries that build new graphs from the records.
    counts = graph.count_by_typename()
    expect(counts == collections.Counter({"AnnotatedVertex": n} if n else {}),
           "count_by_typename() is %r", counts)
    components = graph.strongly_connected_components()
    expect(sum(len(c) for c in components) == n, "the components do not cover the graph")
    roots = set(map(id, graph.roots()))
    expect(roots == {id(v) for v in vertices if not graph.in_edges(v)},
           "roots() are not the vertices no edge enters")
    if vertices:
        first = vertices[0]
        expect(first in graph.descendants(first), "descendants() lacks its start")

    # The writers (to_dot, to_json) take ids as int64: larger ones are an
    # OverflowError there, although from_json accepts them.
    records = _records_of(graph)
    ids = list(records[0]) + [e[0] for e in records[1]]
    int64 = all(fits_int64(i) for i in ids)
    try:
        expect(isinstance(graph.to_dot(), str), "to_dot() is not a str")
    except OverflowError:
        expect(not int64, "to_dot() overflows on int64 ids")
    round_trip(graph, records, int64, from_json, scratch_dir)


_round_trips = itertools.count()


def round_trip(graph, records, int64, from_json, scratch_dir):
    """to_json, and from_json of that, give the same graph back; also
    through a file (export_json, import_json) now and then.  records:
    _records_of(graph)."""
    try:
        text = graph.to_json()
    except OverflowError:
        expect(not int64, "to_json() overflows on int64 ids")
        return
    expect(int64, "to_json() wrote an id outside int64")
    again = from_json(text)

    # The writers take labels as C strings: a NUL in an annotation is
    # written as DOT label text that shows \x00 (an escaped backslash),
    # and the rest of it kept.
    def cut(label):
        return None if label is None else label.replace("\0", "\\\\x00")
    vertices, edges = records
    want_vertices = {i: cut(a) for i, a in vertices.items()}
    want_edges = collections.Counter()
    for (i, a, h, t), count in edges.items():
        want_edges[i, cut(a), h, t] += count
    got_vertices, got_edges = _records_of(again)
    expect(got_vertices == want_vertices, "to_json round trip changes the vertices")
    expect(got_edges == want_edges, "to_json round trip changes the edges")

    if scratch_dir is not None and next(_round_trips) % 8 == 0:
        path = os.path.join(scratch_dir, "roundtrip.json")
        graph.export_json(path)
        with open(path, "rb") as f:
            expect(f.read() == text.encode("utf-8"), "export_json() differs from to_json()")
        expect(_records_of(type(graph).import_json(path)) == (got_vertices, got_edges),
               "import_json(export_json()) differs")


# A 1-tuple of good text too: passed on as one argument, never unpacked.
ODD_ARGUMENTS = (None, 1, 2.5, [], {}, b"", bytearray(b'{"vertices": [], "edges": []}'),
                 memoryview(b"{}"), object(), ('{"vertices": [], "edges": []}',))


def odd_arguments(from_json=None):
    """from_json with arguments that are not text at all."""
    if from_json is None:
        from_json = refcycle.AnnotatedGraph.from_json
    outcomes = collections.Counter()
    for arg in ODD_ARGUMENTS:
        try:
            graph = from_json(arg)
        except ALLOWED as exc:
            expect(str(exc), "%s without a message for %r", outcome_name(exc), arg)
            outcomes[outcome_name(exc)] += 1
        except Exception as exc:
            raise Violation("from_json(%r): wrong exception type %s: %s"
                            % (arg, outcome_name(exc), exc))
        else:
            use(graph, model(arg), from_json, None)
            outcomes["accepted"] += 1
    return outcomes
