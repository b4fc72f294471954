"""check_install.py - run by tests/install/test_wheel.sh with the python of
a venv into which pip installed refcycle: is everything there and does it
work?  Arguments: the expected version, a scratch directory, and po/LINGUAS
(every language there must have its compiled catalog in the package).  Exits non-zero, saying why, on the first problem."""
import os
import subprocess
import sys
import sysconfig


def fail(message):
    sys.exit("check_install: " + message)


def main():
    version = sys.argv[1]
    os.chdir(sys.argv[2])
    os.environ.pop("REFCYCLE_LOCALEDIR", None)   # the catalogs pip installed
    import refcycle
    from importlib import metadata

    site = sysconfig.get_paths()["platlib"]
    pkg = os.path.dirname(refcycle.__file__)
    if os.path.realpath(os.path.dirname(pkg)) != os.path.realpath(site):
        fail("refcycle imported from %s, not from the venv's %s" % (pkg, site))
    if refcycle.__version__ != version:
        fail("refcycle.__version__ is %r, VERSION says %r" % (refcycle.__version__, version))

    # The metadata pip recorded.
    dist = metadata.distribution("refcycle")
    meta = dist.metadata
    for field, want in (("Name", "refcycle"), ("Version", version),
                        ("Requires-Python", ">=3.9")):
        if meta[field] != want:
            fail("metadata %s is %r, not %r" % (field, meta[field], want))
    if not meta["Summary"] or not meta.get_all("Classifier"):
        fail("metadata without a summary or classifiers")

    # What the wheel carries, by its RECORD; each file there and hashed.
    files = {str(f): f for f in dist.files}
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    for need in ("refcycle/__init__.py", "refcycle/__init__.pyi", "refcycle/py.typed",
                 "refcycle/object_graph.py", "refcycle/annotated_graph.py",
                 "refcycle/creators.py", "refcycle/i_directed_graph.py",
                 "refcycle/pytest_plugin.py", "refcycle/_core" + suffix):
        if need not in files:
            fail("%s is not in RECORD" % need)
    plugins = [e for e in dist.entry_points if e.group == "pytest11"]
    if [(e.name, e.value) for e in plugins] != [("refcycle", "refcycle.pytest_plugin")]:
        fail("no pytest11 entry point for refcycle.pytest_plugin: %r" % (plugins,))
    for name, f in files.items():
        if not os.path.exists(f.locate()):
            fail("RECORD lists %s, which is not there" % name)
        if f.hash is None and not name.endswith((".pyc", "RECORD", "INSTALLER", "REQUESTED")) \
                and "direct_url.json" not in name:
            fail("RECORD has no hash for %s" % name)
    catalogs = sorted(n for n in files if n.endswith("/LC_MESSAGES/refcycle.mo"))
    langs = []
    if len(sys.argv) > 3:
        with open(sys.argv[3]) as f:
            for line in f:
                langs += line.split("#")[0].split()
    for lang in langs:
        if "refcycle/locale/%s/LC_MESSAGES/refcycle.mo" % lang not in catalogs:
            fail("no compiled catalog for %s (po/LINGUAS) in the package" % lang)
    scripts = os.path.realpath(sysconfig.get_paths()["scripts"])
    browse = [os.path.realpath(f.locate()) for n, f in files.items()
              if os.path.basename(n) == "refcycle-browse"]
    if os.path.join(scripts, "refcycle-browse") not in browse:
        fail("refcycle-browse is not in the venv's scripts (RECORD: %s)" % browse)
    program = os.path.join(scripts, "refcycle-browse")

    # The translations are found, by the module and by refcycle-browse.
    def run(argv, lang):
        env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE=lang)
        env.pop("REFCYCLE_LOCALEDIR", None)
        return subprocess.run(argv, env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              universal_newlines=True).stdout
    english = run([program], "C")
    for lang in langs:
        said = run([program], lang)
        if said == english:
            fail("refcycle-browse speaks no %s: %r" % (lang, said))
    # The module binds its domain to the catalogs beside it (glibc's
    # bindtextdomain(domain, NULL) tells where a domain is bound).
    if langs:
        import ctypes
        libc = ctypes.CDLL(None)
        libc.bindtextdomain.restype = ctypes.c_char_p
        libc.bindtextdomain.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
        bound = libc.bindtextdomain(b"refcycle", None)
        if bound is None or os.path.realpath(bound.decode()) != \
                os.path.realpath(os.path.join(pkg, "locale")):
            fail("the module's catalogs are bound to %r, not to refcycle/locale" % bound)

    # It works: a snapshot, an export, a saved file that refcycle-browse reads.
    class Leak(object):
        pass
    leak = Leak()
    holder = {"leak": leak}
    g = refcycle.snapshot()
    (found,) = g.find_by(lambda o: isinstance(o, Leak))
    chain = g.ancestors(found, generations=2)
    if holder not in chain.vertices:
        fail("ancestors() misses the dict holding the object")
    chain.export_image("chain.svg")
    with open("chain.svg") as f:
        if "<svg" not in f.read():
            fail("export_image wrote no SVG")
    g.save("heap.rcsnap")
    info = subprocess.run([program, "--info", "heap.rcsnap"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    if info.returncode != 0:
        fail("refcycle-browse --info: exit %d\n%s" % (info.returncode, info.stdout))
    loaded = refcycle.load("heap.rcsnap")
    if len(loaded) != len(g):
        fail("load() read %d vertices, save() wrote %d" % (len(loaded), len(g)))
    # The stub declares the whole public API: every name of __all__, and
    # every public attribute of its classes.
    import ast
    with open(os.path.join(pkg, "__init__.pyi"), encoding="utf-8") as f:
        stub = ast.parse(f.read())
    declared = {}
    for node in stub.body:
        if isinstance(node, ast.ClassDef):
            declared[node.name] = (
                {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
                | {n.target.id for n in node.body if isinstance(n, ast.AnnAssign)})
        elif isinstance(node, ast.FunctionDef):
            declared[node.name] = None
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            declared[node.target.id] = None   # a constant: KNOWN_HOLDERS
        elif isinstance(node, ast.ImportFrom) and node.module.startswith("refcycle."):
            # A name the stub takes from one of the package's own typed
            # modules (refcycle.i_directed_graph): declared there.
            for alias in node.names:
                declared[alias.asname or alias.name] = "imported"
    for name in refcycle.__all__:
        if name not in declared:
            fail("__init__.pyi does not declare %s" % name)
        obj = getattr(refcycle, name)
        if isinstance(obj, type) and declared[name] != "imported":
            for cls in obj.__mro__[:-1]:
                for attr in vars(cls):
                    if not attr.startswith("_") and attr not in declared[name] and \
                            attr not in declared.get(cls.__name__, ()):
                        fail("__init__.pyi does not declare %s.%s" % (name, attr))

    # The backend's TOML reader (for Pythons without tomllib) reads
    # pyproject.toml as tomllib does.
    srcdir = os.path.dirname(os.path.dirname(os.path.abspath(sys.argv[-1])))
    try:
        import tomllib
    except ImportError:
        tomllib = None
    if tomllib is not None and len(sys.argv) > 3:
        sys.path.insert(0, os.path.join(srcdir, "build-aux"))
        import refcycle_build
        with open(os.path.join(srcdir, "pyproject.toml"), encoding="utf-8") as f:
            text = f.read()
        if refcycle_build._parse_toml(text) != tomllib.loads(text):
            fail("build-aux/refcycle_build.py's TOML reader misreads pyproject.toml")

    print("%s %s: %d objects, catalogs %s, refcycle-browse --info: %s"
          % (sys.executable, version, len(g), " ".join(langs) or "none",
             info.stdout.strip().splitlines()[0] if info.stdout.strip() else ""))


main()
