import { describe, expect, it } from "vitest";
import { predictionSeries } from "./ModelPredictionSeries.js";
import { aliasReferences, modelReference } from "./ModelPredictionModel.js";

const day = (d: string) => Date.parse(`${d}T00:00:00Z`);

describe("predictions next to what happened", () => {
  it("pairs each prediction with close[t + h] / close[t] − 1, none for the last h bars", () => {
    const bars = { ts: ["2025-01-02", "2025-01-03", "2025-01-06", "2025-01-07", "2025-01-08"].map(day), close: [100, 110, 99, 121, 100] };
    const series = predictionSeries(
      {
        ticker: "ACME.SAMPLE",
        runId: "r",
        modelType: "linear",
        task: "regression",
        horizon: 2,
        dates: ["2025-01-02T00:00:00.000Z", "2025-01-03T00:00:00.000Z", "2025-01-07T00:00:00.000Z", "2025-01-09T00:00:00.000Z"],
        predictions: [0.01, null, -0.02, 0.03],
      },
      bars,
    );
    expect(series.dates).toEqual(["2025-01-02", "2025-01-03", "2025-01-07", "2025-01-09"]);
    expect(series.predicted).toEqual([0.01, null, -0.02, 0.03]);
    // by hand: 99/100 − 1 and 121/110 − 1; 01-07 has no bar two days on; 01-09 is not stored
    expect(series.actual[0]).toBeCloseTo(-0.01, 12);
    expect(series.actual[1]).toBeCloseTo(0.1, 12);
    expect(series.actual.slice(2)).toEqual([null, null]);
  });

  it("turns name@alias into a models:/ reference and leaves run ids alone", () => {
    expect(modelReference(" acme@champion ")).toBe("models:/acme@champion");
    expect(modelReference("a".repeat(32))).toBe("a".repeat(32));
    expect(modelReference("models:/acme@prod")).toBe("models:/acme@prod");
    expect(aliasReferences([{ name: "b", aliases: { prod: "2", champion: "1" } }, { name: "a" }])).toEqual(["b@champion", "b@prod"]);
  });
});
