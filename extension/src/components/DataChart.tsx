import { type ReactElement, useMemo } from "react";
import type { Bars } from "../schemas/data.js";
import { candlestickLayout, candlestickTraces } from "../util/barsChart.js";
import { PlotlyChart } from "./PlotlyChart.js";

/** Props of DataChart. */
export interface DataChartProps {
  bars: Bars;
}

/** A candlestick of the bars with their volume in a subplot beneath. */
export function DataChart({ bars }: DataChartProps): ReactElement {
  const data = useMemo(() => candlestickTraces(bars), [bars]);
  const layout = useMemo(() => candlestickLayout(`${bars.ticker} (${bars.interval})`), [bars]);
  return <PlotlyChart className="oq-DataChart" data={data} layout={layout} />;
}
