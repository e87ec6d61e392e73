/**
 * The judge of the planted signals: the mean daily cross-sectional Spearman Rank IC of a signal
 * against forward returns, measured on the generated bars (adjusted closes) with its own ranking
 * code (average ranks for ties), so it shares nothing with the generator's drift but the bars.
 * The standard error is Newey–West with Bartlett weights and lag 2 × horizon: forward returns of
 * neighbouring days overlap, and Bartlett weights at lag = horizon would understate the variance
 * of such overlapping sums by about a third.
 */
import type { Sample500Market } from "./generate.js";

/** Log adjusted closes as a tickers × sessions matrix (row i = ticker i, NaN where not listed). */
export function logAdjustedCloses(market: Sample500Market): Float64Array {
  const T = market.days.length;
  const out = new Float64Array(market.frames.length * T).fill(Number.NaN);
  market.frames.forEach((frame, i) => {
    const first = market.specs[i].listedDay;
    for (let k = 0; k < frame.ts.length; k++) out[i * T + first + k] = Math.log(frame.adjClose[k]);
  });
  return out;
}

/** A measured mean Rank IC. */
export interface RankIcMeasurement {
  mean: number;
  /** Newey–West standard error of the mean. */
  standardError: number;
  /** Days with at least `minTickers` tickers having both the signal and the forward return. */
  days: number;
}

/** Average ranks (1-based, ties share their mean rank) of `x[0..n)`. */
function averageRanks(x: Float64Array, n: number): Float64Array {
  const idx = Array.from({ length: n }, (_, k) => k).sort((a, b) => x[a] - x[b]);
  const ranks = new Float64Array(n);
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && x[idx[end + 1]] === x[idx[start]]) end++;
    for (let k = start; k <= end; k++) ranks[idx[k]] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return ranks;
}

/** Spearman correlation of `a[0..n)` and `b[0..n)`. */
export function spearman(a: Float64Array, b: Float64Array, n: number): number {
  const ra = averageRanks(a, n);
  const rb = averageRanks(b, n);
  const m = (n + 1) / 2;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let k = 0; k < n; k++) {
    cov += (ra[k] - m) * (rb[k] - m);
    va += (ra[k] - m) ** 2;
    vb += (rb[k] - m) ** 2;
  }
  return cov / Math.sqrt(va * vb);
}

/** Mean and Newey–West standard error (Bartlett weights up to `lag`) of a series. */
export function neweyWestMean(x: readonly number[], lag: number): { mean: number; standardError: number } {
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const autocov = (k: number) => {
    let s = 0;
    for (let t = k; t < n; t++) s += (x[t] - mean) * (x[t - k] - mean);
    return s / n;
  };
  let variance = autocov(0);
  for (let k = 1; k <= lag; k++) variance += 2 * (1 - k / (lag + 1)) * autocov(k);
  return { mean, standardError: Math.sqrt(Math.max(variance, 0) / n) };
}

/**
 * Mean daily Rank IC of `signal(i, t)` (NaN when undefined) against the forward log return of the
 * adjusted close from t to t + horizon, over the tickers having both, on days with ≥ minTickers.
 */
export function measureRankIC(
  logClose: Float64Array,
  tickers: number,
  sessions: number,
  signal: (i: number, t: number) => number,
  horizon: number,
  minTickers = 50,
): RankIcMeasurement {
  const a = new Float64Array(tickers);
  const b = new Float64Array(tickers);
  const daily: number[] = [];
  for (let t = 0; t + horizon < sessions; t++) {
    let n = 0;
    for (let i = 0; i < tickers; i++) {
      const s = signal(i, t);
      const forward = logClose[i * sessions + t + horizon] - logClose[i * sessions + t];
      if (Number.isNaN(s) || Number.isNaN(forward)) continue;
      a[n] = s;
      b[n++] = forward;
    }
    if (n >= minTickers) daily.push(spearman(a, b, n));
  }
  return { ...neweyWestMean(daily, 2 * horizon), days: daily.length };
}

/** The signal log(P_{t−to} / P_{t−from}) on a log-close matrix (NaN before enough history). */
export function windowReturn(logClose: Float64Array, sessions: number, from: number, to: number) {
  return (i: number, t: number): number =>
    t < from ? Number.NaN : logClose[i * sessions + t - to] - logClose[i * sessions + t - from];
}
