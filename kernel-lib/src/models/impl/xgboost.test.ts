import { describe, expect, it } from "vitest";
import { syntheticDataset } from "./synthetic.js";
import { xgboostType } from "./xgboost.js";

const noise = (seed: number, rows: number) => syntheticDataset({ rows, features: 5, seed, label: (_x, n) => n() });

describe("xgboost", () => {
  it("stops early on pure noise, keeping only the rounds up to the best one", async () => {
    const model = xgboostType.create("regression", xgboostType.params.parse({ n_estimators: 500, early_stopping_rounds: 10, nthread: 1 }));
    let last = 0;
    await model.fit(noise(1, 1000), { valid: noise(2, 500), onProgress: (p) => (last = p.iteration) });
    const best = model.bestIteration?.() ?? 0;
    expect(best).toBeGreaterThanOrEqual(1);
    expect(best).toBeLessThan(100);
    expect(last).toBe(best + 10);
    const json = JSON.parse(model.toJSON().files["model.xgb.json"] as string);
    expect(Number(json.learner.gradient_booster.model.gbtree_model_param.num_trees)).toBe(best);
    expect(json.learner.attributes.best_iteration).toBe(String(best - 1));
    expect(json.learner.feature_names).toEqual(["f0", "f1", "f2", "f3", "f4"]);
    const loaded = xgboostType.fromJSON(model.toJSON());
    expect(loaded.bestIteration?.()).toBe(best);
    model.dispose();
    loaded.dispose();
  });

  it("trains all rounds without a validation set and has no best iteration", async () => {
    const model = xgboostType.create("regression", xgboostType.params.parse({ n_estimators: 20, nthread: 1 }));
    await model.fit(noise(3, 300));
    expect(model.bestIteration?.()).toBeUndefined();
    const json = JSON.parse(model.toJSON().files["model.xgb.json"] as string);
    expect(json.learner.gradient_booster.model.gbtree_model_param.num_trees).toBe("20");
    expect(json.learner.objective.name).toBe("reg:squarederror");
    model.dispose();
  });

  it("uses binary:logistic for classification", async () => {
    const model = xgboostType.create("classification", xgboostType.params.parse({ n_estimators: 5, nthread: 1 }));
    await model.fit(syntheticDataset({ rows: 200, features: 2, seed: 4, label: (x) => (x[0] > 0 ? 1 : 0) }));
    expect(JSON.parse(model.toJSON().files["model.xgb.json"] as string).learner.objective.name).toBe("binary:logistic");
    model.dispose();
  });
});
