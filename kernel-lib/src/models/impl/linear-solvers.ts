/**
 * The fits behind `linear` and `ridge`: least squares (with an optional L2 penalty) and logistic
 * regression by iteratively reweighted least squares. Features are centred on their training
 * means (missing values take the mean, i.e. 0 once centred); the intercept is never penalized.
 * Without a penalty, a feature that is constant or a linear combination of the features before it
 * is aliased, as in R's lm and glm: left out of the fit, its coefficient 0 (R reports NA), so the
 * fit and its predictions are those of the model without it.
 */
import { InvalidInput } from "../../errors.js";
import { TallQR } from "./tall-qr.js";

/** A fitted linear predictor on centred features: f(x) = intercept + Σ β_j (x_j − mean_j). */
export interface CentredFit {
  beta: Float64Array;
  /** Intercept at the feature means. */
  intercept: number;
  /** Indices of the aliased features (their coefficients are 0), in order. */
  aliased: number[];
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

function allAliased(problem: LinearProblem): InvalidInput {
  return new InvalidInput(
    `Every feature (${problem.names.join(", ")}) is constant in the training rows, so there is nothing to fit; choose features that vary.`,
    [{ path: "featureNames", message: "no varying feature" }],
  );
}

/** The problem over the features not in `aliased` (their columns copied out). */
function withoutColumns(problem: LinearProblem, aliased: number[]): { reduced: LinearProblem; kept: number[] } {
  const p = problem.names.length;
  const drop = new Set(aliased);
  const kept = problem.names.map((_, j) => j).filter((j) => !drop.has(j));
  const q = kept.length;
  const X = new Float64Array(problem.rows * q);
  for (let r = 0; r < problem.rows; r++) for (let c = 0; c < q; c++) X[r * q + c] = problem.X[r * p + kept[c]];
  const reduced: LinearProblem = {
    ...problem,
    X,
    names: kept.map((j) => problem.names[j]),
    means: Float64Array.from(kept, (j) => problem.means[j]),
    penalty: problem.penalty ? Float64Array.from(kept, (j) => (problem.penalty as Float64Array)[j]) : undefined,
  };
  return { reduced, kept };
}

/** A fit over the kept features, spread back over all `p` (0 for the aliased). */
function widen(fit: CentredFit, p: number, kept: number[], aliased: number[]): CentredFit {
  const beta = new Float64Array(p);
  kept.forEach((j, c) => {
    beta[j] = fit.beta[c];
  });
  return { beta, intercept: fit.intercept, aliased };
}

/** The R factor of the centred features (and y) over every training row, built block by block. */
async function factor(problem: LinearProblem, rhs: (start: number, m: number, out: Float64Array) => void): Promise<TallQR> {
  const p = problem.names.length;
  const qr = new TallQR(p);
  const block = new Float64Array((p + 1) * BLOCK);
  for (let start = 0; start < problem.rows; start += BLOCK) {
    const m = Math.min(BLOCK, problem.rows - start);
    const view = block.subarray(0, (p + 1) * m);
    centredBlock(problem, start, m, view);
    rhs(start, m, view.subarray(p * m));
    qr.addBlock(view, m);
    await problem.pause();
  }
  return qr;
}

/** Ordinary (penalty undefined) or ridge least squares of y on the centred features, by TSQR. */
export async function fitLeastSquares(problem: LinearProblem): Promise<CentredFit> {
  const p = problem.names.length;
  const { rows, y } = problem;
  let yMean = 0;
  for (let r = 0; r < rows; r++) yMean += (y[r] - yMean) / (r + 1);
  const qr = await factor(problem, (start, m, out) => {
    for (let i = 0; i < m; i++) out[i] = y[start + i] - yMean;
  });
  if (problem.penalty) {
    // every penalized coefficient is determined, collinear or not
    qr.addBlock(penaltyRows(problem.penalty, p, p), p);
    return { beta: qr.solve(), intercept: yMean, aliased: [] };
  }
  const aliased = qr.aliasedColumns();
  if (aliased.length === 0) return { beta: qr.solve(), intercept: yMean, aliased };
  if (aliased.length === p) throw allAliased(problem);
  const { reduced, kept } = withoutColumns(problem, aliased);
  return widen(await fitLeastSquares(reduced), p, kept, aliased);
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
  if (!problem.penalty) {
    const aliased = (await factor(problem, (_start, _m, out) => out.fill(0))).aliasedColumns();
    if (aliased.length === problem.names.length) throw allAliased(problem);
    if (aliased.length > 0) {
      const { reduced, kept } = withoutColumns(problem, aliased);
      return widen(await fitLogisticFullRank(reduced, options), problem.names.length, kept, aliased);
    }
  }
  return fitLogisticFullRank(problem, options);
}

async function fitLogisticFullRank(problem: LinearProblem, options: LogisticOptions): Promise<CentredFit> {
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
    // the features have full rank (aliased ones were left out): a singular step means vanishing weights
    if (qr.deficientColumn() >= 0) throw separable();
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
      return { beta: beta.subarray(0, p), intercept: beta[p], aliased: [] };
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
