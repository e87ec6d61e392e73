/**
 * The epoch loop: our own seeded shuffle per epoch (tfjs' shuffle draws from Math.random),
 * one optimizer step per batch, the AbortSignal checked before every batch, the event loop let run
 * between batches, progress per epoch,
 * early stopping on the validation loss with the best epoch's weights restored at the end.
 */
import type * as Tf from "@tensorflow/tfjs";
import type { FitProgress } from "../types.js";
import { EarlyStopping } from "../impl/early-stopping.js";
import { seededRandom } from "../impl/synthetic.js";

type TfModule = typeof Tf;

/** Samples and targets as tensors: x [n, window, p], y [n, 1]. */
export interface TensorSet {
  x: Tf.Tensor3D;
  y: Tf.Tensor2D;
}

/** What the loop runs. */
export interface EpochLoopOptions {
  net: Tf.LayersModel;
  train: TensorSet;
  valid?: TensorSet;
  epochs: number;
  batchSize: number;
  seed: number;
  /** Epochs without a better validation loss before stopping; 0 = never. */
  patience: number;
  onProgress?: (progress: FitProgress) => void;
  signal?: AbortSignal;
}

/** Epochs run and the best epoch (1-based) when a validation set drove early stopping. */
export interface EpochLoopResult {
  epochs: number;
  bestEpoch?: number;
  losses: number[];
}

/** Yield to the event loop when training has held the thread this long (ms). */
const YIELD_EVERY_MS = 25;

// tfjs resolves its promises as microtasks: without this, timers, I/O and cancellation requests
// would wait for the whole fit.
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Fisher–Yates shuffle of 0…n−1 with our seeded generator. */
export function seededPermutation(n: number, random: () => number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

async function scalar(value: Tf.Scalar | Tf.Scalar[] | number | number[]): Promise<number> {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === "number") return first;
  const [v] = await first.data();
  first.dispose();
  return v;
}

/** Runs the epochs; throws the signal's reason when aborted (tensors it made are freed). */
export async function runEpochs(tf: TfModule, o: EpochLoopOptions): Promise<EpochLoopResult> {
  const n = o.train.x.shape[0];
  const random = seededRandom(o.seed);
  const stopping = o.valid && o.patience > 0 ? new EarlyStopping(o.patience) : undefined;
  let best: Tf.Tensor[] | undefined;
  const losses: number[] = [];
  let epochs = 0;
  let lastYield = performance.now();
  try {
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      const order = seededPermutation(n, random);
      let sum = 0;
      for (let start = 0; start < n; start += o.batchSize) {
        o.signal?.throwIfAborted();
        const rows = order.subarray(start, Math.min(n, start + o.batchSize));
        const [xb, yb] = tf.tidy(() => {
          const index = tf.tensor1d(rows, "int32");
          return [tf.gather(o.train.x, index), tf.gather(o.train.y, index)];
        });
        try {
          sum += (await scalar(await o.net.trainOnBatch(xb, yb))) * rows.length;
        } finally {
          xb.dispose();
          yb.dispose();
        }
        if (performance.now() - lastYield > YIELD_EVERY_MS) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
      }
      epochs = epoch + 1;
      const metrics: Record<string, number> = { loss: sum / n };
      losses.push(metrics.loss);
      let stop = false;
      if (o.valid) {
        metrics.val_loss = await scalar(o.net.evaluate(o.valid.x, o.valid.y, { batchSize: 1024 }) as Tf.Scalar);
        if (stopping) {
          const before = stopping.bestRound;
          stop = stopping.update(epoch, metrics.val_loss);
          if (stopping.bestRound !== before) {
            for (const w of best ?? []) w.dispose();
            best = o.net.getWeights().map((w) => w.clone());
          }
        }
      }
      o.onProgress?.({ iteration: epochs, total: o.epochs, metrics });
      if (stop) break;
    }
    o.signal?.throwIfAborted();
    if (best) o.net.setWeights(best);
    return stopping && best ? { epochs, bestEpoch: stopping.bestRound + 1, losses } : { epochs, losses };
  } finally {
    for (const w of best ?? []) w.dispose();
  }
}
