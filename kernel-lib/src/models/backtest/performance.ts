/**
 * Performance statistics of a per-bar return series. Bar 0 is the start (no return); the N = n − 1
 * returns of bars 1…n−1 are the sample, and years = N / periodsPerYear. Definitions:
 * - total return: equity[n−1] − 1; CAGR: equity[n−1]^(1/years) − 1 (−1 if equity reached ≤ 0);
 * - annualized volatility: sample std (N − 1) of the returns × √periodsPerYear;
 * - Sharpe: mean(r − rf) / std(r − rf) × √periodsPerYear, rf per bar = (1 + annual rf)^(1/periodsPerYear) − 1;
 * - Sortino: mean(r − rf) / downside deviation × √periodsPerYear, downside deviation =
 *   √(Σ min(0, r − rf)² / N) over ALL N bars (target = rf; Sortino & Price);
 * - Calmar: CAGR / max drawdown;
 * - hit rate: of the bars in the market (position ≠ 0), the fraction with a net return > 0;
 * - turnover: Σ |Δposition| per year (entering or leaving a full position counts 1, a flip long→short 2);
 * - exposure: fraction of the N bars with a position ≠ 0.
 * Ratios with a zero denominator are NaN.
 */
import { type Drawdown, maxDrawdown } from "./drawdown.js";

/** Statistics of one strategy (or of buy-and-hold) over the backtest's bars. */
export interface PerformanceStats {
  /** Return periods (bars after the first). */
  bars: number;
  years: number;
  totalReturn: number;
  cagr: number;
  annualVolatility: number;
  sharpe: number;
  sortino: number;
  maxDrawdown: number;
  /** Peak to recovery (or to the last bar) of the max drawdown, in bars and calendar days. */
  maxDrawdownBars: number;
  maxDrawdownDays: number;
  /** Whether equity got back to the max drawdown's peak. */
  maxDrawdownRecovered: boolean;
  calmar: number;
  hitRate: number;
  /** Σ |Δposition| per year. */
  turnover: number;
  /** Bars on which the position changed. */
  trades: number;
  exposure: number;
  /** Σ of the costs charged, as fractions of equity at each trade. */
  costs: number;
}

/** What the statistics are computed from: all arrays one value per bar, index 0 the start. */
export interface PerformanceInput {
  ts: Float64Array;
  /** Net return of each bar (returns[0] is ignored). */
  returns: Float64Array;
  /** Position held over each bar (position[0] is the starting position, 0). */
  position: Float64Array;
  equity: Float64Array;
  /** Cost charged in each bar. */
  cost: Float64Array;
  periodsPerYear: number;
  /** Annual risk-free rate, e.g. 0.02. */
  riskFree: number;
}

/** Computes the statistics defined above. */
export function performanceStats(input: PerformanceInput): PerformanceStats {
  const { ts, returns, position, equity, cost, periodsPerYear, riskFree } = input;
  const n = returns.length;
  const N = n - 1;
  const years = N / periodsPerYear;
  const rfBar = (1 + riskFree) ** (1 / periodsPerYear) - 1;
  const root = Math.sqrt(periodsPerYear);

  let sum = 0;
  let excessSum = 0;
  let inMarket = 0;
  let hits = 0;
  let turnover = 0;
  let trades = 0;
  let costs = 0;
  for (let t = 1; t < n; t++) {
    sum += returns[t];
    excessSum += returns[t] - rfBar;
    if (position[t] !== 0) {
      inMarket++;
      if (returns[t] > 0) hits++;
    }
    const change = Math.abs(position[t] - position[t - 1]);
    turnover += change;
    if (change > 0) trades++;
    costs += cost[t];
  }
  const mean = sum / N;
  const excessMean = excessSum / N;
  let squares = 0;
  let downside = 0;
  for (let t = 1; t < n; t++) {
    squares += (returns[t] - mean) ** 2;
    downside += Math.min(0, returns[t] - rfBar) ** 2;
  }
  // std(r − rf) = std(r): subtracting a constant rate does not change the spread
  const std = Math.sqrt(squares / (N - 1));
  const downsideDeviation = Math.sqrt(downside / N);

  const final = equity[n - 1];
  const cagr = final > 0 ? final ** (1 / years) - 1 : -1;
  const dd: Drawdown = maxDrawdown(equity, ts);
  return {
    bars: N,
    years,
    totalReturn: final - 1,
    cagr,
    annualVolatility: std * root,
    sharpe: ratio(excessMean, std) * root,
    sortino: ratio(excessMean, downsideDeviation) * root,
    maxDrawdown: dd.maxDrawdown,
    maxDrawdownBars: dd.durationBars,
    maxDrawdownDays: dd.durationDays,
    maxDrawdownRecovered: dd.recovered,
    calmar: ratio(cagr, dd.maxDrawdown),
    hitRate: ratio(hits, inMarket),
    turnover: turnover / years,
    trades,
    exposure: inMarket / N,
    costs,
  };
}

function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : Number.NaN;
}
