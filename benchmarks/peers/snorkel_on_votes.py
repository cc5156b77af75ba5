#!/usr/bin/env python3
"""Snorkel's LabelModel (and majority vote) on vote matrices written by `wslabel apply --format npy`.

    python snorkel_on_votes.py --votes DIR --gold-csv FILE --gold-column CLASS --seeds 0,1,2 \
        [--dev-raw-dir DIR]

Fits on DIR/train.npy (no gold), scores DIR/test.npy against the gold column of the CSV (rows in
file order, as `wslabel apply` writes them). With --dev-raw-dir and a DIR/dev.npy whose ids
(DIR/dev.ids.txt, one JSON string per line) are `file:row`, also fits with the dev items' class
balance (Snorkel's `Y_dev`), the information wslabel's dev split gives it. Prints one JSON object.

    python snorkel_on_votes.py --train-npy DIR/train.npy --labels-npy DIR/labels.npy --seeds 0

Synthetic mode (the votes `wslabel-scale-bench --write-votes DIR` writes, see benchmarks/scale.sh):
one untimed warm-up fit, then one timed `LabelModel.fit` per seed on all rows, scored against the
true classes of the same rows. Prints one JSON object.
"""
import argparse
import csv
import json
import time

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--votes")
    parser.add_argument("--gold-csv")
    parser.add_argument("--gold-column")
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--dev-raw-dir")
    parser.add_argument("--train-npy")
    parser.add_argument("--labels-npy")
    args = parser.parse_args()
    if args.train_npy:
        return synthetic(args)
    if not (args.votes and args.gold_csv and args.gold_column):
        parser.error("--votes, --gold-csv and --gold-column are required (or --train-npy and --labels-npy)")

    from snorkel.labeling.model import LabelModel, MajorityLabelVoter

    train = np.load(f"{args.votes}/train.npy").astype(np.int64)
    test = np.load(f"{args.votes}/test.npy").astype(np.int64)
    with open(args.gold_csv, newline="", encoding="utf-8") as f:
        gold = np.array([int(row[args.gold_column]) for row in csv.DictReader(f)])
    assert len(gold) == len(test), (len(gold), len(test))
    cardinality = 2
    out = {"train_rows": int(train.shape[0]), "test_rows": int(test.shape[0]), "lfs": int(train.shape[1])}

    mv = MajorityLabelVoter(cardinality=cardinality)
    out["majority_vote_random_ties"] = float(np.mean([
        (mv.predict(test, tie_break_policy="random") == gold).mean() for _ in range(200)]))
    dev_gold = dev_labels(args.votes, args.dev_raw_dir, args.gold_column) if args.dev_raw_dir else None
    for key, y_dev in [("snorkel", None), ("snorkel_dev_balance", dev_gold)]:
        if key != "snorkel" and y_dev is None:
            continue
        out[key] = []
        for seed in [int(s) for s in args.seeds.split(",")]:
            model = LabelModel(cardinality=cardinality, verbose=False)
            start = time.perf_counter()
            model.fit(train, Y_dev=y_dev, n_epochs=100, seed=seed, log_freq=1000)
            seconds = time.perf_counter() - start
            accuracy = float((model.predict(test, tie_break_policy="random") == gold).mean())
            out[key].append({"seed": seed, "accuracy": accuracy, "fit_seconds": seconds})
    print(json.dumps(out))


def synthetic(args):
    """Warm LabelModel.fit time and accuracy on votes with known true classes."""
    from snorkel.labeling.model import LabelModel

    votes = np.load(args.train_npy).astype(np.int64)
    labels = np.load(args.labels_npy).reshape(-1)
    cardinality = int(max(votes.max(), labels.max())) + 1
    out = {"rows": int(votes.shape[0]), "lfs": int(votes.shape[1]), "classes": cardinality,
           "votes": int((votes >= 0).sum())}
    warm = LabelModel(cardinality=cardinality, verbose=False)
    start = time.perf_counter()
    warm.fit(votes, n_epochs=100, seed=0, log_freq=1000)
    out["warmup_fit_seconds"] = time.perf_counter() - start
    out["snorkel"] = []
    for seed in [int(s) for s in args.seeds.split(",")]:
        model = LabelModel(cardinality=cardinality, verbose=False)
        start = time.perf_counter()
        model.fit(votes, n_epochs=100, seed=seed, log_freq=1000)
        seconds = time.perf_counter() - start
        accuracy = float((model.predict(votes, tie_break_policy="abstain") == labels).mean())
        out["snorkel"].append({"seed": seed, "accuracy": accuracy, "fit_seconds": seconds})
    print(json.dumps(out))


def dev_labels(votes_dir, raw_dir, column):
    """Gold labels of the dev items, looked up by their `file:row` ids in the raw CSVs."""
    try:
        with open(f"{votes_dir}/dev.ids.txt", encoding="utf-8") as f:
            ids = [json.loads(line) for line in f if line.strip()]
    except FileNotFoundError:
        return None
    rows = {}
    labels = []
    for item in ids:
        name, row = item.rsplit(":", 1)
        if name not in rows:
            with open(f"{raw_dir}/{name}", newline="", encoding="utf-8") as f:
                rows[name] = [int(r[column]) for r in csv.DictReader(f)]
        labels.append(rows[name][int(row) - 1])
    return np.array(labels)


if __name__ == "__main__":
    main()
