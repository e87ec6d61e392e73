/**
 * A model trained by LightGBM's native library: the engine behind the `lightgbm` type (gradient
 * boosting) and usable by other types that configure it differently (e.g. boosting=rf).
 */
import { Conflict } from "../../errors.js";
import { LgbBooster, LgbDataset, lightgbmParamString } from "../native/lightgbm-booster.js";
import type { Dataset, FitOptions, Model, SavedModel, Task } from "../types.js";
import { runBoostingLoop } from "./boosting-loop.js";
import { alignFeatures, checkSameFeatures, checkTrainingSet, type FeatureMatrix } from "./dataset-checks.js";

/** The file holding the model in LightGBM's text format inside a SavedModel. */
export const LIGHTGBM_FILE = "model.lgb.txt";

/** How a model type drives LightGBM. */
export interface LgbSetup {
  /** Model type name, recorded in the SavedModel. */
  type: string;
  task: Task;
  /** The type's validated hyperparameters, saved as they are. */
  params: Record<string, unknown>;
  /** LightGBM parameters (objective included), for the Datasets and the Booster. */
  native: Record<string, string | number | boolean>;
  /** Boosting iterations. */
  rounds: number;
  /** Iterations without improvement on `valid` before stopping; 0 = never. */
  earlyStoppingRounds: number;
}

/** LightGBM's objective for a task. */
export function lightgbmObjective(task: Task): string {
  return task === "classification" ? "binary" : "regression";
}

/** A Model on a LightGBM booster. Frees the booster on dispose() (and, failing that, when collected). */
export class LgbModel implements Model {
  readonly type: string;
  readonly task: Task;
  private booster: LgbBooster | null = null;
  private features: string[] = [];
  private best: number | undefined;

  constructor(private readonly setup: LgbSetup) {
    this.type = setup.type;
    this.task = setup.task;
  }

  /** Rebuilds a fitted model from LightGBM's text format (bestIteration is not stored in it: undefined). */
  static load(setup: LgbSetup, text: string, featureNames: string[]): LgbModel {
    const model = new LgbModel(setup);
    const booster = LgbBooster.load(text);
    const n = booster.numFeatures();
    if (n !== featureNames.length) {
      booster.free();
      throw new Conflict(`The saved LightGBM model has ${n} features but its SavedModel lists ${featureNames.length}; the files do not belong together.`);
    }
    model.booster = booster;
    model.features = [...featureNames];
    return model;
  }

  /**
   * Trains; with `options.valid`, stops early and keeps the iterations up to the best one. Like
   * LightGBM's Python `train()`, the result is reloaded from its text model, which releases the
   * training state (binned data, gradients, scores).
   */
  async fit(train: Dataset, options: FitOptions = {}): Promise<void> {
    checkTrainingSet(train, this.task);
    if (options.valid) {
      checkTrainingSet(options.valid, this.task, "validation set");
      checkSameFeatures(options.valid, train.featureNames);
    }
    this.release();
    const params = lightgbmParamString({ ...this.setup.native, num_iterations: this.setup.rounds });
    const shape = (d: Dataset) => ({ X: d.X, rows: d.rows, cols: d.featureNames.length });
    const dtrain = LgbDataset.create(shape(train), { params, labels: train.y, featureNames: train.featureNames });
    let dvalid: LgbDataset | undefined;
    let booster: LgbBooster | undefined;
    try {
      if (options.valid) dvalid = LgbDataset.create(shape(options.valid), { params, labels: options.valid.y, featureNames: train.featureNames, reference: dtrain });
      booster = LgbBooster.create(dtrain, params);
      const trained = booster;
      let metricNames: string[] = [];
      if (dvalid) {
        trained.addValid(dvalid);
        metricNames = trained.evalNames();
      }
      const result = await runBoostingLoop({
        total: this.setup.rounds,
        earlyStoppingRounds: dvalid ? this.setup.earlyStoppingRounds : 0,
        onProgress: options.onProgress,
        signal: options.signal,
        round: () => {
          const finished = trained.update();
          if (!dvalid) return { finished };
          const values = trained.evaluate(1, metricNames.length);
          return { finished, metrics: Object.fromEntries(metricNames.map((name, i) => [`valid-${name}`, values[i]])) };
        },
      });
      const keep = result.bestRound === undefined ? -1 : result.bestRound + 1;
      this.booster = LgbBooster.load(trained.saveText(keep));
      this.features = [...train.featureNames];
      this.best = result.bestRound === undefined ? undefined : result.bestRound + 1;
    } finally {
      booster?.free();
      dvalid?.free();
      dtrain.free();
    }
  }

  /** Regression: predicted value; classification: P(label = 1). */
  predict(data: FeatureMatrix): Float64Array {
    const threads = this.setup.native.num_threads;
    return this.fitted().predict(alignFeatures(data, this.features), threads ? `num_threads=${threads}` : "");
  }

  /** Total gain of the splits on each feature (0 for features never used). */
  featureImportance(): Record<string, number> {
    const gains = this.fitted().gainImportance();
    return Object.fromEntries(this.features.map((name, j) => [name, gains[j]]));
  }

  /** Iterations kept after early stopping (the best one's 1-based number); undefined without a validation set or after load. */
  bestIteration(): number | undefined {
    return this.best;
  }

  /** The model as LightGBM text plus what rebuilds the wrapper. */
  toJSON(): SavedModel {
    return {
      type: this.type,
      task: this.task,
      params: { ...this.setup.params },
      featureNames: [...this.features],
      format: "lightgbm-text",
      files: { [LIGHTGBM_FILE]: this.fitted().saveText() },
    };
  }

  /** Frees the native booster; the model cannot be used afterwards. */
  dispose(): void {
    this.release();
  }

  private release(): void {
    this.booster?.free();
    this.booster = null;
    this.best = undefined;
  }

  private fitted(): LgbBooster {
    if (!this.booster) throw new Conflict(`This ${this.type} model is not fitted (or was disposed); call fit() or load a saved model first.`);
    return this.booster;
  }
}
