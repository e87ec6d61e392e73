/**
 * Training end to end against the real MLflow server: sample data in a real DuckDB file, the real
 * model libraries, runs, metrics per fold, artifacts, the registry and aliases, prediction by run
 * id and by alias, and Python loading our artifacts through MLflow's own flavors.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../server/src/services/ports.js";
import { loadSettings } from "../src/config/load.js";
import { MlflowClient } from "../src/tracking/client.js";
import { ENDED_BY_TAG, JOB_ID_TAG } from "../src/tracking/job-runs.js";
import { replayOutbox } from "../src/tracking/replay.js";
import { type OpenQuant, openQuant } from "../src/openquant.js";

const exec = promisify(execFile);

async function platform(env: Record<string, string> = {}): Promise<OpenQuant> {
  const dir = mkdtempSync(join(tmpdir(), "oq-train-"));
  const settings = loadSettings({
    home: inject("home"),
    env: { OPENQUANT_DATA_DIR: join(dir, "data"), OPENQUANT_LOG_DIR: join(dir, "logs"), OPENQUANT_LOG_LEVEL: "error", MLFLOW_TRACKING_URI: inject("mlflowUrl"), ...env },
  });
  return openQuant({ settings, mode: "embedded", component: "test" });
}

describe("training, tracking and prediction", () => {
  let oq: OpenQuant;
  let client: MlflowClient;
  const experiment = `e2e-train-${Date.now()}`;
  const base = {
    experiment,
    tickers: ["ACME.SAMPLE", "NOVA.SAMPLE"],
    start: "2015-01-01",
    // no column is a linear combination of the others (OLS would leave it out)
    featureSet: [{ name: "rsi" }, { name: "returns", params: { period: 5 } }, { name: "volatility" }, { name: "natr" }, { name: "zscore" }],
    horizon: 5,
  };
  beforeAll(async () => {
    oq = await platform();
    client = new MlflowClient({ trackingUri: inject("mlflowUrl") });
    await oq.ingest(["ACME.SAMPLE", "NOVA.SAMPLE"]);
  });
  afterAll(async () => oq.close());

  it("trains linear, logs params, metrics, tags and artifacts, and predicts by run id", async () => {
    const stages = new Set<string>();
    const result = await oq.train({ ...base, model: { type: "linear" } }, { onProgress: (p) => stages.add(p.stage) });
    expect(result.destination).toBe("mlflow");
    expect([...stages]).toEqual(["features", "dataset", "fit", "evaluate", "log"]);
    const run = await client.getRun(result.runId as string);
    expect(run.info.status).toBe("FINISHED");
    expect(run.data.params).toMatchObject({ "model.type": "linear", horizon: "5", "split.method": "train_test" });
    expect(run.data.tags["openquant.feature_set_hash"]).toBe(result.featureSetHash);
    expect(run.data.tags["openquant.data_version.ACME.SAMPLE"]).toBe("1");
    for (const key of ["rmse", "r2", "ic", "rank_ic", "directional_accuracy", "bt_ACME.SAMPLE_sharpe", "bt_ACME.SAMPLE_bh_total_return"]) {
      expect(run.data.metrics[key], key).toBeTypeOf("number");
    }
    expect(run.data.metrics.rmse).toBeCloseTo(result.metrics.rmse, 12);
    const files = (await client.listArtifacts(result.runId as string, undefined, { recursive: true })).map((f) => f.path);
    for (const f of ["model/MLmodel", "model/openquant.json", "features.json", "predictions.csv", "backtest/ACME.SAMPLE/equity_curve.svg"]) {
      expect(files).toContain(f);
    }

    const prediction = await oq.predict(result.runId as string, { ticker: "ACME.SAMPLE", start: "2025-06-01" });
    expect(prediction.dates[0].slice(0, 10) >= "2025-06-01").toBe(true);
    expect(prediction.predictions.length).toBe(prediction.dates.length);
    // the same bars' out-of-sample predictions logged by training
    const logged = new Map<number, number>();
    result.predictions.ticker.forEach((t, k) => {
      if (t === "ACME.SAMPLE") logged.set(result.predictions.ts[k], result.predictions.predicted[k]);
    });
    const overlap = Array.from(prediction.ts).filter((t) => logged.has(t));
    expect(overlap.length).toBeGreaterThan(50);
    for (const t of overlap) expect(prediction.predictions[Array.from(prediction.ts).indexOf(t)]).toBeCloseTo(logged.get(t) as number, 12);
  });

  it("cross-validates walk-forward with one metric step per fold, purging the horizon", async () => {
    const result = await oq.crossValidate({ ...base, model: { type: "ridge" }, split: { method: "walk_forward", folds: 3, embargo: 2 } });
    expect(result.folds).toHaveLength(3);
    const history = await client.getMetricHistory(result.runId as string, "fold_rmse");
    expect(history.map((h) => h.step)).toEqual([0, 1, 2]);
    const files = (await client.listArtifacts(result.runId as string)).map((f) => f.path);
    expect(files).not.toContain("model");
    await expect(oq.predict(result.runId as string, { ticker: "ACME.SAMPLE" })).rejects.toThrow(/holds no OpenQuant model/);
  });

  it("registers xgboost under an alias; Python loads the artifact through mlflow.xgboost and predicts the same", async () => {
    const result = await oq.train({
      ...base,
      model: { type: "xgboost", params: { n_estimators: 40, max_depth: 3, nthread: 1 } },
      register: { name: `e2e-xgb-${Date.now()}`, alias: "champion" },
    });
    expect(result.registered?.version).toBe("1");
    const ref = `models:/${result.registered?.name}@champion`;
    const byAlias = await oq.predict(ref, { ticker: "NOVA.SAMPLE", start: "2025-01-01" });
    const byRun = await oq.predict(result.runId as string, { ticker: "NOVA.SAMPLE", start: "2025-01-01" });
    expect(Array.from(byAlias.predictions)).toEqual(Array.from(byRun.predictions));

    const dir = mkdtempSync(join(tmpdir(), "oq-py-"));
    const frame = await oq.features("NOVA.SAMPLE", base.featureSet, { start: "2025-01-01" });
    const rows = Array.from(byRun.ts, (t) => result.features.map((c) => frame.columns[c][Array.from(frame.ts).indexOf(t)]));
    writeFileSync(join(dir, "x.json"), JSON.stringify(rows));
    const script = `
import json, sys, numpy as np, mlflow.xgboost, xgboost as xgb
m = mlflow.xgboost.load_model(sys.argv[1])
x = np.array(json.load(open(sys.argv[2])), dtype=np.float32)
print(json.dumps(m.predict(xgb.DMatrix(x, feature_names=sys.argv[3].split(","))).astype(float).tolist()))`;
    const py = await exec(join(inject("venvDir"), "bin", "python"), ["-c", script, ref, join(dir, "x.json"), result.features.join(",")], {
      env: { ...process.env, MLFLOW_TRACKING_URI: inject("mlflowUrl") },
      maxBuffer: 64 * 1024 * 1024,
    });
    const fromPython = JSON.parse(py.stdout.trim().split("\n").pop() as string) as number[];
    expect(fromPython).toHaveLength(byRun.predictions.length);
    for (const [i, v] of fromPython.entries()) expect(Math.abs(v - byRun.predictions[i])).toBeLessThan(1e-6);
  });

  it("logs lightgbm so that mlflow.lightgbm.load_model predicts the same values", async () => {
    const result = await oq.train({ ...base, model: { type: "lightgbm", params: { n_estimators: 40, num_threads: 1 } } });
    const ours = await oq.predict(result.runId as string, { ticker: "ACME.SAMPLE", start: "2025-01-01" });
    const frame = await oq.features("ACME.SAMPLE", base.featureSet, { start: "2025-01-01" });
    const index = new Map(Array.from(frame.ts, (t, i) => [t, i]));
    const rows = Array.from(ours.ts, (t) => result.features.map((c) => frame.columns[c][index.get(t) as number]));
    const dir = mkdtempSync(join(tmpdir(), "oq-py-lgb-"));
    writeFileSync(join(dir, "x.json"), JSON.stringify(rows));
    const script = `
import json, sys, numpy as np, mlflow.lightgbm
m = mlflow.lightgbm.load_model(sys.argv[1])
print(json.dumps(m.predict(np.array(json.load(open(sys.argv[2])), dtype=np.float64)).astype(float).tolist()))`;
    const py = await exec(join(inject("venvDir"), "bin", "python"), ["-c", script, `runs:/${result.runId}/model`, join(dir, "x.json")], {
      env: { ...process.env, MLFLOW_TRACKING_URI: inject("mlflowUrl") },
      maxBuffer: 64 * 1024 * 1024,
    });
    const fromPython = JSON.parse(py.stdout.trim().split("\n").pop() as string) as number[];
    expect(fromPython).toHaveLength(ours.predictions.length);
    for (const [i, v] of fromPython.entries()) expect(Math.abs(v - ours.predictions[i])).toBeLessThan(1e-6);
  });

  it("records a failed run as FAILED with the error, and refuses bad specs clearly", async () => {
    await expect(oq.train({ ...base, model: { type: "xgbost" } })).rejects.toThrow(/Unknown model type 'xgbost'. Did you mean 'xgboost'/);
    await expect(oq.train({ ...base, horizon: 0, model: { type: "linear" } })).rejects.toThrow(/horizon/);
    await expect(oq.train({ ...base, model: { type: "xgboost", params: { max_depth: -1 } } })).rejects.toThrow(/max_depth/);
    await expect(oq.train({ ...base, start: "2025-12-01", model: { type: "linear" }, split: { method: "walk_forward", folds: 8 } })).rejects.toThrow(/rows|folds/i);
    const runs = await client.searchAllRuns({ experimentNames: [experiment], filter: "attributes.status = 'FAILED'" });
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs[0].data.tags["openquant.error"]).toBeTruthy();
  });

  it("trains linear on the default feature set, leaving out its collinear columns with a note on the run", async () => {
    // MACD's histogram is MACD minus its signal, and the Bollinger bands straddle their middle band
    const result = await oq.train({ ...base, featureSet: "default", model: { type: "linear" } });
    expect(result.notes).toHaveLength(1);
    expect(result.notes[0]).toMatch(/left out \d+ feature/);
    expect(result.notes[0]).toMatch(/macd\w*hist/);
    const run = await client.getRun(result.runId as string);
    expect(run.data.tags["openquant.model_notes"]).toBe(result.notes[0]);
    expect(Number.isFinite(result.metrics.rmse)).toBe(true);
    const prediction = await oq.predict(result.runId as string, { ticker: "NOVA.SAMPLE", start: "2025-01-01" });
    expect(prediction.predictions.every(Number.isFinite)).toBe(true);
  });

  it("a job's later attempt ends KILLED the run an earlier attempt left RUNNING, and only that job's", async () => {
    const jobId = `job-${Date.now()}`;
    // what a worker killed with -9 mid-training leaves behind: a run of the job that nothing will end
    const orphan = await oq.tracker.startRun({ experiment, runName: "attempt-1", tags: { [JOB_ID_TAG]: jobId } });
    const otherJobs = await oq.tracker.startRun({ experiment, runName: "another-job", tags: { [JOB_ID_TAG]: `${jobId}-other` } });
    const result = await oq.train({ ...base, tickers: ["ACME.SAMPLE"], model: { type: "linear" } }, { jobId });

    const retried = await client.getRun(result.runId as string);
    expect(retried.info.status).toBe("FINISHED");
    expect(retried.data.tags[JOB_ID_TAG]).toBe(jobId);
    const ended = await client.getRun(orphan.runId as string);
    expect(ended.info.status).toBe("KILLED");
    expect(ended.info.endTime).toBeGreaterThanOrEqual(ended.info.startTime);
    expect(ended.data.tags[ENDED_BY_TAG]).toMatch(/later attempt/);
    expect((await client.getRun(otherJobs.runId as string)).info.status).toBe("RUNNING");
    await otherJobs.end();
  });

  it("completes training when MLflow is unreachable, parking the run in the outbox for replay", async () => {
    const down = await platform({ MLFLOW_TRACKING_URI: `http://127.0.0.1:${await freePort()}` });
    try {
      await down.ingest(["ACME.SAMPLE"], { start: "2018-01-01" });
      const result = await down.train({ ...base, tickers: ["ACME.SAMPLE"], model: { type: "linear" } });
      expect(result.destination).toBe("outbox");
      expect(result.metrics.rmse).toBeGreaterThan(0);
      expect((await down.tracker.listOutbox()).length).toBe(1);
      // MLflow is back: the parked run is replayed once, with its metrics and model
      const replayed = await replayOutbox(client, down.tracker.outboxDir);
      expect(replayed.replayed).toHaveLength(1);
      const run = await client.getRun(replayed.replayed[0].runId);
      expect(run.data.metrics.rmse).toBeCloseTo(result.metrics.rmse, 12);
      expect((await client.listArtifacts(run.info.runId, "model")).map((f) => f.path)).toContain("model/MLmodel");
      expect((await replayOutbox(client, down.tracker.outboxDir)).replayed).toHaveLength(0);
    } finally {
      await down.close();
    }
  });
});
