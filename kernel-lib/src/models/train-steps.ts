/**
 * The steps of a training run that a cross-validation fold shares with it: features → labelled
 * dataset → split, and fitting one fold. `train` runs them all in one process; a queue worker runs
 * one fold of them (predictFold), so both compute exactly the same predictions.
 */
import { InvalidInput } from "../errors.js";
import type { FeatureEngine } from "../features/engine.js";
import type { ResolvedFeatureSet } from "../features/feature-set.js";
import type { FeatureFrame } from "../features/frame.js";
import { buildDataset } from "./dataset/build.js";
import type { LabeledDataset } from "./dataset/types.js";
import type { ResolvedTrainSpec } from "./spec.js";
import { splitDataset } from "./splits/split.js";
import type { Fold, Split } from "./splits/types.js";
import { subsetRows } from "./subset.js";
import type { FitProgress, Model, ModelType } from "./types.js";
import { chronologicalValidation } from "./validation-split.js";

function checkUsableFeatures(frames: FeatureFrame[]): void {
  for (const name of Object.keys(frames[0].columns)) {
    if (frames.every((f) => f.columns[name].every((v) => Number.isNaN(v)))) {
      throw new InvalidInput(`Feature column '${name}' is NaN on every bar of every ticker: the range is shorter than its warm-up, or the feature is broken.`, [
        { path: "featureSet", message: `${name} is all NaN` },
      ]);
    }
  }
}

/** The spec's feature frames, one per ticker; InvalidInput when a feature column is NaN everywhere. */
export async function loadFeatureFrames(spec: ResolvedTrainSpec, resolvedSet: ResolvedFeatureSet, engine: FeatureEngine): Promise<FeatureFrame[]> {
  const frames = await engine.compute(spec.tickers, resolvedSet.definition, { start: spec.start, end: spec.end, interval: spec.interval });
  checkUsableFeatures(frames);
  return frames;
}

/** The labelled dataset of the frames and its chronological split (purge + embargo). */
export function labelAndSplit(spec: ResolvedTrainSpec, resolvedSet: ResolvedFeatureSet, frames: FeatureFrame[]): { dataset: LabeledDataset; split: Split } {
  const dataset = buildDataset(
    frames.map((f) => ({ ticker: f.ticker, ts: f.ts, close: f.close, features: f.columns })),
    { horizon: spec.horizon, task: spec.task, features: resolvedSet.columns },
  );
  return { dataset, split: splitDataset({ ts: dataset.ts, labelEndTs: dataset.labelEndTs }, spec.split) };
}

/** Options of one fold's fit. */
export interface FitFoldOptions {
  signal?: AbortSignal;
  onProgress?: (p: FitProgress) => void;
}

/** Fits a fresh model on the fold's training rows (with a chronological holdout when early stopping asks for one) and predicts its test rows; the caller disposes the model. */
export async function fitFold(
  type: ModelType,
  spec: ResolvedTrainSpec,
  modelParams: Record<string, unknown>,
  dataset: LabeledDataset,
  fold: Fold,
  options: FitFoldOptions = {},
): Promise<{ model: Model; predicted: Float64Array }> {
  const trainSet = subsetRows(dataset, fold.train);
  const testSet = subsetRows(dataset, fold.test);
  const model = type.create(spec.task, modelParams);
  try {
    const wantsValidation = typeof modelParams.early_stopping_rounds === "number" && modelParams.early_stopping_rounds > 0;
    const holdout = wantsValidation ? chronologicalValidation(trainSet, spec.horizon) : undefined;
    await model.fit(holdout ? subsetRows(trainSet, holdout.fit) : trainSet, {
      valid: holdout ? subsetRows(trainSet, holdout.valid) : undefined,
      signal: options.signal,
      onProgress: options.onProgress,
    });
    return { model, predicted: model.predict(testSet) };
  } catch (error) {
    model.dispose();
    throw error;
  }
}
