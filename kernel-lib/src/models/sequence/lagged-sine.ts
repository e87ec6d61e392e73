/**
 * A synthetic series with a pattern only a sequence model can use, for tests and the benchmark:
 * feature `signal` is a noisy sine; the label is the sine's next value plus noise. The last value
 * alone is a poor forecast (the sine moves); the phase, readable from a window, predicts it well.
 */
import { seededNormal } from "../impl/synthetic.js";
import type { Dataset } from "../types.js";

/** What to generate. */
export interface LaggedSineOptions {
  rows: number;
  /** Bars per sine cycle. */
  period?: number;
  /** Standard deviation of the noise on the feature and on the label. */
  noise?: number;
  seed?: number;
  /** Extra pure-noise feature columns (default 0). */
  extraFeatures?: number;
  /** Tickers, each with its own phase, stacked one after another (default 1). */
  tickers?: number;
}

/** The lagged-sine dataset: rows stacked per ticker, daily timestamps. */
export function laggedSineDataset(o: LaggedSineOptions): Dataset {
  const period = o.period ?? 16;
  const noise = o.noise ?? 0.1;
  const extra = o.extraFeatures ?? 0;
  const tickers = o.tickers ?? 1;
  const normal = seededNormal(o.seed ?? 7);
  const p = 1 + extra;
  const rows = o.rows * tickers;
  const X = new Float64Array(rows * p);
  const y = new Float64Array(rows);
  const ts = new Float64Array(rows);
  const tickerIndex = new Int32Array(rows);
  for (let k = 0; k < tickers; k++) {
    const phase = (2 * Math.PI * k) / (tickers + 1);
    for (let t = 0; t < o.rows; t++) {
      const r = k * o.rows + t;
      X[r * p] = Math.sin((2 * Math.PI * t) / period + phase) + noise * normal();
      for (let j = 1; j < p; j++) X[r * p + j] = normal();
      y[r] = Math.sin((2 * Math.PI * (t + 1)) / period + phase) + noise * normal();
      ts[r] = Date.UTC(2010, 0, 4) + t * 86_400_000;
      tickerIndex[r] = k;
    }
  }
  const featureNames = ["signal", ...Array.from({ length: extra }, (_, j) => `noise_${j}`)];
  return { featureNames, X, y, rows, ts, tickerIndex, tickers: Array.from({ length: tickers }, (_, k) => `SINE${k}`) };
}

/** RMSE of the naive forecast "the label is the last observed signal" (feature 0) over `data`. */
export function naiveLastValueRmse(data: Dataset): number {
  const p = data.featureNames.length;
  let sum = 0;
  for (let r = 0; r < data.rows; r++) sum += (data.y[r] - data.X[r * p]) ** 2;
  return Math.sqrt(sum / data.rows);
}
