/**
 * Zod schemas of the split options — the same vocabulary in notebooks, configs and MLflow params —
 * and the validation of the rows a split reads.
 */
import { z } from "zod";
import { InvalidInput } from "../../errors.js";
import { dateInput } from "../../util/dates.js";
import { validate } from "../../util/validate.js";
import type { SplitInput } from "./types.js";

const wholeBars = (min: number) =>
  z
    .number({ error: "must be a number of bars" })
    .int({ error: "must be a whole number of bars" })
    .min(min, { error: `must be at least ${min}` });

/** Embargo: whole bars ≥ 0, or { fraction } of the distinct bar times in [0, 1). */
export const embargoSchema = z.union([
  wholeBars(0),
  z.strictObject({ fraction: z.number().min(0, { error: "must be ≥ 0" }).lt(1, { error: "must be < 1" }) }),
]);

const common = {
  embargo: embargoSchema.default(0),
  minTrainRows: wholeBars(1).default(10),
  minTestRows: wholeBars(1).default(2),
};

/** Train/test by date (`testStart`) or by the last fraction of distinct times (`testFraction`). */
export const trainTestSchema = z
  .strictObject({
    testStart: dateInput.optional(),
    testFraction: z.number().gt(0, { error: "must be > 0" }).lt(1, { error: "must be < 1" }).optional(),
    ...common,
  })
  .refine((o) => (o.testStart === undefined) !== (o.testFraction === undefined), {
    error: "give exactly one of testStart (a date) or testFraction (e.g. 0.2 for the last 20% of bar times)",
  });

/** Walk-forward: `folds` consecutive test blocks at the end, training on everything (or a window) before. */
export const walkForwardSchema = z
  .strictObject({
    folds: wholeBars(1),
    mode: z.enum(["expanding", "rolling"], { error: "must be 'expanding' or 'rolling'" }).default("expanding"),
    window: wholeBars(1).optional(),
    testSize: wholeBars(1).optional(),
    ...common,
  })
  .refine((o) => o.mode === "expanding" || o.window !== undefined, {
    error: "a rolling walk-forward needs window (the number of bar times each training set spans)",
    path: ["window"],
  });

/** Purged k-fold: `folds` contiguous blocks of time, each the test once, training on all others. */
export const purgedKFoldSchema = z.strictObject({ folds: wholeBars(2), ...common });

/** Any split, tagged by method: what a training spec carries. */
export const splitSpecSchema = z.discriminatedUnion("method", [
  trainTestSchema.safeExtend({ method: z.literal("train_test") }),
  walkForwardSchema.safeExtend({ method: z.literal("walk_forward") }),
  purgedKFoldSchema.safeExtend({ method: z.literal("purged_kfold") }),
]);

const inputSchema = z.object({
  ts: z.instanceof(Float64Array, { error: "must be a Float64Array" }),
  labelEndTs: z.instanceof(Float64Array, { error: "must be a Float64Array (the dataset's label end times)" }),
});

/** Checks that times and label ends are finite, equally long, and that no label ends before its bar. */
export function validateSplitInput(input: SplitInput): void {
  validate(inputSchema, input, "split input");
  const { ts, labelEndTs } = input;
  if (ts.length !== labelEndTs.length) {
    throw new InvalidInput(`Split input has ${ts.length} times but ${labelEndTs.length} label ends: they must match row for row`);
  }
  if (ts.length === 0) throw new InvalidInput("Split input has no rows");
  for (let r = 0; r < ts.length; r++) {
    if (!(Number.isFinite(ts[r]) && Number.isFinite(labelEndTs[r]) && labelEndTs[r] >= ts[r])) {
      throw new InvalidInput(`Row ${r}: time ${ts[r]} and label end ${labelEndTs[r]} must be finite with label end ≥ time`);
    }
  }
}
