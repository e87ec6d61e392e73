import type { Dataset } from "./types.js";

/** The rows `rows` of a dataset (copied), keeping its feature names and tickers. */
export function subsetRows(data: Dataset, rows: Int32Array): Dataset {
  const p = data.featureNames.length;
  const X = new Float64Array(rows.length * p);
  const y = new Float64Array(rows.length);
  const ts = new Float64Array(rows.length);
  const tickerIndex = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    X.set(data.X.subarray(r * p, (r + 1) * p), k * p);
    y[k] = data.y[r];
    ts[k] = data.ts[r];
    tickerIndex[k] = data.tickerIndex[r];
  }
  return { featureNames: data.featureNames, X, y, rows: rows.length, ts, tickerIndex, tickers: data.tickers };
}
