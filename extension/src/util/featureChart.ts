/**
 * The Feature Explorer's chart: the close with price-scale outputs (moving averages, bands…) laid
 * over it, and each other feature (RSI, MACD…) in a subplot of its own beneath. Pure.
 */
import type { Data, Layout } from "plotly.js-dist-min";
import type { FeatureFrame } from "../schemas/features.js";

/** Features whose outputs are prices, drawn over the close. */
const PRICE_FEATURES = new Set(["sma", "ema", "wma", "dema", "tema", "bbands", "keltner", "donchian", "vwap"]);

/** Outputs of price features that are not prices themselves (Bollinger %B and bandwidth). */
const NOT_PRICE_OUTPUT = /^bb_(percent_b|bandwidth)_/;

/** "price" when `output` of feature `feature` lives on the price scale, else "separate". */
export function outputScale(feature: string, output: string): "price" | "separate" {
  return PRICE_FEATURES.has(feature) && !NOT_PRICE_OUTPUT.test(output) ? "price" : "separate";
}

/** A feature as charted: its name and the output columns computed for it. */
export interface ChartedFeature {
  name: string;
  outputs: readonly string[];
}

/** Which outputs go over the price, and the subplots (one per feature, or per non-price part of one). */
export function chartGroups(features: readonly ChartedFeature[]): { overlays: string[]; subplots: { title: string; outputs: string[] }[] } {
  const overlays: string[] = [];
  const subplots: { title: string; outputs: string[] }[] = [];
  for (const feature of features) {
    const separate = feature.outputs.filter((o) => outputScale(feature.name, o) === "separate");
    overlays.push(...feature.outputs.filter((o) => outputScale(feature.name, o) === "price"));
    if (separate.length > 0) subplots.push({ title: feature.name, outputs: separate });
  }
  return { overlays, subplots };
}

/** Traces and layout: price + overlays on y, subplot k on y{k+2}; every trace is named by its output column. */
export function featureChart(frame: FeatureFrame, features: readonly ChartedFeature[]): { data: Data[]; layout: Partial<Layout> } {
  const x = frame.dates.map((d) => d.slice(0, 10));
  const { overlays, subplots } = chartGroups(features);
  const line = (name: string, y: (number | null)[], yaxis: string): Data => ({ type: "scatter", mode: "lines", name, x, y, yaxis, line: { width: 1.4 } }) as Data;
  const data: Data[] = [line("close", frame.close, "y")];
  for (const output of overlays) data.push(line(output, frame.columns[output] ?? [], "y"));
  subplots.forEach((subplot, k) => {
    for (const output of subplot.outputs) data.push(line(output, frame.columns[output] ?? [], `y${k + 2}`));
  });

  // Price takes the top half (all of it without subplots); the subplots share the rest equally.
  const gap = 0.04;
  const priceBottom = subplots.length === 0 ? 0 : 0.5;
  const share = subplots.length === 0 ? 0 : (priceBottom - gap * subplots.length) / subplots.length;
  const layout: Record<string, unknown> = {
    title: { text: `${frame.ticker} features` },
    margin: { l: 56, r: 16, t: 40, b: 32 },
    legend: { orientation: "h", y: -0.08 },
    xaxis: { type: "date", anchor: subplots.length > 0 ? `y${subplots.length + 1}` : "y" },
    yaxis: { domain: [priceBottom + (subplots.length ? gap : 0), 1], title: { text: "Price" } },
    height: 360 + 160 * subplots.length,
  };
  subplots.forEach((subplot, k) => {
    const top = priceBottom - k * (share + gap);
    layout[`yaxis${k + 2}`] = { domain: [Math.max(0, top - share), top], title: { text: subplot.title } };
  });
  return { data, layout: layout as Partial<Layout> };
}
