import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { laggedSineDataset, naiveLastValueRmse } from "../sequence/lagged-sine.js";
import { predictWithPlainTfjs, rmse } from "../sequence/test-support.js";
import type { Model, SavedModel } from "../types.js";
import { transformerType } from "./transformer.js";

// Two tickers with different phases: windows must not cross from one into the other.
const data = laggedSineDataset({ rows: 320, period: 16, noise: 0.1, seed: 4, tickers: 2 });
/** Bars [from, to) of both tickers (stacked per ticker, as the dataset builder lays them out). */
const rowsOf = (from: number, to: number) => [0, 320].flatMap((offset) => Array.from({ length: to - from }, (_, k) => offset + from + k));
function subset(rows: number[]) {
  const p = data.featureNames.length;
  return {
    ...data,
    rows: rows.length,
    X: Float64Array.from(rows.flatMap((r) => Array.from(data.X.subarray(r * p, (r + 1) * p)))),
    y: Float64Array.from(rows, (r) => data.y[r]),
    ts: Float64Array.from(rows, (r) => data.ts[r]),
    tickerIndex: Int32Array.from(rows, (r) => data.tickerIndex[r]),
  };
}
const train = subset(rowsOf(0, 256));
const test = subset(rowsOf(256, 320));
const tiny = { window: 8, model_dim: 16, heads: 2, layers: 1, units: 32, epochs: 8, batch_size: 64, learning_rate: 0.01, dropout: 0, early_stopping_rounds: 0, seed: 2 };

describe("transformer", () => {
  let model: Model;
  let predicted: Float64Array;
  let saved: SavedModel;

  beforeAll(async () => {
    model = transformerType.create("regression", transformerType.params.parse(tiny));
    await model.fit(train);
    predicted = model.predict(test);
    saved = model.toJSON();
  }, 300_000);
  afterAll(() => model.dispose());

  it("learns the lagged sine of two tickers: beats the naive last-value forecast on the test fold", () => {
    const naive = naiveLastValueRmse(test);
    const ours = rmse(predicted, test.y);
    console.info(`transformer test RMSE ${ours.toFixed(4)} vs naive last value ${naive.toFixed(4)}`);
    expect(ours).toBeLessThan(0.8 * naive);
  });

  it("saves and loads to the very same predictions", async () => {
    const text = JSON.parse(JSON.stringify(saved)) as SavedModel;
    await transformerType.prepare?.(text);
    const loaded = transformerType.fromJSON(text);
    expect(Array.from(loaded.predict(test))).toEqual(Array.from(predicted));
    loaded.dispose();
  });

  it("saves a standard tfjs layers model whose custom layers are registered: tf.loadLayersModel predicts the same", async () => {
    const plain = await predictWithPlainTfjs(saved, test);
    for (let i = 0; i < test.rows; i++) expect(plain[i]).toBeCloseTo(predicted[i], 6);
    const topology = JSON.stringify(JSON.parse(saved.files["model.tfjs.json"] as string).modelTopology);
    for (const layer of ["OpenQuantMultiHeadSelfAttention", "OpenQuantPositionalEncoding", "LayerNormalization", "OpenQuantLastTimeStep"]) expect(topology).toContain(layer);
  });
});
