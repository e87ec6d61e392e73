/**
 * The fits behind `linear` and `ridge`: least squares (with an optional L2 penalty) and logistic
 * regression by iteratively reweighted least squares. Features are centred on their training
 * means (missing values take the mean, i.e. 0 once centred); the intercept is never penalized.
 */
import { InvalidInput } from "../../errors.js";
import { TallQR } from "./tall-qr.js";

/** A fitted linear predictor on centred features: f(x) = intercept + Σ β_j (x_j − mean_j). */
export interface CentredFit {
  beta: Float64Array;
  /** Intercept at the feature means. */
  intercept: number;
}

/** The training data of a linear fit. */
export interface LinearProblem {
  X: Float64Array;
  y: Float64Array;
  rows: number;
  names: readonly string[];
  means: Float64Array;
  /** Per-coefficient penalty weights: α·w_j²·β_j² is added to the loss; undefined = none. */
  penalty?: Float64Array;
  /** Awaited between blocks so long fits let the event loop run; throws to abort. */
  pause: () => Promise<void>;
}

const BLOCK = 512;

/** Fills `block` (column-major, `width` columns) with centred rows [start, start + m). */
function centredBlock(problem: LinearProblem, start: number, m: number, block: Float64Array): void {
  const p = problem.names.length;
  for (let i = 0; i < m; i++) {
    const base = (start + i) * p;
    for (let j = 0; j < p; j++) {
      const v = problem.X[base + j];
      block[j * m + i] = Number.isNaN(v) ? 0 : v - problem.means[j];
    }
  }
}

function collinear(names: readonly string[], j: number, hint: string): InvalidInput {
  return new InvalidInput(
    `Feature '${names[j]}' is constant or a linear combination of the features before it in the training rows, so the least-squares coefficients are not unique; ${hint}`,
    [{ path: `featureNames.${j}`, message: "collinear feature" }],
  );
}

/** Ordinary (penalty undefined) or ridge least squares of y on the centred features, by TSQR. */
export async function fitLeastSquares(problem: LinearProblem): Promise<CentredFit> {
  const p = problem.names.length;
  const { rows, y } = problem;
  let yMean = 0;
  for (let r = 0; r < rows; r++) yMean += (y[r] - yMean) / (r + 1);
  const qr = new TallQR(p);
  const block = new Float64Array((p + 1) * BLOCK);
  for (let start = 0; start < rows; start += BLOCK) {
    const m = Math.min(BLOCK, rows - start);
    const view = block.subarray(0, (p + 1) * m);
    centredBlock(problem, start, m, view);
    for (let i = 0; i < m; i++) view[p * m + i] = y[start + i] - yMean;
    qr.addBlock(view, m);
    await problem.pause();
  }
  if (problem.penalty) qr.addBlock(penaltyRows(problem.penalty, p, p), p);
  const deficient = qr.deficientColumn();
  if (deficient >= 0) throw collinear(problem.names, deficient, "drop it, or use ridge (alpha > 0).");
  return { beta: qr.solve(), intercept: yMean };
}

/** Rows √(α)·w_j·e_j (zero right-hand side) that add α·Σ w_j²β_j² to the squared error; column-major. */
function penaltyRows(penalty: Float64Array, p: number, width: number): Float64Array {
  const rows = p;
  const block = new Float64Array((width + 1) * rows);
  for (let j = 0; j < p; j++) block[j * rows + j] = penalty[j];
  return block;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** −log-likelihood plus the penalty ½·Σ (penalty_j β_j)², at coefficients `beta` (last entry: intercept). */
function objective(problem: LinearProblem, beta: Float64Array): number {
  const p = problem.names.length;
  let loss = 0;
  for (let r = 0; r < problem.rows; r++) {
    let z = beta[p];
    const base = r * p;
    for (let j = 0; j < p; j++) {
      const v = problem.X[base + j];
      if (!Number.isNaN(v)) z += beta[j] * (v - problem.means[j]);
    }
    // log(1 + e^z) − y·z, computed without overflow.
    loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - problem.y[r] * z;
  }
  if (problem.penalty) for (let j = 0; j < p; j++) loss += 0.5 * (problem.penalty[j] * beta[j]) ** 2;
  return loss;
}

/** Options of the logistic fit. */
export interface LogisticOptions {
  maxIterations: number;
  tolerance: number;
  onIteration?: (iteration: number) => void;
}

/**
 * Logistic regression of 0/1 labels on the centred features by Newton's method (IRLS, each step a
 * weighted least squares solved by TSQR), with step halving. The penalty, when given, adds
 * ½·Σ (penalty_j β_j)² to the negative log-likelihood (sklearn's LogisticRegression with C = 1/α
 * for unit weights).
 */
export async function fitLogistic(problem: LinearProblem, options: LogisticOptions): Promise<CentredFit> {
  const p = problem.names.length;
  const k = p + 1;
  let beta = new Float64Array(k);
  let mean = 0;
  for (let r = 0; r < problem.rows; r++) mean += (problem.y[r] - mean) / (r + 1);
  beta[p] = Math.log(mean / (1 - mean));
  let current = objective(problem, beta);
  const block = new Float64Array((k + 1) * BLOCK);
  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    const qr = new TallQR(k);
    for (let start = 0; start < problem.rows; start += BLOCK) {
      const m = Math.min(BLOCK, problem.rows - start);
      const view = block.subarray(0, (k + 1) * m);
      centredBlock(problem, start, m, view);
      for (let i = 0; i < m; i++) {
        let z = beta[p];
        for (let j = 0; j < p; j++) z += beta[j] * view[j * m + i];
        const mu = sigmoid(z);
        const w = Math.max(mu * (1 - mu), 1e-12);
        const sw = Math.sqrt(w);
        for (let j = 0; j < p; j++) view[j * m + i] *= sw;
        view[p * m + i] = sw;
        // Working response z + (y − μ)/w, times √w.
        view[k * m + i] = sw * z + (problem.y[start + i] - mu) / sw;
      }
      qr.addBlock(view, m);
      await problem.pause();
    }
    if (problem.penalty) {
      const full = new Float64Array(k);
      full.set(problem.penalty);
      qr.addBlock(penaltyRows(full, k, k), k);
    }
    const deficient = qr.deficientColumn();
    if (deficient >= 0 && deficient < p) throw collinear(problem.names, deficient, "drop it, or use ridge (alpha > 0).");
    let next = qr.solve();
    let value = objective(problem, next);
    // Halve the step while it makes things worse (beyond the rounding noise of the sum).
    for (let halvings = 0; value > current + 1e-12 * Math.abs(current) && halvings < 40; halvings++) {
      next = next.map((b, j) => (b + beta[j]) / 2);
      value = objective(problem, next);
    }
    const step = next.reduce((most, b, j) => Math.max(most, Math.abs(b - beta[j]) / (1 + Math.abs(beta[j]))), 0);
    beta = next;
    current = value;
    options.onIteration?.(iteration);
    if (step < options.tolerance) {
      if (!problem.penalty && current < 1e-6 * problem.rows) throw separable();
      return { beta: beta.subarray(0, p), intercept: beta[p] };
    }
  }
  throw problem.penalty
    ? new InvalidInput(`Logistic regression did not converge in ${options.maxIterations} iterations; raise max_iter or alpha.`)
    : separable();
}

function separable(): InvalidInput {
  return new InvalidInput(
    "The two classes are (almost) perfectly separated by the features, so unpenalized logistic regression has no finite solution; use ridge (alpha > 0) for classification.",
  );
}
