"""refcycle's pytest plugin, run as a user runs it: pytest in a child
process on a small test file, with -p refcycle.pytest_plugin (the
build tree is not installed, so its entry point is not there).  Skipped
where the interpreter has no pytest (Debian: python3-pytest)."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

import support

try:
    import pytest  # noqa: F401
    HAVE_PYTEST = True
except ImportError:
    HAVE_PYTEST = False
try:
    import xdist  # noqa: F401
    HAVE_XDIST = True
except ImportError:
    HAVE_XDIST = False

TESTS = textwrap.dedent('''\
    import pytest

    REGISTRY = []


    class Request(object):
        def done(self):
            pass


    def test_clean():
        data = [Request() for _ in range(100)]
        assert len(data) == 100


    def test_leaks():
        for _ in range(3):
            REGISTRY.append(Request().done)


    @pytest.mark.refcycle_no_leaks
    def test_marked_leak():
        REGISTRY.append(Request())


    @pytest.fixture
    def resource():
        yield Request()


    def test_fixture(resource):
        assert resource is not None


    def test_raises():
        with pytest.raises(ValueError):
            raise ValueError("on purpose")


    def test_imports():
        import json.tool  # noqa: F401  an import lasts on purpose


    def test_cached():
        import functools

        @functools.lru_cache(None)
        def make(n):
            return Request()
        CACHED.append(make)
        make(1)


    CACHED = []
    ''')


@unittest.skipUnless(HAVE_PYTEST, "pytest is not installed for this interpreter "
                                  "(Debian: python3-pytest)")
class TestPlugin(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="refcycle-pytest-")
        self.addCleanup(shutil.rmtree, self.dir)
        with open(os.path.join(self.dir, "test_sample.py"), "w") as f:
            f.write(TESTS)

    def pytest(self, *args, name="test_sample.py"):
        command = [sys.executable, "-m", "pytest", "-p", "refcycle.pytest_plugin",
                   "-p", "no:cacheprovider", "-q", "-rA", name] + list(args)
        proc = subprocess.run(command, cwd=self.dir, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              env=support.child_env(), universal_newlines=True, timeout=300)
        return proc.returncode, proc.stdout

    def outcomes(self, out):
        """{test name: PASSED, ERROR, ...} from pytest's -rA summary."""
        found = {}
        for line in out.splitlines():
            m = re.match(r"^(PASSED|FAILED|ERROR|SKIPPED) test_sample\.py::(\w+)", line)
            if m:
                found.setdefault(m.group(2), set()).add(m.group(1))
        return found

    def test_whole_run(self):
        code, out = self.pytest("--refcycle-leaks")
        self.assertNotEqual(code, 0, out)
        outcomes = self.outcomes(out)
        for clean in ("test_clean", "test_fixture", "test_raises", "test_imports",
                      "test_cached"):
            self.assertEqual(outcomes.get(clean), {"PASSED"}, "%s\n%s" % (clean, out))
        self.assertIn("ERROR", outcomes.get("test_leaks", set()), out)
        self.assertIn("ERROR", outcomes.get("test_marked_leak", set()), out)
        self.assertIn("3 method, held through:", out)
        self.assertIn("--value['REGISTRY']--> list --item[0]--> method Request.done "
                      "--__self__--> Request", out)

    def test_marker_alone(self):
        code, out = self.pytest()
        outcomes = self.outcomes(out)
        self.assertEqual(outcomes.get("test_leaks"), {"PASSED"}, out)   # not asked
        self.assertIn("ERROR", outcomes.get("test_marked_leak", set()), out)
        self.assertIn("1 Request, held through:", out)

    def test_report_per_leaking_test(self):
        reports = os.path.join(self.dir, "reports")
        code, out = self.pytest("--refcycle-report", reports)
        outcomes = self.outcomes(out)
        self.assertEqual(outcomes.get("test_clean"), {"PASSED"}, out)   # no report
        self.assertIn("ERROR", outcomes.get("test_leaks", set()), out)
        expected = os.path.join(reports, "test_sample.py_test_leaks.html")
        self.assertIn("refcycle: the leak report is %s" % expected, out)
        names = sorted(os.listdir(reports))
        self.assertEqual(names, ["test_sample.py_test_leaks.html",
                                 "test_sample.py_test_marked_leak.html"], out)
        with open(expected, encoding="utf-8") as f:
            html = f.read()
        self.assertIn("test_sample.py::test_leaks", html)               # its title
        self.assertIn('<section id="groups">', html)
        self.assertIn("value[&#39;REGISTRY&#39;]", html)               # the path
        self.assertIn('<section id="growth">', html)                   # since the test began
        self.assertIn("<svg", html)

    def test_report_name(self):
        from refcycle import pytest_plugin
        self.assertEqual(pytest_plugin.report_path("d", "tests/a b.py::test_x[1-/..]"),
                         os.path.join("d", "tests_a_b.py_test_x_1-.html"))
        self.assertEqual(pytest_plugin.report_path("d", "../.."), os.path.join("d", "test.html"))

    @unittest.skipUnless(HAVE_XDIST, "pytest-xdist is not installed (python3-pytest-xdist)")
    def test_under_xdist(self):
        code, out = self.pytest("--refcycle-leaks", "-n", "2")
        outcomes = self.outcomes(out)
        self.assertEqual(outcomes.get("test_clean"), {"PASSED"}, out)
        self.assertIn("ERROR", outcomes.get("test_leaks", set()), out)

    def test_overhead_per_test(self):
        with open(os.path.join(self.dir, "test_many.py"), "w") as f:
            f.write("".join("def test_%d():\n    assert [%d]\n\n" % (i, i) for i in range(60)))
        times = {}
        for label, args in (("plain", ()), ("checked", ("--refcycle-leaks",))):
            start = time.perf_counter()
            code, out = self.pytest(*args, name="test_many.py")
            times[label] = time.perf_counter() - start
            self.assertEqual(code, 0, out)
            self.assertIn("60 passed", out)
        per_test = (times["checked"] - times["plain"]) / 60
        # A census, a collection and a snapshot of a pytest process: a
        # few tens of milliseconds; the bound leaves room for a busy CI.
        self.assertLess(per_test, 0.5, times)
        print("# refcycle's pytest plugin: %.1f ms per clean test" % (1000 * per_test))


if __name__ == "__main__":
    unittest.main()
