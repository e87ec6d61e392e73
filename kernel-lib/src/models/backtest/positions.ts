/**
 * Trading rules: the position a prediction asks for at the close of its bar. The backtest holds
 * it over the NEXT bar (see run.ts); this file only maps signals to positions.
 */

/** long_flat: 1 when signal > threshold, else 0. long_short: +1 above, −1 below, 0 at exactly the threshold. */
export type TradingRule = "long_flat" | "long_short";

/** Position for one signal; a NaN signal (no prediction) means no position. */
export function positionFor(signal: number, rule: TradingRule, threshold: number): number {
  if (Number.isNaN(signal)) return 0;
  if (signal > threshold) return 1;
  if (rule === "long_flat") return 0;
  return signal < threshold ? -1 : 0;
}

/** Positions decided at the close of each bar from its prediction. */
export function decidePositions(prediction: Float64Array, rule: TradingRule, threshold: number): Float64Array {
  return Float64Array.from(prediction, (signal) => positionFor(signal, rule, threshold));
}
