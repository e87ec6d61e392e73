/**
 * The prediction-time design matrix: the same feature columns as training, without a label, so
 * the most recent bars (which have no label yet) are kept. Warm-up bars are still dropped.
 */
import { z } from "zod";
import { InvalidInput } from "../../errors.js";
import { validate } from "../../util/validate.js";
import type { FeatureSeries, PredictionMatrix, PredictionMatrixOptions } from "./types.js";
import { featureListSchema, validateSeries } from "./validate-series.js";

const optionsSchema = z.strictObject({
  features: featureListSchema.optional(),
  lastBars: z.number().int({ error: "must be a whole number of bars" }).min(1, { error: "must be at least 1 bar" }).optional(),
});

/** Builds the rows to predict: every bar (or each ticker's last `lastBars` bars) that has every feature. */
export function buildPredictionMatrix(series: readonly FeatureSeries[], options: PredictionMatrixOptions = {}): PredictionMatrix {
  const { features, lastBars } = validate(optionsSchema, options, "prediction matrix options");
  const featureNames = validateSeries(series, features, false);
  const p = featureNames.length;
  const kept = series.map((s) => {
    const columns = featureNames.map((name) => s.features[name]);
    const from = lastBars === undefined ? 0 : Math.max(0, s.ts.length - lastBars);
    const bars: number[] = [];
    for (let t = from; t < s.ts.length; t++) if (columns.every((c) => !Number.isNaN(c[t]))) bars.push(t);
    return { columns, bars };
  });
  const rows = kept.reduce((sum, k) => sum + k.bars.length, 0);
  if (rows === 0) {
    const scope = lastBars === undefined ? "any bar" : `any of the last ${lastBars} bars`;
    throw new InvalidInput(
      `No bar has every feature in ${scope} of ${series.map((s) => s.ticker).join(", ")}: the features are still warming up; load more history before the dates you predict`,
    );
  }
  const X = new Float64Array(rows * p);
  const ts = new Float64Array(rows);
  const tickerIndex = new Int32Array(rows);
  const barIndex = new Int32Array(rows);
  let r = 0;
  kept.forEach(({ columns, bars }, k) => {
    for (const t of bars) {
      for (let j = 0; j < p; j++) X[r * p + j] = columns[j][t];
      ts[r] = series[k].ts[t];
      tickerIndex[r] = k;
      barIndex[r] = t;
      r++;
    }
  });
  return { featureNames: [...featureNames], X, rows, ts, tickerIndex, tickers: series.map((s) => s.ticker), barIndex };
}
