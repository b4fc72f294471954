"""Why is this object still alive?  A worked example.

A worker thread runs jobs from a queue.  After all the results are in, one
SomeComputation is still alive: a snapshot of the heap shows who holds it.

Run with the built package on PYTHONPATH:
    python3 examples/worker.py [--browse] [computations.svg]
With a file name, the ancestors are also drawn there (SVG, PNG, PDF: by
the extension), as the story's export_image step does.  With --browse,
the browser then opens on the leaked object (press ? for the keys, p for
the path that keeps it alive, e to export, q to quit).
"""
import os
import sys
import threading
import time
import types
from queue import Queue

import refcycle


def worker(jobs_queue, results_queue):
    while True:
        job = jobs_queue.get()
        result = job()
        results_queue.put(result)


class SomeComputation(object):
    def __init__(self, value):
        self.value = value

    def compute(self):
        return self.value ** 2


def do_some_computations(jobs_queue, results_queue):
    computations = [SomeComputation(n) for n in [11, 15, 17]]
    for computation in computations:
        jobs_queue.put(computation.compute)
    for computation in computations:
        print(results_queue.get())


def summary(obj, thread_names):
    """A short description of obj that runs none of its code (no repr)."""
    kind = type(obj)
    if kind is types.FrameType:
        code = obj.f_code
        text = "frame %s (%s:%d)" % (code.co_name,
                                     os.path.basename(code.co_filename),
                                     obj.f_lineno)
        if id(obj) in thread_names:
            text += " [thread %s]" % thread_names[id(obj)]
        return text
    if kind is types.MethodType:
        return "method " + obj.__func__.__qualname__
    if kind is types.FunctionType:
        return "function " + obj.__qualname__
    if kind in (list, tuple, dict, set):
        return "%s of %d" % (kind.__name__, len(obj))
    return kind.__name__


def running_frames():
    """Map id(frame) -> thread name for every frame of every thread."""
    names = {t.ident: t.name for t in threading.enumerate()}
    frames = {}
    for ident, frame in sys._current_frames().items():
        while frame is not None:
            frames[id(frame)] = names.get(ident, "%#x" % ident)
            frame = frame.f_back
    return frames


def main():
    jobs_queue, results_queue = Queue(), Queue()
    t = threading.Thread(target=worker, args=(jobs_queue, results_queue))
    t.daemon = True
    t.start()

    do_some_computations(jobs_queue, results_queue)
    # Let the worker loop back to jobs_queue.get(), where it waits.
    while sys._current_frames()[t.ident].f_code.co_name != "wait":
        time.sleep(0.01)

    snapshot = refcycle.snapshot()
    print("snapshot:", snapshot)
    computations = snapshot.find_by(lambda obj: type(obj) is SomeComputation)
    print("SomeComputation instances still alive:", len(computations))
    c = computations[0]
    thread_names = running_frames()

    def show(graph, edge):
        return "%s --%s--> %s" % (summary(graph.tail(edge), thread_names),
                                  graph.edge_label(edge),
                                  summary(graph.head(edge), thread_names))

    print("All its ancestors: %d objects" % len(snapshot.ancestors(c)))
    ancestors = snapshot.ancestors(c, generations=3)
    print("\nWhat keeps it alive (ancestors, 3 generations): %d objects"
          % len(ancestors))
    for line in sorted(show(ancestors, e) for e in ancestors.edges):
        print("  " + line)

    worker_frame = [obj for obj in ancestors
                    if type(obj) is types.FrameType
                    and obj.f_code is worker.__code__][0]
    path = snapshot.shortest_path(worker_frame, c)
    print("\nShortest path from the worker's running frame to it:")
    vertex = worker_frame
    text = summary(vertex, thread_names)
    while vertex is not c:
        edge = [e for e in path.out_edges(vertex)
                if path.head(e) is not vertex][0]
        vertex = path.head(edge)
        text += " --%s--> %s" % (path.edge_label(edge),
                                 summary(vertex, thread_names))
    print("  " + text)
    images = [a for a in sys.argv[1:] if not a.startswith("--")]
    if images:
        snapshot.ancestors(c, generations=3).export_image(images[0])
        print("\nDrawn in %s" % images[0])
    print("\nThe worker's local 'job' keeps the last bound method, and so the"
          "\nlast computation, until the next job arrives: add 'del job' at"
          "\nthe end of the loop.")


def leaked():
    """The SomeComputation still alive (nothing of ours refers to it)."""
    import gc
    gc.collect()
    return [obj for obj in gc.get_objects() if type(obj) is SomeComputation][0]


if __name__ == "__main__":
    main()
    if "--browse" in sys.argv[1:]:
        input("\nPress Enter to open the browser on it (q quits)... ")
        refcycle.browse(focus=leaked())
