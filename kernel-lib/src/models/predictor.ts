/**
 * Prediction: load a model by run id or `models:/<name>@<alias>` (or `models:/<name>/<version>`),
 * keep loaded models in a bounded cache (native memory freed on eviction), compute the features it
 * was trained on for a ticker and range, and return dates with predictions.
 */
import { LRUCache } from "lru-cache";
import { z } from "zod";
import { InvalidInput, NotFound } from "../errors.js";
import type { FeatureEngine } from "../features/engine.js";
import type { MlflowClient } from "../tracking/client.js";
import { tickerSchema } from "../data/providers/ticker.js";
import { dateInput } from "../util/dates.js";
import { validate } from "../util/validate.js";
import { buildPredictionMatrix } from "./dataset/prediction.js";
import { findModelType } from "./impl/index.js";
import type { Model, SavedModel } from "./types.js";

/** What openquant.json holds besides the native file names. */
interface ModelMeta extends Omit<SavedModel, "files"> {
  files: string[];
}

/** A model ready to predict, with what it was trained on. */
export interface LoadedModel {
  runId: string;
  /** The reference it was loaded by. */
  ref: string;
  model: Model;
  type: string;
  task: SavedModel["task"];
  featureNames: string[];
  featureSet: Array<{ name: string; params: Record<string, unknown> }>;
  horizon: number;
  interval: string;
}

/** Predictions of one ticker. */
export interface PredictionResult {
  ticker: string;
  runId: string;
  modelType: string;
  task: SavedModel["task"];
  horizon: number;
  dates: string[];
  ts: Float64Array;
  /** Regression: predicted forward return over `horizon` bars; classification: P(up). */
  predictions: Float64Array;
}

/** What to predict: one ticker over an optional date range. */
export const predictRequestSchema = z.strictObject({
  ticker: tickerSchema,
  start: dateInput.optional(),
  end: dateInput.optional(),
});
/** What to predict: `{ ticker, start?, end? }`. */
export type PredictRequest = z.input<typeof predictRequestSchema>;

const RUN_ID = /^[0-9a-f]{32}$/;

/** Loads models by run id or registered name and alias (cached, native memory freed on eviction) and predicts. */
export class Predictor {
  private readonly cache: LRUCache<string, LoadedModel>;

  constructor(
    private readonly client: MlflowClient,
    private readonly engine: FeatureEngine,
    maxModels = 8,
  ) {
    this.cache = new LRUCache<string, LoadedModel>({ max: maxModels, dispose: (loaded) => loaded.model.dispose() });
  }

  /** Resolves a reference to a run id and the model folder in it. */
  private async locate(ref: string): Promise<{ runId: string; path: string }> {
    if (ref.startsWith("models:/")) {
      const resolved = await this.client.resolveModelUri(ref);
      return { runId: resolved.runId, path: resolved.artifactPath || "model" };
    }
    const runsUri = /^runs:\/([0-9a-f]{32})\/(.+)$/.exec(ref);
    if (runsUri) return { runId: runsUri[1], path: runsUri[2] };
    if (RUN_ID.test(ref)) return { runId: ref, path: "model" };
    throw new InvalidInput(`'${ref}' is not a model reference: give a run id (32 hex characters), runs:/<id>/model or models:/<name>@<alias>.`, [
      { path: "model", message: "a run id or models:/ URI" },
    ]);
  }

  /** Loads (or reuses) the model a reference points at. Registered aliases are re-resolved on every call. */
  async load(ref: string): Promise<LoadedModel> {
    const { runId, path } = await this.locate(ref);
    const key = `${runId}/${path}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    await this.client.getRun(runId);
    const listing = await this.client.listArtifacts(runId, path);
    if (!listing.some((f) => f.path.endsWith("openquant.json"))) {
      throw new NotFound(`Run ${runId} holds no OpenQuant model (no ${path}/openquant.json): was it a cross-validation run, or did training fail?`, [
        { path: "model", message: "no model in this run" },
      ]);
    }
    const meta = JSON.parse((await this.client.downloadArtifact(runId, `${path}/openquant.json`)).toString("utf8")) as ModelMeta;
    const files: Record<string, string | Uint8Array> = {};
    for (const name of meta.files) {
      const bytes = await this.client.downloadArtifact(runId, `${path}/${name}`);
      files[name] = bytes.toString("utf8");
    }
    const type = findModelType(meta.type);
    await type.prepare?.({ ...meta, files });
    const model = type.fromJSON({ ...meta, files });
    const flavor = await this.readFlavor(runId, path);
    const loaded: LoadedModel = {
      runId,
      ref,
      model,
      type: meta.type,
      task: meta.task,
      featureNames: meta.featureNames,
      featureSet: flavor.feature_set,
      horizon: flavor.horizon,
      interval: flavor.interval,
    };
    this.cache.set(key, loaded);
    return loaded;
  }

  private async readFlavor(runId: string, path: string): Promise<{ feature_set: LoadedModel["featureSet"]; horizon: number; interval: string }> {
    const { parse } = await import("yaml");
    const mlmodel = parse((await this.client.downloadArtifact(runId, `${path}/MLmodel`)).toString("utf8")) as {
      flavors: { openquant: { feature_set: LoadedModel["featureSet"]; horizon: number; interval: string } };
    };
    return mlmodel.flavors.openquant;
  }

  /** Predicts for one ticker over a range; rows whose features are still warming up are left out. */
  async predict(ref: string, request: PredictRequest): Promise<PredictionResult> {
    const r = validate(predictRequestSchema, request, "prediction request");
    const loaded = await this.load(ref);
    const frame = await this.engine.computeOne(r.ticker, loaded.featureSet, { start: r.start, end: r.end, interval: loaded.interval as never });
    const matrix = buildPredictionMatrix([{ ticker: r.ticker, ts: frame.ts, features: frame.columns }], { features: loaded.featureNames });
    const predictions = loaded.model.predict(matrix);
    return {
      ticker: r.ticker,
      runId: loaded.runId,
      modelType: loaded.type,
      task: loaded.task,
      horizon: loaded.horizon,
      dates: Array.from(matrix.ts, (t) => new Date(t).toISOString()),
      ts: matrix.ts,
      predictions,
    };
  }

  /** Frees every cached model's native memory. */
  clear(): void {
    this.cache.clear();
  }
}
