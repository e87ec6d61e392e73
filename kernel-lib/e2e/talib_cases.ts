/**
 * What each OpenQuant indicator is compared with: the TA-Lib function(s) that compute the same
 * thing, several parameter choices per indicator. Indicators TA-Lib lacks as one function
 * (Donchian, Keltner, %B, z-score, volatility, VWAP, …) are assembled here from TA-Lib primitives
 * by their published definitions, so they too are judged by TA-Lib's arithmetic, not by ours.
 */
import * as ind from "../src/features/indicators/index.js";
import type { IndicatorDef, IndicatorParams } from "../src/features/indicators/types.js";
import type { Column, OutputRef, TalibCall } from "./talib_oracle.js";

/** Queues a TA-Lib call on the series under test. */
export type Talib = (fn: string, inputs: (Column | OutputRef)[], params?: Record<string, number>) => TalibCall;

/** One comparison: an indicator with raw params, and how to get TA-Lib's version of its outputs. */
export interface ComparisonCase {
  indicator: IndicatorDef<IndicatorParams>;
  params: IndicatorParams;
  /** TA-Lib counterpart, for the report. */
  counterpart: string;
  /** Queues the TA-Lib calls; the returned function assembles the expected outputs after the run. */
  expected(talib: Talib, close: Float64Array, volume: Float64Array): () => Float64Array[];
}

/** Maps each element of `columns` through `f` where every input is defined, NaN elsewhere. */
function combine(columns: Float64Array[], f: (values: number[], i: number) => number): Float64Array {
  const n = columns[0].length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const values = columns.map((c) => c[i]);
    out[i] = values.some(Number.isNaN) ? Number.NaN : f(values, i);
  }
  return out;
}

function each<T>(values: T[], make: (value: T) => ComparisonCase): ComparisonCase[] {
  return values.map(make);
}

/** Cases whose expected outputs are exactly one TA-Lib function's outputs, in a given order. */
function direct(
  indicator: IndicatorDef<IndicatorParams>,
  params: IndicatorParams,
  fn: string,
  inputs: Column[],
  talibParams: Record<string, number>,
  order?: number[],
  label = fn,
): ComparisonCase {
  return {
    indicator,
    params,
    counterpart: label,
    expected: (talib) => {
      const call = talib(fn, inputs, talibParams);
      return () => (order ?? [0]).map((k) => call.out(k));
    },
  };
}

const HLC: Column[] = ["high", "low", "close"];
const ma = (def: IndicatorDef<IndicatorParams>, fn: string, periods: number[]) =>
  each(periods, (p) => direct(def, { period: p }, fn, ["close"], { timeperiod: p }));

/** Every comparison the TA-Lib test runs, on every series. */
export const comparisonCases: ComparisonCase[] = [
  ...ma(ind.sma, "SMA", [2, 5, 20, 50, 200]),
  ...ma(ind.ema, "EMA", [2, 5, 20, 50, 200]),
  ...ma(ind.wma, "WMA", [2, 5, 20, 50, 200]),
  ...ma(ind.dema, "DEMA", [2, 5, 20, 50]),
  ...ma(ind.tema, "TEMA", [2, 5, 20, 50]),
  ...ma(ind.rsi, "RSI", [2, 7, 14, 30]),
  ...each(
    [
      [12, 26, 9],
      [5, 35, 5],
      [3, 10, 16],
      [2, 3, 2],
    ],
    ([fast, slow, signal]) =>
      direct(
        ind.macd,
        { fastPeriod: fast, slowPeriod: slow, signalPeriod: signal },
        "MACD",
        ["close"],
        { fastperiod: fast, slowperiod: slow, signalperiod: signal },
        [0, 1, 2],
      ),
  ),
  ...each(
    [
      [20, 2, 2],
      [5, 1, 1],
      [10, 1.5, 2.5],
      [50, 3, 0.5],
    ],
    ([period, up, down]) => ({
      indicator: ind.bbands,
      params: { period, devUp: up, devDown: down },
      counterpart: "BBANDS (+ %B, bandwidth from its bands)",
      expected: (talib, close) => {
        const call = talib("BBANDS", ["close"], { timeperiod: period, nbdevup: up, nbdevdn: down, matype: 0 });
        return () => {
          const [upper, middle, lower] = [call.out(0), call.out(1), call.out(2)];
          // %B = (close − lower)/(upper − lower), 0.5 on a zero-width band; bandwidth = width / middle.
          const percentB = combine([upper, lower], ([u, l], i) => (u - l !== 0 ? (close[i] - l) / (u - l) : 0.5));
          const bandwidth = combine([upper, middle, lower], ([u, m, l]) => (m !== 0 ? (u - l) / m : 0));
          return [upper, middle, lower, percentB, bandwidth];
        };
      },
    }),
  ),
  ...each([2, 5, 14, 30], (p) => direct(ind.atr, { period: p }, "ATR", HLC, { timeperiod: p })),
  ...each([2, 5, 14, 30], (p) => direct(ind.natr, { period: p }, "NATR", HLC, { timeperiod: p })),
  direct(ind.trange, {}, "TRANGE", HLC, {}),
  ...each(
    [
      [14, 3, 3],
      [5, 3, 3],
      [5, 1, 1],
      [21, 5, 7],
      [1, 2, 2],
    ],
    ([k, slowing, d]) =>
      direct(
        ind.stoch,
        { kPeriod: k, kSlowing: slowing, dPeriod: d },
        "STOCH",
        HLC,
        { fastk_period: k, slowk_period: slowing, slowk_matype: 0, slowd_period: d, slowd_matype: 0 },
        [0, 1],
      ),
  ),
  ...each([2, 14, 50], (p) => direct(ind.willr, { period: p }, "WILLR", HLC, { timeperiod: p })),
  ...each([2, 14, 20, 50], (p) => direct(ind.cci, { period: p }, "CCI", HLC, { timeperiod: p })),
  ...each([2, 14, 30], (p) => direct(ind.adx, { period: p }, "ADX", HLC, { timeperiod: p })),
  ...each([2, 14, 30], (p) => direct(ind.plusDi, { period: p }, "PLUS_DI", HLC, { timeperiod: p })),
  ...each([2, 14, 30], (p) => direct(ind.minusDi, { period: p }, "MINUS_DI", HLC, { timeperiod: p })),
  ...each([2, 14, 30], (p) => direct(ind.dx, { period: p }, "DX", HLC, { timeperiod: p })),
  ...each([2, 14, 25, 50], (p) => ({
    indicator: ind.aroon,
    params: { period: p },
    counterpart: "AROON + AROONOSC",
    expected: (talib) => {
      const bands = talib("AROON", ["high", "low"], { timeperiod: p });
      const osc = talib("AROONOSC", ["high", "low"], { timeperiod: p });
      // TA-Lib returns (aroondown, aroonup).
      return () => [bands.out(1), bands.out(0), osc.out(0)];
    },
  })),
  ...each([2, 14, 30], (p) => direct(ind.mfi, { period: p }, "MFI", ["high", "low", "close", "volume"], { timeperiod: p })),
  direct(ind.obv, {}, "OBV", ["close", "volume"], {}),
  ...each([1, 5, 10], (p) => direct(ind.roc, { period: p }, "ROC", ["close"], { timeperiod: p })),
  ...each([1, 5, 10], (p) => direct(ind.mom, { period: p }, "MOM", ["close"], { timeperiod: p })),
  ...each([1, 5, 20], (p) => direct(ind.returns, { period: p }, "ROCP", ["close"], { timeperiod: p })),
  ...each([1, 5], (p) => ({
    indicator: ind.logReturns,
    params: { period: p },
    counterpart: "LN(ROCR)",
    expected: (talib) => {
      const ratio = talib("ROCR", ["close"], { timeperiod: p });
      const log = talib("LN", [ratio.ref()]);
      return () => [log.out()];
    },
  })),
  ...each([5, 20], (p) => direct(ind.volumeSma, { period: p }, "SMA", ["volume"], { timeperiod: p }, [0], "SMA(volume)")),
  ...each([5, 20], (p) => ({
    indicator: ind.volumeRatio,
    params: { period: p },
    counterpart: "volume / SMA(volume)",
    expected: (talib, _close, volume) => {
      const average = talib("SMA", ["volume"], { timeperiod: p });
      return () => [combine([average.out()], ([avg], i) => (avg > 0 ? volume[i] / avg : 0))];
    },
  })),
  direct(ind.hlRatio, {}, "DIV", ["high", "low"], {}, [0], "DIV(high, low)"),
  ...each([5, 20, 55], (p) => ({
    indicator: ind.donchian,
    params: { period: p },
    counterpart: "MAX(high), MIN(low)",
    expected: (talib) => {
      const upper = talib("MAX", ["high"], { timeperiod: p });
      const lower = talib("MIN", ["low"], { timeperiod: p });
      return () => [upper.out(), combine([upper.out(), lower.out()], ([u, l]) => (u + l) / 2), lower.out()];
    },
  })),
  ...each(
    [
      [20, 10, 2],
      [10, 14, 1.5],
      [5, 30, 3],
    ],
    ([period, atrPeriod, mult]) => ({
      indicator: ind.keltner,
      params: { period, atrPeriod, multiplier: mult },
      counterpart: "EMA ± k·ATR",
      expected: (talib) => {
        const middle = talib("EMA", ["close"], { timeperiod: period });
        const range = talib("ATR", HLC, { timeperiod: atrPeriod });
        return () => {
          const [m, r] = [middle.out(), range.out()];
          return [
            combine([m, r], ([mid, atr]) => mid + mult * atr),
            combine([m, r], ([mid]) => mid),
            combine([m, r], ([mid, atr]) => mid - mult * atr),
          ];
        };
      },
    }),
  ),
  ...each([5, 20, 60], (p) => ({
    indicator: ind.zscore,
    params: { period: p },
    counterpart: "(close − SMA) / STDDEV",
    expected: (talib, close) => {
      const mean = talib("SMA", ["close"], { timeperiod: p });
      const sigma = talib("STDDEV", ["close"], { timeperiod: p, nbdev: 1 });
      return () => [combine([mean.out(), sigma.out()], ([m, s], i) => (s > 0 ? (close[i] - m) / s : 0))];
    },
  })),
  ...each(
    [
      [20, 252],
      [5, 52],
      [60, 365],
    ],
    ([p, perYear]) => ({
      indicator: ind.volatility,
      params: { period: p, periodsPerYear: perYear },
      counterpart: "STDDEV(LN(ROCR)) · √(n/(n−1)) · √year",
      expected: (talib) => {
        const ratio = talib("ROCR", ["close"], { timeperiod: 1 });
        const log = talib("LN", [ratio.ref()]);
        const sigma = talib("STDDEV", [log.ref()], { timeperiod: p, nbdev: 1 });
        // TA-Lib's STDDEV is the population σ; the sample σ is √(n/(n−1)) times larger.
        return () => [combine([sigma.out()], ([s]) => s * Math.sqrt(p / (p - 1)) * Math.sqrt(perYear))];
      },
    }),
  ),
  ...each([5, 20], (p) => ({
    indicator: ind.vwap,
    params: { period: p },
    counterpart: "SUM(TYPPRICE·volume) / SUM(volume)",
    expected: (talib) => {
      const typical = talib("TYPPRICE", HLC);
      const flow = talib("MULT", [typical.ref(), "volume"]);
      const flowSum = talib("SUM", [flow.ref()], { timeperiod: p });
      const volumeSum = talib("SUM", ["volume"], { timeperiod: p });
      const typicalSum = talib("SUM", [typical.ref()], { timeperiod: p });
      return () => [
        combine([flowSum.out(), volumeSum.out(), typicalSum.out()], ([pv, v, tp]) => (v > 0 ? pv / v : tp / p)),
      ];
    },
  })),
];
