/**
 * Deep-learning benchmark (issue 11): one LSTM epoch over 10,000 samples with a 60-bar window,
 * on tfjs' wasm backend (XNNPACK, SIMD; tfjs has no wasm threads in Node) and on its pure-JS cpu
 * backend, side by side in one run — the same network, data, seed and training loop as `lstm` fit.
 * Wall and CPU seconds per epoch are printed: on a shared machine the CPU time is the steadier.
 *
 * Environment: BENCH_DL_SAMPLES (10000), BENCH_DL_WINDOW (60), BENCH_DL_FEATURES (8),
 * BENCH_DL_UNITS (32), BENCH_DL_BATCH (64), BENCH_DL_EPOCHS (1), BENCH_DL_BACKENDS (wasm,cpu).
 */
import { laggedSineDataset } from "../src/models/sequence/lagged-sine.js";
import { buildLstmNetwork, makeOptimizer } from "../src/models/sequence/networks.js";
import { lstmParamsSchema, type SequenceBackend } from "../src/models/sequence/params.js";
import { fitFeatureScaler, fitTargetScaler, scaleFeatures, scaleTarget } from "../src/models/sequence/scaler.js";
import { useBackend } from "../src/models/sequence/tfjs.js";
import { runEpochs } from "../src/models/sequence/training.js";
import { buildWindows, rowsByTicker } from "../src/models/sequence/windows.js";
import { printTable, progress, type Row } from "./report.js";

const SAMPLES = Number(process.env.BENCH_DL_SAMPLES ?? 10_000);
const WINDOW = Number(process.env.BENCH_DL_WINDOW ?? 60);
const FEATURES = Number(process.env.BENCH_DL_FEATURES ?? 8);
const UNITS = Number(process.env.BENCH_DL_UNITS ?? 32);
const BATCH = Number(process.env.BENCH_DL_BATCH ?? 64);
const EPOCHS = Number(process.env.BENCH_DL_EPOCHS ?? 1);
const BACKENDS = (process.env.BENCH_DL_BACKENDS ?? "wasm,cpu").split(",") as SequenceBackend[];

/** Times EPOCHS epochs of the LSTM on `backend`: wall and CPU seconds per epoch, final loss. */
async function timeBackend(backend: SequenceBackend): Promise<Row> {
  const tf = await useBackend(backend);
  const data = laggedSineDataset({ rows: SAMPLES, extraFeatures: FEATURES - 1, seed: 11 });
  const params = lstmParamsSchema.parse({ window: WINDOW, units: UNITS, batch_size: BATCH, epochs: EPOCHS, dropout: 0, backend });
  const scaler = fitFeatureScaler(data.X, data.rows, data.featureNames);
  const windows = buildWindows(scaleFeatures(data.X, data.rows, scaler), FEATURES, rowsByTicker(data), WINDOW);
  const x = tf.tensor3d(windows, [data.rows, WINDOW, FEATURES]);
  const y = tf.tensor2d(scaleTarget(data.y, fitTargetScaler(data.y)), [data.rows, 1]);
  const net = buildLstmNetwork(tf, params, FEATURES, "regression");
  const optimizer = makeOptimizer(tf, "adam", params.learning_rate);
  net.compile({ optimizer, loss: "meanSquaredError" });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await runEpochs(tf, {
    net,
    train: { x, y },
    epochs: EPOCHS,
    batchSize: BATCH,
    seed: 1,
    patience: 0,
    onProgress: (p) => progress(`${backend}: epoch ${p.iteration}/${p.total} after ${((performance.now() - t0) / 1000).toFixed(1)} s`),
  });
  const wall = (performance.now() - t0) / 1000 / result.epochs;
  const used = process.cpuUsage(cpu0);
  const cpu = (used.user + used.system) / 1e6 / result.epochs;
  tf.dispose([x, y]);
  optimizer.dispose();
  net.dispose();
  return { backend, "epoch wall s": wall, "epoch CPU s": cpu, "samples/s": SAMPLES / wall, "final loss": result.losses[result.losses.length - 1] };
}

/** Runs the LSTM epoch benchmark on each backend and prints them side by side. */
export async function benchDl(): Promise<void> {
  const rows: Row[] = [];
  for (const backend of BACKENDS) rows.push(await timeBackend(backend));
  const base = rows.find((r) => r.backend === "cpu");
  if (base) for (const r of rows) r["vs cpu (CPU time)"] = `${((base["epoch CPU s"] as number) / (r["epoch CPU s"] as number)).toFixed(2)}×`;
  printTable(`LSTM epoch: ${SAMPLES.toLocaleString("en-US")} samples × ${WINDOW}-bar window × ${FEATURES} features, ${UNITS} units, batch ${BATCH}, ${EPOCHS} epoch(s)`, rows);
}
