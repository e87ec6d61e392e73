/**
 * The Model behind `linear` and `ridge`: least squares for regression, logistic regression for
 * classification, with an optional L2 penalty that never touches the intercept. Missing feature
 * values (NaN) are imputed with the feature's training mean, in fit and in predict alike.
 */
import { z } from "zod";
import { Conflict, InvalidInput } from "../../errors.js";
import type { Dataset, FitOptions, Model, SavedModel, Task } from "../types.js";
import { columnStats } from "./column-stats.js";
import { alignFeatures, checkTrainingSet, type FeatureMatrix } from "./dataset-checks.js";
import { type CentredFit, fitLeastSquares, fitLogistic, type LinearProblem } from "./linear-solvers.js";

/** The file holding a linear model inside a SavedModel. */
export const LINEAR_FILE = "model.json";

/** How a type configures the linear model. */
export interface LinearSetup {
  type: string;
  task: Task;
  /** The type's validated hyperparameters, saved as they are. */
  params: Record<string, unknown>;
  /** L2 penalty strength; 0 = none. */
  alpha: number;
  /** Penalize standardized coefficients (β_j·sd_j) instead of raw ones. */
  standardize: boolean;
  /** Newton iterations at most (classification). */
  maxIterations: number;
  /** Convergence tolerance on the relative coefficient change (classification). */
  tolerance: number;
}

/** The fitted state, as stored in model.json. */
const fittedSchema = z.object({
  format: z.literal("openquant-linear"),
  version: z.literal(1),
  link: z.enum(["identity", "logit"]),
  features: z.array(z.string()).min(1),
  /** Coefficients on the centred features. */
  coefficients: z.array(z.number()),
  /** Prediction at the feature means. */
  intercept: z.number(),
  /** Training means: features are centred on them, and missing values take them. */
  feature_means: z.array(z.number()),
  /** Training standard deviations (for importances and standardization). */
  feature_sds: z.array(z.number()),
  /** Features left out as constant or collinear with earlier ones (coefficient 0); absent in older files. */
  aliased: z.array(z.string()).default([]),
});

type Fitted = z.output<typeof fittedSchema>;

/** Plain coefficients: f(x) = intercept + Σ coefficients[name]·x[name] (before the logistic link, for classification). */
export interface LinearCoefficients {
  intercept: number;
  coefficients: Record<string, number>;
}

const yieldEveryMs = 25;

/** Linear or logistic regression; see the module comment. */
export class LinearModel implements Model {
  /** The model type's name ("linear" or "ridge"). */
  readonly type: string;
  /** Regression (least squares) or classification (logistic). */
  readonly task: Task;
  private state: Fitted | null = null;

  constructor(private readonly setup: LinearSetup) {
    this.type = setup.type;
    this.task = setup.task;
  }

  /** Rebuilds a fitted model from its model.json text. */
  static load(setup: LinearSetup, text: string, featureNames: string[]): LinearModel {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new InvalidInput(`The saved ${setup.type} model's ${LINEAR_FILE} is not JSON: ${(error as Error).message}`);
    }
    const result = fittedSchema.safeParse(parsed);
    if (!result.success) throw new InvalidInput(`The saved ${setup.type} model's ${LINEAR_FILE} is malformed: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    const state = result.data;
    const p = state.features.length;
    if ([state.coefficients, state.feature_means, state.feature_sds].some((a) => a.length !== p)) {
      throw new InvalidInput(`The saved ${setup.type} model's ${LINEAR_FILE} has arrays of different lengths than its ${p} features.`);
    }
    if (state.link !== (setup.task === "classification" ? "logit" : "identity")) throw new InvalidInput(`The saved ${setup.type} model's link '${state.link}' does not match its task '${setup.task}'.`);
    if (featureNames.join("\u0000") !== state.features.join("\u0000")) throw new Conflict(`The saved ${setup.type} model's features differ from its SavedModel's featureNames; the files do not belong together.`);
    const model = new LinearModel(setup);
    model.state = state;
    return model;
  }

  /** Fits on `train` (a validation set is not used: there is nothing to stop early). */
  async fit(train: Dataset, options: FitOptions = {}): Promise<void> {
    checkTrainingSet(train, this.task);
    this.state = null;
    const names = train.featureNames;
    const stats = columnStats(train.X, train.rows, names);
    const p = names.length;
    let penalty: Float64Array | undefined;
    if (this.setup.alpha > 0) {
      penalty = new Float64Array(p);
      for (let j = 0; j < p; j++) penalty[j] = Math.sqrt(this.setup.alpha) * (this.setup.standardize && stats.sds[j] > 0 ? stats.sds[j] : 1);
    }
    let last = performance.now();
    const problem: LinearProblem = {
      X: train.X,
      y: train.y,
      rows: train.rows,
      names,
      means: stats.means,
      penalty,
      pause: async () => {
        options.signal?.throwIfAborted();
        if (performance.now() - last > yieldEveryMs) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          last = performance.now();
        }
      },
    };
    let fit: CentredFit;
    if (this.task === "classification") {
      const total = this.setup.maxIterations;
      fit = await fitLogistic(problem, {
        maxIterations: total,
        tolerance: this.setup.tolerance,
        onIteration: (iteration) => options.onProgress?.({ iteration, total }),
      });
    } else {
      fit = await fitLeastSquares(problem);
      options.onProgress?.({ iteration: 1, total: 1 });
    }
    this.state = {
      format: "openquant-linear",
      version: 1,
      link: this.task === "classification" ? "logit" : "identity",
      features: [...names],
      coefficients: Array.from(fit.beta),
      intercept: fit.intercept,
      feature_means: Array.from(stats.means),
      feature_sds: Array.from(stats.sds),
      aliased: fit.aliased.map((j) => names[j]),
    };
  }

  /** What the fit left out: features that were constant or linear combinations of earlier ones. */
  notes(): string[] {
    const { aliased } = this.fitted();
    if (aliased.length === 0) return [];
    return [
      `${this.type}: left out ${aliased.length} feature(s) that were constant or linear combinations of earlier ones in the training rows (coefficient 0, as R's lm reports NA): ${aliased.join(", ")}`,
    ];
  }

  /** Regression: predicted value; classification: P(label = 1). Missing values take the training mean. */
  predict(data: FeatureMatrix): Float64Array {
    const state = this.fitted();
    const m = alignFeatures(data, state.features);
    const p = m.cols;
    const out = new Float64Array(m.rows);
    const { coefficients: beta, feature_means: means } = state;
    for (let r = 0; r < m.rows; r++) {
      let z = state.intercept;
      const base = r * p;
      for (let j = 0; j < p; j++) {
        const v = m.X[base + j];
        if (!Number.isNaN(v)) z += beta[j] * (v - means[j]);
      }
      out[r] = state.link === "logit" ? (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z))) : z;
    }
    return out;
  }

  /** The coefficients in the features' own units, and the intercept at x = 0. */
  coefficients(): LinearCoefficients {
    const state = this.fitted();
    let intercept = state.intercept;
    state.features.forEach((_, j) => {
      intercept -= state.coefficients[j] * state.feature_means[j];
    });
    return { intercept, coefficients: Object.fromEntries(state.features.map((n, j) => [n, state.coefficients[j]])) };
  }

  /** |β_j|·sd_j: how much the prediction (or log-odds) moves for a one-standard-deviation move of each feature. */
  featureImportance(): Record<string, number> {
    const state = this.fitted();
    return Object.fromEntries(state.features.map((n, j) => [n, Math.abs(state.coefficients[j]) * state.feature_sds[j]]));
  }

  /** The model as JSON (model.json) plus what rebuilds the wrapper. */
  toJSON(): SavedModel {
    const state = this.fitted();
    return {
      type: this.type,
      task: this.task,
      params: { ...this.setup.params },
      featureNames: [...state.features],
      format: "json",
      files: { [LINEAR_FILE]: JSON.stringify(state) },
    };
  }

  /** Forgets the fitted state (there is no native memory to free). */
  dispose(): void {
    this.state = null;
  }

  private fitted(): Fitted {
    if (!this.state) throw new Conflict(`This ${this.type} model is not fitted (or was disposed); call fit() or load a saved model first.`);
    return this.state;
  }
}
