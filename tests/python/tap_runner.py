"""Run one unittest file and report its tests as TAP on standard output.

Usage: python tap_runner.py path/to/test_x.py

The plan ("1..N") comes first, then one line per test:

    ok K - Class.test_name
    not ok K - Class.test_name            (failure or error; the traceback
                                           follows as "# " comment lines)
    ok K - Class.test_name # SKIP reason
    not ok K - Class.test_name # TODO expected failure
    ok K - Class.test_name # TODO unexpected success

automake's tap-driver.sh judges these lines, so the exit status is 0
whenever the TAP was written, and 1 only when the file could not be
loaded (before the plan).  Whatever the tests print goes to standard
error, never into the TAP stream.  Standard library only; Python 3.9+.
"""

import faulthandler
import importlib.util
import io
import os
import sys
import traceback
import unittest

# A test that hangs is stopped (with every thread's traceback on stderr)
# after this many seconds; the TAP stream then lacks the remaining lines,
# which tap-driver.sh reports as an error.
DEFAULT_TIMEOUT = 900


def _flatten(suite):
    """Yield the test cases of a (nested) suite in running order."""
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            for test in _flatten(item):
                yield test
        else:
            yield item


def _test_name(test):
    """'Class.test_name' for a test case, its description otherwise."""
    method = getattr(test, "_testMethodName", None)
    if method is not None:
        return "%s.%s" % (type(test).__name__, method)
    return str(test)


def _one_line(text):
    """A reason or name fit for a TAP line: one line, no '#'."""
    text = " ".join(str(text).split())
    return text.replace("#", "%23")


class TapResult(unittest.TestResult):
    """Collects the outcomes of each test and writes one TAP line per test
    when the test stops."""

    def __init__(self, out, tests):
        super().__init__()
        self.out = out
        self.number = 0
        self.reported = set()
        self.fixture_outcomes = []  # (description, kind, text)
        self.all_tests = tests
        self._current = None

    # ---------------------------------------------------------------- output
    def _emit(self, ok, name, directive=None, details=None):
        self.number += 1
        line = "%s %d - %s" % ("ok" if ok else "not ok", self.number,
                               _one_line(name))
        if directive:
            line += " # " + _one_line(directive)
        self.out.write(line + "\n")
        if details:
            for text_line in details.rstrip("\n").split("\n"):
                self.out.write("# " + text_line + "\n")
        self.out.flush()

    # ------------------------------------------------------------ life cycle
    def startTest(self, test):
        super().startTest(test)
        self._current = {"failures": [], "skip": None, "xfail": None,
                         "xpass": False}

    def stopTest(self, test):
        super().stopTest(test)
        state = self._current
        self._current = None
        if state is None:
            return
        self.reported.add(id(test))
        name = _test_name(test)
        if state["failures"]:
            self._emit(False, name, details="\n".join(state["failures"]))
        elif state["xfail"] is not None:
            self._emit(False, name, "TODO expected failure",
                       details=state["xfail"])
        elif state["xpass"]:
            self._emit(True, name, "TODO unexpected success")
        elif state["skip"] is not None:
            self._emit(True, name, "SKIP " + (state["skip"] or "skipped"))
        else:
            self._emit(True, name)

    # -------------------------------------------------------------- outcomes
    def _is_fixture(self, test):
        return not isinstance(test, unittest.TestCase) or self._current is None

    def _record_fixture(self, test, kind, text):
        self.fixture_outcomes.append((str(test), kind, text))

    def addError(self, test, err):
        super().addError(test, err)
        text = self._format(err, test)
        if self._is_fixture(test):
            self._record_fixture(test, "error", text)
        else:
            self._current["failures"].append(text)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._current["failures"].append(self._format(err, test))

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None and self._current is not None:
            self._current["failures"].append(
                "%s\n%s" % (subtest, self._format(err, test)))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        if self._is_fixture(test):
            self._record_fixture(test, "skip", reason)
        else:
            self._current["skip"] = reason

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._current["xfail"] = self._format(err, test)

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._current["xpass"] = True

    def _format(self, err, test):
        try:
            return self._exc_info_to_string(err, test)
        except Exception:  # pragma: no cover - formatting must not kill TAP
            return "".join(traceback.format_exception(*err))

    # ------------------------------------------------------------ leftovers
    def finish(self):
        """Report the tests that never ran (their class or module fixture
        failed or was skipped), then fixture errors that came after all
        tests had run (tearDownClass, tearDownModule)."""
        used = set()
        for test in self.all_tests:
            if id(test) in self.reported:
                continue
            outcome = self._fixture_for(test)
            name = _test_name(test)
            if outcome is None:
                self._emit(False, name, details="the test did not run")
                continue
            used.add(id(outcome))
            description, kind, text = outcome
            if kind == "skip":
                self._emit(True, name, "SKIP " + (text or description))
            else:
                self._emit(False, name,
                           details="%s failed:\n%s" % (description, text))
        for outcome in self.fixture_outcomes:
            if id(outcome) not in used and outcome[1] == "error":
                # A failing tearDown fixture: one more (unplanned) line,
                # which tap-driver.sh reports as an error as it should.
                self._emit(False, outcome[0], details=outcome[2])

    def _fixture_for(self, test):
        module = type(test).__module__
        qualified = "%s.%s" % (module, type(test).__qualname__)
        best = None
        for outcome in self.fixture_outcomes:
            description = outcome[0]
            if qualified in description:
                return outcome
            if best is None and module in description:
                best = outcome
        if best is None and self.fixture_outcomes:
            best = self.fixture_outcomes[0]
        return best


def _load(path):
    directory = os.path.dirname(os.path.abspath(path))
    if directory not in sys.path:
        sys.path.insert(0, directory)
    name = os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError("cannot load %s" % path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return unittest.defaultTestLoader.loadTestsFromModule(module)


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: %s path/to/test_x.py\n" % argv[0])
        return 1
    path = argv[1]

    # TAP goes to the original standard output; everything else written
    # to file descriptor 1 (prints of the tests, child processes that
    # inherit it) goes to standard error instead.
    sys.stdout.flush()
    tap_fd = os.dup(1)
    os.dup2(2, 1)
    out = io.TextIOWrapper(os.fdopen(tap_fd, "wb", buffering=0),
                           encoding="utf-8", errors="backslashreplace",
                           line_buffering=True)

    faulthandler.enable()
    timeout = float(os.environ.get("TAP_RUNNER_TIMEOUT", DEFAULT_TIMEOUT))
    if timeout > 0:
        faulthandler.dump_traceback_later(timeout, exit=True)

    try:
        suite = _load(path)
    except BaseException:
        traceback.print_exc()
        out.write("Bail out! cannot load %s\n" % _one_line(path))
        out.close()
        return 1

    if suite.countTestCases() == 0:
        out.write("1..0 # SKIP no tests in %s\n" % _one_line(path))
        out.close()
        return 0

    tests = list(_flatten(suite))
    out.write("1..%d\n" % len(tests))
    out.flush()
    result = TapResult(out, tests)
    try:
        suite.run(result)
    except BaseException:
        # Anything escaping unittest itself: say so and report the rest.
        out.write("# the test run stopped early:\n")
        for line in traceback.format_exc().rstrip("\n").split("\n"):
            out.write("# " + line + "\n")
    result.finish()
    out.flush()
    faulthandler.cancel_dump_traceback_later()
    out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
