import { describe, expect, it } from "vitest";
import type { FeatureFrame } from "../schemas/features.js";
import { chartGroups, featureChart, outputScale } from "./featureChart.js";

const FRAME: FeatureFrame = {
  ticker: "ACME.SAMPLE",
  interval: "1d",
  featureSetHash: "x",
  dataVersion: 1,
  dates: ["2024-01-02T00:00:00.000Z", "2024-01-03T00:00:00.000Z"],
  close: [78.8, 76.0],
  columns: {
    sma_20: [null, 77.1],
    rsi_14: [47.8, 41.1],
    bb_upper_20_2_2: [80, 81],
    bb_percent_b_20_2_2: [0.4, 0.2],
    macd_12_26_9: [0.1, 0.2],
    macd_signal_12_26_9: [0.05, 0.1],
  },
};

describe("feature chart", () => {
  it("puts moving averages and band lines on the price scale, oscillators and %B apart", () => {
    expect(outputScale("sma", "sma_20")).toBe("price");
    expect(outputScale("bbands", "bb_upper_20_2_2")).toBe("price");
    expect(outputScale("bbands", "bb_percent_b_20_2_2")).toBe("separate");
    expect(outputScale("rsi", "rsi_14")).toBe("separate");
    expect(outputScale("macd", "macd_12_26_9")).toBe("separate");
  });

  it("groups a feature's separate outputs into one subplot", () => {
    const groups = chartGroups([
      { name: "sma", outputs: ["sma_20"] },
      { name: "bbands", outputs: ["bb_upper_20_2_2", "bb_percent_b_20_2_2"] },
      { name: "macd", outputs: ["macd_12_26_9", "macd_signal_12_26_9"] },
    ]);
    expect(groups).toEqual({
      overlays: ["sma_20", "bb_upper_20_2_2"],
      subplots: [
        { title: "bbands", outputs: ["bb_percent_b_20_2_2"] },
        { title: "macd", outputs: ["macd_12_26_9", "macd_signal_12_26_9"] },
      ],
    });
  });

  it("draws the close and overlays on y and each subplot on its own axis, in non-overlapping bands", () => {
    const { data, layout } = featureChart(FRAME, [
      { name: "sma", outputs: ["sma_20"] },
      { name: "rsi", outputs: ["rsi_14"] },
      { name: "macd", outputs: ["macd_12_26_9", "macd_signal_12_26_9"] },
    ]);
    const traces = data as Array<{ name: string; yaxis: string; y: unknown[]; x: string[] }>;
    expect(traces.map((t) => [t.name, t.yaxis])).toEqual([
      ["close", "y"],
      ["sma_20", "y"],
      ["rsi_14", "y2"],
      ["macd_12_26_9", "y3"],
      ["macd_signal_12_26_9", "y3"],
    ]);
    expect(traces[2].y).toEqual([47.8, 41.1]);
    expect(traces[0].x).toEqual(["2024-01-02", "2024-01-03"]);
    const l = layout as Record<string, { domain: [number, number] }>;
    const bands = [l.yaxis.domain, l.yaxis2.domain, l.yaxis3.domain];
    for (const [low, high] of bands) expect(low).toBeLessThan(high);
    expect(bands[1][1]).toBeLessThan(bands[0][0]);
    expect(bands[2][1]).toBeLessThan(bands[1][0]);
    expect(bands[2][0]).toBeGreaterThanOrEqual(0);
  });
});
