"""Where wslabel and HyperLM differ on a WRENCH test split, row by row (issue 11).

For each set: HyperLM's transductive gold-free pass (train + test votes, as in peers.py), and
wslabel's labels from `wslabel fit --output` (gold-free and with the valid split). Test rows are
grouped by what their votes look like — no vote, one class only, a conflict with a unique
majority, a conflict with a tied majority — and each group shows both methods' accuracy and how
many rows they label differently. The paired difference of accuracy is given with its standard
error: rows both get right or both get wrong cancel, so it is the honest measure of a gap on a
500-row test split.

    benchmarks/.venv/bin/python benchmarks/peers/gap_breakdown.py --wslabel .build/release/wslabel trec imdb
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import peers  # noqa: E402


def wslabel_test_probabilities(binary: str, folder: Path, names: list[str], extra: list[str]) -> np.ndarray:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "labels.jsonl"
        subprocess.run([binary, "fit", "--wrench", str(folder), "--output", str(out)] + extra,
                       check=True, capture_output=True)
        rows = [json.loads(line) for line in out.open()]
    return np.array([[r["probabilities"][n] for n in names] for r in rows if r["split"] == "test"])


def breakdown(name: str, method: str, L: np.ndarray, y: np.ndarray, P: np.ndarray, H: np.ndarray) -> None:
    C = P.shape[1]
    counts = peers.vote_counts(L, C)
    classes_voted = (counts > 0).sum(axis=1)
    leaders = (counts == counts.max(axis=1, keepdims=True)).sum(axis=1)
    groups = {
        "no vote": classes_voted == 0,
        "one class voted": classes_voted == 1,
        "conflict, unique majority": (classes_voted > 1) & (leaders == 1),
        "conflict, tied majority": (classes_voted > 1) & (leaders > 1),
    }
    w, h = peers.argmax_lowest(P), peers.argmax_lowest(H)
    a, b = (w == y).astype(float), (h == y).astype(float)
    d = a - b
    se = d.std(ddof=1) / np.sqrt(len(y))
    z = d.mean() / se if se > 0 else 0.0
    print(f"{name}, wslabel {method}: {100 * a.mean():.2f} vs HyperLM {100 * b.mean():.2f}, "
          f"paired difference {100 * d.mean():+.2f} ± {100 * se:.2f} (z = {z:+.2f}), "
          f"{int(np.abs(d).sum())} rows right for one method only")
    for group, mask in groups.items():
        if not mask.any():
            continue
        print(f"  {group:26s} {int(mask.sum()):5d} rows  wslabel {100 * a[mask].mean():5.1f}  HyperLM {100 * b[mask].mean():5.1f}"
              f"  labeled differently {int((w[mask] != h[mask]).sum()):4d}  difference {100 * d[mask].sum() / len(y):+.2f} points")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="+", help="WRENCH set names, e.g. trec imdb")
    ap.add_argument("--wrench", default="../shared/data/wrench", help="WRENCH root (default ../shared/data/wrench)")
    ap.add_argument("--wslabel", default=".build/release/wslabel", help="the wslabel binary")
    args = ap.parse_args()
    model = peers.hyperlm_model()
    for name in args.sets:
        folder = Path(args.wrench) / name
        C, splits = peers.load_dataset(Path(args.wrench), name)
        labels = json.loads((folder / "label.json").read_text())
        names = [labels[str(i)] for i in range(C)]
        L_train = splits["train"][0]
        L, y = splits["test"]
        H = peers.hyperlm_infer(model, np.vstack([L_train, L]), C)[L_train.shape[0]:]
        for method, extra in (("gold-free", ["--gold-free"]), ("with the valid split", [])):
            breakdown(name, method, L, y, wslabel_test_probabilities(args.wslabel, folder, names, extra), H)


if __name__ == "__main__":
    main()
