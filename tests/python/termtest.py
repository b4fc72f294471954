"""Driving an interactive Python in a real terminal (tmux) for tests.

Each Terminal runs one tmux server on its own socket with no user
configuration; keys go in with send-keys, the screen comes back with
capture-pane.  Waits poll the screen for what the test expects, with a
timeout: no sleeping as synchronisation."""
import itertools
import os
import shutil
import subprocess
import time

TIMEOUT = 20.0


class ScreenTimeout(AssertionError):
    pass


def have_tmux():
    return shutil.which("tmux") is not None


# Socket names never repeat within a process: id() of a closed Terminal
# can come back while its server is still shutting down.
_serial = itertools.count()


class Terminal(object):
    def __init__(self, argv, width=100, height=30, env=None):
        self.socket = "refcycle-test-%d-%d" % (os.getpid(), next(_serial))
        full_env = dict(os.environ)
        full_env.update(env or {})
        full_env.setdefault("TERM", "xterm-256color")
        self.env = full_env
        command = " ".join(_quote(a) for a in argv)
        self._tmux("new-session", "-d", "-x", str(width), "-y", str(height), command)

    def _tmux(self, *args, check=True):
        return subprocess.run(["tmux", "-f", "/dev/null", "-L", self.socket] + list(args),
                              env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True, check=check)

    def screen(self):
        return self._tmux("capture-pane", "-p").stdout

    def keys(self, *keys):
        """tmux key names ("Enter", "C-c", "Up") or literal text."""
        self._tmux("send-keys", *keys)

    def text(self, text):
        self._tmux("send-keys", "-l", text)

    def line(self, text):
        self.text(text)
        self.keys("Enter")

    def pid(self):
        """The process running in the pane."""
        return int(self._tmux("list-panes", "-F", "#{pane_pid}").stdout.split()[0])

    def resize(self, width, height):
        self._tmux("resize-window", "-x", str(width), "-y", str(height))

    def wait_for(self, predicate, timeout=TIMEOUT, what=None):
        """Poll until predicate(screen) holds; return the screen."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if predicate(screen):
                return screen
            if time.monotonic() > deadline:
                raise ScreenTimeout("waited %.0f s for %s; the screen:\n%s"
                                    % (timeout, what or predicate, screen))
            time.sleep(0.05)

    def wait_text(self, text, timeout=TIMEOUT):
        return self.wait_for(lambda s: text in s, timeout, repr(text))

    def prompts(self):
        """How many primary prompts the screen shows (with or without
        what was typed after them)."""
        return sum(1 for l in self.screen().splitlines() if l.startswith(">>>"))

    def wait_prompt(self, count=1, timeout=TIMEOUT):
        """Wait until the screen shows at least `count` primary prompts,
        the last one empty (the interpreter is waiting for a line)."""
        def ready(screen):
            lines = [l for l in screen.splitlines() if l.startswith(">>>")]
            return len(lines) >= count and lines[-1].rstrip() == ">>>"
        return self.wait_for(ready, timeout, "%d prompts" % count)

    def close(self):
        self._tmux("kill-server", check=False)


def _quote(arg):
    if arg and all(c.isalnum() or c in "-_./=:," for c in arg):
        return arg
    return "'" + arg.replace("'", "'\\''") + "'"
