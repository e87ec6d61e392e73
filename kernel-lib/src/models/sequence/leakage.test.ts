/**
 * Look-ahead through the scaler: standardizing with statistics of the whole series lets the test
 * fold's values shape what the model learns from the training fold. The check: change only the
 * test fold (the future) and see whether the fitted model's scaler moves. The real code path
 * passes; a deliberately leaky variant (scaler fitted on the whole series) is caught.
 */
import { describe, expect, it } from "vitest";
import { lstmType } from "../impl/lstm.js";
import { sliceDataset } from "../impl/synthetic.js";
import type { Dataset } from "../types.js";
import { laggedSineDataset } from "./lagged-sine.js";
import { buildLstmNetwork } from "./networks.js";
import type { FeatureScaler, TargetScaler } from "./scaler.js";
import { fitFeatureScaler, fitTargetScaler } from "./scaler.js";
import { SequenceModel, type SequenceSetup } from "./sequence-model.js";

const params = lstmType.params.parse({ window: 4, units: 4, epochs: 1, batch_size: 32, dropout: 0, early_stopping_rounds: 0 });
const TRAIN_ROWS = 96;

/** A variant that standardizes with the whole series — the bug this test exists to catch. */
class WholeSeriesScalerModel extends SequenceModel {
  constructor(
    setup: SequenceSetup,
    private readonly whole: Dataset,
  ) {
    super(setup);
  }
  protected override fitScalers(): { featureScaler: FeatureScaler; targetScaler?: TargetScaler } {
    return { featureScaler: fitFeatureScaler(this.whole.X, this.whole.rows, this.whole.featureNames), targetScaler: fitTargetScaler(this.whole.y) };
  }
}

type Variant = (series: Dataset) => SequenceModel;
const realCodePath: Variant = () => lstmType.create("regression", params) as SequenceModel;
const leaky: Variant = (series) => new WholeSeriesScalerModel({ type: "lstm", task: "regression", params, build: buildLstmNetwork } as unknown as SequenceSetup, series);

/** The scaler a variant saves after fitting on the training fold of `series`. */
async function savedScaler(variant: Variant, series: Dataset): Promise<{ featureScaler: FeatureScaler; targetScaler: TargetScaler }> {
  const model = variant(series);
  await model.fit(sliceDataset(series, 0, TRAIN_ROWS));
  const state = JSON.parse(model.toJSON().files["sequence.json"] as string);
  model.dispose();
  return state;
}

/** True when changing only the rows after the training fold changes the fitted scaler. */
async function leaksTheFuture(variant: Variant): Promise<boolean> {
  const series = laggedSineDataset({ rows: 160, seed: 9 });
  const future = { ...series, X: series.X.slice(), y: series.y.slice() };
  for (let r = TRAIN_ROWS; r < series.rows; r++) {
    future.X[r] = future.X[r] * 10 + 5;
    future.y[r] = future.y[r] * 10 + 5;
  }
  return JSON.stringify(await savedScaler(variant, series)) !== JSON.stringify(await savedScaler(variant, future));
}

describe("sequence scaler look-ahead", () => {
  it("fits the scaler on the training fold alone: the future does not move it, and it is the training rows' statistics", async () => {
    expect(await leaksTheFuture(realCodePath)).toBe(false);
    const series = laggedSineDataset({ rows: 160, seed: 9 });
    const { featureScaler, targetScaler } = await savedScaler(realCodePath, series);
    // by hand, over the first TRAIN_ROWS rows only
    const x = Array.from(series.X.subarray(0, TRAIN_ROWS));
    const mean = x.reduce((s, v) => s + v, 0) / TRAIN_ROWS;
    const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / TRAIN_ROWS);
    expect(featureScaler.means[0]).toBeCloseTo(mean, 12);
    expect(featureScaler.sds[0]).toBeCloseTo(sd, 12);
    const y = Array.from(series.y.subarray(0, TRAIN_ROWS));
    expect(targetScaler.mean).toBeCloseTo(y.reduce((s, v) => s + v, 0) / TRAIN_ROWS, 12);
  }, 120_000);

  it("catches a scaler fitted on the whole series", async () => {
    expect(await leaksTheFuture(leaky)).toBe(true);
  }, 120_000);
});
