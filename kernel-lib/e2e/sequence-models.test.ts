/**
 * Sequence models end to end: an LSTM trained through the real trainer on sample data in a real
 * DuckDB file, logged to the suite's MLflow, loaded back by run id through the predictor (which
 * starts the tfjs backend before fromJSON), and a transformer training job cancelled mid-fit.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadSettings } from "../src/config/load.js";
import type { Job } from "../src/jobs/job-types.js";
import type { TrainProgress } from "../src/models/trainer.js";
import { type OpenQuant, openQuant } from "../src/openquant.js";
import { MlflowClient } from "../src/tracking/client.js";

const WINDOW = 10;

describe("sequence models through the trainer, MLflow and the predictor", () => {
  let oq: OpenQuant;
  let client: MlflowClient;
  const base = {
    experiment: `e2e-sequence-${Date.now()}`,
    tickers: ["ACME.SAMPLE", "NOVA.SAMPLE"],
    start: "2021-01-01",
    featureSet: [{ name: "returns", params: { period: 1 } }, { name: "rsi" }, { name: "zscore" }],
    horizon: 1,
  };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "oq-seq-"));
    const settings = loadSettings({
      home: inject("home"),
      env: { OPENQUANT_DATA_DIR: join(dir, "data"), OPENQUANT_LOG_DIR: join(dir, "logs"), OPENQUANT_LOG_LEVEL: "error", MLFLOW_TRACKING_URI: inject("mlflowUrl") },
    });
    oq = await openQuant({ settings, mode: "embedded", component: "test" });
    client = new MlflowClient({ trackingUri: inject("mlflowUrl") });
    await oq.ingest(base.tickers);
  });
  afterAll(async () => oq.close());

  it("trains an lstm with progress per epoch, logs it to MLflow and predicts it back by run id", { timeout: 600_000 }, async () => {
    const progress: TrainProgress[] = [];
    const params = { window: WINDOW, units: 8, epochs: 3, batch_size: 128, early_stopping_rounds: 2, learning_rate: 0.005 };
    const result = await oq.train({ ...base, model: { type: "lstm", params } }, { onProgress: (p) => progress.push(p) });
    const epochs = progress.filter((p) => p.stage === "fit" && p.iterations === 3).map((p) => p.iteration);
    expect(epochs).toEqual([1, 2, 3]);
    expect(progress.find((p) => p.iteration === 2)?.message).toBe("fold 1/1: 2/3");

    const runId = result.runId as string;
    const run = await client.getRun(runId);
    expect(run.info.status).toBe("FINISHED");
    expect(run.data.params).toMatchObject({ "model.type": "lstm", "model.params.window": String(WINDOW), "model.params.backend": "wasm", "model.params.seed": "42" });
    expect(run.data.metrics.rmse).toBeCloseTo(result.metrics.rmse, 12);
    const files = (await client.listArtifacts(runId, "model")).map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(["model/MLmodel", "model/openquant.json", "model/model.tfjs.json", "model/sequence.json"]));

    // a fresh predictor (no cached model) loads the artifacts from MLflow
    const prediction = await oq.predict(runId, { ticker: "ACME.SAMPLE", start: "2025-01-01" });
    expect(prediction.modelType).toBe("lstm");
    expect(prediction.predictions.length).toBe(prediction.dates.length);
    expect(prediction.predictions.every((v) => Number.isFinite(v))).toBe(true);

    // Bars whose windows are full on both sides (past the first WINDOW − 1 rows of the test fold and
    // of the prediction range) saw the same features: the same predictions as training logged.
    const testTs = Array.from(result.predictions.ts).filter((_, k) => result.predictions.ticker[k] === "ACME.SAMPLE");
    const logged = new Map(testTs.map((t, k) => [t, k]));
    const loggedValues = Array.from(result.predictions.predicted).filter((_, k) => result.predictions.ticker[k] === "ACME.SAMPLE");
    let compared = 0;
    prediction.ts.forEach((t, i) => {
      const k = logged.get(t);
      if (k === undefined || k < WINDOW - 1 || i < WINDOW - 1) return;
      expect(prediction.predictions[i]).toBeCloseTo(loggedValues[k], 9);
      compared++;
    });
    expect(compared).toBeGreaterThan(50);
  });

  it("cancels a transformer training job at the next batch: the job ends cancelled", async () => {
    const jobs = oq.jobs;
    if (!jobs) throw new Error("the embedded platform has a job runner");
    const params = { window: WINDOW, model_dim: 8, heads: 2, layers: 1, units: 16, epochs: 500, batch_size: 64, early_stopping_rounds: 0 };
    const job = await jobs.submit("train", { ...base, start: "2024-01-01", model: { type: "transformer", params } });
    try {
      // Until the first epoch is reported (a loaded machine may take minutes to get there).
      let seen: Job = job;
      while (!/fold 1\/1: [1-9]/.test(seen.progress.message ?? "")) {
        expect(["queued", "running"]).toContain(seen.status);
        await new Promise((resolve) => setTimeout(resolve, 200));
        seen = await jobs.get(job.id);
      }
      const cancelled = await jobs.cancel(job.id, { waitMs: 120_000 });
      expect(cancelled.status).toBe("cancelled");
      expect(Number(/: (\d+)\/500/.exec(cancelled.progress.message ?? "")?.[1])).toBeLessThan(500);
    } finally {
      // never leave 500 epochs running behind a failed assertion
      await jobs.cancel(job.id).catch(() => undefined);
    }
  }, 900_000);
});
