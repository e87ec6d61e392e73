/**
 * A fold fitted on its own (as a queue worker fits it) reads the bars its run was pinned to: after
 * bars are revised, the pinned fold predicts exactly what it predicted before, and an unpinned
 * one does not — so the check can fail.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadSettings } from "../src/config/load.js";
import { predictFold } from "../src/models/fold-predict.js";
import type { TrainSpec } from "../src/models/spec.js";
import { type OpenQuant, openQuant } from "../src/openquant.js";

const TICKER = "ACME.SAMPLE";

describe("a fold reads its run's pinned bars", () => {
  let oq: OpenQuant;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "oq-fold-pin-"));
    const settings = loadSettings({
      home: inject("home"),
      env: { OPENQUANT_DATA_DIR: join(dir, "data"), OPENQUANT_LOG_DIR: join(dir, "logs"), OPENQUANT_LOG_LEVEL: "error", MLFLOW_TRACKING_URI: inject("mlflowUrl") },
    });
    oq = await openQuant({ settings, mode: "embedded", component: "test" });
    await oq.ingest([TICKER], { start: "2021-01-01", end: "2024-12-31" });
  });
  afterAll(async () => oq?.close());

  it("predicts the same after a revision when pinned, differently when not", async () => {
    // a moment after the ingestion's recorded time, before the revision below
    await new Promise((r) => setTimeout(r, 20));
    const pinnedAt = Date.now();
    await new Promise((r) => setTimeout(r, 20));
    const spec = {
      tickers: [TICKER],
      featureSet: [{ name: "rsi" }, { name: "natr" }, { name: "returns", params: { period: 5 } }],
      horizon: 5,
      model: { type: "linear" },
      split: { method: "walk_forward", folds: 3 },
    } as TrainSpec;
    const pinned = { ...spec, asOf: pinnedAt } as TrainSpec;
    const before = await predictFold(pinned, {}, 1, oq.featureEngine);

    // a provider's correction: every close and high of 2022 moved up by 3%
    const bars = await oq.bars(TICKER, { start: "2022-01-01", end: "2022-12-31" });
    for (let i = 0; i < bars.close.length; i++) {
      bars.close[i] = (bars.close[i] as number) * 1.03;
      bars.adjClose[i] = (bars.adjClose[i] as number) * 1.03;
      bars.high[i] = Math.max(bars.high[i] as number, bars.close[i] as number);
    }
    const written = await oq.store.writeBars(bars, "sample");
    expect(written.updated).toBe(bars.close.length);

    const after = await predictFold(pinned, {}, 1, oq.featureEngine);
    expect(after.testRows).toBe(before.testRows);
    expect(Array.from(after.predicted)).toEqual(Array.from(before.predicted));

    const unpinned = await predictFold(spec, {}, 1, oq.featureEngine);
    expect(Array.from(unpinned.predicted)).not.toEqual(Array.from(before.predicted));
  });
});
