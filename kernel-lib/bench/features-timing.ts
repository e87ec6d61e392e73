/**
 * Timing for the feature benchmark: best wall time and best CPU time of many short runs, the heap
 * collected before each. On a machine shared with other work, the best of many runs is the one
 * least disturbed; CPU time leaves out the moments the process was not running at all.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");
/** V8's garbage collector, exposed without a command-line flag so `npm run bench` needs none. */
const collect = runInNewContext("gc") as () => void;

/** Best times of a measurement, in ms. */
export interface Timing {
  wall: number;
  /** Process CPU time (user + system): what the run cost when it was not waiting for a CPU. */
  cpu: number;
}

/**
 * How many runs: at least `minRuns`, then more while within `budgetMs` and `maxRuns`; and while
 * the best run still waited for a CPU (best wall above 1.25 × best CPU time), up to three times
 * as many runs and as much time.
 */
export interface TimingPolicy {
  minRuns: number;
  maxRuns: number;
  budgetMs: number;
}

/** Whether to time another run. */
export function moreRuns(policy: TimingPolicy, runs: number, elapsedMs: number, best: Timing): boolean {
  if (runs < policy.minRuns) return true;
  if (runs < policy.maxRuns && elapsedMs < policy.budgetMs) return true;
  const disturbed = best.wall > 1.25 * best.cpu;
  return disturbed && runs < 3 * policy.maxRuns && elapsedMs < 3 * policy.budgetMs;
}

/** Times `fn` per `policy` after `warmups` untimed runs; the heap is collected before each timed run. */
export function bestOf(fn: () => unknown, policy: TimingPolicy, warmups = 1): Timing {
  for (let i = 0; i < warmups; i++) fn();
  const best: Timing = { wall: Number.POSITIVE_INFINITY, cpu: Number.POSITIVE_INFINITY };
  const started = performance.now();
  for (let runs = 0; moreRuns(policy, runs, performance.now() - started, best); runs++) {
    collect();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    const t1 = performance.now();
    const c1 = process.cpuUsage(c0);
    best.wall = Math.min(best.wall, t1 - t0);
    best.cpu = Math.min(best.cpu, (c1.user + c1.system) / 1000);
  }
  return best;
}
