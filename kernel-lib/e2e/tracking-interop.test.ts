/**
 * Interoperability with MLflow's own Python client: what kernel-lib logs (a flattened spec as
 * params, metrics per fold) is what `mlflow.search_runs` in the project's venv reads back.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { createTracker, flattenParams } from "../src/tracking/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    mlflowUrl: string;
    venvDir: string;
    home: string;
  }
}

const run = promisify(execFile);

interface PythonRun {
  run_id: string;
  status: string;
  params: Record<string, string>;
  metrics: Record<string, number>;
  history: Record<string, Array<[number, number]>>;
}

describe("MLflow's Python client", () => {
  it("mlflow.search_runs sees the params and metrics kernel-lib logged", async () => {
    const url = inject("mlflowUrl");
    const experiment = `interop-${randomUUID().slice(0, 8)}`;
    const tracker = createTracker({ trackingUri: url, outboxDir: mkdtempSync(join(tmpdir(), "oq-outbox-")) });
    const tracked = await tracker.startRun({ experiment, runName: "interop" });
    const spec = { model: { type: "xgboost", params: { max_depth: 6, eta: 0.05 } }, horizon: 5, tickers: ["SPY", "QQQ"] };
    await tracked.logParams(flattenParams(spec));
    const folds = [0.031, 0.029, 0.027];
    for (const [step, rmse] of folds.entries()) await tracked.logMetrics({ rmse }, step);
    await tracked.logMetrics({ sharpe: 1.25 });
    const outcome = await tracked.end();

    const script = join(inject("home"), "kernel-lib", "e2e", "mlflow_interop.py");
    const { stdout } = await run(join(inject("venvDir"), "bin", "python"), [script, experiment, "rmse"], {
      env: { ...process.env, MLFLOW_TRACKING_URI: url },
      timeout: 120_000,
    });
    const runs = JSON.parse(stdout) as PythonRun[];
    expect(runs).toHaveLength(1);
    expect(runs[0]).toEqual({
      run_id: outcome.runId,
      status: "FINISHED",
      params: {
        "model.type": "xgboost",
        "model.params.max_depth": "6",
        "model.params.eta": "0.05",
        horizon: "5",
        tickers: '["SPY","QQQ"]',
      },
      metrics: { rmse: 0.027, sharpe: 1.25 },
      history: { rmse: [[0, 0.031], [1, 0.029], [2, 0.027]] },
    });
  });
});
