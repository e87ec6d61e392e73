/**
 * Shapes of chronological splits. Time — not row order — is the ordering key, so a multi-ticker
 * panel (stacked ticker by ticker) splits at the same instants for every ticker. "Bars" below are
 * the panel's distinct bar times.
 */

/** What a split reads from a dataset: each row's time and the end of its label window. */
export interface SplitInput {
  /** Bar time of each row, epoch ms UTC. */
  ts: Float64Array;
  /** End of each row's label window (the bar its forward return ends at), epoch ms UTC, ≥ ts. */
  labelEndTs: Float64Array;
}

/** Embargo after a test fold: a number of bars, or a fraction of the distinct bar times (rounded up). */
export type Embargo = number | { fraction: number };

/** Row-count floors shared by every split method. */
export interface MinRows {
  /** Fewest training rows a fold may keep after purging and embargo (default 10). */
  minTrainRows?: number;
  /** Fewest test rows a fold may have (default 2). */
  minTestRows?: number;
}

/** One train/test pair: row indices (ascending) into the dataset and the times they span. */
export interface Fold {
  /** 0-based position of the fold, in time order of the test periods. */
  fold: number;
  train: Int32Array;
  test: Int32Array;
  /** Earliest and latest time of the training rows (with purged k-fold they may straddle the test). */
  trainStart: number;
  trainEnd: number;
  /** First and last bar time of the test fold. */
  testStart: number;
  testEnd: number;
  /** Latest label end of the test rows: the test labels reach this far. */
  testLabelEnd: number;
  /** Rows dropped from training because their label window overlaps the test fold's label span. */
  purged: number;
  /** Rows dropped from training because they fall in the embargo after the test fold. */
  embargoed: number;
}

/** The folds of one split, with the figures they were computed from. */
export interface Split {
  method: "train_test" | "walk_forward" | "purged_kfold";
  folds: Fold[];
  /** Distinct bar times in the dataset. */
  times: number;
  /** Embargo length in bars, after resolving a fraction. */
  embargoBars: number;
}
