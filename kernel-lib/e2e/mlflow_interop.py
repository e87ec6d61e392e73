"""Reads runs back with MLflow's own Python client, for kernel-lib's interop tests.

Usage: MLFLOW_TRACKING_URI=http://... python mlflow_interop.py <experiment name> [metric key ...]
Prints JSON: one object per run found by mlflow.search_runs, with its params and metrics columns,
and the full history (step, value) of each metric key named on the command line.
"""

import json
import math
import sys

import mlflow
from mlflow.tracking import MlflowClient


def main() -> None:
    experiment, history_keys = sys.argv[1], sys.argv[2:]
    frame = mlflow.search_runs(experiment_names=[experiment], output_format="pandas")
    client = MlflowClient()
    runs = []
    for _, row in frame.iterrows():
        params = {k[len("params.") :]: v for k, v in row.items() if k.startswith("params.") and v is not None}
        metrics = {
            k[len("metrics.") :]: float(v)
            for k, v in row.items()
            if k.startswith("metrics.") and v is not None and not math.isnan(v)
        }
        history = {
            key: [[m.step, m.value] for m in sorted(client.get_metric_history(row["run_id"], key), key=lambda m: m.step)]
            for key in history_keys
        }
        runs.append({"run_id": row["run_id"], "status": row["status"], "params": params, "metrics": metrics, "history": history})
    print(json.dumps(runs))


if __name__ == "__main__":
    main()
