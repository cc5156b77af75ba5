#!/usr/bin/env bash
# End model benchmark (issue 14): `wslabel train` beside scikit-learn, in one run.
#
# For youtube, sms and trec (WRENCH, ../shared/data/wrench), the bundled example
# (examples/support-tickets) and the YouTube task (examples/youtube-spam):
#   - the label model alone and the end model trained on its labels (test split);
#   - scikit-learn LogisticRegression on exactly wslabel's features, soft targets and item weights
#     (`wslabel train --export-features`), the same 20 (weighting, C) candidates chosen on the same
#     dev split by the same rule (parity);
#   - for the WRENCH sets, the Snorkel-tutorial pipeline by hand (TfidfVectorizer 1-2-grams,
#     LogisticRegression on argmax labels of covered rows);
#   - training seconds side by side (REPEATS runs each, every run reported): wslabel's whole
#     `train` (hashing + TF-IDF + the 20-candidate search) vs scikit-learn's search on ready
#     features, and one fit at the chosen C and weighting on each side.
#
#   bash benchmarks/end_model.sh                   # writes benchmarks/results/end_model-runN.json
#   REPEATS=5 OUT=benchmarks/results/end_model-run2.json bash benchmarks/end_model.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=${DATA_ROOT:-../shared/data/wrench}
repeats=${REPEATS:-3}
out=${OUT:-benchmarks/results/end_model-runN.json}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bash scripts/ensure-dependencies.sh
swift build -c release --product wslabel >&2
bin=.build/release/wslabel
bash benchmarks/peers/setup_venv.sh >&2
python=benchmarks/.venv/bin/python

# name|input flags|metric|dev split|wrench folder for the tutorial pipeline (or -)
cases=(
  "youtube|--wrench $root/youtube|accuracy|valid|$root/youtube"
  "sms|--wrench $root/sms|f1|valid|$root/sms"
  "trec|--wrench $root/trec|accuracy|valid|$root/trec"
  "support-tickets|--config examples/support-tickets/wslabel.yaml|accuracy|dev|-"
  "youtube-task|--config examples/youtube-spam/wslabel.yaml|accuracy|dev|-"
)

echo "{" > "$work/all.json"
first=1
for entry in "${cases[@]}"; do
  IFS='|' read -r name input metric dev wrench <<<"$entry"
  echo "== $name" >&2
  # shellcheck disable=SC2086
  "$bin" train $input --select-metric "$metric" --json --export-features "$work/$name" > "$work/$name.train.json" 2>/dev/null
  read -r c weighting features <<<"$(python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["end_model"]; print(e["c"], e["weighting"], e["features"])' "$work/$name.train.json")"
  runs=() singles=()
  for ((i = 0; i < repeats; i++)); do
    # shellcheck disable=SC2086
    runs+=("$("$bin" train $input --select-metric "$metric" --json 2>/dev/null)")
    # shellcheck disable=SC2086
    singles+=("$("$bin" train $input --c "$c" --weighting "$weighting" --json 2>/dev/null)")
  done
  tutorial=()
  [ "$wrench" = - ] || tutorial=(--wrench "$wrench")
  "$python" benchmarks/peers/end_model_sklearn.py --features "$work/$name" --features-count "$features" --metric "$metric" \
    --dev-split "$dev" --chosen-c "$c" --chosen-weighting "$weighting" --repeats "$repeats" "${tutorial[@]}" > "$work/$name.sklearn.json"
  [ $first = 1 ] || echo "," >> "$work/all.json"
  first=0
  {
    echo "\"$name\": {\"metric\": \"$metric\", \"train\": $(cat "$work/$name.train.json"),"
    echo "\"runs\": [$(IFS=,; echo "${runs[*]}")],"
    echo "\"single_fits\": [$(IFS=,; echo "${singles[*]}")],"
    echo "\"sklearn\": $(cat "$work/$name.sklearn.json")}"
  } >> "$work/all.json"
done
echo "}" >> "$work/all.json"
mkdir -p "$(dirname "$out")"
python3 -c 'import json,sys; json.dump(json.load(open(sys.argv[1])), open(sys.argv[2], "w"), indent=1)' "$work/all.json" "$out"
echo "wrote $out" >&2
python3 benchmarks/end_model_report.py "$out"
