/** Notebook helpers: `display` (charts, tables, progress) and the pure builders behind it. */
export { type CandlestickOptions, candlestickFigure } from "./candlestick.js";
export { PLOTLY_MIME, display, figureBundle } from "./display.js";
export { type EquityCurveOptions, type EquityInput, backtestOf, drawdownSeries, equityCurveFigure } from "./equity.js";
export { type FeatureOverlayOptions, featureOverlayFigure } from "./feature-overlay.js";
export { gaps, type PlotlyFigure, type PlotlyTrace, plotlyTimes } from "./figure.js";
export { escapeHtml, formatNumber, formatTime, type NumberFormat } from "./html.js";
export { inNotebook, type MimeBundle, type PublishOptions, publish } from "./kernel.js";
export { type MetricsTableOptions, metricsTableModel } from "./metrics-table.js";
export { type LibraryMode, plotlyHtml } from "./plotly-html.js";
export {
  type PredictionSeries,
  type PredictionsInput,
  type PredictionsVsActualOptions,
  predictionSeries,
  predictionsVsActualFigure,
  realizedReturns,
} from "./predictions.js";
export { ingestProgress, ProgressBar, type ProgressBarOptions, type ProgressState, progressHtml, progressText, trainProgress } from "./progress.js";
export { lowerIsBetter, type RunsTableOptions, runsTableModel } from "./runs-table.js";
export { type Cell, type TableInput, type TableModel, type TableOptions, tableHtml, tableModel, tableModelHtml, tableModelText } from "./table.js";
