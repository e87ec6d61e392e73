/** Predictions next to what happened: the two series over time and a scatter of one against the other. */
import { z } from "zod";
import type { BarFrame } from "../data/frame.js";
import { InvalidInput } from "../errors.js";
import { directionOf, forwardReturns } from "../models/dataset/labels.js";
import type { PredictionResult } from "../models/predictor.js";
import type { TrainResult } from "../models/trainer.js";
import { validate } from "../util/validate.js";
import { baseFigure, gaps, type PlotlyFigure, plotlyTimes } from "./figure.js";
import { barFrameShape } from "./frame-checks.js";

/** Predictions to plot: a training run's out-of-sample predictions, or a model's predictions (with `bars` for the actuals). */
export type PredictionsInput = TrainResult | TrainResult["predictions"] | PredictionResult;

/** Options of a predictions-vs-actual chart. */
export interface PredictionsVsActualOptions {
  /** Bars of the predicted ticker: the realized forward returns of a PredictionResult come from them. */
  bars?: BarFrame;
  /** Which ticker of a multi-ticker training run (default: the first). */
  ticker?: string;
  /** Chart title. */
  title?: string;
  /** Height in pixels (default 460). */
  height?: number;
}

const optionsSchema = z.strictObject({
  bars: barFrameShape.optional(),
  ticker: z.string().min(1).optional(),
  title: z.string().max(500).optional(),
  height: z.number().int().min(150).max(4000).default(460),
});

/** One ticker's predicted and realized values, aligned by bar time. */
export interface PredictionSeries {
  /** The ticker the series belong to. */
  ticker: string;
  /** Bar times, epoch ms UTC. */
  ts: Float64Array;
  /** The model's output at each bar. */
  predicted: Float64Array;
  /** What happened: the label (forward return over the horizon, or the up/down class); NaN when not known yet. */
  actual: Float64Array;
}

/** Realized labels at each of `ts`: the forward return over `horizon` bars of the bars' adjusted closes (NaN past the data). */
export function realizedReturns(bars: BarFrame, ts: Float64Array, horizon: number): Float64Array {
  const close = bars.adjClose.some((v) => Number.isFinite(v)) ? bars.adjClose : bars.close;
  const forward = forwardReturns(close, horizon);
  const index = new Map<number, number>();
  for (let i = 0; i < bars.ts.length; i++) index.set(bars.ts[i], i);
  return Float64Array.from(ts, (t) => forward[index.get(t) ?? -1] ?? Number.NaN);
}

/** Brings any PredictionsInput to one ticker's predicted and actual series. */
export function predictionSeries(input: PredictionsInput, options: { bars?: BarFrame; ticker?: string } = {}): PredictionSeries {
  const holder = input as Partial<TrainResult>;
  const pooled = holder.predictions && !(holder.predictions instanceof Float64Array) ? holder.predictions : undefined;
  if (pooled || "actual" in input) {
    const p = pooled ?? (input as TrainResult["predictions"]);
    const ticker = options.ticker ?? p.ticker[0];
    const rows = p.ticker.flatMap((t, k) => (t === ticker ? [k] : []));
    if (rows.length === 0) {
      throw new InvalidInput(`No predictions for ticker '${ticker}'; the run predicted ${[...new Set(p.ticker)].join(", ")}.`, [{ path: "ticker", message: "not in the run" }]);
    }
    // folds are in time order per ticker, but sort anyway: a line plot needs increasing times
    rows.sort((a, b) => p.ts[a] - p.ts[b]);
    return {
      ticker,
      ts: Float64Array.from(rows, (k) => p.ts[k]),
      predicted: Float64Array.from(rows, (k) => p.predicted[k]),
      actual: Float64Array.from(rows, (k) => p.actual[k]),
    };
  }
  const r = input as PredictionResult;
  if (!(r.ts instanceof Float64Array) || !(r.predictions instanceof Float64Array)) {
    throw new InvalidInput("predictionsVsActual takes the result of oq.train(...) or of oq.predict(...).", [{ path: "input", message: "not a prediction result" }]);
  }
  let actual = new Float64Array(r.ts.length).fill(Number.NaN);
  if (options.bars) {
    if (options.bars.ticker !== r.ticker) {
      throw new InvalidInput(`The bars are of ${options.bars.ticker} but the predictions of ${r.ticker}.`, [{ path: "bars", message: "other ticker" }]);
    }
    const forward = realizedReturns(options.bars, r.ts, r.horizon);
    actual = r.task === "classification" ? forward.map((v) => (Number.isNaN(v) ? Number.NaN : directionOf(v))) : forward;
  }
  return { ticker: r.ticker, ts: r.ts, predicted: r.predictions, actual };
}

/** The Plotly figure of predictions vs actuals: both over time (left) and actual against predicted (right). */
export function predictionsVsActualFigure(input: PredictionsInput, options: PredictionsVsActualOptions = {}): PlotlyFigure {
  const o = validate(optionsSchema, options, "predictions chart options");
  const s = predictionSeries(input, { bars: options.bars, ticker: o.ticker });
  const known = s.actual.filter((v) => Number.isFinite(v)).length;
  const figure = baseFigure(o.title ?? `${s.ticker}: predicted vs actual (${s.ts.length} predictions, ${known} with a known outcome)`, o.height);
  const x = plotlyTimes(s.ts);
  figure.data.push(
    { type: "scatter", mode: "lines", name: "actual", x, y: gaps(s.actual), line: { color: "#888", width: 1 }, xaxis: "x", yaxis: "y" },
    { type: "scatter", mode: "lines", name: "predicted", x, y: gaps(s.predicted), line: { color: "#1f77b4", width: 1.5 }, xaxis: "x", yaxis: "y" },
    {
      type: "scatter",
      mode: "markers",
      name: "actual vs predicted",
      x: gaps(s.predicted),
      y: gaps(s.actual),
      marker: { size: 4, opacity: 0.5, color: "#1f77b4" },
      xaxis: "x2",
      yaxis: "y2",
      showlegend: false,
    },
  );
  figure.layout.xaxis = { type: "date", domain: [0, 0.64] };
  figure.layout.yaxis = { anchor: "x", title: { text: "value" } };
  figure.layout.xaxis2 = { domain: [0.72, 1], anchor: "y2", title: { text: "predicted" } };
  figure.layout.yaxis2 = { anchor: "x2", title: { text: "actual" } };
  return figure;
}
