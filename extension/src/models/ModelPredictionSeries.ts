/**
 * Predictions next to what happened: a model predicts the forward return from bar t to bar t + h;
 * the actual one is close[t + h] / close[t] − 1 from the stored bars (none for the last h bars).
 */
import type { Bars } from "../schemas/data.js";
import type { Prediction } from "../schemas/models.js";

/** One date with the model's prediction and the realised forward return (null when unknown). */
export interface PredictionSeries {
  ticker: string;
  horizon: number;
  task: string;
  /** YYYY-MM-DD per row. */
  dates: string[];
  predicted: Array<number | null>;
  actual: Array<number | null>;
}

/** Lines up a prediction's dates with the forward returns the bars realised over its horizon. */
export function predictionSeries(prediction: Prediction, bars: Pick<Bars, "ts" | "close">): PredictionSeries {
  const indexOfDay = new Map(bars.ts.map((t, i) => [new Date(t).toISOString().slice(0, 10), i] as const));
  const h = prediction.horizon;
  const dates = prediction.dates.map((d) => d.slice(0, 10));
  const actual = dates.map((day) => {
    const i = indexOfDay.get(day);
    if (i === undefined || i + h >= bars.close.length) return null;
    const forward = bars.close[i + h] / bars.close[i] - 1;
    return Number.isFinite(forward) ? forward : null;
  });
  return { ticker: prediction.ticker, horizon: h, task: prediction.task, dates, predicted: prediction.predictions, actual };
}
