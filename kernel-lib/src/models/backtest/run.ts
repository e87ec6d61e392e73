/**
 * Backtest of one ticker's predictions. The position decided at the close of bar t (from the
 * prediction of bar t, which saw bars ≤ t) is held over bar t + 1: it earns r[t+1] = close[t+1] /
 * close[t] − 1, never r[t]. Costs: costBps / 10⁴ × |Δposition| of the equity at the trade, charged
 * in the bar the new position is held. So, with pos[t] the position held over bar t (pos[0] = 0):
 *   pos[t] = decision[t − 1],   s[t] = pos[t] · r[t] − c · |pos[t] − pos[t − 1]|,   equity[t] = Π (1 + s).
 * Buy-and-hold buys at the close of bar 0 (one entry cost) and holds to the last bar; neither is
 * charged an exit at the end.
 */
import { validate } from "../../util/validate.js";
import { periodsPerYear as intervalPeriods } from "./annualization.js";
import { type PerformanceStats, performanceStats } from "./performance.js";
import { decidePositions } from "./positions.js";
import { backtestOptionsSchema, validateBacktestInput } from "./schema.js";
import type { BacktestInput, BacktestOptions, BacktestResult } from "./types.js";

/** Runs the rule over the predictions, bar by bar, and compares with buy-and-hold. */
export function backtest(input: BacktestInput, options: BacktestOptions): BacktestResult {
  const o = validate(backtestOptionsSchema, options, "backtest options");
  const barReturns = validateBacktestInput(input);
  const periods = o.periodsPerYear ?? intervalPeriods(o.interval!);
  const n = input.ts.length;
  const decision = decidePositions(input.prediction, o.rule, o.threshold);
  const position = new Float64Array(n);
  for (let t = 1; t < n; t++) position[t] = decision[t - 1];
  const buyAndHoldPosition = new Float64Array(n).fill(1, 1);

  const strategy = simulate(input.ts, barReturns, position, o.costBps, periods, o.riskFree);
  const buyAndHold = simulate(input.ts, barReturns, buyAndHoldPosition, o.costBps, periods, o.riskFree);
  let missingSignals = 0;
  for (let t = 0; t < n - 1; t++) if (Number.isNaN(input.prediction[t])) missingSignals++;
  return {
    ts: input.ts,
    barReturns,
    decision,
    position,
    strategyReturns: strategy.returns,
    equity: strategy.equity,
    buyAndHoldReturns: buyAndHold.returns,
    buyAndHoldEquity: buyAndHold.equity,
    strategy: strategy.stats,
    buyAndHold: buyAndHold.stats,
    periodsPerYear: periods,
    missingSignals,
  };
}

/** Net returns, equity and statistics of holding `position` over the bars. */
function simulate(
  ts: Float64Array,
  barReturns: Float64Array,
  position: Float64Array,
  costBps: number,
  periodsPerYear: number,
  riskFree: number,
): { returns: Float64Array; equity: Float64Array; stats: PerformanceStats } {
  const n = ts.length;
  const c = costBps / 10_000;
  const returns = new Float64Array(n);
  const equity = new Float64Array(n);
  const cost = new Float64Array(n);
  equity[0] = 1;
  for (let t = 1; t < n; t++) {
    cost[t] = c * Math.abs(position[t] - position[t - 1]);
    returns[t] = position[t] * barReturns[t] - cost[t];
    equity[t] = equity[t - 1] * (1 + returns[t]);
  }
  return { returns, equity, stats: performanceStats({ ts, returns, position, equity, cost, periodsPerYear, riskFree }) };
}
