/**
 * Classification metrics of P(up) against 0/1 labels. The predicted class is 1 when the
 * probability is > threshold (0.5 by default; as XGBoost's and LightGBM's classifiers decide).
 * Undefined ratios are NaN: precision with no predicted positives, recall with no actual
 * positives, F1 with neither, ROC AUC with a single class.
 */
import { z } from "zod";
import { validate } from "../../util/validate.js";
import { checkBinary } from "./inputs.js";
import { averageRanks } from "./ranks.js";

/** Clipping of probabilities in log loss, so a confident miss costs ln(1e15) ≈ 34.5 instead of ∞. */
export const LOG_LOSS_EPSILON = 1e-15;

const thresholdSchema = z.number({ error: "must be a number" }).min(0, { error: "must be ≥ 0" }).max(1, { error: "must be ≤ 1" });

/** Counts of the 2×2 confusion matrix at a threshold. */
export interface Confusion {
  truePositive: number;
  falsePositive: number;
  trueNegative: number;
  falseNegative: number;
}

/** The confusion matrix of `prob > threshold` against the labels. */
export function confusion(yTrue: Float64Array, prob: Float64Array, threshold = 0.5): Confusion {
  checkBinary(yTrue, prob, "confusion matrix");
  validate(thresholdSchema, threshold, "classification threshold");
  const c: Confusion = { truePositive: 0, falsePositive: 0, trueNegative: 0, falseNegative: 0 };
  for (let i = 0; i < yTrue.length; i++) {
    const predicted = prob[i] > threshold;
    if (yTrue[i] === 1 && predicted) c.truePositive++;
    else if (yTrue[i] === 1) c.falseNegative++;
    else if (predicted) c.falsePositive++;
    else c.trueNegative++;
  }
  return c;
}

/** Accuracy: (TP + TN) / n. */
export function accuracy(yTrue: Float64Array, prob: Float64Array, threshold = 0.5): number {
  const c = confusion(yTrue, prob, threshold);
  return (c.truePositive + c.trueNegative) / yTrue.length;
}

/** Precision: TP / (TP + FP); NaN when nothing is predicted positive. */
export function precision(yTrue: Float64Array, prob: Float64Array, threshold = 0.5): number {
  const c = confusion(yTrue, prob, threshold);
  return ratio(c.truePositive, c.truePositive + c.falsePositive);
}

/** Recall: TP / (TP + FN); NaN when no label is positive. */
export function recall(yTrue: Float64Array, prob: Float64Array, threshold = 0.5): number {
  const c = confusion(yTrue, prob, threshold);
  return ratio(c.truePositive, c.truePositive + c.falseNegative);
}

/** F1: 2TP / (2TP + FP + FN), the harmonic mean of precision and recall; NaN when TP + FP + FN = 0. */
export function f1Score(yTrue: Float64Array, prob: Float64Array, threshold = 0.5): number {
  const c = confusion(yTrue, prob, threshold);
  return ratio(2 * c.truePositive, 2 * c.truePositive + c.falsePositive + c.falseNegative);
}

/**
 * ROC AUC by Mann–Whitney: (sum of the positives' average ranks − n₁(n₁+1)/2) / (n₁ n₀), i.e. the
 * probability that a random positive scores above a random negative, ties counting one half.
 */
export function rocAuc(yTrue: Float64Array, prob: Float64Array): number {
  checkBinary(yTrue, prob, "ROC AUC");
  const ranks = averageRanks(prob);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    if (yTrue[i] === 1) {
      positives++;
      rankSum += ranks[i];
    }
  }
  const negatives = yTrue.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Log loss: mean of −[y ln p + (1 − y) ln(1 − p)], p clipped to [1e-15, 1 − 1e-15]. */
export function logLoss(yTrue: Float64Array, prob: Float64Array): number {
  checkBinary(yTrue, prob, "log loss");
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const p = Math.min(Math.max(prob[i], LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
    sum -= yTrue[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / yTrue.length;
}

function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : Number.NaN;
}
