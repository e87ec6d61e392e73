/** Every metric of a task at once, for one set of rows (a fold, or all test rows pooled). */
import { accuracy, f1Score, logLoss, precision, recall, rocAuc } from "./classification.js";
import { informationCoefficient, rankInformationCoefficient } from "./correlation.js";
import { directionalAccuracy, meanAbsoluteError, meanSquaredError, rSquared } from "./regression.js";

/** Regression metrics of one set of rows. */
export interface RegressionMetrics {
  /** Rows evaluated. */
  n: number;
  mae: number;
  mse: number;
  rmse: number;
  r2: number;
  directionalAccuracy: number;
  ic: number;
  rankIc: number;
}

/** Classification metrics of one set of rows (class 1 when P(up) > threshold). */
export interface ClassificationMetrics {
  /** Rows evaluated. */
  n: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  rocAuc: number;
  logLoss: number;
}

/** All regression metrics of predicted against realized returns. */
export function regressionMetrics(yTrue: Float64Array, yPred: Float64Array): RegressionMetrics {
  const mse = meanSquaredError(yTrue, yPred);
  return {
    n: yTrue.length,
    mae: meanAbsoluteError(yTrue, yPred),
    mse,
    rmse: Math.sqrt(mse),
    r2: rSquared(yTrue, yPred),
    directionalAccuracy: directionalAccuracy(yTrue, yPred),
    ic: informationCoefficient(yTrue, yPred),
    rankIc: rankInformationCoefficient(yTrue, yPred),
  };
}

/** All classification metrics of P(up) against 0/1 labels. */
export function classificationMetrics(yTrue: Float64Array, prob: Float64Array, threshold = 0.5): ClassificationMetrics {
  return {
    n: yTrue.length,
    accuracy: accuracy(yTrue, prob, threshold),
    precision: precision(yTrue, prob, threshold),
    recall: recall(yTrue, prob, threshold),
    f1: f1Score(yTrue, prob, threshold),
    rocAuc: rocAuc(yTrue, prob),
    logLoss: logLoss(yTrue, prob),
  };
}
