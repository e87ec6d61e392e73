import { type ReactElement, useMemo } from "react";
import type { FeatureResult } from "../models/FeatureExplorerModel.js";
import { featureChart } from "../util/featureChart.js";
import { PlotlyChart } from "./PlotlyChart.js";

/** Props of FeatureChart. */
export interface FeatureChartProps {
  result: FeatureResult;
}

/** The close with price-scale features over it and the other features in subplots beneath. */
export function FeatureChart({ result }: FeatureChartProps): ReactElement {
  const { data, layout } = useMemo(() => featureChart(result.frame, result.features), [result]);
  return (
    <div className="oq-FeatureChart" style={{ height: `${layout.height ?? 420}px` }}>
      <PlotlyChart className="oq-FeatureChart-plot" data={data} layout={layout} />
    </div>
  );
}
