#!/usr/bin/env python3
"""Python oracle for OpenQuant's model types.

Loads the models TypeScript saved and predicts with the Python packages of the same native
libraries (xgboost, lightgbm); trains the same data with the same parameters in Python; fits
scikit-learn's linear models. Every output is written as raw little-endian float64.

Usage: models_oracle.py REQUEST.json

REQUEST.json:
  {
    "datasets": {"<name>": {"x": "<file>", "y": "<file>" | null, "rows": N, "features": ["f0", ...]}},
                 # x: N × len(features) float64, row-major; y: N float64
    "jobs": [
      {"kind": "predict_xgboost", "model": "<model.json>", "data": "<name>", "out": "<file>"},
      {"kind": "predict_lightgbm", "model": "<model.txt>", "data": "<name>", "out": "<file>"},
      {"kind": "train_xgboost", "params": {...}, "rounds": R, "early_stopping_rounds": K | 0,
       "train": "<name>", "valid": "<name>" | null, "predict": "<name>", "out": "<file>"},
      {"kind": "train_lightgbm", same keys as train_xgboost},
                 # train jobs save the model (XGBoost JSON, LightGBM text) to "model_out" when given
      {"kind": "sklearn", "model": "ols" | "ridge" | "logistic" | "logistic_l2", "alpha": a,
       "train": "<name>", "predict": "<name>", "out": "<file>", "coef_out": "<file>"},
      {"kind": "latency_xgboost" | "latency_lightgbm", "model": "<file>", "data": "<name>", "out": "<file>",
       "threads": T | 0}
                 # times in-place prediction of one row and of 1,000 rows; predicts the data once
    ]
  }

Prints one JSON line: {"xgboost": version, "lightgbm": version, "sklearn": version, "jobs": [{
"best_iteration": n | null, "seconds": whole job, "fit_seconds" / "fit_cpu_seconds": wall and CPU
time of data construction + training (train and sklearn jobs), "row_us" / "batch_ms": mean latency (latency jobs)} ...]}.
Exits 2 with a message on failure.
"""

import json
import sys
import time

import lightgbm as lgb
import numpy as np
import sklearn
import xgboost as xgb
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge


def load(spec):
    rows, p = int(spec["rows"]), len(spec["features"])
    x = np.fromfile(spec["x"], dtype="<f8").reshape(rows, p)
    y = np.fromfile(spec["y"], dtype="<f8") if spec.get("y") else None
    return x, y, spec["features"]


def write(path, values):
    np.ascontiguousarray(values, dtype="<f8").tofile(path)


def train_xgboost(job, data, timing):
    started = time.perf_counter()
    cpu = time.process_time()
    x, y, names = data[job["train"]]
    threads = int(job["params"].get("nthread", -1))
    dtrain = xgb.DMatrix(x, label=y, feature_names=names, nthread=threads)
    evals, callbacks = [], []
    if job.get("valid"):
        xv, yv, _ = data[job["valid"]]
        evals = [(xgb.DMatrix(xv, label=yv, feature_names=names, nthread=threads), "valid")]
        if job["early_stopping_rounds"]:
            callbacks = [xgb.callback.EarlyStopping(rounds=job["early_stopping_rounds"], save_best=True)]
    booster = xgb.train(job["params"], dtrain, num_boost_round=job["rounds"], evals=evals, callbacks=callbacks, verbose_eval=False)
    timing["fit_seconds"] = time.perf_counter() - started
    timing["fit_cpu_seconds"] = time.process_time() - cpu
    if job.get("model_out"):
        booster.save_model(job["model_out"])
    xp, _, _ = data[job["predict"]]
    best = booster.attr("best_iteration")
    return booster.predict(xgb.DMatrix(xp, feature_names=names, nthread=threads)), (int(best) if best is not None else None)


def train_lightgbm(job, data, timing):
    started = time.perf_counter()
    cpu = time.process_time()
    x, y, names = data[job["train"]]
    params = dict(job["params"])
    dtrain = lgb.Dataset(x, label=y, feature_name=names, params=params)
    valid_sets, callbacks = [], []
    if job.get("valid"):
        xv, yv, _ = data[job["valid"]]
        valid_sets = [lgb.Dataset(xv, label=yv, reference=dtrain)]
        if job["early_stopping_rounds"]:
            callbacks = [lgb.early_stopping(job["early_stopping_rounds"], verbose=False)]
    booster = lgb.train(params, dtrain, num_boost_round=job["rounds"], valid_sets=valid_sets, callbacks=callbacks)
    timing["fit_seconds"] = time.perf_counter() - started
    timing["fit_cpu_seconds"] = time.process_time() - cpu
    if job.get("model_out"):
        booster.save_model(job["model_out"])
    xp, _, _ = data[job["predict"]]
    best = booster.best_iteration or None
    return booster.predict(xp), best


def fit_sklearn(job, data, timing):
    started = time.perf_counter()
    cpu = time.process_time()
    x, y, _ = data[job["train"]]
    kind = job["model"]
    if kind == "ols":
        model = LinearRegression().fit(x, y)
    elif kind == "ridge":
        model = Ridge(alpha=job["alpha"], solver="cholesky").fit(x, y)
    elif kind == "logistic":
        model = LogisticRegression(penalty=None, solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(x, y)
    else:
        model = LogisticRegression(C=1.0 / job["alpha"], solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(x, y)
    timing["fit_seconds"] = time.perf_counter() - started
    timing["fit_cpu_seconds"] = time.process_time() - cpu
    xp, _, _ = data[job["predict"]]
    pred = model.predict_proba(xp)[:, 1] if kind.startswith("logistic") else model.predict(xp)
    coef = np.concatenate([[float(np.ravel(model.intercept_)[0])], np.ravel(model.coef_)])
    write(job["coef_out"], coef)
    return pred, None


def latency(predict, x, timing):
    """Mean latency of predicting one row (2,000 times) and 1,000 rows (200 times), after a warm-up."""
    row, batch = x[:1], x[:1000]
    for _ in range(100):
        predict(row)
    started = time.perf_counter()
    for _ in range(2000):
        predict(row)
    timing["row_us"] = (time.perf_counter() - started) / 2000 * 1e6
    started = time.perf_counter()
    for _ in range(200):
        predict(batch)
    timing["batch_ms"] = (time.perf_counter() - started) / 200 * 1e3
    return predict(x)


def main():
    with open(sys.argv[1]) as f:
        request = json.load(f)
    data = {name: load(spec) for name, spec in request["datasets"].items()}
    results = []
    for job in request["jobs"]:
        started = time.perf_counter()
        kind = job["kind"]
        best = None
        timing = {}
        if kind == "predict_xgboost":
            booster = xgb.Booster(model_file=job["model"])
            x, _, names = data[job["data"]]
            pred = booster.predict(xgb.DMatrix(x, feature_names=names))
            best = booster.attr("best_iteration")
        elif kind == "predict_lightgbm":
            x, _, _ = data[job["data"]]
            pred = lgb.Booster(model_file=job["model"]).predict(x)
        elif kind == "train_xgboost":
            pred, best = train_xgboost(job, data, timing)
        elif kind == "train_lightgbm":
            pred, best = train_lightgbm(job, data, timing)
        elif kind == "sklearn":
            pred, best = fit_sklearn(job, data, timing)
        elif kind == "latency_xgboost":
            booster = xgb.Booster(model_file=job["model"])
            if job.get("threads"):
                booster.set_param({"nthread": job["threads"]})
            pred = latency(booster.inplace_predict, data[job["data"]][0], timing)
        elif kind == "latency_lightgbm":
            booster = lgb.Booster(model_file=job["model"])
            threads = {"num_threads": job["threads"]} if job.get("threads") else {}
            pred = latency(lambda x: booster.predict(x, **threads), data[job["data"]][0], timing)
        else:
            raise ValueError(f"unknown job kind {kind!r}")
        write(job["out"], pred)
        results.append({"best_iteration": None if best is None else int(best), "seconds": time.perf_counter() - started, **timing})
    print(json.dumps({"xgboost": xgb.__version__, "lightgbm": lgb.__version__, "sklearn": sklearn.__version__, "jobs": results}))


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # noqa: BLE001 - report any failure to the caller
        print(f"models_oracle: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(2)
