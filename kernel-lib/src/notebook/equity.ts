/** Equity curve of a backtest against buy-and-hold, with the strategy's drawdown beneath. */
import { z } from "zod";
import { InvalidInput } from "../errors.js";
import type { TickerBacktest } from "../models/backtest-runs.js";
import type { BacktestResult } from "../models/backtest/types.js";
import type { TrainResult } from "../models/trainer.js";
import { validate } from "../util/validate.js";
import { baseFigure, gaps, type PlotlyFigure, plotlyTimes, stackedDomains } from "./figure.js";
import { checkAligned } from "./frame-checks.js";

/** A backtest to draw: the result itself, one ticker's backtest of a run, or a run (see `ticker`). */
export type EquityInput = BacktestResult | TickerBacktest | TrainResult;

/** Options of an equity chart. */
export interface EquityCurveOptions {
  /** Which ticker of a training run (default: the first backtested). */
  ticker?: string;
  /** Chart title. */
  title?: string;
  /** Height in pixels (default 480). */
  height?: number;
  /** Drawdown panel beneath (default true). */
  drawdown?: boolean;
}

const optionsSchema = z.strictObject({
  ticker: z.string().min(1).optional(),
  title: z.string().max(500).optional(),
  height: z.number().int().min(150).max(4000).default(480),
  drawdown: z.boolean().default(true),
});

/** The backtest result and its label inside any EquityInput. */
export function backtestOf(input: EquityInput, ticker?: string): { label: string; result: BacktestResult } {
  if ("backtests" in input) {
    const chosen = ticker ? input.backtests.find((b) => b.ticker === ticker) : input.backtests[0];
    if (!chosen) {
      const have = input.backtests.map((b) => b.ticker);
      throw new InvalidInput(
        have.length ? `The run has no backtest of '${ticker}'; it has ${have.join(", ")}.` : "The run has no backtest (fewer than 2 out-of-sample predictions per ticker).",
        [{ path: "ticker", message: "no backtest" }],
      );
    }
    return { label: `${chosen.ticker} (${input.spec.model.type})`, result: chosen.result };
  }
  if ("result" in input) return { label: input.ticker, result: input.result };
  if (input.equity instanceof Float64Array && input.buyAndHoldEquity instanceof Float64Array) return { label: "strategy", result: input };
  throw new InvalidInput("equityCurve takes a backtest result, one of a run's `backtests`, or the run (oq.train(...)).", [{ path: "input", message: "not a backtest" }]);
}

/** Drawdown below the running peak at each bar, as a negative fraction (0 at a new high). */
export function drawdownSeries(equity: Float64Array): Float64Array {
  let peak = Number.NEGATIVE_INFINITY;
  return equity.map((e) => {
    if (!Number.isFinite(e)) return Number.NaN;
    peak = Math.max(peak, e);
    return e / peak - 1;
  });
}

const percent = (v: number) => `${(100 * v).toFixed(1)}%`;

/** The Plotly figure of a backtest: strategy and buy-and-hold equity (1 = start), drawdown beneath. */
export function equityCurveFigure(input: EquityInput, options: EquityCurveOptions = {}): PlotlyFigure {
  const o = validate(optionsSchema, options, "equity chart options");
  const { label, result } = backtestOf(input, o.ticker);
  checkAligned("backtest", result.ts, { equity: result.equity, buyAndHoldEquity: result.buyAndHoldEquity });
  const title =
    o.title ?? `${label}: strategy ${percent(result.strategy.totalReturn)} vs buy-and-hold ${percent(result.buyAndHold.totalReturn)}, Sharpe ${result.strategy.sharpe.toFixed(2)}`;
  const figure = baseFigure(title, o.height);
  const x = plotlyTimes(result.ts);
  const [main, below] = stackedDomains(o.drawdown ? 1 : 0, 0.7);
  figure.layout.xaxis = { type: "date" };
  figure.layout.yaxis = { domain: main, title: { text: "equity (1 = start)" } };
  figure.data.push(
    { type: "scatter", mode: "lines", name: "strategy", x, y: gaps(result.equity), line: { color: "#1f77b4", width: 2 }, xaxis: "x", yaxis: "y" },
    { type: "scatter", mode: "lines", name: "buy and hold", x, y: gaps(result.buyAndHoldEquity), line: { color: "#ff7f0e", width: 1.5 }, xaxis: "x", yaxis: "y" },
  );
  if (o.drawdown) {
    figure.layout.yaxis2 = { domain: below, title: { text: "drawdown" }, tickformat: ".0%" };
    figure.data.push({
      type: "scatter",
      mode: "lines",
      name: "drawdown",
      x,
      y: gaps(drawdownSeries(result.equity)),
      fill: "tozeroy",
      line: { color: "#d62728", width: 1 },
      xaxis: "x",
      yaxis: "y2",
    });
  }
  return figure;
}
