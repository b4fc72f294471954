"""The worked example, set up for the browser tests: run as
`python -i browse_story.py`, it leaves one SomeComputation alive, held
only by the worker thread's local 'job' (as in the story: no global
refers to it; leaked() finds it), and defines state(), the terminal
modes and signal handlers the browser must give back."""
import gc
import signal
import sys
import termios
import threading
from queue import Queue

import refcycle  # noqa: F401  (used from the prompt)

import support


# The worked example's own worker and SomeComputation (examples/worker.py).
story = support.worked_example()
worker, SomeComputation = story.worker, story.SomeComputation

jobs, results = Queue(), Queue()
threading.Thread(target=worker, args=(jobs, results), daemon=True).start()
computations = [SomeComputation(n) for n in (11, 15, 17)]
for computation in computations:
    jobs.put(computation.compute)
for computation in computations:
    results.get()
del computations, computation


def leaked():
    """The SomeComputation still alive."""
    found = [o for o in gc.get_objects() if type(o) is SomeComputation]
    assert len(found) == 1, found
    return found[0]


def state():
    handlers = [signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGTSTP,
                                             signal.SIGWINCH, signal.SIGCONT)]
    return termios.tcgetattr(sys.stdin.fileno()), handlers


print("story ready")
