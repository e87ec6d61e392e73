import { describe, expect, it } from "vitest";
import type { Dataset } from "../types.js";
import type { LinearModel } from "./linear-model.js";
import { ridgeType } from "./ridge.js";
import { syntheticDataset } from "./synthetic.js";

/** Solves A x = b by Gaussian elimination with partial pivoting (the test's own, independent solver). */
function gaussSolve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[pivot][c])) pivot = r;
    [M[c], M[pivot]] = [M[pivot], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x;
}

/** Ridge in closed form: β = (XcᵀXc + α·diag(w²))⁻¹ Xcᵀ(y − ȳ), intercept = ȳ − x̄ᵀβ. */
function closedFormRidge(data: Dataset, alpha: number, weights: number[]): { beta: number[]; intercept: number } {
  const p = data.featureNames.length;
  const n = data.rows;
  const mean = new Array<number>(p).fill(0);
  let ybar = 0;
  for (let r = 0; r < n; r++) {
    ybar += data.y[r] / n;
    for (let j = 0; j < p; j++) mean[j] += data.X[r * p + j] / n;
  }
  const A = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => (i === j ? alpha * weights[i] ** 2 : 0)));
  const b = new Array<number>(p).fill(0);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < p; i++) {
      const xi = data.X[r * p + i] - mean[i];
      b[i] += xi * (data.y[r] - ybar);
      for (let j = 0; j < p; j++) A[i][j] += xi * (data.X[r * p + j] - mean[j]);
    }
  }
  const beta = gaussSolve(A, b);
  return { beta, intercept: ybar - beta.reduce((s, v, j) => s + v * mean[j], 0) };
}

const noisy = (seed: number) => syntheticDataset({ rows: 500, features: 4, seed, label: (x, noise) => 1 + 2 * x[0] - x[1] + 0.5 * x[2] + noise() });

async function fitRidge(data: Dataset, params: Record<string, unknown>, task: "regression" | "classification" = "regression"): Promise<LinearModel> {
  const model = ridgeType.create(task, ridgeType.params.parse(params)) as LinearModel;
  await model.fit(data);
  return model;
}

describe("ridge", () => {
  it("matches the closed form (XcᵀXc + αI)⁻¹Xcᵀyc with an unpenalized intercept", async () => {
    const data = noisy(21);
    for (const alpha of [0.1, 10, 1000]) {
      const expected = closedFormRidge(data, alpha, [1, 1, 1, 1]);
      const { intercept, coefficients } = (await fitRidge(data, { alpha })).coefficients();
      for (const [j, b] of expected.beta.entries()) expect(Math.abs(coefficients[`f${j}`] - b)).toBeLessThan(1e-10 * (1 + Math.abs(b)));
      expect(Math.abs(intercept - expected.intercept)).toBeLessThan(1e-10);
    }
  });

  it("with standardize, penalizes β_j·sd_j (closed form with α·sd_j²) and keeps coefficients in raw units", async () => {
    const data = noisy(22);
    for (let r = 0; r < data.rows; r++) data.X[r * 4 + 2] *= 100;
    const p = 4;
    const sds = Array.from({ length: p }, (_, j) => {
      let m = 0;
      let s = 0;
      for (let r = 0; r < data.rows; r++) m += data.X[r * p + j] / data.rows;
      for (let r = 0; r < data.rows; r++) s += (data.X[r * p + j] - m) ** 2 / data.rows;
      return Math.sqrt(s);
    });
    const expected = closedFormRidge(data, 50, sds);
    const { coefficients } = (await fitRidge(data, { alpha: 50, standardize: true })).coefficients();
    for (const [j, b] of expected.beta.entries()) expect(Math.abs(coefficients[`f${j}`] - b)).toBeLessThan(1e-10 * (1 + Math.abs(b)));
  });

  it("shrinks coefficients to 0 but not the intercept as α grows", async () => {
    const data = noisy(23);
    const { intercept, coefficients } = (await fitRidge(data, { alpha: 1e12 })).coefficients();
    const ybar = data.y.reduce((a, b) => a + b, 0) / data.rows;
    expect(Math.abs(intercept - ybar)).toBeLessThan(1e-6);
    for (const b of Object.values(coefficients)) expect(Math.abs(b)).toBeLessThan(1e-6);
  });

  it("keeps both of two identical features, splitting their weight (OLS leaves the second out)", async () => {
    const data = noisy(24);
    for (let r = 0; r < data.rows; r++) data.X[r * 4 + 3] = data.X[r * 4];
    const { coefficients } = (await fitRidge(data, { alpha: 1 })).coefficients();
    // The penalty splits the weight of two identical columns equally.
    expect(coefficients.f0).toBeCloseTo(coefficients.f3, 10);
  });

  it("for classification, solves the penalized score equations Xcᵀ(y − p) = αβ and Σ(y − p) = 0", async () => {
    const data = syntheticDataset({ rows: 1000, features: 3, seed: 25, label: (x, noise) => (x[0] - 0.5 * x[1] + noise() > 0 ? 1 : 0) });
    const alpha = 5;
    const model = await fitRidge(data, { alpha }, "classification");
    const prob = model.predict(data);
    const p = 3;
    const mean = [0, 1, 2].map((j) => data.X.filter((_, i) => i % p === j).reduce((a, b) => a + b, 0) / data.rows);
    const score = new Float64Array(p);
    let total = 0;
    for (let r = 0; r < data.rows; r++) {
      const e = data.y[r] - prob[r];
      total += e;
      for (let j = 0; j < p; j++) score[j] += e * (data.X[r * p + j] - mean[j]);
    }
    const { coefficients } = model.coefficients();
    expect(Math.abs(total)).toBeLessThan(1e-8);
    for (let j = 0; j < p; j++) expect(Math.abs(score[j] - alpha * coefficients[`f${j}`])).toBeLessThan(1e-8);
  });

  it("classifies separable data (the penalty keeps the solution finite)", async () => {
    const data = syntheticDataset({ rows: 200, features: 2, seed: 26, label: (x) => (x[0] > 0 ? 1 : 0) });
    const model = await fitRidge(data, { alpha: 1 }, "classification");
    const prob = model.predict(data);
    let right = 0;
    for (let r = 0; r < data.rows; r++) right += (prob[r] > 0.5 ? 1 : 0) === data.y[r] ? 1 : 0;
    expect(right / data.rows).toBeGreaterThan(0.95);
  });

  it("refuses alpha ≤ 0, naming it", () => {
    expect(() => ridgeType.create("regression", { alpha: 0 } as never)).toThrow(/alpha/);
    expect(() => ridgeType.create("regression", { alpha: -1 } as never)).toThrow(/Invalid ridge hyperparameters/);
  });
});
