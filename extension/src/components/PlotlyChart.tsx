import Plotly, { type Config, type Data, type Layout } from "plotly.js-dist-min";
import { type ReactElement, useEffect, useRef, useState } from "react";
import { readChartColors, themeLayout } from "../util/plotlyTheme.js";

/** Props of PlotlyChart. */
export interface PlotlyChartProps {
  /** Plotly traces. */
  data: Data[];
  /** Plotly layout; colours come from the JupyterLab theme unless set here. */
  layout?: Partial<Layout>;
  /** Extra class on the root element (which always has `oq-PlotlyChart`). */
  className?: string;
  /** Plotly config; the mode bar's logo is hidden and charts resize with their panel. */
  config?: Partial<Config>;
}

const BASE_CONFIG: Partial<Config> = { displaylogo: false, responsive: false };

/** A counter that goes up whenever JupyterLab switches theme (it marks the body when it has). */
function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const observer = new MutationObserver(() => setVersion((v) => v + 1));
    observer.observe(document.body, { attributes: true, attributeFilter: ["data-jp-theme-name", "data-jp-theme-light"] });
    return () => observer.disconnect();
  }, []);
  return version;
}

/**
 * A Plotly chart themed from JupyterLab's CSS variables: it re-themes when the theme changes and
 * resizes with its panel. The graph div (`.oq-PlotlyChart-graph`) keeps Plotly's `data`.
 */
export function PlotlyChart({ data, layout = {}, className, config }: PlotlyChartProps): ReactElement {
  const graph = useRef<HTMLDivElement>(null);
  const themeVersion = useThemeVersion();

  // biome-ignore lint/correctness/useExhaustiveDependencies: themeVersion makes a theme switch re-read the CSS variables
  useEffect(() => {
    const element = graph.current;
    if (!element) return;
    const themed = themeLayout({ autosize: true, ...layout }, readChartColors(element));
    void Plotly.react(element, data, themed, { ...BASE_CONFIG, ...config });
  }, [data, layout, config, themeVersion]);

  useEffect(() => {
    const element = graph.current;
    if (!element) return;
    let frame = 0;
    // A hidden panel has no size; resize once it is shown or its dock area changes.
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (element.offsetWidth > 0 && element.offsetHeight > 0 && "data" in element) void Plotly.Plots.resize(element);
      });
    });
    observer.observe(element);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      Plotly.purge(element);
    };
  }, []);

  return (
    <div className={className ? `oq-PlotlyChart ${className}` : "oq-PlotlyChart"}>
      <div className="oq-PlotlyChart-graph" ref={graph} />
    </div>
  );
}
