/** Backtest of one ticker's predictions: next-bar execution, costs, statistics, buy-and-hold. */
export { PERIODS_PER_YEAR, periodsPerYear } from "./annualization.js";
export { type Drawdown, maxDrawdown } from "./drawdown.js";
export { type PerformanceInput, type PerformanceStats, performanceStats } from "./performance.js";
export { decidePositions, positionFor, type TradingRule } from "./positions.js";
export { backtest } from "./run.js";
export { backtestOptionsSchema } from "./schema.js";
export type { BacktestInput, BacktestOptions, BacktestResult } from "./types.js";
