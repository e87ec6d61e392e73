/**
 * `ridge`: least squares with an L2 penalty α·Σβ_j² (regression, as sklearn's Ridge), or logistic
 * regression with the penalty (α/2)·Σβ_j² (classification, as sklearn's LogisticRegression with
 * C = 1/α). The intercept is never penalized. Features are not standardized unless
 * `standardize: true`, which penalizes β_j·sd_j instead (coefficients stay in the features' units).
 */
import { z } from "zod";
import { validate } from "../../util/validate.js";
import type { ModelType, SavedModel, Task } from "../types.js";
import { LINEAR_FILE, LinearModel, type LinearSetup } from "./linear-model.js";
import { fileText, savedFile } from "./saved-model.js";
import { checkTask } from "./task.js";

/** Hyperparameters of `ridge`. */
export const ridgeParamsSchema = z.strictObject({
  /** Penalty strength (> 0). */
  alpha: z.number().gt(0).default(1),
  /** Penalize standardized coefficients, so features on different scales are shrunk alike. */
  standardize: z.boolean().default(false),
  /** Newton (IRLS) iterations at most, for classification. */
  max_iter: z.int().min(1).max(1000).default(100),
  /** Convergence tolerance on the relative change of the coefficients, for classification. */
  tol: z.number().gt(0).lt(1).default(1e-10),
});

/** Validated `ridge` hyperparameters. */
export type RidgeParams = z.output<typeof ridgeParamsSchema>;

const TASKS: readonly Task[] = ["regression", "classification"];

function setup(task: Task, input: unknown): LinearSetup {
  checkTask("ridge", task, TASKS);
  const params = validate(ridgeParamsSchema, input, "ridge hyperparameters");
  return { type: "ridge", task, params, alpha: params.alpha, standardize: params.standardize, maxIterations: params.max_iter, tolerance: params.tol };
}

/** The `ridge` model type. */
export const ridgeType: ModelType<RidgeParams> = {
  name: "ridge",
  description: "L2-penalized least squares (regression) or L2-penalized logistic regression (classification); the intercept is not penalized; missing values take the training mean.",
  tasks: TASKS,
  params: ridgeParamsSchema,
  create: (task, params) => new LinearModel(setup(task, params)),
  fromJSON(saved: SavedModel) {
    const file = savedFile(saved, "ridge", "json", LINEAR_FILE, TASKS);
    return LinearModel.load(setup(saved.task, saved.params), fileText(file), saved.featureNames);
  },
};
