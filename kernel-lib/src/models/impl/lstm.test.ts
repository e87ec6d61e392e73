import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { laggedSineDataset, naiveLastValueRmse } from "../sequence/lagged-sine.js";
import { predictWithPlainTfjs, rmse } from "../sequence/test-support.js";
import { loadTf } from "../sequence/tfjs.js";
import type { FitProgress, Model, SavedModel } from "../types.js";
import { lstmType } from "./lstm.js";
import { sliceDataset } from "./synthetic.js";

// Tiny on purpose: the machine is shared; a few hundred rows and a few epochs learn a sine's phase.
const data = laggedSineDataset({ rows: 560, period: 16, noise: 0.1, seed: 3 });
const train = sliceDataset(data, 0, 448);
const test = sliceDataset(data, 448, 112);
const tiny = { window: 8, units: 12, epochs: 10, batch_size: 64, learning_rate: 0.02, dropout: 0, early_stopping_rounds: 0, seed: 1 };

describe("lstm", () => {
  let model: Model;
  let predicted: Float64Array;
  let saved: SavedModel;

  beforeAll(async () => {
    model = lstmType.create("regression", lstmType.params.parse(tiny));
    await model.fit(train);
    predicted = model.predict(test);
    saved = model.toJSON();
  }, 300_000);
  afterAll(() => model.dispose());

  it("learns the lagged sine: beats the naive last-value forecast on the test fold", () => {
    const naive = naiveLastValueRmse(test);
    const ours = rmse(predicted, test.y);
    console.info(`lstm test RMSE ${ours.toFixed(4)} vs naive last value ${naive.toFixed(4)}`);
    expect(ours).toBeLessThan(0.8 * naive);
  });

  it("saves and loads (through JSON text and through bytes) to the very same predictions", async () => {
    const text = JSON.parse(JSON.stringify(saved)) as SavedModel;
    await lstmType.prepare?.(text);
    const loaded = lstmType.fromJSON(text);
    expect(Array.from(loaded.predict(test))).toEqual(Array.from(predicted));
    const bytes = { ...saved, files: Object.fromEntries(Object.entries(saved.files).map(([k, v]) => [k, Buffer.from(v as string)])) };
    const fromBytes = lstmType.fromJSON(bytes);
    expect(Array.from(fromBytes.predict(test))).toEqual(Array.from(predicted));
    loaded.dispose();
    fromBytes.dispose();
  });

  it("saves a standard tfjs layers model: tf.loadLayersModel on the artifact predicts the same", async () => {
    const plain = await predictWithPlainTfjs(saved, test);
    for (let i = 0; i < test.rows; i++) expect(plain[i]).toBeCloseTo(predicted[i], 6);
    expect(saved.format).toBe("tfjs-layers");
    expect(Object.keys(saved.files)).toEqual(["model.tfjs.json", "sequence.json"]);
  });

  it("is reproducible with a seed: the same seed gives identical predictions, another seed different ones", async () => {
    const small = sliceDataset(data, 0, 192);
    const fitPredict = async (seed: number) => {
      const m = lstmType.create("regression", lstmType.params.parse({ ...tiny, epochs: 2, dropout: 0.2, seed }));
      await m.fit(small);
      const out = m.predict(test);
      m.dispose();
      return out;
    };
    const a = await fitPredict(5);
    const b = await fitPredict(5);
    const c = await fitPredict(6);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(rmse(a, c)).toBeGreaterThan(1e-4);
  }, 300_000);

  it("reports every epoch and stops early on the validation loss, keeping the best epoch's weights", async () => {
    const events: FitProgress[] = [];
    // A learning rate this high makes the validation loss climb soon, so patience 2 ends the fit early.
    const m = lstmType.create("regression", lstmType.params.parse({ ...tiny, epochs: 40, learning_rate: 0.9, optimizer: "sgd", early_stopping_rounds: 2 }));
    await m.fit(sliceDataset(data, 0, 256), { valid: sliceDataset(data, 264, 64), onProgress: (p) => events.push(p) });
    expect(events.map((e) => e.iteration)).toEqual(Array.from({ length: events.length }, (_, k) => k + 1));
    expect(events.every((e) => e.total === 40 && typeof e.metrics?.loss === "number" && typeof e.metrics?.val_loss === "number")).toBe(true);
    expect(events.length).toBeLessThan(40);
    const best = m.bestIteration?.() as number;
    expect(best).toBe(events.length - 2);
    const losses = events.map((e) => e.metrics?.val_loss as number);
    expect(Math.min(...losses)).toBe(losses[best - 1]);
    m.dispose();
  }, 300_000);

  it("lets timers run during a fit and stops at the next batch when cancelled from one, freeing its tensors", async () => {
    const tf = loadTf();
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const m = lstmType.create("regression", lstmType.params.parse({ ...tiny, epochs: 50 }));
    const epochs: number[] = [];
    const fit = m.fit(train, {
      signal: controller.signal,
      onProgress: (p) => {
        epochs.push(p.iteration);
        // a macrotask, as a cancel request from HTTP or a job would be: it runs only if the fit yields
        if (p.iteration === 1) setTimeout(() => controller.abort(new Error("cancelled by the test")), 0);
      },
    });
    await expect(fit).rejects.toThrow("cancelled by the test");
    expect(epochs.length).toBeGreaterThanOrEqual(1);
    expect(epochs.length).toBeLessThanOrEqual(2);
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000);

  it("classifies: probabilities in (0, 1)", async () => {
    const up = { ...train, y: Float64Array.from(train.y, (v) => (v > 0 ? 1 : 0)) };
    const m = lstmType.create("classification", lstmType.params.parse({ ...tiny, epochs: 2 }));
    await m.fit(up);
    const p = m.predict(test);
    expect(p.every((v) => v > 0 && v < 1)).toBe(true);
    m.dispose();
  }, 300_000);
});
