/** Features drawn over the close (moving averages, bands) and in panels beneath it (oscillators). */
import { z } from "zod";
import { InvalidInput } from "../errors.js";
import type { FeatureFrame } from "../features/frame.js";
import { closeMatches } from "../util/suggest.js";
import { validate } from "../util/validate.js";
import { baseFigure, gaps, type PlotlyFigure, plotlyTimes, stackedDomains } from "./figure.js";
import { checkAligned } from "./frame-checks.js";

/** Which feature columns go where. */
export interface FeatureOverlayOptions {
  /** Columns drawn on the price axis with the close, e.g. ["sma_10", "bb_upper_20_2"]. */
  overlay?: string[];
  /** Columns drawn each in its own panel beneath, e.g. ["rsi_14"]; an inner array shares one panel. */
  subplots?: Array<string | string[]>;
  /** Chart title (default: ticker and columns). */
  title?: string;
  /** Height in pixels (default: 420 plus 160 per panel). */
  height?: number;
}

const optionsSchema = z.strictObject({
  overlay: z.array(z.string().min(1)).default([]),
  subplots: z.array(z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])).default([]),
  title: z.string().max(500).optional(),
  height: z.number().int().min(150).max(6000).optional(),
});

const frameShape = z.object(
  { ticker: z.string(), ts: z.instanceof(Float64Array), close: z.instanceof(Float64Array), columns: z.record(z.string(), z.instanceof(Float64Array)) },
  { error: "must be a FeatureFrame (from oq.features(ticker, set))" },
);

function columnOf(frame: FeatureFrame, name: string): Float64Array {
  const values = frame.columns[name];
  if (values) return values;
  const known = Object.keys(frame.columns);
  const near = closeMatches(name, known);
  throw new InvalidInput(
    `Feature column '${name}' is not in this frame${near.length ? ` (did you mean ${near.map((n) => `'${n}'`).join(", ")}?)` : ""}; its columns are: ${known.join(", ")}.`,
    [{ path: name, message: "unknown column" }],
  );
}

/** The Plotly figure of a feature frame: close and `overlay` columns on top, one panel per `subplots` entry beneath. */
export function featureOverlayFigure(frame: FeatureFrame, options: FeatureOverlayOptions = {}): PlotlyFigure {
  validate(frameShape, frame, "feature frame");
  const o = validate(optionsSchema, options, "feature overlay options");
  checkAligned("feature frame", frame.ts, { close: frame.close, ...frame.columns });
  const panels = o.subplots.map((p) => (Array.isArray(p) ? p : [p]));
  const shown = [...o.overlay, ...panels.flat()];
  const figure = baseFigure(o.title ?? `${frame.ticker}: ${shown.join(", ") || "close"}`, o.height ?? 420 + 160 * panels.length);
  const x = plotlyTimes(frame.ts);
  const domains = stackedDomains(panels.length, panels.length ? 0.55 : 1);
  figure.layout.xaxis = { type: "date" };
  figure.layout.yaxis = { domain: domains[0], title: { text: "price" } };
  figure.data.push({ type: "scatter", mode: "lines", name: "close", x, y: gaps(frame.close), line: { color: "#222", width: 1.5 }, xaxis: "x", yaxis: "y" });
  for (const name of o.overlay) {
    figure.data.push({ type: "scatter", mode: "lines", name, x, y: gaps(columnOf(frame, name)), xaxis: "x", yaxis: "y" });
  }
  panels.forEach((names, k) => {
    const axis = `y${k + 2}`;
    figure.layout[`yaxis${k + 2}`] = { domain: domains[k + 1], title: { text: names.join(", ") } };
    for (const name of names) figure.data.push({ type: "scatter", mode: "lines", name, x, y: gaps(columnOf(frame, name)), xaxis: "x", yaxis: axis });
  });
  return figure;
}
