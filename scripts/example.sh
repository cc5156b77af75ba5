#!/usr/bin/env bash
# Runs wslabel on the bundled example: installs the system libraries when missing, builds
# (release), fits the label model and writes probabilistic labels to examples/output/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-dependencies.sh
swift build -c release --product wslabel
mkdir -p examples/output
.build/release/wslabel fit --wrench examples/synthetic-spam \
  --output examples/output/labels.jsonl --save-model examples/output/model.json "$@"
