/**
 * Plotly figures as plain JSON (`{ data, layout, config }`), the shape of the
 * `application/vnd.plotly.v1+json` MIME type. Builders produce them; display sends them.
 */
import { formatTime } from "./html.js";

/** One Plotly trace: `type` plus the attributes of that trace type. */
export interface PlotlyTrace {
  /** Plotly trace type: "candlestick", "scatter", "bar", … */
  type: string;
  /** Legend name. */
  name?: string;
  /** Any other Plotly attribute (x, y, open, marker, xaxis, yaxis, …). */
  [attribute: string]: unknown;
}

/** A Plotly figure: traces, layout and config, JSON-serializable. */
export interface PlotlyFigure {
  /** The traces, drawn in order. */
  data: PlotlyTrace[];
  /** Axes, title, sizes, legend. */
  layout: Record<string, unknown>;
  /** Plot config (responsiveness, mode bar). */
  config: Record<string, unknown>;
}

/** A Float64Array as JSON numbers, NaN and ±Infinity as null (a gap in Plotly). */
export function gaps(values: ArrayLike<number>): Array<number | null> {
  return Array.from(values, (v) => (Number.isFinite(v) ? v : null));
}

/** Bar times as Plotly date strings ("2024-01-02" for daily bars). */
export function plotlyTimes(ts: ArrayLike<number>): string[] {
  return Array.from(ts, (t) => formatTime(t).replace(/Z$/, ""));
}

/**
 * Vertical domains of a main panel and `n` panels beneath it: the main panel gets `mainShare`
 * of the height, the others share the rest, with a small gap between panels.
 */
export function stackedDomains(n: number, mainShare = 0.6, gap = 0.04): Array<[number, number]> {
  if (n === 0) return [[0, 1]];
  const below = (1 - mainShare) / n;
  const out: Array<[number, number]> = [[1 - mainShare + gap / 2, 1]];
  for (let k = 0; k < n; k++) {
    const top = 1 - mainShare - k * below;
    out.push([Math.max(0, top - below + gap / 2), top - gap / 2]);
  }
  return out;
}

/** The layout and config every figure starts from. */
export function baseFigure(title: string, height: number): PlotlyFigure {
  return {
    data: [],
    layout: {
      title: { text: title },
      height,
      margin: { l: 60, r: 30, t: 50, b: 40 },
      hovermode: "x unified",
      legend: { orientation: "h", y: -0.12 },
    },
    config: { responsive: true, displaylogo: false },
  };
}
