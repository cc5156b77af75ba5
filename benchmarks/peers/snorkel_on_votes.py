#!/usr/bin/env python3
"""Snorkel's LabelModel (and majority vote) on vote matrices written by `wslabel apply --format npy`.

    python snorkel_on_votes.py --votes DIR --gold-csv FILE --gold-column CLASS --seeds 0,1,2

Fits on DIR/train.npy (no gold), scores DIR/test.npy against the gold column of the CSV (rows in
file order, as `wslabel apply` writes them). Prints one JSON object.
"""
import argparse
import csv
import json
import time

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--votes", required=True)
    parser.add_argument("--gold-csv", required=True)
    parser.add_argument("--gold-column", required=True)
    parser.add_argument("--seeds", default="0,1,2")
    args = parser.parse_args()

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
    out["snorkel"] = []
    for seed in [int(s) for s in args.seeds.split(",")]:
        model = LabelModel(cardinality=cardinality, verbose=False)
        start = time.perf_counter()
        model.fit(train, n_epochs=100, seed=seed, log_freq=1000)
        seconds = time.perf_counter() - start
        accuracy = float((model.predict(test, tie_break_policy="random") == gold).mean())
        out["snorkel"].append({"seed": seed, "accuracy": accuracy, "fit_seconds": seconds})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
