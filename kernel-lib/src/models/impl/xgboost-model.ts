/**
 * A model trained by XGBoost's native library: the engine behind the `xgboost` type (gradient
 * boosting) and usable by other types that configure it differently (e.g. a random forest).
 */
import { Conflict } from "../../errors.js";
import { XgbBooster, XgbDMatrix } from "../native/xgboost-booster.js";
import type { Dataset, FitOptions, Model, SavedModel, Task } from "../types.js";
import { runBoostingLoop } from "./boosting-loop.js";
import { alignFeatures, checkSameFeatures, checkTrainingSet, type FeatureMatrix } from "./dataset-checks.js";

/** The file holding the model in XGBoost's JSON format inside a SavedModel. */
export const XGBOOST_FILE = "model.xgb.json";

/** How a model type drives XGBoost. */
export interface XgbSetup {
  /** Model type name, recorded in the SavedModel. */
  type: string;
  task: Task;
  /** The type's validated hyperparameters, saved as they are. */
  params: Record<string, unknown>;
  /** XGBoost parameters (objective included), set in this order. */
  native: Record<string, string | number>;
  /** Boosting rounds. */
  rounds: number;
  /** Rounds without improvement on `valid` before stopping; 0 = never. */
  earlyStoppingRounds: number;
  /** Threads for building the DMatrix (≤ 0 = all cores). */
  nthread: number;
}

/** XGBoost's objective for a task. */
export function xgboostObjective(task: Task): string {
  return task === "classification" ? "binary:logistic" : "reg:squarederror";
}

/** A Model on an XGBoost booster. Frees the booster on dispose() (and, failing that, when collected). */
export class XgbModel implements Model {
  readonly type: string;
  readonly task: Task;
  private booster: XgbBooster | null = null;
  private features: string[] = [];
  private best: number | undefined;

  constructor(private readonly setup: XgbSetup) {
    this.type = setup.type;
    this.task = setup.task;
  }

  /** Rebuilds a fitted model from XGBoost JSON (bestIteration comes from the model's `best_iteration` attribute). */
  static load(setup: XgbSetup, json: string | Uint8Array, featureNames: string[]): XgbModel {
    const model = new XgbModel(setup);
    const booster = XgbBooster.load(json);
    const n = booster.numFeatures();
    if (n !== featureNames.length) {
      booster.free();
      throw new Conflict(`The saved XGBoost model has ${n} features but its SavedModel lists ${featureNames.length}; the files do not belong together.`);
    }
    const best = booster.getAttr("best_iteration");
    model.useThreads(booster);
    model.booster = booster;
    model.features = [...featureNames];
    model.best = best === undefined ? undefined : Number(best) + 1;
    return model;
  }

  /**
   * Trains the booster; with `options.valid`, stops early and keeps the rounds up to the best one.
   * The result is reloaded from its JSON model, which releases the training state.
   */
  async fit(train: Dataset, options: FitOptions = {}): Promise<void> {
    checkTrainingSet(train, this.task);
    if (options.valid) {
      checkTrainingSet(options.valid, this.task, "validation set");
      checkSameFeatures(options.valid, train.featureNames);
    }
    this.release();
    const shape = (d: Dataset) => ({ X: d.X, rows: d.rows, cols: d.featureNames.length });
    const dmatrixOptions = (d: Dataset) => ({ labels: d.y, featureNames: d.featureNames, nthread: this.setup.nthread });
    const dtrain = XgbDMatrix.create(shape(train), dmatrixOptions(train));
    const dvalid = options.valid ? XgbDMatrix.create(shape(options.valid), dmatrixOptions(options.valid)) : undefined;
    let booster: XgbBooster | undefined;
    try {
      booster = XgbBooster.create(dvalid ? [dtrain, dvalid] : [dtrain]);
      booster.setFeatureNames(train.featureNames);
      booster.setParams({ ...this.setup.native, validate_parameters: 1 });
      const trained = booster;
      const result = await runBoostingLoop({
        total: this.setup.rounds,
        earlyStoppingRounds: dvalid ? this.setup.earlyStoppingRounds : 0,
        onProgress: options.onProgress,
        signal: options.signal,
        round: (index) => {
          trained.update(index, dtrain);
          return dvalid ? { metrics: trained.evaluate(index, [{ name: "valid", data: dvalid }]) } : {};
        },
      });
      if (result.bestRound !== undefined) {
        // Keep rounds 0..best (XGBoost's save_best), so every reader of the JSON predicts with the best model.
        const sliced = booster.slice(result.bestRound + 1);
        booster.free();
        booster = sliced;
        booster.setFeatureNames(train.featureNames);
        booster.setAttr("best_iteration", String(result.bestRound));
        this.best = result.bestRound + 1;
      }
      // Reload from the saved model: the training booster keeps its histogram and gradient buffers
      // (megabytes), which a fitted model does not need.
      const json = booster.saveJson();
      booster.free();
      booster = XgbBooster.load(json);
      this.useThreads(booster);
      this.booster = booster;
      this.features = [...train.featureNames];
    } catch (error) {
      booster?.free();
      throw error;
    } finally {
      dtrain.free();
      dvalid?.free();
    }
  }

  /** Regression: predicted value; classification: P(label = 1). */
  predict(data: FeatureMatrix): Float64Array {
    return this.fitted().predict(alignFeatures(data, this.features));
  }

  /** Total gain of the splits on each feature (0 for features never used). */
  featureImportance(): Record<string, number> {
    const scores = this.fitted().featureScore("total_gain");
    // A model saved without feature names (e.g. trained in Python on a bare array) reports f0, f1, ….
    return Object.fromEntries(this.features.map((name, j) => [name, scores.get(name) ?? scores.get(`f${j}`) ?? 0]));
  }

  /** Rounds kept after early stopping (1-based: the best round's number), or undefined without a validation set. */
  bestIteration(): number | undefined {
    return this.best;
  }

  /** The model as XGBoost JSON plus what rebuilds the wrapper. */
  toJSON(): SavedModel {
    return {
      type: this.type,
      task: this.task,
      params: { ...this.setup.params },
      featureNames: [...this.features],
      format: "xgboost-json",
      files: { [XGBOOST_FILE]: this.fitted().saveJson() },
    };
  }

  /** Frees the native booster; the model cannot be used afterwards. */
  dispose(): void {
    this.release();
  }

  /** Predicts with the configured thread count (a loaded model would use every core). */
  private useThreads(booster: XgbBooster): void {
    if (this.setup.nthread > 0) booster.setParams({ nthread: this.setup.nthread });
  }

  private release(): void {
    this.booster?.free();
    this.booster = null;
    this.best = undefined;
  }

  private fitted(): XgbBooster {
    if (!this.booster) throw new Conflict(`This ${this.type} model is not fitted (or was disposed); call fit() or load a saved model first.`);
    return this.booster;
  }
}
