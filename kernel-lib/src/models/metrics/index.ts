/** Evaluation metrics of predictions: regression, information coefficients, classification, folds. */
export {
  accuracy,
  type Confusion,
  confusion,
  f1Score,
  LOG_LOSS_EPSILON,
  logLoss,
  precision,
  recall,
  rocAuc,
} from "./classification.js";
export { informationCoefficient, pearson, rankInformationCoefficient } from "./correlation.js";
export { evaluateFolds, type FoldedMetrics, type FoldPredictions, type MetricValues } from "./folds.js";
export { averageRanks } from "./ranks.js";
export { directionalAccuracy, meanAbsoluteError, meanSquaredError, rootMeanSquaredError, rSquared } from "./regression.js";
export { type ClassificationMetrics, classificationMetrics, type RegressionMetrics, regressionMetrics } from "./summary.js";
