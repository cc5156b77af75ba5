#!/usr/bin/env bash
# wslabel on local Spark against one wslabel process, as items grow (issue 13): the tutorial's
# 7 YouTube LFs over N items replicated from the raw UCI comments (benchmarks/peers/
# snorkel_apply.py generate), fit on train without gold, every item labeled.
#
#   ROWS="1000000 10000000" bash benchmarks/spark_scale.sh
#
# For each N: one process, `wslabel fit --config T --no-cache --output labels.jsonl
# --save-model m.json` (wall time, peak RSS), then `spark-submit --master local[2]
# integrations/spark/wslabel_spark.py` writing Parquet (wall time, peak RSS of spark-submit and
# its JVM, bytes shuffled, distinct patterns that reached the driver, the pattern file's bytes,
# from the job's --metrics). The two models must be byte-identical. Results:
# benchmarks/results/spark_scale.jsonl (appended) and a Markdown table on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${ROWS:-1000000 10000000}"
raw="${RAW:-../shared/data/raw/youtube}"
out=benchmarks/results/spark_scale.jsonl
work="${WORKDIR:-$(mktemp -d -t wslabel-spark-scale-XXXXXX)}"
mkdir -p "$work"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
log() { printf '[spark_scale] %s\n' "$*" >&2; }

swift build -c release --product wslabel >&2
wslabel="$(swift build -c release --show-bin-path)/wslabel"
submit="$(bash integrations/spark/setup.sh)"
python="$(dirname "$submit")/python"
export PATH="$(dirname "$submit"):$PATH" PYSPARK_PYTHON="$python" PYSPARK_DRIVER_PYTHON="$python" SPARK_LOCAL_IP=127.0.0.1
export SPARK_HOME="$("$python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
gen_python="${GEN_PYTHON:-benchmarks/.venv/bin/python}"
[ -x "$gen_python" ] || gen_python=python3

measure() {  # output json file, command...: wall seconds and peak RSS (KiB) of the command's tree
  local file=$1; shift
  /usr/bin/time -f '{"seconds": %e, "max_rss_kib": %M}' -o "$file" "$@"
}

for n in $rows; do
  items="$work/items-$n.jsonl"
  [ -s "$items" ] || { log "generating $n items"; "$gen_python" benchmarks/peers/snorkel_apply.py generate --raw-dir "$raw" --items "$n" --output "$items" >&2; }
  cat > "$work/task-$n.yaml" <<YAML
labels: [HAM, SPAM]
data:
  id: id
  text: text
  gold: label
  gold_values: {"0": HAM, "1": SPAM}
  splits:
    train: $items
labeling_functions:
  swift: [youtube_spam_tutorial]
output:
  cache: $work/votes-$n.sqlite
YAML
  log "$n items: one wslabel process"
  measure "$work/single-$n.json" "$wslabel" fit --config "$work/task-$n.yaml" --no-cache --output "$work/single-$n.jsonl" \
    --save-model "$work/single-$n-model.json" >/dev/null 2>"$work/single-$n.log"
  log "$n items: local[2] Spark"
  rm -rf "$work/spark-$n"
  measure "$work/spark-$n-time.json" "$submit" --master 'local[2]' --driver-memory 2g \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 --conf spark.ui.port=4050 \
    --driver-java-options "-Dlog4j2.configurationFile=file:$PWD/integrations/spark/log4j2.properties" \
    integrations/spark/wslabel_spark.py --wslabel "$wslabel" --config "$work/task-$n.yaml" --split "train=$items" \
    --output "$work/spark-$n" --output-format parquet --save-model "$work/spark-$n-model.json" \
    --metrics "$work/spark-$n-metrics.json" >/dev/null 2>"$work/spark-$n.log"
  identical=false
  cmp -s "$work/single-$n-model.json" "$work/spark-$n-model.json" && identical=true
  "$python" - "$n" "$work" "$identical" "$(nproc)" "$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)" "$(uptime)" >> "$out" <<'PY'
import json, sys
n, work, identical, cores, cpu, load = sys.argv[1:7]
single = json.load(open(f"{work}/single-{n}.json"))
spark = json.load(open(f"{work}/spark-{n}-time.json"))
metrics = json.load(open(f"{work}/spark-{n}-metrics.json"))
print(json.dumps({"items": int(n), "single": single, "spark": spark, "spark_metrics": metrics,
                  "models_identical": identical == "true", "machine": f"{cores} cores, {cpu}", "load": load.strip(),
                  "command": "bash benchmarks/spark_scale.sh"}))
PY
  tail -1 "$out" >&2
done
"$python" - "$out" <<'PY'
import json, sys
runs = [json.loads(line) for line in open(sys.argv[1])]
print("| items | one process s | one process peak RSS MiB | Spark local[2] s | Spark peak RSS MiB | patterns at driver | pattern file bytes | shuffle write bytes | models identical |")
print("|---|---|---|---|---|---|---|---|---|")
for r in runs:
    m = r["spark_metrics"]
    print(f"| {r['items']:,} | {r['single']['seconds']:.1f} | {r['single']['max_rss_kib']/1024:.0f} | {r['spark']['seconds']:.1f} | "
          f"{r['spark']['max_rss_kib']/1024:.0f} | {m['patterns_at_driver']['train']} | {m['pattern_file_bytes']['train']:,} | "
          f"{m['shuffle_write_bytes']:,} | {r['models_identical']} |")
PY
