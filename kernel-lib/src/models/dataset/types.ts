/**
 * The shapes the dataset builder reads and writes. Inputs are what the feature engine gives per
 * ticker (bars and feature columns aligned bar by bar, NaN during warm-up); outputs are the
 * model layer's Dataset plus what the splits need to purge (each label's end time).
 */
import type { Dataset, Task } from "../types.js";

/** One ticker's feature columns, aligned with its bars: `features[name][t]` is the value at bar t. */
export interface FeatureSeries {
  ticker: string;
  /** Bar times, epoch ms UTC, strictly increasing. */
  ts: Float64Array;
  /** Feature columns, each as long as `ts`; NaN marks warm-up (not yet computable). */
  features: Record<string, Float64Array>;
}

/** One ticker's bars and features: what a labelled dataset is built from. */
export interface TickerSeries extends FeatureSeries {
  /** Close of each bar (adjusted if you want labels net of splits and dividends); finite and > 0. */
  close: Float64Array;
}

/** Options of buildDataset. */
export interface DatasetOptions {
  /** Label horizon in bars: label(t) = close[t + horizon] / close[t] − 1. A whole number ≥ 1. */
  horizon: number;
  task: Task;
  /** Feature columns to use, in this order; defaults to the first ticker's columns in their order. */
  features?: string[];
  /** Fewest rows the dataset may have after dropping warm-up and unlabelled bars (default 10). */
  minRows?: number;
}

/** How many of one ticker's bars became rows, and why the others did not. */
export interface TickerRowCount {
  ticker: string;
  /** Bars given. */
  bars: number;
  /** Bars dropped because a feature was NaN (warm-up) — among the bars that had a label. */
  incomplete: number;
  /** Bars dropped because their label is unknown: the last `horizon` bars. */
  unlabeled: number;
  /** Rows kept. */
  rows: number;
}

/** A Dataset built with labels of a known horizon, carrying what purging and backtests need. */
export interface LabeledDataset extends Dataset {
  task: Task;
  horizon: number;
  /**
   * Time of the bar each row's label ends at (`ts` of bar t + horizon of the same ticker): the row's
   * label window is [ts[r], labelEndTs[r]]. The splits purge on it.
   */
  labelEndTs: Float64Array;
  /** Position of each row's bar within its ticker's input bars. */
  barIndex: Int32Array;
  /** Per ticker, in `tickers` order: bars given, dropped and kept. */
  summary: TickerRowCount[];
}

/** Options of buildPredictionMatrix. */
export interface PredictionMatrixOptions {
  /** Feature columns, in the order the model was trained with; defaults to the first ticker's. */
  features?: string[];
  /** Only look at each ticker's last `lastBars` bars (those with every feature are kept). */
  lastBars?: number;
}

/** The prediction-time design matrix: a Dataset without labels, the last bars included. */
export type PredictionMatrix = Omit<Dataset, "y"> & {
  /** Position of each row's bar within its ticker's input bars. */
  barIndex: Int32Array;
};
