/** Plotly traces and layout of a candlestick with its volume in a subplot beneath. Pure. */
import type { Data, Layout } from "plotly.js-dist-min";
import type { Bars } from "../schemas/data.js";

/** YYYY-MM-DD of each epoch-ms bar time (daily bars are stamped at midnight UTC). */
export function barDays(ts: readonly number[]): string[] {
  return ts.map((t) => new Date(t).toISOString().slice(0, 10));
}

/** The candlestick (trace 0, on y) and the volume bars (trace 1, on y2). */
export function candlestickTraces(bars: Bars): Data[] {
  const x = barDays(bars.ts);
  return [
    {
      type: "candlestick",
      name: bars.ticker,
      x,
      open: bars.open,
      high: bars.high,
      low: bars.low,
      close: bars.close,
      xaxis: "x",
      yaxis: "y",
    },
    {
      type: "bar",
      name: "Volume",
      x,
      y: bars.volume,
      xaxis: "x",
      yaxis: "y2",
      marker: { color: "rgba(120, 144, 156, 0.6)" },
    },
  ] as Data[];
}

/** Price on top (78% of the height), volume beneath, sharing the date axis. */
export function candlestickLayout(title: string): Partial<Layout> {
  return {
    title: { text: title },
    margin: { l: 56, r: 16, t: 40, b: 32 },
    showlegend: false,
    xaxis: { type: "date", rangeslider: { visible: false } },
    yaxis: { domain: [0.28, 1], title: { text: "Price" } },
    yaxis2: { domain: [0, 0.22], title: { text: "Volume" } },
  };
}
