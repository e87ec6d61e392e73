/**
 * `lightgbm`: gradient-boosted trees by the real LightGBM (the venv's pinned lightgbm wheel,
 * through its C API). Regression on L2 loss, classification on binary log loss.
 */
import { z } from "zod";
import { validate } from "../../util/validate.js";
import type { ModelType, SavedModel, Task } from "../types.js";
import { LIGHTGBM_FILE, LgbModel, type LgbSetup, lightgbmObjective } from "./lightgbm-model.js";
import { fileText, savedFile } from "./saved-model.js";
import { checkTask } from "./task.js";

const fraction = z.number().gt(0).lte(1);

/** LightGBM's hyperparameters (its own names, plus n_estimators and early_stopping_rounds), with defaults. */
export const lightgbmParamsSchema = z.strictObject({
  /** Boosting iterations (the most; early stopping may keep fewer). */
  n_estimators: z.int().min(1).max(100_000).default(500),
  num_leaves: z.int().min(2).max(131_072).default(31),
  /** Tree depth limit; -1 = none (leaves are limited by num_leaves). */
  max_depth: z.int().min(-1).max(64).default(-1),
  learning_rate: z.number().gt(0).lte(1).default(0.05),
  /** Fraction of features sampled per tree. */
  feature_fraction: fraction.default(0.8),
  /** Fraction of rows sampled, every `bagging_freq` iterations (0 = no bagging). */
  bagging_fraction: fraction.default(0.8),
  bagging_freq: z.int().min(0).default(1),
  min_data_in_leaf: z.int().min(1).default(20),
  lambda_l1: z.number().min(0).default(0),
  lambda_l2: z.number().min(0).default(0),
  max_bin: z.int().min(2).max(65_535).default(255),
  /** Iterations without improvement on the validation set before stopping; 0 = never (used only with a validation set). */
  early_stopping_rounds: z.int().min(0).default(50),
  /** Threads; 0 = all cores. */
  num_threads: z.int().min(0).max(1024).default(0),
  seed: z.int().min(0).max(2_147_483_647).default(42),
  /** Same model from the same data and seed, whatever the run (LightGBM's `deterministic`). */
  deterministic: z.boolean().default(true),
  /**
   * Histogram construction: row_wise or col_wise are fixed; auto lets LightGBM time both on the
   * data, so the choice (and float sums) may vary between runs.
   */
  histogram: z.enum(["row_wise", "col_wise", "auto"]).default("row_wise"),
  verbosity: z.int().min(-1).max(2).default(-1),
});

/** Validated LightGBM hyperparameters. */
export type LightGbmParams = z.output<typeof lightgbmParamsSchema>;

const TASKS: readonly Task[] = ["regression", "classification"];

/** LightGBM parameters shared by every LightGBM-backed type. */
export function lightgbmCommon(p: Pick<LightGbmParams, "num_threads" | "seed" | "deterministic" | "histogram" | "verbosity" | "max_bin">): Record<string, string | number | boolean> {
  const native: Record<string, string | number | boolean> = { seed: p.seed, deterministic: p.deterministic, verbosity: p.verbosity, max_bin: p.max_bin };
  if (p.num_threads > 0) native.num_threads = p.num_threads;
  if (p.histogram === "row_wise") native.force_row_wise = true;
  if (p.histogram === "col_wise") native.force_col_wise = true;
  return native;
}

function setup(task: Task, input: unknown): LgbSetup {
  checkTask("lightgbm", task, TASKS);
  const params = validate(lightgbmParamsSchema, input, "lightgbm hyperparameters");
  return {
    type: "lightgbm",
    task,
    params,
    native: {
      objective: lightgbmObjective(task),
      boosting: "gbdt",
      num_leaves: params.num_leaves,
      max_depth: params.max_depth,
      learning_rate: params.learning_rate,
      feature_fraction: params.feature_fraction,
      bagging_fraction: params.bagging_fraction,
      bagging_freq: params.bagging_freq,
      min_data_in_leaf: params.min_data_in_leaf,
      lambda_l1: params.lambda_l1,
      lambda_l2: params.lambda_l2,
      ...lightgbmCommon(params),
    },
    rounds: params.n_estimators,
    earlyStoppingRounds: params.early_stopping_rounds,
  };
}

/** The `lightgbm` model type. */
export const lightgbmType: ModelType<LightGbmParams> = {
  name: "lightgbm",
  description: "Gradient-boosted trees by LightGBM (native library from the venv's lightgbm wheel); early stopping on a validation set, gain importances, LightGBM text models.",
  tasks: TASKS,
  params: lightgbmParamsSchema,
  create: (task, params) => new LgbModel(setup(task, params)),
  fromJSON(saved: SavedModel) {
    const file = savedFile(saved, "lightgbm", "lightgbm-text", LIGHTGBM_FILE, TASKS);
    return LgbModel.load(setup(saved.task, saved.params), fileText(file), saved.featureNames);
  },
};
