#!/usr/bin/env bash
# Runs two wslabel binaries on the same inputs and compares every output byte for byte: what a
# refactor must leave unchanged. Inputs: the five WRENCH sets (../shared/data/wrench) and the
# YouTube task (examples/youtube-spam), plus the bundled example. For each: `fit --output
# --save-model`, `fit --json` (fit_seconds masked: wall-clock time), `report` in every format,
# and `predict` with the saved model.
#
#   bash scripts/compare-binaries.sh OLD_BINARY NEW_BINARY
#
# Exit 0 when every output is identical; otherwise the differing files are listed.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$(realpath "$1"); new=$(realpath "$2")
wrench=${WRENCH_ROOT:-../shared/data/wrench}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run_all() {  # binary, out folder
  local bin=$1 out=$2
  mkdir -p "$out"
  local inputs=()
  for set in youtube sms trec imdb yelp; do inputs+=("wrench-$set:--wrench $wrench/$set"); done
  # Tasks apply their LFs afresh (--no-cache), so neither binary reads the other's votes.
  for task in youtube-spam support-tickets; do inputs+=("task-$task:--config examples/$task/wslabel.yaml --no-cache"); done
  for entry in "${inputs[@]}"; do
    local name=${entry%%:*} args=${entry#*:}
    # shellcheck disable=SC2086
    "$bin" fit $args --output "$out/$name.labels.jsonl" --save-model "$out/$name.model.json" >"$out/$name.fit.txt" 2>/dev/null
    # shellcheck disable=SC2086
    "$bin" fit $args --json 2>/dev/null | sed -E 's/"fit_seconds":[^,}]*/"fit_seconds":0/' >"$out/$name.fit.json"
    sed -i -E 's/, [0-9.]+ s$/, (time) s/' "$out/$name.fit.txt"
    for format in text markdown csv json html; do
      # shellcheck disable=SC2086
      "$bin" report $args --format "$format" --color never >"$out/$name.report.$format" 2>/dev/null
    done
    # shellcheck disable=SC2086
    "$bin" predict --model-file "$out/$name.model.json" $args --output "$out/$name.predict.jsonl" 2>/dev/null
  done
  # Paths inside outputs name the output folder: make them comparable.
  { grep -rl "$out" "$out" || true; } | xargs -r sed -i "s|$out|OUT|g"
}

echo "running $old…" >&2
run_all "$old" "$work/old"
echo "running $new…" >&2
run_all "$new" "$work/new"
differ=0
for file in "$work"/old/*.*; do
  name=$(basename "$file")
  if ! cmp -s "$file" "$work/new/$name"; then
    echo "DIFFERS: $name"
    diff <(head -c 4000 "$file") <(head -c 4000 "$work/new/$name") | head -8 || true
    differ=1
  fi
done
count=$(ls "$work"/old/*.* | wc -l)
if [ $differ = 0 ]; then echo "identical: $count output files"; else exit 1; fi
