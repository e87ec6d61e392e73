/** Regression metrics of predicted against realized forward returns. */
import { checkPair } from "./inputs.js";

/** Mean absolute error. */
export function meanAbsoluteError(yTrue: Float64Array, yPred: Float64Array): number {
  checkPair(yTrue, yPred, "MAE");
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += Math.abs(yTrue[i] - yPred[i]);
  return sum / yTrue.length;
}

/** Mean squared error. */
export function meanSquaredError(yTrue: Float64Array, yPred: Float64Array): number {
  checkPair(yTrue, yPred, "MSE");
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += (yTrue[i] - yPred[i]) ** 2;
  return sum / yTrue.length;
}

/** Root mean squared error. */
export function rootMeanSquaredError(yTrue: Float64Array, yPred: Float64Array): number {
  return Math.sqrt(meanSquaredError(yTrue, yPred));
}

/** R² = 1 − SS_res / SS_tot (SS_tot around the mean of yTrue); NaN when yTrue is constant. */
export function rSquared(yTrue: Float64Array, yPred: Float64Array): number {
  checkPair(yTrue, yPred, "R²");
  let mean = 0;
  for (let i = 0; i < yTrue.length; i++) mean += yTrue[i];
  mean /= yTrue.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < yTrue.length; i++) {
    ssRes += (yTrue[i] - yPred[i]) ** 2;
    ssTot += (yTrue[i] - mean) ** 2;
  }
  return ssTot > 0 ? 1 - ssRes / ssTot : Number.NaN;
}

/**
 * Directional accuracy: the fraction of rows where sign(prediction) = sign(realized), with
 * sign(0) = 0 (numpy.sign) — so a zero prediction counts as right only when the return is exactly 0.
 */
export function directionalAccuracy(yTrue: Float64Array, yPred: Float64Array): number {
  checkPair(yTrue, yPred, "directional accuracy");
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (Math.sign(yTrue[i]) === Math.sign(yPred[i])) hits++;
  return hits / yTrue.length;
}
