import { describe, expect, it } from "vitest";
import { randomForestType } from "./random-forest.js";
import { syntheticDataset } from "./synthetic.js";

describe("random_forest", () => {
  it("is LightGBM in rf mode: bagged trees, per-split feature sampling, averaged output", async () => {
    const model = randomForestType.create("regression", randomForestType.params.parse({ n_estimators: 10, num_threads: 1 }));
    await model.fit(syntheticDataset({ rows: 500, features: 3, seed: 1, label: (x, n) => x[0] + 0.1 * n() }));
    const text = model.toJSON().files["model.lgb.txt"] as string;
    expect(text).toContain("[boosting: rf]");
    expect(text).toContain("[bagging_fraction: 0.632]");
    expect(text).toContain("[bagging_freq: 1]");
    expect(text).toContain("[feature_fraction_bynode: 0.33]");
    expect(text.match(/^Tree=\d+$/gm)?.length).toBe(10);
    expect(model.bestIteration?.()).toBeUndefined();
    model.dispose();
  });

  it("averages its trees, so predictions stay within the range of the labels", async () => {
    const data = syntheticDataset({ rows: 400, features: 2, seed: 2, label: (x) => (x[0] > 0 ? 3 : -1) });
    const model = randomForestType.create("regression", randomForestType.params.parse({ n_estimators: 30, num_threads: 1 }));
    await model.fit(data);
    const pred = model.predict(data);
    // Boosting could overshoot; an average of trees fitted to the labels cannot leave [−1, 3].
    for (const v of pred) {
      expect(v).toBeGreaterThanOrEqual(-1 - 1e-9);
      expect(v).toBeLessThanOrEqual(3 + 1e-9);
    }
    model.dispose();
  });

  it("refuses a bagging fraction of 1 (no forest without sampling)", () => {
    expect(() => randomForestType.create("regression", { bagging_fraction: 1 } as never)).toThrow(/bagging_fraction/);
  });
});
