/** Time-range selection on frames, by binary search on the sorted timestamps. */
import { allocFrame, BAR_COLUMNS, type BarFrame } from "../frame.js";

/** Index of the first timestamp ≥ `t` (or `ts.length`). */
export function lowerBound(ts: Float64Array, t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first timestamp > `t` (or `ts.length`). */
export function upperBound(ts: Float64Array, t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A copy of the rows with `start ≤ ts ≤ end` (either bound optional); never shares memory with `frame`. */
export function selectTimeRange(frame: BarFrame, start?: number, end?: number): BarFrame {
  const from = start === undefined ? 0 : lowerBound(frame.ts, start);
  const to = end === undefined ? frame.ts.length : upperBound(frame.ts, end);
  const n = Math.max(0, to - from);
  const out = allocFrame(frame.ticker, frame.interval, n);
  for (const c of BAR_COLUMNS) out[c].set(frame[c].subarray(from, from + n));
  return out;
}
