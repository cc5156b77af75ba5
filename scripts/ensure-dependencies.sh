#!/usr/bin/env bash
# Installs what building and testing wslabel needs beyond the Swift toolchain, when it is
# missing: OpenBLAS (CBLAS) and LAPACKE with their pkg-config file, and SQLite (Debian:
# libopenblas-dev, liblapacke-dev, pkg-config, libsqlite3-dev); with the argument `tests` also
# python3 with numpy, which the tests use to check that .npy files round-trip with real NumPy,
# and Chromium, which renders the HTML report headless to check it draws and logs no errors.
# Safe to run again: it does nothing when all is present.
set -euo pipefail

missing=()
pkg-config --exists openblas 2>/dev/null || missing+=(libopenblas-dev)
[ -f /usr/include/lapacke.h ] || missing+=(liblapacke-dev)
# GRDB (the vote cache) links the system SQLite.
[ -f /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
for_tests=${1:-}
if [ "$for_tests" = tests ]; then
  python3 -c 'import numpy' >/dev/null 2>&1 || missing+=(python3 python3-numpy)
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "wslabel setup: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "wslabel setup: need root or sudo to install ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# A python3 first on PATH that is not Debian's (pyenv, a venv) does not see python3-numpy.
if [ "$for_tests" = tests ] && ! python3 -c 'import numpy' >/dev/null 2>&1; then
  echo "wslabel setup: installing numpy for $(command -v python3) with pip" >&2
  python3 -m pip install --quiet numpy
fi
