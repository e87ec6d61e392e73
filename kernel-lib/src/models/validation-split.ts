import type { Dataset } from "./types.js";

/**
 * Splits training rows chronologically for early stopping: the last `fraction` of the training
 * times become the validation set, and the `horizon` times before it are dropped so no training
 * label reaches into validation. Returns undefined when too few rows remain for either side.
 */
export function chronologicalValidation(
  train: Dataset,
  horizon: number,
  fraction = 0.15,
): { fit: Int32Array; valid: Int32Array } | undefined {
  const times = [...new Set(train.ts)].sort((a, b) => a - b);
  const cut = Math.floor(times.length * (1 - fraction));
  if (cut - horizon < 20 || times.length - cut < 10) return undefined;
  const validFrom = times[cut];
  const fitBefore = times[cut - horizon];
  const fit: number[] = [];
  const valid: number[] = [];
  for (let r = 0; r < train.rows; r++) {
    if (train.ts[r] >= validFrom) valid.push(r);
    else if (train.ts[r] < fitBefore) fit.push(r);
  }
  return { fit: Int32Array.from(fit), valid: Int32Array.from(valid) };
}
