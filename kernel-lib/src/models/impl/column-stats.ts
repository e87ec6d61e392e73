/** Per-feature means and standard deviations over the non-missing values of a row-major matrix. */
import { InvalidInput } from "../../errors.js";

/** Means and (population) standard deviations per feature, NaN values skipped. */
export interface ColumnStats {
  means: Float64Array;
  sds: Float64Array;
  /** Missing (NaN) values per feature. */
  missing: Int32Array;
}

/** Column statistics of `X` (rows × names.length); a feature with no value at all is refused, by name. */
export function columnStats(X: Float64Array, rows: number, names: readonly string[]): ColumnStats {
  const p = names.length;
  const count = new Float64Array(p);
  const mean = new Float64Array(p);
  const m2 = new Float64Array(p);
  for (let r = 0; r < rows; r++) {
    const base = r * p;
    for (let j = 0; j < p; j++) {
      const v = X[base + j];
      if (Number.isNaN(v)) continue;
      // Welford: stable for features with a large offset (prices, volumes).
      const n = ++count[j];
      const d = v - mean[j];
      mean[j] += d / n;
      m2[j] += d * (v - mean[j]);
    }
  }
  const missing = new Int32Array(p);
  const sds = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    if (count[j] === 0) throw new InvalidInput(`Feature '${names[j]}' is missing (NaN) in every training row; drop it or give it values.`);
    missing[j] = rows - count[j];
    sds[j] = Math.sqrt(m2[j] / count[j]);
  }
  return { means: mean, sds, missing };
}
