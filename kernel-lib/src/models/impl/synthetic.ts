/**
 * Deterministic synthetic datasets with a known structure, for the model tests, the end-to-end
 * comparisons with Python and the benchmark.
 */
import type { Dataset } from "../types.js";

/** A seeded uniform [0, 1) generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded standard normal generator (Box–Muller). */
export function seededNormal(seed: number): () => number {
  const uniform = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** What to generate. */
export interface SyntheticOptions {
  rows: number;
  features: number;
  seed: number;
  /** The label of one row from its features (a view) and a normal noise source. */
  label: (x: Float64Array, noise: () => number) => number;
  /** Fraction of feature values replaced by NaN (default 0). */
  missing?: number;
}

/** Standard-normal features `f0…f{p-1}`, labels from `label`, daily timestamps, one ticker. */
export function syntheticDataset(options: SyntheticOptions): Dataset {
  const { rows, features: p } = options;
  const normal = seededNormal(options.seed);
  const uniform = seededRandom(options.seed + 1);
  const X = new Float64Array(rows * p);
  const y = new Float64Array(rows);
  const ts = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const row = X.subarray(r * p, (r + 1) * p);
    for (let j = 0; j < p; j++) row[j] = normal();
    y[r] = options.label(row, normal);
    if (options.missing) for (let j = 0; j < p; j++) if (uniform() < (options.missing ?? 0)) row[j] = Number.NaN;
    ts[r] = Date.UTC(2000, 0, 3) + r * 86_400_000;
  }
  return { featureNames: Array.from({ length: p }, (_, j) => `f${j}`), X, y, rows, ts, tickerIndex: new Int32Array(rows), tickers: ["SYN"] };
}

/** The first `rows` rows of `data`, or rows [start, start + rows). */
export function sliceDataset(data: Dataset, start: number, rows: number): Dataset {
  const p = data.featureNames.length;
  return {
    featureNames: data.featureNames,
    X: data.X.subarray(start * p, (start + rows) * p),
    y: data.y.subarray(start, start + rows),
    rows,
    ts: data.ts.subarray(start, start + rows),
    tickerIndex: data.tickerIndex.subarray(start, start + rows),
    tickers: data.tickers,
  };
}
