/**
 * Property tests over random panels (several tickers on ragged, gappy calendars, random warm-ups
 * and horizons) and random split parameters. The expectations are recomputed here from the
 * definitions, row by row, not taken from the implementation.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../errors.js";
import { buildDataset } from "../dataset/build.js";
import type { LabeledDataset, TickerSeries } from "../dataset/types.js";
import { splitDataset, type SplitSpec } from "./split.js";
import type { Fold, Split } from "./types.js";

/** A random panel: a common irregular time grid, each ticker on a random gappy stretch of it. */
const panelArb = fc
  .record({
    steps: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 30, maxLength: 90 }),
    horizon: fc.integer({ min: 1, max: 6 }),
    tickers: fc.array(
      fc.record({
        start: fc.double({ min: 0, max: 0.4, noNaN: true }),
        end: fc.double({ min: 0.6, max: 1, noNaN: true }),
        keep: fc.array(fc.boolean(), { minLength: 90, maxLength: 90 }),
        warmup: fc.integer({ min: 0, max: 5 }),
        seed: fc.integer({ min: 1, max: 1_000 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ steps, horizon, tickers }) => {
    const grid: number[] = [];
    let time = Date.UTC(2020, 0, 1);
    for (const step of steps) {
      time += step * 3_600_000;
      grid.push(time);
    }
    const series: TickerSeries[] = tickers.map((spec, k) => {
      const from = Math.floor(spec.start * grid.length);
      const to = Math.ceil(spec.end * grid.length);
      // at least 2 bars per ticker, gaps elsewhere
      const times = grid.slice(from, to).filter((_, i, all) => spec.keep[i] || i === 0 || i === all.length - 1);
      const n = times.length;
      const f = Float64Array.from({ length: n }, (_, t) => (t < spec.warmup ? Number.NaN : Math.sin(t * spec.seed)));
      const close = Float64Array.from({ length: n }, (_, t) => 100 + 10 * Math.cos(t + spec.seed));
      return { ticker: `T${k}`, ts: Float64Array.from(times), close, features: { f } };
    });
    return { series, horizon };
  });

const embargoArb = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.record({ fraction: fc.double({ min: 0, max: 0.2, noNaN: true }) }));
const floors = { minTrainRows: 1, minTestRows: 1 };

const specArb: fc.Arbitrary<SplitSpec> = fc.oneof(
  fc.record({ method: fc.constant("train_test" as const), testFraction: fc.double({ min: 0.05, max: 0.6, noNaN: true }), embargo: embargoArb }),
  fc.record({
    method: fc.constant("walk_forward" as const),
    folds: fc.integer({ min: 1, max: 6 }),
    mode: fc.constant("expanding" as const),
    testSize: fc.option(fc.integer({ min: 1, max: 15 }), { nil: undefined }),
    embargo: embargoArb,
  }),
  fc.record({
    method: fc.constant("walk_forward" as const),
    folds: fc.integer({ min: 1, max: 6 }),
    mode: fc.constant("rolling" as const),
    window: fc.integer({ min: 1, max: 30 }),
    embargo: embargoArb,
  }),
  fc.record({ method: fc.constant("purged_kfold" as const), folds: fc.integer({ min: 2, max: 8 }), embargo: embargoArb }),
);

/** Distinct times of the dataset, sorted. */
function gridOf(d: LabeledDataset): number[] {
  return [...new Set(d.ts)].sort((a, b) => a - b);
}

/** Checks one fold against the definitions; returns nothing, fails with expect. */
function checkFold(d: LabeledDataset, split: Split, fold: Fold, spec: SplitSpec, grid: number[]): void {
  const train = new Set(fold.train);
  const test = new Set(fold.test);
  // the test fold is exactly the rows in its time range
  for (let r = 0; r < d.rows; r++) expect(test.has(r)).toBe(d.ts[r] >= fold.testStart && d.ts[r] <= fold.testEnd);
  const testLabelEnd = Math.max(...Array.from(fold.test, (r) => d.labelEndTs[r]));
  expect(fold.testLabelEnd).toBe(testLabelEnd);
  const embargoBars =
    spec.embargo === undefined ? 0 : typeof spec.embargo === "number" ? spec.embargo : Math.ceil(spec.embargo.fraction * grid.length);
  expect(split.embargoBars).toBe(embargoBars);

  const eligible: number[] = [];
  for (let r = 0; r < d.rows; r++) {
    const start = d.ts[r];
    const end = d.labelEndTs[r];
    // THE property: no training row's label window [ts, labelEnd] overlaps its test fold's times …
    if (train.has(r)) {
      expect(test.has(r)).toBe(false);
      expect(end < fold.testStart || start > fold.testEnd).toBe(true);
      // … nor the span the test labels reach
      expect(end < fold.testStart || start > testLabelEnd).toBe(true);
      if (start > fold.testEnd) {
        // the embargo: at least `embargoBars` distinct times lie between the test labels' end and this row
        const between = grid.filter((g) => g > testLabelEnd && g < start).length;
        expect(between).toBeGreaterThanOrEqual(embargoBars);
      }
      if (spec.method !== "purged_kfold") expect(start).toBeLessThan(fold.testStart);
    }
    // recompute which rows may train, to prove the training set is not needlessly small
    if (test.has(r)) continue;
    if (spec.method !== "purged_kfold" && start > fold.testEnd) continue;
    if (!(end < fold.testStart || start > testLabelEnd)) continue;
    if (start > testLabelEnd && grid.filter((g) => g > testLabelEnd && g < start).length < embargoBars) continue;
    eligible.push(r);
  }
  if (spec.method === "walk_forward" && spec.mode === "rolling") {
    const times = [...new Set(eligible.map((r) => d.ts[r]))].sort((a, b) => a - b);
    const cutoff = times[Math.max(0, times.length - spec.window!)];
    expect([...fold.train]).toEqual(eligible.filter((r) => d.ts[r] >= cutoff));
  } else {
    expect([...fold.train]).toEqual(eligible);
  }
}

describe("splits on random panels", () => {
  it("never train on a row whose label window overlaps its test fold, honour the embargo, and train on everything else allowed", () => {
    let checked = 0;
    let refused = 0;
    let embargoed = 0;
    let trainedAfterTest = 0;
    fc.assert(
      fc.property(panelArb, specArb, ({ series, horizon }, spec) => {
        let d: LabeledDataset;
        try {
          d = buildDataset(series, { horizon, task: "regression", minRows: 1 });
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidInput); // too short for this horizon
          return;
        }
        let split: Split;
        try {
          split = splitDataset(d, { ...spec, ...floors });
        } catch (error) {
          // only "too few rows", stated with numbers
          expect(error).toBeInstanceOf(InvalidInput);
          expect((error as Error).message).toMatch(/\d/);
          refused++;
          return;
        }
        const grid = gridOf(d);
        expect(split.times).toBe(grid.length);
        for (const fold of split.folds) checkFold(d, split, fold, spec, grid);
        // test folds come in time order and do not overlap
        for (let k = 1; k < split.folds.length; k++) expect(split.folds[k].testStart).toBeGreaterThan(split.folds[k - 1].testEnd);
        if (spec.method === "purged_kfold") {
          // the test folds partition the rows
          const all = split.folds.flatMap((f) => [...f.test]).sort((a, b) => a - b);
          expect(all).toEqual(Array.from({ length: d.rows }, (_, r) => r));
        }
        checked++;
        embargoed += split.folds.reduce((sum, f) => sum + f.embargoed, 0);
        trainedAfterTest += split.folds.filter((f) => f.trainEnd > f.testEnd).length;
      }),
      { numRuns: 400, seed: 20_240_501 },
    );
    // the property was exercised, not only refused
    expect(checked).toBeGreaterThan(250);
    expect(refused).toBeLessThan(checked / 2);
    expect(embargoed).toBeGreaterThan(100);
    expect(trainedAfterTest).toBeGreaterThan(100);
  });

  it("purge exactly h bars before the test on a regular single-ticker series", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 40, max: 200 }), fc.double({ min: 0.1, max: 0.5, noNaN: true }), (h, n, fraction) => {
        const ts = Float64Array.from({ length: n }, (_, t) => t * 60_000);
        const close = Float64Array.from({ length: n }, (_, t) => 50 + t);
        const d = buildDataset([{ ticker: "X", ts, close, features: { f: close } }], { horizon: h, task: "regression" });
        const [fold] = splitDataset(d, { method: "train_test", testFraction: fraction, ...floors }).folds;
        expect(fold.purged).toBe(h);
        // the last training bar is h + 1 bars before the first test bar
        expect((fold.testStart - fold.trainEnd) / 60_000).toBe(h + 1);
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});
