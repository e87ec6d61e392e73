/**
 * Our model types against the Python packages of the same native libraries (and scikit-learn for
 * the linear ones), in the project's venv: models saved by TypeScript are loaded and run by
 * Python, and the same data and parameters are trained in both.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { lightgbmType } from "../src/models/impl/lightgbm.js";
import type { LinearModel } from "../src/models/impl/linear-model.js";
import { linearType } from "../src/models/impl/linear.js";
import { randomForestType } from "../src/models/impl/random-forest.js";
import { ridgeType } from "../src/models/impl/ridge.js";
import { syntheticDataset } from "../src/models/impl/synthetic.js";
import { xgboostType } from "../src/models/impl/xgboost.js";
import type { Dataset, Model, ModelType, Task } from "../src/models/types.js";

const run = promisify(execFile);
const ORACLE = new URL("./models_oracle.py", import.meta.url).pathname;

interface JobResult {
  best_iteration: number | null;
  seconds: number;
}

/** Collects datasets and jobs for one run of models_oracle.py, and reads the outputs back. */
class Oracle {
  private readonly datasets: Record<string, unknown> = {};
  private readonly jobs: Record<string, unknown>[] = [];
  private counter = 0;
  constructor(readonly dir: string) {}

  async data(name: string, d: Dataset): Promise<string> {
    const x = join(this.dir, `${name}.x`);
    const y = join(this.dir, `${name}.y`);
    await writeFile(x, new Uint8Array(d.X.buffer, d.X.byteOffset, d.X.byteLength));
    await writeFile(y, new Uint8Array(d.y.buffer, d.y.byteOffset, d.y.byteLength));
    this.datasets[name] = { x, y, rows: d.rows, features: d.featureNames };
    return name;
  }

  async file(name: string, content: string | Uint8Array): Promise<string> {
    const path = join(this.dir, name);
    await writeFile(path, content);
    return path;
  }

  /** Queues a job; returns its index and output paths. */
  job(spec: Record<string, unknown>): { index: number; out: string; coefOut: string } {
    const n = this.counter++;
    const out = join(this.dir, `out-${n}.f64`);
    const coefOut = join(this.dir, `coef-${n}.f64`);
    this.jobs.push({ ...spec, out, coef_out: coefOut });
    return { index: n, out, coefOut };
  }

  async run(python: string): Promise<{ versions: Record<string, string>; jobs: JobResult[] }> {
    const request = join(this.dir, "request.json");
    await writeFile(request, JSON.stringify({ datasets: this.datasets, jobs: this.jobs }));
    const { stdout } = await run(python, [ORACLE, request], { maxBuffer: 1 << 24, env: { ...process.env, OMP_NUM_THREADS: "1" } });
    const reply = JSON.parse(stdout) as { jobs: JobResult[] } & Record<string, string>;
    return { versions: { xgboost: reply.xgboost, lightgbm: reply.lightgbm, sklearn: reply.sklearn }, jobs: reply.jobs };
  }
}

async function readF64(path: string): Promise<Float64Array> {
  const bytes = await readFile(path);
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  expect(a.length).toBe(b.length);
  return a.reduce((most, v, i) => Math.max(most, Math.abs(v - b[i])), 0);
}

/** Nonlinear regression target with 2% missing feature values (both libraries handle NaN natively). */
const regression = (seed: number, rows: number, missing = 0.02) =>
  syntheticDataset({ rows, features: 8, seed, missing, label: (x, n) => Math.sin(2 * x[0]) + 0.5 * x[1] * x[2] - 0.3 * x[3] + 0.3 * n() });
const classification = (seed: number, rows: number, missing = 0.02) =>
  syntheticDataset({ rows, features: 8, seed, missing, label: (x, n) => (x[0] * x[0] - 1 + x[1] - 0.5 * x[2] + 0.5 * n() > 0 ? 1 : 0) });

const XGB = { n_estimators: 300, learning_rate: 0.1, early_stopping_rounds: 20, nthread: 1, seed: 7 };
const LGB = { n_estimators: 300, learning_rate: 0.1, early_stopping_rounds: 20, num_threads: 1, seed: 7 };
const RF = { n_estimators: 80, num_threads: 1, seed: 7 };

/** The XGBoost parameters xgboost.ts sets, written out independently for Python. */
function xgboostPython(task: Task) {
  const p = xgboostType.params.parse(XGB);
  return {
    objective: task === "classification" ? "binary:logistic" : "reg:squarederror",
    tree_method: p.tree_method,
    max_depth: p.max_depth,
    eta: p.learning_rate,
    subsample: p.subsample,
    colsample_bytree: p.colsample_bytree,
    min_child_weight: p.min_child_weight,
    lambda: p.reg_lambda,
    alpha: p.reg_alpha,
    max_bin: p.max_bin,
    seed: p.seed,
    nthread: p.nthread,
  };
}

/** The LightGBM parameters lightgbm.ts / random-forest.ts set, written out independently for Python. */
function lightgbmPython(task: Task, forest: boolean) {
  const common = { objective: task === "classification" ? "binary" : "regression", seed: 7, deterministic: true, verbosity: -1, max_bin: 255, num_threads: 1, force_row_wise: true };
  if (forest) {
    const p = randomForestType.params.parse(RF);
    return { ...common, boosting: "rf", num_leaves: p.num_leaves, max_depth: p.max_depth, min_data_in_leaf: p.min_data_in_leaf, bagging_fraction: p.bagging_fraction, bagging_freq: 1, feature_fraction_bynode: p.feature_fraction_bynode, lambda_l2: p.lambda_l2 };
  }
  const p = lightgbmType.params.parse(LGB);
  return {
    ...common,
    boosting: "gbdt",
    num_leaves: p.num_leaves,
    max_depth: p.max_depth,
    learning_rate: p.learning_rate,
    feature_fraction: p.feature_fraction,
    bagging_fraction: p.bagging_fraction,
    bagging_freq: p.bagging_freq,
    min_data_in_leaf: p.min_data_in_leaf,
    lambda_l1: p.lambda_l1,
    lambda_l2: p.lambda_l2,
  };
}

interface Trained {
  name: string;
  type: ModelType;
  task: Task;
  model: Model;
  pred: Float64Array;
  /** Job index: Python loads our model. */
  load: number;
  /** Job index: Python trains the same; its model is saved to `pythonModel`. */
  train: number;
  pythonModel: string;
}

describe("model types vs their Python packages (same native libraries, same data)", () => {
  const python = join(inject("venvDir"), "bin", "python");
  let dir = "";
  const trained: Trained[] = [];
  let jobs: JobResult[] = [];
  let versions: Record<string, string> = {};
  let oracle: Oracle;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "openquant-models-python-"));
    oracle = new Oracle(dir);
    const data: Record<Task, { train: Dataset; valid: Dataset; test: Dataset }> = {
      regression: { train: regression(1, 4000), valid: regression(2, 1000), test: regression(3, 1000) },
      classification: { train: classification(4, 4000), valid: classification(5, 1000), test: classification(6, 1000) },
    };
    for (const task of ["regression", "classification"] as const) {
      for (const part of ["train", "valid", "test"] as const) await oracle.data(`${task}-${part}`, data[task][part]);
    }
    const specs = [
      { type: xgboostType, params: XGB, kind: "xgboost", forest: false },
      { type: lightgbmType, params: LGB, kind: "lightgbm", forest: false },
      { type: randomForestType, params: RF, kind: "lightgbm", forest: true },
    ] as const;
    for (const spec of specs) {
      for (const task of ["regression", "classification"] as const) {
        const model = spec.type.create(task, spec.type.params.parse(spec.params) as never);
        const { train, valid, test } = data[task];
        await model.fit(train, spec.forest ? {} : { valid });
        const saved = model.toJSON();
        const [file, content] = Object.entries(saved.files)[0];
        const path = await oracle.file(`${spec.type.name}-${task}-${file}`, content);
        const load = oracle.job({ kind: `predict_${spec.kind}`, model: path, data: `${task}-test` }).index;
        const params = spec.kind === "xgboost" ? xgboostPython(task) : lightgbmPython(task, spec.forest);
        const pythonModel = join(dir, `python-${spec.type.name}-${task}-${file}`);
        const again = oracle.job({
          model_out: pythonModel,
          kind: `train_${spec.kind}`,
          params,
          rounds: spec.params.n_estimators,
          early_stopping_rounds: spec.forest ? 0 : 20,
          train: `${task}-train`,
          valid: spec.forest ? null : `${task}-valid`,
          predict: `${task}-test`,
        }).index;
        trained.push({ name: `${spec.type.name} ${task}`, type: spec.type as unknown as ModelType, task, model, pred: model.predict(test), load, train: again, pythonModel });
      }
    }
    const reply = await oracle.run(python);
    jobs = reply.jobs;
    versions = reply.versions;
  }, 300_000);

  afterAll(async () => {
    for (const t of trained) t.model.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it("binds the very library versions the Python packages load", () => {
    expect(versions.xgboost).toBe("3.2.0");
    expect(versions.lightgbm).toMatch(/^4\./);
  });

  it.each([
    "xgboost regression",
    "xgboost classification",
    "lightgbm regression",
    "lightgbm classification",
    "random_forest regression",
    "random_forest classification",
  ])("%s: Python loads our saved model and predicts the same values (within 1e-6)", async (name) => {
    const t = trained.find((x) => x.name === name) as Trained;
    const python = await readF64(join(dir, `out-${t.load}.f64`));
    expect(maxAbsDiff(t.pred, python)).toBeLessThanOrEqual(1e-6);
  });

  it.each([
    "xgboost regression",
    "xgboost classification",
    "lightgbm regression",
    "lightgbm classification",
    "random_forest regression",
    "random_forest classification",
  ])("%s: training the same data and parameters in Python gives identical predictions and best iteration", async (name) => {
    const t = trained.find((x) => x.name === name) as Trained;
    const python = await readF64(join(dir, `out-${t.train}.f64`));
    // Single-threaded and deterministic: the same library on the same inputs builds the same trees.
    expect(maxAbsDiff(t.pred, python)).toBe(0);
    const best = jobs[t.train].best_iteration;
    if (name.startsWith("xgboost")) expect(t.model.bestIteration?.()).toBe((best ?? -2) + 1);
    else if (name.startsWith("lightgbm")) expect(t.model.bestIteration?.()).toBe(best);
    else expect(best).toBeNull();
  });

  it.each([
    "xgboost regression",
    "xgboost classification",
    "lightgbm regression",
    "lightgbm classification",
    "random_forest regression",
    "random_forest classification",
  ])("%s: we load the model Python trained and predict what Python predicted", async (name) => {
    const t = trained.find((x) => x.name === name) as Trained;
    const saved = t.model.toJSON();
    const file = Object.keys(saved.files)[0];
    const loaded = t.type.fromJSON({ ...saved, files: { [file]: await readFile(t.pythonModel) } });
    try {
      const test = t.task === "regression" ? regression(3, 1000) : classification(6, 1000);
      expect(maxAbsDiff(loaded.predict(test), await readF64(join(dir, `out-${t.train}.f64`)))).toBeLessThanOrEqual(1e-6);
    } finally {
      loaded.dispose();
    }
  });

  it("Python reads the best iteration XGBoost stored in our saved model", () => {
    const t = trained.find((x) => x.name === "xgboost regression") as Trained;
    expect(jobs[t.load].best_iteration).toBe((t.model.bestIteration?.() ?? 0) - 1);
  });
});

describe("linear and ridge vs scikit-learn", () => {
  const python = join(inject("venvDir"), "bin", "python");

  it("match LinearRegression, Ridge and LogisticRegression (coefficients and predictions)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "openquant-models-sklearn-"));
    try {
      const oracle = new Oracle(dir);
      const reg = syntheticDataset({ rows: 3000, features: 6, seed: 31, label: (x, n) => 0.2 + x[0] - 2 * x[1] + 0.5 * x[4] + n() });
      const cls = syntheticDataset({ rows: 3000, features: 6, seed: 32, label: (x, n) => (x[0] - 0.7 * x[2] + n() > 0.3 ? 1 : 0) });
      await oracle.data("reg", reg);
      await oracle.data("cls", cls);
      const cases: Array<{ model: Model; data: Dataset; sklearn: string; alpha?: number; name: string }> = [
        { name: "OLS", model: linearType.create("regression", linearType.params.parse({})), data: reg, sklearn: "ols" },
        { name: "ridge", model: ridgeType.create("regression", ridgeType.params.parse({ alpha: 25 })), data: reg, sklearn: "ridge", alpha: 25 },
        { name: "logistic", model: linearType.create("classification", linearType.params.parse({})), data: cls, sklearn: "logistic" },
        { name: "L2 logistic", model: ridgeType.create("classification", ridgeType.params.parse({ alpha: 40 })), data: cls, sklearn: "logistic_l2", alpha: 40 },
      ];
      const queued = [];
      for (const c of cases) {
        await c.model.fit(c.data);
        const dataName = c.data === reg ? "reg" : "cls";
        queued.push(oracle.job({ kind: "sklearn", model: c.sklearn, alpha: c.alpha ?? 0, train: dataName, predict: dataName }));
      }
      await oracle.run(python);
      for (const [i, c] of cases.entries()) {
        const sk = await readF64(queued[i].coefOut);
        const ours = (c.model as LinearModel).coefficients();
        const mine = [ours.intercept, ...c.data.featureNames.map((n) => ours.coefficients[n])];
        for (let j = 0; j < mine.length; j++) expect(Math.abs(mine[j] - sk[j]), `${c.name} coefficient ${j}`).toBeLessThan(1e-8 * (1 + Math.abs(sk[j])));
        expect(maxAbsDiff(c.model.predict(c.data), await readF64(queued[i].out)), `${c.name} predictions`).toBeLessThan(1e-9);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
