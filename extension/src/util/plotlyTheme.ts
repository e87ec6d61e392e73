/**
 * Plotly layouts themed from JupyterLab's CSS variables, so charts follow the light and dark
 * themes. Pure apart from `readChartColors`, which reads the variables off an element.
 */
import type { Layout } from "plotly.js-dist-min";

/** The colours a chart takes from the JupyterLab theme. */
export interface ChartColors {
  /** Behind the whole chart (--jp-layout-color0). */
  paper: string;
  /** Behind the plotting area (--jp-layout-color1). */
  plot: string;
  /** Titles and tick labels (--jp-ui-font-color1). */
  font: string;
  /** Axis titles, legend (--jp-ui-font-color0). */
  fontStrong: string;
  /** Grid and axis lines (--jp-border-color1). */
  grid: string;
  /** --jp-ui-font-family. */
  fontFamily: string;
}

const FALLBACK: ChartColors = {
  paper: "#ffffff",
  plot: "#ffffff",
  font: "#424242",
  fontStrong: "#000000",
  grid: "#bdbdbd",
  fontFamily: "system-ui, sans-serif",
};

/** Reads the theme's colours as they apply to `element`; a variable left unset keeps a light default. */
export function readChartColors(element: Element): ChartColors {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    paper: read("--jp-layout-color0", FALLBACK.paper),
    plot: read("--jp-layout-color1", FALLBACK.plot),
    font: read("--jp-ui-font-color1", FALLBACK.font),
    fontStrong: read("--jp-ui-font-color0", FALLBACK.fontStrong),
    grid: read("--jp-border-color1", FALLBACK.grid),
    fontFamily: read("--jp-ui-font-family", FALLBACK.fontFamily),
  };
}

const AXIS_KEY = /^[xy]axis\d*$/;

type AxisStyle = Record<string, unknown>;

/**
 * `layout` with the theme's colours applied to the background, fonts, legend and every axis it
 * names (xaxis, yaxis2…). Colours the caller set explicitly win over the theme's.
 */
export function themeLayout(layout: Partial<Layout>, colors: ChartColors): Partial<Layout> {
  const themed: Record<string, unknown> = {
    paper_bgcolor: colors.paper,
    plot_bgcolor: colors.plot,
    ...layout,
    font: { family: colors.fontFamily, color: colors.font, ...layout.font },
    legend: { ...layout.legend, font: { color: colors.fontStrong, ...layout.legend?.font } },
  };
  const axisKeys = new Set(["xaxis", "yaxis", ...Object.keys(layout).filter((k) => AXIS_KEY.test(k))]);
  for (const key of axisKeys) {
    const axis = ((layout as Record<string, unknown>)[key] ?? {}) as AxisStyle;
    themed[key] = { gridcolor: colors.grid, linecolor: colors.grid, zerolinecolor: colors.grid, ...axis };
  }
  return themed as Partial<Layout>;
}
