/**
 * `xgboost`: gradient-boosted trees by the real XGBoost (the venv's pinned xgboost-cpu build,
 * through its C API). Regression on squared error, classification on logistic loss.
 */
import { z } from "zod";
import { validate } from "../../util/validate.js";
import type { ModelType, SavedModel, Task } from "../types.js";
import { fileText, savedFile } from "./saved-model.js";
import { checkTask } from "./task.js";
import { XGBOOST_FILE, XgbModel, type XgbSetup, xgboostObjective } from "./xgboost-model.js";

const fraction = z.number().gt(0).lte(1);

/** XGBoost's hyperparameters (sklearn-style names), with defaults for daily financial features. */
export const xgboostParamsSchema = z.strictObject({
  /** Boosting rounds (the most; early stopping may keep fewer). */
  n_estimators: z.int().min(1).max(100_000).default(500),
  max_depth: z.int().min(1).max(32).default(6),
  learning_rate: z.number().gt(0).lte(1).default(0.05),
  /** Fraction of rows sampled per tree. */
  subsample: fraction.default(0.8),
  /** Fraction of features sampled per tree. */
  colsample_bytree: fraction.default(0.8),
  min_child_weight: z.number().min(0).default(1),
  /** L2 penalty on leaf weights. */
  reg_lambda: z.number().min(0).default(1),
  /** L1 penalty on leaf weights. */
  reg_alpha: z.number().min(0).default(0),
  /** Rounds without improvement on the validation set before stopping; 0 = never (used only with a validation set). */
  early_stopping_rounds: z.int().min(0).default(50),
  /** Threads; 0 = all cores. */
  nthread: z.int().min(0).max(1024).default(0),
  seed: z.int().min(0).max(2_147_483_647).default(42),
  tree_method: z.enum(["hist", "approx", "exact"]).default("hist"),
  /** Histogram bins per feature (hist and approx). */
  max_bin: z.int().min(2).max(65_535).default(256),
});

/** Validated XGBoost hyperparameters. */
export type XGBoostParams = z.output<typeof xgboostParamsSchema>;

const TASKS: readonly Task[] = ["regression", "classification"];

function setup(task: Task, input: unknown): XgbSetup {
  checkTask("xgboost", task, TASKS);
  const params = validate(xgboostParamsSchema, input, "xgboost hyperparameters");
  const native: Record<string, string | number> = {
    objective: xgboostObjective(task),
    tree_method: params.tree_method,
    max_depth: params.max_depth,
    eta: params.learning_rate,
    subsample: params.subsample,
    colsample_bytree: params.colsample_bytree,
    min_child_weight: params.min_child_weight,
    lambda: params.reg_lambda,
    alpha: params.reg_alpha,
    max_bin: params.max_bin,
    seed: params.seed,
  };
  if (params.nthread > 0) native.nthread = params.nthread;
  return {
    type: "xgboost",
    task,
    params,
    native,
    rounds: params.n_estimators,
    earlyStoppingRounds: params.early_stopping_rounds,
    nthread: params.nthread,
  };
}

/** The `xgboost` model type. */
export const xgboostType: ModelType<XGBoostParams> = {
  name: "xgboost",
  description: "Gradient-boosted trees by XGBoost (native library from the venv's xgboost-cpu wheel); early stopping on a validation set, total-gain importances, XGBoost JSON models.",
  tasks: TASKS,
  params: xgboostParamsSchema,
  create: (task, params) => new XgbModel(setup(task, params)),
  fromJSON(saved: SavedModel) {
    const file = savedFile(saved, "xgboost", "xgboost-json", XGBOOST_FILE, TASKS);
    return XgbModel.load(setup(saved.task, saved.params), fileText(file), saved.featureNames);
  },
};
