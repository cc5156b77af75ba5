#!/usr/bin/env bash
# The Spark integration on a real local Spark (local[2]): the bundled example and the YouTube
# task run through integrations/spark/wslabel_spark.py, and every label line must equal the line
# `wslabel fit` writes for the item on one machine (same model, byte-identical labels). Installs
# Java and PySpark when missing (setup.sh). The YouTube task needs ../shared/data: without it
# that part is skipped, except under CI=true, where it fails.
#
#   bash integrations/spark/test_local.sh [path/to/wslabel]     # default .build/debug/wslabel
set -euo pipefail
cd "$(dirname "$0")/../.."
wslabel="$(realpath "${1:-.build/debug/wslabel}")"
[ -x "$wslabel" ] || { echo "spark test: no wslabel binary at $wslabel (swift build first)" >&2; exit 1; }
submit="$(bash integrations/spark/setup.sh)"
work="$(mktemp -d -t wslabel-spark-test-XXXXXX)"
trap 'rm -rf "$work"' EXIT
python="$(dirname "$submit")/python"
# Loopback only: the driver and executors never bind to the machine's network interfaces.
export SPARK_LOCAL_IP=127.0.0.1
# spark-submit finds Spark and runs the job with the venv's Python.
export PATH="$(dirname "$submit"):$PATH" PYSPARK_PYTHON="$python" PYSPARK_DRIVER_PYTHON="$python"
export SPARK_HOME="$("$python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"

# Small input splits, so that even the example's files span several partitions, in order.
spark() {
  "$submit" --master 'local[2]' --conf spark.sql.files.maxPartitionBytes=16384 --conf spark.ui.enabled=false \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --driver-java-options "-Dlog4j2.configurationFile=file:$PWD/integrations/spark/log4j2.properties" \
    integrations/spark/wslabel_spark.py --wslabel "$wslabel" "$@"
}

# The label lines of the named splits, sorted, from a folder of part files or one JSONL file.
lines() {  # source, splits...
  local source=$1; shift
  local pattern; pattern=$(printf '"split":"%s"|' "$@"); pattern=${pattern%|}
  if [ -d "$source" ]; then cat "$source"/*/part-*; else cat "$source"; fi | grep -E "$pattern" | LC_ALL=C sort
}

compare() {  # name, spark output, single-machine labels, splits...
  local name=$1 spark_out=$2 single=$3; shift 3
  local got want
  got=$(lines "$spark_out" "$@" | wc -l)
  want=$(lines "$single" "$@" | wc -l)
  if [ "$got" -eq 0 ] || ! cmp -s <(lines "$spark_out" "$@") <(lines "$single" "$@"); then
    echo "spark test: $name: Spark's labels differ from wslabel fit's ($got lines against $want)" >&2
    diff <(lines "$spark_out" "$@") <(lines "$single" "$@") | head -5 >&2
    exit 1
  fi
  echo "spark test: $name: $got label lines byte-identical to wslabel fit on one machine"
}

# 1. The bundled example: JSONL with ids; its dev split chooses the variant.
task=examples/support-tickets/wslabel.yaml
data=examples/support-tickets/data
"$wslabel" fit --config "$task" --no-cache --output "$work/tickets-single.jsonl" --save-model "$work/tickets-model.json" >/dev/null 2>&1
spark --config "$task" --split "train=$data/train.jsonl" --split "dev=$data/dev.jsonl" --split "test=$data/test.jsonl" \
  --dev-split dev --output "$work/tickets" --output-format jsonl > "$work/tickets-fit.json"
compare "support tickets" "$work/tickets" "$work/tickets-single.jsonl" train dev test
spark --config "$task" --split "train=$data/train.jsonl" --split "dev=$data/dev.jsonl" \
  --dev-split dev --output "$work/tickets-parquet" --output-format parquet > /dev/null
rows=$("$python" -c "import pyarrow.parquet as pq, sys; print(pq.read_table(sys.argv[1]).num_rows)" "$work/tickets-parquet/train" 2>/dev/null \
  || "$python" -c "
import sys; from pyspark.sql import SparkSession
s = SparkSession.builder.master('local[1]').config('spark.ui.enabled', 'false').getOrCreate(); print(s.read.parquet(sys.argv[1]).count())" "$work/tickets-parquet/train" 2>/dev/null)
[ "$rows" -eq "$(wc -l < "$data/train.jsonl")" ] || { echo "spark test: the Parquet labels of train have $rows rows" >&2; exit 1; }
echo "spark test: support tickets: Parquet labels of train: $rows rows (id, split, label, probabilities, confidence)"

# 2. The bundled example with its LLM-prompt LF, answered from the recorded ledger (no server):
# every process uses the task's caches (--use-caches); labels equal one machine's, and reading
# the ledger leaves it byte for byte as committed.
copy="$work/llm-example"
mkdir -p "$copy/examples" "$copy/labeling_functions"
cp -R examples/support-tickets "$copy/examples/"
cp -R labeling_functions/support_tickets labeling_functions/support_tickets_llm "$copy/labeling_functions/"
task="$copy/examples/support-tickets/wslabel-llm.yaml"
data="$copy/examples/support-tickets/data"
ledger="$copy/examples/support-tickets/llm-ledger.sqlite"
ledger_sum=$(sha256sum < "$ledger")
WSLABEL_LOCAL_LLM_KEY="" "$wslabel" fit --config "$task" --output "$work/llm-single.jsonl" >/dev/null 2>&1
rm -rf "$copy/examples/output"      # the vote cache: Spark's processes start without one
WSLABEL_LOCAL_LLM_KEY="" spark --config "$task" --use-caches --split "train=$data/train.jsonl" --split "dev=$data/dev.jsonl" \
  --split "test=$data/test.jsonl" --dev-split dev --output "$work/llm" --output-format jsonl > /dev/null
# The LLM LF voted (its answers came from the ledger): the labels are not those without it.
if cmp -s <(lines "$work/llm-single.jsonl" train) <(lines "$work/tickets-single.jsonl" train); then
  echo "spark test: the LLM LF changed no label: were its answers read from the ledger?" >&2; exit 1
fi
compare "support tickets with the LLM LF" "$work/llm" "$work/llm-single.jsonl" train dev test
[ "$(sha256sum < "$ledger")" = "$ledger_sum" ] || { echo "spark test: the recorded LLM ledger changed" >&2; exit 1; }
echo "spark test: support tickets with the LLM LF: every answer from the shared ledger, which is unchanged"

# 3. The YouTube task: CSV files without an id field, items named file:row; a dev sample of train.
raw=../shared/data/raw/youtube
if [ ! -d "$raw" ]; then
  if [ "${CI:-}" = true ]; then echo "spark test: $raw is missing (CI=true)" >&2; exit 1; fi
  echo "spark test: skipping the YouTube task: $raw is missing (place ../shared beside the checkout)"
  exit 0
fi
task=examples/youtube-spam/wslabel.yaml
"$wslabel" fit --config "$task" --no-cache --output "$work/youtube-single.jsonl" >/dev/null 2>&1
# The items as JSON Lines named as wslabel names them, and the dev sample's items, in its order.
"$wslabel" apply --config "$task" --no-cache --output-dir "$work/youtube-wrench" --format wrench >/dev/null 2>&1
"$python" - "$raw" "$work" <<'PY'
import csv, json, sys
raw, work = sys.argv[1], sys.argv[2]
def items(files):
    for name in files:
        with open(f"{raw}/{name}", newline="", encoding="utf-8") as handle:
            for row, record in enumerate(csv.DictReader(handle), start=1):
                yield dict(record, id=f"{name}:{row}")
train = list(items([f"Youtube0{i}-{n}.csv" for i, n in ((1, "Psy"), (2, "KatyPerry"), (3, "LMFAO"), (4, "Eminem"))]))
by_id = {item["id"]: item for item in train}
dev = [by_id[key] for key in json.load(open(f"{work}/youtube-wrench/dev.json"))]
for name, records in (("train", train), ("dev", dev), ("test", items(["Youtube05-Shakira.csv"]))):
    with open(f"{work}/youtube-{name}.jsonl", "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
PY
spark --config "$task" --split "train=$work/youtube-train.jsonl" --split "dev=$work/youtube-dev.jsonl" \
  --split "test=$work/youtube-test.jsonl" --dev-split dev --output "$work/youtube" --output-format jsonl > /dev/null
compare "YouTube task" "$work/youtube" "$work/youtube-single.jsonl" train test
