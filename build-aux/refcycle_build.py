"""refcycle_build - refcycle's PEP 517 build backend (pyproject.toml).

Standard library only (`requires = []`): pip needs no index and no
setuptools, with or without build isolation.  The autotools build stays
the one build; this wraps it:

  build_wheel   configure PYTHON=<the interpreter running pip>, make,
                make install-strip DESTDIR=<staging>, then zip the staging
                tree: the package (with its .pyi stub and the compiled
                translations in refcycle/locale/) at the root, the man page
                as data, refcycle-browse in refcycle/bin/ with a console
                script running it (see PROGRAMS_MODULE).
  build_sdist   `make dist`'s tarball (it holds a generated configure, so
                no autotools are needed to build from it) as .tar.gz, with
                PKG-INFO added.
  prepare_metadata_for_build_wheel
                the metadata alone, without building anything.

A checkout without configure gets `autoreconf -fi` first.  Configure and
make write to a log; a failure prints the error lines and the Debian
packages missing for a build, and ends without a traceback.

Settings (pip --config-settings KEY=VALUE, or the environment):
  build-dir       REFCYCLE_BUILD_DIR       build there, and keep it
                                           (default: a temporary directory)
  configure-args  REFCYCLE_CONFIGURE_ARGS  more configure arguments
"""
import base64
import hashlib
import io
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import time
import zipfile

SRCDIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Debian packages a build needs (quickstart's list, less the test tools).
DEBIAN_PACKAGES = ("build-essential autoconf automake libtool autopoint gettext "
                   "pkg-config texinfo libncurses-dev libgraphviz-dev check "
                   "python3-dev").split()

# Where the staging tree puts things (none of it is compiled in except the
# prefix's localedir, the fallback when no catalogs sit beside the module).
PREFIX = "/usr/local"
PLATLIB = "/refcycle-wheel/platlib"
PACKAGE = "refcycle"


# ------------------------------------------------------------ metadata
def _version():
    with open(os.path.join(SRCDIR, "VERSION"), encoding="utf-8") as f:
        version = f.read().strip()
    if not re.match(r"^[0-9]+(\.[0-9]+)*([a-z]+[0-9]+)?$", version):
        raise SystemExit("refcycle: VERSION holds %r, not a version" % version)
    return version


def _toml_value(text, pos):
    """Parse one TOML value of the subset pyproject.toml uses (strings,
    arrays and inline tables of them, true/false, numbers) at text[pos:]:
    (value, end).  Enough when tomllib is absent (Python < 3.11)."""
    def skip(p):
        while True:
            while p < len(text) and text[p] in " \t\r\n":
                p += 1
            if p < len(text) and text[p] == "#":
                while p < len(text) and text[p] != "\n":
                    p += 1
                continue
            return p
    pos = skip(pos)
    c = text[pos]
    if c == '"':
        m = re.compile(r'"((?:[^"\\\n]|\\.)*)"').match(text, pos)
        return (m.group(1).encode("latin-1", "backslashreplace")
                .decode("unicode_escape")), m.end()
    if c == "'":
        end = text.index("'", pos + 1)
        return text[pos + 1:end], end + 1
    if c == "[":
        items, pos = [], skip(pos + 1)
        while text[pos] != "]":
            value, pos = _toml_value(text, pos)
            items.append(value)
            pos = skip(pos)
            if text[pos] == ",":
                pos = skip(pos + 1)
        return items, pos + 1
    if c == "{":
        table, pos = {}, skip(pos + 1)
        while text[pos] != "}":
            m = re.compile(r'([A-Za-z0-9_-]+|"[^"]*")\s*=\s*').match(text, pos)
            value, pos = _toml_value(text, m.end())
            table[m.group(1).strip('"')] = value
            pos = skip(pos)
            if text[pos] == ",":
                pos = skip(pos + 1)
        return table, pos + 1
    m = re.compile(r"true|false|[-+]?[0-9][0-9_.]*").match(text, pos)
    word = m.group(0)
    if word in ("true", "false"):
        return word == "true", m.end()
    return (float(word) if "." in word else int(word)), m.end()


def _parse_toml(text):
    """The subset of TOML that pyproject.toml uses: [tables], key = value."""
    result = table = {}
    pos = 0
    line = re.compile(r'[ \t]*(?:#[^\n]*)?\n|[ \t]*\[([^\]\n]+)\][ \t]*(?:#[^\n]*)?(?:\n|$)'
                      r'|[ \t]*([A-Za-z0-9_.-]+|"[^"]*")[ \t]*=[ \t]*')
    while pos < len(text):
        m = line.match(text, pos)
        if m is None:
            raise ValueError("pyproject.toml: cannot parse at %r" % text[pos:pos + 40])
        if m.group(1):
            table = result
            for part in m.group(1).strip().split("."):
                table = table.setdefault(part.strip().strip('"'), {})
            pos = m.end()
        elif m.group(2):
            value, pos = _toml_value(text, m.end())
            table[m.group(2).strip('"')] = value
        else:
            pos = m.end()
    return result


def _pyproject():
    with open(os.path.join(SRCDIR, "pyproject.toml"), encoding="utf-8") as f:
        text = f.read()
    try:
        import tomllib
    except ImportError:
        return _parse_toml(text)
    return tomllib.loads(text)


def _metadata():
    """The core metadata (METADATA, PKG-INFO) from pyproject.toml's
    [project] and VERSION."""
    project = _pyproject()["project"]
    lines = ["Metadata-Version: 2.1",
             "Name: %s" % project["name"],
             "Version: %s" % _version(),
             "Summary: %s" % project["description"]]
    if project.get("keywords"):
        lines.append("Keywords: %s" % ",".join(project["keywords"]))
    license = project.get("license")
    if isinstance(license, dict) and "text" in license:
        lines.append("License: %s" % license["text"].replace("\n", "\n       |"))
    lines.append("Requires-Python: %s" % project["requires-python"])
    lines += ["Classifier: %s" % c for c in project.get("classifiers", ())]
    readme = project.get("readme")
    body = ""
    if readme:
        if isinstance(readme, str):
            readme = {"file": readme, "content-type": "text/plain"}
        lines.append("Description-Content-Type: %s" % readme["content-type"])
        with open(os.path.join(SRCDIR, readme["file"]), encoding="utf-8") as f:
            body = f.read()
    return "\n".join(lines) + "\n\n" + body


def _dist_name():
    return "%s-%s" % (PACKAGE, _version())


def _wheel_tag():
    """cpXY-cpXY[d|t]-platform, for the interpreter running the build."""
    if sys.implementation.name != "cpython":
        raise SystemExit("refcycle: a C extension for CPython; this is %s"
                         % sys.implementation.name)
    interp = "cp%d%d" % sys.version_info[:2]
    soabi = sysconfig.get_config_var("SOABI") or ""
    m = re.match(r"cpython-(\d+[a-z]*)", soabi)
    abi = "cp" + m.group(1) if m else interp
    plat = re.sub(r"[^A-Za-z0-9_]", "_", sysconfig.get_platform())
    return "%s-%s-%s" % (interp, abi, plat)


def _wheel_file_text():
    return ("Wheel-Version: 1.0\nGenerator: refcycle_build %s\n"
            "Root-Is-Purelib: false\nTag: %s\n" % (_version(), _wheel_tag()))


# --------------------------------------------------------------- hooks
def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    dist_info = _dist_name() + ".dist-info"
    path = os.path.join(metadata_directory, dist_info)
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, "METADATA"), "w", encoding="utf-8") as f:
        f.write(_metadata())
    with open(os.path.join(path, "WHEEL"), "w", encoding="utf-8") as f:
        f.write(_wheel_file_text())
    return dist_info


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    with _Build(config_settings) as build:
        build.configure()
        build.run("make", ["make", "-j%d" % _jobs()])
        staging = os.path.join(build.dir, "staging")
        shutil.rmtree(staging, ignore_errors=True)
        build.run("make install",
                  ["make", "install-strip", "DESTDIR=" + staging])
        name = "%s-%s.whl" % (_dist_name(), _wheel_tag())
        _write_wheel(os.path.join(wheel_directory, name), _wheel_contents(staging))
        build.say("wrote %s" % name)
    return name


def build_sdist(sdist_directory, config_settings=None):
    with _Build(config_settings) as build:
        build.configure()
        build.run("make dist", ["make", "dist-gzip"])
        name = _dist_name() + ".tar.gz"
        _add_pkg_info(os.path.join(build.dir, name),
                      os.path.join(sdist_directory, name))
        build.say("wrote %s" % name)
    return name


# --------------------------------------------------------------- build
def _jobs():
    if "-j" in os.environ.get("MAKEFLAGS", ""):
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def _setting(config_settings, key, env):
    value = (config_settings or {}).get(key)
    if isinstance(value, list):
        value = " ".join(value)
    return value if value is not None else os.environ.get(env)


class _Build(object):
    """A build directory with a log, configured for sys.executable."""

    def __init__(self, config_settings):
        self.settings = config_settings
        requested = _setting(config_settings, "build-dir", "REFCYCLE_BUILD_DIR")
        if requested:
            self.dir, self.temporary = os.path.abspath(requested), False
            os.makedirs(self.dir, exist_ok=True)
        else:
            self.dir = tempfile.mkdtemp(prefix="refcycle-build-")
            self.temporary = True
        self.log = os.path.join(self.dir, "build.log")
        open(self.log, "w").close()

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        # A failed build is kept for its log.
        if kind is None and self.temporary:
            shutil.rmtree(self.dir, ignore_errors=True)
        return False

    def say(self, message):
        sys.stderr.write("refcycle: %s\n" % message)
        sys.stderr.flush()

    def run(self, what, argv, cwd=None):
        self.say("%s (log: %s)" % (what, self.log))
        with open(self.log, "a") as log:
            log.write("\n$ %s\n" % " ".join(shlex.quote(a) for a in argv))
            log.flush()
            try:
                rc = subprocess.call(argv, cwd=cwd or self.dir, stdout=log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            except OSError as e:
                log.write("%s: %s\n" % (argv[0], e))
                rc = 127
        if rc != 0:
            self.fail(what)

    def configure(self):
        configure = os.path.join(SRCDIR, "configure")
        if not os.path.exists(configure):
            # A git checkout: generate configure (the sdist ships one).
            self.run("autoreconf -fi", ["autoreconf", "-fi"], cwd=SRCDIR)
        if os.path.exists(os.path.join(SRCDIR, "config.status")):
            self.say("the source tree is configured in place; "
                     "run `make distclean` there first")
            raise SystemExit("refcycle: cannot build beside an in-place build")
        extra = shlex.split(_setting(self.settings, "configure-args",
                                     "REFCYCLE_CONFIGURE_ARGS") or "")
        argv = [configure, "PYTHON=" + sys.executable, "--prefix=" + PREFIX,
                "--with-python-sitedir=" + PLATLIB] + extra
        # A kept build directory configured the same way is only remade.
        stamp = os.path.join(self.dir, "refcycle-configure.args")
        if os.path.exists(os.path.join(self.dir, "Makefile")) and os.path.exists(stamp):
            with open(stamp) as f:
                if f.read() == "\n".join(argv):
                    self.say("reusing the configured tree in %s" % self.dir)
                    return
        self.run("configure for %s" % sys.executable, argv)
        with open(stamp, "w") as f:
            f.write("\n".join(argv))

    def fail(self, what):
        with open(self.log, errors="replace") as f:
            lines = f.read().splitlines()
        errors = [l for l in lines
                  if re.search(r"\berror:|Error \d|undefined reference|"
                               r"No such file|not found|command not found", l)
                  and not l.startswith("checking ")]
        shown = (errors or lines)[-20:]
        out = ["", "refcycle: %s failed:" % what]
        out += ["    " + l for l in shown]
        missing = _missing_debian_packages()
        if missing:
            out += ["", "refcycle: Debian packages missing for a build: %s"
                    % " ".join(missing),
                    "    apt-get install %s" % " ".join(missing)]
        out += ["", "refcycle: the whole log: %s" % self.log, ""]
        sys.stderr.write("\n".join(out))
        sys.stderr.flush()
        raise SystemExit("refcycle: %s failed (see above)" % what)


def _missing_debian_packages():
    if shutil.which("dpkg-query") is None:
        return []
    missing = []
    for p in DEBIAN_PACKAGES:
        try:
            status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", p],
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                    universal_newlines=True).stdout
        except OSError:
            return []
        if "install ok installed" not in status:
            missing.append(p)
    return missing


# --------------------------------------------------------------- wheel
def _wheel_contents(staging):
    """(archive name, file path) for every installed file, from the staging
    tree: the package at the root, the catalogs into the package, programs
    as scripts, the rest of PREFIX as data.  The info manual is left out
    (its `dir` index is no file a wheel can own)."""
    data = _dist_name() + ".data"
    prefix = os.path.join(staging, PREFIX.lstrip("/"))
    platlib = os.path.join(staging, PLATLIB.lstrip("/"))
    contents = []
    for root, dirs, files in os.walk(staging):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            if path.startswith(platlib + os.sep):
                arc = os.path.relpath(path, platlib)
                if arc.split(os.sep)[0].endswith(".dist-info"):
                    continue   # make install's own; the wheel writes its dist-info
            elif path.startswith(prefix + os.sep):
                rel = os.path.relpath(path, prefix).split(os.sep)
                if rel[0] == "bin":
                    arc = "/".join([PACKAGE, "bin"] + rel[1:])
                elif rel[:2] == ["share", "locale"]:
                    arc = "/".join([PACKAGE, "locale"] + rel[2:])
                elif rel[:2] == ["share", "info"]:
                    continue
                else:
                    arc = "/".join([data, "data"] + rel)
            else:
                raise SystemExit("refcycle: make install wrote %s, outside %s and %s"
                                 % (path, PREFIX, PLATLIB))
            contents.append((arc.replace(os.sep, "/"), path))
    if not any(arc == PACKAGE + "/__init__.py" for arc, _ in contents):
        raise SystemExit("refcycle: make install installed no package in %s" % staging)
    return contents


def _programs(contents):
    """The programs make install put in bindir (refcycle-browse)."""
    start = PACKAGE + "/bin/"
    return sorted(arc[len(start):] for arc, _ in contents if arc.startswith(start))


# The programs are console scripts: pip writes a launcher in the scripts
# directory (wherever the scheme puts it: venv, --user, --prefix) that runs
# this module, which executes the C program kept in the package, with
# REFCYCLE_LOCALEDIR naming the catalogs beside it (a program's compiled-in
# LOCALEDIR cannot know where pip puts the package).
PROGRAMS_MODULE = '''"""refcycle's programs as a wheel installs them (generated by
build-aux/refcycle_build.py): each console script of the wheel runs the
C program of that name kept in refcycle/bin/, with its translations."""
import os
import sys


def _run(name):
    here = os.path.dirname(os.path.abspath(__file__))
    locale = os.path.join(here, "locale")
    if os.path.isdir(locale) and not os.environ.get("REFCYCLE_LOCALEDIR"):
        os.environ["REFCYCLE_LOCALEDIR"] = locale
    program = os.path.join(here, "bin", name)
    try:
        os.execv(program, [name] + sys.argv[1:])
    except OSError as e:
        sys.exit("%%s: cannot run %%s: %%s" %% (name, program, e.strerror))
%s'''


def _programs_module(programs):
    funcs = "".join('\n\ndef %s():\n    _run("%s")\n' % (_func(p), p) for p in programs)
    return PROGRAMS_MODULE % funcs


def _func(program):
    return re.sub(r"[^A-Za-z0-9_]", "_", program)


# pytest finds the plugin by this entry point (refcycle/pytest_plugin.py).
PYTEST_ENTRY_POINT = "[pytest11]\n%s = %s.pytest_plugin\n" % (PACKAGE, PACKAGE)


def _entry_points(programs):
    text = PYTEST_ENTRY_POINT
    if programs:
        text += "\n[console_scripts]\n" + "".join(
            "%s = %s._programs:%s\n" % (p, PACKAGE, _func(p)) for p in programs)
    return text


def _zip_time(path):
    t = os.stat(path).st_mtime
    if "SOURCE_DATE_EPOCH" in os.environ:
        t = min(t, int(os.environ["SOURCE_DATE_EPOCH"]))
    return time.gmtime(max(t, 315532800))[:6]   # zip: 1980 or later


def _write_wheel(path, contents):
    dist_info = _dist_name() + ".dist-info"
    record = []
    tmp = path + ".part"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        def add(arc, data, mode, date_time):
            info = zipfile.ZipInfo(arc, date_time)
            info.external_attr = (stat.S_IFREG | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest())
            record.append("%s,sha256=%s,%d" % (arc, digest.rstrip(b"=").decode(), len(data)))

        for arc, file in contents:
            with open(file, "rb") as f:
                data = f.read()
            mode = 0o755 if os.stat(file).st_mode & 0o111 else 0o644
            add(arc, data, mode, _zip_time(file))
        now = _zip_time(os.path.join(SRCDIR, "VERSION"))
        programs = _programs(contents)
        if programs:
            add(PACKAGE + "/_programs.py", _programs_module(programs).encode("utf-8"),
                0o644, now)
        add(dist_info + "/entry_points.txt", _entry_points(programs).encode("utf-8"),
            0o644, now)
        licence = os.path.join(SRCDIR, "LICENSE")
        if os.path.exists(licence):
            with open(licence, "rb") as f:
                add(dist_info + "/LICENSE", f.read(), 0o644, now)
        add(dist_info + "/METADATA", _metadata().encode("utf-8"), 0o644, now)
        add(dist_info + "/WHEEL", _wheel_file_text().encode("utf-8"), 0o644, now)
        record.append(dist_info + "/RECORD,,")
        info = zipfile.ZipInfo(dist_info + "/RECORD", now)
        info.external_attr = (stat.S_IFREG | 0o644) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(info, "\n".join(record) + "\n")
    os.replace(tmp, path)


# --------------------------------------------------------------- sdist
def _add_pkg_info(tarball, dest):
    """`make dist`'s tarball, with PKG-INFO at the top (as an sdist has)."""
    top = _dist_name()
    pkg_info = _metadata().encode("utf-8")
    tmp = dest + ".part"
    with tarfile.open(tarball, "r:gz") as src, \
            tarfile.open(tmp, "w:gz", format=tarfile.PAX_FORMAT) as out:
        for member in src:
            if member.name == top + "/PKG-INFO":
                continue
            out.addfile(member, src.extractfile(member) if member.isfile() else None)
        info = tarfile.TarInfo(top + "/PKG-INFO")
        info.size, info.mode, info.mtime = len(pkg_info), 0o644, int(time.time())
        out.addfile(info, io.BytesIO(pkg_info))
    os.replace(tmp, dest)
