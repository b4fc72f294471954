"""refcycle-browse --pid: attaching to a running Python process through
gdb.  A child Python runs the worked example (a worker thread whose frame
keeps a bound method, and through __self__ a SomeComputation, alive); the
snapshot taken inside it with --save must hold that chain and none of the
attach machinery, and the child must answer afterwards.  Then every
error: no such process, not Python, a Python of unknown version, refcycle
not importable there, ptrace refused, no debugger, a target busy past the
timeout."""
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

import support

import refcycle

BROWSE = os.environ.get("REFCYCLE_BROWSE", "")

# The worked example's own worker (examples/worker.py), with refcycle
# not imported: the attach imports it.
WORKER = textwrap.dedent("""\
    import contextlib
    import io
    import sys
    import threading
    from queue import Queue

    import support
    support.define_worked_example(globals())

    jobs_queue, results_queue = Queue(), Queue()
    t = threading.Thread(target=worker, args=(jobs_queue, results_queue))
    t.daemon = True
    t.start()
    with contextlib.redirect_stdout(io.StringIO()):   # its results
        do_some_computations(jobs_queue, results_queue)
    assert "refcycle" not in sys.modules
    print("ready", flush=True)
    for line in sys.stdin:
        print("pong " + line.strip(), flush=True)
    """)

# The main thread busy in C with the GIL (sum over a range checks no
# eval breaker): a pending call waits for it.
BUSY_MAIN = textwrap.dedent("""\
    print("ready", flush=True)
    sum(range(10**11))
    """)

# The main thread waits (no GIL), another holds the GIL in C.
BUSY_THREAD = textwrap.dedent("""\
    import sys, threading, time

    def hog():
        time.sleep(0.3)         # the main thread is in readline by then
        print("ready", flush=True)
        sum(range(10**11))

    threading.Thread(target=hog, daemon=True).start()
    sys.stdin.readline()
    """)


def gdb_path():
    return os.environ.get("REFCYCLE_GDB") or shutil.which("gdb")


def ptrace_refusal():
    """Why this process cannot trace its children's siblings, or None."""
    try:
        with open("/proc/sys/kernel/yama/ptrace_scope") as f:
            scope = int(f.read())
    except (OSError, ValueError):
        return None
    if scope >= 1 and os.geteuid() != 0:
        return "kernel.yama.ptrace_scope is %d" % scope
    return None


def start(code, env=None, python=None, args=(), script=None):
    """A child running code (or the file script) that prints "ready" once
    set up."""
    command = [python or sys.executable] + list(args)
    command += [script] if script else ["-c", code]
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env or support.child_env(),
                            universal_newlines=True)
    line = proc.stdout.readline()
    if line.strip() != "ready":
        proc.kill()
        raise AssertionError("child did not start: %r %s" % (line, proc.stderr.read()))
    return proc


def stop(proc):
    if proc.poll() is None:
        proc.kill()
    proc.wait(30)
    for f in (proc.stdin, proc.stdout, proc.stderr):
        f.close()


def state(pid):
    """The state letter of /proc/PID/stat."""
    with open("/proc/%d/stat" % pid) as f:
        return f.read().rsplit(")", 1)[1].split()[0]


def attach(pid, *args, env=None, timeout=60):
    extra = dict(env or {})
    environ = dict(support.tool_env(), LC_ALL="C", LANGUAGE="")
    environ.update(extra)
    proc = subprocess.run([BROWSE, "--pid", str(pid)] + list(args),
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=environ, timeout=timeout,
                          universal_newlines=True)
    return support.Result(proc.returncode, proc.stdout, proc.stderr)


@unittest.skipUnless(BROWSE and os.path.exists(BROWSE), "REFCYCLE_BROWSE not built")
class AttachCase(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="refcycle-attach-test-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def assertFails(self, result, *texts):
        self.assertEqual(result.returncode, 1, support.describe(result))
        for text in texts:
            self.assertIn(text, result.stderr)
        self.assertEqual(os.listdir(self.dir), [])


@unittest.skipUnless(gdb_path(), "gdb is not installed")
@unittest.skipIf(ptrace_refusal(), "ptrace is not permitted: %s" % ptrace_refusal())
class TestWorkedExample(AttachCase):
    """The worked example, attached to with --save."""

    @classmethod
    def setUpClass(cls):
        cls.script_dir = tempfile.mkdtemp(prefix="refcycle-attach-worker-")
        script = os.path.join(cls.script_dir, "worker.py")
        with open(script, "w") as f:
            f.write(WORKER)
        cls.child = start(None, script=script)

    @classmethod
    def tearDownClass(cls):
        stop(cls.child)
        shutil.rmtree(cls.script_dir)

    def ping(self):
        self.child.stdin.write("ping\n")
        self.child.stdin.flush()
        self.assertEqual(self.child.stdout.readline(), "pong ping\n")

    def test_save_find_the_path(self):
        path = os.path.join(self.dir, "heap.rcsnap")
        result = attach(self.child.pid, "--save", path)
        self.assertEqual(result.returncode, 0, support.describe(result))
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        self.assertEqual(os.listdir(self.dir), ["heap.rcsnap"])
        self.assertNotIn(state(self.child.pid), "Tt")
        self.ping()

        g = refcycle.load(path)
        found = [v for v in g.vertices if v.type_name == "SomeComputation"]
        self.assertEqual(len(found), 1)
        c = found[0]
        chain = g.path_to_root(c)
        hops = [(chain.tail(e), chain.edge_label(e), chain.head(e)) for e in chain.edges]
        into = {head.id: (tail, label) for tail, label, head in hops}
        method, label = into[c.id]
        self.assertEqual((method.type_name, label), ("method", "__self__"))
        frame, label = into[method.id]
        self.assertEqual((frame.type_name, label), ("frame", "local 'job'"))
        self.assertIn("worker.py:%d" % support.line_of(support.worked_example().worker,
                                                        "jobs_queue.get()"),
                      frame.annotation)
        # The attach machinery is not there: its frames, code, functions,
        # and refcycle's modules (the child had not imported refcycle).
        for v in g.vertices:
            self.assertNotIn("<string>", v.annotation)
            self.assertNotIn("refcycle", v.annotation)
            self.assertNotIn("_attach", v.annotation)
        frames = [v for v in g.vertices if v.type_name == "frame"]
        self.assertTrue(frames)
        self.assertFalse([v for v in frames if "MainThread" in v.annotation
                          and "<module>" not in v.annotation], [v.annotation for v in frames])

    def test_again(self):
        """A second attach finds refcycle imported by the first, and still
        leaves it out."""
        for name in ("a.rcsnap", "b.rcsnap"):
            path = os.path.join(self.dir, name)
            result = attach(self.child.pid, "--save", path)
            self.assertEqual(result.returncode, 0, support.describe(result))
            g = refcycle.load(path)
            self.assertFalse([v for v in g.vertices if "refcycle" in v.annotation])
            os.unlink(path)
        self.ping()

    def test_info(self):
        """--info with --pid: the counts, no terminal."""
        result = attach(self.child.pid, "--info")
        self.assertEqual(result.returncode, 0, support.describe(result))
        self.assertIn("process %d" % self.child.pid, result.stdout)
        self.assertIn("pid %d" % self.child.pid, result.stdout)
        self.ping()


@unittest.skipUnless(gdb_path(), "gdb is not installed")
@unittest.skipIf(ptrace_refusal(), "ptrace is not permitted: %s" % ptrace_refusal())
class TestPendingCall(AttachCase):
    def test_main_thread_running_python(self):
        """The main thread holds the GIL running bytecode: the snapshot is
        a pending call it runs at its next safe point, after gdb detached;
        the loop then carries on."""
        proc = start(textwrap.dedent("""\
            import sys, time
            class Marker(object):
                pass
            marker = Marker()
            print("ready", flush=True)
            n = 0
            end = time.monotonic() + 30
            while time.monotonic() < end:
                n += 1
            """))
        try:
            path = os.path.join(self.dir, "heap.rcsnap")
            result = attach(proc.pid, "--save", path)
            self.assertEqual(result.returncode, 0, support.describe(result))
            g = refcycle.load(path)
            self.assertEqual(len([v for v in g.vertices if v.type_name == "Marker"]), 1)
            self.assertFalse([v for v in g.vertices if "_attach" in v.annotation
                              or "refcycle" in v.annotation])
            self.assertIsNone(proc.poll())
            self.assertEqual(state(proc.pid), "R")
        finally:
            stop(proc)


@unittest.skipUnless(gdb_path(), "gdb is not installed")
@unittest.skipIf(ptrace_refusal(), "ptrace is not permitted: %s" % ptrace_refusal())
class TestErrors(AttachCase):
    def test_no_such_process(self):
        proc = subprocess.Popen(["true"])
        proc.wait()
        self.assertFails(attach(proc.pid, "--save", os.path.join(self.dir, "x")),
                         "no process has id %d" % proc.pid)

    def test_not_python(self):
        proc = subprocess.Popen(["sleep", "60"])
        try:
            self.assertFails(attach(proc.pid, "--save", os.path.join(self.dir, "x")),
                             "is not a Python program")
        finally:
            proc.kill()
            proc.wait()

    def test_version_unknown(self):
        """Named python, without pythonX.Y anywhere."""
        fake = os.path.join(self.dir, "python")
        shutil.copy("/bin/sleep", fake)
        proc = subprocess.Popen([fake, "60"])
        os.unlink(fake)
        try:
            self.assertFails(attach(proc.pid, "--save", os.path.join(self.dir, "x")),
                             "version cannot be determined")
        finally:
            proc.kill()
            proc.wait()

    def test_refcycle_not_importable(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        proc = start("import sys\nprint('ready', flush=True)\nsys.stdin.readline()\n",
                     env=env, args=["-I", "-S"])
        try:
            result = attach(proc.pid, "--save", os.path.join(self.dir, "x"))
            self.assertFails(result, "refcycle cannot be imported", "pip install",
                             "./configure PYTHON=", "ModuleNotFoundError",
                             "Python %d.%d" % sys.version_info[:2])
            self.assertIn(sys.executable, result.stderr)
            proc.stdin.write("go\n")
            proc.stdin.flush()
            self.assertEqual(proc.wait(30), 0)
        finally:
            stop(proc)

    def test_debugger_missing(self):
        self.assertFails(attach(os.getpid(), "--save", os.path.join(self.dir, "x"),
                                env={"REFCYCLE_GDB": os.path.join(self.dir, "no-gdb")}),
                         "cannot run the debugger", "apt install gdb")

    def test_ptrace_refused_by_gdb(self):
        """As gdb says it where Yama refuses (scope 1)."""
        fake = os.path.join(self.dir, "gdb")
        with open(fake, "w") as f:
            f.write("#!/bin/sh\necho 'ptrace: Operation not permitted.' >&2\nexit 1\n")
        os.chmod(fake, 0o700)
        proc = start("import sys\nprint('ready', flush=True)\nsys.stdin.readline()\n")
        try:
            result = attach(proc.pid, "--save", os.path.join(self.dir, "x"),
                            env={"REFCYCLE_GDB": fake})
            os.unlink(fake)
            self.assertFails(result, "ptrace is not permitted", "kernel.yama.ptrace_scope")
        finally:
            stop(proc)

    @unittest.skipUnless(os.geteuid() == 0 and shutil.which("setpriv"),
                         "needs root and setpriv to attach as another user")
    def test_ptrace_refused(self):
        """Another user's process (here: nobody attaching to root's)."""
        proc = start("import sys\nprint('ready', flush=True)\nsys.stdin.readline()\n")
        try:
            result = subprocess.run(
                ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                 BROWSE, "--pid", str(proc.pid), "--save", "/nonexistent/x"],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                env=dict(os.environ, LC_ALL="C", LANGUAGE="", TMPDIR="/tmp"), timeout=60)
            self.assertEqual(result.returncode, 1, support.describe(result))
            self.assertIn("ptrace is not permitted", result.stderr)
            self.assertIn("kernel.yama.ptrace_scope", result.stderr)
        finally:
            stop(proc)

    @unittest.skipUnless(os.geteuid() == 0 and shutil.which("setpriv"),
                         "needs root and setpriv to start another user's process")
    def test_another_user(self):
        """root attaching to nobody's process: refused, it would write into
        a directory of root's."""
        # An interpreter nobody can run (pyenv's live under /root).
        python = "/usr/bin/python3"
        if not os.path.exists(python):
            self.skipTest("no %s" % python)
        proc = subprocess.Popen(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                                 python, "-c", "import time; time.sleep(60)"])
        try:
            time.sleep(0.3)
            self.assertFails(attach(proc.pid, "--save", os.path.join(self.dir, "x")),
                             "belongs to another user", "sudo -u")
        finally:
            proc.kill()
            proc.wait()

    def test_busy_main_thread(self):
        """The main thread holds the GIL in C: the pending call waits;
        past the timeout, detached, the target running."""
        proc = start(BUSY_MAIN)
        try:
            start_time = time.monotonic()
            result = attach(proc.pid, "--save", os.path.join(self.dir, "x"), "--timeout", "4")
            self.assertLess(time.monotonic() - start_time, 15)
            self.assertFails(result, "did not reach a safe point within 4 seconds")
            self.assertNotIn(state(proc.pid), "Tt")
            self.assertIsNone(proc.poll())
        finally:
            stop(proc)

    def test_ctrl_c_while_the_target_is_busy(self):
        """^C while the pending call waits for the busy main thread: it
        stops at once with exit status 130, its private directory gone
        (the snippet, when it runs, finds none and does nothing), the
        target running."""
        proc = start(BUSY_MAIN)
        tmp = tempfile.mkdtemp(prefix="refcycle-attach-tmp-")
        self.addCleanup(shutil.rmtree, tmp)
        try:
            environ = dict(support.tool_env(), LC_ALL="C", LANGUAGE="", TMPDIR=tmp,
                           REFCYCLE_ATTACH_DEBUG="1")
            browse = subprocess.Popen(
                [BROWSE, "--pid", str(proc.pid), "--save", os.path.join(self.dir, "x"),
                 "--timeout", "120"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, env=environ, universal_newlines=True)
            said = []
            # The debugger's log, printed once it has made its call and
            # detached: the call is pending.
            for line in browse.stderr:
                said.append(line)
                if line.startswith("--- (late"):
                    break
            self.assertIn("refcycle-attach: pending 0", "".join(said))
            start_time = time.monotonic()
            browse.send_signal(signal.SIGINT)
            out, err = browse.communicate(timeout=60)
            self.assertLess(time.monotonic() - start_time, 10)
            self.assertEqual(browse.returncode, 130, err)
            self.assertIn("stopped while waiting for process %d" % proc.pid, err)
            self.assertEqual(os.listdir(tmp), [])
            self.assertEqual(os.listdir(self.dir), [])
            self.assertNotIn(state(proc.pid), "Tt")
            self.assertIsNone(proc.poll())
        finally:
            stop(proc)

    def test_busy_other_thread(self):
        """The main thread waits for the GIL another thread holds in C:
        gdb waits in PyGILState_Ensure, and is left to finish (interrupting
        that call is not safe); the target runs on."""
        proc = start(BUSY_THREAD)
        try:
            result = attach(proc.pid, "--save", os.path.join(self.dir, "x"), "--timeout", "4")
            self.assertFails(result, "did not reach a safe point", "stays attached")
            self.assertNotIn(state(proc.pid), "Tt")
            self.assertIsNone(proc.poll())
        finally:
            proc.send_signal(signal.SIGKILL)
            stop(proc)

    def test_wrong_command_lines(self):
        for args in (["--pid", "12x"], ["--pid", "-3"], ["--pid", "0x10"],
                     ["--pid", "1", "file"], ["--save", "x", "file"],
                     ["--pid", "1", "--timeout", "0"], ["--pid", "1", "--timeout", "nan"]):
            proc = subprocess.run([BROWSE] + args, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, universal_newlines=True)
            self.assertEqual(proc.returncode, 2, (args, proc.stderr))


if __name__ == "__main__":
    unittest.main()
