#!/usr/bin/env bash
# WRENCH quality and fit-time benchmark: wslabel and its peers (Snorkel, crowd-kit, FlyingSquid)
# on the same files, in one run. Writes benchmarks/results/wrench_wslabel.json,
# benchmarks/results/peers.json and prints the markdown tables of benchmarks/RESULTS.md.
#
#   bash benchmarks/wrench_quality.sh [DATA_ROOT]     (default: ../shared/data/wrench)
#   SKIP_PEERS=1 bash benchmarks/wrench_quality.sh    (reuse results/peers.json)
set -euo pipefail
cd "$(dirname "$0")/.."
root=${1:-../shared/data/wrench}
sets=(youtube sms trec imdb yelp)
runs=${RUNS:-7}

bash scripts/ensure-dependencies.sh
swift build -c release --product wslabel >&2
bin=.build/release/wslabel
mkdir -p benchmarks/results

# The WRENCH metric of each set picks the variant on valid: F1 of class 1 for sms, else accuracy.
metric_of() { [ "$1" = sms ] && echo f1 || echo accuracy; }

out=benchmarks/results/wrench_wslabel.json
{
  echo "{"
  first=1
  for set in "${sets[@]}"; do
    [ $first = 1 ] || echo ","
    first=0
    echo "\"$set\": {"
    metric=$(metric_of "$set")
    echo "\"em_selected\": ["
    for ((i = 0; i < runs; i++)); do
      [ $i = 0 ] || echo ","
      "$bin" fit --wrench "$root/$set" --select-metric "$metric" --json 2>/dev/null
    done
    echo "], \"em_default\": ["
    for ((i = 0; i < runs; i++)); do
      [ $i = 0 ] || echo ","
      "$bin" fit --wrench "$root/$set" --gold-free --json 2>/dev/null
    done
    echo "], \"mv_random\": ["
    for seed in 0 1 2; do
      [ $seed = 0 ] || echo ","
      "$bin" fit --wrench "$root/$set" --model mv --ties random --seed $seed --json 2>/dev/null
    done
    echo "]}"
  done
  echo "}"
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out" >&2

if [ -z "${SKIP_PEERS:-}" ]; then
  bash benchmarks/peers/setup_venv.sh >&2
  benchmarks/.venv/bin/python benchmarks/peers/peers.py --data-root "$root" \
    --datasets "$(IFS=,; echo "${sets[*]}")" --seeds 0,1,2 --output benchmarks/results/peers.json >&2
fi
python3 benchmarks/wrench_report.py benchmarks/results/wrench_wslabel.json benchmarks/results/peers.json
