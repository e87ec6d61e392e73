/**
 * Reproducible runs end to end: a real DuckDB file and the real MLflow server. Ingest, train four
 * model types, then revise bars (a CSV re-import with corrections) and ingest new ones: current
 * reads see the corrections, as-of reads the originals, and reproduce gives identical metrics and
 * predictions. Retention keeps what runs need; forced removal makes reproduce name what is gone.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadSettings } from "../src/config/load.js";
import { type BarFrame, frameRows } from "../src/data/frame.js";
import { barsSha256 } from "../src/data/store/fingerprint.js";
import { Conflict, InvalidInput, NotFound } from "../src/errors.js";
import type { ReproduceResult } from "../src/models/reproduce.js";
import type { TrainResult } from "../src/models/trainer.js";
import { type OpenQuant, openQuant } from "../src/openquant.js";
import { MlflowClient } from "../src/tracking/client.js";
import { replayOutbox } from "../src/tracking/replay.js";
import { freePort } from "../../server/src/services/ports.js";

const TICKER = "ACME.SAMPLE";
const DAY = 86_400_000;

/** A Yahoo-layout CSV of the frame's bars, numbers written exactly (unchanged bars parse back equal). */
function toCsv(frame: BarFrame): string {
  const rows = frameRows(frame).map((b) => [new Date(b.ts).toISOString().slice(0, 10), b.open, b.high, b.low, b.close, b.adjClose, b.volume].join(","));
  return `Date,Open,High,Low,Close,Adj Close,Volume\n${rows.join("\n")}\n`;
}

function expectIdentical(r: ReproduceResult): void {
  const differing = r.metrics.filter((m) => !m.match);
  expect(differing, JSON.stringify(differing.slice(0, 5))).toEqual([]);
  expect(r.metrics.length).toBeGreaterThan(10);
  for (const m of r.metrics) if (!Number.isNaN(m.original)) expect(m.absDiff).toBe(0);
  expect(r.predictions.match).toBe(true);
  expect(r.predictions.maxAbsDiff).toBe(0);
  expect(r.predictions.originalRows).toBeGreaterThan(50);
  expect(r.deterministic).toBe(true);
  expect(r.featureSetHashMatch).toBe(true);
  expect(r.match).toBe(true);
}

describe("reproducible runs: revisions, as-of reads, snapshots, reproduce and retention", () => {
  let oq: OpenQuant;
  let client: MlflowClient;
  let dir: string;
  const experiment = `e2e-reproduce-${Date.now()}`;
  const base = {
    experiment,
    tickers: [TICKER],
    start: "2020-01-01",
    featureSet: [{ name: "rsi" }, { name: "returns", params: { period: 5 } }, { name: "volatility" }, { name: "natr" }],
    horizon: 5,
  };
  const runs: Record<string, TrainResult> = {};
  let original: BarFrame;
  let revisedRows: number[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "oq-repro-"));
    const settings = loadSettings({
      home: inject("home"),
      env: { OPENQUANT_DATA_DIR: join(dir, "data"), OPENQUANT_LOG_DIR: join(dir, "logs"), OPENQUANT_LOG_LEVEL: "error", MLFLOW_TRACKING_URI: inject("mlflowUrl") },
    });
    oq = await openQuant({ settings, mode: "embedded", component: "test" });
    client = new MlflowClient({ trackingUri: inject("mlflowUrl") });
    await oq.ingest([TICKER]);
    original = await oq.bars(TICKER);
    await oq.snapshot("before-corrections", [TICKER], "as first ingested");

    runs.linear = await oq.train({ ...base, model: { type: "linear" } });
    runs.random_forest = await oq.train({ ...base, model: { type: "random_forest", params: { n_estimators: 40, seed: 7 } } });
    runs.xgboost = await oq.train({ ...base, model: { type: "xgboost", params: { n_estimators: 40, nthread: 1 } } });
    runs.lightgbm = await oq.train({ ...base, model: { type: "lightgbm", params: { n_estimators: 40, deterministic: true } } });

    // the provider's corrections: three bars inside the training range revised, four new bars after the last
    const n = original.ts.length;
    revisedRows = [n - 300, n - 200, n - 100];
    const corrected: BarFrame = { ...original, ts: new Float64Array(n + 4), open: new Float64Array(n + 4), high: new Float64Array(n + 4), low: new Float64Array(n + 4), close: new Float64Array(n + 4), adjClose: new Float64Array(n + 4), volume: new Float64Array(n + 4) };
    for (const c of ["ts", "open", "high", "low", "close", "adjClose", "volume"] as const) {
      corrected[c].set(original[c]);
      for (let k = 0; k < 4; k++) corrected[c][n + k] = c === "ts" ? original.ts[n - 1] + (k + 1) * DAY : original[c][n - 1];
    }
    for (const i of revisedRows) for (const c of ["open", "high", "low", "close", "adjClose"] as const) corrected[c][i] = original[c][i] * 1.07;
    const file = join(dir, "acme-corrected.csv");
    writeFileSync(file, toCsv(corrected));
    const reingest = await oq.ingest([TICKER], { provider: "csv", file, full: true });
    expect(reingest.totals).toMatchObject({ inserted: 4, updated: 3, unchanged: n - 3 });
  }, 600_000);
  afterAll(async () => oq.close());

  it("every run records its data pin in MLflow: asOf, tickers, ranges, feature set hash, spec, seeds and library versions", async () => {
    const r = runs.xgboost;
    const pin = r.dataPin;
    expect(pin).toBeDefined();
    const run = await client.getRun(r.runId as string);
    expect(run.data.tags["openquant.data_pin.as_of_ms"]).toBe(String(pin?.asOf));
    expect(run.data.tags["openquant.data_pin.tickers"]).toBe(TICKER);
    expect(run.data.tags["openquant.version.xgboost"]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(run.data.tags["openquant.version.lightgbm"]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(run.data.tags["openquant.version.kernel_lib"]).toBe(run.data.tags["openquant.kernel_lib_version"]);
    const artifact = JSON.parse((await client.downloadArtifact(r.runId as string, "data_pin.json")).toString("utf8"));
    expect(artifact.featureSetHash).toBe(run.data.tags["openquant.feature_set_hash"]);
    expect(artifact.seeds).toEqual({ spec: 42, model: 42 });
    expect(artifact.spec.model).toMatchObject({ type: "xgboost", params: { n_estimators: 40, nthread: 1, seed: 42 } });
    // the training read every bar stored before it: the pin's fingerprint is that of the bars read independently above
    expect(artifact.ranges).toEqual([{ ticker: TICKER, interval: "1d", start: null, end: null, asOf: pin?.asOf, rows: original.ts.length, sha256: barsSha256(original) }]);
    // the training start, not a time after the data changed
    expect(pin?.asOf).toBeLessThan(Date.now());
  });

  it("current reads see the corrections; asOf the training time and the snapshot see the original bars", async () => {
    const now = await oq.bars(TICKER);
    expect(now.ts.length).toBe(original.ts.length + 4);
    for (const i of revisedRows) expect(now.close[i]).toBeCloseTo(original.close[i] * 1.07, 9);
    const asTrained = await oq.bars(TICKER, { asOf: runs.linear.dataPin?.asOf });
    expect(frameRows(asTrained)).toEqual(frameRows(original));
    const inSnapshot = await oq.bars(TICKER, { asOf: "before-corrections" });
    expect(frameRows(inSnapshot)).toEqual(frameRows(original));
    expect((await oq.snapshots()).map((s) => s.name)).toContain("before-corrections");
  });

  for (const type of ["linear", "random_forest", "xgboost", "lightgbm"]) {
    it(`reproduce(${type}) retrains on the pinned bars despite the corrections and matches exactly`, async () => {
      const original = runs[type];
      const r = await oq.reproduce(original.runId as string);
      expectIdentical(r);
      expect(r.runId).toBeDefined();
      expect(r.runId).not.toBe(original.runId);
      const run = await client.getRun(r.runId as string);
      expect(run.data.tags["openquant.reproduces"]).toBe(original.runId);
      expect(run.data.tags["openquant.reproduce.match"]).toBe("true");
      // the reproduction is pinned to the original's asOf, not to its own start
      expect(r.pin.asOf).toBe(original.dataPin?.asOf);
    }, 300_000);
  }

  it("a run trained on the snapshot after the corrections reads the original bars", async () => {
    const r = await oq.train({ ...base, asOf: "before-corrections", model: { type: "linear" } });
    expect(r.dataPin?.snapshot).toBe("before-corrections");
    expect(r.dataPin?.ranges[0].sha256).toBe(barsSha256(original));
    expect(r.metrics.rmse).toBe(runs.linear.metrics.rmse);
    // while the same spec on the current (corrected) bars gives another model: the pin is what made them equal
    const current = await oq.train({ ...base, model: { type: "linear" } });
    expect(current.dataPin?.ranges[0].rows).toBe(original.ts.length + 4);
    expect(current.metrics.rmse).not.toBe(runs.linear.metrics.rmse);
    await expect(oq.snapshot("before-corrections")).rejects.toThrow(Conflict);
  }, 300_000);

  it("retention keeps the revisions runs and snapshots need; forced removal makes reproduce name what is missing", async () => {
    const kept = await oq.applyRetention({ olderThanDays: 0 });
    expect(kept).toMatchObject({ removed: 0, kept: 3, force: false });
    // still reproducible after a normal retention pass
    expectIdentical(await oq.reproduce(runs.linear.runId as string));

    const forced = await oq.applyRetention({ olderThanDays: 0, force: true });
    expect(forced.removed).toBe(3);
    expect(forced.affectedSnapshots).toEqual(["before-corrections"]);
    expect(forced.affectedRuns.length).toBeGreaterThanOrEqual(5);
    const asOf = new Date(runs.linear.dataPin?.asOf as number).toISOString();
    const failure = oq.reproduce(runs.linear.runId as string);
    await expect(failure).rejects.toThrow(Conflict);
    await expect(oq.reproduce(runs.linear.runId as string)).rejects.toThrow(
      new RegExp(`${TICKER.replace(".", "\\.")} 1d from its first bar to its last bar as of ${asOf.replace(/\./g, "\\.")}: the run read ${original.ts.length} bars, ${original.ts.length - 3} remain`),
    );
  }, 300_000);

  it("bad input: malformed and unknown run ids, a run without a data pin, an asOf before any data, unknown snapshots", async () => {
    await expect(oq.reproduce("not-a-run")).rejects.toThrow(InvalidInput);
    await expect(oq.reproduce("0".repeat(32))).rejects.toThrow(NotFound);
    await expect(oq.reproduce("0".repeat(32))).rejects.toThrow(/No MLflow run with id 0{32}/);

    // a run logged the way runs were before pins existed
    const legacy = await oq.tracker.startRun({ experiment, runName: "before-pins", tags: { "openquant.kind": "train" } });
    await legacy.logMetrics({ rmse: 0.1 });
    const ended = await legacy.end();
    await expect(oq.reproduce(ended.runId as string)).rejects.toThrow(Conflict);
    await expect(oq.reproduce(ended.runId as string)).rejects.toThrow(/cannot be reproduced: it records no data pin/);

    await expect(oq.bars(TICKER, { asOf: "2001-01-01" })).rejects.toThrow(/No 1d bars of ACME.SAMPLE had been recorded by 2001-01-01T00:00:00.000Z/);
    await expect(oq.train({ ...base, asOf: "2001-01-01", model: { type: "linear" } })).rejects.toThrow(InvalidInput);
    await expect(oq.bars(TICKER, { asOf: "no-such-snapshot" })).rejects.toThrow(NotFound);
    await expect(oq.train({ ...base, asOf: "no-such-snapshot", model: { type: "linear" } })).rejects.toThrow(/No snapshot named 'no-such-snapshot'/);
    await expect(oq.deleteSnapshot("no-such-snapshot")).rejects.toThrow(NotFound);
  }, 300_000);
});

describe("a run trained while MLflow is down", () => {
  it("pins its data locally at train time, retention keeps it, and once replayed it reproduces exactly", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oq-repro-down-"));
    const settingsFor = (mlflow: string) =>
      loadSettings({ home: inject("home"), env: { OPENQUANT_DATA_DIR: join(dir, "data"), OPENQUANT_LOG_DIR: join(dir, "logs"), OPENQUANT_LOG_LEVEL: "error", MLFLOW_TRACKING_URI: mlflow } });
    const down = await openQuant({ settings: settingsFor(`http://127.0.0.1:${await freePort()}`), mode: "embedded", component: "test" });
    let trained: TrainResult;
    let originalBars: BarFrame;
    try {
      await down.ingest([TICKER], { start: "2019-01-01" });
      originalBars = await down.bars(TICKER);
      trained = await down.train({ tickers: [TICKER], start: "2020-01-01", featureSet: [{ name: "rsi" }, { name: "natr" }], model: { type: "linear" }, experiment: `e2e-reproduce-down-${Date.now()}` });
      expect(trained.destination).toBe("outbox");
      // the pin is in the store under the run's local id, although MLflow never saw the run
      const pin = await down.store.getPin(trained.localRunId);
      expect(pin?.ranges).toEqual([{ ticker: TICKER, interval: "1d", start: null, end: null, asOf: trained.dataPin?.asOf, rows: originalBars.ts.length, sha256: barsSha256(originalBars) }]);
      // a correction of the first bar the run read: retention must keep its old value for the pin
      const fixed = { ...originalBars, close: Float64Array.from(originalBars.close), adjClose: Float64Array.from(originalBars.adjClose), high: Float64Array.from(originalBars.high) };
      fixed.close[0] *= 1.05;
      fixed.adjClose[0] *= 1.05;
      fixed.high[0] = Math.max(fixed.high[0], fixed.close[0]);
      expect(await down.store.writeBars(fixed, "csv")).toMatchObject({ updated: 1 });
      expect(await down.applyRetention({ olderThanDays: 0 })).toMatchObject({ removed: 0, kept: 1 });
    } finally {
      await down.close();
    }
    const replayed = await replayOutbox(new MlflowClient({ trackingUri: inject("mlflowUrl") }), join(dir, "data", "outbox"));
    expect(replayed.replayed).toHaveLength(1);
    const up = await openQuant({ settings: settingsFor(inject("mlflowUrl")), mode: "embedded", component: "test" });
    try {
      const r = await up.reproduce(replayed.replayed[0].runId);
      expectIdentical(r);
      expect(r.pin.asOf).toBe(trained.dataPin?.asOf);
    } finally {
      await up.close();
    }
  }, 300_000);
});
