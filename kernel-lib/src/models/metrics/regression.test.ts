import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../errors.js";
import { informationCoefficient, rankInformationCoefficient } from "./correlation.js";
import { averageRanks } from "./ranks.js";
import { directionalAccuracy, meanAbsoluteError, meanSquaredError, rootMeanSquaredError, rSquared } from "./regression.js";
import { regressionMetrics } from "./summary.js";

const f64 = (values: number[]) => Float64Array.from(values);
const yTrue = f64([1, 2, 3, 4]);
const yPred = f64([1.5, 2, 2, 5]);

describe("regression metrics, hand-worked", () => {
  // errors: −0.5, 0, 1, −1
  it("MAE = (0.5 + 0 + 1 + 1) / 4 = 0.625", () => expect(meanAbsoluteError(yTrue, yPred)).toBe(0.625));
  it("MSE = (0.25 + 0 + 1 + 1) / 4 = 0.5625, RMSE = 0.75", () => {
    expect(meanSquaredError(yTrue, yPred)).toBe(0.5625);
    expect(rootMeanSquaredError(yTrue, yPred)).toBe(0.75);
  });
  it("R² = 1 − SS_res / SS_tot = 1 − 2.25 / 5 = 0.55 (mean 2.5: SS_tot = 2.25 + 0.25 + 0.25 + 2.25)", () => {
    expect(rSquared(yTrue, yPred)).toBeCloseTo(0.55, 15);
  });
  it("R² is negative for predictions worse than the mean, and NaN for a constant truth", () => {
    // SS_res = 9 + 1 + 1 + 9 = 20 → 1 − 20/5 = −3
    expect(rSquared(yTrue, f64([4, 3, 2, 1]))).toBeCloseTo(-3, 15);
    expect(rSquared(f64([2, 2, 2]), f64([1, 2, 3]))).toBeNaN();
  });
  it("IC = Pearson = 5.25 / √(5 × 7.6875)", () => {
    // pred mean 2.625; Σ dx·dy = 1.6875 + 0.3125 − 0.3125 + 3.5625 = 5.25; Σ dy² = 5; Σ dp² = 7.6875
    expect(informationCoefficient(yTrue, yPred)).toBeCloseTo(5.25 / Math.sqrt(5 * 7.6875), 15);
  });
  it("rank IC = Spearman with average ranks for ties = 4.5 / √(5 × 4.5) = 3/√10", () => {
    // ranks of pred [1.5, 2, 2, 5] → [1, 2.5, 2.5, 4]; of truth → [1, 2, 3, 4]
    expect(Array.from(averageRanks(yPred))).toEqual([1, 2.5, 2.5, 4]);
    expect(rankInformationCoefficient(yTrue, yPred)).toBeCloseTo(3 / Math.sqrt(10), 15);
  });
  it("IC is NaN for a constant prediction", () => {
    expect(informationCoefficient(yTrue, f64([1, 1, 1, 1]))).toBeNaN();
    expect(rankInformationCoefficient(yTrue, f64([1, 1, 1, 1]))).toBeNaN();
  });
  it("directional accuracy compares signs, sign(0) = 0", () => {
    // signs: (+,+) ✓, (−,−) ✓, (0,0) ✓, (+,−) ✗, (−,+) ✗, (+,0) ✗ → 3/6
    expect(directionalAccuracy(f64([0.01, -0.02, 0, 0.03, -0.01, 0.02]), f64([0.5, -0.1, 0, -0.2, 0.1, 0]))).toBe(0.5);
  });
  it("average ranks spread over a three-way tie", () => {
    expect(Array.from(averageRanks(f64([3, 1, 3, 3, 0])))).toEqual([4, 2, 4, 4, 1]);
  });
  it("regressionMetrics gathers them all", () => {
    const m = regressionMetrics(yTrue, yPred);
    expect(m.n).toBe(4);
    expect([m.mae, m.mse, m.rmse]).toEqual([0.625, 0.5625, 0.75]);
    expect(m.r2).toBeCloseTo(0.55, 15);
    expect(m.directionalAccuracy).toBe(1); // all positive
  });
});

describe("regression metrics reject bad input", () => {
  it("mismatched lengths, no rows, NaN, plain arrays", () => {
    expect(() => meanAbsoluteError(f64([1, 2]), f64([1]))).toThrow(/2 true values but 1 predictions/);
    expect(() => meanAbsoluteError(f64([]), f64([]))).toThrow(/no rows/);
    expect(() => rSquared(f64([1, Number.NaN]), f64([1, 2]))).toThrow(/row 1 is not finite/);
    expect(() => meanSquaredError([1, 2] as unknown as Float64Array, f64([1, 2]))).toThrow(InvalidInput);
  });
});
