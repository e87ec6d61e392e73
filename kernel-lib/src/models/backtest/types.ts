/** Inputs and outputs of the backtest of one ticker's predictions. */
import type { Interval } from "../../data/frame.js";
import type { PerformanceStats } from "./performance.js";
import type { TradingRule } from "./positions.js";

/** One ticker's bars and the prediction made at the close of each (NaN: no prediction, no position). */
export interface BacktestInput {
  /** Bar times, epoch ms UTC, strictly increasing. */
  ts: Float64Array;
  /** Signal per bar: predicted return (threshold 0) or P(up) (threshold 0.5). */
  prediction: Float64Array;
  /** Close per bar — or give `returns` instead. */
  close?: Float64Array;
  /** Return of each bar, returns[t] = close[t] / close[t − 1] − 1 (returns[0] is ignored). */
  returns?: Float64Array;
}

/** How to trade and how to annualize. */
export interface BacktestOptions {
  rule: TradingRule;
  /** Signal level the rule compares with (default 0; use 0.5 for classification probabilities). */
  threshold?: number;
  /** Cost per unit of |Δposition|, in basis points of the equity traded (default 0). */
  costBps?: number;
  /** Bar interval, to annualize (1d → 252 bars a year, 1h → 252 × 6.5, 1wk → 52, 1mo → 12, …). */
  interval?: Interval;
  /** Bars per year, overriding the interval's. */
  periodsPerYear?: number;
  /** Annual risk-free rate for Sharpe and Sortino (default 0). */
  riskFree?: number;
}

/** Per-bar series (index 0 is the start: no return, position 0, equity 1) and statistics. */
export interface BacktestResult {
  ts: Float64Array;
  /** Return of each bar (NaN at 0). */
  barReturns: Float64Array;
  /** Position decided at the close of each bar. */
  decision: Float64Array;
  /** Position held over each bar: decision of the bar before. */
  position: Float64Array;
  /** Net strategy return of each bar, after costs. */
  strategyReturns: Float64Array;
  equity: Float64Array;
  buyAndHoldReturns: Float64Array;
  buyAndHoldEquity: Float64Array;
  strategy: PerformanceStats;
  buyAndHold: PerformanceStats;
  periodsPerYear: number;
  /** Bars (except the last, whose decision is never held) without a prediction, held flat. */
  missingSignals: number;
}
