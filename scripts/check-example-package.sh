#!/usr/bin/env bash
# Checks examples/custom-lfs-package, a user's package that depends on wslabel by path and ships
# the wslabel command line with its own Swift LFs: builds it (debug, the quicker build from scratch, in its own .build) and
# runs its fit, so that the example keeps compiling and running as the library changes.
# Exits non-zero when either fails. The fit reads the raw YouTube comments in ../shared/data
# beside the checkout; without them the check builds only and says so, and under CI=true it
# fails instead, as the tests do.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-dependencies.sh
cd examples/custom-lfs-package
# SwiftPM 6.3 keeps its build plan when a source file of a path dependency is deleted: the
# build then fails with "missing inputs: .../Sources/...". Remove examples/custom-lfs-package/.build
# (or touch its Package.swift) and run again. A fresh checkout, as in CI, never sees this.
swift build
# The task file's data paths are relative to its folder, this one.
data=../../../shared/data/raw/youtube
if [ ! -f "$data/Youtube05-Shakira.csv" ]; then
  message="check-example-package: no YouTube data at $(realpath -m "$data"): place ../shared beside the checkout"
  if [ "${CI:-}" = true ]; then
    echo "$message" >&2
    exit 1
  fi
  echo "$message; built only, fit skipped" >&2
  exit 0
fi
$(swift build --show-bin-path)/my-wslabel fit --config wslabel.yaml
