import { describe, expect, it } from "vitest";
import { frameFromBars } from "../data/frame.js";
import { InvalidInput } from "../errors.js";
import { backtest } from "../models/backtest/run.js";
import { candlestickFigure } from "./candlestick.js";
import { drawdownSeries, equityCurveFigure } from "./equity.js";
import { featureOverlayFigure } from "./feature-overlay.js";
import { plotlyHtml, scriptJson } from "./plotly-html.js";
import { predictionSeries, predictionsVsActualFigure, realizedReturns } from "./predictions.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 2);
const ts = (n: number) => Float64Array.from({ length: n }, (_, i) => T0 + i * DAY);

// three bars written out: up, down, up (close vs open)
const frame = frameFromBars("ACME.SAMPLE", "1d", [
  { ts: T0, open: 10, high: 12, low: 9, close: 11, adjClose: 11, volume: 100 },
  { ts: T0 + DAY, open: 11, high: 11.5, low: 10, close: 10.2, adjClose: 10.2, volume: 250 },
  { ts: T0 + 2 * DAY, open: 10.2, high: 10.9, low: 10.1, close: 10.8, adjClose: 10.8, volume: 175 },
]);

describe("candlestickFigure", () => {
  it("has one candle per bar and volume bars beneath, coloured by each bar's direction", () => {
    const f = candlestickFigure(frame);
    expect(f.data.map((t) => t.type)).toEqual(["candlestick", "bar"]);
    const [candles, volume] = f.data;
    expect(candles.x).toEqual(["2024-01-02", "2024-01-03", "2024-01-04"]);
    expect(candles.open).toEqual([10, 11, 10.2]);
    expect(candles.high).toEqual([12, 11.5, 10.9]);
    expect(candles.low).toEqual([9, 10, 10.1]);
    expect(candles.close).toEqual([11, 10.2, 10.8]);
    expect(volume.y).toEqual([100, 250, 175]);
    expect((volume.marker as { color: string[] }).color).toEqual(["#26a69a", "#ef5350", "#26a69a"]);
    expect(volume.yaxis).toBe("y2");
    // volume panel beneath the price panel, not overlapping
    const price = (f.layout.yaxis as { domain: number[] }).domain;
    const vol = (f.layout.yaxis2 as { domain: number[] }).domain;
    expect(vol[1]).toBeLessThan(price[0]);
    expect((f.layout.title as { text: string }).text).toBe("ACME.SAMPLE (3 bars)");
  });

  it("writes NaN prices as null gaps (JSON has no NaN)", () => {
    const holed = { ...frame, close: Float64Array.of(11, Number.NaN, 10.8) };
    expect(candlestickFigure(holed).data[0].close).toEqual([11, null, 10.8]);
  });

  it("leaves the volume out on request", () => {
    const f = candlestickFigure(frame, { volume: false });
    expect(f.data).toHaveLength(1);
    expect(f.layout.yaxis2).toBeUndefined();
  });

  it("refuses a frame whose columns do not line up, and bad options", () => {
    expect(() => candlestickFigure({ ...frame, volume: Float64Array.of(1) })).toThrow(/column 'volume' has 1 values but there are 3 bar times/);
    expect(() => candlestickFigure({ ticker: "X" } as never)).toThrow(InvalidInput);
    expect(() => candlestickFigure(frame, { height: 10 })).toThrow(InvalidInput);
  });
});

describe("featureOverlayFigure", () => {
  const features = {
    ticker: "ACME.SAMPLE",
    interval: "1d" as const,
    ts: ts(3),
    close: Float64Array.of(1, 2, 3),
    columns: { sma_2: Float64Array.of(Number.NaN, 1.5, 2.5), rsi_14: Float64Array.of(Number.NaN, 60, 70), willr_14: Float64Array.of(-10, -20, -30) },
    featureSetHash: "h",
    dataVersion: 1,
  };

  it("draws the close and overlays on the price axis, each subplot on its own axis beneath", () => {
    const f = featureOverlayFigure(features, { overlay: ["sma_2"], subplots: ["rsi_14", "willr_14"] });
    expect(f.data.map((t) => [t.name, t.yaxis])).toEqual([
      ["close", "y"],
      ["sma_2", "y"],
      ["rsi_14", "y2"],
      ["willr_14", "y3"],
    ]);
    expect(f.data[1].y).toEqual([null, 1.5, 2.5]);
    const d = (k: string) => (f.layout[k] as { domain: number[] }).domain;
    expect(d("yaxis2")[1]).toBeLessThan(d("yaxis")[0]);
    expect(d("yaxis3")[1]).toBeLessThan(d("yaxis2")[0]);
  });

  it("puts the columns of an inner array in one shared panel", () => {
    const f = featureOverlayFigure(features, { subplots: [["rsi_14", "willr_14"]] });
    expect(f.data.slice(1).map((t) => t.yaxis)).toEqual(["y2", "y2"]);
  });

  it("names the frame's columns and a close match when a column is unknown", () => {
    expect(() => featureOverlayFigure(features, { overlay: ["sma_3"] })).toThrow(InvalidInput);
    expect(() => featureOverlayFigure(features, { overlay: ["sma_3"] })).toThrow(/'sma_3' is not in this frame \(did you mean 'sma_2'\?\); its columns are: sma_2, rsi_14, willr_14/);
  });
});

describe("predictions vs actual", () => {
  it("computes realized forward returns from the bars by hand", () => {
    const bars = frameFromBars(
      "X",
      "1d",
      [100, 110, 121, 133.1].map((c, i) => ({ ts: T0 + i * DAY, open: c, high: c, low: c, close: c, adjClose: c, volume: 1 })),
    );
    const r = realizedReturns(bars, ts(4), 1);
    expect(Array.from(r.subarray(0, 3), (v) => Number(v.toFixed(12)))).toEqual([0.1, 0.1, 0.1]);
    expect(r[3]).toBeNaN();
    // horizon 2 from the first bar: 121 / 100 - 1
    expect(realizedReturns(bars, ts(1), 2)[0]).toBeCloseTo(0.21, 12);
  });

  it("takes one ticker of a training run's pooled predictions, in time order", () => {
    const predictions = {
      ts: Float64Array.of(T0 + DAY, T0, T0 + DAY, T0),
      ticker: ["A", "A", "B", "B"],
      actual: Float64Array.of(0.2, 0.1, 0.4, 0.3),
      predicted: Float64Array.of(0.02, 0.01, 0.04, 0.03),
      fold: Int32Array.of(0, 0, 0, 0),
    };
    const s = predictionSeries({ predictions } as never, { ticker: "B" });
    expect(Array.from(s.ts)).toEqual([T0, T0 + DAY]);
    expect(Array.from(s.actual)).toEqual([0.3, 0.4]);
    expect(Array.from(s.predicted)).toEqual([0.03, 0.04]);
    expect(() => predictionSeries({ predictions } as never, { ticker: "C" })).toThrow(/No predictions for ticker 'C'; the run predicted A, B/);
    const f = predictionsVsActualFigure(predictions as never);
    expect(f.data.map((t) => t.name)).toEqual(["actual", "predicted", "actual vs predicted"]);
    expect(f.data[2].x).toEqual([0.01, 0.02]);
    expect(f.data[2].y).toEqual([0.1, 0.2]);
  });

  it("leaves the actuals of a model's predictions empty without bars, and refuses bars of another ticker", () => {
    const result = { ticker: "X", runId: "r", modelType: "linear", task: "regression" as const, horizon: 1, dates: [], ts: ts(2), predictions: Float64Array.of(0.1, 0.2) };
    expect(predictionSeries(result).actual.every((v) => Number.isNaN(v))).toBe(true);
    expect(() => predictionSeries(result, { bars: frame })).toThrow(/bars are of ACME.SAMPLE but the predictions of X/);
  });
});

describe("equityCurveFigure", () => {
  it("computes drawdown below the running peak by hand", () => {
    expect(Array.from(drawdownSeries(Float64Array.of(1, 1.2, 0.9, 1.5)))).toEqual([0, 0, 0.9 / 1.2 - 1, 0]);
  });

  it("draws strategy and buy-and-hold equity that end at their total returns", () => {
    const close = Float64Array.of(100, 102, 101, 105, 107, 104);
    const result = backtest({ ts: ts(6), prediction: Float64Array.of(1, -1, 1, 1, -1, 1), close }, { rule: "long_flat", costBps: 0, interval: "1d" });
    const f = equityCurveFigure(result);
    const strategy = f.data[0].y as number[];
    const hold = f.data[1].y as number[];
    expect(strategy.at(-1)).toBeCloseTo(1 + result.strategy.totalReturn, 12);
    // buy and hold from the first close to the last, computed by hand
    expect(hold.at(-1)).toBeCloseTo(104 / 100, 12);
    // long over bars 1, 3 and 4 (decided at the close before), flat otherwise: (102/100)(105/101)(107/105)
    expect(strategy.at(-1)).toBeCloseTo((102 / 100) * (105 / 101) * (107 / 105), 12);
    expect(f.data[2].yaxis).toBe("y2");
  });

  it("names the tickers a run has when asked for another", () => {
    const run = { backtests: [{ ticker: "A", result: {} }], spec: { model: { type: "linear" } } };
    expect(() => equityCurveFigure(run as never, { ticker: "B" })).toThrow(/no backtest of 'B'; it has A/);
    expect(() => equityCurveFigure({} as never)).toThrow(InvalidInput);
  });
});

describe("plotlyHtml", () => {
  const figure = { data: [{ type: "scatter", name: "</script><script>alert(1)</script>", y: [1] }], layout: { height: 300 }, config: {} };

  it("keeps figure text from closing the script element", () => {
    expect(scriptJson("</script>")).toBe('"\\u003c/script>"');
    const html = plotlyHtml(figure, "assume-loaded", "plot-1");
    expect(html).not.toContain("</script><script>alert(1)");
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).toContain('<div id="plot-1" class="openquant-plot" style="height:300px;width:100%">');
  });

  it("inlines plotly.js from the installed package only when asked", () => {
    const inline = plotlyHtml(figure, "inline");
    expect(inline.length).toBeGreaterThan(1_000_000);
    // the library's text is in the page itself: no script element loads anything from a URL
    expect(inline.match(/<script[^>]*>/g)).toEqual(['<script type="text/javascript">', '<script type="text/javascript">']);
    expect(inline).toContain("window.Plotly = Plotly;");
    expect(plotlyHtml(figure, "assume-loaded").length).toBeLessThan(5_000);
  });
});
