/**
 * Which training runs must reproduce bit for bit, and the tolerance (with the reason) for those
 * that need not: reproduction compares metrics and predictions against this.
 */

/** How exactly a model type with these hyperparameters reproduces. */
export interface Determinism {
  /** True when the same data, spec and seed give identical predictions. */
  deterministic: boolean;
  /** Largest accepted |original − reproduced| / max(1, |original|); 0 when deterministic. */
  tolerance: number;
  /** Why, in words a user can act on. */
  reason: string;
}

/** Tolerance for model types or settings that are not bit-for-bit deterministic. */
export const NONDETERMINISTIC_TOLERANCE = 1e-6;

/** The determinism of `type` trained with `params` (resolved hyperparameters). */
export function determinismOf(type: string, params: Record<string, unknown>): Determinism {
  const loose = (reason: string): Determinism => ({ deterministic: false, tolerance: NONDETERMINISTIC_TOLERANCE, reason });
  if (type === "linear") return { deterministic: true, tolerance: 0, reason: "closed-form least squares on one thread" };
  if (type === "lightgbm" || type === "random_forest") {
    return params.deterministic === true
      ? { deterministic: true, tolerance: 0, reason: `LightGBM with deterministic=true and seed ${String(params.seed)}` }
      : loose("LightGBM with deterministic=false: multithreaded histogram building may sum floats in another order; set deterministic: true");
  }
  if (type === "xgboost") {
    return params.nthread === 1
      ? { deterministic: true, tolerance: 0, reason: `XGBoost on one thread (nthread=1) with seed ${String(params.seed)}` }
      : loose("XGBoost on several threads: gradient sums may be added in another order; set nthread: 1 for identical results");
  }
  return loose(`model type '${type}' is not declared deterministic (stochastic optimisation or multithreaded float summation order)`);
}
