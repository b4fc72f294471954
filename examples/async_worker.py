"""Why is this object still alive?  The worked example, with asyncio.

A worker coroutine runs jobs from an asyncio.Queue.  After all the results
are in, one SomeComputation is still alive: the worker is suspended in
'await jobs.get()', and its local 'job' still holds the last bound method.
A snapshot taken inside the event loop shows the chain from a root: the
task, its coroutine, the local, and __self__.

Run with the built package on PYTHONPATH:
    python3 examples/async_worker.py [--browse] [computations.svg]
With a file name, the path from a root is also drawn there (SVG, PNG,
PDF: by the extension).  With --browse, the browser then opens on the
leaked object, inside the loop (p shows the path, q quits).
"""
import asyncio
import sys

import refcycle


async def worker(jobs, results):
    while True:
        job = await jobs.get()
        results.put_nowait(job())


class SomeComputation(object):
    def __init__(self, value):
        self.value = value

    def compute(self):
        return self.value ** 2


async def do_some_computations(jobs, results):
    computations = [SomeComputation(n) for n in [11, 15, 17]]
    for computation in computations:
        jobs.put_nowait(computation.compute)
    for computation in computations:
        print(await results.get())


def step(path, edge):
    """One step of a path: its label, then the summary of the object it
    reaches (the browser's one-line summary: no repr runs)."""
    head = path.head(edge)
    return "--%s--> %s" % (path.edge_label(edge),
                           path.node_label(head).split("\n0x")[0]
                           .replace("\n", " "))


def chain(path, start):
    """The path's steps from start, in order."""
    text, vertex = [], start
    while True:
        edges = [e for e in path.out_edges(vertex) if path.head(e) is not vertex]
        if not edges:
            return text
        text.append(step(path, edges[0]))
        vertex = path.head(edges[0])


def leaked():
    """The SomeComputation still alive (nothing of ours refers to it)."""
    import gc
    return [obj for obj in gc.get_objects() if type(obj) is SomeComputation][0]


async def main():
    jobs, results = asyncio.Queue(), asyncio.Queue()
    task = asyncio.create_task(worker(jobs, results), name="worker")
    await do_some_computations(jobs, results)
    # Let the worker loop back to jobs.get(), where it waits.
    while task.get_coro().cr_await is None:
        await asyncio.sleep(0)

    snapshot = refcycle.snapshot()
    c, = snapshot.find_by(lambda obj: type(obj) is SomeComputation)
    print("SomeComputation instances still alive: 1")
    path = snapshot.path_to_root(c)
    root, = [v for v in path if not path.in_edges(v)]
    print("\nThe path from a root to it (%d objects):" % len(path))
    print("  " + path.node_label(root).split("\n0x")[0].replace("\n", " "))
    for line in chain(path, root):
        print("    " + line)
    images = [a for a in sys.argv[1:] if not a.startswith("--")]
    if images:
        path.export_image(images[0])
        print("\nDrawn in %s" % images[0])
    print("\nThe task's coroutine waits in 'await jobs.get()', and its local"
          "\n'job' keeps the last bound method, and so the last computation,"
          "\nuntil the next job arrives: add 'del job' at the end of the loop.")
    del snapshot, path, root, c
    if "--browse" in sys.argv[1:]:
        refcycle.browse(focus=leaked())
        print("Back in the event loop.")
    task.cancel()


if __name__ == "__main__":
    asyncio.run(main())
