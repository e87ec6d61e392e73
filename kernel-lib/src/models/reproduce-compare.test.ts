import { describe, expect, it } from "vitest";
import { compareMetrics, comparePredictions, parsePredictionsCsv, valuesMatch } from "./reproduce-compare.js";
import { determinismOf, NONDETERMINISTIC_TOLERANCE } from "./reproduce-determinism.js";

const exact = { deterministic: true, tolerance: 0, reason: "test" };
const loose = { deterministic: false, tolerance: 1e-6, reason: "test" };

describe("reproduction comparison", () => {
  it("deterministic runs match only bit for bit; others within the relative tolerance", () => {
    expect(valuesMatch(0.1 + 0.2, 0.3, exact)).toBe(false);
    expect(valuesMatch(0.3, 0.3, exact)).toBe(true);
    // 1e-6 relative to max(1, |a|): 2e-6 allowed at 2, 1e-6 allowed near 0
    expect(valuesMatch(2, 2 + 1.9e-6, loose)).toBe(true);
    expect(valuesMatch(2, 2 + 2.1e-6, loose)).toBe(false);
    expect(valuesMatch(0.001, 0.001 + 0.9e-6, loose)).toBe(true);
    expect(valuesMatch(Number.NaN, Number.NaN, exact)).toBe(true);
    expect(valuesMatch(Number.NaN, 1, loose)).toBe(false);
  });

  it("compares every original metric, a missing reproduced one never matching", () => {
    const rows = compareMetrics({ rmse: 0.5, ic: 0.25, sharpe: Number.NaN }, { rmse: 0.5, ic: 0.125, sharpe: Number.NaN }, exact);
    expect(rows).toEqual([
      { metric: "ic", original: 0.25, reproduced: 0.125, absDiff: 0.125, match: false },
      { metric: "rmse", original: 0.5, reproduced: 0.5, absDiff: 0, match: true },
      { metric: "sharpe", original: Number.NaN, reproduced: Number.NaN, absDiff: Number.NaN, match: true },
    ]);
    expect(compareMetrics({ mae: 1 }, {}, loose)[0]).toMatchObject({ match: false });
  });

  it("reads the predicted column of predictions.csv exactly and compares row by row", () => {
    const csv = "date,ticker,fold,actual,predicted\n2024-01-02,A,0,0.01,0.1234567890123456\n2024-01-03,A,0,-0.02,-3e-7\n";
    const original = parsePredictionsCsv(csv);
    expect(original).toEqual([0.1234567890123456, -3e-7]);
    expect(comparePredictions(original, Float64Array.from([0.1234567890123456, -3e-7]), exact)).toEqual({ originalRows: 2, reproducedRows: 2, maxAbsDiff: 0, match: true });
    expect(comparePredictions(original, Float64Array.from([0.1234567890123456, 1e-7]), exact)).toMatchObject({ maxAbsDiff: 4e-7, match: false });
    expect(comparePredictions(original, Float64Array.from([0.1]), exact)).toMatchObject({ originalRows: 2, reproducedRows: 1, match: false });
  });

  it("declares which settings are deterministic, and why the others are not", () => {
    expect(determinismOf("linear", {})).toMatchObject({ deterministic: true, tolerance: 0 });
    expect(determinismOf("xgboost", { nthread: 1, seed: 3 })).toMatchObject({ deterministic: true, reason: expect.stringMatching(/one thread.*seed 3/) });
    expect(determinismOf("xgboost", { nthread: 0 })).toMatchObject({ deterministic: false, tolerance: NONDETERMINISTIC_TOLERANCE, reason: expect.stringMatching(/nthread: 1/) });
    expect(determinismOf("lightgbm", { deterministic: true, seed: 1 }).deterministic).toBe(true);
    expect(determinismOf("random_forest", { deterministic: false }).reason).toMatch(/deterministic: true/);
    expect(determinismOf("lstm", {})).toMatchObject({ deterministic: false, reason: expect.stringMatching(/lstm/) });
  });
});
