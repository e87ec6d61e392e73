/**
 * The contract every native tree model honours: XGBoost, LightGBM and the LightGBM-backed random
 * forest, on synthetic data whose structure is known.
 */
import { describe, expect, it } from "vitest";
import { Conflict, InvalidInput } from "../../errors.js";
import { NativeLibraryError } from "../native/native-error.js";
import type { Dataset, FitProgress, ModelType, Task } from "../types.js";
import { lightgbmType } from "./lightgbm.js";
import { randomForestType } from "./random-forest.js";
import { sliceDataset, syntheticDataset } from "./synthetic.js";
import { xgboostType } from "./xgboost.js";

interface Case {
  type: ModelType;
  /** Small, single-threaded settings so the tests are quick and deterministic. */
  params: Record<string, unknown>;
  file: string;
  rounds: number;
  /** Test MSE must stay below this fraction of the constant predictor's (the test variance). */
  mseRatio: number;
}

const cases: Case[] = [
  { type: xgboostType as unknown as ModelType, params: { n_estimators: 150, nthread: 1, learning_rate: 0.1 }, file: "model.xgb.json", rounds: 150, mseRatio: 0.35 },
  { type: lightgbmType as unknown as ModelType, params: { n_estimators: 150, num_threads: 1, learning_rate: 0.1 }, file: "model.lgb.txt", rounds: 150, mseRatio: 0.35 },
  // A forest sampling a third of the features per split learns the f1·f2 interaction slowly:
  // sklearn's RandomForestRegressor (60 trees, max_features 0.33) reaches 0.54 of the variance here.
  { type: randomForestType as unknown as ModelType, params: { n_estimators: 60, num_threads: 1 }, file: "model.lgb.txt", rounds: 60, mseRatio: 0.6 },
];

/** y = sin(2·f0) + f1·f2 + 0.1·noise: nonlinear, with an interaction and three useless features. */
const nonlinear = (seed: number, rows: number) =>
  syntheticDataset({ rows, features: 6, seed, label: (x, noise) => Math.sin(2 * x[0]) + x[1] * x[2] + 0.1 * noise() });

/** P(y = 1) rises with f0² − 1 + f1. */
const classes = (seed: number, rows: number) => syntheticDataset({ rows, features: 4, seed, label: (x, noise) => (x[0] * x[0] - 1 + x[1] + 0.3 * noise() > 0 ? 1 : 0) });

const mse = (pred: Float64Array, y: Float64Array) => pred.reduce((s, v, i) => s + (v - y[i]) ** 2, 0) / y.length;

function variance(y: Float64Array): number {
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  return y.reduce((s, v) => s + (v - mean) ** 2, 0) / y.length;
}

async function fitted(c: Case, task: Task, data: Dataset, extra: Record<string, unknown> = {}) {
  const model = c.type.create(task, c.type.params.parse({ ...c.params, ...extra }));
  await model.fit(data);
  return model;
}

describe.each(cases)("$type.name", (c) => {
  const train = nonlinear(1, 3000);
  const test = nonlinear(2, 1000);

  it("beats a constant predictor by a clear margin on a nonlinear target", async () => {
    const model = await fitted(c, "regression", train);
    // The constant predictor's test MSE is the test variance (≈ 1.4).
    expect(mse(model.predict(test), test.y)).toBeLessThan(c.mseRatio * variance(test.y));
    model.dispose();
  });

  it("ranks the informative features above the useless ones by gain", async () => {
    const model = await fitted(c, "regression", train);
    const importance = model.featureImportance?.() ?? {};
    expect(Object.keys(importance)).toEqual(train.featureNames);
    const useless = Math.max(importance.f3, importance.f4, importance.f5);
    for (const f of ["f0", "f1", "f2"]) expect(importance[f]).toBeGreaterThan(2 * useless);
    model.dispose();
  });

  it("gives classification probabilities in [0, 1] that separate the classes", async () => {
    const data = classes(3, 3000);
    const holdout = classes(4, 1000);
    const model = await fitted(c, "classification", data);
    const prob = model.predict(holdout);
    let right = 0;
    for (let r = 0; r < holdout.rows; r++) {
      expect(prob[r]).toBeGreaterThanOrEqual(0);
      expect(prob[r]).toBeLessThanOrEqual(1);
      right += (prob[r] > 0.5 ? 1 : 0) === holdout.y[r] ? 1 : 0;
    }
    const base = holdout.y.reduce((a, b) => a + b, 0) / holdout.rows;
    expect(right / holdout.rows).toBeGreaterThan(Math.max(base, 1 - base) + 0.15);
    model.dispose();
  });

  it("saves in the library's native format and loads back to bit-identical predictions and file", async () => {
    const model = await fitted(c, "regression", train);
    const saved = model.toJSON();
    expect(Object.keys(saved.files)).toEqual([c.file]);
    const loaded = c.type.fromJSON(saved);
    const before = model.predict(test);
    const after = loaded.predict(test);
    expect(after.every((v, i) => Object.is(v, before[i]))).toBe(true);
    expect(loaded.toJSON().files[c.file]).toBe(saved.files[c.file]);
    // Bytes (as read back from an artifact store) load too.
    const fromBytes = c.type.fromJSON({ ...saved, files: { [c.file]: Buffer.from(saved.files[c.file] as string) } });
    expect(fromBytes.predict(test)[17]).toBe(before[17]);
    for (const m of [model, loaded, fromBytes]) m.dispose();
  });

  it("predicts one row as it predicts that row in a batch, and handles missing values natively", async () => {
    const model = await fitted(c, "regression", train);
    const batch = model.predict(test);
    const row = sliceDataset(test, 5, 1);
    expect(model.predict(row)[0]).toBe(batch[5]);
    const holes = Float64Array.from(row.X);
    holes[0] = Number.NaN;
    expect(Number.isFinite(model.predict({ X: holes, rows: 1, featureNames: row.featureNames })[0])).toBe(true);
    holes[1] = Number.POSITIVE_INFINITY;
    expect(() => model.predict({ X: holes, rows: 1, featureNames: row.featureNames })).toThrow(/Feature 'f1' is \+Infinity/);
    model.dispose();
  });

  it("reports progress once per round and stops when aborted", async () => {
    const seen: FitProgress[] = [];
    const model = c.type.create("regression", c.type.params.parse(c.params));
    await model.fit(sliceDataset(train, 0, 500), { onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.iteration)).toEqual(Array.from({ length: c.rounds }, (_, i) => i + 1));
    expect(seen.every((p) => p.total === c.rounds)).toBe(true);
    const controller = new AbortController();
    const aborted = model.fit(train, { signal: controller.signal, onProgress: (p) => p.iteration === 3 && controller.abort(new Error("stop now")) });
    await expect(aborted).rejects.toThrow("stop now");
    model.dispose();
  });

  it("reports validation metrics per round when given a validation set", async () => {
    const seen: FitProgress[] = [];
    const model = await (async () => {
      const m = c.type.create("regression", c.type.params.parse(c.params));
      await m.fit(sliceDataset(train, 0, 2000), { valid: sliceDataset(train, 2000, 1000), onProgress: (p) => seen.push(p) });
      return m;
    })();
    const metric = Object.keys(seen[0].metrics ?? {})[0];
    expect(metric).toMatch(/^valid-(rmse|l2)$/);
    expect(seen[seen.length - 1].metrics?.[metric]).toBeLessThan(seen[0].metrics?.[metric] ?? 0);
    model.dispose();
  });

  it("frees its native model on dispose (idempotent) and refuses to predict afterwards", async () => {
    const model = await fitted(c, "regression", sliceDataset(train, 0, 300));
    model.dispose();
    model.dispose();
    expect(() => model.predict(test)).toThrow(Conflict);
    expect(() => model.toJSON()).toThrow(/not fitted \(or was disposed\)/);
  });

  it("refuses bad data before any native call: wrong shape, NaN labels, mismatched features", async () => {
    const model = c.type.create("regression", c.type.params.parse(c.params));
    const bad = sliceDataset(train, 0, 100);
    await expect(model.fit({ ...bad, X: bad.X.subarray(1) })).rejects.toThrow(/X holds 599 values, but rows × features = 100 × 6 = 600/);
    const noLabel = { ...bad, y: Float64Array.from(bad.y) };
    noLabel.y[3] = Number.NaN;
    await expect(model.fit(noLabel)).rejects.toThrow(/label is NaN at row 3 \(SYN 2000-01-06/);
    const renamed = { ...sliceDataset(train, 100, 100), featureNames: ["f0", "f1", "f2", "f3", "f4", "g5"] };
    await expect(model.fit(bad, { valid: renamed })).rejects.toThrow(/validation set's features/);
  });

  it("refuses bad hyperparameters with InvalidInput naming them", () => {
    expect(() => c.type.create("regression", { ...c.params, n_estimators: 0 })).toThrow(/n_estimators/);
    expect(() => c.type.create("regression", { ...c.params, n_estimators: 0 })).toThrow(InvalidInput);
    expect(() => c.type.create("regression", { ...c.params, max_depht: 3 })).toThrow(/max_depht/);
  });

  it("turns a native library failure into NativeLibraryError with the library's message", () => {
    const saved = { type: c.type.name, task: "regression" as const, params: c.params, featureNames: ["f0"], format: c.file.endsWith(".json") ? "xgboost-json" : "lightgbm-text", files: { [c.file]: "not a model" } };
    let error: unknown;
    try {
      c.type.fromJSON(saved);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NativeLibraryError);
    expect(error).toBeInstanceOf(InvalidInput);
    expect((error as Error).message).toMatch(/^(XGBoost|LightGBM) \w+ failed: \S/);
  });

  it("refuses a SavedModel of another type or format", () => {
    const saved = { type: "other", task: "regression" as const, params: {}, featureNames: ["f0"], format: "json", files: {} };
    expect(() => c.type.fromJSON(saved)).toThrow(/of type 'other'/);
    expect(() => c.type.fromJSON({ ...saved, type: c.type.name })).toThrow(/must be in format/);
  });
});
