import { describe, expect, it } from "vitest";
import { fitFeatureScaler, fitTargetScaler, scaleFeatures, scaleTarget, unscaleTarget } from "./scaler.js";

describe("sequence scaler", () => {
  it("standardizes each feature with its own mean and population sd (by hand)", () => {
    // feature a: 1, 2, 3, 6 → mean 3, var (4 + 1 + 0 + 9) / 4 = 3.5; feature b is constant 5
    const X = Float64Array.from([1, 5, 2, 5, 3, 5, 6, 5]);
    const scaler = fitFeatureScaler(X, 4, ["a", "b"]);
    expect(scaler.means).toEqual([3, 5]);
    expect(scaler.sds[0]).toBeCloseTo(Math.sqrt(3.5), 14);
    expect(scaler.sds[1]).toBe(1);
    const z = scaleFeatures(X, 4, scaler);
    expect(z[0]).toBeCloseTo(-2 / Math.sqrt(3.5), 6);
    expect(z[6]).toBeCloseTo(3 / Math.sqrt(3.5), 6);
    expect(z[1]).toBe(0);
  });

  it("skips missing values when fitting and maps them to the training mean (0)", () => {
    const X = Float64Array.from([1, Number.NaN, 3]);
    const scaler = fitFeatureScaler(X, 3, ["a"]);
    expect(scaler.means).toEqual([2]);
    expect(scaler.sds).toEqual([1]);
    expect(Array.from(scaleFeatures(X, 3, scaler))).toEqual([-1, 0, 1]);
  });

  it("scales the label and maps network outputs back", () => {
    const y = Float64Array.from([0.01, -0.02, 0.04]);
    const target = fitTargetScaler(y);
    expect(target.mean).toBeCloseTo(0.01, 15);
    expect(target.sd).toBeCloseTo(Math.sqrt((0 + 0.0009 + 0.0009) / 3), 15);
    const back = unscaleTarget(scaleTarget(y, target), target);
    for (let i = 0; i < 3; i++) expect(back[i]).toBeCloseTo(y[i], 7);
  });
});
