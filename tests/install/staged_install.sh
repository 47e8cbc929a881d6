#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the build into a staging prefix and checks what an installed Chunkscope needs: every
# file in place, the installed CLI running a fork strategy, a py strategy with the Python module
# installed beside it and an mpi strategy with the installed worker (each proven by breaking the
# staged copy), and the desktop entry and metainfo clean under Debian's validators.
# staged_install.sh BUILD_DIR APP_ID GUI(0|1) MPI(0|1) MAN(0|1)
set -euo pipefail
build=$1 app_id=$2 gui=$3 mpi=$4 man=$5
stage=$(mktemp -d "${TMPDIR:-/tmp}/chunkscope-stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# The installed programs must not be pointed anywhere by the caller's environment.
unset CHUNKSCOPE_PYTHON_MODULE CHUNKSCOPE_MPI_WORKER

cmake --install "$build" --prefix "$stage" >/dev/null
cli=$stage/bin/chunkscope-cli
module=$stage/share/chunkscope/python/chunkscope_tutorial.py
package=$stage/share/chunkscope/python/chunkscope_tutorial   # the package the module runs
worker=$stage/libexec/chunkscope/chunkscope-mpi
files=("$cli" "$module" "$package/__init__.py" "$package/strategies.py" "$stage/share/doc/chunkscope/changelog.Debian.gz" "$stage/share/doc/chunkscope/copyright")
[ "$gui" = 1 ] && files+=("$stage/bin/chunkscope"
  "$stage/share/applications/$app_id.desktop" "$stage/share/metainfo/$app_id.metainfo.xml"
  "$stage/share/icons/hicolor/scalable/apps/$app_id.svg")
[ "$mpi" = 1 ] && files+=("$worker")
if [ "$man" = 1 ]; then
  files+=("$stage/share/man/man1/chunkscope-cli.1.gz")
  [ "$gui" = 1 ] && files+=("$stage/share/man/man1/chunkscope.1.gz")
fi
for f in "${files[@]}"; do [ -s "$f" ] || fail "not installed: ${f#"$stage"/}"; done
echo "installed: ${#files[@]} files"

small=(--size 100k --repeats 1 --warmup 0 --workers 2 --format json)
"$cli" --version | grep -q "chunkscope-cli" || fail "chunkscope-cli --version"
"$cli" run --strategy fork-split --splits 4 --chunksize 1 "${small[@]}" | grep -q '"status": *"ok"' \
  || fail "the installed CLI's fork-split run"
echo "fork-split ran from the staged prefix"

# A strategy that needs a file installed beside the CLI: it runs, then, with the staged copy
# broken, fails (so the staged copy, not the build tree's, is the one used), then runs again.
proves_staged_copy() { # name file breaker strategy...
  local name=$1 file=$2 breaker=$3; shift 3
  "$cli" run "$@" "${small[@]}" | grep -q '"status": *"ok"' || fail "$name from the staged prefix"
  cp -p "$file" "$file.good"
  printf '%s\n' "$breaker" > "$file"
  if "$cli" run "$@" "${small[@]}" >/dev/null 2>&1; then fail "$name did not use the staged ${file#"$stage"/}"; fi
  mv "$file.good" "$file"
  "$cli" run "$@" "${small[@]}" | grep -q '"status": *"ok"' || fail "$name after restoring"
  echo "$name ran with the staged ${file#"$stage"/}"
}
has_numpy() { # an interpreter the engine would pick (python.cpp) that has NumPy
  local py
  for py in "${CHUNKSCOPE_PYTHON:-}" /usr/bin/python3 "$(command -v python3)"; do
    [ -n "$py" ] && [ -x "$py" ] && "$py" -c 'import numpy' 2>/dev/null && return 0
  done
  return 1
}
if has_numpy; then
  proves_staged_copy py-split "$module" 'raise SystemExit("a broken module")' \
    --strategy py-split --splits 4 --chunksize 1
  proves_staged_copy "py-split's package" "$package/strategies.py" 'raise SystemExit("a broken package")' \
    --strategy py-split --splits 4 --chunksize 1
else
  echo "SKIP py-split: python3 has no numpy (apt-get install python3-numpy)"
fi
if [ "$mpi" = 1 ] && command -v mpirun >/dev/null; then
  proves_staged_copy mpi "$worker" $'#!/bin/sh\nexit 3' --strategy mpi
else
  echo "SKIP mpi: built without MPI or mpirun is not on PATH (apt-get install openmpi-bin libopenmpi-dev)"
fi

if [ "$gui" = 1 ]; then
  if command -v desktop-file-validate >/dev/null; then
    out=$(desktop-file-validate "$stage/share/applications/$app_id.desktop" 2>&1) || fail "desktop-file-validate: $out"
    [ -z "$out" ] || fail "desktop-file-validate: $out"
    echo "desktop entry: clean under desktop-file-validate"
  else
    echo "SKIP desktop-file-validate: not installed (apt-get install desktop-file-utils)"
  fi
  if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net --explain "$stage/share/metainfo/$app_id.metainfo.xml" \
      || fail "appstreamcli validate"
    echo "metainfo: clean under appstreamcli validate --no-net"
  else
    echo "SKIP appstreamcli: not installed (apt-get install appstream)"
  fi
fi
