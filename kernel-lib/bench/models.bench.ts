/**
 * Model benchmark (issue: models). On the same data in one run — 100k and 1M rows × 30 features by
 * default — training time and test R² of `xgboost` and `lightgbm` through our koffi bindings,
 * side by side with the same libraries through their Python packages (timed inside Python, on
 * the same data read from raw float64 files, same parameters and threads); then in-process
 * prediction latency for one row and 1,000 rows, and `random_forest` / `linear` / `ridge`
 * training times next to their Python counterparts.
 *
 * Fit times are wall seconds and CPU seconds (every thread of the process): on a shared machine
 * the CPU ratio is the steadier comparison.
 *
 * Environment: BENCH_MODELS_ROWS (comma-separated, default 100000,1000000), BENCH_MODELS_FEATURES
 * (30), BENCH_MODELS_ROUNDS (200), BENCH_MODELS_THREADS (0 = all cores, for both sides).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { loadSettings } from "../src/config/index.js";
import { lightgbmType, linearType, randomForestType, ridgeType, xgboostType } from "../src/models/impl/index.js";
import { syntheticDataset } from "../src/models/impl/synthetic.js";
import type { Dataset, Model } from "../src/models/types.js";
import { printTable, progress, timeIt } from "./report.js";

const SIZES = (process.env.BENCH_MODELS_ROWS ?? "100000,1000000").split(",").map(Number);
const FEATURES = Number(process.env.BENCH_MODELS_FEATURES ?? 30);
const ROUNDS = Number(process.env.BENCH_MODELS_ROUNDS ?? 200);
const THREADS = Number(process.env.BENCH_MODELS_THREADS ?? 0);
const FOREST_TREES = 100;
const ORACLE = new URL("../e2e/models_oracle.py", import.meta.url).pathname;
const run = promisify(execFile);

/** A nonlinear target on the first 8 of the features plus noise (test R² ≈ 0.8 is reachable). */
function data(rows: number, seed: number): Dataset {
  return syntheticDataset({
    rows,
    features: FEATURES,
    seed,
    label: (x, n) => Math.sin(2 * x[0]) + 0.5 * x[1] * x[2] - 0.3 * x[3] + (x[4] > 0.5 ? 0.5 : 0) + 0.2 * x[5] * x[5] + 0.1 * (x[6] - x[7]) + 0.4 * n(),
  });
}

function r2(pred: Float64Array, y: Float64Array): number {
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += (y[i] - mean) / (i + 1);
  let sse = 0;
  let sst = 0;
  for (let i = 0; i < y.length; i++) {
    sse += (pred[i] - y[i]) ** 2;
    sst += (y[i] - mean) ** 2;
  }
  return 1 - sse / sst;
}

const xgbParams = { n_estimators: ROUNDS, nthread: THREADS };
const lgbParams = { n_estimators: ROUNDS, num_threads: THREADS };
const rfParams = { n_estimators: FOREST_TREES, num_threads: THREADS };

/** The native parameters our types set, for Python (defaults of xgboost.ts / lightgbm.ts / random-forest.ts). */
function pythonParams() {
  const x = xgboostType.params.parse(xgbParams);
  const l = lightgbmType.params.parse(lgbParams);
  const f = randomForestType.params.parse(rfParams);
  const lgbCommon = { seed: l.seed, deterministic: l.deterministic, verbosity: -1, max_bin: l.max_bin, force_row_wise: true, ...(THREADS > 0 ? { num_threads: THREADS } : {}) };
  return {
    xgboost: {
      objective: "reg:squarederror",
      tree_method: x.tree_method,
      max_depth: x.max_depth,
      eta: x.learning_rate,
      subsample: x.subsample,
      colsample_bytree: x.colsample_bytree,
      min_child_weight: x.min_child_weight,
      lambda: x.reg_lambda,
      alpha: x.reg_alpha,
      max_bin: x.max_bin,
      seed: x.seed,
      ...(THREADS > 0 ? { nthread: THREADS } : {}),
    },
    lightgbm: {
      objective: "regression",
      boosting: "gbdt",
      num_leaves: l.num_leaves,
      max_depth: l.max_depth,
      learning_rate: l.learning_rate,
      feature_fraction: l.feature_fraction,
      bagging_fraction: l.bagging_fraction,
      bagging_freq: l.bagging_freq,
      min_data_in_leaf: l.min_data_in_leaf,
      lambda_l1: l.lambda_l1,
      lambda_l2: l.lambda_l2,
      ...lgbCommon,
    },
    forest: {
      objective: "regression",
      boosting: "rf",
      num_leaves: f.num_leaves,
      max_depth: f.max_depth,
      min_data_in_leaf: f.min_data_in_leaf,
      bagging_fraction: f.bagging_fraction,
      bagging_freq: 1,
      feature_fraction_bynode: f.feature_fraction_bynode,
      lambda_l2: f.lambda_l2,
      ...lgbCommon,
    },
  };
}

interface PythonJob {
  best_iteration: number | null;
  seconds: number;
  fit_seconds?: number;
  fit_cpu_seconds?: number;
  row_us?: number;
  batch_ms?: number;
}

async function writeDataset(dir: string, name: string, d: Dataset) {
  const x = join(dir, `${name}.x`);
  const y = join(dir, `${name}.y`);
  await writeFile(x, new Uint8Array(d.X.buffer, d.X.byteOffset, d.X.byteLength));
  await writeFile(y, new Uint8Array(d.y.buffer, d.y.byteOffset, d.y.byteLength));
  return { x, y, rows: d.rows, features: d.featureNames };
}

async function readF64(path: string): Promise<Float64Array> {
  const bytes = await readFile(path);
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** Mean latency of predicting one row (2,000 times) and 1,000 rows (200 times), after a warm-up. */
function latency(model: Model, test: Dataset): { rowUs: number; batchMs: number } {
  const row = { X: test.X.subarray(0, FEATURES), rows: 1, featureNames: test.featureNames };
  const batch = { X: test.X.subarray(0, 1000 * FEATURES), rows: 1000, featureNames: test.featureNames };
  for (let i = 0; i < 100; i++) model.predict(row);
  let t0 = performance.now();
  for (let i = 0; i < 2000; i++) model.predict(row);
  const rowUs = ((performance.now() - t0) / 2000) * 1000;
  t0 = performance.now();
  for (let i = 0; i < 200; i++) model.predict(batch);
  return { rowUs, batchMs: (performance.now() - t0) / 200 };
}

/** Wall and CPU seconds (all threads of the process) of one fit. */
async function fitTimed(model: Model, train: Dataset): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const wall = await timeIt(() => model.fit(train));
  const used = process.cpuUsage(cpu);
  return { wall: wall / 1000, cpu: (used.user + used.system) / 1e6 };
}

interface Side {
  seconds: number;
  cpu: number;
  pred: Float64Array;
}

interface Contender {
  model: string;
  python: string;
  ours: string;
  create: () => Model;
  job: Record<string, unknown>;
}

/** Runs models_oracle.py on `jobs` over the datasets in `dir`; returns each job's timings and predictions. */
async function runPython(python: string, dir: string, datasets: Record<string, unknown>, jobs: Record<string, unknown>[]) {
  const tag = Math.random().toString(36).slice(2);
  const queued = jobs.map((job, i) => ({ ...job, out: join(dir, `out-${tag}-${i}.f64`), coef_out: join(dir, `coef-${tag}-${i}.f64`) }));
  const request = join(dir, `request-${tag}.json`);
  await writeFile(request, JSON.stringify({ datasets, jobs: queued }));
  const { stdout } = await run(python, [ORACLE, request], { maxBuffer: 1 << 24 });
  const reply = JSON.parse(stdout) as { xgboost: string; lightgbm: string; sklearn: string; jobs: PythonJob[] };
  return { reply, preds: await Promise.all(queued.map((j) => readF64(j.out))) };
}

const maxDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

async function benchSize(rows: number, python: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "oq-bench-models-"));
  const models: Model[] = [];
  try {
    const testRows = Math.min(200_000, Math.max(10_000, Math.round(rows / 5)));
    progress(`generating ${rows.toLocaleString()} + ${testRows.toLocaleString()} rows × ${FEATURES} features`);
    const train = data(rows, 1);
    const test = data(testRows, 2);
    const datasets = { train: await writeDataset(dir, "train", train), test: await writeDataset(dir, "test", test) };
    const params = pythonParams();
    const fixed = { early_stopping_rounds: 0, train: "train", valid: null, predict: "test" };
    const contenders: Contender[] = [
      { model: `xgboost ${ROUNDS} rounds`, python: "Python xgboost", ours: "OpenQuant (koffi)", create: () => xgboostType.create("regression", xgboostType.params.parse(xgbParams)), job: { kind: "train_xgboost", params: params.xgboost, rounds: ROUNDS, ...fixed } },
      { model: `lightgbm ${ROUNDS} rounds`, python: "Python lightgbm", ours: "OpenQuant (koffi)", create: () => lightgbmType.create("regression", lightgbmType.params.parse(lgbParams)), job: { kind: "train_lightgbm", params: params.lightgbm, rounds: ROUNDS, ...fixed } },
      { model: `random_forest ${FOREST_TREES} trees`, python: "Python lightgbm rf", ours: "OpenQuant (koffi)", create: () => randomForestType.create("regression", randomForestType.params.parse(rfParams)), job: { kind: "train_lightgbm", params: params.forest, rounds: FOREST_TREES, ...fixed } },
      { model: "linear (OLS)", python: "sklearn LinearRegression", ours: "OpenQuant (TS, QR)", create: () => linearType.create("regression", linearType.params.parse({})), job: { kind: "sklearn", model: "ols", alpha: 0, train: "train", predict: "test" } },
      { model: "ridge α=10", python: "sklearn Ridge (cholesky)", ours: "OpenQuant (TS, QR)", create: () => ridgeType.create("regression", ridgeType.params.parse({ alpha: 10 })), job: { kind: "sklearn", model: "ridge", alpha: 10, train: "train", predict: "test" } },
    ];
    const table = [];
    const versions: Record<string, string> = {};
    // Ours then Python, model by model, so both sides of a row see the same machine load.
    for (const c of contenders) {
      progress(`${c.model}: ours, then Python`);
      const model = c.create();
      models.push(model);
      const time = await fitTimed(model, train);
      const ours: Side = { seconds: time.wall, cpu: time.cpu, pred: model.predict(test) };
      const { reply, preds } = await runPython(python, dir, datasets, [c.job]);
      Object.assign(versions, { xgboost: reply.xgboost, lightgbm: reply.lightgbm, sklearn: reply.sklearn });
      const theirs: Side = { seconds: reply.jobs[0].fit_seconds ?? Number.NaN, cpu: reply.jobs[0].fit_cpu_seconds ?? Number.NaN, pred: preds[0] };
      table.push({ model: c.model, binding: c.python, "fit s": theirs.seconds, "cpu s": theirs.cpu, "test R²": r2(theirs.pred, test.y), ratio: 1, "cpu ratio": 1, "max |Δpred|": "" });
      table.push({
        model: c.model,
        binding: c.ours,
        "fit s": ours.seconds,
        "cpu s": ours.cpu,
        "test R²": r2(ours.pred, test.y),
        ratio: ours.seconds / theirs.seconds,
        "cpu ratio": ours.cpu / theirs.cpu,
        "max |Δpred|": maxDiff(ours.pred, theirs.pred).toExponential(1),
      });
    }
    const threads = THREADS > 0 ? String(THREADS) : "all cores";
    printTable(
      `Training on ${rows.toLocaleString()} rows × ${FEATURES} features, test R² on ${testRows.toLocaleString()} rows (threads: ${threads}; xgboost ${versions.xgboost}, lightgbm ${versions.lightgbm}, sklearn ${versions.sklearn})`,
      table,
    );

    progress("prediction latency, ours then Python");
    const [xgb, lgb] = models;
    const xgbLatency = latency(xgb, test);
    const lgbLatency = latency(lgb, test);
    const xgbFile = join(dir, "xgb.json");
    const lgbFile = join(dir, "lgb.txt");
    await writeFile(xgbFile, xgb.toJSON().files["model.xgb.json"]);
    await writeFile(lgbFile, lgb.toJSON().files["model.lgb.txt"]);
    const { reply } = await runPython(python, dir, datasets, [
      { kind: "latency_xgboost", model: xgbFile, data: "test", threads: THREADS },
      { kind: "latency_lightgbm", model: lgbFile, data: "test", threads: THREADS },
    ]);
    const [pyXgb, pyLgb] = reply.jobs;
    printTable(`Prediction latency in-process (the models above; mean of 2,000 single rows / 200 batches of 1,000; threads: ${threads})`, [
      { model: "xgboost", binding: "Python inplace_predict", "1 row µs": pyXgb.row_us ?? Number.NaN, "1,000 rows ms": pyXgb.batch_ms ?? Number.NaN },
      { model: "xgboost", binding: "OpenQuant predict()", "1 row µs": xgbLatency.rowUs, "1,000 rows ms": xgbLatency.batchMs },
      { model: "lightgbm", binding: "Python Booster.predict", "1 row µs": pyLgb.row_us ?? Number.NaN, "1,000 rows ms": pyLgb.batch_ms ?? Number.NaN },
      { model: "lightgbm", binding: "OpenQuant predict()", "1 row µs": lgbLatency.rowUs, "1,000 rows ms": lgbLatency.batchMs },
    ]);
  } finally {
    for (const m of models) m.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the model benchmark for each size in BENCH_MODELS_ROWS. */
export async function benchModels(): Promise<void> {
  const python = join(loadSettings().venv_dir, "bin", "python");
  for (const rows of SIZES) await benchSize(rows, python);
}

// Run directly: `npx tsx kernel-lib/bench/models.bench.ts`.
if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) await benchModels();
