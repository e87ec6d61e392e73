/**
 * Metrics per fold and across folds. Two different aggregates, both reported:
 * - mean / std: the metric computed in each fold, then averaged across folds (std is the population
 *   standard deviation, numpy's default ddof = 0; folds where the metric is NaN are left out);
 * - pooled: the metric computed once over every fold's test rows concatenated.
 */
import { InvalidInput } from "../../errors.js";
import type { Task } from "../types.js";
import { type ClassificationMetrics, classificationMetrics, type RegressionMetrics, regressionMetrics } from "./summary.js";

/** Realized values and predictions of one fold's test rows. */
export interface FoldPredictions {
  yTrue: Float64Array;
  yPred: Float64Array;
}

/** The metric values without the row count (what a mean or std across folds holds). */
export type MetricValues<M> = Omit<M, "n">;

/** Metrics per fold, their mean and std across folds, and the metrics of all test rows pooled. */
export interface FoldedMetrics<M> {
  perFold: M[];
  /** Mean across folds of each fold's metric (NaN folds left out). */
  mean: MetricValues<M>;
  /** Population std across folds of each fold's metric (NaN folds left out). */
  std: MetricValues<M>;
  /** The metrics over all folds' test rows together. */
  pooled: M;
}

/** Evaluates each fold, aggregates across folds, and pools all test rows. */
export function evaluateFolds(task: "regression", folds: FoldPredictions[]): FoldedMetrics<RegressionMetrics>;
export function evaluateFolds(task: "classification", folds: FoldPredictions[], threshold?: number): FoldedMetrics<ClassificationMetrics>;
export function evaluateFolds(task: Task, folds: FoldPredictions[], threshold?: number): FoldedMetrics<RegressionMetrics | ClassificationMetrics>;
export function evaluateFolds(
  task: Task,
  folds: FoldPredictions[],
  threshold = 0.5,
): FoldedMetrics<RegressionMetrics> | FoldedMetrics<ClassificationMetrics> {
  if (!Array.isArray(folds) || folds.length === 0) {
    throw new InvalidInput("evaluateFolds needs at least one fold of { yTrue, yPred }");
  }
  const evaluate = (yTrue: Float64Array, yPred: Float64Array) =>
    task === "classification" ? classificationMetrics(yTrue, yPred, threshold) : regressionMetrics(yTrue, yPred);
  const perFold = folds.map((f) => evaluate(f.yTrue, f.yPred));
  const pooled = evaluate(concat(folds.map((f) => f.yTrue)), concat(folds.map((f) => f.yPred)));
  const names = Object.keys(pooled).filter((name) => name !== "n");
  const mean: Record<string, number> = {};
  const std: Record<string, number> = {};
  for (const name of names) {
    const values = perFold.map((m) => (m as unknown as Record<string, number>)[name]).filter((v) => !Number.isNaN(v));
    const mu = values.reduce((sum, v) => sum + v, 0) / values.length;
    mean[name] = values.length > 0 ? mu : Number.NaN;
    std[name] = values.length > 0 ? Math.sqrt(values.reduce((sum, v) => sum + (v - mu) ** 2, 0) / values.length) : Number.NaN;
  }
  return { perFold, mean, std, pooled } as FoldedMetrics<RegressionMetrics> | FoldedMetrics<ClassificationMetrics>;
}

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
