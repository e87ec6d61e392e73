/**
 * Cross-sectional rank scores: the tickers' values on one day turned into evenly spaced scores
 * √12·((rank + ½)/n − ½), uniform on about (−√3, √3) with mean 0 and variance 1 (up to 1/n²).
 * Bounded scores keep the planted drift bounded, and a score linear in the rank makes the drift
 * speak the language of a Rank IC. (Equal values share the lower rank.)
 */

const SQRT12 = Math.sqrt(12);

/** Writes the rank score of `values[k]` among `values[0..n)` into `out[k]`; `sorted` is scratch space of length ≥ n. */
export function rankScores(values: Float64Array, n: number, out: Float64Array, sorted: Float64Array): void {
  const view = sorted.subarray(0, n);
  view.set(values.subarray(0, n));
  view.sort(); // numeric and native: much faster than sorting indices with a comparator
  for (let k = 0; k < n; k++) {
    const x = values[k];
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (view[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    out[k] = SQRT12 * ((lo + 0.5) / n - 0.5);
  }
}
