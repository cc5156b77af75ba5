#!/usr/bin/env python3
"""Peer label models on WRENCH splits: majority vote, Snorkel, crowd-kit Dawid-Skene, FlyingSquid.

Every model is fitted on the TRAIN weak-label matrix only (no gold labels), then scores every row of
VALID and TEST (rows where every LF abstains included). See README.md next to this file for the exact
protocol, tie policies and how all-abstain rows are scored.

    benchmarks/.venv/bin/python benchmarks/peers/peers.py \
        --data-root ../shared/data/wrench --datasets youtube,sms,trec,imdb,yelp \
        --seeds 0,1,2 --output benchmarks/results/peers.json
"""
from __future__ import annotations

import argparse
import datetime as _dt
import importlib.metadata as md
import json
import logging
import os
import platform
import random
import sys
import time
import warnings
from pathlib import Path

import numpy as np

ABSTAIN = -1
TIE_ATOL = 1e-12  # probabilities closer than this to the row max count as "tied" (reported only)
RT_TOL = 1e-5      # secondary "random_ties" scoring: classes within this of the row max are tied
RT_DRAWS = 200     # ... metrics averaged over this many random tie-breaks
RT_SEED = 12345


# ----------------------------------------------------------------------------------------------------
# data
# ----------------------------------------------------------------------------------------------------
def load_split(path: Path):
    """Return (L [n, m] int64, y [n] int64) in the file's own key order (ids are arbitrary)."""
    with open(path) as f:
        obj = json.load(f)  # dict keeps file order
    L = np.array([rec["weak_labels"] for rec in obj.values()], dtype=np.int64)
    y = np.array([rec["label"] for rec in obj.values()], dtype=np.int64)
    return L, y


def load_dataset(root: Path, name: str):
    d = root / name
    with open(d / "label.json") as f:
        C = len(json.load(f))
    splits = {s: load_split(d / f"{s}.json") for s in ("train", "valid", "test")}
    m = splits["train"][0].shape[1]
    for s, (L, y) in splits.items():
        assert L.shape[1] == m, f"{name}/{s}: LF count {L.shape[1]} != {m}"
        assert L.min() >= ABSTAIN and L.max() < C, f"{name}/{s}: vote outside -1..{C-1}"
        assert y.min() >= 0 and y.max() < C, f"{name}/{s}: gold outside 0..{C-1}"
    return C, splits


# ----------------------------------------------------------------------------------------------------
# scoring
# ----------------------------------------------------------------------------------------------------
def argmax_lowest(P: np.ndarray) -> np.ndarray:
    """Prediction = argmax of the probability row; exact ties go to the LOWEST class index."""
    return np.argmax(P, axis=1)


def vote_counts(L: np.ndarray, C: int) -> np.ndarray:
    counts = np.zeros((L.shape[0], C))
    for c in range(C):
        counts[:, c] = (L == c).sum(axis=1)
    return counts


def metrics(y: np.ndarray, P: np.ndarray, C: int, L: np.ndarray, pred: np.ndarray | None = None):
    from sklearn.metrics import accuracy_score, f1_score

    if pred is None:
        pred = argmax_lowest(P)
    covered = (L != ABSTAIN).any(axis=1)
    out = {
        "n": int(len(y)),
        "accuracy": float(accuracy_score(y, pred)),
        "macro_f1": float(f1_score(y, pred, labels=list(range(C)), average="macro", zero_division=0)),
        "n_all_abstain": int((~covered).sum()),
        "accuracy_covered": float(accuracy_score(y[covered], pred[covered])) if covered.any() else None,
        "pred_counts": np.bincount(pred, minlength=C).tolist(),
    }
    if C == 2:
        out["f1_class1"] = float(f1_score(y, pred, pos_label=1, average="binary", zero_division=0))
    if P is not None:
        srt = np.sort(P, axis=1)
        out["n_tied_argmax"] = int((srt[:, -1] - srt[:, -2] <= TIE_ATOL).sum())
    return out


def random_ties_metrics(y: np.ndarray, P: np.ndarray, C: int, L: np.ndarray, abstain_uniform: bool):
    """Secondary scoring: every class within RT_TOL of the row max is tied and ties are broken uniformly at
    random; mean and std of the metrics over RT_DRAWS draws (fixed RNG seed). With abstain_uniform, rows
    where every LF abstains are treated as a C-way tie (used for Dawid-Skene, which makes no prediction
    for them). This is the policy that reproduces the earlier reference numbers (see README)."""
    P = np.array(P, dtype=float, copy=True)
    if abstain_uniform:
        P[~(L != ABSTAIN).any(axis=1)] = 1.0 / C
    top = np.abs(P - P.max(axis=1, keepdims=True)) < RT_TOL
    rng = np.random.default_rng(RT_SEED)
    preds = np.stack([np.argmax(np.where(top, rng.random(P.shape), -1.0), axis=1) for _ in range(RT_DRAWS)])
    acc = (preds == y[None, :]).mean(axis=1)
    f1c = np.zeros((RT_DRAWS, C))  # per-class F1 per draw; 0 when tp+fp+fn == 0 (sklearn zero_division=0)
    for c in range(C):
        tp = ((preds == c) & (y[None, :] == c)).sum(axis=1)
        fp = ((preds == c) & (y[None, :] != c)).sum(axis=1)
        fn = ((preds != c) & (y[None, :] == c)).sum(axis=1)
        den = 2 * tp + fp + fn
        f1c[:, c] = np.where(den > 0, 2 * tp / np.maximum(den, 1), 0.0)
    mf1 = f1c.mean(axis=1)
    f1 = f1c[:, 1] if C == 2 else None
    out = {"accuracy": float(np.mean(acc)), "accuracy_std": float(np.std(acc)),
           "macro_f1": float(np.mean(mf1)), "macro_f1_std": float(np.std(mf1)),
           "n_tied_rows": int((top.sum(axis=1) > 1).sum()), "draws": RT_DRAWS,
           "all_abstain_rows_uniform": bool(abstain_uniform)}
    if C == 2:
        out["f1_class1"] = float(np.mean(f1))
        out["f1_class1_std"] = float(np.std(f1))
    return out


def result(C, splits, P_valid, P_test, fit_seconds, seed, versions, predict_seconds=None, note=None,
           pred_valid=None, pred_test=None, extra=None, abstain_uniform=False):
    r = {
        "valid": metrics(splits["valid"][1], P_valid, C, splits["valid"][0], pred_valid),
        "test": metrics(splits["test"][1], P_test, C, splits["test"][0], pred_test),
        "random_ties": {
            sp: random_ties_metrics(splits[sp][1], P, C, splits[sp][0], abstain_uniform)
            for sp, P in (("valid", P_valid), ("test", P_test))},
        "fit_seconds": fit_seconds,
        "predict_seconds": predict_seconds,
        "seed": seed,
        "versions": versions,
    }
    if note:
        r["note"] = note
    if extra:
        r.update(extra)
    return r


# ----------------------------------------------------------------------------------------------------
# methods
# ----------------------------------------------------------------------------------------------------
def mv_proba(L: np.ndarray, C: int) -> np.ndarray:
    """Numpy majority vote: P = normalised vote counts; all-abstain rows get the uniform distribution."""
    counts = vote_counts(L, C)
    tot = counts.sum(axis=1, keepdims=True)
    P = np.where(tot > 0, counts / np.maximum(tot, 1), 1.0 / C)
    return P


def run_mv(C, splits, seeds, V):
    out = {}
    t0 = time.perf_counter()
    Pv, Pt = mv_proba(splits["valid"][0], C), mv_proba(splits["test"][0], C)
    dt = time.perf_counter() - t0
    out["majority_vote"] = result(
        C, splits, Pv, Pt, None, None, {"numpy": V["numpy"]}, dt,
        note="numpy MV; no parameters (fit_seconds null). P = vote counts / #votes, all-abstain rows "
             "uniform; prediction = argmax, ties (incl. all-abstain) -> lowest class index")

    from snorkel.labeling.model import MajorityLabelVoter

    mlv = MajorityLabelVoter(cardinality=C)
    t0 = time.perf_counter()
    Pv, Pt = mlv.predict_proba(splits["valid"][0]), mlv.predict_proba(splits["test"][0])
    dt = time.perf_counter() - t0
    out["snorkel_majority_label_voter"] = result(
        C, splits, Pv, Pt, None, None, {"snorkel": V["snorkel"]}, dt,
        note="snorkel MajorityLabelVoter.predict_proba (tied classes share the mass; all-abstain rows "
             "uniform); prediction = argmax, ties -> lowest class index (NOT snorkel's "
             "tie_break_policy='abstain', which would leave rows unscored)")
    return out


_SNORKEL_WARM = False


def run_snorkel(C, splits, seeds, V, n_epochs):
    import torch
    from snorkel.labeling.model import LabelModel

    global _SNORKEL_WARM
    if not _SNORKEL_WARM:  # one untimed tiny fit so the first timed fit does not pay torch's start-up
        LabelModel(cardinality=2, verbose=False, device="cpu").fit(
            np.array([[0, 1, -1], [1, 1, 0], [0, -1, 0]] * 10), n_epochs=5, seed=0, log_freq=10**9,
            progress_bar=False)
        _SNORKEL_WARM = True
    L_train = splits["train"][0]
    y_valid = splits["valid"][1]
    bal = np.bincount(y_valid, minlength=C).astype(float)
    bal = (bal + (bal == 0) * 1e-3) / (bal + (bal == 0) * 1e-3).sum()  # guard a class absent from valid
    out = {}
    for variant, cb in (("default", None), ("valid_class_balance", bal)):
        for s in seeds:
            lm = LabelModel(cardinality=C, verbose=False, device="cpu")
            t0 = time.perf_counter()
            lm.fit(L_train, class_balance=cb, n_epochs=n_epochs, seed=s, log_freq=10**9,
                   progress_bar=False)
            fit_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            Pv, Pt = lm.predict_proba(splits["valid"][0]), lm.predict_proba(splits["test"][0])
            pred_s = time.perf_counter() - t0
            note = (f"snorkel LabelModel(cardinality={C}).fit(L_train, n_epochs={n_epochs}, seed, "
                    f"class_balance={'None (uniform prior)' if cb is None else 'VALID gold class frequencies'})"
                    "; prediction = argmax predict_proba, ties -> lowest class index")
            out[f"snorkel_label_model_{variant}/seed{s}"] = result(
                C, splits, Pv, Pt, fit_s, s, {"snorkel": V["snorkel"], "torch": V["torch"]}, pred_s,
                note=note,
                extra={"class_balance": None if cb is None else [float(x) for x in cb],
                       "torch_threads": torch.get_num_threads()})
    return out


def _long(L: np.ndarray, prefix: str):
    import pandas as pd

    r, c = np.nonzero(L != ABSTAIN)
    return pd.DataFrame({"task": [f"{prefix}{i}" for i in r], "worker": c, "label": L[r, c]})


def ds_posterior(L: np.ndarray, C: int, priors, errors, eps: float):
    """Apply a fitted crowd-kit DawidSkene (priors_, errors_) to new rows.

    log P(y=k | votes) = log prior_k + sum_{j votes l} log errors_[(j, l), k]   (same E-step as crowd-kit;
    abstains contribute nothing, as in crowd-kit's long format). (LF, vote) pairs never seen in train and
    classes missing from the fit get crowd-kit's floor eps. All-abstain rows therefore get the learned prior.
    """
    pri = np.full(C, eps)
    for k, v in priors.items():
        pri[int(k)] = max(float(v), eps)
    m = L.shape[1]
    logE = np.full((m, C, C), np.log(eps))  # [lf, observed label, true class]
    for (w, l), row in errors.iterrows():
        for k, v in row.items():
            logE[int(w), int(l), int(k)] = np.log(max(float(v), eps))
    S = np.tile(np.log(pri), (L.shape[0], 1))
    for j in range(m):
        v = L[:, j]
        mask = v != ABSTAIN
        S[mask] += logE[j, v[mask], :]
    S -= S.max(axis=1, keepdims=True)
    P = np.exp(S)
    return P / P.sum(axis=1, keepdims=True)


def run_dawid_skene(C, splits, V, n_iter, transductive):
    from crowdkit.aggregation import DawidSkene
    from crowdkit.aggregation.classification import dawid_skene as dsmod

    eps = float(dsmod._EPS)
    L_train = splits["train"][0]
    out = {}

    ds = DawidSkene(n_iter=n_iter)
    df = _long(L_train, "tr")
    t0 = time.perf_counter()
    ds.fit(df)
    fit_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    Pv = ds_posterior(splits["valid"][0], C, ds.priors_, ds.errors_, eps)
    Pt = ds_posterior(splits["test"][0], C, ds.priors_, ds.errors_, eps)
    pred_s = time.perf_counter() - t0
    # sanity check of our posterior code: crowd-kit's own train labels vs our posterior on train rows
    Ptr = ds_posterior(L_train, C, ds.priors_, ds.errors_, eps)
    covered = np.nonzero((L_train != ABSTAIN).any(axis=1))[0]
    ck = ds.labels_.reindex([f"tr{i}" for i in covered]).astype(int).to_numpy()
    agree = float((argmax_lowest(Ptr[covered]) == ck).mean())
    out["crowdkit_dawid_skene"] = result(
        C, splits, Pv, Pt, fit_s, None, {"crowd-kit": V["crowd-kit"], "pandas": V["pandas"]}, pred_s,
        note=f"crowd-kit DawidSkene(n_iter={n_iter}).fit on TRAIN long-format votes only (abstain = "
             "no row); valid/test scored inductively from the learned priors_ and errors_ "
             "(see ds_posterior). All-abstain rows get the learned prior -> argmax(priors_). "
             "Prediction = argmax, ties -> lowest class index. Deterministic (no seed).",
        abstain_uniform=True,
        extra={"n_em_iterations": len(ds.loss_history_), "priors": {str(k): float(v) for k, v in ds.priors_.items()},
               "train_agreement_with_crowdkit_labels": agree})

    if transductive:
        # Transductive variant, for comparison only: fit on train + the split's rows (no gold) and read
        # crowd-kit's own posterior for the split's rows; rows no LF covers get argmax(priors_).
        Ps, secs = {}, {}
        for split in ("valid", "test"):
            L = splits[split][0]
            df2 = pd_concat([df, _long(L, "ev")])
            ds2 = DawidSkene(n_iter=n_iter)
            t0 = time.perf_counter()
            ds2.fit(df2)
            secs[split] = time.perf_counter() - t0
            P = np.zeros((L.shape[0], C))
            pri = np.zeros(C)
            for k, v in ds2.priors_.items():
                pri[int(k)] = v
            P[:] = pri
            probas = ds2.probas_
            ev = [t for t in probas.index if str(t).startswith("ev")]
            idx = np.array([int(t[2:]) for t in ev], dtype=int)
            sub = probas.loc[ev]
            for k in sub.columns:
                P[idx, int(k)] = sub[k].to_numpy()
            P[idx] = np.where(np.isnan(P[idx]), 0.0, P[idx])
            Ps[split] = P
        out["crowdkit_dawid_skene_transductive"] = result(
            C, splits, Ps["valid"], Ps["test"], secs["test"], None,
            {"crowd-kit": V["crowd-kit"], "pandas": V["pandas"]}, None,
            note="COMPARISON ONLY: DawidSkene fitted on train + the evaluated split's votes (unlabeled), "
                 "once per split; crowd-kit probas_ for the split's rows; all-abstain rows -> argmax(priors_). "
                 "fit_seconds = the test-split fit.",
            abstain_uniform=True,
            extra={"fit_seconds_valid_split": secs["valid"]})
    return out


def hyperlm_model():
    """HyperLM's pretrained network on the CPU. The checkpoint is a pickled torch file, so torch >= 2.6
    needs TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD=1 (set here)."""
    os.environ.setdefault("TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD", "1")
    import torch
    from hyperlm import HyperLabelModel

    torch.manual_seed(0)  # the semi-supervised mode trains; the plain mode is a fixed forward pass
    return HyperLabelModel(device="cpu")


def hyperlm_infer(model, X: np.ndarray, C: int, **kwargs) -> np.ndarray:
    """HyperLM's probabilities for every row of X (rows x C).

    HyperLM's sparse input drops the rows after the last one with a vote, and its semi-supervised
    loss then fails on a mask of the full length: rows without votes go first (a stable permutation,
    undone on the output), so no row is dropped. It also takes the class count from the largest vote
    it sees: missing classes get probability 0, dropped rows the uniform distribution."""
    order = np.argsort((X >= 0).any(axis=1), kind="stable")
    position = np.empty_like(order)
    position[order] = np.arange(len(order))
    if "y_indices" in kwargs:
        kwargs["y_indices"] = [int(position[i]) for i in kwargs["y_indices"]]
    P = np.asarray(model.infer(X[order], return_probs=True, **kwargs))
    out = np.full((X.shape[0], C), 1.0 / C)
    out[:P.shape[0]] = 0.0
    out[:P.shape[0], :P.shape[1]] = P
    return out[position]


def run_hyperlm(C, splits, V, semi_supervised):
    """HyperLM, as its authors run it: transductive. One forward pass of the pretrained network over
    train + the evaluated split's votes together (no gold), the split's rows scored. With
    semi_supervised, test is inferred from train + valid + test with valid's gold labels given
    (HyperLM's semi-supervised mode trains on them); valid is then not scored (its labels were
    given)."""
    model = hyperlm_model()
    L_train = splits["train"][0]

    def infer(X, **kwargs):
        return hyperlm_infer(model, X, C, **kwargs)

    Ps, secs = {}, {}
    if not semi_supervised:
        for split in ("valid", "test"):
            L = splits[split][0]
            t0 = time.perf_counter()
            X = np.vstack([L_train, L])
            P = infer(X)
            secs[split] = time.perf_counter() - t0
            Ps[split] = P[L_train.shape[0]:]
        return {"hyperlm": result(
            C, splits, Ps["valid"], Ps["test"], secs["test"], None, {"hyperlm": V["hyperlm"], "torch": V["torch"]},
            note="HyperLM 0.0.5 (pretrained checkpoint), transductive: infer on train + the split's votes "
                 "(no gold), score the split's rows; fit_seconds = the test-split pass. Rows without votes "
                 "are passed first so that HyperLM's sparse input drops none. "
                 "Prediction = argmax, ties -> lowest class index.",
            extra={"fit_seconds_valid_split": secs["valid"]})}
    L_valid, y_valid = splits["valid"]
    L_test = splits["test"][0]
    X = np.vstack([L_train, L_valid, L_test])
    start = L_train.shape[0]
    t0 = time.perf_counter()
    P = infer(X, y_indices=list(range(start, start + len(y_valid))), y_vals=[int(v) for v in y_valid])
    fit_s = time.perf_counter() - t0
    P_test = P[start + len(y_valid):]
    # valid's labels were given: its rows are reported with the same probabilities for the table's
    # shape only, flagged in the note; compare methods on test.
    return {"hyperlm_semi_supervised": result(
        C, splits, P[start:start + len(y_valid)], P_test, fit_s, 0, {"hyperlm": V["hyperlm"], "torch": V["torch"]},
        note="HyperLM 0.0.5 semi-supervised: infer on train + valid + test votes with VALID's gold labels "
             "given (y_indices/y_vals); TEST scored. Its valid scores are on labels it was given: "
             "not comparable. torch seed 0.")}


def pd_concat(frames):
    import pandas as pd

    return pd.concat(frames, ignore_index=True)


def run_flyingsquid(C, splits, seeds, V):
    if C != 2:
        return {"flyingsquid": {"skipped": "binary only", "seed": None,
                                "versions": {"flyingsquid": V["flyingsquid"], "pgmpy": V["pgmpy"]}}}
    from flyingsquid.label_model import LabelModel as FSLabelModel

    def to_fs(L):  # {0,1} -> {-1,+1}, abstain -> 0
        return np.where(L == ABSTAIN, 0, np.where(L == 1, 1, -1)).astype(int)

    L_train = to_fs(splits["train"][0])
    m = L_train.shape[1]
    out = {}
    for s in seeds:
        random.seed(s)
        np.random.seed(s)
        fs = FSLabelModel(m, triplet_seed=s)
        t0 = time.perf_counter()
        fs.fit(L_train)
        fit_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        # predict_proba -> [n, 2^v] columns in lexicographic Y order: col 0 = Y=-1 (class 0), col 1 = Y=+1
        Pv = np.asarray(fs.predict_proba(to_fs(splits["valid"][0]), verbose=False), dtype=float)
        Pt = np.asarray(fs.predict_proba(to_fs(splits["test"][0]), verbose=False), dtype=float)
        pred_s = time.perf_counter() - t0
        bad = int((~np.isfinite(Pv)).sum() + (~np.isfinite(Pt)).sum())
        Pv, Pt = np.nan_to_num(Pv, nan=0.5), np.nan_to_num(Pt, nan=0.5)
        out[f"flyingsquid/seed{s}"] = result(
            C, splits, Pv, Pt, fit_s, s, {"flyingsquid": V["flyingsquid"], "pgmpy": V["pgmpy"]}, pred_s,
            note="flyingsquid LabelModel(m, triplet_seed=seed).fit(L_train) with votes mapped "
                 "0->-1, 1->+1, abstain->0, uniform class balance (default); predict_proba column 0 = "
                 "class 0; all-abstain rows get the (uniform) prior -> tie -> class 0. Prediction = "
                 "argmax, ties -> lowest class index",
            extra={"nonfinite_probabilities_replaced": bad})
    return out


# ----------------------------------------------------------------------------------------------------
def versions():
    V = {"python": platform.python_version()}
    for p in ("numpy", "scipy", "pandas", "scikit-learn", "torch", "snorkel", "crowd-kit", "flyingsquid",
              "pgmpy", "networkx", "hyperlm"):
        try:
            V[p] = md.version(p)
        except md.PackageNotFoundError:
            V[p] = None
    return V


def summarize(res):
    """{dataset: {method (seeds pooled): {split_metric: mean, ..._std, n_seeds}}}."""
    summ = {}
    for ds, methods in res.items():
        groups = {}
        for name, r in methods.items():
            if "valid" not in r:
                continue
            groups.setdefault(name.split("/seed")[0], []).append(r)
        summ[ds] = {}
        for g, rs in groups.items():
            e = {"n_seeds": len(rs)}
            for split in ("valid", "test"):
                for k in ("accuracy", "macro_f1", "f1_class1"):
                    if k in rs[0][split]:
                        vals = np.array([r[split][k] for r in rs])
                        e[f"{split}_{k}_mean"] = float(vals.mean())
                        e[f"{split}_{k}_std"] = float(vals.std())
                        rt = np.array([r["random_ties"][split][k] for r in rs])
                        e[f"{split}_{k}_random_ties_mean"] = float(rt.mean())
            fs = [r["fit_seconds"] for r in rs if r["fit_seconds"] is not None]
            e["fit_seconds_mean"] = float(np.mean(fs)) if fs else None
            summ[ds][g] = e
    return summ


def print_table(res, fh=sys.stdout):
    print("| dataset | method | seed | valid acc | valid macroF1 | valid F1(1) | test acc | test macroF1 "
          "| test F1(1) | fit s | test acc, rand. ties | test F1(1), rand. ties |", file=fh)
    print("|---|---|---|---|---|---|---|---|---|---|---|---|", file=fh)
    f = lambda x: "" if x is None else f"{100 * x:.1f}"  # noqa: E731
    for ds, methods in res.items():
        for name, r in methods.items():
            if "valid" not in r:
                print(f"| {ds} | {name} | | {r.get('skipped')} | | | | | | | | |", file=fh)
                continue
            v, t, rt = r["valid"], r["test"], r["random_ties"]["test"]
            fit = "" if r["fit_seconds"] is None else f"{r['fit_seconds']:.2f}"
            print(f"| {ds} | {name.split('/seed')[0]} | {'' if r['seed'] is None else r['seed']} "
                  f"| {f(v['accuracy'])} | {f(v['macro_f1'])} | {f(v.get('f1_class1'))} "
                  f"| {f(t['accuracy'])} | {f(t['macro_f1'])} | {f(t.get('f1_class1'))} | {fit} "
                  f"| {f(rt['accuracy'])} | {f(rt.get('f1_class1'))} |", file=fh)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    # ../shared/data/wrench beside the checkout, wherever the checkout is.
    ap.add_argument("--data-root", default=str(Path(__file__).resolve().parents[3] / "shared" / "data" / "wrench"), type=Path)
    ap.add_argument("--datasets", default="youtube,sms,trec,imdb,yelp")
    ap.add_argument("--seeds", default="0,1,2")
    ap.add_argument("--output", default=str(Path(__file__).resolve().parent.parent / "results" / "peers.json"))
    ap.add_argument("--methods", default="mv,snorkel,ds,fs,hyperlm,hyperlm-semi",
                    help="subset of mv,snorkel,ds,fs,hyperlm,hyperlm-semi (default all)")
    ap.add_argument("--snorkel-epochs", type=int, default=100)
    ap.add_argument("--ds-iter", type=int, default=100)
    ap.add_argument("--no-ds-transductive", action="store_true",
                    help="skip the comparison-only transductive Dawid-Skene variant")
    args = ap.parse_args(argv)

    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("pgmpy").setLevel(logging.ERROR)  # FlyingSquid uses the deprecated MarkovModel alias
    warnings.filterwarnings("ignore", category=FutureWarning)
    datasets = [d for d in args.datasets.split(",") if d]
    seeds = [int(s) for s in args.seeds.split(",") if s != ""]
    methods = set(args.methods.split(","))
    V = versions()
    res = {}
    for name in datasets:
        t_ds = time.perf_counter()
        C, splits = load_dataset(args.data_root, name)
        n = {s: int(splits[s][0].shape[0]) for s in splits}
        print(f"[peers] {name}: C={C} LFs={splits['train'][0].shape[1]} rows={n}", file=sys.stderr, flush=True)
        res[name] = {}
        if "mv" in methods:
            res[name].update(run_mv(C, splits, seeds, V))
        if "snorkel" in methods:
            res[name].update(run_snorkel(C, splits, seeds, V, args.snorkel_epochs))
        if "ds" in methods:
            res[name].update(run_dawid_skene(C, splits, V, args.ds_iter, not args.no_ds_transductive))
        if "fs" in methods:
            res[name].update(run_flyingsquid(C, splits, seeds, V))
        # HyperLM is research code: a failure on one set is recorded, not fatal to the run.
        for method, semi, key in (("hyperlm", False, "hyperlm"), ("hyperlm-semi", True, "hyperlm_semi_supervised")):
            if method in methods:
                try:
                    res[name].update(run_hyperlm(C, splits, V, semi_supervised=semi))
                except Exception as error:  # noqa: BLE001
                    print(f"[peers] {name}: {method} failed: {error!r}", file=sys.stderr, flush=True)
                    res[name][key] = {"skipped": f"failed: {error!r}"}
        print(f"[peers] {name}: done in {time.perf_counter() - t_ds:.1f} s", file=sys.stderr, flush=True)

    out = {
        "versions": V,
        "meta": {
            "created_utc": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "argv": sys.argv,
            "data_root": str(args.data_root),
            "seeds": seeds,
            "snorkel_epochs": args.snorkel_epochs,
            "ds_iter": args.ds_iter,
            "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
            "protocol": "fit on TRAIN weak labels only; every VALID/TEST row scored; prediction = argmax "
                        "of the probability row with ties -> lowest class index unless the method name "
                        "says random_ties; metrics in [0,1]",
        },
        "summary": None,
    }
    out.update(res)
    out["summary"] = summarize(res)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w") as f:
        json.dump(out, f, indent=1)
    print_table(res)
    print(f"[peers] wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
