import { describe, expect, it } from "vitest";
import { InvalidInput } from "../errors.js";
import { toWireBatch } from "./batch-input.js";

describe("toWireBatch", () => {
  it("turns params, tags and metrics into MLflow's wire entities", () => {
    const wire = toWireBatch({
      params: { "model.type": "xgboost" },
      tags: { team: "quant" },
      metrics: [{ key: "rmse", value: 0.5, step: 2, timestamp: 1_700_000_000_000 }],
    });
    expect(wire).toEqual({
      params: [{ key: "model.type", value: "xgboost" }],
      tags: [{ key: "team", value: "quant" }],
      metrics: [{ key: "rmse", value: 0.5, step: 2, timestamp: 1_700_000_000_000 }],
    });
  });

  it("writes NaN and infinities as MLflow's JSON strings", () => {
    const ts = 1_700_000_000_000;
    const wire = toWireBatch({
      metrics: [
        { key: "a", value: Number.NaN, step: 0, timestamp: ts },
        { key: "b", value: Number.POSITIVE_INFINITY, step: 0, timestamp: ts },
        { key: "c", value: Number.NEGATIVE_INFINITY, step: 0, timestamp: ts },
      ],
    });
    expect(wire.metrics.map((m) => m.value)).toEqual(["NaN", "Infinity", "-Infinity"]);
  });

  it("refuses a param value over 6000 characters, naming the key and the way out", () => {
    const run = () => toWireBatch({ params: { ok: "x".repeat(6000), features: "x".repeat(6001) } });
    expect(run).toThrow(InvalidInput);
    try {
      run();
    } catch (error) {
      const e = error as InvalidInput;
      expect(e.details).toEqual([{ path: "params.features", message: expect.stringMatching(/6001 characters.*at most 6000.*artifact/) }]);
    }
  });

  it("refuses a tag value over 8000 characters", () => {
    expect(() => toWireBatch({ tags: { ok: "x".repeat(8000) } })).not.toThrow();
    expect(() => toWireBatch({ tags: { long: "x".repeat(8001) } })).toThrow(/tags.long: value is 8001 characters/);
  });

  it("reports every bad item at once", () => {
    try {
      toWireBatch({
        params: { "bad key!": "1" },
        metrics: [{ key: "m", value: "1" as unknown as number, step: 1.5, timestamp: -1 }],
      });
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidInput).details.map((d) => d.path)).toEqual([
        "params.bad key!",
        "metrics[0].value",
        "metrics[0].step",
        "metrics[0].timestamp",
      ]);
    }
  });
});
