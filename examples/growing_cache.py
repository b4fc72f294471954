"""Finding a leak you don't know about.  A worked example.

A small service handles requests in a loop.  Its memory grows.  Two
things fill up: a cache of rendered templates (on purpose: it fills on
the first requests and then stays the same) and, by mistake, a registry
of listeners that every request joins and none leaves.  Which one is the
leak?  The steps a user would take, each with what it prints:

    census + growth    what grows while the service runs
    repeat             what grows on every round, not just once
    suspects           what holds most of the heap, and where
    watch + leaks      why the requests that should be gone are not

Run with the built package on PYTHONPATH:
    python3 examples/growing_cache.py [--browse]
With --browse, the browser then opens on the suspects (L shows them
again; Enter opens where the size accumulates, p its path).
"""
import sys

import refcycle


class Template(object):
    def __init__(self, name):
        self.name = name
        self.text = ("<h1>%s</h1>" % name) * 20


class Request(object):
    def __init__(self, number):
        self.number = number
        self.body = [number] * 50

    def on_shutdown(self):
        pass


class Registry(object):
    """Listeners to tell at shutdown: every request joins; none leaves."""
    def __init__(self):
        self.listeners = []

    def join(self, callback):
        self.listeners.append(callback)


TEMPLATES = {}        # the cache: one entry per page, filled once
REGISTRY = Registry()
PAGES = ["home", "about", "contact", "help"]


def render(page):
    if page not in TEMPLATES:
        TEMPLATES[page] = Template(page)
    return TEMPLATES[page]


def handle(number):
    """One request: render a page; register for shutdown (the leak)."""
    request = Request(number)
    REGISTRY.join(request.on_shutdown)
    render(PAGES[number % len(PAGES)])
    refcycle.watch(request, "request %d answered" % number)
    return request.number


def serve(start, count):
    for number in range(start, start + count):
        handle(number)


def show_suspects():
    graph = refcycle.snapshot()
    for s in graph.suspects(threshold=0.2):
        what = ("one %s" % s.type_name if s.kind == "object"
                else "%d %s objects" % (s.count, s.type_name))
        where = graph.node_label(s.accumulation).split("\n")[0]
        print("   %3.0f%%  %-22s accumulates in %s" % (100 * s.share, what, where))
        print("         path: %s" % " ".join("--%s-->" % s.path.edge_label(e)
                                             for e in s.path.edges))


def main():
    print("1. census, then 2,000 requests, then growth():")
    base = refcycle.census()
    serve(0, 2000)
    for name, count, delta in refcycle.growth(base, limit=5):
        print("   %-10s %6d  +%d" % (name, count, delta))

    print("\n2. repeat(): what grows on every round of 100 requests")
    rounds = iter(range(2000, 100000, 100))
    for name, count, deltas in refcycle.repeat(lambda: serve(next(rounds), 100), times=4):
        print("   %-10s %6d  %s" % (name, count, " ".join("+%d" % d for d in deltas)))
    print("   (Template is not there: the cache filled on the first requests)")

    print("\n3. suspects(): what holds most of the heap")
    show_suspects()

    print("\n4. leaks(): the watched requests still alive")
    for group in refcycle.leaks():
        print("   %d requests, e.g. %r, held by:" % (group.count, group.reason))
        print("   " + group.signature)

    print("\nThe registry keeps every request's bound method: remove the listener"
          "\nwhen the request is answered.  The template cache stays as it is.")


if __name__ == "__main__":
    main()
    if "--browse" in sys.argv[1:]:
        input("\nPress Enter to open the browser (L: the suspects, q quits)... ")
        refcycle.browse()
