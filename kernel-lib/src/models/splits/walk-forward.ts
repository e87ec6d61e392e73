/**
 * Walk-forward cross-validation: the last `folds` × testSize distinct bar times form consecutive
 * test blocks; each fold trains on the rows before its block (all of them, or a rolling window),
 * purged of the rows whose labels reach into the block. Training never follows the test here, so
 * the embargo (which only removes training rows after a test fold) has nothing to remove.
 */
import { InvalidInput } from "../../errors.js";
import { validate } from "../../util/validate.js";
import { checkFoldRows, embargoBars } from "./checks.js";
import { cutFold } from "./fold.js";
import { validateSplitInput, walkForwardSchema } from "./schema.js";
import { uniqueTimes } from "./time-grid.js";
import type { Embargo, Fold, MinRows, Split, SplitInput } from "./types.js";

/** Options of walkForwardSplits. */
export interface WalkForwardOptions extends MinRows {
  /** Number of test folds, ≥ 1. */
  folds: number;
  /** expanding: train on every earlier row; rolling: on the last `window` bar times (default expanding). */
  mode?: "expanding" | "rolling";
  /** Rolling mode: distinct bar times each training set spans, counted after the purge. */
  window?: number;
  /** Distinct bar times per test fold (default ⌊times / (folds + 1)⌋, as scikit-learn's TimeSeriesSplit). */
  testSize?: number;
  /** Bars or { fraction } embargoed after each test fold (see the note above). */
  embargo?: Embargo;
}

/** Walk-forward folds, oldest test block first, each purged of the horizon before its test block. */
export function walkForwardSplits(input: SplitInput, options: WalkForwardOptions): Split {
  const o = validate(walkForwardSchema, options, "walk-forward options");
  validateSplitInput(input);
  const grid = uniqueTimes(input.ts);
  const T = grid.length;
  const size = o.testSize ?? Math.floor(T / (o.folds + 1));
  if (size < 1 || o.folds * size >= T) {
    const need = o.testSize === undefined ? `at least ${o.folds + 1}` : `more than ${o.folds * size}`;
    throw new InvalidInput(
      `Walk-forward with ${o.folds} folds${o.testSize === undefined ? "" : ` of ${size} bar times`} needs ${need} distinct bar times (test blocks plus a first training block); the dataset has ${T}: use fewer folds, a smaller testSize, or more history`,
    );
  }
  const embargo = embargoBars(o.embargo, T);
  const first = T - o.folds * size;
  const folds: Fold[] = [];
  for (let k = 0; k < o.folds; k++) {
    const from = first + k * size;
    const window = o.mode === "rolling" ? o.window : undefined;
    const fold = cutFold(input, { fold: k, grid, from, to: from + size - 1, onlyBefore: true, embargoBars: embargo, window });
    checkFoldRows(fold, o.folds, o.minTrainRows, o.minTestRows, "use fewer folds, a smaller testSize, a longer window, or more history");
    folds.push(fold);
  }
  return { method: "walk_forward", folds, times: T, embargoBars: embargo };
}
