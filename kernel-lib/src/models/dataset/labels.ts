/**
 * Labels for horizon h: the forward return from bar t to bar t + h, and its direction. A label
 * needs bar t + h, so the last h bars have none (NaN).
 */

/** label(t) = close[t + h] / close[t] − 1; NaN for the last h bars, whose end bar does not exist yet. */
export function forwardReturns(close: Float64Array, horizon: number): Float64Array {
  const n = close.length;
  const out = new Float64Array(n);
  out.fill(Number.NaN);
  for (let t = 0; t + horizon < n; t++) out[t] = close[t + horizon] / close[t] - 1;
  return out;
}

/** Classification label: 1 when the forward return is > 0; a zero or negative return is 0 ("not up"). */
export function directionOf(forwardReturn: number): 0 | 1 {
  return forwardReturn > 0 ? 1 : 0;
}
