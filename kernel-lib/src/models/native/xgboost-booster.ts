/**
 * Thin owners of XGBoost's native handles: a DMatrix (training or validation data) and a Booster.
 * Each frees its handle on free() and, as a safety net, when garbage-collected.
 */
import { Conflict } from "../../errors.js";
import type { DenseMatrix } from "./dense.js";
import { trackNative, untrackNative } from "./finalizer.js";
import { allocFloat32, float32Interface, freeNative, type NativeFloat32, readFloat32, readStrings, readUint64, readUtf8, withFloat32Copy } from "./memory.js";
import { type XGBoostApi, xgboostApi } from "./xgboost-api.js";

/** Predictions up to this many values reuse one native input buffer (low single-row latency). */
const SCRATCH_VALUES = 1 << 16;

/** Parses XGBoost's evaluation line `[3]\tvalid-rmse:0.12\t…` into `{ "valid-rmse": 0.12 }`. */
export function parseEvalLine(line: string): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const part of line.split("\t").slice(1)) {
    const colon = part.lastIndexOf(":");
    if (colon > 0) metrics[part.slice(0, colon)] = Number(part.slice(colon + 1));
  }
  return metrics;
}

/** A DMatrix built from dense float data (converted to float32, as XGBoost stores it). */
export class XgbDMatrix {
  private handle: unknown;

  private constructor(
    private readonly api: XGBoostApi,
    handle: unknown,
  ) {
    this.handle = handle;
    trackNative(this, () => api.XGDMatrixFree(handle));
  }

  /** Builds a DMatrix from `m`, with labels and feature names when given; `nthread` ≤ 0 uses all cores. */
  static create(m: DenseMatrix, options: { labels?: Float64Array; featureNames?: string[]; nthread: number }): XgbDMatrix {
    const api = xgboostApi();
    const out: unknown[] = [null];
    const config = `{"missing": NaN, "nthread": ${options.nthread > 0 ? options.nthread : -1}}`;
    withFloat32Copy(m.X, (block) => api.check(api.XGDMatrixCreateFromDense(float32Interface(block.address, [m.rows, m.cols]), config, out), "XGDMatrixCreateFromDense"));
    const dmatrix = new XgbDMatrix(api, out[0]);
    try {
      if (options.labels) api.check(api.XGDMatrixSetFloatInfo(out[0], "label", Float32Array.from(options.labels), m.rows), "XGDMatrixSetFloatInfo");
      if (options.featureNames) {
        api.check(api.XGDMatrixSetStrFeatureInfo(out[0], "feature_name", options.featureNames, options.featureNames.length), "XGDMatrixSetStrFeatureInfo");
      }
    } catch (error) {
      dmatrix.free();
      throw error;
    }
    return dmatrix;
  }

  /** The native handle (throws after free()). */
  get native(): unknown {
    if (this.handle === null) throw new Conflict("This XGBoost DMatrix was freed.");
    return this.handle;
  }

  /** Frees the native DMatrix; idempotent. */
  free(): void {
    if (this.handle === null) return;
    untrackNative(this);
    this.api.XGDMatrixFree(this.handle);
    this.handle = null;
  }
}

/** An XGBoost Booster: training rounds, evaluation, in-place prediction, JSON save/load, importances. */
export class XgbBooster {
  /** What this booster owns natively; the finalizer frees it without referencing `this`. */
  private readonly owned: { handle: unknown; scratch: NativeFloat32 | null };

  private constructor(
    private readonly api: XGBoostApi,
    handle: unknown,
  ) {
    const owned: { handle: unknown; scratch: NativeFloat32 | null } = { handle, scratch: null };
    this.owned = owned;
    trackNative(this, () => XgbBooster.release(api, owned));
  }

  private static release(api: XGBoostApi, owned: { handle: unknown; scratch: NativeFloat32 | null }): void {
    if (owned.handle !== null) api.XGBoosterFree(owned.handle);
    if (owned.scratch) freeNative(owned.scratch);
    owned.handle = null;
    owned.scratch = null;
  }

  /** A new booster that caches `dmatrices` (the training set first). */
  static create(dmatrices: XgbDMatrix[]): XgbBooster {
    const api = xgboostApi();
    const out: unknown[] = [null];
    api.check(api.XGBoosterCreate(dmatrices.map((d) => d.native), dmatrices.length, out), "XGBoosterCreate");
    return new XgbBooster(api, out[0]);
  }

  /** A booster loaded from XGBoost's JSON model format. */
  static load(model: string | Uint8Array): XgbBooster {
    const booster = XgbBooster.create([]);
    const bytes = typeof model === "string" ? Buffer.from(model, "utf8") : model;
    try {
      booster.api.check(booster.api.XGBoosterLoadModelFromBuffer(booster.native, bytes, bytes.length), "XGBoosterLoadModelFromBuffer");
    } catch (error) {
      booster.free();
      throw error;
    }
    return booster;
  }

  /** The native handle (throws after free()). */
  get native(): unknown {
    if (this.owned.handle === null) throw new Conflict("This XGBoost model was disposed; load it again to use it.");
    return this.owned.handle;
  }

  /** Sets parameters, in order (XGBoost validates them when the first round configures the booster). */
  setParams(params: Record<string, string | number>): void {
    for (const [name, value] of Object.entries(params)) this.api.check(this.api.XGBoosterSetParam(this.native, name, String(value)), "XGBoosterSetParam");
  }

  /** Runs boosting round `iteration` (0-based) on `train`. */
  update(iteration: number, train: XgbDMatrix): void {
    this.api.check(this.api.XGBoosterUpdateOneIter(this.native, iteration, train.native), "XGBoosterUpdateOneIter");
  }

  /** Evaluates the default metric on named sets after round `iteration`: `{ "<set>-<metric>": value }`. */
  evaluate(iteration: number, sets: Array<{ name: string; data: XgbDMatrix }>): Record<string, number> {
    const out: unknown[] = [null];
    this.api.check(this.api.XGBoosterEvalOneIter(this.native, iteration, sets.map((s) => s.data.native), sets.map((s) => s.name), sets.length, out), "XGBoosterEvalOneIter");
    return parseEvalLine(String(out[0]));
  }

  /** Boosting rounds in the model. */
  rounds(): number {
    const out = [0];
    this.api.check(this.api.XGBoosterBoostedRounds(this.native, out), "XGBoosterBoostedRounds");
    return out[0];
  }

  /** Features the model was trained on. */
  numFeatures(): number {
    const out = [0];
    this.api.check(this.api.XGBoosterGetNumFeature(this.native, out), "XGBoosterGetNumFeature");
    return Number(out[0]);
  }

  /** Names the model's features (saved in its JSON; importances are keyed by them). */
  setFeatureNames(names: string[]): void {
    this.api.check(this.api.XGBoosterSetStrFeatureInfo(this.native, "feature_name", names, names.length), "XGBoosterSetStrFeatureInfo");
  }

  /** Stores a string attribute in the model (saved with it, e.g. `best_iteration`). */
  setAttr(key: string, value: string): void {
    this.api.check(this.api.XGBoosterSetAttr(this.native, key, value), "XGBoosterSetAttr");
  }

  /** A string attribute of the model, or undefined when it has none by that name. */
  getAttr(key: string): string | undefined {
    const out: unknown[] = [null];
    const found = [0];
    this.api.check(this.api.XGBoosterGetAttr(this.native, key, out, found), "XGBoosterGetAttr");
    return found[0] === 1 ? String(out[0]) : undefined;
  }

  /** A new booster holding rounds [0, end). */
  slice(end: number): XgbBooster {
    const out: unknown[] = [null];
    this.api.check(this.api.XGBoosterSlice(this.native, 0, end, 1, out), "XGBoosterSlice");
    return new XgbBooster(this.api, out[0]);
  }

  /** Predictions (transformed: probabilities for binary:logistic) for each row of `m`, in place (no DMatrix). */
  predict(m: DenseMatrix): Float64Array {
    if (m.rows === 0) return new Float64Array(0);
    const values = m.rows * m.cols;
    if (values > SCRATCH_VALUES) return withFloat32Copy(m.X, (block) => this.predictFrom(this.native, block, m));
    const native = this.native;
    this.owned.scratch ??= allocFloat32(SCRATCH_VALUES);
    this.owned.scratch.view.set(m.X);
    return this.predictFrom(native, this.owned.scratch, m);
  }

  private predictFrom(handle: unknown, block: NativeFloat32, m: DenseMatrix): Float64Array {
    const config = `{"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false, "missing": NaN, "cache_id": 0}`;
    const shape: unknown[] = [null];
    const dim = [0];
    const result: unknown[] = [null];
    this.api.check(
      this.api.XGBoosterPredictFromDense(handle, float32Interface(block.address, [m.rows, m.cols]), config, null, shape, dim, result),
      "XGBoosterPredictFromDense",
    );
    const length = readUint64(shape[0], Number(dim[0])).reduce((a, b) => a * b, 1);
    return readFloat32(result[0], length);
  }

  /** The model in XGBoost's JSON format (what `xgboost.Booster.load_model` reads). */
  saveJson(): string {
    const length = [0];
    const out: unknown[] = [null];
    this.api.check(this.api.XGBoosterSaveModelToBuffer(this.native, '{"format": "json"}', length, out), "XGBoosterSaveModelToBuffer");
    return readUtf8(out[0], Number(length[0]));
  }

  /** Importance per feature name (`importanceType`: gain, total_gain, weight, cover, total_cover); unused features are absent. */
  featureScore(importanceType: string): Map<string, number> {
    const count = [0];
    const names: unknown[] = [null];
    const dim = [0];
    const shape: unknown[] = [null];
    const scores: unknown[] = [null];
    const config = JSON.stringify({ importance_type: importanceType });
    this.api.check(this.api.XGBoosterFeatureScore(this.native, config, count, names, dim, shape, scores), "XGBoosterFeatureScore");
    const n = Number(count[0]);
    const keys = readStrings(names[0], n);
    const values = readFloat32(scores[0], n);
    return new Map(keys.map((k, i) => [k, values[i]]));
  }

  /** Frees the booster and its scratch buffer; idempotent. */
  free(): void {
    untrackNative(this);
    XgbBooster.release(this.api, this.owned);
  }
}
