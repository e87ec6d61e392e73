/**
 * `linear`: ordinary least squares with an intercept for regression; plain (unpenalized) logistic
 * regression for classification — what a quant means by "the linear model" for each task.
 */
import { z } from "zod";
import { validate } from "../../util/validate.js";
import type { ModelType, SavedModel, Task } from "../types.js";
import { LINEAR_FILE, LinearModel, type LinearSetup } from "./linear-model.js";
import { fileText, savedFile } from "./saved-model.js";
import { checkTask } from "./task.js";

/** Hyperparameters of `linear` (only the logistic fit, for classification, has any). */
export const linearParamsSchema = z.strictObject({
  /** Newton (IRLS) iterations at most, for classification. */
  max_iter: z.int().min(1).max(1000).default(100),
  /** Convergence tolerance on the relative change of the coefficients, for classification. */
  tol: z.number().gt(0).lt(1).default(1e-10),
});

/** Validated `linear` hyperparameters. */
export type LinearParams = z.output<typeof linearParamsSchema>;

const TASKS: readonly Task[] = ["regression", "classification"];

function setup(task: Task, input: unknown): LinearSetup {
  checkTask("linear", task, TASKS);
  const params = validate(linearParamsSchema, input, "linear hyperparameters");
  return { type: "linear", task, params, alpha: 0, standardize: false, maxIterations: params.max_iter, tolerance: params.tol };
}

/** The `linear` model type. */
export const linearType: ModelType<LinearParams> = {
  name: "linear",
  description:
    "Ordinary least squares with an intercept (regression) or unpenalized logistic regression (classification), solved by QR; missing values take the training mean.",
  tasks: TASKS,
  params: linearParamsSchema,
  create: (task, params) => new LinearModel(setup(task, params)),
  fromJSON(saved: SavedModel) {
    const file = savedFile(saved, "linear", "json", LINEAR_FILE, TASKS);
    return LinearModel.load(setup(saved.task, saved.params), fileText(file), saved.featureNames);
  },
};
