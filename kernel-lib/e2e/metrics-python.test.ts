/**
 * Our metrics against scikit-learn, SciPy and numpy in the project's venv, on seeded random folds
 * that numpy draws (fat-tailed returns on a 1bp grid, so ties and zeros occur; probabilities with
 * ties and exact 0/1). Per fold, pooled over all folds, and mean/std across folds.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { classificationMetrics, evaluateFolds, logLoss, regressionMetrics } from "../src/models/metrics/index.js";

const run = promisify(execFile);
const ORACLE = new URL("./metrics_oracle.py", import.meta.url).pathname;

type Values = Record<string, number>;
interface OracleFold {
  y_true: number[];
  y_pred: number[];
  label: number[];
  prob: number[];
  prob_inner: number[];
  regression: Values;
  classification: Values;
}
interface Oracle {
  versions: Record<string, string>;
  folds: OracleFold[];
  pooled: { regression: Values; classification: Values };
  across: { regression: { mean: Values; std: Values }; classification: { mean: Values; std: Values } };
}

/** |ours − theirs| ≤ 1e-12 · max(1, |theirs|): agreement to double-precision rounding. */
function expectClose(ours: Values, theirs: Values, names: string[]): void {
  for (const name of names) {
    const tolerance = 1e-12 * Math.max(1, Math.abs(theirs[name]));
    expect(Math.abs(ours[name] - theirs[name]), `${name}: ours ${ours[name]}, theirs ${theirs[name]}`).toBeLessThanOrEqual(tolerance);
  }
}

const REGRESSION = ["mae", "mse", "rmse", "r2", "directionalAccuracy", "ic", "rankIc"];
const CLASSIFICATION = ["accuracy", "precision", "recall", "f1", "rocAuc", "logLoss"];
const f64 = (values: number[]) => Float64Array.from(values);

let oracle: Oracle;

beforeAll(async () => {
  const python = join(inject("venvDir"), "bin", "python");
  const { stdout } = await run(python, [ORACLE, "20240501"], { maxBuffer: 64 * 1024 * 1024 });
  oracle = JSON.parse(stdout) as Oracle;
  console.log("metrics oracle:", oracle.versions);
}, 120_000);

describe("metrics match scikit-learn / SciPy / numpy", () => {
  it("per fold", () => {
    expect(oracle.folds).toHaveLength(4);
    for (const fold of oracle.folds) {
      expectClose({ ...regressionMetrics(f64(fold.y_true), f64(fold.y_pred)) }, fold.regression, REGRESSION);
      expectClose({ ...classificationMetrics(f64(fold.label), f64(fold.prob)) }, fold.classification, CLASSIFICATION);
      // sklearn's own log_loss, on probabilities that need no clipping
      expectClose({ logLoss: logLoss(f64(fold.label), f64(fold.prob_inner)) }, { logLoss: fold.classification.logLossInner }, ["logLoss"]);
    }
  });

  it("pooled over all folds, and mean / population std across folds", () => {
    const regression = evaluateFolds(
      "regression",
      oracle.folds.map((f) => ({ yTrue: f64(f.y_true), yPred: f64(f.y_pred) })),
    );
    expectClose({ ...regression.pooled }, oracle.pooled.regression, REGRESSION);
    expectClose({ ...regression.mean }, oracle.across.regression.mean, REGRESSION);
    expectClose({ ...regression.std }, oracle.across.regression.std, REGRESSION);
    const classification = evaluateFolds(
      "classification",
      oracle.folds.map((f) => ({ yTrue: f64(f.label), yPred: f64(f.prob) })),
    );
    expectClose({ ...classification.pooled }, oracle.pooled.classification, CLASSIFICATION);
    expectClose({ ...classification.mean }, oracle.across.classification.mean, CLASSIFICATION);
    expectClose({ ...classification.std }, oracle.across.classification.std, CLASSIFICATION);
  });
});
