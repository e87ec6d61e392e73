import type { ReactElement } from "react";
import type { PredictionSeries } from "../models/ModelPredictionSeries.js";
import { PlotlyChart } from "./PlotlyChart.js";

/** Props of PredictionsChart. */
export interface PredictionsChartProps {
  series: PredictionSeries;
  title?: string;
}

/** The model's predictions and the realised forward returns over the same dates. */
export function PredictionsChart({ series, title }: PredictionsChartProps): ReactElement {
  const what = series.task === "classification" ? "P(up)" : `${series.horizon}-bar forward return`;
  return (
    <PlotlyChart
      className="oq-PredictionsChart"
      data={[
        { type: "scatter", mode: "lines", name: "actual", x: series.dates, y: series.actual, line: { width: 1 } },
        { type: "scatter", mode: "lines", name: "predicted", x: series.dates, y: series.predicted },
      ]}
      layout={{
        title: { text: title ?? `Predicted vs actual: ${series.ticker}` },
        yaxis: { title: { text: what }, tickformat: series.task === "classification" ? ".2f" : ".1%" },
        margin: { t: 40, r: 16, b: 40, l: 64 },
        legend: { orientation: "h" },
      }}
    />
  );
}
