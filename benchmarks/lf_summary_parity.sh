#!/usr/bin/env bash
# Parity of wslabel's LF summary with Snorkel's LFAnalysis.lf_summary on the same vote
# matrices: the WRENCH youtube, sms and trec sets (and any others given). Coverage, overlaps,
# conflicts and polarity on train; correct, incorrect and empirical accuracy on valid with its
# gold labels, as `wslabel report` computes them. Exits non-zero on any difference above 1e-9.
#
#   bash benchmarks/lf_summary_parity.sh [SET ...]     (default: youtube sms trec)
#   DATA_ROOT=path/to/wrench bash benchmarks/lf_summary_parity.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=${DATA_ROOT:-../shared/data/wrench}
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(youtube sms trec)

bash scripts/ensure-dependencies.sh
swift build -c release --product wslabel >&2
bash benchmarks/peers/setup_venv.sh >&2
reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT
for set in "${sets[@]}"; do
  .build/release/wslabel report --wrench "$root/$set" --format json --output "$reports/$set.json" 2>/dev/null
done
benchmarks/.venv/bin/python benchmarks/peers/lf_summary_parity.py --wrench-root "$root" --reports "$reports" "${sets[@]}"
