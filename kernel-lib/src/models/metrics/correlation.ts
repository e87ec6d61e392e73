/**
 * Information coefficients: how well predictions order the realized returns. IC is Pearson's
 * correlation of prediction and realized return; rank IC is Spearman's (Pearson of average ranks).
 * Both are NaN when either side is constant (correlation undefined).
 */
import { checkPair } from "./inputs.js";
import { averageRanks } from "./ranks.js";

/** Pearson correlation, two-pass (centred) for accuracy; NaN when either side has zero variance. */
export function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < n; i++) {
    meanA += a[i];
    meanB += b[i];
  }
  meanA /= n;
  meanB /= n;
  let cov = 0;
  let varA = 0;
  let varB = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - meanA;
    const db = b[i] - meanB;
    cov += da * db;
    varA += da * da;
    varB += db * db;
  }
  return varA > 0 && varB > 0 ? cov / Math.sqrt(varA * varB) : Number.NaN;
}

/** IC: Pearson correlation of predictions and realized returns. */
export function informationCoefficient(yTrue: Float64Array, yPred: Float64Array): number {
  checkPair(yTrue, yPred, "information coefficient");
  return pearson(yPred, yTrue);
}

/** Rank IC: Spearman correlation (ties get average ranks) of predictions and realized returns. */
export function rankInformationCoefficient(yTrue: Float64Array, yPred: Float64Array): number {
  checkPair(yTrue, yPred, "rank information coefficient");
  return pearson(averageRanks(yPred), averageRanks(yTrue));
}
