/**
 * The round-by-round driver shared by the boosted models: runs one native round at a time,
 * reports progress, honours an AbortSignal, applies early stopping on the validation metric, and
 * lets the event loop run between rounds (each native round itself blocks the thread).
 */
import { EarlyStopping } from "./early-stopping.js";
import type { FitProgress } from "../types.js";

/** What one round reports: validation metrics (the last one drives early stopping) and whether the library is done. */
export interface RoundResult {
  metrics?: Record<string, number>;
  /** The library cannot improve further (LightGBM's is_finished). */
  finished?: boolean;
}

/** How the loop runs. */
export interface BoostingLoopOptions {
  total: number;
  /** Rounds without improvement before stopping; 0 or undefined = never stop early. */
  earlyStoppingRounds?: number;
  round: (index: number) => RoundResult;
  onProgress?: (progress: FitProgress) => void;
  signal?: AbortSignal;
}

/** Rounds run, and the best round (0-based) when a validation metric was tracked. */
export interface BoostingLoopResult {
  rounds: number;
  bestRound?: number;
}

/** Yield to the event loop when a fit has held the thread this long (ms). */
const YIELD_EVERY_MS = 25;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs up to `total` rounds; throws the signal's reason when aborted. */
export async function runBoostingLoop(options: BoostingLoopOptions): Promise<BoostingLoopResult> {
  const stopping = options.earlyStoppingRounds ? new EarlyStopping(options.earlyStoppingRounds) : undefined;
  let tracked = false;
  let lastYield = performance.now();
  let rounds = 0;
  for (let index = 0; index < options.total; index++) {
    options.signal?.throwIfAborted();
    const result = options.round(index);
    rounds = index + 1;
    options.onProgress?.({ iteration: rounds, total: options.total, ...(result.metrics ? { metrics: result.metrics } : {}) });
    const scores = result.metrics ? Object.values(result.metrics) : [];
    let stop = result.finished === true;
    if (stopping && scores.length > 0) {
      tracked = true;
      stop = stopping.update(index, scores[scores.length - 1]) || stop;
    }
    if (stop) break;
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
  options.signal?.throwIfAborted();
  return tracked && stopping ? { rounds, bestRound: stopping.bestRound } : { rounds };
}
