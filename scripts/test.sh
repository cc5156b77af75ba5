#!/usr/bin/env bash
# Runs wslabel's whole test suite: installs what it needs when missing, builds, tests, then the
# Spark integration on a local Spark (integrations/spark/test_local.sh).
# Tests that read ../shared/data skip when it is absent, and fail instead when CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-dependencies.sh tests
swift build --build-tests
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# The suite is XCTest only; Swift Testing would add a closing line about zero tests.
status=0
swift test --skip-build --disable-swift-testing 2>&1 | tee "$log" || status=$?
# XCTest's last line: "Executed 73 tests, with [1 test skipped and ]0 failures (0 unexpected) …".
summary=$(grep -E '^[[:space:]]*Executed [0-9]+ tests?, with ' "$log" | tail -1 || true)
executed=$(echo "$summary" | sed -E 's/^[[:space:]]*Executed ([0-9]+) tests?.*/\1/')
failures=$(echo "$summary" | sed -E 's/.* ([0-9]+) failures? .*/\1/')
skipped=$(echo "$summary" | grep -oE '[0-9]+ tests? skipped' | grep -oE '^[0-9]+' || echo 0)
if [ -z "$summary" ]; then
  echo "tests: no XCTest summary found" >&2
  exit 1
fi
echo "tests: $((executed - failures - skipped)) passed, $failures failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failures" -eq 0 ] || exit 1
# The Spark integration on a real local Spark (installs Java and PySpark when missing).
bash integrations/spark/test_local.sh .build/debug/wslabel
