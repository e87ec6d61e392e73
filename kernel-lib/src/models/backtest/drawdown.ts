/**
 * Maximum drawdown of an equity curve: the largest fall from a running peak, as a fraction of the
 * peak, and its duration from that peak to the recovery (the first bar back at or above the peak),
 * or to the last bar when the curve never recovers.
 */

const DAY_MS = 86_400_000;

/** The deepest drawdown and how long it lasted. */
export interface Drawdown {
  /** 1 − trough / peak (0.25 means −25%); 0 when equity never falls. */
  maxDrawdown: number;
  /** Bar index of the peak, of the trough, and of the recovery (or the last bar). */
  peakIndex: number;
  troughIndex: number;
  endIndex: number;
  /** Whether equity got back to the peak. */
  recovered: boolean;
  /** Peak to recovery (or to the last bar), in bars and in calendar days. */
  durationBars: number;
  durationDays: number;
}

/** Finds the maximum drawdown of `equity` (one value per bar, times in `ts`). */
export function maxDrawdown(equity: Float64Array, ts: Float64Array): Drawdown {
  let peak = 0;
  let best = { depth: 0, peak: 0, trough: 0 };
  for (let t = 1; t < equity.length; t++) {
    if (equity[t] > equity[peak]) peak = t;
    const depth = 1 - equity[t] / equity[peak];
    if (depth > best.depth) best = { depth, peak, trough: t };
  }
  if (best.depth === 0) {
    return { maxDrawdown: 0, peakIndex: 0, troughIndex: 0, endIndex: 0, recovered: true, durationBars: 0, durationDays: 0 };
  }
  let end = best.trough;
  while (end < equity.length - 1 && equity[end] < equity[best.peak]) end++;
  const recovered = equity[end] >= equity[best.peak];
  return {
    maxDrawdown: best.depth,
    peakIndex: best.peak,
    troughIndex: best.trough,
    endIndex: end,
    recovered,
    durationBars: end - best.peak,
    durationDays: (ts[end] - ts[best.peak]) / DAY_MS,
  };
}
