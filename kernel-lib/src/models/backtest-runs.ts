/** Backtests of a run's out-of-sample predictions, one per ticker, with their CSV and SVG artifacts. */
import type { FeatureFrame } from "../features/frame.js";
import { backtest } from "./backtest/run.js";
import type { BacktestResult } from "./backtest/types.js";
import { equitySvg } from "./equity-svg.js";
import type { ResolvedTrainSpec } from "./spec.js";

/** One ticker's backtest over its test bars. */
export interface TickerBacktest {
  ticker: string;
  /** Strategy statistics (snake_case) and buy-and-hold's, prefixed `bh_`. */
  summary: Record<string, number>;
  result: BacktestResult;
  csv: string;
  svg: string;
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function summarize(result: BacktestResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(result.strategy)) if (typeof v === "number") out[snake(k)] = v;
  for (const k of ["totalReturn", "cagr", "sharpe", "maxDrawdown"] as const) out[`bh_${snake(k)}`] = result.buyAndHold[k];
  return out;
}

/** Runs the spec's trading rule over each ticker's test-period bars, trading on the bar after each signal. */
export function runBacktests(
  spec: ResolvedTrainSpec,
  frames: FeatureFrame[],
  predictions: { ts: Float64Array; ticker: string[]; predicted: Float64Array },
): TickerBacktest[] {
  const threshold = spec.backtest.threshold ?? (spec.task === "classification" ? 0.5 : 0);
  const out: TickerBacktest[] = [];
  for (const frame of frames) {
    const byTime = new Map<number, number>();
    predictions.ticker.forEach((t, k) => {
      if (t === frame.ticker) byTime.set(predictions.ts[k], predictions.predicted[k]);
    });
    if (byTime.size < 2) continue;
    const times = [...byTime.keys()];
    const first = frame.ts.indexOf(Math.min(...times));
    const last = frame.ts.indexOf(Math.max(...times));
    const ts = frame.ts.slice(first, last + 1);
    const prediction = Float64Array.from(ts, (t) => byTime.get(t) ?? Number.NaN);
    const result = backtest(
      { ts, prediction, close: frame.close.slice(first, last + 1) },
      { rule: spec.backtest.rule, threshold, costBps: spec.backtest.costBps, interval: spec.interval },
    );
    const rows = Array.from(ts, (t, i) =>
      [new Date(t).toISOString().slice(0, 10), prediction[i], result.position[i], result.strategyReturns[i], result.equity[i], result.buyAndHoldEquity[i]].join(","),
    );
    out.push({
      ticker: frame.ticker,
      summary: summarize(result),
      result,
      csv: `date,prediction,position,strategy_return,equity,buy_and_hold_equity\n${rows.join("\n")}\n`,
      svg: equitySvg(`${frame.ticker}: ${spec.model.type} (${spec.backtest.rule}, ${spec.backtest.costBps} bps) vs buy-and-hold`, ts, [
        { label: "strategy", color: "#1f77b4", values: result.equity },
        { label: "buy and hold", color: "#ff7f0e", values: result.buyAndHoldEquity },
      ]),
    });
  }
  return out;
}
