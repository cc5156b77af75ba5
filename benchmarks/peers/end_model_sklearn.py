"""scikit-learn's LogisticRegression beside `wslabel train`, on the same features and labels.

Reads a folder written by `wslabel train --export-features DIR` (SVMlight rows of every split,
the training rows and their soft targets) and prints one JSON object:

* parity: LogisticRegression(C) on exactly wslabel's features and soft targets — each training
  row repeated once per class with sample_weight = item weight × target probability, which
  makes scikit-learn's loss the same soft-label cross-entropy with the same L2 penalty
  (scikit-learn >= 1.2 divides both by the summed sample weight, as wslabel does) — fit at every
  (weighting, C) wslabel tries (confidence then uniform weighting; C ascending, each fit
  warm-started from the previous C, as wslabel does), chosen on the dev split by the same rule
  (the metric, ties by dev log-loss, then the first); its test score and the seconds of that
  whole search and of one fit at wslabel's chosen C and weighting (every run reported);
* tutorial: what a Snorkel user writes by hand (Snorkel's spam tutorial): TfidfVectorizer word
  1-2-grams on the raw train text, LogisticRegression on the label model's argmax labels of the
  rows some LF covers, C chosen on valid from the same grid; test score and seconds (vectorizer
  fit included).
"""
import argparse
import json
import statistics
import time
import warnings

import numpy as np
from sklearn.datasets import load_svmlight_file
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

warnings.filterwarnings("ignore", category=ConvergenceWarning)


def score(metric, gold, predicted):
    if metric == "f1":
        return f1_score(gold, predicted, pos_label=1, average="binary", zero_division=0)
    if metric == "macro-f1":
        return f1_score(gold, predicted, average="macro", zero_division=0)
    return accuracy_score(gold, predicted)


def grid_fit(fit_one, grid, evaluate):
    """Fits every C in turn (warm start); returns (best model, best C, per-C dev (metric, -log-loss))."""
    best, best_c, best_key, scores, previous = None, None, None, [], None
    for c in grid:
        model = fit_one(c, previous)
        previous = model
        key = evaluate(model)
        scores.append(key)
        if best_key is None or key > best_key:
            best, best_c, best_key = model, c, key
    return best, best_c, scores


def confidence_weights(targets):
    chance = 1.0 / targets.shape[1]
    return np.maximum(0.0, (targets.max(axis=1) - chance) / (1.0 - chance))


def parity(args, grid):
    from scipy.sparse import vstack
    from sklearn.metrics import log_loss
    n_features = args.features_count
    load = lambda name: load_svmlight_file(f"{args.features}/{name}.svm", zero_based=True, n_features=n_features)
    x_train, _ = load("training")
    targets = np.loadtxt(f"{args.features}/training.targets.csv", delimiter=",", ndmin=2)
    x_valid, y_valid = load(args.dev_split)
    x_test, y_test = load("test")
    classes = targets.shape[1]
    x_copies = vstack([x_train] * classes).tocsr()
    y_copies = np.repeat(np.arange(classes), x_train.shape[0])

    def soft(weights):
        # Soft labels as weighted copies: row i appears once per class c with weight w_i * q_ic.
        w = (targets * weights[:, None]).T.reshape(-1)
        keep = w > 0
        return x_copies[keep], y_copies[keep], w[keep]

    def fitter(data):
        x_soft, y_soft, w_soft = data
        def fit_one(c, previous):
            model = LogisticRegression(C=c, max_iter=1000, tol=1e-4, warm_start=previous is not None)
            if previous is not None:
                model.coef_, model.intercept_, model.classes_ = previous.coef_.copy(), previous.intercept_.copy(), previous.classes_
            return model.fit(x_soft, y_soft, sample_weight=w_soft)
        return fit_one

    def evaluate(model):
        probabilities = model.predict_proba(x_valid)
        return (score(args.metric, y_valid, model.predict(x_valid)), -log_loss(y_valid, probabilities, labels=list(range(classes))))

    weightings = {"confidence": confidence_weights(targets), "uniform": np.ones(targets.shape[0])}
    search_seconds, single_seconds = [], []
    chosen = None
    for _ in range(args.repeats):
        start = time.perf_counter()
        chosen = None
        for name, weights in weightings.items():
            model, c, scores = grid_fit(fitter(soft(weights)), grid, evaluate)
            key = max(scores)
            if chosen is None or key > chosen[3]:
                chosen = (model, c, name, key, scores)
        search_seconds.append(time.perf_counter() - start)
        data = soft(weightings[args.chosen_weighting])
        start = time.perf_counter()
        single = fitter(data)(args.chosen_c, None)
        single_seconds.append(time.perf_counter() - start)
    best, best_c, best_weighting, _, _ = chosen
    return {
        "chosen_c": best_c,
        "chosen_weighting": best_weighting,
        "test": score(args.metric, y_test, best.predict(x_test)),
        "test_accuracy": accuracy_score(y_test, best.predict(x_test)),
        "test_at_wslabel_choice": score(args.metric, y_test, single.predict(x_test)),
        "search_seconds": search_seconds,
        "fits_in_search": len(grid) * len(weightings),
        "single_fit_seconds": single_seconds,
        "training_rows": int(x_train.shape[0]),
    }


def tutorial(args, grid):
    def texts(split):
        with open(f"{args.wrench}/{split}.json", encoding="utf-8") as handle:
            records = json.load(handle)
        return records
    train = texts("train")
    valid, test = texts("valid"), texts("test")
    covered = [record["data"]["text"] for record in train.values() if any(v != -1 for v in record["weak_labels"])]
    targets = np.loadtxt(f"{args.features}/training.targets.csv", delimiter=",", ndmin=2)
    assert len(covered) == targets.shape[0], "training rows must be the covered rows (no held-out dev sample)"
    hard = targets.argmax(axis=1)
    y_valid = [record["label"] for record in valid.values()]
    y_test = [record["label"] for record in test.values()]
    seconds, result = [], None
    for _ in range(args.repeats):
        start = time.perf_counter()
        vectorizer = TfidfVectorizer(ngram_range=(1, 2))
        x_train = vectorizer.fit_transform(covered)
        x_valid = vectorizer.transform([record["data"]["text"] for record in valid.values()])

        def fit_one(c, previous):
            return LogisticRegression(C=c, max_iter=1000).fit(x_train, hard)

        best, best_c, scores = grid_fit(fit_one, grid, lambda model: (score(args.metric, y_valid, model.predict(x_valid)),))
        seconds.append(time.perf_counter() - start)
        x_test = vectorizer.transform([record["data"]["text"] for record in test.values()])
        result = {"chosen_c": best_c, "test": score(args.metric, y_test, best.predict(x_test)),
                  "test_accuracy": accuracy_score(y_test, best.predict(x_test))}
    result["seconds"] = seconds
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--features", required=True, help="folder of `wslabel train --export-features`")
    parser.add_argument("--features-count", type=int, required=True, help="the `features` of `wslabel train --json`")
    parser.add_argument("--wrench", help="the WRENCH folder (for the tutorial pipeline on raw text)")
    parser.add_argument("--metric", default="accuracy", choices=["accuracy", "f1", "macro-f1"])
    parser.add_argument("--dev-split", default="valid", help="the split whose gold labels choose C")
    parser.add_argument("--grid", default="0.1,0.2,0.5,1,2,5,10,20,50,100", help="wslabel's C grid")
    parser.add_argument("--chosen-c", type=float, required=True, help="the C wslabel chose, for the single-fit timing")
    parser.add_argument("--chosen-weighting", default="confidence", choices=["confidence", "uniform"], help="the weighting wslabel chose")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    grid = [float(value) for value in args.grid.split(",")]
    output = {"sklearn": __import__("sklearn").__version__, "parity": parity(args, grid)}
    if args.wrench:
        output["tutorial"] = tutorial(args, grid)
    print(json.dumps(output))


if __name__ == "__main__":
    main()
