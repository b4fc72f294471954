"""The HTML leak report: ObjectGraph.report() on the worked example and
on examples/growing_cache.py (growth since a census, tracemalloc's
allocation sites, the watched requests' group), refcycle-browse --report
on a saved snapshot and its errors; the page is well-formed HTML that
tidy accepts, self-contained, and a real browser (Debian's headless
Chromium) shows the suspect's path drawn in it."""

import html.parser
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
import zlib

import refcycle

import support
import termtest

EXAMPLES = os.path.join(support.SRCDIR, "examples")

# The house style's fills (src/export/style.c): the object in focus (the
# accumulation point at the end of a drawn path) and a root.
FOCUS_FILL = (0xb7, 0xe4, 0xa6)
ROOT_FILL = (0xd0, 0xeb, 0xff)

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}


class WellFormed(html.parser.HTMLParser):
    """Every element closed in order (void elements and SVG's
    self-closing ones aside); what a page holds that it must not."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.tags, self.text = [], [], {}, []
        self.ids, self.links = set(), set()

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for name, value in attrs:
            if name == "id":
                self.ids.add(value)
            elif name == "href" and value and value.startswith("#"):
                self.links.add(value[1:])
        for name, value in attrs:
            if name in ("src", "href", "xlink:href") and value and not value.startswith("#"):
                self.errors.append("<%s %s=%r> leaves the page" % (tag, name, value))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("</%s> closes %s" % (tag, self.stack[-1:] or "nothing"))
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def check_page(testcase, path):
    """The page at path: well-formed, self-contained, accepted by tidy
    when it is there.  Returns its text and its parser."""
    with open(path, encoding="utf-8") as f:
        page = f.read()
    parser = WellFormed()
    parser.feed(page)
    parser.close()
    testcase.assertEqual(parser.errors, [])
    testcase.assertEqual(parser.stack, [], "elements left open")
    testcase.assertEqual(parser.links - parser.ids, set(), "links to nothing")
    testcase.assertTrue(page.startswith("<!DOCTYPE html>"))
    for tag in ("script", "link", "img", "iframe", "object"):
        testcase.assertNotIn(tag, parser.tags)
    testcase.assertNotRegex(page, r"(?i)url\(|@import|<\?xml|<!DOCTYPE svg")
    if shutil.which("tidy"):
        r = subprocess.run(["tidy", "-e", "-q", path], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, universal_newlines=True,
                           env=support.tool_env())
        testcase.assertEqual(r.returncode, 0, "tidy:\n" + r.stderr)   # 1 warnings, 2 errors
    return page, parser


def section(page, name):
    m = re.search(r'<section id="%s">(.*?)</section>' % name, page, re.S)
    return m.group(1) if m else None


def run_child(testcase, code, *args):
    r = support.run_python(code, args=args, timeout=300)
    testcase.assertEqual(r.returncode, 0, support.describe(r))
    return r


# ------------------------------------------------------------------ PNG
def png_pixels(path):
    """(width, height, rows): an 8-bit RGB or RGBA PNG, not interlaced,
    decoded with zlib alone; rows as bytes of 3 or 4 bytes a pixel."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xff
        elif kind == 2:
            line = bytearray((a + b) & 0xff for a, b in zip(line, prev))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xff
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 0xff
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def count_colour(rows, bpp, rgb):
    pixel = bytes(rgb) + (b"\xff" if bpp == 4 else b"")
    total = 0
    for row in rows:
        start = 0
        while True:
            i = row.find(pixel, start)
            if i < 0:
                break
            if i % bpp == 0:
                total += 1
                start = i + bpp
            else:
                start = i + 1
    return total


GROWING_CACHE = '''
    import sys, tracemalloc
    tracemalloc.start(5)
    sys.path.insert(0, %r)
    import growing_cache
    import refcycle
    base = refcycle.census()
    growing_cache.serve(0, 2000)
    graph = refcycle.snapshot()
    graph.report(sys.argv[1], since=base, title="growing_cache <2000 requests>")
''' % EXAMPLES


class TestReport(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="refcycle-report-")
        self.addCleanup(shutil.rmtree, self.dir)

    def growing_cache(self):
        path = os.path.join(self.dir, "growing.html")
        run_child(self, GROWING_CACHE, path)
        return path

    def test_growing_cache(self):
        path = self.growing_cache()
        page, parser = check_page(self, path)
        self.assertIn("<title>refcycle report: growing_cache &lt;2000 requests&gt;</title>",
                      page)
        suspects = section(page, "suspects")
        self.assertIsNotNone(suspects)
        # The registry's list is where the requests accumulate; its path
        # from the module is listed and drawn.
        self.assertIn("accumulates in <code><b>list</b>", suspects)
        # (3.9 and 3.10 reach an instance's attributes through its __dict__.)
        self.assertRegex(suspects, r"(?s)Registry</b>.*?(\.listeners|"
                                   r"__dict__.*?value\[&#39;listeners&#39;\])")
        self.assertIn("<svg", suspects)
        # The watched requests: one group, all 2000 of them, by its path.
        groups = section(page, "groups")
        self.assertIsNotNone(groups)
        self.assertRegex(groups, r"2000 watched, still alive: module --__dict__--&gt; dict "
                                 r"--value\[&#39;REGISTRY&#39;\]--&gt; Registry "
                                 r"--(\.listeners|__dict__--&gt; dict --value\[&#39;listeners&#39;\])"
                                 r"--&gt; list --item\[\*\]--&gt; method "
                                 r"--__self__--&gt; Request")
        # Growth since the census: exactly the 2000 requests and their
        # methods, each type's row; tracemalloc's sites.
        growth = section(page, "growth")
        self.assertIsNotNone(growth)
        self.assertRegex(growth, r"<code>Request</code></td><td class=\"num\">\+2000</td>")
        self.assertRegex(growth, r"<code>method</code></td><td class=\"num\">\+2000</td>")
        self.assertRegex(growth, r"<code>growing_cache\.py:\d+</code></td><td class=\"num\">"
                                 r"[1-9]\d*</td>")
        self.assertRegex(suspects, r"allocated at growing_cache\.py:\d+")
        self.assertIsNotNone(section(page, "types"))

    def test_worked_example(self):
        """The SomeComputation held by the worker thread's local 'job',
        named to report(objects=...): its group and path."""
        path = os.path.join(self.dir, "worked.html")
        run_child(self, '''
            import queue, sys, threading, time
            import refcycle, support
            story = support.worked_example()
            jobs, results = queue.Queue(), queue.Queue()
            threading.Thread(target=story.worker, args=(jobs, results), daemon=True).start()
            for n in (11, 15, 17):
                jobs.put(story.SomeComputation(n).compute)
                results.get()
            time.sleep(0.2)   # the worker back in jobs.get()
            import gc
            leaked = [o for o in gc.get_objects() if type(o) is story.SomeComputation]
            assert len(leaked) == 1, leaked
            graph = refcycle.snapshot()
            graph.report(sys.argv[1], objects=leaked, title="worked example")
        ''', path)
        page, _ = check_page(self, path)
        groups = section(page, "groups")
        self.assertIsNotNone(groups, page[:2000])
        self.assertIn("1 still alive: ", groups)
        self.assertRegex(groups, r"frame --local &#39;job&#39;--&gt; method "
                                 r"--__self__--&gt; SomeComputation")
        self.assertIn("<svg", groups)

    def test_hostile_names(self):
        """A class named as markup, whose __repr__ must never run."""
        path = os.path.join(self.dir, "hostile.html")
        r = run_child(self, '''
            import sys
            import refcycle
            ran = []
            class Meta(type):
                def __getattribute__(cls, name):
                    ran.append(name)
                    return type.__getattribute__(cls, name)
            Evil = Meta('<script>alert("x")</script>&', (), {
                "__repr__": lambda self: ran.append("repr") or "x",
                "__eq__": lambda self, other: ran.append("eq") or False,
                "__hash__": lambda self: ran.append("hash") or 0})
            keep = [Evil() for _ in range(3)]
            refcycle.watch(keep[0])
            del ran[:]
            graph = refcycle.snapshot()
            graph.report(sys.argv[1])
            print("ran:", ran)
        ''', path)
        self.assertIn("ran: []", r.stdout)
        page, parser = check_page(self, path)
        self.assertNotIn("<script", page)
        self.assertIn("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;", page)

    def test_errors(self):
        graph = refcycle.snapshot()
        try:
            with self.assertRaises(OSError):
                graph.report(os.path.join(self.dir, "no", "such", "dir.html"))
            with self.assertRaises(TypeError):
                graph.report(os.path.join(self.dir, "x.html"), since=42)
            with self.assertRaises(TypeError):
                graph.report(os.path.join(self.dir, "x.html"), title=b"bytes")
            with self.assertRaises((ValueError, KeyError)):
                graph.report(os.path.join(self.dir, "x.html"), objects=[object()])
            self.assertEqual(os.listdir(self.dir), [])   # nothing half written
        finally:
            graph = None

    def test_since_a_saved_file(self):
        path = os.path.join(self.dir, "since.html")
        run_child(self, '''
            import sys
            import refcycle
            refcycle.snapshot().save(sys.argv[2])
            class Grown(object):
                pass
            grown = [Grown() for _ in range(123)]
            refcycle.snapshot().report(sys.argv[1], since=sys.argv[2])
        ''', path, os.path.join(self.dir, "before.rcsnap"))
        page, _ = check_page(self, path)
        growth = section(page, "growth")
        self.assertIn("before.rcsnap", growth)
        self.assertRegex(growth, r"<code>Grown</code></td><td class=\"num\">\+123</td>")

    def test_loaded_snapshot(self):
        """A loaded snapshot (records) reports as the live graph does; it
        has nothing live to compare with a census."""
        snap = os.path.join(self.dir, "heap.rcsnap")
        run_child(self, '''
            import sys
            import refcycle
            class Entry(object):
                pass
            cache = {"entries": [Entry() for _ in range(20000)]}
            refcycle.snapshot().save(sys.argv[1])
        ''', snap)
        graph = refcycle.load(snap)
        try:
            page_path = os.path.join(self.dir, "loaded.html")
            graph.report(page_path, objects=[next(iter(graph))])
            page, _ = check_page(self, page_path)
            self.assertIn("value[&#39;entries&#39;]", section(page, "suspects"))
            self.assertIsNotNone(section(page, "groups"))
            for since in (refcycle.census(), snap, graph):
                with self.assertRaises(TypeError):
                    graph.report(os.path.join(self.dir, "x.html"), since=since)
        finally:
            graph = None

    @unittest.skipUnless(shutil.which("chromium"), "needs chromium (Debian: chromium)")
    def test_chromium_shows_the_path(self):
        path = self.growing_cache()
        shot = os.path.join(self.dir, "shot.png")
        profile = os.path.join(self.dir, "profile")
        r = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                            "--hide-scrollbars", "--user-data-dir=" + profile,
                            "--screenshot=" + shot, "--window-size=1000,1400",
                            "file://" + path],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True, timeout=120, env=support.tool_env())
        self.assertTrue(os.path.exists(shot), r.stderr)
        width, height, bpp, rows = png_pixels(shot)
        self.assertEqual((width, height), (1000, 1400))
        # The first suspect's path is drawn in the first screen: its
        # root (the module) and its accumulation point in focus, each a
        # box of thousands of pixels (the legend's samples are a few
        # hundred).
        focus = count_colour(rows, bpp, FOCUS_FILL)
        root = count_colour(rows, bpp, ROOT_FILL)
        self.assertGreater(focus, 3000, "the object in focus is not drawn")
        self.assertGreater(root, 3000, "the root is not drawn")

    def test_browse_report(self):
        browse = os.environ.get("REFCYCLE_BROWSE")
        if not browse or not os.path.exists(browse):
            self.skipTest("needs REFCYCLE_BROWSE")
        snap = os.path.join(self.dir, "heap.rcsnap")
        run_child(self, '''
            import sys
            import refcycle
            class Entry(object):
                pass
            cache = {"entries": [Entry() for _ in range(20000)]}
            refcycle.snapshot().save(sys.argv[1])
        ''', snap)
        out = os.path.join(self.dir, "heap.html")
        env = support.tool_env(dict(os.environ, LC_ALL="C", LANGUAGE=""))

        def run(*args):
            return subprocess.run([browse] + list(args), stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  universal_newlines=True, env=env, timeout=120)
        r = run("--report", out, snap)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r"^Wrote %s: \d+ objects, [1-9]\d* leak suspects, "
                                   r"[1-9]\d* paths drawn\n$" % re.escape(out))
        page, _ = check_page(self, out)
        self.assertIn("value[&#39;entries&#39;]", section(page, "suspects"))
        self.assertIsNone(section(page, "growth"))
        # Errors: an unwritable place, a file that is no snapshot, a
        # wrong command line; no file is left behind.
        r = run("--report", os.path.join(self.dir, "no", "x.html"), snap)
        self.assertEqual(r.returncode, 1)
        self.assertIn("cannot write", r.stderr)
        bad = os.path.join(self.dir, "bad.rcsnap")
        with open(bad, "wb") as f:
            f.write(b"not a snapshot")
        r = run("--report", os.path.join(self.dir, "bad.html"), bad)
        self.assertEqual(r.returncode, 1)
        self.assertIn("bad.rcsnap", r.stderr)
        r = run("--report", os.path.join(self.dir, "bad.html"), "--info", snap)
        self.assertEqual(r.returncode, 2)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "bad.html")))


    def test_browse_report_since(self):
        browse = os.environ.get("REFCYCLE_BROWSE")
        if not browse or not os.path.exists(browse):
            self.skipTest("needs REFCYCLE_BROWSE")
        before = os.path.join(self.dir, "before.rcsnap")
        after = os.path.join(self.dir, "after.rcsnap")
        run_child(self, '''
            import sys
            import refcycle
            class Grown(object):
                pass
            kept = [Grown() for _ in range(10)]
            refcycle.snapshot().save(sys.argv[1])
            kept += [Grown() for _ in range(250)]
            refcycle.snapshot().save(sys.argv[2])
        ''', before, after)
        out = os.path.join(self.dir, "since.html")
        env = support.tool_env(dict(os.environ, LC_ALL="C", LANGUAGE=""))
        r = subprocess.run([browse, "--report", out, "--since", before, after],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True, env=env, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        page, _ = check_page(self, out)
        growth = section(page, "growth")
        self.assertIsNotNone(growth)
        self.assertIn("before.rcsnap", growth)
        self.assertRegex(growth, r"<code>Grown</code></td><td class=\"num\">\+250</td>")
        # The ten Grown objects of before are not new: at least 250 are.
        m = re.search(r": (\d+) objects are new", growth)
        self.assertGreaterEqual(int(m.group(1)), 250)
        r = subprocess.run([browse, "--report", out, "--since",
                            os.path.join(self.dir, "missing.rcsnap"), after],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True, env=env, timeout=120)
        self.assertEqual(r.returncode, 1)
        self.assertIn("missing.rcsnap", r.stderr)
        # The browser on the same comparison: only what is new, by type.
        if termtest.have_tmux():
            term = termtest.Terminal(["sh", "-c", 'exec "$1" --since "$2" "$3"', "sh", browse,
                                      before, after], 100, 20, {"LC_ALL": "C.UTF-8"})
            try:
                screen = term.wait_text("refcycle: Types - since snapshot")
                self.assertRegex(screen, r"\n +250 +\+250 .* Grown\n")
                term.text("q")
            finally:
                term.close()
        r = subprocess.run([browse, "--info", "--since", before, after],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True, env=env, timeout=120)
        self.assertEqual(r.returncode, 2)


if __name__ == "__main__":
    unittest.main()
