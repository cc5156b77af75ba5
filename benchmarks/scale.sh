#!/usr/bin/env bash
# Scale benchmark of the generative label model: one process per configuration, so each line's
# peak RSS belongs to that configuration alone.
#
#   benchmarks/scale.sh                      # every configuration (rows × LFs × classes)
#   ROWS="1000000" LFS="100" CLASSES="2" THREADS=2 benchmarks/scale.sh
#   OPTIONS=ml benchmarks/scale.sh           # maximum-likelihood EM (also heavy-prior) instead of the gold-free choice
#   SCRATCH=.build-perf benchmarks/scale.sh  # build in another scratch directory (default .build-bench)
#
#   benchmarks/scale.sh dense                # issue 11's incompressible regime, see below
#
# `dense` is a named configuration: 100 unipolar LFs with coverage 2–30% and accuracy 55–95%,
# 2 classes, conditionally independent, seeded (≈15.7 votes per row, nearly every row its own
# pattern), rows 1e6 and 1e7, maximum-likelihood EM and the default variant. At 1e6 rows the
# votes are also written as .npy and Snorkel's LabelModel.fit is timed on them in the same run
# (one untimed warm-up fit, then seeds 0,1,2; benchmarks/peers/snorkel_on_votes.py), and a
# line with the side-by-side ratio is appended. Needs the peer venv (benchmarks/peers/setup_venv.sh;
# VENV=/path to use another; SNORKEL=0 to skip). Any variable above still overrides.
#
# Writes benchmarks/results/scale.jsonl (scale-dense.jsonl for `dense`; OUT to override);
# progress goes to stderr.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
named="${1:-}"
case "$named" in
    "") ;;
    dense)
        : "${REGIME:=dense}" "${ROWS:=1000000 10000000}" "${LFS:=100}" "${CLASSES:=2}"
        : "${OPTIONS:=ml gold-free}" "${SNORKEL:=1}" "${SNORKEL_MAX_ROWS:=1000000}"
        : "${OUT:=$root/benchmarks/results/scale-dense.jsonl}" ;;
    *) echo "unknown configuration '$named' (known: dense)" >&2; exit 2 ;;
esac
scratch="${SCRATCH:-$root/.build-bench}"
out="${OUT:-$root/benchmarks/results/scale.jsonl}"
rows_list="${ROWS:-100000 1000000 10000000}"
lfs_list="${LFS:-10 100}"
classes_list="${CLASSES:-2 6}"
threads="${THREADS:-2}"
options_list="${OPTIONS:-gold-free}"
regime="${REGIME:-realistic}"
snorkel="${SNORKEL:-0}"
snorkel_max_rows="${SNORKEL_MAX_ROWS:-1000000}"
venv="${VENV:-$root/benchmarks/.venv}"

swift build -c release --scratch-path "$scratch" --product wslabel-scale-bench >&2
bench="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/wslabel-scale-bench"
if [ "$snorkel" = 1 ] && [ ! -x "$venv/bin/python" ]; then
    echo "no Python venv at $venv: run benchmarks/peers/setup_venv.sh, set VENV, or SNORKEL=0" >&2
    exit 2
fi

mkdir -p "$(dirname "$out")"
: > "$out"
votes_dir=""
trap '[ -n "$votes_dir" ] && rm -rf "$votes_dir"' EXIT
for rows in $rows_list; do
    for lfs in $lfs_list; do
        for classes in $classes_list; do
            with_snorkel=0
            if [ "$snorkel" = 1 ] && [ "$rows" -le "$snorkel_max_rows" ]; then
                with_snorkel=1
                votes_dir="$(mktemp -d)"
            fi
            first=1
            for options in $options_list; do
                write=()
                if [ "$with_snorkel" = 1 ] && [ "$first" = 1 ]; then write=(--write-votes "$votes_dir"); fi
                "$bench" --rows "$rows" --lfs "$lfs" --classes "$classes" --threads "$threads" \
                    --options "$options" --regime "$regime" ${BREAKDOWN:+--breakdown} "${write[@]}" | tee -a "$out"
                first=0
            done
            if [ "$with_snorkel" = 1 ]; then
                echo "[$rows rows × $lfs LFs × $classes classes] Snorkel LabelModel.fit on the same votes…" >&2
                snorkel_line="$("$venv/bin/python" "$root/benchmarks/peers/snorkel_on_votes.py" \
                    --train-npy "$votes_dir/train.npy" --labels-npy "$votes_dir/labels.npy" --seeds 0,1,2)"
                # One line per wslabel variant of this configuration: Snorkel's mean warm fit ÷ wslabel's fit.
                tail -n "$(echo $options_list | wc -w)" "$out" | SNORKEL_LINE="$snorkel_line" python3 -c '
import json, os, sys
snorkel = json.loads(os.environ["SNORKEL_LINE"])
fits = snorkel["snorkel"]
mean = sum(f["fit_seconds"] for f in fits) / len(fits)
accuracy = sum(f["accuracy"] for f in fits) / len(fits)
for line in sys.stdin:
    ours = json.loads(line)
    print(json.dumps({"kind": "snorkel_side_by_side", "rows": ours["rows"], "lfs": ours["lfs"],
                      "classes": ours["classes"], "regime": ours["regime"], "options": ours["options"],
                      "wslabel_fit_seconds": ours["fit_seconds"], "wslabel_accuracy": ours["accuracy"],
                      "snorkel_fit_seconds_mean": mean, "snorkel_fit_seconds": [f["fit_seconds"] for f in fits],
                      "snorkel_accuracy_mean": accuracy, "snorkel_warmup_fit_seconds": snorkel["warmup_fit_seconds"],
                      "generating_model_accuracy": ours["generating_model_accuracy"],
                      "speedup": mean / ours["fit_seconds"]}, sort_keys=True))
' | tee -a "$out"
                rm -rf "$votes_dir"
                votes_dir=""
            fi
        done
    done
done
echo "wrote $out" >&2
