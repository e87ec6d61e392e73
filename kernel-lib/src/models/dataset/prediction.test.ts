import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../errors.js";
import { buildDataset } from "./build.js";
import { buildPredictionMatrix } from "./prediction.js";
import type { TickerSeries } from "./types.js";

const N = Number.NaN;
const f64 = (values: number[]) => Float64Array.from(values);
const S: TickerSeries = {
  ticker: "AAA",
  ts: f64([10, 20, 30, 40, 50]),
  close: f64([1, 2, 3, 4, 5]),
  features: { a: f64([N, 1, 2, 3, 4]), b: f64([N, N, 5, 6, 7]) },
};

describe("buildPredictionMatrix", () => {
  it("keeps the last bars that training drops for lack of a label, and drops warm-up", () => {
    const m = buildPredictionMatrix([S]);
    expect(m.rows).toBe(3);
    expect(Array.from(m.barIndex)).toEqual([2, 3, 4]);
    expect(Array.from(m.ts)).toEqual([30, 40, 50]);
    expect(Array.from(m.X)).toEqual([2, 5, 3, 6, 4, 7]);
    // training with h = 2 keeps only bar 2: the prediction matrix adds the 2 most recent bars
    const d = buildDataset([S], { horizon: 2, task: "regression", minRows: 1 });
    expect(Array.from(d.barIndex)).toEqual([2]);
  });

  it("uses the training feature order, so a model sees the columns it was fitted on", () => {
    const m = buildPredictionMatrix([S], { features: ["b", "a"] });
    expect(m.featureNames).toEqual(["b", "a"]);
    expect(Array.from(m.X.subarray(0, 2))).toEqual([5, 2]);
  });

  it("restricts to each ticker's last bars", () => {
    const other = { ...S, ticker: "BBB", features: { a: f64([1, 1, 1, 1, 9]), b: f64([2, 2, 2, 2, 8]) } };
    const m = buildPredictionMatrix([S, other], { lastBars: 1 });
    expect(Array.from(m.tickerIndex)).toEqual([0, 1]);
    expect(Array.from(m.X)).toEqual([4, 7, 9, 8]);
    expect(m.tickers).toEqual(["AAA", "BBB"]);
  });

  it("needs no close", () => {
    const { close: _close, ...noClose } = S;
    expect(buildPredictionMatrix([noClose]).rows).toBe(3);
  });

  it("says so when no requested bar is past the warm-up", () => {
    expect(() => buildPredictionMatrix([S], { lastBars: 1, features: ["a"] })).not.toThrow();
    const cold = { ...S, features: { a: f64([N, N, N, N, 1]), b: f64([N, N, N, 1, N]) } };
    expect(() => buildPredictionMatrix([cold])).toThrow(InvalidInput);
    expect(() => buildPredictionMatrix([cold])).toThrow(/No bar has every feature.*warming up/);
    expect(() => buildPredictionMatrix([S], { lastBars: 0 })).toThrow(/lastBars.*at least 1/);
  });
});
