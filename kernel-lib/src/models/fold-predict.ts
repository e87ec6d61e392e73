/**
 * One fold of a cross-validation, on its own: the same features, dataset and split as the whole
 * run (train-steps.ts), then the fold's fit and its test predictions. A queue worker runs this for
 * the fold it was given; the sidecar pools the folds' predictions into the run's metrics.
 */
import { parseAsOf } from "../data/store/as-of.js";
import { InvalidInput } from "../errors.js";
import type { FeatureEngine } from "../features/engine.js";
import { validate } from "../util/validate.js";
import { findModelType } from "./impl/index.js";
import { type TrainSpec, trainSpecSchema } from "./spec.js";
import { fitFold, labelAndSplit, loadFeatureFrames } from "./train-steps.js";
import type { FitProgress } from "./types.js";

/** A fold's test predictions. */
export interface FoldPrediction {
  fold: number;
  /** Folds in the split (as this process computed it). */
  folds: number;
  testRows: number;
  predicted: Float64Array;
}

/** Options of predictFold. */
export interface PredictFoldOptions {
  signal?: AbortSignal;
  onProgress?: (p: FitProgress) => void;
}

/** The time of a fold's `asOf`; the sidecar resolves snapshots to times before it sends folds. */
function pinnedTime(asOf: NonNullable<TrainSpec["asOf"]>): number {
  const parsed = parseAsOf(asOf);
  if (parsed.kind === "time") return parsed.ms;
  throw new InvalidInput(`A fold takes its run's pinned time, not the snapshot '${parsed.name}': resolve it to a time first.`, [{ path: "asOf", message: "a time" }]);
}

/** Fits fold `fold` of the spec's split with exactly these hyperparameters and predicts its test rows. */
export async function predictFold(
  input: TrainSpec,
  modelParams: Record<string, unknown>,
  fold: number,
  engine: FeatureEngine,
  options: PredictFoldOptions = {},
): Promise<FoldPrediction> {
  const spec = validate(trainSpecSchema, input, "training spec");
  const type = findModelType(spec.model.type);
  const params = validate(type.params, modelParams, `hyperparameters of ${type.name}`) as Record<string, unknown>;
  const resolvedSet = engine.resolve(spec.featureSet);
  // the run's pinned time: this fold reads the very bars the sidecar's run read, even if some were revised since
  const frames = await loadFeatureFrames(spec, resolvedSet, spec.asOf === undefined ? engine : engine.pinnedAt(pinnedTime(spec.asOf)));
  const { dataset, split } = labelAndSplit(spec, resolvedSet, frames);
  const target = split.folds[fold];
  if (!target) {
    throw new InvalidInput(`Fold ${fold} does not exist: the split of this spec has ${split.folds.length} fold(s) (0-based).`, [{ path: "fold", message: "out of range" }]);
  }
  options.signal?.throwIfAborted();
  const { model, predicted } = await fitFold(type, spec, params, dataset, target, options);
  model.dispose();
  return { fold, folds: split.folds.length, testRows: target.test.length, predicted };
}
