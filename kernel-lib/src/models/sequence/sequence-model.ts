/**
 * A Model on a tfjs network over windows of past bars: the engine of the `lstm` and `transformer`
 * types. fit() standardizes with statistics of the training rows alone, builds windows per ticker
 * without look-ahead, trains with seeded shuffles and early stopping on the validation set, and
 * saves the network through our IOHandler; predict() applies the same scaler and windows.
 */
import type * as Tf from "@tensorflow/tfjs";
import { Conflict, InvalidInput } from "../../errors.js";
import { alignFeatures, checkSameFeatures, checkTrainingSet, type FeatureMatrix } from "../impl/dataset-checks.js";
import type { Dataset, FitOptions, Model, SavedModel, Task } from "../types.js";
import { artifactsSaveHandler, parseModelDocument, type TfjsModelDocument, weightBytes } from "./io-handler.js";
import { makeOptimizer } from "./networks.js";
import type { SequenceCommonParams } from "./params.js";
import { type FeatureScaler, fitFeatureScaler, fitTargetScaler, scaleFeatures, scaleTarget, type TargetScaler, unscaleTarget } from "./scaler.js";
import { activateStartedBackend, type TfModule, useBackend } from "./tfjs.js";
import { runEpochs, type TensorSet } from "./training.js";
import { buildWindows, checkWindowFits, type RowLayout } from "./windows.js";

/** The saved network (topology + weights) inside a SavedModel. */
export const SEQUENCE_MODEL_FILE = "model.tfjs.json";
/** The scaler, window and training summary inside a SavedModel. */
export const SEQUENCE_STATE_FILE = "sequence.json";
/** SavedModel.format of the sequence models. */
export const SEQUENCE_FORMAT = "tfjs-layers";

/** How a model type drives the sequence engine. */
export interface SequenceSetup<P extends SequenceCommonParams = SequenceCommonParams> {
  type: string;
  task: Task;
  params: P;
  /** Builds the (uncompiled) network for `features` inputs per step. */
  build(tf: TfModule, params: P, features: number, task: Task): Tf.LayersModel;
}

/** What sequence.json holds. */
interface SequenceState {
  window: number;
  featureScaler: FeatureScaler;
  targetScaler?: TargetScaler;
  epochs: number;
  bestEpoch?: number;
  backend: string;
  tfjsVersion: string;
}

/** Prediction input: the feature matrix, and where its rows sit when known (tickers, times). */
export type SequenceInput = FeatureMatrix & Partial<Pick<Dataset, "tickerIndex" | "tickers" | "ts">>;

const PREDICT_BATCH = 1024;

/** A Model on a tfjs sequence network. Frees its tensors on dispose(). */
export class SequenceModel implements Model {
  readonly type: string;
  readonly task: Task;
  private net: Tf.LayersModel | undefined;
  private features: string[] = [];
  private state: SequenceState | undefined;
  private document: TfjsModelDocument | undefined;

  constructor(private readonly setup: SequenceSetup) {
    this.type = setup.type;
    this.task = setup.task;
  }

  /** Rebuilds a saved model; the tfjs backend it names must have been started (see prepareSequenceModels). */
  static load(setup: SequenceSetup, saved: SavedModel, modelText: string, stateText: string): SequenceModel {
    const doc = parseModelDocument(modelText);
    const state = JSON.parse(stateText) as SequenceState;
    if (state.window !== setup.params.window || state.featureScaler?.means?.length !== saved.featureNames.length) {
      throw new Conflict(`The saved ${setup.type} model's ${SEQUENCE_STATE_FILE} does not match its hyperparameters and features; the files do not belong together.`);
    }
    const tf = activateStartedBackend(setup.params.backend);
    const net = setup.build(tf, setup.params, saved.featureNames.length, setup.task);
    try {
      if (JSON.stringify(net.toJSON(null, false)) !== JSON.stringify(doc.modelTopology)) {
        throw new Conflict(`The saved ${setup.type} topology differs from the network these hyperparameters build; it was saved by another version of OpenQuant.`);
      }
      const weights = tf.io.decodeWeights(weightBytes(doc), doc.weightSpecs);
      try {
        net.loadWeights(weights);
      } finally {
        tf.dispose(Object.values(weights));
      }
    } catch (error) {
      net.dispose();
      throw error;
    }
    const model = new SequenceModel(setup);
    model.net = net;
    model.features = [...saved.featureNames];
    model.state = state;
    model.document = doc;
    return model;
  }

  async fit(train: Dataset, options: FitOptions = {}): Promise<void> {
    const { params, task } = this.setup;
    checkTrainingSet(train, task);
    const valid = options.valid;
    if (valid) {
      checkTrainingSet(valid, task, "validation set");
      checkSameFeatures(valid, train.featureNames);
    }
    if (train.rows < params.batch_size) {
      throw new InvalidInput(`The training set has ${train.rows} rows, fewer than one batch (batch_size ${params.batch_size}): lower batch_size or train on more data.`, [
        { path: "batch_size", message: `at most ${train.rows} for this data` },
      ]);
    }
    const trainGroups = checkWindowFits(train, params.window, "training set");
    const validGroups = valid ? checkWindowFits(valid, params.window, "validation set") : undefined;
    const tf = await useBackend(params.backend);
    options.signal?.throwIfAborted();

    const p = train.featureNames.length;
    const { featureScaler, targetScaler } = this.fitScalers(train);
    const tensors = (data: Dataset, groups: number[][]): TensorSet => {
      const windows = buildWindows(scaleFeatures(data.X, data.rows, featureScaler), p, groups, params.window);
      const y = targetScaler ? scaleTarget(data.y, targetScaler) : Float32Array.from(data.y);
      return { x: tf.tensor3d(windows, [data.rows, params.window, p]), y: tf.tensor2d(y, [data.rows, 1]) };
    };

    this.dispose();
    const net = this.setup.build(tf, params, p, task);
    const trainSet = tensors(train, trainGroups);
    const validSet = valid && validGroups ? tensors(valid, validGroups) : undefined;
    // The model does not own an optimizer object handed to compile(): freed here after training.
    const optimizer = makeOptimizer(tf, params.optimizer, params.learning_rate);
    try {
      net.compile({ optimizer, loss: task === "classification" ? "binaryCrossentropy" : "meanSquaredError" });
      const result = await runEpochs(tf, {
        net,
        train: trainSet,
        valid: validSet,
        epochs: params.epochs,
        batchSize: params.batch_size,
        seed: params.seed,
        patience: params.early_stopping_rounds,
        onProgress: options.onProgress,
        signal: options.signal,
      });
      const saver = artifactsSaveHandler(`TensorFlow.js ${tf.version.tfjs} via OpenQuant ${this.type}`);
      await net.save(saver.handler);
      this.net = net;
      this.features = [...train.featureNames];
      this.document = saver.document();
      this.state = { window: params.window, featureScaler, targetScaler, epochs: result.epochs, bestEpoch: result.bestEpoch, backend: params.backend, tfjsVersion: tf.version.tfjs };
    } catch (error) {
      net.dispose();
      throw error;
    } finally {
      optimizer.dispose();
      tf.dispose([trainSet.x, trainSet.y, ...(validSet ? [validSet.x, validSet.y] : [])]);
    }
  }

  /** The scalers, fitted on the training rows only: validation and test rows never shape the scaling. */
  protected fitScalers(train: Dataset): { featureScaler: FeatureScaler; targetScaler?: TargetScaler } {
    return {
      featureScaler: fitFeatureScaler(train.X, train.rows, train.featureNames),
      targetScaler: this.task === "regression" ? fitTargetScaler(train.y) : undefined,
    };
  }

  /** One value per row; rows are windowed per ticker (tickerIndex) in the order given, oldest first. */
  predict(data: SequenceInput): Float64Array {
    const { net, state } = this;
    if (!net || !state) throw new Conflict(`This ${this.type} model is not fitted yet; call fit() or load a saved model.`);
    const dense = alignFeatures(data, this.features);
    const layout: RowLayout = { rows: dense.rows, tickerIndex: data.tickerIndex, tickers: data.tickers, ts: data.ts };
    const groups = checkWindowFits(layout, state.window, "prediction data");
    const tf = activateStartedBackend(this.setup.params.backend);
    const p = dense.cols;
    const windows = buildWindows(scaleFeatures(dense.X, dense.rows, state.featureScaler), p, groups, state.window);
    const out = new Float32Array(dense.rows);
    for (let start = 0; start < dense.rows; start += PREDICT_BATCH) {
      const rows = Math.min(PREDICT_BATCH, dense.rows - start);
      const values = tf.tidy(() => {
        const x = tf.tensor3d(windows.subarray(start * state.window * p, (start + rows) * state.window * p), [rows, state.window, p]);
        return (net.predict(x) as Tf.Tensor).dataSync() as Float32Array;
      });
      out.set(values, start);
    }
    return state.targetScaler ? unscaleTarget(out, state.targetScaler) : Float64Array.from(out);
  }

  /** 1-based epoch whose weights were kept, when early stopping ran. */
  bestIteration(): number | undefined {
    return this.state?.bestEpoch;
  }

  toJSON(): SavedModel {
    if (!this.document || !this.state) throw new Conflict(`This ${this.type} model is not fitted yet; there is nothing to save.`);
    return {
      type: this.type,
      task: this.task,
      params: { ...this.setup.params },
      featureNames: [...this.features],
      format: SEQUENCE_FORMAT,
      files: { [SEQUENCE_MODEL_FILE]: JSON.stringify(this.document), [SEQUENCE_STATE_FILE]: JSON.stringify(this.state, null, 2) },
    };
  }

  dispose(): void {
    this.net?.dispose();
    this.net = undefined;
  }
}
