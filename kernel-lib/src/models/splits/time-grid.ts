/** The panel's distinct bar times, sorted, and binary searches over them. */

/** Sorted distinct values of `ts`. */
export function uniqueTimes(ts: Float64Array): Float64Array {
  const sorted = Float64Array.from(ts).sort();
  let k = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[k - 1]) sorted[k++] = sorted[i];
  return sorted.slice(0, k);
}

/** Index of the first element ≥ value (sorted.length when none). */
export function firstAtOrAfter(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element > value (sorted.length when none). */
export function firstAfter(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
