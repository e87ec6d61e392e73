/**
 * `random_forest`: a random forest on LightGBM's native `boosting=rf` mode — each tree grown on a
 * bagged subsample (without replacement) with a random subset of features per split, and the
 * forest's output the trees' average. Chosen over XGBoost's `num_parallel_tree` forest: similar
 * speed and accuracy when measured here, but LightGBM grows one tree per iteration, so a long fit
 * reports progress per tree, can be aborted, and lets the event loop run between trees, where
 * XGBoost builds the whole forest in one blocking call.
 */
import { z } from "zod";
import { validate } from "../../util/validate.js";
import type { ModelType, SavedModel, Task } from "../types.js";
import { lightgbmCommon } from "./lightgbm.js";
import { LIGHTGBM_FILE, LgbModel, type LgbSetup, lightgbmObjective } from "./lightgbm-model.js";
import { fileText, savedFile } from "./saved-model.js";
import { checkTask } from "./task.js";

/** Random-forest hyperparameters, in LightGBM's vocabulary. */
export const randomForestParamsSchema = z.strictObject({
  /** Trees in the forest. */
  n_estimators: z.int().min(1).max(100_000).default(300),
  /** Leaves per tree at most. */
  num_leaves: z.int().min(2).max(131_072).default(255),
  /** Tree depth limit; -1 = none. */
  max_depth: z.int().min(-1).max(64).default(-1),
  min_data_in_leaf: z.int().min(1).default(20),
  /** Fraction of rows each tree sees (sampled without replacement); must be < 1 for a forest. */
  bagging_fraction: z.number().gt(0).lt(1).default(0.632),
  /** Fraction of features considered at each split. */
  feature_fraction_bynode: z.number().gt(0).lte(1).default(0.33),
  lambda_l2: z.number().min(0).default(0),
  max_bin: z.int().min(2).max(65_535).default(255),
  /** Threads; 0 = all cores. */
  num_threads: z.int().min(0).max(1024).default(0),
  seed: z.int().min(0).max(2_147_483_647).default(42),
  deterministic: z.boolean().default(true),
  histogram: z.enum(["row_wise", "col_wise", "auto"]).default("row_wise"),
  verbosity: z.int().min(-1).max(2).default(-1),
});

/** Validated random-forest hyperparameters. */
export type RandomForestParams = z.output<typeof randomForestParamsSchema>;

const TASKS: readonly Task[] = ["regression", "classification"];

function setup(task: Task, input: unknown): LgbSetup {
  checkTask("random_forest", task, TASKS);
  const params = validate(randomForestParamsSchema, input, "random_forest hyperparameters");
  return {
    type: "random_forest",
    task,
    params,
    native: {
      objective: lightgbmObjective(task),
      boosting: "rf",
      num_leaves: params.num_leaves,
      max_depth: params.max_depth,
      min_data_in_leaf: params.min_data_in_leaf,
      bagging_fraction: params.bagging_fraction,
      bagging_freq: 1,
      feature_fraction_bynode: params.feature_fraction_bynode,
      lambda_l2: params.lambda_l2,
      ...lightgbmCommon(params),
    },
    rounds: params.n_estimators,
    earlyStoppingRounds: 0,
  };
}

/** The `random_forest` model type. */
export const randomForestType: ModelType<RandomForestParams> = {
  name: "random_forest",
  description: "Random forest on LightGBM's native rf mode (bagging + per-split feature sampling, averaged trees); gain importances, LightGBM text models.",
  tasks: TASKS,
  params: randomForestParamsSchema,
  create: (task, params) => new LgbModel(setup(task, params)),
  fromJSON(saved: SavedModel) {
    const file = savedFile(saved, "random_forest", "lightgbm-text", LIGHTGBM_FILE, TASKS);
    return LgbModel.load(setup(saved.task, saved.params), fileText(file), saved.featureNames);
  },
};
