/**
 * One fold from a test period, with purging and embargo (López de Prado, AFML ch. 7). A row's
 * label window is [ts, labelEndTs]; the test fold's label span is [testStart, testLabelEnd].
 * - purge: a non-test row whose label window overlaps the test label span is not trained on —
 *   before the test that is a row whose label ends at or after testStart (the last h bars before
 *   it), after the test a row that starts no later than testLabelEnd;
 * - embargo: the first `embargoBars` bar times after testLabelEnd are not trained on either
 *   (serially correlated features right after the test would otherwise leak it back).
 */
import { firstAfter } from "./time-grid.js";
import type { Fold, SplitInput } from "./types.js";

/** Which test period to cut and which rows may train. */
export interface FoldPlan {
  fold: number;
  /** Distinct bar times of the panel, sorted. */
  grid: Float64Array;
  /** First and last grid position of the test period (inclusive). */
  from: number;
  to: number;
  /** Train only on rows before the test (walk-forward, train/test) rather than on both sides. */
  onlyBefore: boolean;
  embargoBars: number;
  /** Keep only the training rows in the last `window` distinct training times (rolling window). */
  window?: number;
}

/** Cuts one fold: test rows in the period, training rows purged and embargoed around it. */
export function cutFold(input: SplitInput, plan: FoldPlan): Fold {
  const { ts, labelEndTs } = input;
  const { grid } = plan;
  const n = ts.length;
  const testStart = grid[plan.from];
  const testEnd = grid[plan.to];

  const test = new Int32Array(n);
  let nTest = 0;
  let testLabelEnd = testEnd;
  for (let r = 0; r < n; r++) {
    if (ts[r] >= testStart && ts[r] <= testEnd) {
      test[nTest++] = r;
      if (labelEndTs[r] > testLabelEnd) testLabelEnd = labelEndTs[r];
    }
  }
  const afterLabels = firstAfter(grid, testLabelEnd);
  const embargoUntil = afterLabels + plan.embargoBars < grid.length ? grid[afterLabels + plan.embargoBars] : Number.POSITIVE_INFINITY;

  let train = new Int32Array(n);
  let nTrain = 0;
  let purged = 0;
  let embargoed = 0;
  for (let r = 0; r < n; r++) {
    const t = ts[r];
    if (t >= testStart && t <= testEnd) continue;
    if (plan.onlyBefore && t > testEnd) continue;
    if (t <= testLabelEnd && labelEndTs[r] >= testStart) purged++;
    else if (t > testLabelEnd && t < embargoUntil) embargoed++;
    else train[nTrain++] = r;
  }
  train = train.slice(0, nTrain);
  if (plan.window !== undefined) train = lastTimes(train, ts, plan.window);

  let trainStart = Number.POSITIVE_INFINITY;
  let trainEnd = Number.NEGATIVE_INFINITY;
  for (const r of train) {
    trainStart = Math.min(trainStart, ts[r]);
    trainEnd = Math.max(trainEnd, ts[r]);
  }
  return {
    fold: plan.fold,
    train,
    test: test.slice(0, nTest),
    trainStart: train.length > 0 ? trainStart : Number.NaN,
    trainEnd: train.length > 0 ? trainEnd : Number.NaN,
    testStart,
    testEnd,
    testLabelEnd,
    purged,
    embargoed,
  };
}

/** The rows among `rows` whose time is one of their `window` latest distinct times. */
function lastTimes(rows: Int32Array, ts: Float64Array, window: number): Int32Array {
  const times = Float64Array.from(rows, (r) => ts[r]).sort();
  let distinct = 0;
  let cutoff = Number.NEGATIVE_INFINITY;
  for (let i = times.length - 1; i >= 0; i--) {
    if (i === times.length - 1 || times[i] !== times[i + 1]) {
      if (++distinct > window) break;
      cutoff = times[i];
    }
  }
  return rows.filter((r) => ts[r] >= cutoff);
}
