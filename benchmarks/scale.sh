#!/usr/bin/env bash
# Scale benchmark of the generative label model: one process per configuration, so each line's
# peak RSS belongs to that configuration alone.
#
#   benchmarks/scale.sh                      # every configuration (rows × LFs × classes)
#   ROWS="1000000" LFS="100" CLASSES="2" THREADS=2 benchmarks/scale.sh
#   OPTIONS=ml benchmarks/scale.sh           # maximum-likelihood EM instead of EMOptions()
#   SCRATCH=.build-perf benchmarks/scale.sh  # build in another scratch directory (default .build-bench)
#
# Writes benchmarks/results/scale.jsonl (OUT to override); progress goes to stderr.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${SCRATCH:-$root/.build-bench}"
out="${OUT:-$root/benchmarks/results/scale.jsonl}"
rows_list="${ROWS:-100000 1000000 10000000}"
lfs_list="${LFS:-10 100}"
classes_list="${CLASSES:-2 6}"
threads="${THREADS:-2}"
options="${OPTIONS:-default}"

swift build -c release --scratch-path "$scratch" --product wslabel-scale-bench >&2
bench="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/wslabel-scale-bench"

mkdir -p "$(dirname "$out")"
: > "$out"
for rows in $rows_list; do
    for lfs in $lfs_list; do
        for classes in $classes_list; do
            "$bench" --rows "$rows" --lfs "$lfs" --classes "$classes" --threads "$threads" \
                --options "$options" ${BREAKDOWN:+--breakdown} | tee -a "$out"
        done
    done
done
echo "wrote $out" >&2
