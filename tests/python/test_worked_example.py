"""The worked example of the refcycle documentation: a worker thread's
running frame keeps the last job, a bound method, and so the last
SomeComputation alive.  Told here in-process with a daemon thread running
examples/worker.py's own worker, and examples/worker.py is run as a child."""

import contextlib
import gc
import io
import os
import re
import sys
import tempfile
import queue
import threading
import types
import unittest

import refcycle

import support


story = support.worked_example()
worker = story.worker
SomeComputation = story.SomeComputation


def worker_is_waiting(ident):
    """The worker is back in jobs_queue.get(), waiting for the next job."""
    stack = support.thread_stack(ident)
    try:
        names = [f.f_code.co_name for f in stack]
        return (len(names) >= 3 and names[0] == "wait"
                and names[1] == "get" and names[2] == "worker")
    finally:
        del stack


def labelled_parents(graph, obj, label):
    return [graph.tail(e) for e in graph.in_edges(obj)
            if graph.edge_label(e) == label]


def labelled_children(graph, obj, label):
    return [graph.head(e) for e in graph.out_edges(obj)
            if graph.edge_label(e) == label]


class TestWorkedExample(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.jobs_queue = queue.Queue()
        cls.results_queue = queue.Queue()
        cls.thread = threading.Thread(
            target=worker, args=(cls.jobs_queue, cls.results_queue),
            name="worked-example-worker")
        cls.thread.daemon = True
        cls.thread.start()
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            story.do_some_computations(cls.jobs_queue, cls.results_queue)
        if printed.getvalue().split() != ["121", "225", "289"]:
            raise AssertionError("wrong results %r" % (printed.getvalue(),))
        if not support.wait_until(
                lambda: worker_is_waiting(cls.thread.ident), timeout=30):
            raise AssertionError("the worker thread did not wait again")
        gc.collect()

    def setUp(self):
        self.graph = refcycle.snapshot()
        found = self.graph.find_by(lambda obj: type(obj) is SomeComputation)
        self.assertEqual(len(found), 1)
        self.computation = found[0]
        stack = support.thread_stack(self.thread.ident)
        self.top_frame = stack[0]
        self.worker_frame = [f for f in stack
                             if f.f_code is worker.__code__][0]
        del stack

    def tearDown(self):
        del self.graph, self.computation, self.top_frame, self.worker_frame

    def test_the_last_computation_is_alive(self):
        self.assertEqual(self.computation.value, 17)

    def test_the_worker_waits_in_its_get(self):
        self.assertEqual(self.worker_frame.f_lineno,
                         support.line_of(worker, "jobs_queue.get()"))
        self.assertEqual(self.worker_frame.f_code.co_filename,
                         support.WORKED_EXAMPLE)

    def test_a_bound_method_holds_it(self):
        methods = labelled_parents(self.graph, self.computation, "__self__")
        self.assertEqual(len(methods), 1)
        method = methods[0]
        self.assertIs(type(method), types.MethodType)
        self.assertIs(method.__func__, SomeComputation.compute)
        self.assertEqual(len(self.graph.parents(self.computation)), 1)

    def test_the_worker_frame_holds_the_method(self):
        method = labelled_parents(self.graph, self.computation, "__self__")[0]
        frames = labelled_parents(self.graph, method, "local 'job'")
        self.assertEqual(len(frames), 1)
        self.assertIs(frames[0], self.worker_frame)
        self.assertEqual(frames[0].f_code.co_name, "worker")
        self.assertIn(self.worker_frame, self.graph)

    def test_ancestors(self):
        ancestors = self.graph.ancestors(self.computation, generations=3)
        worker_frames = [obj for obj in ancestors
                         if isinstance(obj, types.FrameType)
                         and obj.f_code.co_name == "worker"]
        self.assertEqual(len(worker_frames), 1)
        self.assertIs(worker_frames[0], self.worker_frame)
        # computation <- method <- worker frame <- Queue.get frame
        # <- Condition.wait frame, as in the documentation's picture.
        everything = self.graph.ancestors(self.computation)
        self.assertEqual(len(everything), 5)
        self.assertIn(self.top_frame, everything)
        self.assertEqual(len(self.graph.ancestors(self.computation,
                                                  generations=1)), 2)

    def test_f_back_chain_from_the_top_frame(self):
        frame = self.top_frame
        self.assertIn(frame, self.graph)
        hops = 0
        while frame is not self.worker_frame:
            backs = labelled_children(self.graph, frame, "f_back")
            self.assertEqual(len(backs), 1, "frame %s" % frame.f_code.co_name)
            frame = backs[0]
            hops += 1
            self.assertLess(hops, 10)
        self.assertEqual(hops, 2)   # wait -> get -> worker

    def test_shortest_path(self):
        path = self.graph.shortest_path(self.worker_frame, self.computation)
        self.assertEqual(len(path), 3)
        self.assertIn(self.worker_frame, path)
        self.assertIn(self.computation, path)
        labels = sorted(path.edge_label(e) for e in path.edges)
        self.assertEqual(labels, ["__self__", "local 'job'"])

    def test_the_fix(self):
        # With "del job" at the end of the loop nothing is left alive.
        def fixed_worker(jobs_queue, results_queue):
            while True:
                job = jobs_queue.get()
                if job is None:
                    break
                result = job()
                results_queue.put(result)
                del job
        jobs, results = queue.Queue(), queue.Queue()
        thread = threading.Thread(target=fixed_worker, args=(jobs, results))
        thread.daemon = True
        thread.start()
        try:
            class Other(SomeComputation):
                pass
            computations = [Other(n) for n in [1, 2]]
            for c in computations:
                jobs.put(c.compute)
            self.assertEqual([results.get(), results.get()], [1, 4])
            del c, computations
            gc.collect()
            g = refcycle.snapshot()
            self.assertEqual(g.find_by(lambda obj: type(obj) is Other), [])
        finally:
            jobs.put(None)
            thread.join(30)


class TestExampleScript(unittest.TestCase):
    SCRIPT = support.WORKED_EXAMPLE

    def test_runs_and_tells_the_story(self):
        if not os.path.exists(self.SCRIPT):
            self.skipTest("%s is not in this tree" % self.SCRIPT)
        result = support.run_python(None, script=self.SCRIPT, timeout=120)
        self.assertEqual(result.returncode, 0, support.describe(result))
        out = result.stdout
        self.assertIn("--local 'job'--> method SomeComputation.compute", out,
                      support.describe(result))
        self.assertIn("--__self__--> SomeComputation", out,
                      support.describe(result))
        self.assertIn("frame worker (worker.py:%d)"
                      % support.line_of(worker, "jobs_queue.get()"), out,
                      support.describe(result))
        self.assertIn("--f_back-->", out, support.describe(result))
        self.assertNotIn("Traceback", result.stderr)

    README_COMMAND = "$ PYTHONPATH=_build/demo/tests/pylib python3 examples/worker.py computations.svg"

    def readme_output(self):
        """The output the README shows for its command, as lines."""
        with open(os.path.join(support.SRCDIR, "README"), encoding="utf-8") as f:
            lines = f.read().split("\n")
        start = [i for i, l in enumerate(lines) if l.strip() == self.README_COMMAND]
        self.assertEqual(len(start), 1, "the README shows %r once" % self.README_COMMAND)
        shown = []
        for line in lines[start[0] + 1:]:
            if line and not line.startswith("    "):
                break
            shown.append(line[4:])
        while shown and not shown[-1]:
            shown.pop()
        return shown

    def normalized(self, lines, exact):
        """What may differ between runs (the snapshot's size and address,
        the picture's path) and, on another interpreter than the README's,
        between versions (queue.py's line, thread names)."""
        out = []
        for line in lines:
            line = re.sub(r"^snapshot: <refcycle.ObjectGraph object of size \d+ at 0x[0-9a-f]+>$",
                          "snapshot: <...>", line)
            line = re.sub(r"^Drawn in .*computations.svg$", "Drawn in computations.svg", line)
            if not exact:
                line = re.sub(r"queue\.py:\d+", "queue.py:N", line)
                line = re.sub(r" \[thread [^]]*\]", "", line)
            out.append(line)
        return out

    def test_the_readme_shows_what_it_prints(self):
        with tempfile.TemporaryDirectory() as tmp:
            image = os.path.join(tmp, "computations.svg")
            result = support.run_python(None, script=self.SCRIPT, args=[image], timeout=120)
            self.assertEqual(result.returncode, 0, support.describe(result))
            self.assertTrue(os.path.getsize(image) > 0)
        # The README's figures are Debian's python3 (3.11) ones.
        exact = sys.version_info[:2] == (3, 11)
        self.assertEqual(self.normalized(result.stdout.rstrip("\n").split("\n"), exact),
                         self.normalized(self.readme_output(), exact))


if __name__ == "__main__":
    unittest.main()
