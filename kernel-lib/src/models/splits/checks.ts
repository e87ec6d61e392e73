/** Shared arithmetic and row-count checks of the split methods, with messages that give the numbers. */
import { InvalidInput } from "../../errors.js";
import type { Embargo, Fold } from "./types.js";

/** A bar time for messages: the day, plus the UTC time of day for intraday bars. */
export function timeLabel(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

/** Embargo in bars: the number as given, or ⌈fraction × distinct times⌉. */
export function embargoBars(embargo: Embargo, times: number): number {
  return typeof embargo === "number" ? embargo : Math.ceil(embargo.fraction * times);
}

/** Throws when a fold keeps fewer training or test rows than required, saying how many and why. */
export function checkFoldRows(fold: Fold, folds: number, minTrainRows: number, minTestRows: number, hint: string): void {
  const which = folds > 1 ? `Fold ${fold.fold + 1} of ${folds}` : "The split";
  const period = `test period ${timeLabel(fold.testStart)} … ${timeLabel(fold.testEnd)}`;
  if (fold.test.length < minTestRows) {
    throw new InvalidInput(`${which} has ${fold.test.length} test rows (${period}) but needs at least ${minTestRows}: ${hint}`);
  }
  if (fold.train.length < minTrainRows) {
    const dropped = fold.purged + fold.embargoed > 0 ? ` after purging ${fold.purged} and embargoing ${fold.embargoed} rows` : "";
    throw new InvalidInput(`${which} keeps ${fold.train.length} training rows${dropped} (${period}) but needs at least ${minTrainRows}: ${hint}`);
  }
}
