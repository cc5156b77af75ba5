"""wslabel on Apache Spark: apply a task's LFs on every partition, reduce the votes to pattern
counts with reduceByKey, fit the label model on the driver from the merged counts, and label
every partition with the fitted model. No item row is ever collected to the driver: what reaches
it is one line per distinct vote pattern.

    spark-submit --master local[2] integrations/spark/wslabel_spark.py \\
        --wslabel .build/release/wslabel --config examples/support-tickets/wslabel.yaml \\
        --split train=examples/support-tickets/data/train.jsonl \\
        --split dev=examples/support-tickets/data/dev.jsonl \\
        --split test=examples/support-tickets/data/test.jsonl \\
        --dev-split dev --output /tmp/labels --output-format parquet

Each partition is piped through the `wslabel` binary as JSON Lines (`wslabel apply --stdin
--format pattern-counts`, then `wslabel predict --stdin`), so the LFs run exactly as on one
machine. Patterns keep the position where they first appeared (partition, line), and the driver
orders the merged patterns by it: partitions in the order of the items give the pattern file one
process writes, and the model and labels are byte-identical to `wslabel fit` on one machine.

Items come from any Spark source (--input-format json, csv, parquet, or table: a table name as
the split's path); their columns must include the fields the task's data section names (and `id`
when it names no id field). The binary and the model are shipped to executors with
SparkContext.addFile; the task file and its LF files must be readable at the same path on every
executor (a shared file system, or the same checkout on every node).

LLM-prompt LFs: every wslabel process asks the task's endpoints with the same OpenAI-compatible
client (the key from the executor's environment). The task's budget holds for the whole job:
each of the job's k processes (a partition of a pass) may spend budget / k. With --use-caches,
every process records its calls in the task's response cache; on storage all executors share,
that cache is the job's merged ledger, which `wslabel cost` and `wslabel report` on the driver
read, and the labeling pass answers from it instead of paying again.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from pyspark import SparkFiles
from pyspark.sql import SparkSession


def piped(command):
    """A mapPartitionsWithIndex function that streams a partition's JSON lines through
    `command` and yields (partition index, output line number, line) for every output line.
    Input is fed from a thread while output is read, so a partition never sits in memory whole."""

    def run(index, lines):
        binary = SparkFiles.get(os.path.basename(command[0]))
        process = subprocess.Popen([binary] + command[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
        failure = []

        def feed():
            try:
                for line in lines:
                    process.stdin.write(line.encode("utf-8") + b"\n")
            except BaseException as error:  # a broken pipe: wslabel stopped; its stderr says why
                failure.append(error)
            finally:
                process.stdin.close()

        writer = threading.Thread(target=feed)
        writer.start()
        stderr = []
        reader = threading.Thread(target=lambda: stderr.append(process.stderr.read()))
        reader.start()
        for number, line in enumerate(process.stdout):
            yield index, number, line.decode("utf-8").rstrip("\n")
        writer.join()
        reader.join()
        if process.wait() != 0:
            raise RuntimeError(f"wslabel failed on partition {index}: {b''.join(stderr).decode('utf-8', 'replace').strip()}")
        if failure:
            raise failure[0]

    return run


def read_items(spark, path, input_format):
    """A split's items as JSON lines, partitions in the order of the source's rows."""
    if input_format == "table":
        frame = spark.table(path)
    elif input_format == "csv":
        frame = spark.read.option("header", True).option("multiLine", True).option("escape", '"').csv(path)
    elif input_format == "parquet":
        frame = spark.read.parquet(path)
    else:
        frame = spark.read.json(path)
    return frame.toJSON()


def merged_pattern_counts(spark, items, binary, config, split, stream_options):
    """The split's pattern-count file content: every partition's counts, reduced by pattern,
    patterns in order of first appearance. Only the distinct patterns reach the driver."""
    command = [binary, "apply", "--config", config, "--stdin", "--split", split, "--format", "pattern-counts", "--output", "-"] + stream_options
    lines = items.mapPartitionsWithIndex(piped(command))
    # Line 0 of every partition's output is the header, the same for all: the driver's own run
    # on no items gives it.
    header = subprocess.run([binary] + command[1:], input=b"", capture_output=True, check=True).stdout.decode("utf-8").split("\n")[0]
    patterns = (lines.filter(lambda entry: entry[1] > 0 and entry[2])
                .map(lambda entry: ((entry[2].split("\t", 1)[1]), (int(entry[2].split("\t", 1)[0]), (entry[0], entry[1]))))
                .reduceByKey(lambda a, b: (a[0] + b[0], min(a[1], b[1]))))
    ordered = sorted(patterns.collect(), key=lambda pattern: pattern[1][1])
    return header + "\n" + "".join(f"{count}\t{rest}\n" for rest, (count, _) in ordered), len(ordered)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wslabel", required=True, help="the wslabel binary (shipped to executors)")
    parser.add_argument("--config", required=True, help="the task file (its model settings and LFs)")
    parser.add_argument("--split", action="append", required=True, metavar="NAME=PATH",
                        help="a split's items; give train, and a dev split with gold labels to choose the model variant")
    parser.add_argument("--dev-split", help="the split whose gold labels choose the variant (default: the task's)")
    parser.add_argument("--input-format", default="json", choices=["json", "csv", "parquet", "table"])
    parser.add_argument("--output", required=True, help="folder for the labels (one per split)")
    parser.add_argument("--output-format", default="parquet", choices=["parquet", "jsonl"],
                        help="parquet: a DataFrame (id, split, label, probabilities, confidence); jsonl: the lines wslabel writes")
    parser.add_argument("--partitions", type=int, help="coalesce each split's items into this many partitions (keeps their order)")
    parser.add_argument("--use-caches", action="store_true",
                        help="every wslabel process reads and writes the task's vote cache and LLM response cache; on "
                             "storage all executors share (local mode, a shared file system) the response cache is then "
                             "the job's merged LLM ledger, and the labeling pass reuses the answers the first pass paid for")
    parser.add_argument("--save-model", help="also keep the fitted model (JSON, for wslabel predict) here")
    parser.add_argument("--metrics", help="write the job's measured figures here as JSON: seconds per step, bytes shuffled and "
                                          "distinct patterns that reached the driver, driver memory (needs the Spark UI's REST API)")
    args = parser.parse_args(argv)

    spark = SparkSession.builder.appName("wslabel").getOrCreate()
    context = spark.sparkContext
    binary = os.path.abspath(args.wslabel)
    config = os.path.abspath(args.config)
    context.addFile(binary)
    splits = dict(entry.split("=", 1) for entry in args.split)
    if "train" not in splits:
        sys.exit("wslabel_spark: give the train split (--split train=PATH): the label model is fit on it")
    items = {}
    for name, path in splits.items():
        rows = read_items(spark, path, args.input_format)
        items[name] = rows.coalesce(args.partitions) if args.partitions else rows

    # The task's LLM budget holds for the whole job: each of its wslabel processes (one per
    # partition of each pass) may spend an equal share of it.
    passes = [name for name in ("train", args.dev_split) if name] + list(items)
    processes = sum(items[name].getNumPartitions() for name in passes)
    stream_options = ["--llm-budget-share", repr(1 / max(1, processes))] + (["--use-cache"] if args.use_caches else [])

    work = tempfile.mkdtemp(prefix="wslabel-spark-")
    counts = {}
    metrics = {"patterns_at_driver": {}, "seconds": {}}
    started = time.perf_counter()
    for name in [split for split in ("train", args.dev_split) if split]:
        text, patterns = merged_pattern_counts(spark, items[name], binary, config, name, stream_options)
        metrics["patterns_at_driver"][name] = patterns
        metrics.setdefault("pattern_file_bytes", {})[name] = len(text.encode("utf-8"))
        counts[name] = os.path.join(work, f"{name}.counts")
        with open(counts[name], "w", encoding="utf-8") as handle:
            handle.write(text)
        print(f"wslabel_spark: {name}: {patterns} distinct vote patterns reached the driver", file=sys.stderr)
    model = os.path.join(work, "model.json")
    fit = [binary, "fit", "--pattern-counts", counts["train"], "--config", config, "--save-model", model, "--json"]
    if args.dev_split:
        fit += ["--dev-pattern-counts", counts[args.dev_split]]
    metrics["seconds"]["apply_and_reduce"] = time.perf_counter() - started
    started = time.perf_counter()
    summary = subprocess.run(fit, capture_output=True, check=True).stdout.decode("utf-8")
    metrics["seconds"]["fit_on_driver"] = time.perf_counter() - started
    print(summary, end="")
    if args.save_model:
        shutil.copyfile(model, args.save_model)
    context.addFile(model)
    started = time.perf_counter()

    for name, rows in items.items():
        command = [binary, "predict", "--model-file", "__model__", "--config", config, "--stdin", "--split", name] + stream_options

        def label(index, lines, command=command):
            command = [SparkFiles.get("model.json") if part == "__model__" else part for part in command]
            for _, _, line in piped(command)(index, lines):
                if line:
                    yield line

        labels = rows.mapPartitionsWithIndex(label)
        target = os.path.join(args.output, name)
        if args.output_format == "jsonl":
            labels.saveAsTextFile(target)
        else:
            spark.read.json(labels).select("id", "split", "label", "probabilities", "confidence").write.mode("overwrite").parquet(target)
    metrics["seconds"]["label_and_write"] = time.perf_counter() - started
    if args.metrics:
        metrics.update(spark_metrics(context))
        with open(args.metrics, "w", encoding="utf-8") as handle:
            json.dump(metrics, handle, indent=1)
    spark.stop()


def spark_metrics(context):
    """Bytes shuffled (all stages) and the driver's peak JVM heap, from the Spark UI's REST API."""
    import urllib.request

    base = f"{context.uiWebUrl}/api/v1/applications/{context.applicationId}"

    def get(path):
        with urllib.request.urlopen(base + path, timeout=30) as response:
            return json.load(response)

    stages = get("/stages")
    executors = get("/executors")
    driver = next((e for e in executors if e.get("id") == "driver"), {})
    return {
        "shuffle_write_bytes": sum(stage.get("shuffleWriteBytes", 0) for stage in stages),
        "shuffle_read_bytes": sum(stage.get("shuffleReadBytes", 0) for stage in stages),
        "input_bytes": sum(stage.get("inputBytes", 0) for stage in stages),
        "driver_peak_jvm_heap_bytes": (driver.get("peakMemoryMetrics") or {}).get("JVMHeapMemory"),
    }


if __name__ == "__main__":
    main()
