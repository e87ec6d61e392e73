/**
 * Simple moving average of `src[from..]` written into `out[from + period - 1 ..]`.
 * Follows TA-Lib's TA_SMA step for step (add the new bar, emit, subtract the oldest) so the
 * running sum rounds exactly as TA-Lib's does.
 */
export function smaInto(src: Float64Array, from: number, period: number, out: Float64Array): void {
  const n = src.length;
  const first = from + period - 1;
  if (first >= n) return;
  let total = 0;
  for (let i = from; i < first; i++) total += src[i];
  let trailing = from;
  for (let i = first; i < n; i++) {
    total += src[i];
    const windowTotal = total;
    total -= src[trailing++];
    out[i] = windowTotal / period;
  }
}
