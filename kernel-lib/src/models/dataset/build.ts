/**
 * The labelled panel dataset: per ticker, rows are the bars that have every feature (past the
 * warm-up) and a label (not among the last h bars); tickers are stacked one after another in input
 * order, each in time order, with the ticker kept as `tickerIndex`.
 */
import { z } from "zod";
import { InvalidInput } from "../../errors.js";
import { validate } from "../../util/validate.js";
import { directionOf, forwardReturns } from "./labels.js";
import type { DatasetOptions, LabeledDataset, TickerRowCount, TickerSeries } from "./types.js";
import { featureListSchema, validateSeries } from "./validate-series.js";

const optionsSchema = z.strictObject({
  horizon: z
    .number({ error: "must be a number of bars" })
    .int({ error: "must be a whole number of bars (the label is close[t + horizon] / close[t] − 1)" })
    .min(1, { error: "must be at least 1 bar: the label looks forward from bar t to bar t + horizon" }),
  task: z.enum(["regression", "classification"], { error: "must be 'regression' or 'classification'" }),
  features: featureListSchema.optional(),
  minRows: z.number().int({ error: "must be a whole number" }).min(1, { error: "must be at least 1" }).default(10),
});

/** True when every feature of bar t is a number (not NaN). */
function complete(columns: Float64Array[], t: number): boolean {
  for (const column of columns) if (Number.isNaN(column[t])) return false;
  return true;
}

/** Builds the labelled panel dataset from per-ticker bars and features (see LabeledDataset). */
export function buildDataset(series: readonly TickerSeries[], options: DatasetOptions): LabeledDataset {
  const { horizon, task, features, minRows } = validate(optionsSchema, options, "dataset options");
  const featureNames = validateSeries(series, features, true);
  const p = featureNames.length;

  const labels = series.map((s) => forwardReturns(s.close, horizon));
  const summary: TickerRowCount[] = series.map((s, k) => {
    const columns = featureNames.map((name) => s.features[name]);
    const n = s.ts.length;
    let rows = 0;
    let incomplete = 0;
    for (let t = 0; t < n; t++) {
      if (Number.isNaN(labels[k][t])) continue;
      if (complete(columns, t)) rows++;
      else incomplete++;
    }
    return { ticker: s.ticker, bars: n, incomplete, unlabeled: Math.min(horizon, n), rows };
  });

  const total = summary.reduce((sum, c) => sum + c.rows, 0);
  if (total < minRows) {
    const counts = summary.map((c) => `${c.ticker}: ${c.bars} bars − ${c.incomplete} in warm-up − ${c.unlabeled} without label = ${c.rows}`).join("; ");
    throw new InvalidInput(
      `Only ${total} rows remain after dropping warm-up bars and the last ${horizon} bars (no label yet), but at least ${minRows} are needed (${counts}): load more history, shorten the horizon, or use features with a shorter warm-up`,
    );
  }

  const X = new Float64Array(total * p);
  const y = new Float64Array(total);
  const ts = new Float64Array(total);
  const labelEndTs = new Float64Array(total);
  const tickerIndex = new Int32Array(total);
  const barIndex = new Int32Array(total);
  let r = 0;
  series.forEach((s, k) => {
    const columns = featureNames.map((name) => s.features[name]);
    const label = labels[k];
    for (let t = 0; t < s.ts.length; t++) {
      if (Number.isNaN(label[t]) || !complete(columns, t)) continue;
      for (let j = 0; j < p; j++) X[r * p + j] = columns[j][t];
      y[r] = task === "classification" ? directionOf(label[t]) : label[t];
      ts[r] = s.ts[t];
      labelEndTs[r] = s.ts[t + horizon];
      tickerIndex[r] = k;
      barIndex[r] = t;
      r++;
    }
  });

  return {
    featureNames: [...featureNames],
    X,
    y,
    rows: total,
    ts,
    tickerIndex,
    tickers: series.map((s) => s.ticker),
    task,
    horizon,
    labelEndTs,
    barIndex,
    summary,
  };
}
