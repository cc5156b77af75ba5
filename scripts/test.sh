#!/usr/bin/env bash
# Runs wslabel's whole test suite: installs the system libraries when missing, builds, tests.
# Tests that read ../shared/data skip when it is absent, and fail instead when CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-dependencies.sh tests
swift build --build-tests
swift test --skip-build
