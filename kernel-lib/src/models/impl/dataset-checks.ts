/**
 * Checks every model type applies to its input before any native call, so a bad dataset fails
 * with a message naming the row, ticker, time and feature at fault instead of a library error.
 */
import { InvalidInput } from "../../errors.js";
import type { DenseMatrix } from "../native/dense.js";
import type { Dataset, Task } from "../types.js";

/** The part of a Dataset that prediction needs. */
export type FeatureMatrix = Pick<Dataset, "X" | "rows" | "featureNames">;

function where(data: Partial<Dataset>, row: number): string {
  const ticker = data.tickers && data.tickerIndex ? data.tickers[data.tickerIndex[row]] : undefined;
  const time = data.ts && Number.isFinite(data.ts[row]) ? new Date(data.ts[row]).toISOString() : undefined;
  const context = [ticker, time].filter(Boolean).join(" ");
  return context ? `row ${row} (${context})` : `row ${row}`;
}

function checkShape(data: FeatureMatrix, what: string): void {
  const p = data.featureNames?.length ?? 0;
  if (!Number.isInteger(data.rows) || data.rows < 0) throw new InvalidInput(`The ${what} has an invalid row count ${data.rows}; it must be a whole number ≥ 0.`);
  if (p === 0) throw new InvalidInput(`The ${what} has no features; give at least one feature column.`);
  if (!(data.X instanceof Float64Array)) throw new InvalidInput(`The ${what}'s X must be a Float64Array (row-major).`);
  if (data.X.length !== data.rows * p) {
    throw new InvalidInput(`The ${what}'s X holds ${data.X.length} values, but rows × features = ${data.rows} × ${p} = ${data.rows * p}.`);
  }
  const seen = new Set<string>();
  for (const name of data.featureNames) {
    if (typeof name !== "string" || name.length === 0) throw new InvalidInput(`The ${what} has an empty feature name; name every feature column.`);
    if (seen.has(name)) throw new InvalidInput(`The ${what} has the feature '${name}' twice; feature names must be unique.`);
    seen.add(name);
  }
}

function checkNoInfinity(data: FeatureMatrix & Partial<Dataset>, what: string): void {
  const p = data.featureNames.length;
  const X = data.X;
  for (let i = 0; i < X.length; i++) {
    const v = X[i];
    if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) {
      const row = Math.floor(i / p);
      throw new InvalidInput(
        `Feature '${data.featureNames[i % p]}' is ${v > 0 ? "+" : "-"}Infinity at ${where(data, row)} of the ${what}; replace infinities with NaN (missing) or finite values.`,
      );
    }
  }
}

/** Checks a training (or validation) set for `task`: shape, features, finite labels, 0/1 labels with both classes. */
export function checkTrainingSet(data: Dataset, task: Task, what = "training set"): void {
  if (!data || typeof data !== "object") throw new InvalidInput(`The ${what} is missing.`);
  checkShape(data, what);
  if (data.rows < 2) throw new InvalidInput(`The ${what} has ${data.rows} row(s); fitting needs at least 2.`);
  if (!(data.y instanceof Float64Array) || data.y.length !== data.rows) {
    throw new InvalidInput(`The ${what}'s labels y must be a Float64Array with one value per row (${data.rows}), not ${data.y?.length ?? "none"}.`);
  }
  checkNoInfinity(data, what);
  let ones = 0;
  for (let r = 0; r < data.rows; r++) {
    const label = data.y[r];
    if (!Number.isFinite(label)) throw new InvalidInput(`The ${what}'s label is ${label} at ${where(data, r)}; drop rows without a label before fitting.`);
    if (task === "classification") {
      if (label !== 0 && label !== 1) throw new InvalidInput(`Classification labels must be 0 or 1, but the ${what} has ${label} at ${where(data, r)}.`);
      ones += label;
    }
  }
  if (task === "classification" && (ones === 0 || ones === data.rows)) {
    throw new InvalidInput(`All labels of the ${what} are ${ones === 0 ? 0 : 1}; classification needs rows of both classes.`);
  }
}

/** Checks that a validation set has exactly the training features, in the same order. */
export function checkSameFeatures(valid: Dataset, trained: string[]): void {
  const same = valid.featureNames.length === trained.length && valid.featureNames.every((n, j) => n === trained[j]);
  if (!same) {
    throw new InvalidInput(`The validation set's features [${valid.featureNames.join(", ")}] differ from the training set's [${trained.join(", ")}]; build both from the same feature set.`);
  }
}

/**
 * Checks a prediction matrix and returns it with its columns in the trained order (reordering a
 * copy when the same names come in another order). Missing or unknown features are refused.
 */
export function alignFeatures(data: FeatureMatrix, trained: readonly string[]): DenseMatrix {
  if (!data || typeof data !== "object") throw new InvalidInput("Prediction needs { X, rows, featureNames }.");
  checkShape(data, "prediction data");
  const given = data.featureNames;
  const p = trained.length;
  const identical = given.length === p && given.every((n, j) => n === trained[j]);
  let X = data.X;
  if (!identical) {
    const index = new Map(given.map((n, j) => [n, j]));
    const missing = trained.filter((n) => !index.has(n));
    const extra = given.filter((n) => !trained.includes(n));
    if (missing.length > 0 || extra.length > 0) {
      const parts = [missing.length ? `missing ${missing.join(", ")}` : "", extra.length ? `unexpected ${extra.join(", ")}` : ""].filter(Boolean);
      throw new InvalidInput(`The prediction data's features do not match the model's (${parts.join("; ")}). The model was trained on: ${trained.join(", ")}.`);
    }
    const source = trained.map((n) => index.get(n) as number);
    X = new Float64Array(data.rows * p);
    for (let r = 0; r < data.rows; r++) for (let j = 0; j < p; j++) X[r * p + j] = data.X[r * p + source[j]];
  }
  const aligned = { X, rows: data.rows, featureNames: [...trained] };
  checkNoInfinity(aligned, "prediction data");
  return { X, rows: data.rows, cols: p };
}
