#!/usr/bin/env bash
# LF-apply throughput: wslabel's LFApplier against Snorkel's PandasLFApplier, the same seven
# deterministic LFs of the Snorkel spam tutorial, the same items, votes compared.
#
#   bash benchmarks/apply_throughput.sh
#   ITEMS=1000000 MEMORY_SIZES="100000 1000000 3000000" SNORKEL_ITEMS=1000000 REPEATS=3 \
#       bash benchmarks/apply_throughput.sh
#
# 1. Replicates the 1,956 comments of the five raw UCI YouTube CSVs to N items, one JSONL file per
#    size in a temporary folder (WORKDIR to choose it; KEEP=1 keeps it), ids "<copy>-<row>".
# 2. wslabel: wslabel-apply-bench (release) streams the JSONL through LFApplier (no cache) on
#    THREADS=2 threads and writes the votes to an .npy file: end to end, read + apply + write.
#    - headline: ITEMS items, REPEATS runs each of the fused path (`--mode fused`: each block of
#      lines decoded and its LFs applied on the thread that read it, as `wslabel apply
#      --no-cache` does) and of the batch path (read a batch of 4096 items, then apply it);
#    - one run per MEMORY_SIZES size: peak RSS (VmHWM) must stay flat as the input grows.
# 3. Snorkel 0.10.0 (benchmarks/.venv, see peers/setup_venv.sh; PYTHON to use another): the
#    PandasLFApplier on the first SNORKEL_ITEMS items (default ITEMS: ~1–3 min for 1M on 2
#    cores), timing apply() alone (its JSON reading is timed apart).
# 4. Compares the vote matrices (np.array_equal on the rows both have) and writes
#    benchmarks/results/apply_throughput.json (OUT to override) plus a Markdown table on stdout.
#    The load average (`uptime`) is recorded before each side, since the host may be shared.
# Progress goes to stderr. SCRATCH sets the build folder (default .build-applybench).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${SCRATCH:-$root/.build-applybench}"
out="${OUT:-$root/benchmarks/results/apply_throughput.json}"
items="${ITEMS:-1000000}"
memory_sizes="${MEMORY_SIZES:-100000 1000000 3000000}"
snorkel_items="${SNORKEL_ITEMS:-$items}"
repeats="${REPEATS:-3}"
threads="${THREADS:-2}"
raw="${RAW:-$root/../shared/data/raw/youtube}"
python="${PYTHON:-$root/benchmarks/.venv/bin/python}"
peer="$root/benchmarks/peers/snorkel_apply.py"

log() { printf '[apply_throughput] %s\n' "$*" >&2; }

[ -x "$python" ] || { log "no venv python at $python: run bash benchmarks/peers/setup_venv.sh"; exit 1; }
"$python" -c 'import snorkel' 2>/dev/null || { log "snorkel missing in $python: run benchmarks/peers/setup_venv.sh"; exit 1; }

work="${WORKDIR:-$(mktemp -d -t wslabel-apply-XXXXXX)}"
mkdir -p "$work"
if [ -z "${KEEP:-}" ] && [ -z "${WORKDIR:-}" ]; then trap 'rm -rf "$work"' EXIT; fi
runs="$work/runs.jsonl"
: > "$runs"
log "work folder $work"

log "building wslabel-apply-bench (release)"
swift build -c release --scratch-path "$scratch" --product wslabel-apply-bench >&2
bench="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/wslabel-apply-bench"

# One JSONL file per size (the headline size included), generated once.
sizes="$(printf '%s\n' "$items" $memory_sizes | sort -n -u)"
for n in $sizes; do
    file="$work/items-$n.jsonl"
    if [ ! -s "$file" ]; then
        log "generating $n items"
        "$python" "$peer" generate --raw-dir "$raw" --items "$n" --output "$file" >&2
    fi
done

tag() { "$python" -c 'import json,sys; d=json.load(sys.stdin); d["role"]=sys.argv[1]; print(json.dumps(d))' "$1"; }

load() { "$python" -c 'import json,sys; l=open("/proc/loadavg").read().split(); print(json.dumps({"role": "load", "before": sys.argv[1], "uptime": sys.argv[2], "load_1_5_15": [float(x) for x in l[:3]]}))' "$1" "$(uptime)"; }

headline="$work/items-$items.jsonl"
load wslabel >> "$runs"
for i in $(seq 1 "$repeats"); do
    log "wslabel: $items items, fused (each block read and applied on one thread), run $i/$repeats"
    "$bench" --items "$headline" --threads "$threads" --mode fused --output "$work/L_wslabel.npy" 2>/dev/null | tag swift_sequential >> "$runs"
    log "wslabel: $items items, batches (read a batch, then apply it), run $i/$repeats"
    "$bench" --items "$headline" --threads "$threads" --no-pipeline --output "$work/L_wslabel_pipelined.npy" 2>/dev/null | tag swift_pipelined >> "$runs"
done
cmp -s "$work/L_wslabel.npy" "$work/L_wslabel_pipelined.npy" || { log "fused and batch vote matrices differ"; exit 1; }
for n in $memory_sizes; do
    log "wslabel: $n items, memory check"
    "$bench" --items "$work/items-$n.jsonl" --threads "$threads" --mode fused --output "$work/L_wslabel_$n.npy" 2>/dev/null | tag swift_memory >> "$runs"
done

log "Snorkel PandasLFApplier: $snorkel_items items (about 9,000–14,000 items/s on this kind of machine)"
load snorkel >> "$runs"
"$python" "$peer" apply --items "$headline" --limit "$snorkel_items" --output "$work/L_snorkel.npy" \
    --json "$work/snorkel.json" | tag snorkel >> "$runs"

log "comparing votes"
"$python" "$peer" compare --swift "$work/L_wslabel.npy" --snorkel "$work/L_snorkel.npy" | tag compare >> "$runs" || true

machine="$(nproc) cores, $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
"$python" - "$machine" "$items" "$threads" "$(swift --version 2>&1 | head -1)" >> "$runs" <<'EOF'
import json, sys, datetime
print(json.dumps({"role": "meta", "machine": sys.argv[1], "headline_items": int(sys.argv[2]),
                  "threads": int(sys.argv[3]), "swift": sys.argv[4],
                  "created_utc": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                  "command": "bash benchmarks/apply_throughput.sh"}))
EOF

mkdir -p "$(dirname "$out")"
"$python" "$peer" report --runs "$runs" --output "$out"
log "wrote $out"
