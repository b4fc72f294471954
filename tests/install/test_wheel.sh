#!/usr/bin/env bash
# test_wheel.sh - install refcycle the way Python users do, offline, and
# check the result (README, "Install").  For each PYTHON:
#   --route wheel     pip wheel SRCDIR in one venv, pip install that wheel
#                     into a fresh venv (the default)
#   --route install   pip install SRCDIR into a fresh venv
#   --route dist=TARBALL   pip install TARBALL (make dist's) into a fresh venv
#   --route broken    a build whose configure fails: pip's output must show
#                     configure's error and the missing Debian package
# then, with the venv's python: import it, check the files pip recorded
# (extension, .pyi stub, py.typed, catalogs, refcycle-browse) and the
# metadata, take a snapshot, export it, save it and read it back with
# refcycle-browse --info; pip uninstall -y refcycle, and check that the
# venv is file for file as it was before the install.
#
# --build-dir DIR: configure and make in DIR and keep it (the wheel and
# install routes; a later run only remakes what changed), rather than in a
# temporary directory.
#
# usage: tests/install/test_wheel.sh [--route R] [--build-dir DIR] [--keep] PYTHON...
# Exit 0: passed; 77: skipped (no venv/ensurepip for that PYTHON); else failed.
set -uo pipefail

srcdir=$(cd "$(dirname "$0")/../.." && pwd)
route=wheel keep= build_dir=
while [ $# -gt 0 ]; do
	case $1 in
	--route) route=$2; shift 2 ;;
	--route=*) route=${1#--route=}; shift ;;
	--keep) keep=1; shift ;;
	--build-dir) build_dir=$2; shift 2 ;;
	--) shift; break ;;
	-*) echo "usage: $0 [--route wheel|install|dist=TARBALL|broken] [--build-dir DIR] [--keep] PYTHON..." >&2
	    exit 2 ;;
	*) break ;;
	esac
done
[ $# -gt 0 ] || { echo "usage: $0 [--route R] PYTHON..." >&2; exit 2; }
version=$(cat "$srcdir/VERSION")
pip_offline=(--no-index --no-deps --disable-pip-version-check --no-input)

# tree DIR: every file and link under DIR, compiled bytecode aside.
tree() {
	(cd "$1" && find . \( -type f -o -type l \) ! -name '*.pyc' | LC_ALL=C sort)
}

# one PYTHON: 0 passed, 77 skipped, 1 failed
one() {
	local python=$1 venv env wheel t0 t1
	tmp=$(mktemp -d /tmp/refcycle-install.XXXXXX) || return 1
	echo "== $python ($("$python" -c 'import sys; print(sys.version.split()[0])' 2>&1)), route $route, in $tmp"
	if ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
		echo "SKIP: $python has no venv/ensurepip (Debian: apt-get install python3-venv)"
		return 77
	fi
	env=$tmp/env
	"$python" -m venv "$env" || { echo "FAIL: python -m venv"; return 1; }
	tree "$env" >"$tmp/before"
	t0=$(date +%s)
	case $route in
	wheel)
		venv=$tmp/build-venv
		"$python" -m venv "$venv" || return 1
		REFCYCLE_BUILD_DIR=$build_dir "$venv/bin/python" -m pip wheel "${pip_offline[@]}" -w "$tmp/wheels" "$srcdir" \
			|| { echo "FAIL: pip wheel"; return 1; }
		wheel=$(ls "$tmp"/wheels/refcycle-"$version"-*.whl 2>/dev/null)
		[ -f "$wheel" ] || { echo "FAIL: no wheel in $tmp/wheels"; return 1; }
		echo "built $(basename "$wheel") ($(du -k "$wheel" | cut -f1) kB)"
		"$env/bin/python" -m pip install "${pip_offline[@]}" "$wheel" \
			|| { echo "FAIL: pip install $wheel"; return 1; }
		;;
	install)
		REFCYCLE_BUILD_DIR=$build_dir "$env/bin/python" -m pip install "${pip_offline[@]}" "$srcdir" \
			|| { echo "FAIL: pip install $srcdir"; return 1; }
		;;
	dist=*)
		"$env/bin/python" -m pip install "${pip_offline[@]}" "${route#dist=}" \
			|| { echo "FAIL: pip install ${route#dist=}"; return 1; }
		;;
	broken)
		# configure fails (no pkg-config module is found) on a machine
		# where dpkg-query says libncurses-dev is missing: pip must end
		# with configure's error and that package, without a traceback.
		mkdir -p "$tmp/bin"
		cat >"$tmp/bin/dpkg-query" <<-'EOF'
		#!/bin/sh
		for a; do p=$a; done
		[ "$p" = libncurses-dev ] && exit 1
		exec /usr/bin/dpkg-query "$@"
		EOF
		chmod +x "$tmp/bin/dpkg-query"
		if PATH="$tmp/bin:$PATH" REFCYCLE_CONFIGURE_ARGS=PKG_CONFIG_LIBDIR=/nonexistent \
			REFCYCLE_BUILD_DIR="$tmp/build" \
			"$env/bin/python" -m pip wheel "${pip_offline[@]}" -w "$tmp/wheels" "$srcdir" \
			>"$tmp/broken.out" 2>&1; then
			echo "FAIL: the broken build succeeded"; return 1
		fi
		cat "$tmp/broken.out"
		local want
		for want in 'configure: error: ncursesw not found' \
			'Debian packages missing for a build: libncurses-dev' \
			'apt-get install libncurses-dev'; do
			grep -qF "$want" "$tmp/broken.out" || { echo "FAIL: no '$want' above"; return 1; }
		done
		if grep -q 'Traceback' "$tmp/broken.out"; then
			echo "FAIL: a traceback above"; return 1
		fi
		echo "PASS: $python (a failed build says why)"
		return 0
		;;
	*) echo "unknown route $route" >&2; return 2 ;;
	esac
	t1=$(date +%s)
	echo "build and install: $((t1 - t0)) s"
	mkdir -p "$tmp/work"
	"$env/bin/python" "$srcdir/tests/install/check_install.py" "$version" "$tmp/work" \
		"$srcdir/po/LINGUAS" || { echo "FAIL: the installed package"; return 1; }
	"$env/bin/python" -m pip uninstall -y --disable-pip-version-check refcycle \
		|| { echo "FAIL: pip uninstall"; return 1; }
	tree "$env" >"$tmp/after"
	if ! diff -u "$tmp/before" "$tmp/after"; then
		echo "FAIL: pip uninstall refcycle left the venv changed (above)"
		return 1
	fi
	local left
	left=$(find "$env" -name 'refcycle*' -o -path '*/refcycle/*')
	if [ -n "$left" ]; then
		echo "FAIL: pip uninstall refcycle left $left"
		return 1
	fi
	echo "PASS: $python"
	return 0
}

status=0
for python in "$@"; do
	tmp=
	one "$python"
	rc=$?
	[ -n "$keep" ] || [ -z "$tmp" ] || rm -rf "$tmp"
	if [ $rc -eq 77 ] && [ $status -eq 0 ]; then
		status=77
	elif [ $rc -ne 0 ] && [ $rc -ne 77 ]; then
		status=1
	fi
done
exit $status
