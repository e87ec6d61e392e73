/**
 * Rolling population variance of `src[from..]` written into `out[from + period - 1 ..]`, computed
 * as TA-Lib's VAR does (ta_codegen var.c, #118/#243), so STDDEV-based outputs agree with it:
 * - running sums of deviations from a shift near the window (no ~mean² cancellation);
 * - the shift is re-anchored to the window mean, with a fresh two-pass, when the variance falls
 *   below 1e-6 of the mean squared deviation, when an outlier leaves the window, and at least
 *   every 32·period bars;
 * - after a re-anchor, a variance below 1e-12 of the mean squared deviation is exactly 0, so a
 *   flat window reports 0 rather than rounding residue.
 */
export function varianceInto(src: Float64Array, from: number, period: number, out: Float64Array): void {
  const n = src.length;
  const first = from + period - 1;
  if (first >= n) return;
  const invPeriod = 1 / period;
  let trailing = from;
  let shift = src[trailing];
  let total1 = 0;
  let total2 = 0;
  for (let j = trailing; j < first; j++) {
    const d = src[j] - shift;
    total1 += d;
    total2 += d * d;
  }
  let barsSinceReseed = 32 * period;
  for (let i = first; i < n; i++) {
    let d = src[i] - shift;
    total1 += d;
    total2 += d * d;
    let mean = total1 * invPeriod;
    let variance = total2 * invPeriod - mean * mean;
    // Remove the trailing value, preparing the next window.
    d = src[trailing] - shift;
    total1 -= d;
    let squared = d * d;
    total2 -= squared;
    trailing++;
    barsSinceReseed--;
    if (variance < 0.000001 * (total2 * invPeriod) || squared > 1000000 * total2 || barsSinceReseed <= 0) {
      barsSinceReseed = 32 * period;
      const windowStart = i - period + 1;
      let sum = 0;
      for (let j = windowStart; j <= i; j++) sum += src[j];
      shift = sum * invPeriod;
      total1 = 0;
      total2 = 0;
      for (let j = windowStart; j <= i; j++) {
        const dev = src[j] - shift;
        total1 += dev;
        total2 += dev * dev;
      }
      mean = total1 * invPeriod;
      variance = total2 * invPeriod - mean * mean;
      if (variance < 0.000000000001 * (total2 * invPeriod)) variance = 0;
      d = src[windowStart] - shift;
      total1 -= d;
      squared = d * d;
      total2 -= squared;
    }
    out[i] = variance;
  }
}
