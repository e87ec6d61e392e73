/**
 * Small seeded OHLCV series for the indicator unit tests (test support only; the TA-Lib comparison
 * in e2e/ uses longer, more realistic series). Prices sit on a 0.01 grid so ties occur.
 */
import type { IndicatorInput } from "./types.js";

/** `n` bars of a seeded random walk around 100 with positive volume. */
export function testBars(n: number, seed = 1): IndicatorInput {
  let state = seed >>> 0;
  const uniform = () => {
    // xorshift32: deterministic and good enough for test data.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
  const cents = (x: number) => Math.round(x * 100) / 100;
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  let price = 100;
  for (let i = 0; i < n; i++) {
    const o = cents(price * (1 + (uniform() - 0.5) * 0.004));
    const c = cents(price * (1 + (uniform() - 0.5) * 0.04));
    open[i] = o;
    close[i] = c;
    high[i] = cents(Math.max(o, c) * (1 + uniform() * 0.01));
    low[i] = cents(Math.min(o, c) * (1 - uniform() * 0.01));
    volume[i] = Math.round(1_000 + uniform() * 9_000);
    price = c;
  }
  return { open, high, low, close, volume };
}

/** Bars built from explicit columns; open defaults to close, volume to 1. */
export function barsOf(columns: Partial<Record<keyof IndicatorInput, number[]>> & { close: number[] }): IndicatorInput {
  const n = columns.close.length;
  const column = (values: number[] | undefined, fallback: number[]) => Float64Array.from(values ?? fallback);
  return {
    open: column(columns.open, columns.close),
    high: column(columns.high, columns.close),
    low: column(columns.low, columns.close),
    close: Float64Array.from(columns.close),
    volume: column(columns.volume, new Array<number>(n).fill(1)),
  };
}
