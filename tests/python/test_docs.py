"""The documentation keeps up with the code: every public name is in the
manual and the README, the man page renders without warnings, and the
module's help reads."""
import os
import pydoc
import re
import shutil
import subprocess
import unittest

import support

import refcycle

DOC = os.path.join(support.SRCDIR, "doc")


def public_names():
    names = set(refcycle.__all__)
    for cls in (refcycle.ObjectGraph, refcycle.AnnotatedGraph):
        names.update(n for n in dir(cls) if not n.startswith("_"))
    return sorted(names)


class TestDocs(unittest.TestCase):
    def read(self, *path):
        with open(os.path.join(support.SRCDIR, *path), encoding="utf-8") as f:
            return f.read()

    def test_manual_and_readme_name_everything(self):
        manual, readme = self.read("doc", "refcycle.texi"), self.read("README")
        for name in public_names():
            self.assertIn(name, manual, "the manual does not mention %s" % name)
            self.assertIn(name, readme, "the README does not mention %s" % name)

    def test_every_public_name_has_a_docstring(self):
        for name in refcycle.__all__:
            obj = getattr(refcycle, name)
            self.assertTrue((obj.__doc__ or "").strip(), name)
            if isinstance(obj, type):
                for attr, value in vars(obj).items():
                    if not attr.startswith("_") and callable(value):
                        self.assertTrue((value.__doc__ or "").strip(), "%s.%s" % (name, attr))

    def test_help_reads(self):
        text = pydoc.render_doc(refcycle, renderer=pydoc.plaintext)
        self.assertIn("why is this Python object still alive", text)
        for name in ("snapshot", "browse", "load", "ObjectGraph", "path_to_root", "save"):
            self.assertIn(name, text)

    @unittest.skipUnless(shutil.which("groff"), "needs groff")
    def test_man_page_renders_without_warnings(self):
        page = os.path.join(DOC, "refcycle-browse.1")
        r = subprocess.run(["groff", "-ww", "-man", "-Tutf8", page], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, universal_newlines=True,
                           env=support.tool_env())
        self.assertEqual(r.returncode, 0)
        self.assertEqual(r.stderr, "")
        text = re.sub(".\x08", "", r.stdout)   # overstrike: bold, underline
        for option in ("--focus", "--info", "EXIT STATUS"):
            self.assertIn(option, text.replace("\u2010", "-"))

    def test_man_page_lists_the_programs_options(self):
        browse = os.environ.get("REFCYCLE_BROWSE")
        if not browse or not os.path.exists(browse):
            self.skipTest("needs REFCYCLE_BROWSE")
        usage = subprocess.run([browse, "--help"], stdout=subprocess.PIPE,
                               universal_newlines=True, env=dict(os.environ, LANGUAGE="", LC_ALL="C")).stdout
        page = self.read("doc", "refcycle-browse.1").replace("\\-", "-")
        options = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", usage))
        self.assertIn("--focus", options)
        for option in options:
            self.assertIn(option, page)


if __name__ == "__main__":
    unittest.main()
