"""Translations: the catalogs are complete and well formed, the browser
speaks the user's language (LANGUAGE, LC_ALL, LC_MESSAGES) without
changing the host Python's locale, every view's key bar still fits in
80 columns in French and German, and refcycle-browse's --help, --info
and error messages come out translated.

Only the C, C.UTF-8 and POSIX locales may exist: the language comes from
LANGUAGE over LC_ALL=C.UTF-8, and the catalogs from the build tree
(REFCYCLE_LOCALEDIR, the tests/locale tree `make check` links to
po/LL.gmo)."""
import gc
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import support  # noqa: F401  (puts the test directory on sys.path)
import termtest

import refcycle

HERE = os.path.dirname(os.path.abspath(__file__))
PODIR = os.path.join(os.path.dirname(os.path.dirname(HERE)), "po")
STORY = os.path.join(HERE, "browse_story.py")
BROWSE = os.environ.get("REFCYCLE_BROWSE", "")
LOCALEDIR = os.environ.get("REFCYCLE_TEST_LOCALEDIR", "")
PYTHONPATH = os.pathsep.join(os.path.abspath(p) for p in
                             os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)


def linguas():
    with open(os.path.join(PODIR, "LINGUAS"), encoding="utf-8") as f:
        return [w for line in f if not line.startswith("#") for w in line.split()]


def have_catalog(lang):
    return bool(LOCALEDIR) and os.path.exists(
        os.path.join(LOCALEDIR, lang, "LC_MESSAGES", "refcycle.mo"))


def env_for(lang):
    """A user speaking lang on a machine with only C.UTF-8."""
    return {"LC_ALL": "C.UTF-8", "LANGUAGE": lang, "REFCYCLE_LOCALEDIR": LOCALEDIR,
            "PYTHONPATH": PYTHONPATH, "PYTHONDONTWRITEBYTECODE": "1"}


# What each language must show.  The key bar's last item is checked on
# every view at 80 columns: the bar drops whatever does not fit, so its
# last item on screen means the whole bar fits.
TEXT = {
    "de": {
        "types": "refcycle: Typen", "types detail": "Objekte, nach Anzahl",
        "sorted": "Sortiert nach: Größe", "help title": "refcycle: Hilfe",
        "help line": "Cursor eine Zeile nach unten", "bar": ["? Hilfe", "q Ende"],
        "filter prompt": "Filter:", "objects": "refcycle: Objekte",
        "object": "refcycle: Objekt ", "ancestors": "refcycle: Vorfahren",
        "path": "refcycle: Pfad", "cycle": "refcycle: Zyklus",
        "dominators": "refcycle: Dominatoren", "export prompt": "Exportieren nach:",
        "export cancelled": "Export abgebrochen",
        "last": {"types": "I umkehren", "objects": "p Pfad", "object": "c Zyklus",
                 "ancestors": "e Export", "path": "e Export", "cycle": "y übergeben",
                 "dominators": "e Export", "help": "/ filtern"},
        "usage": "Aufruf: refcycle-browse [OPTION]... DATEI",
        "help option": "diese Hilfe anzeigen und beenden",
        "no file": "refcycle-browse: keine DATEI angegeben",
        "try help": "„refcycle-browse --help“ liefert weitere Informationen.",
        "no terminal": "der Browser braucht ein Terminal",
        "info": "  Objekte:     ",
    },
    "fr": {
        "types": "refcycle: Types", "types detail": "objets, par nombre",
        "sorted": "Tri : taille", "help title": "refcycle: Aide",
        "help line": "Descendre le curseur d'une ligne", "bar": ["? aide", "q fin"],
        "filter prompt": "Filtre :", "objects": "refcycle: Objets",
        "object": "refcycle: Objet ", "ancestors": "refcycle: Ancêtres",
        "path": "refcycle: Chemin", "cycle": "refcycle: Cycle",
        "dominators": "refcycle: Dominateurs", "export prompt": "Exporter vers :",
        "export cancelled": "Export annulé",
        "last": {"types": "I inverser", "objects": "p chemin", "object": "c cycle",
                 "ancestors": "e export", "path": "e export", "cycle": "y renvoyer",
                 "dominators": "e export", "help": "/ filtrer"},
        "usage": "Usage : refcycle-browse [OPTION]... FICHIER",
        "help option": "afficher cette aide et quitter",
        "no file": "refcycle-browse: aucun FICHIER indiqué",
        "try help": "Saisissez « refcycle-browse --help » pour plus d'informations.",
        "no terminal": "le navigateur a besoin d'un terminal",
        "info": "  objets :      ",
    },
}


class TestCatalogs(unittest.TestCase):
    def test_linguas(self):
        self.assertEqual(sorted(linguas()), ["de", "fr"])

    @unittest.skipUnless(shutil.which("msgfmt"), "needs msgfmt")
    def test_msgfmt_check_complete(self):
        for lang in linguas():
            with self.subTest(lang=lang):
                r = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull,
                                    os.path.join(PODIR, lang + ".po")],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   universal_newlines=True, env=dict(os.environ, LC_ALL="C"))
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertRegex(r.stderr, r"^\d+ translated messages\.$", r.stderr)

    def test_plural_forms_header(self):
        for lang in linguas():
            with open(os.path.join(PODIR, lang + ".po"), encoding="utf-8") as f:
                self.assertIn('"Plural-Forms: nplurals=2;', f.read(), lang)


class Probe(object):
    """A type found by name in the browser's filter, on a cycle."""

    def __init__(self):
        self.me = self


@unittest.skipUnless(termtest.have_tmux(), "needs tmux")
@unittest.skipUnless(BROWSE and os.path.exists(BROWSE), "needs REFCYCLE_BROWSE")
class TestStandaloneScreens(unittest.TestCase):
    """refcycle-browse in a 80x24 terminal, every view, in each language."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="refcycle-i18n-")
        gc.collect()
        cls.probe = Probe()
        cls.path = os.path.join(cls.dir, "heap.rcsnap")
        refcycle.snapshot().save(cls.path)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)
        del cls.probe

    def walk(self, lang):
        if not have_catalog(lang):
            self.skipTest("no %s catalog in the build tree" % lang)
        t = TEXT[lang]
        script = 'cd "$1" && "$2" "$3"; echo "exit $?"; sleep 60'
        term = termtest.Terminal(["sh", "-c", script, "sh", self.dir, BROWSE, self.path],
                                 80, 24, env_for(lang))
        self.addCleanup(term.close)

        def view(title, last):
            return term.wait_for(lambda s: title in s and last in s.splitlines()[-1],
                                 what="%r with %r on the key bar" % (title, last))

        screen = view(t["types"], t["last"]["types"])
        self.assertIn(t["types detail"], screen)
        for item in t["bar"]:
            self.assertIn(item, screen.splitlines()[-1])
        term.keys("/")
        term.wait_text(t["filter prompt"])
        term.text("Probe")
        term.wait_for(lambda s: s.count("Probe") >= 2, what="the Probe type listed")
        term.keys("Enter")               # end the filter
        term.keys("Enter")               # the type's objects
        view(t["objects"], t["last"]["objects"])
        term.keys("Enter")               # the object
        view(t["object"], t["last"]["object"])
        term.keys("a")
        view(t["ancestors"], t["last"]["ancestors"])
        term.keys("h")
        view(t["object"], t["last"]["object"])
        term.keys("p")
        view(t["path"], t["last"]["path"])
        term.keys("h")
        view(t["object"], t["last"]["object"])
        term.keys("c")
        view(t["cycle"], t["last"]["cycle"])
        term.keys("h")
        view(t["object"], t["last"]["object"])
        term.keys("d")
        view(t["dominators"], t["last"]["dominators"])
        term.keys("?")
        screen = view(t["help title"], t["last"]["help"])
        self.assertIn(t["help line"], screen)
        term.keys("h")
        view(t["dominators"], t["last"]["dominators"])
        term.keys("e")
        term.wait_text(t["export prompt"])
        term.keys("C-c")                 # cancels the prompt
        term.wait_text(t["export cancelled"])
        term.keys("q")
        term.wait_text("exit 0")
        self.assertEqual(os.listdir(self.dir), ["heap.rcsnap"])

    def test_german(self):
        self.walk("de")

    def test_french(self):
        self.walk("fr")


@unittest.skipUnless(BROWSE and os.path.exists(BROWSE), "needs REFCYCLE_BROWSE")
class TestStandaloneMessages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="refcycle-i18n-")
        cls.path = os.path.join(cls.dir, "small.rcsnap")
        a = [1]
        refcycle.ObjectGraph([a, {"a": a}]).save(cls.path)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def run_browse(self, lang, *args):
        if not have_catalog(lang):
            self.skipTest("no %s catalog in the build tree" % lang)
        return subprocess.run([BROWSE] + list(args), stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True, timeout=60,
                              env=dict(os.environ, **env_for(lang)))

    def check(self, lang):
        t = TEXT[lang]
        r = self.run_browse(lang, "--help")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(t["usage"], r.stdout)
        self.assertIn(t["help option"], r.stdout)
        self.assertTrue(all(len(line) <= 80 for line in r.stdout.splitlines()), r.stdout)
        r = self.run_browse(lang)
        self.assertEqual(r.returncode, 2)
        self.assertIn(t["no file"], r.stderr)
        self.assertIn(t["try help"], r.stderr)
        r = self.run_browse(lang, self.path)        # no terminal: refused
        self.assertEqual(r.returncode, 1)
        self.assertIn(t["no terminal"], r.stderr)
        r = self.run_browse(lang, "--info", self.path)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(t["info"] + "2 (", r.stdout)

    def test_german(self):
        self.check("de")

    def test_french(self):
        self.check("fr")

    def test_english_without_language(self):
        r = subprocess.run([BROWSE], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, universal_newlines=True, timeout=60,
                           env=dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="",
                                    REFCYCLE_LOCALEDIR=LOCALEDIR))
        self.assertIn("no FILE given", r.stderr)


class TestPictures(unittest.TestCase):
    """A picture's legend and notes speak the language of a program
    that set its locale (the browser's pictures: the browser's)."""

    WANT = {"de": ["Legende", "im Fokus", "\u2026 2 weitere Objekte nicht gezeichnet",
                   "\u2026 2 weitere Referenzierende"],
            "fr": ["l\u00e9gende", "objet courant", "\u2026 2 objets de plus non dessin\u00e9s",
                   "\u2026 2 r\u00e9f\u00e9ren\u00e7ants de plus"]}

    def check(self, lang):
        if not have_catalog(lang):
            self.skipTest("no %s catalog in the build tree" % lang)
        workdir = tempfile.mkdtemp(prefix="refcycle-i18n-")
        self.addCleanup(shutil.rmtree, workdir)
        svg = os.path.join(workdir, "p.svg")
        code = ("import locale, refcycle; locale.setlocale(locale.LC_ALL, '')\n"
                "item = [1]; holders = [[item] for _ in range(3)]\n"
                "refcycle.ObjectGraph([item] + holders).export_image(%r, focus=item, too_many=1)\n"
                % svg)
        r = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, universal_newlines=True, timeout=60,
                           env=dict(os.environ, **env_for(lang)))
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(svg, encoding="utf-8") as f:
            text = f.read()
        for want in self.WANT[lang]:
            self.assertIn(want.replace("'", "&#39;"), text)

    def test_german(self):
        self.check("de")

    def test_french(self):
        self.check("fr")


@unittest.skipUnless(termtest.have_tmux(), "needs tmux")
class TestBrowserInPython(unittest.TestCase):
    """refcycle.browse() from python -i: translated on screen, the host's
    locale untouched (Python never sets LC_MESSAGES from the
    environment: the browser reads it for its own thread only)."""

    def session(self, lang):
        if not have_catalog(lang):
            self.skipTest("no %s catalog in the build tree" % lang)
        t = TEXT[lang]
        workdir = tempfile.mkdtemp(prefix="refcycle-i18n-")
        self.addCleanup(shutil.rmtree, workdir)
        argv = ["sh", "-c", 'cd "$1" && exec "$2" -i "$3"', "sh", workdir,
                sys.executable, STORY]
        term = termtest.Terminal(argv, 100, 30, env_for(lang))
        self.addCleanup(term.close)
        term.wait_text("story ready")
        term.wait_prompt()
        term.line("import locale; loc = lambda: (locale.setlocale(locale.LC_ALL), "
                  "locale.setlocale(locale.LC_MESSAGES), locale.setlocale(locale.LC_NUMERIC)); "
                  "before = loc(); print('locale', before)")
        screen = term.wait_text("locale (")
        self.assertIn("'C'", screen.split("locale (")[-1])   # LC_MESSAGES as Python left it
        prompts = term.prompts()
        term.line("refcycle.browse()")
        screen = term.wait_for(lambda s: t["types"] in s and t["bar"][0] in s,
                               what="the types view, translated")
        self.assertIn(t["types detail"], screen)
        term.text("s")
        term.wait_text(t["sorted"])          # a status message
        term.text("?")
        # The whole help screen, not its title drawn before the rest.
        term.wait_for(lambda s: t["help title"] in s and t["help line"] in s,
                      what="the help screen, translated")
        term.text("q")
        term.wait_prompt(prompts + 1)
        term.line("print('locale', 'same' if loc() == before else ('changed', loc()))")
        term.wait_text("locale same")
        # Messages of the host (not the browser) follow Python's locale.
        term.line("refcycle.browse(graph=1)")
        term.wait_text("TypeError: graph must be an ObjectGraph or None")

    def test_german(self):
        self.session("de")

    def test_french(self):
        self.session("fr")


if __name__ == "__main__":
    unittest.main()
