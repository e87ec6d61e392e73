#!/usr/bin/env python3
"""Metrics oracle for OpenQuant's evaluation tests.

Draws seeded random folds with numpy (returns with ties, predictions, 0/1 labels, probabilities
with ties and exact 0/1 values) and computes every metric with scikit-learn, SciPy and numpy, so
the TypeScript metrics can be compared with independent implementations.

Usage: metrics_oracle.py SEED
Prints one JSON object: {"versions": {...}, "folds": [{"y_true", "y_pred", "label", "prob",
"prob_inner", "regression": {...}, "classification": {...}}], "pooled": {...}, "across": {...}}.
"""

import json
import sys

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn import metrics

EPS = 1e-15


def regression(y, p):
    """Regression metrics: sklearn for errors and R², SciPy for the correlations, numpy for signs."""
    return {
        "mae": metrics.mean_absolute_error(y, p),
        "mse": metrics.mean_squared_error(y, p),
        "rmse": metrics.root_mean_squared_error(y, p),
        "r2": metrics.r2_score(y, p),
        "directionalAccuracy": float(np.mean(np.sign(y) == np.sign(p))),
        "ic": stats.pearsonr(p, y).statistic,
        "rankIc": stats.spearmanr(p, y).statistic,
    }


def classification(label, prob, prob_inner):
    """Classification metrics with sklearn; class 1 when prob > 0.5. Log loss: numpy with the 1e-15
    clip for probabilities that hit 0 or 1, and sklearn's own log_loss where none do."""
    cls = (prob > 0.5).astype(int)
    clipped = np.clip(prob, EPS, 1 - EPS)
    return {
        "accuracy": metrics.accuracy_score(label, cls),
        "precision": metrics.precision_score(label, cls),
        "recall": metrics.recall_score(label, cls),
        "f1": metrics.f1_score(label, cls),
        "rocAuc": metrics.roc_auc_score(label, prob),
        "logLoss": float(-np.mean(label * np.log(clipped) + (1 - label) * np.log(1 - clipped))),
        "logLossInner": metrics.log_loss(label, prob_inner, labels=[0, 1]),
    }


def main():
    rng = np.random.default_rng(int(sys.argv[1]))
    folds = []
    for size in (1500, 2200, 1800, 2500):
        y = np.round(rng.standard_t(4, size) * 0.01, 4)  # fat-tailed returns on a 1bp grid: ties and zeros
        p = np.round(0.3 * y + rng.normal(0, 0.01, size), 3)
        p[rng.random(size) < 0.02] = 0.0  # some exact zero predictions
        label = (y > 0).astype(int)
        prob = np.round(1 / (1 + np.exp(-(200 * y + rng.normal(0, 1, size)))), 2)
        prob[:5] = [0.0, 1.0, 0.0, 1.0, 0.5]  # exact 0/1 and the threshold itself
        prob_inner = np.clip(prob, 0.01, 0.99)
        folds.append({"y_true": y, "y_pred": p, "label": label, "prob": prob, "prob_inner": prob_inner})
    for f in folds:
        f["regression"] = regression(f["y_true"], f["y_pred"])
        f["classification"] = classification(f["label"], f["prob"], f["prob_inner"])
    cat = {k: np.concatenate([f[k] for f in folds]) for k in ("y_true", "y_pred", "label", "prob", "prob_inner")}
    pooled = {
        "regression": regression(cat["y_true"], cat["y_pred"]),
        "classification": classification(cat["label"], cat["prob"], cat["prob_inner"]),
    }
    across = {}
    for task in ("regression", "classification"):
        names = folds[0][task].keys()
        values = {name: np.array([f[task][name] for f in folds]) for name in names}
        across[task] = {
            "mean": {name: float(np.mean(v)) for name, v in values.items()},
            "std": {name: float(np.std(v)) for name, v in values.items()},  # population std (ddof = 0)
        }

    def plain(value):
        if isinstance(value, np.ndarray):
            return value.astype(float).tolist()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return float(value)

    out = {
        "versions": {"sklearn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__},
        "folds": [plain(f) for f in folds],
        "pooled": plain(pooled),
        "across": plain(across),
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
