import { describe, expect, it } from "vitest";
import { Conflict, InvalidInput } from "../../errors.js";
import type { Dataset } from "../types.js";
import { linearType } from "./linear.js";
import type { LinearModel } from "./linear-model.js";
import { syntheticDataset } from "./synthetic.js";

const TRUE = { intercept: 0.5, coefficients: [2, -3, 0.25, 0] };

function exactData(rows = 400, seed = 1): Dataset {
  return syntheticDataset({ rows, features: 4, seed, label: (x) => TRUE.intercept + TRUE.coefficients.reduce((s, b, j) => s + b * x[j], 0) });
}

/** The dataset without feature `j`. */
function dropColumn(data: Dataset, j: number): Dataset {
  const p = data.featureNames.length;
  const X = new Float64Array(data.rows * (p - 1));
  for (let r = 0; r < data.rows; r++) for (let c = 0, k = 0; c < p; c++) if (c !== j) X[r * (p - 1) + k++] = data.X[r * p + c];
  return { ...data, X, featureNames: data.featureNames.filter((_, c) => c !== j) };
}

function fitLinear(data: Dataset, task: "regression" | "classification" = "regression") {
  const model = linearType.create(task, linearType.params.parse({})) as LinearModel;
  return model.fit(data).then(() => model);
}

describe("linear (ordinary least squares)", () => {
  it("recovers the coefficients of a noiseless linear target to 1e-8", async () => {
    const model = await fitLinear(exactData());
    const { intercept, coefficients } = model.coefficients();
    expect(Math.abs(intercept - TRUE.intercept)).toBeLessThan(1e-8);
    for (const [j, b] of TRUE.coefficients.entries()) expect(Math.abs(coefficients[`f${j}`] - b)).toBeLessThan(1e-8);
  });

  it("recovers them even with a large offset and scale on a feature (QR, not normal equations)", async () => {
    const data = exactData(300, 2);
    for (let r = 0; r < data.rows; r++) data.X[r * 4 + 1] = 1e6 + 1e3 * data.X[r * 4 + 1];
    for (let r = 0; r < data.rows; r++) data.y[r] = 1 + 2 * data.X[r * 4] + 0.001 * data.X[r * 4 + 1];
    const { intercept, coefficients } = (await fitLinear(data)).coefficients();
    expect(coefficients.f0).toBeCloseTo(2, 8);
    expect(coefficients.f1).toBeCloseTo(0.001, 12);
    expect(Math.abs(intercept - 1)).toBeLessThan(1e-4);
  });

  it("leaves residuals orthogonal to every feature and summing to zero on noisy data", async () => {
    const data = syntheticDataset({ rows: 2000, features: 5, seed: 3, label: (x, noise) => x[0] - 0.5 * x[3] + noise() });
    const model = await fitLinear(data);
    const fitted = model.predict(data);
    const p = 5;
    let sum = 0;
    const dots = new Float64Array(p);
    for (let r = 0; r < data.rows; r++) {
      const e = data.y[r] - fitted[r];
      sum += e;
      for (let j = 0; j < p; j++) dots[j] += e * data.X[r * p + j];
    }
    expect(Math.abs(sum)).toBeLessThan(1e-9);
    for (const d of dots) expect(Math.abs(d)).toBeLessThan(1e-8);
  });

  it("imputes a missing value with the feature's training mean, in fit and predict", async () => {
    const data = exactData(200, 4);
    const model = await fitLinear(data);
    let mean1 = 0;
    for (let r = 0; r < data.rows; r++) mean1 += data.X[r * 4 + 1] / data.rows;
    const row = Float64Array.from([0.3, Number.NaN, -1, 2]);
    const filled = Float64Array.from([0.3, mean1, -1, 2]);
    const names = data.featureNames;
    expect(model.predict({ X: row, rows: 1, featureNames: names })[0]).toBeCloseTo(model.predict({ X: filled, rows: 1, featureNames: names })[0], 12);

    const holes = exactData(400, 5);
    holes.X[7 * 4 + 2] = Number.NaN;
    const fittedWithHole = await fitLinear(holes);
    expect(Number.isFinite(fittedWithHole.coefficients().coefficients.f2)).toBe(true);
  });

  it("leaves out a collinear or constant feature as R's lm does: coefficient 0, the fit without it, a note naming it", async () => {
    const collinear = exactData(100, 6);
    for (let r = 0; r < 100; r++) collinear.X[r * 4 + 3] = collinear.X[r * 4] + 2 * collinear.X[r * 4 + 1];
    const model = await fitLinear(collinear);
    const { coefficients } = model.coefficients();
    expect(coefficients.f3).toBe(0);
    for (const j of [0, 1, 2]) expect(Math.abs(coefficients[`f${j}`] - TRUE.coefficients[j])).toBeLessThan(1e-8);
    expect(model.notes()).toEqual([expect.stringMatching(/left out 1 feature.*linear combinations.*: f3$/)]);
    const without = await fitLinear(dropColumn(collinear, 3));
    const a = model.predict(collinear);
    const b = without.predict(dropColumn(collinear, 3));
    for (let r = 0; r < a.length; r++) expect(a[r]).toBeCloseTo(b[r], 12);

    const constant = exactData(100, 7);
    for (let r = 0; r < 100; r++) constant.X[r * 4 + 2] = 5;
    const withConstant = await fitLinear(constant);
    expect(withConstant.coefficients().coefficients.f2).toBe(0);
    expect(withConstant.notes()[0]).toMatch(/: f2$/);
    expect((await fitLinear(exactData(100, 7))).notes()).toEqual([]);
  });

  it("keeps what it left out through save and load", async () => {
    const data = exactData(100, 16);
    for (let r = 0; r < 100; r++) data.X[r * 4 + 1] = -data.X[r * 4];
    const model = await fitLinear(data);
    const loaded = linearType.fromJSON(JSON.parse(JSON.stringify(model.toJSON()))) as LinearModel;
    expect(loaded.notes()).toEqual(model.notes());
    expect(loaded.notes()[0]).toMatch(/: f1$/);
    expect(Array.from(loaded.predict(data))).toEqual(Array.from(model.predict(data)));
  });

  it("refuses an all-missing feature, and features that are all constant", async () => {
    const empty = exactData(100, 8);
    for (let r = 0; r < 100; r++) empty.X[r * 4 + 1] = Number.NaN;
    await expect(fitLinear(empty)).rejects.toThrow(/Feature 'f1' is missing \(NaN\) in every training row/);
    const flat = exactData(100, 9);
    for (let r = 0; r < 100; r++) for (let j = 0; j < 4; j++) flat.X[r * 4 + j] = j;
    await expect(fitLinear(flat)).rejects.toThrow(/Every feature \(f0, f1, f2, f3\) is constant.*nothing to fit/);
  });

  it("saves to JSON and loads back to bit-identical predictions and the same file", async () => {
    const data = syntheticDataset({ rows: 300, features: 3, seed: 9, label: (x, n) => x[0] * 0.1 + n() * 0.01 });
    const model = await fitLinear(data);
    const saved = model.toJSON();
    expect(saved.format).toBe("json");
    const loaded = linearType.fromJSON(JSON.parse(JSON.stringify(saved)));
    const a = model.predict(data);
    const b = loaded.predict(data);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(loaded.toJSON().files["model.json"]).toBe(saved.files["model.json"]);
  });

  it("reorders features given by name in another order, and refuses missing ones", async () => {
    const data = exactData(100, 10);
    const model = await fitLinear(data);
    const row = [0.1, 0.2, 0.3, 0.4];
    const expected = model.predict({ X: Float64Array.from(row), rows: 1, featureNames: ["f0", "f1", "f2", "f3"] })[0];
    const swapped = model.predict({ X: Float64Array.from([0.4, 0.3, 0.2, 0.1]), rows: 1, featureNames: ["f3", "f2", "f1", "f0"] })[0];
    expect(swapped).toBe(expected);
    expect(() => model.predict({ X: Float64Array.from([1, 2, 3]), rows: 1, featureNames: ["f0", "f1", "x"] })).toThrow(/missing f2, f3; unexpected x/);
  });

  it("refuses bad hyperparameters naming them, and a model that is not fitted", () => {
    expect(() => linearType.create("regression", { max_iter: 0 } as never)).toThrow(InvalidInput);
    expect(() => linearType.create("regression", { max_iter: 0 } as never)).toThrow(/max_iter/);
    expect(() => linearType.create("regression", { alpha: 1 } as never)).toThrow(/alpha/);
    expect(() => linearType.create("ranking" as never, {} as never)).toThrow(/regression and classification, not 'ranking'/);
    const model = linearType.create("regression", linearType.params.parse({}));
    expect(() => model.predict({ X: new Float64Array(4), rows: 1, featureNames: ["f0", "f1", "f2", "f3"] })).toThrow(Conflict);
  });
});

describe("linear (logistic regression for classification)", () => {
  const truth = [1.5, -1, 0.5];
  // Probit-style labels: 1 when the linear index plus normal noise is positive.
  const logistic = (seed: number, rows = 4000) =>
    syntheticDataset({ rows, features: 3, seed, label: (x, noise) => (-0.3 + truth.reduce((s, b, j) => s + b * x[j], 0) + noise() > 0 ? 1 : 0) });

  it("solves the maximum-likelihood score equations and returns probabilities in [0, 1]", async () => {
    const data = logistic(11);
    const model = await fitLinear(data, "classification");
    const prob = model.predict(data);
    const p = 3;
    let sum = 0;
    const score = new Float64Array(p);
    for (let r = 0; r < data.rows; r++) {
      expect(prob[r]).toBeGreaterThan(0);
      expect(prob[r]).toBeLessThan(1);
      const e = data.y[r] - prob[r];
      sum += e;
      for (let j = 0; j < p; j++) score[j] += e * data.X[r * p + j];
    }
    expect(Math.abs(sum)).toBeLessThan(1e-7);
    for (const s of score) expect(Math.abs(s)).toBeLessThan(1e-7);
    // The labels are probit, not logit, so only the signs and order are checked against the truth.
    const { coefficients } = model.coefficients();
    expect(coefficients.f0).toBeGreaterThan(coefficients.f2);
    expect(coefficients.f1).toBeLessThan(0);
  });

  it("leaves out a duplicated feature, with the fit of the model without it", async () => {
    const data = logistic(15, 2000);
    const wide = syntheticDataset({ rows: 2000, features: 4, seed: 15, label: () => 0 });
    for (let r = 0; r < data.rows; r++) {
      for (let j = 0; j < 3; j++) wide.X[r * 4 + j] = data.X[r * 3 + j];
      wide.X[r * 4 + 3] = 2 * data.X[r * 3 + 1];
    }
    wide.y.set(data.y);
    const model = await fitLinear(wide, "classification");
    expect(model.notes()[0]).toMatch(/: f3$/);
    expect(model.coefficients().coefficients.f3).toBe(0);
    const a = model.predict(wide);
    const b = (await fitLinear(data, "classification")).predict(data);
    for (let r = 0; r < a.length; r++) expect(a[r]).toBeCloseTo(b[r], 10);
  });

  it("refuses perfectly separable classes, pointing to ridge", async () => {
    const data = syntheticDataset({ rows: 200, features: 2, seed: 12, label: (x) => (x[0] > 0 ? 1 : 0) });
    await expect(fitLinear(data, "classification")).rejects.toThrow(/perfectly separated.*use ridge/);
  });

  it("refuses labels other than 0/1 and a single class, naming the row", async () => {
    const data = logistic(13, 50);
    data.y[4] = 0.5;
    await expect(fitLinear(data, "classification")).rejects.toThrow(/must be 0 or 1.*0\.5 at row 4 \(SYN 2000-01-07/);
    const one = logistic(14, 50);
    one.y.fill(1);
    await expect(fitLinear(one, "classification")).rejects.toThrow(/All labels of the training set are 1/);
  });
});
