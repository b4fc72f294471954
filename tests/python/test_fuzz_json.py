"""AnnotatedGraph.from_json against any input: the seed corpus of
tests/fuzz/json through the fuzzer's contract check (a graph safe to use,
or ValueError, TypeError, UnicodeError, RecursionError, OverflowError or
MemoryError with a message), then a short run of the fuzzer itself in a
child interpreter, where a crash is a failure that shows the input.

FUZZ_SHORT_SECONDS (default 5) and FUZZ_SEED (default 1) set the run;
"make fuzz-json" runs it for minutes."""
import collections
import os
import shutil
import sys
import tempfile
import unittest

import support

import refcycle

FUZZ_DIR = os.path.join(support.SRCDIR, "tests", "fuzz", "json")
FUZZER = os.path.join(FUZZ_DIR, "fuzz_json.py")
CORPUS = os.path.join(FUZZ_DIR, "corpus")
sys.path.insert(0, FUZZ_DIR)
import fuzz_json  # noqa: E402

# What some seeds must give, as bytes and as str alike (None: both the
# same, given here once).  Every export-*.json is a file refcycle wrote
# and must be accepted.
EXPECTED = {
    "edge-empty-object.json": "ValueError",
    "edge-top-level-list.json": "ValueError",
    "edge-duplicate-vertex-id.json": "ValueError",
    "edge-head-missing-vertex.json": "ValueError",
    "edge-id-types.json": "ValueError",
    "edge-id-nan.json": "ValueError",
    "edge-annotation-types.json": "ValueError",
    "edge-annotation-surrogate.json": "UnicodeEncodeError",
    # json.loads refuses it before 3.13; 3.13 parses it, and from_json
    # then finds no vertex records.
    "edge-deep-nesting.json": ("RecursionError", "ValueError"),
    "edge-empty-input.json": "JSONDecodeError",
    "edge-id-huge.json": "accepted",
    "edge-id-int64-bounds.json": "accepted",
    "edge-duplicate-edge-id.json": "accepted",
    "edge-duplicate-keys.json": "accepted",
    "edge-annotation-dot-escapes.json": "accepted",
    "edge-annotation-trailing-backslash.json": "accepted",
    "edge-annotation-nul-controls.json": "accepted",
}


def corpus_files():
    return sorted(n for n in os.listdir(CORPUS) if n.endswith(".json"))


class TestCorpus(unittest.TestCase):
    def test_corpus_size(self):
        names = corpus_files()
        self.assertTrue(15 <= len(names) <= 40, len(names))
        total = sum(os.path.getsize(os.path.join(CORPUS, n)) for n in names)
        self.assertLess(total, 200 * 1024)
        self.assertGreaterEqual(sum(n.startswith("export-") for n in names), 5)

    def test_every_seed_keeps_the_contract(self):
        outcomes = collections.Counter()
        for name in corpus_files():
            with open(os.path.join(CORPUS, name), "rb") as f:
                data = f.read()
            for text in (data, fuzz_json.to_text(data)):
                with self.subTest(name=name, kind=type(text).__name__):
                    try:
                        outcome, message = fuzz_json.check(text)
                    except fuzz_json.Violation as exc:
                        self.fail("%s: %s" % (name, exc))
                    outcomes[outcome] += 1
                    if name.startswith("export-"):
                        self.assertEqual(outcome, "accepted", message)
                    elif isinstance(EXPECTED.get(name), tuple):
                        self.assertIn(outcome, EXPECTED[name], message)
                    elif name in EXPECTED:
                        self.assertEqual(outcome, EXPECTED[name], message)
        # The corpus reaches both sides of the contract.
        self.assertGreater(outcomes["accepted"], 20)
        self.assertGreater(sum(outcomes.values()) - outcomes["accepted"], 20)

    def test_odd_arguments(self):
        outcomes = fuzz_json.odd_arguments()
        self.assertEqual(outcomes["accepted"], 1)   # the bytearray
        self.assertGreaterEqual(outcomes["TypeError"], 5)

    def test_reexport_of_a_real_graph(self):
        a = ["a"]
        b = {"key": a}
        a.append(b)
        text = refcycle.ObjectGraph([a, b]).to_json()
        self.assertEqual(fuzz_json.check(text), ("accepted", ""))
        graph = refcycle.AnnotatedGraph.from_json(text)
        self.assertEqual(sorted(v.id for v in graph.vertices), sorted([id(a), id(b)]))
        self.assertEqual(sorted(graph.edge_label(e) for e in graph.edges),
                         ["item[1]", "value['key']"])


class TestTheCheckCanFail(unittest.TestCase):
    """The check finds what it is there for (given a from_json that is
    wrong on purpose)."""

    GOOD = '{"vertices": [{"id": 1, "annotation": "a\\\\nb"}], "edges": []}'

    def violation(self, from_json, text=GOOD):
        with self.assertRaises(fuzz_json.Violation) as cm:
            fuzz_json.check(text, from_json=from_json)
        return str(cm.exception)

    def test_wrong_exception_type(self):
        def raises(exc):
            def from_json(text):
                raise exc
            return from_json
        self.assertIn("SystemError", self.violation(raises(SystemError("bad"))))
        self.assertIn("KeyError", self.violation(raises(KeyError(1)), "{}"))
        self.assertIn("without a message", self.violation(raises(ValueError()), "{}"))

    def test_valid_input_refused(self):
        def refuse(text):
            raise ValueError("no")
        self.assertIn("refused", self.violation(refuse))

    def test_invalid_input_accepted(self):
        def accept(text):
            return refcycle.AnnotatedGraph.from_json(self.GOOD)
        self.assertIn("accepted", self.violation(accept, '{"vertices": 1, "edges": []}'))

    def test_wrong_graph(self):
        def wrong_label(text):
            return refcycle.AnnotatedGraph([refcycle.AnnotatedVertex(1, "a\nb")], [])
        self.assertIn("model", self.violation(wrong_label))

    def test_model_keeps_annotations_as_they_are(self):
        # refcycle's DOT label text, backslash-n and all.
        vertices, _ = fuzz_json.model(self.GOOD)
        self.assertEqual(vertices, {1: "a\\nb"})


class TestShortRun(unittest.TestCase):
    def test_fuzzer(self):
        seconds = float(os.environ.get("FUZZ_SHORT_SECONDS", "5"))
        seed = os.environ.get("FUZZ_SEED", "1")
        out = tempfile.mkdtemp(prefix="fuzz-json-test-")
        self.addCleanup(shutil.rmtree, out, True)
        result = support.run_python(
            None, script=FUZZER, timeout=seconds + 120,
            args=["--seconds", str(seconds), "--seed", seed, "--save-crashes", out])
        if result.returncode != 0:
            # A crash (a signal, or a sanitizer's exit) leaves the input in
            # current.json; a contract violation saves violation-*.json.
            saved = []
            for name in sorted(os.listdir(out)):
                with open(os.path.join(out, name), "rb") as f:
                    saved.append("%s: %r" % (name, f.read()[:2000]))
            self.fail("the fuzzer failed (seed %s)\n%s\n--- saved inputs:\n%s"
                      % (seed, support.describe(result), "\n".join(saved)))
        summary = [line for line in result.stdout.splitlines()
                   if line.startswith("fuzz_json: ")]
        self.assertEqual(len(summary), 1, support.describe(result))
        self.assertIn("violations 0", summary[0])
        counts = dict((k, int(v)) for k, v in
                      (part.rsplit(" ", 1) for part in
                       summary[0].split(": ", 2)[2].split(";")[0].split(", ")))
        # Inputs beyond the corpus were tried, and reached both an accepted
        # graph and several kinds of refusal.
        self.assertGreater(sum(counts.values()), 2 * len(corpus_files()) + 50, summary[0])
        self.assertGreater(counts.get("accepted", 0), 10, summary[0])
        self.assertGreaterEqual(len(counts), 4, summary[0])


if __name__ == "__main__":
    unittest.main()
