import { trueRange } from "./true-range.js";

/**
 * Wilder's average true range written into `out[period..]`: seeded with the mean of the first
 * `period` true ranges (bars 1..period), then `atr = (atr × (period − 1) + tr) / period`, in
 * TA-Lib's operation order. With `percentOfClose`, each value is written as 100 · ATR / close
 * (0 where the close is 0), TA-Lib's NATR, in the same pass.
 */
export function atrInto(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
  out: Float64Array,
  percentOfClose = false,
): void {
  const n = close.length;
  if (period >= n) return;
  let total = 0;
  for (let i = 1; i <= period; i++) total += trueRange(high[i], low[i], close[i - 1]);
  let atr = total / period;
  out[period] = percentOfClose ? percent(atr, close[period]) : atr;
  const keep = period - 1;
  for (let i = period + 1; i < n; i++) {
    atr *= keep;
    atr += trueRange(high[i], low[i], close[i - 1]);
    atr /= period;
    out[i] = percentOfClose ? percent(atr, close[i]) : atr;
  }
}

/** NATR's normalization: 100 · atr / close, 0 where the close is 0. */
function percent(atr: number, close: number): number {
  return close !== 0 ? (atr / close) * 100 : 0;
}
