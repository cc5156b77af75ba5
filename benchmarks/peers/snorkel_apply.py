#!/usr/bin/env python3
"""LF-apply throughput peer: Snorkel's PandasLFApplier running the spam tutorial's 7 deterministic LFs.

Three subcommands, all driven by benchmarks/apply_throughput.sh:

  generate  --raw-dir DIR --items N --output items.jsonl
      Reads the five raw UCI YouTube CSVs (csv module; CONTENT is the text, CLASS the gold label),
      sorted by file name, and writes N JSONL records {"id", "text", "label"} by cycling over the
      1,956 comments: record k is comment k % 1956 of copy k // 1956, id "<copy>-<row>".

  apply     --items items.jsonl [--limit N] --output L.npy --json timing.json
      Reads the first N records into a pandas DataFrame (column `text`), then times
      `PandasLFApplier(lfs).apply(df, progress_bar=False)` alone and saves L (int8) as .npy.

  compare   --swift L_swift.npy --snorkel L_snorkel.npy
      Prints JSON: shapes, rows compared (the overlap), whether np.array_equal holds on it, and
      the first differing rows if not.

  report    --runs runs.jsonl --output apply_throughput.json
      Reads the JSON lines the script collected (one object per run, with a "role" key: wslabel
      runs, Snorkel's, the comparison, load averages, the machine) and writes the result file
      and a Markdown table (stdout): every wslabel repeat end to end against Snorkel's apply.

The LFs are written as in snorkel-tutorials spam/01_spam_tutorial.py (labeling_function decorator,
keyword LFs built by a keyword-lookup helper over `x.text.lower()`, the check.*out regex with re.I,
short_comment on `len(x.text.split()) < 5`), in WRENCH youtube column order 0-6.
"""
import argparse
import csv
import glob
import json
import os
import platform
import re
import sys
import time

ABSTAIN = -1
HAM = 0
SPAM = 1


# ---- the tutorial's LFs ------------------------------------------------------------------------
def build_lfs():
    from snorkel.labeling import LabelingFunction, labeling_function

    def keyword_lookup(x, keywords, label):
        if any(word in x.text.lower() for word in keywords):
            return label
        return ABSTAIN

    def make_keyword_lf(keywords, label=SPAM):
        return LabelingFunction(
            name=f"keyword_{keywords[0]}",
            f=keyword_lookup,
            resources=dict(keywords=keywords, label=label),
        )

    keyword_my = make_keyword_lf(keywords=["my"])
    keyword_subscribe = make_keyword_lf(keywords=["subscribe"])
    keyword_link = make_keyword_lf(keywords=["http"])
    keyword_please = make_keyword_lf(keywords=["please", "plz"])
    keyword_song = make_keyword_lf(keywords=["song"], label=HAM)

    @labeling_function()
    def regex_check_out(x):
        return SPAM if re.search(r"check.*out", x.text, flags=re.I) else ABSTAIN

    @labeling_function()
    def short_comment(x):
        """Ham comments are often short, such as 'cool video!'"""
        return HAM if len(x.text.split()) < 5 else ABSTAIN

    return [keyword_my, keyword_subscribe, keyword_link, keyword_please, keyword_song,
            regex_check_out, short_comment]


# ---- generate ----------------------------------------------------------------------------------
def read_comments(raw_dir):
    files = sorted(glob.glob(os.path.join(raw_dir, "Youtube0*.csv")))
    if len(files) != 5:
        sys.exit(f"expected 5 Youtube0*.csv files in {raw_dir}, found {len(files)}")
    comments = []
    for path in files:
        with open(path, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                comments.append((row["CONTENT"], int(row["CLASS"])))
    return comments


def generate(args):
    comments = read_comments(args.raw_dir)
    n = len(comments)
    lines = [None] * n
    tmp = args.output + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as out:
        for k in range(args.items):
            copy, row = divmod(k, n)
            out.write(json.dumps({"id": f"{copy}-{row}", "text": comments[row][0],
                                  "label": comments[row][1]}, ensure_ascii=False))
            out.write("\n")
    os.replace(tmp, args.output)
    print(json.dumps({"comments": n, "items": args.items, "bytes": os.path.getsize(args.output),
                      "files": sorted(os.path.basename(p) for p in glob.glob(os.path.join(args.raw_dir, "Youtube0*.csv")))}))


# ---- apply -------------------------------------------------------------------------------------
def peak_rss_bytes():
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def apply(args):
    import numpy as np
    import pandas as pd
    import snorkel
    from snorkel.labeling import PandasLFApplier

    read_start = time.perf_counter()
    texts = []
    with open(args.items, encoding="utf-8") as handle:
        for line in handle:
            if args.limit is not None and len(texts) >= args.limit:
                break
            texts.append(json.loads(line)["text"])
    df = pd.DataFrame({"text": texts})
    del texts
    read_seconds = time.perf_counter() - read_start

    lfs = build_lfs()
    applier = PandasLFApplier(lfs=lfs)
    start = time.perf_counter()
    L = applier.apply(df, progress_bar=False)
    apply_seconds = time.perf_counter() - start

    L = np.asarray(L, dtype=np.int8)
    np.save(args.output, L)
    items = int(L.shape[0])
    evaluations = items * len(lfs)
    result = {
        "tool": "snorkel.labeling.PandasLFApplier",
        "items": items,
        "lfs": [lf.name for lf in lfs],
        "evaluations": evaluations,
        "read_seconds": read_seconds,
        "apply_seconds": apply_seconds,
        "evaluations_per_second": evaluations / apply_seconds,
        "items_per_second": items / apply_seconds,
        "peak_rss_bytes": peak_rss_bytes(),
        "versions": {"python": platform.python_version(), "snorkel": snorkel.__version__,
                     "pandas": pd.__version__, "numpy": np.__version__},
    }
    with open(args.json, "w") as out:
        json.dump(result, out, indent=2)
    print(json.dumps(result))


# ---- compare -----------------------------------------------------------------------------------
def compare(args):
    import numpy as np

    swift = np.load(args.swift)
    peer = np.load(args.snorkel)
    rows = min(swift.shape[0], peer.shape[0])
    a = swift[:rows].astype(np.int64)
    b = peer[:rows].astype(np.int64)
    same_width = swift.shape[1] == peer.shape[1]
    equal = bool(same_width and np.array_equal(a, b))
    result = {"swift_shape": list(swift.shape), "snorkel_shape": list(peer.shape),
              "rows_compared": int(rows), "identical": equal}
    if same_width and not equal:
        bad = np.nonzero((a != b).any(axis=1))[0]
        result["differing_rows"] = int(bad.size)
        result["differing_per_lf"] = [int(x) for x in (a != b).sum(axis=0)]
        result["first_differences"] = [{"row": int(r), "swift": a[r].tolist(), "snorkel": b[r].tolist()}
                                       for r in bad[:5]]
    # Votes per LF (non-abstain counts), a sanity check that the LFs fire at all.
    result["votes_per_lf"] = [int(x) for x in (a != ABSTAIN).sum(axis=0)]
    print(json.dumps(result))
    return 0 if equal else 1


# ---- report ------------------------------------------------------------------------------------
def report(args):
    import statistics

    runs = [json.loads(line) for line in open(args.runs) if line.strip()]
    by_role = {}
    for run in runs:
        by_role.setdefault(run["role"], []).append(run)
    snorkel = by_role["snorkel"][0]
    comparison = by_role["compare"][0]
    meta = by_role["meta"][0]
    loads = {r["before"]: r["load_1_5_15"] for r in by_role.get("load", [])}
    base = snorkel["evaluations_per_second"]
    # Snorkel end to end: reading the JSONL into a DataFrame, then apply.
    base_with_read = snorkel["evaluations"] / (snorkel["read_seconds"] + snorkel["apply_seconds"])

    def median_run(runs, key):
        ordered = sorted(runs, key=lambda r: r[key])
        return ordered[len(ordered) // 2]

    summary = {}
    sequential = [r for r in by_role.get("swift_sequential", []) if r["items"] == meta["headline_items"]]
    pipelined = [r for r in by_role.get("swift_pipelined", []) if r["items"] == meta["headline_items"]]
    h = median_run(sequential, "evaluations_per_second")
    p = median_run(pipelined, "evaluations_per_second") if pipelined else None
    summary["headline"] = "read + apply + write votes, each block of lines decoded and applied on the thread that read it (fused; median)"
    summary["swift_end_to_end_seconds_all_repeats"] = [r["end_to_end_seconds"] for r in sequential]
    summary["swift_end_to_end_items_per_second"] = h["items_per_second"]
    summary["swift_end_to_end_evaluations_per_second"] = h["evaluations_per_second"]
    summary["snorkel_apply_evaluations_per_second"] = base
    summary["snorkel_read_and_apply_evaluations_per_second"] = base_with_read
    summary["ratio_end_to_end_vs_snorkel_apply"] = h["evaluations_per_second"] / base
    summary["ratio_end_to_end_vs_snorkel_read_and_apply"] = h["evaluations_per_second"] / base_with_read
    summary["ratio_end_to_end_all_repeats"] = [r["evaluations_per_second"] / base for r in sequential]
    # Applying and reading are timed apart only on the batch path (the fused one does both at once).
    parts = p if p else h
    summary["swift_apply_only_evaluations_per_second"] = parts["evaluations_per_second_apply_only"]
    summary["ratio_apply_only_vs_snorkel_apply"] = parts["evaluations_per_second_apply_only"] / base
    if p:
        summary["swift_pipelined_end_to_end_seconds_all_repeats"] = [r["end_to_end_seconds"] for r in pipelined]
        summary["ratio_pipelined_end_to_end_vs_snorkel_apply"] = p["evaluations_per_second"] / base
    summary["votes_identical"] = comparison["identical"]
    summary["rows_compared"] = comparison["rows_compared"]
    summary["target_ratio"] = 100
    summary["meets_target"] = summary["ratio_end_to_end_vs_snorkel_apply"] >= 100
    summary["load_1_5_15_before"] = loads
    summary["peak_rss_bytes_by_items"] = {str(r["items"]): r["peak_rss_bytes"] for r in by_role.get("swift_memory", [])}

    def mib(b):
        return f"{b / 2**20:.0f} MiB" if b else "n/a"

    lines = []
    lines.append(f"LF apply throughput: 7 Snorkel spam-tutorial LFs, UCI YouTube comments replicated; "
                 f"{meta['machine']}; load average before wslabel {loads.get('wslabel')}, before Snorkel {loads.get('snorkel')}")
    lines.append("")
    lines.append("| run | items | evaluations | seconds | items/s | × Snorkel apply | peak RSS |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    lines.append(f"| Snorkel PandasLFApplier, `apply` only | {snorkel['items']:,} | {snorkel['evaluations']:,} | "
                 f"{snorkel['apply_seconds']:.1f} | {snorkel['items_per_second']:,.0f} | 1.0 | {mib(snorkel['peak_rss_bytes'])} |")
    lines.append(f"| Snorkel, reading the JSONL into a DataFrame + `apply` | {snorkel['items']:,} | {snorkel['evaluations']:,} | "
                 f"{snorkel['read_seconds'] + snorkel['apply_seconds']:.1f} | "
                 f"{snorkel['items'] / (snorkel['read_seconds'] + snorkel['apply_seconds']):,.0f} | {base_with_read / base:.2f} | |")
    for name, group in [("read + apply + write votes, fused", sequential), ("read + apply + write votes, batches (read, then apply)", pipelined)]:
        for index, r in enumerate(group, 1):
            lines.append(f"| wslabel {name} (repeat {index}) | {r['items']:,} | {r['evaluations']:,} | "
                         f"{r['end_to_end_seconds']:.2f} | {r['items_per_second']:,.0f} | "
                         f"{r['evaluations_per_second'] / base:.1f} | {mib(r['peak_rss_bytes'])} |")
    if parts["read_seconds"] > 0:
        lines.append(f"| wslabel, applying alone (median batch run, {parts['threads']} threads) | {parts['items']:,} | {parts['evaluations']:,} | "
                     f"{parts['apply_seconds']:.2f} | {parts['items'] / parts['apply_seconds']:,.0f} | "
                     f"{parts['evaluations_per_second_apply_only'] / base:.1f} | |")
        lines.append(f"| wslabel, reading alone (same run) | {parts['items']:,} | | {parts['read_seconds']:.2f} | "
                     f"{parts['items'] / parts['read_seconds']:,.0f} | | |")
    for r in sorted(by_role.get("swift_memory", []), key=lambda r: r["items"]):
        lines.append(f"| wslabel end to end, memory check | {r['items']:,} | {r['evaluations']:,} | "
                     f"{r['end_to_end_seconds']:.2f} | {r['items_per_second']:,.0f} | "
                     f"{r['evaluations_per_second'] / base:.1f} | {mib(r['peak_rss_bytes'])} |")
    lines.append("")
    lines.append(f"Headline (median of the fused repeats): **{summary['ratio_end_to_end_vs_snorkel_apply']:.1f}×** Snorkel's apply, "
                 f"{summary['ratio_end_to_end_vs_snorkel_read_and_apply']:.1f}× Snorkel reading + apply.")
    lines.append(f"Votes identical (np.array_equal, int8 L matrices, first {comparison['rows_compared']:,} rows): "
                 f"**{comparison['identical']}**. Votes per LF (those rows): {comparison['votes_per_lf']}.")
    if snorkel["items"] < h["items"]:
        lines.append(f"Snorkel was timed on the first {snorkel['items']:,} items only (throughput compared per "
                     f"evaluation); wslabel on {h['items']:,}.")
    table = "\n".join(lines)
    print(table)
    result = {"meta": meta, "summary": summary, "runs": runs, "table_markdown": table}
    with open(args.output, "w") as out:
        json.dump(result, out, indent=2)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--raw-dir", required=True)
    g.add_argument("--items", type=int, default=1_000_000)
    g.add_argument("--output", required=True)
    a = sub.add_parser("apply")
    a.add_argument("--items", required=True)
    a.add_argument("--limit", type=int)
    a.add_argument("--output", required=True)
    a.add_argument("--json", required=True)
    c = sub.add_parser("compare")
    c.add_argument("--swift", required=True)
    c.add_argument("--snorkel", required=True)
    r = sub.add_parser("report")
    r.add_argument("--runs", required=True)
    r.add_argument("--output", required=True)
    args = parser.parse_args()
    if args.command == "report":
        report(args)
    elif args.command == "generate":
        generate(args)
    elif args.command == "apply":
        apply(args)
    else:
        sys.exit(compare(args))


if __name__ == "__main__":
    main()
