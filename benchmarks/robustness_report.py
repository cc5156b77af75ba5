#!/usr/bin/env python3
"""The robustness suite's table: every method on every set, from one run of benchmarks/robustness.sh.

    python3 benchmarks/robustness_report.py DATA_DIR WSLABEL_JSON PEERS_JSON
"""
import json
import statistics
import sys
from pathlib import Path


def main():
    data, ws, peers = Path(sys.argv[1]), json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))

    def ws_value(run, metric):
        m = run["splits"]["test"]
        return 100 * (m["f1"] if metric == "f1" else m["accuracy"])

    def peer_value(entry, metric):
        block = entry.get("random_ties", {}).get("test") or entry["test"]
        return 100 * (block["f1_class1"] if metric == "f1" else block["accuracy"])

    print("| set | metric | generating model | MV (random ties) | Snorkel, no gold | Snorkel, dev balance | HyperLM (no gold) "
          "| HyperLM semi (dev gold) | wslabel heavy prior (the old default) | **wslabel, no gold** | wslabel, dev (guarded) | wslabel, dev (best) | wslabel semi "
          "| no gold − MV | no gold − HyperLM | dev − best peer | gold-free variant |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, runs in ws.items():
        metric = runs["metric"]
        p = peers.get(name, {})
        regime = data / name / "regime.json"
        generating = json.load(open(regime))["generating_model"]["test"] * 100 if regime.exists() else None
        mv = statistics.mean(ws_value(r, metric) for r in runs["mv"])
        snorkel = [peer_value(p[k], metric) for k in p if k.startswith("snorkel_label_model_default/") and "test" in p[k]]
        snorkel_dev = [peer_value(p[k], metric) for k in p if k.startswith("snorkel_label_model_valid_class_balance/") and "test" in p[k]]
        hyper = peer_value(p["hyperlm"], metric) if "test" in p.get("hyperlm", {}) else None
        hyper_semi = peer_value(p["hyperlm_semi_supervised"], metric) if "test" in p.get("hyperlm_semi_supervised", {}) else None
        free, dev = ws_value(runs["gold_free"], metric), ws_value(runs["dev"], metric)
        best, semi = ws_value(runs["dev_best"], metric), ws_value(runs["semi"], metric)
        heavy = ws_value(runs["heavy_prior"], metric)
        peer_values = [mv] + snorkel + snorkel_dev + [v for v in (hyper, hyper_semi) if v is not None]
        show = lambda v: "–" if v is None else f"{v:.1f}"  # noqa: E731
        mean = lambda vs: statistics.mean(vs) if vs else None  # noqa: E731
        print(f"| {name} | {'F1' if metric == 'f1' else 'acc'} | {show(generating)} | {mv:.1f} | {show(mean(snorkel))} "
              f"| {show(mean(snorkel_dev))} | {show(hyper)} | {show(hyper_semi)} | {heavy:.1f} | **{free:.1f}** | {dev:.1f} | {best:.1f} "
              f"| {semi:.1f} | {free - mv:+.1f} | {'–' if hyper is None else f'{free - hyper:+.1f}'} "
              f"| {dev - max(peer_values):+.1f} | `{runs['gold_free']['variant']}` |")


if __name__ == "__main__":
    main()
