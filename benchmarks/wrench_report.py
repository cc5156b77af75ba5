#!/usr/bin/env python3
"""Combine wslabel's and the peers' WRENCH results (from one run) into markdown tables.

    python3 benchmarks/wrench_report.py results/wrench_wslabel.json results/peers.json
"""
import json
import statistics
import sys

SETS = ["youtube", "sms", "trec", "imdb", "yelp"]
METRIC = {"sms": "f1"}  # WRENCH: F1 of class 1 on sms, accuracy elsewhere


def metric_name(s):
    return "F1" if METRIC.get(s) == "f1" else "acc"


def ws_value(run, s, split="test"):
    m = run["splits"][split]
    return 100 * (m["f1"] if METRIC.get(s) == "f1" else m["accuracy"])


def peer_value(entry, s, split="test"):
    # The random-tie scores (mean of 200 draws) are what WRENCH and the reference numbers use.
    block = entry.get("random_ties", {}).get(split) or entry[split]
    return 100 * (block["f1_class1"] if METRIC.get(s) == "f1" else block["accuracy"])


def span(values):
    lo, hi = min(values), max(values)
    return f"{lo:.1f}" if abs(hi - lo) < 0.05 else f"{lo:.1f}–{hi:.1f}"


def main():
    ws = json.load(open(sys.argv[1]))
    peers = json.load(open(sys.argv[2]))
    print("| set | metric | MV (random ties) | Snorkel LabelModel, valid balance (seeds 0–2) | Snorkel, no balance | crowd-kit DS | FlyingSquid "
          "| HyperLM (no gold, transductive) | HyperLM semi-supervised (valid gold) "
          "| **wslabel EM (valid-selected, guarded)** | wslabel EM, no gold | margin over best peer | default − HyperLM |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for s in SETS:
        p = peers[s]
        mv = peer_value(p["majority_vote"], s)
        sn = [peer_value(p[f"snorkel_label_model_valid_class_balance/seed{k}"], s) for k in range(3)]
        sd = [peer_value(p[f"snorkel_label_model_default/seed{k}"], s) for k in range(3)]
        ds = peer_value(p["crowdkit_dawid_skene"], s)
        fs_keys = [k for k in p if k.startswith("flyingsquid/") and "test" in p[k]]
        fs = [peer_value(p[k], s) for k in fs_keys]
        hl = peer_value(p["hyperlm"], s) if "hyperlm" in p else None
        hs = peer_value(p["hyperlm_semi_supervised"], s) if "hyperlm_semi_supervised" in p else None
        sel = ws_value(ws[s]["em_selected"][0], s)
        default = ws_value(ws[s]["em_default"][0], s)
        best_peer = max([mv, ds] + sn + sd + fs + [v for v in (hl, hs) if v is not None])
        shown = lambda v: "–" if v is None else f"{v:.1f}"  # noqa: E731
        print(f"| {s} | {metric_name(s)} | {mv:.1f} | {span(sn)} | {span(sd)} | {ds:.1f} | "
              f"{span(fs) if fs else 'binary only'} | {shown(hl)} | {shown(hs)} | **{sel:.1f}** | {default:.1f} "
              f"| {sel - best_peer:+.1f} | {'–' if hl is None else f'{default - hl:+.1f}'} |")
    print()
    print("| set | wslabel fit, valid-selected (8 gold-free + 21 variants), median s | wslabel fit, no gold (8 variants), median s | Snorkel LabelModel.fit, mean s | speed-up, selected | speed-up, no gold |")
    print("|---|---|---|---|---|---|")
    for s in SETS:
        p = peers[s]
        sel = statistics.median(r["fit_seconds"] for r in ws[s]["em_selected"])
        one = statistics.median(r["fit_seconds"] for r in ws[s]["em_default"])
        snorkel = [p[f"snorkel_label_model_{v}/seed{k}"]["fit_seconds"] for v in ("default", "valid_class_balance") for k in range(3)]
        sn = statistics.mean(snorkel)
        print(f"| {s} | {sel:.4f} | {one:.4f} | {sn:.3f} | {sn / sel:.0f}× | {sn / one:.0f}× |")
    print()
    chosen = {s: ws[s]["em_selected"][0]["variant"] for s in SETS}
    for s in SETS:
        sel = ws[s]["em_selected"][0]
        print(f"- {s}: chosen variant `{chosen[s]}` (#{sel['selection']['chosen']} of {sel['selection']['variants']}, "
              f"valid {sel['selection']['metric']} {100 * sel['selection']['dev_score']:.1f}), "
              f"{sel['iterations']} EM iterations over {sel['patterns']} vote patterns")


if __name__ == "__main__":
    main()
