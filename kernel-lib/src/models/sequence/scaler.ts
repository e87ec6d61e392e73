/**
 * Standardization for the sequence networks: per-feature mean and standard deviation, and for
 * regression the label's, fitted on the training rows alone and saved with the model.
 */
import { columnStats } from "../impl/column-stats.js";

/** Per-feature statistics, in the model's feature order. */
export interface FeatureScaler {
  means: number[];
  /** Population standard deviations; a constant feature gets 1 (it scales to 0 everywhere). */
  sds: number[];
}

/** The label's mean and standard deviation (regression), so the network fits a unit-scale target. */
export interface TargetScaler {
  mean: number;
  sd: number;
}

/** Fits the feature scaler on `rows` rows of row-major `X` (NaN skipped). */
export function fitFeatureScaler(X: Float64Array, rows: number, names: readonly string[]): FeatureScaler {
  const stats = columnStats(X, rows, names);
  return { means: Array.from(stats.means), sds: Array.from(stats.sds, (sd) => (sd > 0 ? sd : 1)) };
}

/** (x − mean) / sd per feature, as float32; a missing (NaN) value becomes 0, the training mean. */
export function scaleFeatures(X: Float64Array, rows: number, scaler: FeatureScaler): Float32Array {
  const p = scaler.means.length;
  const out = new Float32Array(rows * p);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < p; j++) {
      const v = X[r * p + j];
      out[r * p + j] = Number.isNaN(v) ? 0 : (v - scaler.means[j]) / scaler.sds[j];
    }
  }
  return out;
}

/** Fits the target scaler on the training labels. */
export function fitTargetScaler(y: Float64Array): TargetScaler {
  const stats = columnStats(y, y.length, ["label"]);
  return { mean: stats.means[0], sd: stats.sds[0] > 0 ? stats.sds[0] : 1 };
}

/** Labels on the network's scale, as float32. */
export function scaleTarget(y: Float64Array, scaler: TargetScaler): Float32Array {
  return Float32Array.from(y, (v) => (v - scaler.mean) / scaler.sd);
}

/** Network outputs back on the label's scale. */
export function unscaleTarget(z: Float32Array | Float64Array, scaler: TargetScaler): Float64Array {
  return Float64Array.from(z, (v) => v * scaler.sd + scaler.mean);
}
