"""mutate.py - the mutations of fuzz_json.py: structural (parse the JSON,
change the types and values of fields, write it back) and byte-level, and
the signature that groups outcomes in the report."""

import copy
import json
import re

from contract import INT64_MAX, INT64_MIN, fits_int64, to_text

# ------------------------------------------------------------- mutation
INTERESTING_INTS = [0, 1, -1, 2, 255, 256, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32,
                    INT64_MAX, INT64_MAX + 1, INT64_MIN, INT64_MIN - 1, 2 ** 64 - 1, 2 ** 64,
                    10 ** 30, -10 ** 30, 10 ** 4000]
INTERESTING_FLOATS = [0.0, -0.0, 1.0, 1.5, 1e308, -1e308, 5e-324, float("nan"),
                      float("inf"), float("-inf"), 2.0 ** 63]
ESCAPE_PIECES = ["\\l", "\\n", "\\r", "\\\"", "\\\\", "\\", "\"", "\n", "\r", "\t",
                 "\0", "\x01", "\x7f", "\ud800", "\udfff", "\udc80", "\u00e9", "\u2028",
                 "\U0001f600", "\ufeff", "a", "label", " ", "{", "}", "\\u0041", "%s", "%n"]
BYTE_TOKENS = [b"\\", b"\"", b"\\u", b"\\ud800", b"\\udc00", b"\\l", b"\\n", b"\\\\",
               b"null", b"true", b"false", b"-", b"0", b"1e999", b"-0", b"1.0",
               b"99999999999999999999", b"NaN", b"Infinity", b"[", b"]", b"{", b"}",
               b",", b":", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
               b"\x00", b"\xef\xbb\xbf", b"\"id\": ", b"\"head\": ", b"\"tail\": ",
               b"\"annotation\": ", b"\"vertices\": ", b"\"edges\": "]
TOO_LONG_INT = 10 ** 4200   # str() refuses more than 4300 digits
NUMBER = re.compile(rb"-?\d+(\.\d+)?([eE][-+]?\d+)?")


class Mutator(object):
    def __init__(self, rng, pool):
        self.rng = rng
        self.pool = pool   # list of bytes, for splicing

    # ------------------------------------------------------ values
    def escape_string(self):
        r = self.rng
        s = "".join(r.choice(ESCAPE_PIECES) for _ in range(r.randint(0, 12)))
        if r.random() < 0.3:
            s += "\\"   # a backslash at the very end
        return s

    def long_string(self):
        r = self.rng
        unit = r.choice(["x", "\\n", "\\\\", "\u00e9", "ab\\l", "\\", "\U0001f600"])
        return unit * r.choice([1000, 10000, 60000])

    def value(self, depth=0):
        """A random JSON value, often of the wrong type for the field."""
        r = self.rng
        kind = r.randrange(10)
        if kind == 0:
            return r.choice(INTERESTING_INTS)
        if kind == 1:
            return r.randint(-1000, 1000)
        if kind == 2:
            return r.choice(INTERESTING_FLOATS)
        if kind == 3:
            return r.choice([True, False, None])
        if kind == 4:
            return self.escape_string()
        if kind == 5:
            return str(r.choice(INTERESTING_INTS[:12]))
        if kind == 6 and depth < 3:
            return [self.value(depth + 1) for _ in range(r.randint(0, 3))]
        if kind == 7 and depth < 3:
            return {r.choice(["id", "annotation", "head", "tail", "x"]): self.value(depth + 1)
                    for _ in range(r.randint(0, 3))}
        if kind == 8:
            return self.nested(r.randint(1, 40))
        return self.long_string() if r.random() < 0.1 else ""

    def nested(self, depth, inner=None):
        v = self.rng.choice([1, "x", None]) if inner is None else inner
        for _ in range(depth):
            v = [v]
        return v

    # --------------------------------------------------- structure
    def records(self, obj, key):
        """The list obj[key] when it is one (vertices or edges)."""
        if isinstance(obj, dict) and isinstance(obj.get(key), list):
            return obj[key]
        return None

    def vertex_ids(self, obj):
        vs = self.records(obj, "vertices") or []
        return [v["id"] for v in vs if isinstance(v, dict) and "id" in v]

    def some_record(self, obj):
        r = self.rng
        lists = [lst for lst in (self.records(obj, "vertices"), self.records(obj, "edges"))
                 if lst]
        if not lists:
            return None
        lst = r.choice(lists)
        return r.choice(lst)

    def m_set_field(self, obj):
        rec = self.some_record(obj)
        if isinstance(rec, dict):
            field = self.rng.choice(["id", "annotation", "head", "tail", "id", "type_name"])
            rec[field] = self.value()
        return obj

    def m_del_field(self, obj):
        rec = self.some_record(obj)
        if isinstance(rec, dict) and rec:
            del rec[self.rng.choice(sorted(rec))]
        return obj

    def m_dup_vertex_id(self, obj):
        vs = self.records(obj, "vertices")
        if vs and len(vs) >= 2:
            a, b = self.rng.sample(range(len(vs)), 2)
            if isinstance(vs[a], dict) and isinstance(vs[b], dict):
                vs[a]["id"] = vs[b].get("id")
        return obj

    def m_dangle_edge(self, obj):
        es = self.records(obj, "edges")
        ids = [i for i in self.vertex_ids(obj) if type(i) is int]
        if es:
            e = self.rng.choice(es)
            if isinstance(e, dict):
                missing = (max(ids) + 1 if ids and self.rng.random() < 0.5
                           else self.rng.choice(INTERESTING_INTS))
                e[self.rng.choice(["head", "tail"])] = missing
        return obj

    def m_dup_record(self, obj):
        for key in self.rng.sample(["vertices", "edges"], 2):
            lst = self.records(obj, key)
            if lst:
                lst.insert(self.rng.randint(0, len(lst)), copy.deepcopy(self.rng.choice(lst)))
                break
        return obj

    def m_remove_record(self, obj):
        lst = self.records(obj, self.rng.choice(["vertices", "edges"]))
        if lst:
            del lst[self.rng.randrange(len(lst))]
        return obj

    def m_add_edge(self, obj):
        """A valid edge: self-loops and parallel edges included."""
        ids = self.vertex_ids(obj)
        es = self.records(obj, "edges")
        if ids and es is not None:
            r = self.rng
            es.insert(r.randint(0, len(es)), {
                "id": r.choice([len(es), r.randint(0, 10), r.choice(INTERESTING_INTS[:16])]),
                "annotation": r.choice([None, "item[0]", self.escape_string()]),
                "head": r.choice(ids), "tail": r.choice(ids)})
        return obj

    def m_add_vertex(self, obj):
        vs = self.records(obj, "vertices")
        if vs is not None:
            ids = [i for i in self.vertex_ids(obj) if type(i) is int]
            vs.append({"id": max(ids) + 1 if ids else self.rng.choice(INTERESTING_INTS[:16]),
                       "annotation": self.escape_string()})
        return obj

    def m_annotation(self, obj):
        rec = self.some_record(obj)
        if isinstance(rec, dict):
            rec["annotation"] = (self.long_string() if self.rng.random() < 0.15
                                 else self.escape_string())
        return obj

    def m_renumber(self, obj):
        """Map every vertex id (and the edges' heads and tails) the same
        way: the graph stays valid, with ids of new sizes and signs."""
        r = self.rng
        f = r.choice([lambda i: -i, lambda i: i + 2 ** 63, lambda i: i - 2 ** 63,
                      lambda i: i * 2 ** 40, lambda i: i + 10 ** 30, lambda i: i % 7,
                      lambda i: i * 10 ** 300])
        for key, fields in (("vertices", ("id",)), ("edges", ("head", "tail"))):
            for rec in self.records(obj, key) or []:
                for field in fields:
                    if isinstance(rec, dict) and type(rec.get(field)) is int:
                        rec[field] = f(rec[field])
        return obj

    def m_retype_ids(self, obj):
        """Every id of one field to another type (floats, strings, bools)."""
        r = self.rng
        f = r.choice([float, str, bool, lambda i: [i], lambda i: None, lambda i: {"id": i}])
        field = r.choice(["id", "head", "tail"])
        for rec in self.records(obj, r.choice(["vertices", "edges"])) or []:
            if isinstance(rec, dict) and type(rec.get(field)) is int:
                rec[field] = f(rec[field])
        return obj

    def m_top_level(self, obj):
        r = self.rng
        choice = r.randrange(7)
        if choice == 0:
            return r.choice([[obj], "vertices", 1, None, [], True])
        if choice == 1:
            return {}
        if choice == 2:
            return {"vertices": [], "edges": []}
        if isinstance(obj, dict):
            if choice == 3 and obj:
                del obj[r.choice(sorted(obj))]
            elif choice == 4:
                obj[r.choice(["vertices", "edges"])] = r.choice(
                    [{}, "[]", 0, None, self.nested(r.randint(1, 20), []), {"0": {}}])
            elif choice == 5:
                obj["edges"] = []
            else:
                obj[r.choice(["vertices", "edges", "format"])] = self.value()
        return obj

    def m_nest(self, obj):
        rec = self.some_record(obj)
        if isinstance(rec, dict) and rec:
            field = self.rng.choice(sorted(rec))
            rec[field] = self.nested(self.rng.randint(1, 30), rec[field])
        elif isinstance(obj, dict):
            obj["vertices"] = self.nested(self.rng.randint(1, 30), obj.get("vertices"))
        return obj

    def m_shuffle(self, obj):
        lst = self.records(obj, self.rng.choice(["vertices", "edges"]))
        if lst:
            self.rng.shuffle(lst)
        return obj

    def m_grow(self, obj):
        """Copies of the graph under new ids: larger graphs now and then."""
        vs, es = self.records(obj, "vertices"), self.records(obj, "edges")
        ids = [i for i in self.vertex_ids(obj) if type(i) is int]
        if not vs or es is None or not ids:
            return obj
        copies = self.rng.randint(2, max(2, 3000 // len(vs)))
        span = max(ids) - min(ids) + 1
        new_vs, new_es = list(vs), list(es)
        for k in range(1, copies):
            shift = k * span

            def moved(rec, fields):
                rec = dict(rec)
                for field in fields:
                    if type(rec.get(field)) is int:
                        rec[field] += shift
                return rec
            new_vs.extend(moved(v, ("id",)) for v in vs if isinstance(v, dict))
            new_es.extend(moved(e, ("head", "tail")) for e in es if isinstance(e, dict))
        obj["vertices"], obj["edges"] = new_vs, new_es
        return obj

    STRUCTURAL = ["m_set_field", "m_set_field", "m_del_field", "m_dup_vertex_id",
                  "m_dangle_edge", "m_dup_record", "m_remove_record", "m_add_edge",
                  "m_add_edge", "m_add_vertex", "m_annotation", "m_annotation",
                  "m_renumber", "m_retype_ids", "m_top_level", "m_nest", "m_shuffle",
                  "m_grow"]

    def structural(self, data):
        """Parse, change 1-3 things, write back; None when data is not JSON."""
        try:
            obj = json.loads(data)
        except (ValueError, RecursionError):
            return None
        r = self.rng
        for _ in range(r.choice([1, 1, 1, 2, 3])):
            name = r.choice(self.STRUCTURAL)
            if name == "m_grow" and r.random() < 0.8:
                name = "m_add_edge"   # keep large graphs rare: they are slow
            try:
                obj = getattr(self, name)(obj)
            except (OverflowError, ValueError, RecursionError):
                # e.g. float() of a huge int, or copy.deepcopy of a deeply
                # nested input (3.13's json.loads parses deeper than
                # Python code can recurse): this mutation is skipped.
                pass
        try:
            return self.dump(obj)
        except RecursionError:
            return None

    def dump(self, obj):
        """JSON text of obj, written by hand so that objects can repeat a
        key (json.loads keeps the last) and ensure_ascii varies."""
        r = self.rng
        ascii_only = r.random() < 0.5
        dup_keys = r.random() < 0.1
        if not dup_keys:
            # json's own encoder is much faster; it refuses ints of more
            # than 4300 digits and very deep nesting, which the writer
            # below handles.
            try:
                return json.dumps(obj, ensure_ascii=ascii_only)
            except (ValueError, RecursionError):
                pass
        sep = r.choice([", ", ",", ",\n  "])

        def write(v, depth):
            if isinstance(v, dict):
                parts = []
                for k, item in v.items():
                    if dup_keys and r.random() < 0.2:
                        parts.append("%s: %s" % (json.dumps(k), write(self.value(), depth + 1)))
                    parts.append("%s: %s" % (json.dumps(k, ensure_ascii=ascii_only),
                                             write(item, depth + 1)))
                return "{" + sep.join(parts) + "}"
            if isinstance(v, list):
                if depth > 200:   # json.dumps-style recursion stays shallow
                    return "[]"
                return "[" + sep.join(write(item, depth + 1) for item in v) + "]"
            if isinstance(v, float) and v != v:
                return "NaN"
            if isinstance(v, int) and not isinstance(v, bool) and abs(v) > TOO_LONG_INT:
                return "1" + "0" * 4400   # more digits than int() takes
            return json.dumps(v, ensure_ascii=ascii_only)
        return write(obj, 0)

    # ------------------------------------------------------ bytes
    def bytewise(self, data):
        r = self.rng
        b = bytearray(data)
        for _ in range(r.choice([1, 1, 2, 3, 4, 8])):
            op = r.randrange(9)
            pos = r.randint(0, len(b))
            if op == 0 and b:                       # flip a bit
                i = r.randrange(len(b))
                b[i] ^= 1 << r.randrange(8)
            elif op == 1 and b:                     # an interesting byte
                b[r.randrange(len(b))] = r.choice(b"\\\"{}[],:0-e\xff\x00 ")
            elif op == 2:                           # insert a token
                b[pos:pos] = r.choice(BYTE_TOKENS)
            elif op == 3:                           # random bytes
                b[pos:pos] = bytes(r.randrange(256) for _ in range(r.randint(1, 8)))
            elif op == 4 and b:                     # delete a slice
                end = min(len(b), pos + r.randint(1, 64))
                del b[pos:end]
            elif op == 5 and b:                     # duplicate a slice
                start = r.randrange(len(b))
                chunk = b[start:start + r.randint(1, 256)]
                b[pos:pos] = chunk
            elif op == 6 and self.pool:             # splice another input
                other = r.choice(self.pool)
                if other:
                    start = r.randrange(len(other))
                    b[pos:pos] = other[start:start + r.randint(1, 512)]
            elif op == 7:                           # a number to an interesting one
                numbers = list(NUMBER.finditer(bytes(b)))
                if numbers:
                    m = r.choice(numbers)
                    new = r.choice([str(r.choice(INTERESTING_INTS[:-1])).encode(),
                                    b"1.5", b"-0", b"1e400", b"true", b"\"7\"", b"NaN"])
                    b[m.start():m.end()] = new
            elif op == 8:                           # truncate
                del b[pos:]
        return bytes(b)

    def deep(self):
        """A document nested too deeply for json's recursion limit."""
        depth = self.rng.choice([500, 5000, 100000])
        open_, close = self.rng.choice([("[", "]"), ('{"a": ', "}")])
        inner = open_ * depth + "1" + close * depth
        return '{"vertices": %s, "edges": []}' % inner

    def mutate(self, data):
        """A new input from data: (input, how); the input is a str or bytes
        (from_json passes either to json.loads)."""
        r = self.rng
        if r.random() < 0.005:
            return self.deep(), "deep"
        if r.random() < 0.6:
            text = self.structural(data)
            if text is not None:
                kind = r.random()
                if kind < 0.8:
                    return text, "structural"
                if kind < 0.95:
                    return text.encode("utf-8", "surrogatepass"), "structural"
                # json.loads detects UTF-16 and UTF-32 in bytes.
                return (text.encode(r.choice(["utf-16", "utf-16-le", "utf-32"]),
                                    "surrogatepass"), "structural")
        out = self.bytewise(data)
        return (out if r.random() < 0.5 else to_text(out)), "bytes"


# ------------------------------------------------------------- signatures
_VARYING = re.compile(r"\d+|'[^']*'|\"[^\"]*\"|0x[0-9a-f]+")


def signature(outcome, exc_text, text):
    """A rough stand-in for coverage (none is available for the C code
    from Python): inputs that give a new kind of error message, or an
    accepted graph of a new shape, are kept in the pool."""
    if outcome != "accepted":
        return (outcome, _VARYING.sub("#", exc_text)[:100])
    try:
        obj = json.loads(text)
        vs, es = obj["vertices"], obj["edges"]
        ids = [v["id"] for v in vs] + [e["id"] for e in es]
        labels = [v["annotation"] for v in vs] + [e["annotation"] for e in es]
    except Exception:
        return (outcome,)
    return (outcome, min(len(vs), 3), min(len(es), 3),
            any(e["head"] == e["tail"] for e in es),
            len(set(e["id"] for e in es)) < len(es),
            not all(fits_int64(i) for i in ids),
            any(i < 0 for i in ids),
            any(a is None for a in labels),
            any(a and "\\" in a for a in labels),
            any(a and "\0" in a for a in labels),
            isinstance(text, bytes))
