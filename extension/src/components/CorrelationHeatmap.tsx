import type { Data, Layout } from "plotly.js-dist-min";
import { type ReactElement, useMemo } from "react";
import type { FeatureResult } from "../models/FeatureExplorerModel.js";
import { correlationMatrix } from "../util/correlation.js";
import { PlotlyChart } from "./PlotlyChart.js";

/** Props of CorrelationHeatmap. */
export interface CorrelationHeatmapProps {
  result: FeatureResult;
}

/** Pearson correlations between every computed output, over the rows where all are defined. */
export function CorrelationHeatmap({ result }: CorrelationHeatmapProps): ReactElement {
  const names = useMemo(() => result.features.flatMap((f) => f.outputs), [result]);
  const { data, layout, rows } = useMemo(() => {
    const corr = correlationMatrix(result.frame.columns, names);
    const text = corr.matrix.map((row) => row.map((v) => (v === null ? "—" : v.toFixed(2))));
    const heatmap = {
      type: "heatmap",
      x: corr.names,
      y: corr.names,
      z: corr.matrix,
      zmin: -1,
      zmax: 1,
      colorscale: "RdBu",
      text,
      texttemplate: names.length <= 12 ? "%{text}" : undefined,
      hovertemplate: "%{y} × %{x}: %{z:.3f}<extra></extra>",
    } as unknown as Data;
    const size = Math.min(640, 160 + 36 * names.length);
    const layout: Partial<Layout> = {
      title: { text: `Correlation (Pearson, ${corr.rows} rows)` },
      margin: { l: 140, r: 16, t: 40, b: 120 },
      yaxis: { autorange: "reversed" },
      height: size,
    };
    return { data: [heatmap], layout, rows: corr.rows };
  }, [result, names]);
  return (
    <div className="oq-CorrelationHeatmap" data-rows={rows} style={{ height: `${layout.height}px` }}>
      <PlotlyChart className="oq-CorrelationHeatmap-plot" data={data} layout={layout} />
    </div>
  );
}
