/**
 * One chronological train/test split: the test period starts at a date, or is the last fraction
 * of the distinct bar times; training is every earlier row whose label ends before the test starts.
 */
import { InvalidInput } from "../../errors.js";
import { validate } from "../../util/validate.js";
import { checkFoldRows, embargoBars, timeLabel } from "./checks.js";
import { cutFold } from "./fold.js";
import { trainTestSchema, validateSplitInput } from "./schema.js";
import { firstAtOrAfter, uniqueTimes } from "./time-grid.js";
import type { Embargo, MinRows, Split, SplitInput } from "./types.js";

/** Options of trainTestSplit: exactly one of testStart and testFraction. */
export interface TrainTestOptions extends MinRows {
  /** The test period starts at the first bar time ≥ this date (YYYY-MM-DD, ISO datetime, epoch ms, Date). */
  testStart?: string | number | Date;
  /** The test period is the last round(fraction × distinct times) bar times (at least 1). */
  testFraction?: number;
  /** Accepted for symmetry; no training row follows the test period here, so nothing is embargoed. */
  embargo?: Embargo;
}

/** Splits rows into one chronological train/test pair with a purge of the horizon (see cutFold). */
export function trainTestSplit(input: SplitInput, options: TrainTestOptions): Split {
  const o = validate(trainTestSchema, options, "train/test split options");
  validateSplitInput(input);
  const grid = uniqueTimes(input.ts);
  const T = grid.length;
  let from: number;
  if (o.testStart !== undefined) {
    from = firstAtOrAfter(grid, o.testStart);
    if (from >= T) {
      throw new InvalidInput(`testStart ${timeLabel(o.testStart)} is after the last bar (${timeLabel(grid[T - 1])}): pick an earlier date`);
    }
    if (from === 0) {
      throw new InvalidInput(`testStart ${timeLabel(o.testStart)} is at or before the first bar (${timeLabel(grid[0])}): nothing is left to train on`);
    }
  } else {
    const testTimes = Math.max(1, Math.round(o.testFraction! * T));
    from = T - testTimes;
    if (from < 1) {
      throw new InvalidInput(`testFraction ${o.testFraction} of ${T} bar times leaves none to train on: use a smaller fraction or more history`);
    }
  }
  const embargo = embargoBars(o.embargo, T);
  const fold = cutFold(input, { fold: 0, grid, from, to: T - 1, onlyBefore: true, embargoBars: embargo });
  checkFoldRows(fold, 1, o.minTrainRows, o.minTestRows, "move the test start, or load more history");
  return { method: "train_test", folds: [fold], times: T, embargoBars: embargo };
}
