"""Markdown tables of benchmarks/end_model.sh's JSON: quality and training time."""
import json
import statistics
import sys


def main(path):
    results = json.load(open(path))
    print("| set | metric | label model | end model (wslabel) | scikit-learn, same features & labels | tutorial pipeline (sklearn) | C, weighting |")
    print("|---|---|---|---|---|---|---|")
    for name, entry in results.items():
        metric = entry["metric"]
        key = "f1" if metric == "f1" else "accuracy"
        label_model = entry["train"]["label_model"]["splits"]["test"][key]
        end_model = entry["train"]["end_model"]["splits"]["test"][key]
        parity = entry["sklearn"]["parity"]["test"]
        tutorial = entry["sklearn"].get("tutorial", {}).get("test")
        e = entry["train"]["end_model"]
        print(f"| {name} | {'F1' if key == 'f1' else 'acc'} | {label_model * 100:.1f} | {end_model * 100:.1f} | {parity * 100:.1f} "
              f"(C {entry['sklearn']['parity']['chosen_c']:g}, {entry['sklearn']['parity']['chosen_weighting']}) | {'–' if tutorial is None else f'{tutorial * 100:.1f}'} | {e['c']:g}, {e['weighting']} |")
    print()
    print("| set | wslabel train: features + 20-fit search, s (runs) | sklearn 20-fit search on ready features, s (runs) | ratio (medians) | wslabel one fit, s | sklearn one fit, s | ratio | tutorial pipeline (10 fits), s |")
    print("|---|---|---|---|---|---|---|---|")
    for name, entry in results.items():
        ours = [run["end_model"]["train_seconds"] for run in entry["runs"]]
        theirs = entry["sklearn"]["parity"]["search_seconds"]
        ours_single = [run["end_model"]["train_seconds"] - run["end_model"]["feature_seconds"] for run in entry["single_fits"]]
        theirs_single = entry["sklearn"]["parity"]["single_fit_seconds"]
        tutorial = entry["sklearn"].get("tutorial", {}).get("seconds")
        fmt = lambda values: ", ".join(f"{v:.3f}" for v in values)
        print(f"| {name} | {fmt(ours)} | {fmt(theirs)} | {statistics.median(theirs) / statistics.median(ours):.1f}× "
              f"| {fmt(ours_single)} | {fmt(theirs_single)} | {statistics.median(theirs_single) / statistics.median(ours_single):.1f}× "
              f"| {'–' if not tutorial else fmt(tutorial)} |")


if __name__ == "__main__":
    main(sys.argv[1])
