import { describe, expect, it } from "vitest";
import { JobHandlers } from "./job-handlers.js";
import { type JobPlatform, registerJobHandlers } from "./job-registry.js";

const never = (): never => {
  throw new Error("not called while parsing params");
};

describe("shared job registration", () => {
  const handlers = new JobHandlers();
  registerJobHandlers(handlers, never as () => JobPlatform, never);
  const spec = { tickers: ["ACME.SAMPLE"], model: { type: "linear" } };

  it("a cross-validate job without a split is a 5-fold walk-forward, as documented", () => {
    const parsed = handlers.parse("cross-validate", spec) as { split: { method: string; folds?: number } };
    expect(parsed.split).toMatchObject({ method: "walk_forward", folds: 5 });
  });

  it("a train job without a split is a train/test split, and a given split is kept by both", () => {
    expect((handlers.parse("train", spec) as { split: { method: string } }).split.method).toBe("train_test");
    const kfold = { ...spec, split: { method: "purged_kfold", folds: 4 } };
    expect((handlers.parse("cross-validate", kfold) as { split: { method: string; folds: number } }).split).toMatchObject({ method: "purged_kfold", folds: 4 });
  });
});
