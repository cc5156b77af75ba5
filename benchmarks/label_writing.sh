#!/usr/bin/env bash
# Label writing: probabilistic labels of ROWS items written as JSON Lines and as .npy.
#
#   bash benchmarks/label_writing.sh
#   ROWS=1000000 REPEATS=3 THREADS=2 bash benchmarks/label_writing.sh
#
# 1. wslabel-labels-bench (release) draws ROWS rows of synthetic votes (20 LFs, 2 classes),
#    fits the generative label model, and times each writer REPEATS times, files flushed to disk
#    as `wslabel fit --output` writes them: the writer as it was before issue 13 (a JSON tree per
#    line; the baseline), ProbabilisticLabelsWriter's JSON Lines and its .npy (+ ids and splits
#    files); it checks that the JSON Lines are byte-identical to the baseline's.
# 2. The command line end to end: wslabel-scale-bench writes the same kind of votes as an .npy,
#    then `wslabel fit --votes train.npy` runs without --output, with --output labels.jsonl and
#    with --output labels.npy, REPEATS times each; the difference is the time writing takes.
# 3. Writes benchmarks/results/label_writing.json (OUT to override): every timing, the load
#    average (`uptime`) before each part, the machine. Progress goes to stderr.
# SCRATCH sets the build folder (default .build-bench); WORKDIR the temporary folder (KEEP=1 keeps it).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${SCRATCH:-$root/.build-bench}"
out="${OUT:-$root/benchmarks/results/label_writing.json}"
rows="${ROWS:-1000000}"
repeats="${REPEATS:-3}"
threads="${THREADS:-2}"
python="${PYTHON:-python3}"

log() { printf '[label_writing] %s\n' "$*" >&2; }

work="${WORKDIR:-$(mktemp -d -t wslabel-labels-XXXXXX)}"
mkdir -p "$work"
if [ -z "${KEEP:-}" ] && [ -z "${WORKDIR:-}" ]; then trap 'rm -rf "$work"' EXIT; fi
runs="$work/runs.jsonl"
: > "$runs"

log "building wslabel, wslabel-labels-bench and wslabel-scale-bench (release)"
for product in wslabel wslabel-labels-bench wslabel-scale-bench; do
    swift build -c release --scratch-path "$scratch" --product "$product" >&2
done
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)"

load() { "$python" -c 'import json,sys; l=open("/proc/loadavg").read().split(); print(json.dumps({"role": "load", "before": sys.argv[1], "uptime": sys.argv[2], "load_1_5_15": [float(x) for x in l[:3]]}))' "$1" "$(uptime)"; }

load writers >> "$runs"
log "writers: $rows rows, $repeats repeats each"
"$bin/wslabel-labels-bench" --rows "$rows" --threads "$threads" --repeats "$repeats" --output-dir "$work/writers" \
    | "$python" -c 'import json,sys; d=json.load(sys.stdin); d["role"]="writers"; print(json.dumps(d))' >> "$runs"

log "votes for the command line: $rows rows"
"$bin/wslabel-scale-bench" --rows "$rows" --lfs 20 --classes 2 --threads "$threads" --write-votes "$work/votes" > /dev/null
load cli >> "$runs"
for i in $(seq 1 "$repeats"); do
    for output in none labels.jsonl labels.npy; do
        log "wslabel fit --votes, output $output, run $i/$repeats"
        arguments=(fit --votes "$work/votes/train.npy" --labels NEG,POS --threads "$threads")
        [ "$output" = none ] || arguments+=(--output "$work/cli/$output")
        mkdir -p "$work/cli"
        start=$(date +%s.%N)
        "$bin/wslabel" "${arguments[@]}" > /dev/null 2>&1
        end=$(date +%s.%N)
        "$python" -c 'import json,sys; print(json.dumps({"role": "cli", "output": sys.argv[1], "run": int(sys.argv[2]), "seconds": float(sys.argv[4]) - float(sys.argv[3])}))' \
            "$output" "$i" "$start" "$end" >> "$runs"
    done
done

machine="$(nproc) cores, $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
mkdir -p "$(dirname "$out")"
"$python" - "$runs" "$out" "$machine" "$rows" "$threads" "$(swift --version 2>&1 | head -1)" <<'PY'
import datetime, json, statistics, sys
runs_path, out, machine, rows, threads, swift = sys.argv[1:]
runs = [json.loads(line) for line in open(runs_path) if line.strip()]
rows = int(rows)
writers = next(r for r in runs if r["role"] == "writers")
loads = {r["before"]: r["load_1_5_15"] for r in runs if r["role"] == "load"}
cli = {}
for r in runs:
    if r["role"] == "cli":
        cli.setdefault(r["output"], []).append(r["seconds"])
lines = [f"Label writing, {rows:,} rows × 2 classes, {threads} threads; {machine}; load before the writers {loads.get('writers')}, "
         f"before the command line {loads.get('cli')}", "",
         "| writer | seconds (each repeat) | rows/s (best) | rows/s (median) | bytes |", "|---|---|---:|---:|---:|"]
for name, title in [("json_tree", "JSON tree per line (before)"), ("jsonl", "JSON Lines"), ("npy", ".npy + ids + splits")]:
    w = writers[name]
    lines.append(f"| {title} | {', '.join(f'{s:.3f}' for s in w['seconds'])} | {w['rows_per_second_best']:,.0f} | "
                 f"{w['rows_per_second_median']:,.0f} | {w['bytes']:,} |")
lines.append("")
lines.append(f"JSON Lines byte-identical to the JSON tree's: **{writers['jsonl_identical_to_json_tree']}**.")
lines.append("")
lines.append("| `wslabel fit --votes` | seconds (each run) | median | writing (median − no output) | rows/s |")
lines.append("|---|---|---:|---:|---:|")
base = statistics.median(cli["none"])
for output in ["none", "labels.jsonl", "labels.npy"]:
    median = statistics.median(cli[output])
    writing = median - base
    rate = f"{rows / writing:,.0f}" if output != "none" and writing > 0 else ""
    lines.append(f"| {'no --output' if output == 'none' else '--output ' + output} | {', '.join(f'{s:.2f}' for s in cli[output])} | "
                 f"{median:.2f} | {'' if output == 'none' else f'{writing:.2f}'} | {rate} |")
table = "\n".join(lines)
print(table)
meta = {"machine": machine, "rows": rows, "threads": int(threads), "swift": swift,
        "created_utc": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "command": "bash benchmarks/label_writing.sh"}
json.dump({"meta": meta, "runs": runs, "table_markdown": table}, open(out, "w"), indent=2)
PY
log "wrote $out"
