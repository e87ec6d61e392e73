import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../errors.js";
import { buildDataset } from "./build.js";
import type { TickerSeries } from "./types.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const N = Number.NaN;
const f64 = (values: number[]) => Float64Array.from(values);
const days = (n: number, from = 0) => f64(Array.from({ length: n }, (_, i) => T0 + (from + i) * DAY));

/** Ticker A: 6 bars; feature f warms up for 1 bar, g for 2. */
const A: TickerSeries = {
  ticker: "AAA",
  ts: days(6),
  close: f64([100, 110, 99, 99, 120, 60]),
  features: { f: f64([N, 1, 2, 3, 4, 5]), g: f64([N, N, 7, 8, 9, 10]) },
};
/** Ticker B: 5 bars, two days later, no warm-up; a flat bar for the tie rule. */
const B: TickerSeries = {
  ticker: "BBB",
  ts: days(5, 2),
  close: f64([50, 50, 55, 44, 50]),
  features: { f: f64([11, 12, 13, 14, 15]), g: f64([21, 22, 23, 24, 25]) },
};

describe("buildDataset", () => {
  it("labels the forward return, drops warm-up and the last h bars, keeps ticker and label end", () => {
    const d = buildDataset([A], { horizon: 2, task: "regression", minRows: 1 });
    // Labels (h = 2): t=0: 99/100−1; t=1: 99/110−1; t=2: 120/99−1 = 21/99; t=3: 60/99−1 = −39/99;
    // t=4,5 have no bar t+2. Features complete from t=2 (g warms up 2 bars) → rows t=2, t=3.
    expect(d.rows).toBe(2);
    expect(d.featureNames).toEqual(["f", "g"]);
    expect(Array.from(d.X)).toEqual([2, 7, 3, 8]); // row-major: [f, g] of t=2, then of t=3
    expect(d.y[0]).toBeCloseTo(21 / 99, 15);
    expect(d.y[1]).toBeCloseTo(-39 / 99, 15);
    expect(Array.from(d.ts)).toEqual([T0 + 2 * DAY, T0 + 3 * DAY]);
    expect(Array.from(d.labelEndTs)).toEqual([T0 + 4 * DAY, T0 + 5 * DAY]); // ts of bar t + 2
    expect(Array.from(d.barIndex)).toEqual([2, 3]);
    expect(Array.from(d.tickerIndex)).toEqual([0, 0]);
    expect(d.tickers).toEqual(["AAA"]);
    expect(d.summary).toEqual([{ ticker: "AAA", bars: 6, incomplete: 2, unlabeled: 2, rows: 2 }]);
    expect(d.horizon).toBe(2);
    expect(d.task).toBe("regression");
  });

  it("stacks tickers in input order with their index, each in time order", () => {
    const d = buildDataset([A, B], { horizon: 1, task: "regression", minRows: 1 });
    // A (h=1): labelled t=0..4, complete from t=2 → t=2,3,4. B: t=0..3 all complete.
    expect(d.rows).toBe(7);
    expect(Array.from(d.tickerIndex)).toEqual([0, 0, 0, 1, 1, 1, 1]);
    expect(Array.from(d.barIndex)).toEqual([2, 3, 4, 0, 1, 2, 3]);
    expect(Array.from(d.ts)).toEqual([2, 3, 4, 2, 3, 4, 5].map((k) => T0 + k * DAY));
    expect(Array.from(d.labelEndTs)).toEqual([3, 4, 5, 3, 4, 5, 6].map((k) => T0 + k * DAY));
    // B's labels: 50/50−1 = 0, 55/50−1 = 0.1, 44/55−1 = −0.2, 50/44−1 = 6/44
    expect(d.y[3]).toBe(0);
    expect(d.y[4]).toBeCloseTo(0.1, 15);
    expect(d.y[5]).toBeCloseTo(-0.2, 15);
    expect(d.y[6]).toBeCloseTo(6 / 44, 15);
    expect(Array.from(d.X.subarray(3 * 2, 4 * 2))).toEqual([11, 21]);
  });

  it("classification: 1 when the forward return is > 0, and a zero return is 0", () => {
    const d = buildDataset([B], { horizon: 1, task: "classification", minRows: 1 });
    // returns 0, +0.1, −0.2, +6/44 → 0, 1, 0, 1
    expect(Array.from(d.y)).toEqual([0, 1, 0, 1]);
  });

  it("uses the requested features in the requested order", () => {
    const d = buildDataset([B], { horizon: 1, task: "regression", features: ["g"], minRows: 1 });
    expect(d.featureNames).toEqual(["g"]);
    expect(Array.from(d.X)).toEqual([21, 22, 23, 24]);
  });

  it("drops a bar with a missing feature in the middle, not only in the warm-up", () => {
    const gap: TickerSeries = { ...B, features: { f: f64([11, N, 13, 14, 15]) } };
    const d = buildDataset([gap], { horizon: 1, task: "regression", minRows: 1 });
    expect(Array.from(d.barIndex)).toEqual([0, 2, 3]);
  });
});

describe("buildDataset rejects bad input", () => {
  const message = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInput);
      return (error as Error).message;
    }
    throw new Error("expected InvalidInput");
  };

  it("a horizon that is not a whole number of bars ≥ 1", () => {
    expect(message(() => buildDataset([A], { horizon: 0, task: "regression" }))).toMatch(/horizon.*at least 1 bar/);
    expect(message(() => buildDataset([A], { horizon: -3, task: "regression" }))).toMatch(/horizon/);
    expect(message(() => buildDataset([A], { horizon: 1.5, task: "regression" }))).toMatch(/horizon.*whole number/);
  });

  it("an unknown task", () => {
    expect(message(() => buildDataset([A], { horizon: 1, task: "ranking" as "regression" }))).toMatch(/task.*regression.*classification/);
  });

  it("a feature that is NaN everywhere, by name", () => {
    const dead = { ...B, features: { ...B.features, sma_200: f64([N, N, N, N, N]) } };
    expect(message(() => buildDataset([dead], { horizon: 1, task: "regression" }))).toMatch(/'sma_200' is NaN on every bar.*BBB: 5 bars/);
  });

  it("columns whose lengths do not match the bars", () => {
    expect(message(() => buildDataset([{ ...B, close: f64([1, 2, 3]) }], { horizon: 1, task: "regression" }))).toMatch(
      /BBB: close has 3 values but ts has 5/,
    );
    const short = { ...B, features: { ...B.features, g: f64([1, 2]) } };
    expect(message(() => buildDataset([short], { horizon: 1, task: "regression" }))).toMatch(/BBB: feature 'g' has 2 values but ts has 5/);
  });

  it("too few rows left, with the count and what is needed", () => {
    expect(message(() => buildDataset([A], { horizon: 2, task: "regression" }))).toMatch(
      /Only 2 rows remain.*at least 10 are needed.*AAA: 6 bars − 2 in warm-up − 2 without label = 2/,
    );
  });

  it("a horizon longer than the history leaves no rows", () => {
    expect(message(() => buildDataset([B], { horizon: 9, task: "regression", minRows: 1 }))).toMatch(/Only 0 rows remain/);
  });

  it("times out of order, a missing or extra column, a bad close, an infinite feature, a repeated ticker", () => {
    expect(message(() => buildDataset([{ ...B, ts: f64([1, 2, 2, 3, 4]) }], { horizon: 1, task: "regression" }))).toMatch(
      /strictly increasing.*ts\[2\]/,
    );
    expect(message(() => buildDataset([A, { ...B, features: { f: B.features.f } }], { horizon: 1, task: "regression" }))).toMatch(
      /BBB has no feature column 'g'/,
    );
    expect(message(() => buildDataset([B, { ...A, ticker: "CCC", features: { ...A.features, h: A.features.f } }], { horizon: 1, task: "regression" }))).toMatch(
      /CCC has feature columns that BBB lacks \(h\)/,
    );
    expect(message(() => buildDataset([B], { horizon: 1, task: "regression", features: ["nope"] }))).toMatch(/no feature column 'nope'/);
    expect(message(() => buildDataset([{ ...B, close: f64([50, 0, 55, 44, 50]) }], { horizon: 1, task: "regression" }))).toMatch(
      /close\[1\].*is 0/,
    );
    const inf = { ...B, features: { ...B.features, f: f64([1, Number.POSITIVE_INFINITY, 1, 1, 1]) } };
    expect(message(() => buildDataset([inf], { horizon: 1, task: "regression" }))).toMatch(/'f' is Infinity at bar 1/);
    expect(message(() => buildDataset([B, B], { horizon: 1, task: "regression" }))).toMatch(/BBB appears twice/);
    expect(message(() => buildDataset([], { horizon: 1, task: "regression" }))).toMatch(/at least one ticker/);
    expect(message(() => buildDataset([{ ...B, ts: [1, 2, 3, 4, 5] as unknown as Float64Array }], { horizon: 1, task: "regression" }))).toMatch(
      /ts.*Float64Array/,
    );
  });
});
