import type { ReactElement } from "react";
import type { TickerBacktest } from "../schemas/models.js";
import { PlotlyChart } from "./PlotlyChart.js";

/** Props of EquityChart. */
export interface EquityChartProps {
  backtest: TickerBacktest;
}

/** The strategy's equity curve against buy-and-hold over the test period (both start at 1). */
export function EquityChart({ backtest }: EquityChartProps): ReactElement {
  const dates = backtest.equity.map((row) => row[0]);
  return (
    <PlotlyChart
      className="oq-EquityChart"
      data={[
        { type: "scatter", mode: "lines", name: "strategy", x: dates, y: backtest.equity.map((row) => row[1]) },
        { type: "scatter", mode: "lines", name: "buy and hold", x: dates, y: backtest.equity.map((row) => row[2]), line: { dash: "dot" } },
      ]}
      layout={{
        title: { text: `Equity: ${backtest.ticker}` },
        yaxis: { title: { text: "equity (start = 1)" } },
        margin: { t: 40, r: 16, b: 40, l: 56 },
        legend: { orientation: "h" },
      }}
    />
  );
}
