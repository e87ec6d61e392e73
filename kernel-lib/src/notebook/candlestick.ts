/** Candlestick chart of a bar frame with its volume in a panel beneath. */
import { z } from "zod";
import type { BarFrame } from "../data/frame.js";
import { validate } from "../util/validate.js";
import { baseFigure, gaps, type PlotlyFigure, plotlyTimes, stackedDomains } from "./figure.js";
import { barFrameShape, checkAligned } from "./frame-checks.js";

/** Options of a candlestick chart. */
export interface CandlestickOptions {
  /** Chart title (default: the ticker). */
  title?: string;
  /** Height in pixels (default 520). */
  height?: number;
  /** Volume bars beneath the candles (default true). */
  volume?: boolean;
}

const optionsSchema = z.strictObject({
  title: z.string().max(500).optional(),
  height: z.number().int().min(150).max(4000).default(520),
  volume: z.boolean().default(true),
});

const UP = "#26a69a";
const DOWN = "#ef5350";

/** The Plotly figure of a candlestick chart: one candle per bar, volume beneath coloured by the bar's direction. */
export function candlestickFigure(frame: BarFrame, options: CandlestickOptions = {}): PlotlyFigure {
  validate(barFrameShape, frame, "candlestick frame");
  const o = validate(optionsSchema, options, "candlestick options");
  checkAligned("candlestick frame", frame.ts, { open: frame.open, high: frame.high, low: frame.low, close: frame.close, volume: frame.volume });
  const figure = baseFigure(o.title ?? `${frame.ticker} (${frame.ts.length} bars)`, o.height);
  const x = plotlyTimes(frame.ts);
  figure.data.push({
    type: "candlestick",
    name: frame.ticker,
    x,
    open: gaps(frame.open),
    high: gaps(frame.high),
    low: gaps(frame.low),
    close: gaps(frame.close),
    increasing: { line: { color: UP } },
    decreasing: { line: { color: DOWN } },
    xaxis: "x",
    yaxis: "y",
  });
  const [main, below] = stackedDomains(o.volume ? 1 : 0, 0.72);
  figure.layout.xaxis = { rangeslider: { visible: false }, type: "date" };
  figure.layout.yaxis = { domain: main, title: { text: "price" } };
  if (o.volume) {
    figure.data.push({
      type: "bar",
      name: "volume",
      x,
      y: gaps(frame.volume),
      marker: { color: Array.from(frame.close, (c, i) => (c >= frame.open[i] ? UP : DOWN)) },
      xaxis: "x",
      yaxis: "y2",
      showlegend: false,
    });
    figure.layout.yaxis2 = { domain: below, title: { text: "volume" } };
  }
  figure.layout.showlegend = false;
  return figure;
}
