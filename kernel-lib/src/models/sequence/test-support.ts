/** Helpers shared by the sequence model tests: RMSE, and the raw network output of a saved model through plain tfjs. */
import type { Dataset, SavedModel } from "../types.js";
import { artifactsLoadHandler, parseModelDocument } from "./io-handler.js";
import { scaleFeatures, unscaleTarget } from "./scaler.js";
import { loadTf } from "./tfjs.js";
import { buildWindows, rowsByTicker } from "./windows.js";

/** Root mean squared error. */
export function rmse(predicted: Float64Array, actual: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += (predicted[i] - actual[i]) ** 2;
  return Math.sqrt(sum / actual.length);
}

/**
 * Predictions of a saved model computed without our loader: the network by `tf.loadLayersModel`
 * from the saved document, windows and scaling from sequence.json.
 */
export async function predictWithPlainTfjs(saved: SavedModel, data: Dataset): Promise<Float64Array> {
  const tf = loadTf();
  const net = await tf.loadLayersModel(artifactsLoadHandler(parseModelDocument(saved.files["model.tfjs.json"] as string)));
  const state = JSON.parse(saved.files["sequence.json"] as string) as { window: number; featureScaler: { means: number[]; sds: number[] }; targetScaler?: { mean: number; sd: number } };
  const p = data.featureNames.length;
  const windows = buildWindows(scaleFeatures(data.X, data.rows, state.featureScaler), p, rowsByTicker(data), state.window);
  const raw = tf.tidy(() => (net.predict(tf.tensor3d(windows, [data.rows, state.window, p])) as ReturnType<typeof tf.tensor>).dataSync() as Float32Array);
  net.dispose();
  return state.targetScaler ? unscaleTarget(raw, state.targetScaler) : Float64Array.from(raw);
}
