import { describe, expect, it } from "vitest";
import { lightgbmType } from "./lightgbm.js";
import { syntheticDataset } from "./synthetic.js";

const noise = (seed: number, rows: number) => syntheticDataset({ rows, features: 5, seed, label: (_x, n) => n() });

/** The `key=value` lines of a LightGBM text model's header. */
function header(text: string): Record<string, string> {
  const head = text.slice(0, text.indexOf("Tree=0"));
  return Object.fromEntries(head.split("\n").filter((l) => l.includes("=")).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
}

describe("lightgbm", () => {
  it("stops early on pure noise, keeping only the iterations up to the best one", async () => {
    const model = lightgbmType.create("regression", lightgbmType.params.parse({ n_estimators: 500, early_stopping_rounds: 10, num_threads: 1 }));
    let last = 0;
    await model.fit(noise(1, 1000), { valid: noise(2, 500), onProgress: (p) => (last = p.iteration) });
    const best = model.bestIteration?.() ?? 0;
    expect(best).toBeGreaterThanOrEqual(1);
    expect(best).toBeLessThan(100);
    expect(last).toBe(best + 10);
    const text = model.toJSON().files["model.lgb.txt"] as string;
    expect(text.match(/^Tree=\d+$/gm)?.length).toBe(best);
    expect(header(text).feature_names).toBe("f0 f1 f2 f3 f4");
    model.dispose();
  });

  it("writes the objective and our parameters into the text model", async () => {
    const model = lightgbmType.create("classification", lightgbmType.params.parse({ n_estimators: 5, num_threads: 1, num_leaves: 7 }));
    await model.fit(syntheticDataset({ rows: 300, features: 2, seed: 4, label: (x) => (x[0] > 0 ? 1 : 0) }));
    const text = model.toJSON().files["model.lgb.txt"] as string;
    expect(header(text).objective).toMatch(/^binary/);
    expect(text).toContain("[num_leaves: 7]");
    expect(text).toContain("[deterministic: 1]");
    expect(text).toContain("[force_row_wise: 1]");
    model.dispose();
  });
});
