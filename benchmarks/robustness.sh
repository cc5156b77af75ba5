#!/usr/bin/env bash
# Robustness suite of the label model (issue 11): the synthetic regimes where label models break
# (SyntheticRegime.catalog: few LFs and many rows, many sparse LFs, duplicated and correlated
# LFs, 10 classes with only covered rows, a rare class, LFs below chance, LFs voting several
# classes, plentiful data where the model holds), the five WRENCH sets, the bundled example
# (support tickets) and the YouTube task — every method on the same vote files in one run:
# majority vote, Snorkel's LabelModel, HyperLM (gold-free and semi-supervised), wslabel without
# gold, with the dev split, and semi-supervised, and the generating model where truth is known.
#
#   bash benchmarks/robustness.sh            # prints the markdown table of benchmarks/RESULTS.md
#   SKIP_PEERS=1 bash benchmarks/robustness.sh   # reuse results/robustness/peers.json
#
# Data and results go to benchmarks/results/robustness/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
wrench=${WRENCH_ROOT:-../shared/data/wrench}
out=benchmarks/results/robustness
data=$out/data

bash scripts/ensure-dependencies.sh
swift build -c release --product wslabel >&2
swift build -c release --product wslabel-robustness-bench >&2
bin=.build/release/wslabel

rm -rf "$data"
mkdir -p "$data"
.build/release/wslabel-robustness-bench --out "$data" >&2
# The bundled example and the YouTube task as WRENCH folders; their dev split is WRENCH's valid.
for task in support-tickets youtube-spam; do
  "$bin" apply --config "examples/$task/wslabel.yaml" --output-dir "$data/$task" --format wrench >&2
  mv "$data/$task/dev.json" "$data/$task/valid.json"
done
sets=()
for regime in "$data"/*/regime.json; do sets+=("$(basename "$(dirname "$regime")")"); done
sets+=(support-tickets youtube-spam)
for set in youtube sms trec imdb yelp; do
  [ -d "$wrench/$set" ] || { echo "missing $wrench/$set" >&2; exit 1; }
  ln -s "$(cd "$wrench/$set" && pwd)" "$data/wrench-$set"
  sets+=("wrench-$set")
done

# F1 of class 1 where the set is judged by it (sms, the rare class), else accuracy.
metric_of() {
  case "$1" in
    wrench-sms) echo f1 ;;
    *) if [ -f "$data/$1/regime.json" ]; then python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['metric'])" "$data/$1/regime.json"; else echo accuracy; fi ;;
  esac
}

{
  echo "{"
  first=1
  for set in "${sets[@]}"; do
    [ $first = 1 ] || echo ","
    first=0
    metric=$(metric_of "$set")
    echo "\"$set\": {\"metric\": \"$metric\","
    echo "\"gold_free\": $("$bin" fit --wrench "$data/$set" --gold-free --json 2>/dev/null),"
    echo "\"dev\": $("$bin" fit --wrench "$data/$set" --select-metric "$metric" --json 2>/dev/null),"
    echo "\"dev_best\": $("$bin" fit --wrench "$data/$set" --select-metric "$metric" --dev-choice best --json 2>/dev/null),"
    echo "\"semi\": $("$bin" fit --wrench "$data/$set" --select-metric "$metric" --semi-supervised --json 2>/dev/null),"
    echo "\"heavy_prior\": $("$bin" fit --wrench "$data/$set" --variant heavy-prior --json 2>/dev/null),"
    echo "\"mv\": ["
    for seed in 0 1 2; do
      [ $seed = 0 ] || echo ","
      "$bin" fit --wrench "$data/$set" --model mv --ties random --seed $seed --json 2>/dev/null
    done
    echo "]}"
  done
  echo "}"
} > "$out/wslabel.json.tmp"
mv "$out/wslabel.json.tmp" "$out/wslabel.json"
echo "wrote $out/wslabel.json" >&2

if [ -z "${SKIP_PEERS:-}" ]; then
  bash benchmarks/peers/setup_venv.sh >&2
  benchmarks/.venv/bin/python benchmarks/peers/peers.py --data-root "$data" \
    --datasets "$(IFS=,; echo "${sets[*]}")" --seeds 0,1,2 --methods mv,snorkel,hyperlm,hyperlm-semi \
    --output "$out/peers.json" >/dev/null
fi
python3 benchmarks/robustness_report.py "$data" "$out/wslabel.json" "$out/peers.json"
