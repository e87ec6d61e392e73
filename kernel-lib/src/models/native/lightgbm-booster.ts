/**
 * Thin owners of LightGBM's native handles: a Dataset (binned training or validation data) and a
 * Booster. Each frees its handles on free() and, as a safety net, when garbage-collected.
 */
import koffi from "koffi";
import { Conflict } from "../../errors.js";
import type { DenseMatrix } from "./dense.js";
import { trackNative, untrackNative } from "./finalizer.js";
import { LGBM_FLOAT32, LGBM_FLOAT64, LGBM_IMPORTANCE_GAIN, LGBM_PREDICT_NORMAL, type LightGbmApi, lightgbmApi } from "./lightgbm-api.js";

/** Formats parameters as LightGBM's `key=value key=value` string. */
export function lightgbmParamString(params: Record<string, string | number | boolean>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v === "boolean" ? (v ? "true" : "false") : v}`)
    .join(" ");
}

/** A LightGBM Dataset built from dense float64 rows (NaN = missing). */
export class LgbDataset {
  private readonly owned: { handle: unknown };

  private constructor(
    private readonly api: LightGbmApi,
    handle: unknown,
  ) {
    const owned = { handle };
    this.owned = owned;
    trackNative(this, () => {
      if (owned.handle !== null) api.LGBM_DatasetFree(owned.handle);
    });
  }

  /**
   * Bins `m` with `params` (the training parameters: binning depends on some of them). A validation
   * set passes the training set as `reference`, so it shares its bins.
   */
  static create(m: DenseMatrix, options: { params: string; labels?: Float64Array; featureNames?: string[]; reference?: LgbDataset }): LgbDataset {
    const api = lightgbmApi();
    const out: unknown[] = [null];
    const reference = options.reference ? options.reference.native : null;
    api.check(api.LGBM_DatasetCreateFromMat(m.X, LGBM_FLOAT64, m.rows, m.cols, 1, options.params, reference, out), "LGBM_DatasetCreateFromMat");
    const dataset = new LgbDataset(api, out[0]);
    try {
      // LightGBM keeps labels as float32, as its Python package does.
      if (options.labels) api.check(api.LGBM_DatasetSetField(out[0], "label", Float32Array.from(options.labels), m.rows, LGBM_FLOAT32), "LGBM_DatasetSetField");
      if (options.featureNames) {
        api.check(api.LGBM_DatasetSetFeatureNames(out[0], options.featureNames, options.featureNames.length), "LGBM_DatasetSetFeatureNames");
      }
    } catch (error) {
      dataset.free();
      throw error;
    }
    return dataset;
  }

  /** The native handle (throws after free()). */
  get native(): unknown {
    if (this.owned.handle === null) throw new Conflict("This LightGBM Dataset was freed.");
    return this.owned.handle;
  }

  /** Frees the native Dataset; idempotent. */
  free(): void {
    untrackNative(this);
    if (this.owned.handle !== null) this.api.LGBM_DatasetFree(this.owned.handle);
    this.owned.handle = null;
  }
}

interface BoosterOwned {
  handle: unknown;
  /** Single-row prediction config, created on first use. */
  fast: unknown;
}

/** A LightGBM Booster: training rounds, evaluation, prediction, text save/load, importances. */
export class LgbBooster {
  private readonly owned: BoosterOwned;

  private constructor(
    private readonly api: LightGbmApi,
    handle: unknown,
  ) {
    const owned: BoosterOwned = { handle, fast: null };
    this.owned = owned;
    trackNative(this, () => LgbBooster.release(api, owned));
  }

  private static release(api: LightGbmApi, owned: BoosterOwned): void {
    if (owned.fast !== null) api.LGBM_FastConfigFree(owned.fast);
    if (owned.handle !== null) api.LGBM_BoosterFree(owned.handle);
    owned.fast = null;
    owned.handle = null;
  }

  /** A new booster on `train` with parameter string `params`. */
  static create(train: LgbDataset, params: string): LgbBooster {
    const api = lightgbmApi();
    const out: unknown[] = [null];
    api.check(api.LGBM_BoosterCreate(train.native, params, out), "LGBM_BoosterCreate");
    return new LgbBooster(api, out[0]);
  }

  /** A booster loaded from LightGBM's text model format. */
  static load(text: string): LgbBooster {
    const api = lightgbmApi();
    const iterations = [0];
    const out: unknown[] = [null];
    api.check(api.LGBM_BoosterLoadModelFromString(text, iterations, out), "LGBM_BoosterLoadModelFromString");
    return new LgbBooster(api, out[0]);
  }

  /** The native handle (throws after free()). */
  get native(): unknown {
    if (this.owned.handle === null) throw new Conflict("This LightGBM model was disposed; load it again to use it.");
    return this.owned.handle;
  }

  /** Adds a validation set (evaluated as data index 1, 2, … in order). */
  addValid(data: LgbDataset): void {
    this.api.check(this.api.LGBM_BoosterAddValidData(this.native, data.native), "LGBM_BoosterAddValidData");
  }

  /** Trains one more iteration; true when LightGBM says it cannot grow anything more. */
  update(): boolean {
    this.dropFastConfig();
    const finished = [0];
    this.api.check(this.api.LGBM_BoosterUpdateOneIter(this.native, finished), "LGBM_BoosterUpdateOneIter");
    return finished[0] === 1;
  }

  /** Removes the last iteration. */
  rollback(): void {
    this.dropFastConfig();
    this.api.check(this.api.LGBM_BoosterRollbackOneIter(this.native), "LGBM_BoosterRollbackOneIter");
  }

  /** Iterations in the model. */
  iterations(): number {
    const out = [0];
    this.api.check(this.api.LGBM_BoosterGetCurrentIteration(this.native, out), "LGBM_BoosterGetCurrentIteration");
    return out[0];
  }

  /** Features the model was trained on. */
  numFeatures(): number {
    const out = [0];
    this.api.check(this.api.LGBM_BoosterGetNumFeature(this.native, out), "LGBM_BoosterGetNumFeature");
    return out[0];
  }

  /** Names of the evaluation metrics (e.g. `l2`, `binary_logloss`). */
  evalNames(): string[] {
    const count = [0];
    this.api.check(this.api.LGBM_BoosterGetEvalCounts(this.native, count), "LGBM_BoosterGetEvalCounts");
    const n = count[0];
    if (n === 0) return [];
    const size = 256;
    const buffers = Array.from({ length: n }, () => koffi.alloc("char", size));
    try {
      const written = [0];
      const needed = [0];
      this.api.check(this.api.LGBM_BoosterGetEvalNames(this.native, n, written, size, needed, buffers), "LGBM_BoosterGetEvalNames");
      return buffers.map((b) => koffi.decode(b, "char", -1) as string);
    } finally {
      for (const b of buffers) koffi.free(b);
    }
  }

  /** Metric values on data set `index` (0 = training, 1… = validation sets in the order added). */
  evaluate(index: number, metricCount: number): Float64Array {
    const values = new Float64Array(Math.max(1, metricCount));
    const written = [0];
    this.api.check(this.api.LGBM_BoosterGetEval(this.native, index, written, values), "LGBM_BoosterGetEval");
    return values.subarray(0, written[0]);
  }

  /**
   * Predictions (probabilities for binary objectives) for each row of `m`, with all iterations.
   * `parameters` are LightGBM prediction parameters, e.g. `num_threads=1`.
   */
  predict(m: DenseMatrix, parameters = ""): Float64Array {
    const out = new Float64Array(m.rows);
    if (m.rows === 0) return out;
    const length = [0];
    if (m.rows === 1) {
      this.api.check(this.api.LGBM_BoosterPredictForMatSingleRowFast(this.fastConfig(m.cols, parameters), m.X, length, out), "LGBM_BoosterPredictForMatSingleRowFast");
      return out;
    }
    this.api.check(
      this.api.LGBM_BoosterPredictForMat(this.native, m.X, LGBM_FLOAT64, m.rows, m.cols, 1, LGBM_PREDICT_NORMAL, 0, -1, parameters, length, out),
      "LGBM_BoosterPredictForMat",
    );
    return out;
  }

  private fastConfig(cols: number, parameters: string): unknown {
    if (this.owned.fast === null) {
      const out: unknown[] = [null];
      this.api.check(
        this.api.LGBM_BoosterPredictForMatSingleRowFastInit(this.native, LGBM_PREDICT_NORMAL, 0, -1, LGBM_FLOAT64, cols, parameters, out),
        "LGBM_BoosterPredictForMatSingleRowFastInit",
      );
      this.owned.fast = out[0];
    }
    return this.owned.fast;
  }

  private dropFastConfig(): void {
    if (this.owned.fast !== null) this.api.LGBM_FastConfigFree(this.owned.fast);
    this.owned.fast = null;
  }

  /** The model in LightGBM's text format (what `lightgbm.Booster(model_str=…)` reads): the first `iterations` (≤ 0 = all). */
  saveText(iterations = -1): string {
    let capacity = 1 << 20;
    for (;;) {
      const buffer = Buffer.alloc(capacity);
      const length = [0];
      this.api.check(this.api.LGBM_BoosterSaveModelToString(this.native, 0, iterations, LGBM_IMPORTANCE_GAIN, capacity, length, buffer), "LGBM_BoosterSaveModelToString");
      const needed = Number(length[0]);
      // The length includes the terminating NUL.
      if (needed <= capacity) return buffer.toString("utf8", 0, needed - 1);
      capacity = needed;
    }
  }

  /** Total gain of the splits on each feature, in feature order. */
  gainImportance(): Float64Array {
    const values = new Float64Array(this.numFeatures());
    this.api.check(this.api.LGBM_BoosterFeatureImportance(this.native, -1, LGBM_IMPORTANCE_GAIN, values), "LGBM_BoosterFeatureImportance");
    return values;
  }

  /** Frees the booster; idempotent. */
  free(): void {
    untrackNative(this);
    LgbBooster.release(this.api, this.owned);
  }
}
