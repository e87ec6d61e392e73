import { describe, expect, it } from "vitest";
import type { Bars } from "../schemas/data.js";
import { barDays, candlestickLayout, candlestickTraces } from "./barsChart.js";

// Three ACME.SAMPLE bars as GET /data/ACME.SAMPLE?start=2024-01-02&end=2024-01-04 answered.
const BARS: Bars = {
  ticker: "ACME.SAMPLE",
  interval: "1d",
  ts: [1704153600000, 1704240000000, 1704326400000],
  open: [83.7, 80.8, 78.96],
  high: [84.08, 81.16, 79.38],
  low: [80.54, 78.76, 78.69],
  close: [81.67, 78.81, 79.2],
  adjClose: [78.77578, 76.017133, 76.393312],
  volume: [28290753, 33193573, 31716403],
};

describe("candlestick chart", () => {
  it("labels bars by their UTC day", () => {
    expect(barDays(BARS.ts)).toEqual(["2024-01-02", "2024-01-03", "2024-01-04"]);
  });

  it("plots OHLC as a candlestick on y and volume as bars on y2, on the same days", () => {
    const [candles, volume] = candlestickTraces(BARS) as Array<Record<string, unknown>>;
    expect(candles).toMatchObject({ type: "candlestick", yaxis: "y", x: ["2024-01-02", "2024-01-03", "2024-01-04"] });
    expect([candles.open, candles.high, candles.low, candles.close]).toEqual([BARS.open, BARS.high, BARS.low, BARS.close]);
    expect(volume).toMatchObject({ type: "bar", yaxis: "y2", y: BARS.volume, x: candles.x });
  });

  it("puts volume beneath the price without overlap and hides the range slider", () => {
    const layout = candlestickLayout("ACME") as Record<string, { domain?: number[]; rangeslider?: { visible: boolean } }>;
    const [volLow, volHigh] = layout.yaxis2.domain ?? [];
    const [priceLow, priceHigh] = layout.yaxis.domain ?? [];
    expect(volLow).toBe(0);
    expect(volHigh).toBeLessThan(priceLow);
    expect(priceHigh).toBe(1);
    expect(layout.xaxis.rangeslider?.visible).toBe(false);
  });
});
