/**
 * The model layer's contracts (Qlib-style: a small abstract contract per layer). A Dataset is a
 * row-major design matrix with labels; a Model fits and predicts it; a ModelType builds models
 * from validated hyperparameters and loads saved ones.
 */
import type { z } from "zod";

/** regression: predict the forward return; classification: predict P(forward return > 0). */
export type Task = "regression" | "classification";

/** A design matrix: `rows` × `featureNames.length`, row-major, with one label and one time per row. */
export interface Dataset {
  featureNames: string[];
  /** Row-major features: X[r * p + j] is feature j of row r. NaN marks a missing value. */
  X: Float64Array;
  /** Labels: forward return (regression) or 0/1 (classification). */
  y: Float64Array;
  /** Number of rows. */
  rows: number;
  /** Bar time of each row, epoch ms UTC (non-decreasing within a ticker). */
  ts: Float64Array;
  /** Ticker of each row, as an index into `tickers`. */
  tickerIndex: Int32Array;
  tickers: string[];
}

/** Progress of a fit: boosting round, epoch or tree. */
export interface FitProgress {
  iteration: number;
  total: number;
  /** Validation metric values at this iteration, when there is a validation set. */
  metrics?: Record<string, number>;
}

/** Options of one fit. */
export interface FitOptions {
  /** Validation rows for early stopping (never the test fold). */
  valid?: Dataset;
  onProgress?: (progress: FitProgress) => void;
  signal?: AbortSignal;
}

/** A saved model: the library's native format plus what is needed to rebuild the wrapper. */
export interface SavedModel {
  type: string;
  task: Task;
  params: Record<string, unknown>;
  featureNames: string[];
  /** "xgboost-json" | "lightgbm-text" | "json". */
  format: string;
  /** File name → content, e.g. { "model.xgb.json": "..." }. */
  files: Record<string, string | Uint8Array>;
}

/** A trained (or trainable) model. Native handles are freed by dispose(). */
export interface Model {
  readonly type: string;
  readonly task: Task;
  fit(train: Dataset, options?: FitOptions): Promise<void>;
  /** Regression: the predicted return; classification: P(label = 1). One value per row. */
  predict(data: Pick<Dataset, "X" | "rows" | "featureNames">): Float64Array;
  /** What the fit decided that its user should know (e.g. features a linear model left out as collinear). */
  notes?(): string[];
  /** Importance per feature (gain where the library has it), when the model has one. */
  featureImportance?(): Record<string, number>;
  /** Best iteration found by early stopping, when it applies. */
  bestIteration?(): number | undefined;
  toJSON(): SavedModel;
  /** Frees native memory; the model cannot be used afterwards. */
  dispose(): void;
}

/** A registered model type: hyperparameters schema with defaults, and factories. */
export interface ModelType<P extends Record<string, unknown> = Record<string, unknown>> {
  name: string;
  description: string;
  tasks: readonly Task[];
  /** Hyperparameters with defaults (defaults may be overridden from configs/model_config.yaml). */
  params: z.ZodType<P>;
  create(task: Task, params: P): Model;
  /** Starts what fromJSON needs that only starts asynchronously (a tfjs backend); loaders await it first. */
  prepare?(saved?: SavedModel): Promise<void>;
  fromJSON(saved: SavedModel): Model;
}
