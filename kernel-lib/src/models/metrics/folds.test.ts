import { describe, expect, it } from "vitest";
import { InvalidInput } from "../../errors.js";
import { evaluateFolds } from "./folds.js";

const f64 = (values: number[]) => Float64Array.from(values);

describe("evaluateFolds", () => {
  it("reports each fold, the mean and population std across folds, and the pooled metric", () => {
    // fold A: errors 1, 1 → MAE 1, MSE 1; fold B: errors 0, 0, 0, 4 → MAE 1, MSE 4
    const a = { yTrue: f64([0, 1]), yPred: f64([1, 0]) };
    const b = { yTrue: f64([0, 0, 0, 0]), yPred: f64([0, 0, 0, 4]) };
    const m = evaluateFolds("regression", [a, b]);
    expect(m.perFold.map((f) => [f.n, f.mae, f.mse])).toEqual([
      [2, 1, 1],
      [4, 1, 4],
    ]);
    expect(m.mean.mse).toBe(2.5); // (1 + 4) / 2
    expect(m.std.mse).toBe(1.5); // √(((1 − 2.5)² + (4 − 2.5)²) / 2)
    expect(m.std.mae).toBe(0);
    // pooled over the 6 rows: squared errors 1, 1, 0, 0, 0, 16 → 18 / 6 = 3 (≠ the mean of folds)
    expect(m.pooled.mse).toBe(3);
    expect(m.pooled.n).toBe(6);
    // fold B's truth is constant: R² and IC are NaN there, so the mean is fold A's alone
    expect(m.perFold[1].r2).toBeNaN();
    expect(m.mean.r2).toBe(m.perFold[0].r2);
    expect(m.std.r2).toBe(0);
    expect("n" in m.mean).toBe(false);
  });

  it("classification folds", () => {
    const m = evaluateFolds("classification", [
      { yTrue: f64([0, 1]), yPred: f64([0.2, 0.9]) }, // accuracy 1, AUC 1
      { yTrue: f64([0, 1]), yPred: f64([0.8, 0.1]) }, // accuracy 0, AUC 0
    ]);
    expect(m.perFold.map((f) => f.accuracy)).toEqual([1, 0]);
    expect(m.mean.accuracy).toBe(0.5);
    expect(m.mean.rocAuc).toBe(0.5);
    // pooled: positives 0.9, 0.1 vs negatives 0.2, 0.8 → 0.9 beats both, 0.1 beats none → 2/4
    expect(m.pooled.rocAuc).toBe(0.5);
  });

  it("rejects no folds, or a bad fold", () => {
    expect(() => evaluateFolds("regression", [])).toThrow(InvalidInput);
    expect(() => evaluateFolds("regression", [{ yTrue: f64([1]), yPred: f64([1, 2]) }])).toThrow(/1 true values but 2 predictions/);
  });
});
