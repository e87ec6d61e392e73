/**
 * Purged k-fold cross-validation (AFML ch. 7.4): the distinct bar times are cut into `folds`
 * contiguous blocks (sizes differ by at most one, the larger first, like numpy.array_split); each
 * block is the test once and every other row may train — before the block and after it — minus the
 * purged rows and the embargo after the block. Training after the test is what makes the embargo matter.
 */
import { InvalidInput } from "../../errors.js";
import { validate } from "../../util/validate.js";
import { checkFoldRows, embargoBars } from "./checks.js";
import { cutFold } from "./fold.js";
import { purgedKFoldSchema, validateSplitInput } from "./schema.js";
import { uniqueTimes } from "./time-grid.js";
import type { Embargo, Fold, MinRows, Split, SplitInput } from "./types.js";

/** Options of purgedKFoldSplits. */
export interface PurgedKFoldOptions extends MinRows {
  /** Number of folds, ≥ 2. */
  folds: number;
  /** Bars, or { fraction } of the distinct bar times (AFML suggests about 0.01), embargoed after each test fold. */
  embargo?: Embargo;
}

/** Purged k-fold folds in time order of their test blocks. */
export function purgedKFoldSplits(input: SplitInput, options: PurgedKFoldOptions): Split {
  const o = validate(purgedKFoldSchema, options, "purged k-fold options");
  validateSplitInput(input);
  const grid = uniqueTimes(input.ts);
  const T = grid.length;
  if (T < o.folds) {
    throw new InvalidInput(`Purged k-fold with ${o.folds} folds needs at least ${o.folds} distinct bar times; the dataset has ${T}: use fewer folds or more history`);
  }
  const embargo = embargoBars(o.embargo, T);
  const base = Math.floor(T / o.folds);
  const larger = T % o.folds;
  const folds: Fold[] = [];
  let from = 0;
  for (let k = 0; k < o.folds; k++) {
    const size = base + (k < larger ? 1 : 0);
    const fold = cutFold(input, { fold: k, grid, from, to: from + size - 1, onlyBefore: false, embargoBars: embargo });
    checkFoldRows(fold, o.folds, o.minTrainRows, o.minTestRows, "use fewer folds, a shorter embargo, or more history");
    folds.push(fold);
    from += size;
  }
  return { method: "purged_kfold", folds, times: T, embargoBars: embargo };
}
