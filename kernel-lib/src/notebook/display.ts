/**
 * `display`: charts, tables and progress bars in a tslab notebook. Each call builds its output
 * with the pure builders (candlestickFigure, tableHtml, …) and publishes it; outside a notebook it
 * prints a text summary instead, so the same code runs in a script.
 */
import type { BarFrame } from "../data/frame.js";
import type { FeatureFrame } from "../features/frame.js";
import type { RunComparison } from "../models/compare.js";
import { type CandlestickOptions, candlestickFigure } from "./candlestick.js";
import { type EquityCurveOptions, type EquityInput, backtestOf, equityCurveFigure } from "./equity.js";
import { type FeatureOverlayOptions, featureOverlayFigure } from "./feature-overlay.js";
import type { PlotlyFigure } from "./figure.js";
import { formatTime } from "./html.js";
import { publish } from "./kernel.js";
import { type MetricsTableOptions, metricsTableModel } from "./metrics-table.js";
import { nextLibraryMode, plotlyHtml } from "./plotly-html.js";
import { type PredictionsInput, type PredictionsVsActualOptions, predictionSeries, predictionsVsActualFigure } from "./predictions.js";
import { ingestProgress, ProgressBar, type ProgressBarOptions, trainProgress } from "./progress.js";
import { type RunsTableOptions, runsTableModel } from "./runs-table.js";
import { type TableInput, type TableModel, type TableOptions, tableModel, tableModelHtml, tableModelText } from "./table.js";

/** MIME type of Plotly figures, rendered natively by JupyterLab when the jupyterlab-plotly extension is installed. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** The MIME bundle of a figure: Plotly JSON, HTML that draws it with plotly.js (inlined once per kernel), and a text summary. */
export function figureBundle(figure: PlotlyFigure, summary: string): Record<string, unknown> {
  return { [PLOTLY_MIME]: figure, "text/html": plotlyHtml(figure, nextLibraryMode()), "text/plain": summary };
}

function showFigure(figure: PlotlyFigure, summary: string): void {
  publish(figureBundle(figure, summary));
}

function showTable(model: TableModel): void {
  publish({ "text/html": tableModelHtml(model), "text/plain": tableModelText(model) });
}

const span = (ts: ArrayLike<number>) => (ts.length ? `${formatTime(ts[0])} to ${formatTime(ts[ts.length - 1])}` : "no bars");

/** Display helpers for tslab notebooks: `display.candlestick(await oq.bars("ACME.SAMPLE"))`. */
export const display = {
  /** Candlestick chart with volume beneath. */
  candlestick(frame: BarFrame, options: CandlestickOptions = {}): void {
    showFigure(candlestickFigure(frame, options), `Candlestick of ${frame.ticker}: ${frame.ts.length} bars, ${span(frame.ts)}`);
  },
  /** Feature columns over the close (`overlay`) and in panels beneath (`subplots`). */
  featureOverlay(frame: FeatureFrame, options: FeatureOverlayOptions = {}): void {
    const figure = featureOverlayFigure(frame, options);
    showFigure(figure, `Features of ${frame.ticker}: ${figure.data.map((t) => t.name).join(", ")} over ${frame.ts.length} bars`);
  },
  /** Predicted vs actual values of a training run (`oq.train`) or of `oq.predict` (pass `{ bars }` for the actuals). */
  predictionsVsActual(input: PredictionsInput, options: PredictionsVsActualOptions = {}): void {
    const s = predictionSeries(input, options);
    showFigure(predictionsVsActualFigure(input, options), `Predicted vs actual for ${s.ticker}: ${s.ts.length} predictions, ${span(s.ts)}`);
  },
  /** Equity curve of a backtest against buy-and-hold, with drawdown. */
  equityCurve(input: EquityInput, options: EquityCurveOptions = {}): void {
    const { label, result } = backtestOf(input, options.ticker);
    const pct = (v: number) => `${(100 * v).toFixed(2)}%`;
    showFigure(
      equityCurveFigure(input, options),
      `Equity of ${label}: strategy ${pct(result.strategy.totalReturn)}, buy and hold ${pct(result.buyAndHold.totalReturn)} over ${result.ts.length} bars`,
    );
  },
  /** Any Plotly figure built by hand or by a builder and then adjusted. */
  figure(figure: PlotlyFigure, summary = "Plotly figure"): void {
    showFigure(figure, summary);
  },
  /** A frame or rows as an HTML table (head and tail, formatted, escaped). */
  table(input: TableInput, options: TableOptions = {}): void {
    showTable(tableModel(input, options));
  },
  /** A run's metrics (`result.metrics`) as a table. */
  metricsTable(metrics: Record<string, number>, options: MetricsTableOptions = {}): void {
    showTable(metricsTableModel(metrics, options));
  },
  /** Runs side by side (`await oq.compareRuns()`), optionally sorted by a metric. */
  runsTable(runs: RunComparison[], options: RunsTableOptions = {}): void {
    showTable(runsTableModel(runs, options));
  },
  /** A progress bar that redraws in place; call `update(fraction, message)` and `done()`. */
  progressBar(label: string, options: ProgressBarOptions = {}): ProgressBar {
    return new ProgressBar(label, options);
  },
  /** Ready-made `onProgress` callbacks: `oq.ingest(tickers, { onProgress: display.progress.ingest() })`. */
  progress: { ingest: ingestProgress, train: trainProgress },
  /** Inlines plotly.js again with the next chart (after the output that carried it was cleared). */
  plotlyLibrary(): void {
    nextLibraryMode(true);
  },
};
