/** Labelled panel datasets and prediction matrices built from per-ticker bars and features. */
export { buildDataset } from "./build.js";
export { directionOf, forwardReturns } from "./labels.js";
export { buildPredictionMatrix } from "./prediction.js";
export type {
  DatasetOptions,
  FeatureSeries,
  LabeledDataset,
  PredictionMatrix,
  PredictionMatrixOptions,
  TickerRowCount,
  TickerSeries,
} from "./types.js";
