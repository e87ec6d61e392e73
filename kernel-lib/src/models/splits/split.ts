/** One entry point for a split described by a spec (as a training spec or config carries it). */
import type { z } from "zod";
import { validate } from "../../util/validate.js";
import { purgedKFoldSplits } from "./purged-kfold.js";
import { splitSpecSchema } from "./schema.js";
import { trainTestSplit } from "./train-test.js";
import type { Split, SplitInput } from "./types.js";
import { walkForwardSplits } from "./walk-forward.js";

/** A split spec: `{ method: "train_test" | "walk_forward" | "purged_kfold", …that method's options }`. */
export type SplitSpec = z.input<typeof splitSpecSchema>;

/** Splits `input` as `spec` says (each method validates its own options again, cheaply). */
export function splitDataset(input: SplitInput, spec: SplitSpec): Split {
  validate(splitSpecSchema, spec, "split spec");
  if (spec.method === "train_test") {
    const { method: _, ...options } = spec;
    return trainTestSplit(input, options);
  }
  if (spec.method === "walk_forward") {
    const { method: _, ...options } = spec;
    return walkForwardSplits(input, options);
  }
  const { method: _, ...options } = spec;
  return purgedKFoldSplits(input, options);
}
