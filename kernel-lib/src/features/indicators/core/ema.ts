/** The EMA smoothing factor TA-Lib uses for a period: 2 / (period + 1). */
export function emaFactor(period: number): number {
  return 2 / (period + 1);
}

/**
 * Exponential moving average of `src[from..]` written into `out[from + period - 1 ..]`, seeded with
 * the simple average of the first `period` values (TA-Lib's default compatibility mode).
 */
export function emaInto(src: Float64Array, from: number, period: number, k: number, out: Float64Array): void {
  const n = src.length;
  const first = from + period - 1;
  if (first >= n) return;
  let sum = 0;
  for (let i = from; i <= first; i++) sum += src[i];
  let prev = sum / period;
  out[first] = prev;
  for (let i = first + 1; i < n; i++) {
    prev = (src[i] - prev) * k + prev;
    out[i] = prev;
  }
}
