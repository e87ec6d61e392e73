/**
 * Windows without look-ahead. Rows arrive stacked per ticker, each ticker in time order (as the
 * dataset builder and the prediction matrix lay them out); the sample of a row at bar t holds the
 * features of that ticker's rows t − window + 1 … t and nothing later. A ticker's first
 * window − 1 rows have a shorter history: their window repeats the ticker's first row in front
 * (edge padding), so every row gets a prediction and none sees the future.
 */
import { InvalidInput } from "../../errors.js";

/** Where rows sit: their ticker (absent = one ticker) and time (checked for order when present). */
export interface RowLayout {
  rows: number;
  tickerIndex?: Int32Array;
  tickers?: string[];
  ts?: Float64Array;
}

/** Row numbers of each ticker, in the order the rows come. */
export function rowsByTicker(layout: RowLayout): number[][] {
  if (!layout.tickerIndex) return [Array.from({ length: layout.rows }, (_, r) => r)];
  const groups = new Map<number, number[]>();
  for (let r = 0; r < layout.rows; r++) {
    const k = layout.tickerIndex[r];
    const group = groups.get(k);
    if (group) group.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.values()];
}

function tickerName(layout: RowLayout, row: number): string {
  const k = layout.tickerIndex?.[row];
  return k === undefined ? "the data" : `ticker ${layout.tickers?.[k] ?? k}`;
}

/**
 * Checks every ticker has at least `window` rows in time order; throws InvalidInput naming
 * `window` (what: "training set", "prediction data"…).
 */
export function checkWindowFits(layout: RowLayout, window: number, what: string): number[][] {
  const groups = rowsByTicker(layout);
  for (const group of groups) {
    if (group.length < window) {
      throw new InvalidInput(
        `window is ${window} bars, longer than the ${group.length} row(s) of ${tickerName(layout, group[0])} in the ${what}: use a shorter window or more history.`,
        [{ path: "window", message: `at most ${group.length} for this data` }],
      );
    }
    const ts = layout.ts;
    if (ts) {
      for (let i = 1; i < group.length; i++) {
        if (ts[group[i]] < ts[group[i - 1]]) {
          throw new InvalidInput(`Rows of ${tickerName(layout, group[i])} in the ${what} are not in time order (row ${group[i]}); sequence models need each ticker's rows oldest first.`);
        }
      }
    }
  }
  return groups;
}

/**
 * Samples [rows, window, p] (row-major float32) from scaled row-major features [rows, p]: sample r
 * ends with row r's features, preceded by the rows before it of the same ticker.
 */
export function buildWindows(scaled: Float32Array, p: number, groups: readonly number[][], window: number): Float32Array {
  const rows = scaled.length / p;
  const out = new Float32Array(rows * window * p);
  for (const group of groups) {
    for (let pos = 0; pos < group.length; pos++) {
      const base = group[pos] * window * p;
      for (let step = 0; step < window; step++) {
        const source = group[Math.max(0, pos - (window - 1) + step)];
        out.set(scaled.subarray(source * p, (source + 1) * p), base + step * p);
      }
    }
  }
  return out;
}
