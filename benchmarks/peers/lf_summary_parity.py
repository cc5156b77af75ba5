#!/usr/bin/env python3
"""Compares `wslabel report --format json` LF summaries with Snorkel's LFAnalysis.lf_summary.

    python lf_summary_parity.py --wrench-root DIR --reports DIR SET [SET ...]

For each WRENCH set: Snorkel's lf_summary(L_train) gives Polarity, Coverage, Overlaps and
Conflicts; lf_summary(L_valid, Y_valid) gives Correct, Incorrect and Emp. Acc. Every number must
match wslabel's within 1e-9. Prints a table and exits 1 on any mismatch.
"""
import argparse
import json
import sys
import warnings

import numpy as np

TOLERANCE = 1e-9


def wrench_split(path):
    """Votes (rows x LFs, -1 abstain) and gold labels of a WRENCH split, in file order."""
    with open(path, encoding="utf-8") as f:
        records = json.load(f)
    votes = np.array([record["weak_labels"] for record in records.values()], dtype=np.int64)
    gold = np.array([record["label"] for record in records.values()], dtype=np.int64)
    return votes, gold


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--wrench-root", required=True)
    parser.add_argument("--reports", required=True)
    parser.add_argument("sets", nargs="+")
    args = parser.parse_args()

    # scipy warns about a dtype cast inside Snorkel's conflict computation; it is not ours.
    warnings.filterwarnings("ignore", category=FutureWarning)
    from snorkel.labeling import LFAnalysis

    failures = 0
    print("| set | LFs | train rows | valid rows | numbers compared | largest difference | polarity equal |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name in args.sets:
        with open(f"{args.reports}/{name}.json", encoding="utf-8") as f:
            report = json.load(f)["lf_summary"]
        with open(f"{args.wrench_root}/{name}/label.json", encoding="utf-8") as f:
            label_names = [label for _, label in sorted((int(k), v) for k, v in json.load(f).items())]
        train, _ = wrench_split(f"{args.wrench_root}/{name}/train.json")
        valid, valid_gold = wrench_split(f"{args.wrench_root}/{name}/valid.json")
        assert report["analysed_split"] == "train" and report["gold_split"] == "valid", report["gold_split"]

        on_train = LFAnalysis(train).lf_summary()
        on_valid = LFAnalysis(valid).lf_summary(Y=valid_gold)
        ours = report["lfs"]
        assert len(ours) == train.shape[1]
        largest = 0.0
        compared = 0
        polarity_equal = True
        for j, lf in enumerate(ours):
            pairs = [
                (lf["coverage"], on_train["Coverage"].iloc[j]),
                (lf["overlaps"], on_train["Overlaps"].iloc[j]),
                (lf["conflicts"], on_train["Conflicts"].iloc[j]),
                (lf["correct"], on_valid["Correct"].iloc[j]),
                (lf["incorrect"], on_valid["Incorrect"].iloc[j]),
                (lf["empirical_accuracy"], on_valid["Emp. Acc."].iloc[j]),
            ]
            for theirs_ours, theirs in pairs:
                largest = max(largest, abs(float(theirs_ours) - float(theirs)))
                compared += 1
            snorkel_polarity = [label_names[c] for c in on_train["Polarity"].iloc[j]]
            polarity_equal &= snorkel_polarity == lf["polarity"]
        ok = largest <= TOLERANCE and polarity_equal
        failures += not ok
        print(f"| {name} | {train.shape[1]} | {train.shape[0]} | {valid.shape[0]} | {compared} | {largest:.1e} | {polarity_equal} |")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
