/**
 * The `technicalindicators` package (npm, the library the first design named) called for each
 * OpenQuant indicator it has an equivalent of. It takes plain number arrays, so the benchmark
 * converts the columns once, outside the timed region.
 */
import * as ti from "technicalindicators";
import type { IndicatorInput, IndicatorParams } from "../src/features/indicators/types.js";

/** OHLCV columns as the plain arrays technicalindicators takes. */
export interface PlainInput {
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
}

/** Converts typed columns to plain arrays (once, before timing). */
export function plainInput(input: IndicatorInput, bars = input.close.length): PlainInput {
  const plain = (column: Float64Array) => Array.from(column.subarray(0, bars));
  return { high: plain(input.high), low: plain(input.low), close: plain(input.close), volume: plain(input.volume) };
}

/** How technicalindicators computes one of our indicators. */
export interface TiCounterpart {
  /** What is called, for the report. */
  label: string;
  run(input: PlainInput, params: IndicatorParams): unknown[];
}

const num = (params: IndicatorParams, key: string) => params[key] as number;

/**
 * technicalindicators' counterpart of each OpenQuant indicator it has. Left out: DEMA, TEMA, MOM,
 * +DI/−DI/DX on their own (its ADX computes them, counted once under adx), Aroon, NATR, rolling
 * volatility, z-score, volume ratio, returns, log returns, high/low ratio, and VWAP (its VWAP is
 * cumulative from the first bar, not over a rolling window).
 */
export const tiCounterparts: Record<string, TiCounterpart> = {
  sma: { label: "SMA", run: (s, p) => ti.SMA.calculate({ period: num(p, "period"), values: s.close }) },
  ema: { label: "EMA", run: (s, p) => ti.EMA.calculate({ period: num(p, "period"), values: s.close }) },
  wma: { label: "WMA", run: (s, p) => ti.WMA.calculate({ period: num(p, "period"), values: s.close }) },
  macd: {
    label: "MACD",
    run: (s, p) =>
      ti.MACD.calculate({
        values: s.close,
        fastPeriod: num(p, "fastPeriod"),
        slowPeriod: num(p, "slowPeriod"),
        signalPeriod: num(p, "signalPeriod"),
        SimpleMAOscillator: false,
        SimpleMASignal: false,
      }),
  },
  rsi: { label: "RSI", run: (s, p) => ti.RSI.calculate({ period: num(p, "period"), values: s.close }) },
  stoch: {
    // Its stochastic has no %K slowing: fast %K and its SMA, one smoothing less than ours.
    label: "Stochastic (no slowing)",
    run: (s, p) =>
      ti.Stochastic.calculate({ high: s.high, low: s.low, close: s.close, period: num(p, "kPeriod"), signalPeriod: num(p, "dPeriod") }),
  },
  willr: { label: "WilliamsR", run: (s, p) => ti.WilliamsR.calculate({ high: s.high, low: s.low, close: s.close, period: num(p, "period") }) },
  cci: { label: "CCI", run: (s, p) => ti.CCI.calculate({ high: s.high, low: s.low, close: s.close, period: num(p, "period") }) },
  roc: { label: "ROC", run: (s, p) => ti.ROC.calculate({ period: num(p, "period"), values: s.close }) },
  adx: { label: "ADX (+ +DI, −DI)", run: (s, p) => ti.ADX.calculate({ high: s.high, low: s.low, close: s.close, period: num(p, "period") }) },
  bbands: {
    label: "BollingerBands (+ %B)",
    run: (s, p) => ti.BollingerBands.calculate({ period: num(p, "period"), values: s.close, stdDev: num(p, "devUp") }),
  },
  atr: { label: "ATR", run: (s, p) => ti.ATR.calculate({ high: s.high, low: s.low, close: s.close, period: num(p, "period") }) },
  trange: { label: "TrueRange", run: (s) => ti.TrueRange.calculate({ high: s.high, low: s.low, close: s.close }) },
  donchian: {
    label: "Highest + Lowest",
    run: (s, p) => [
      ti.Highest.calculate({ values: s.high, period: num(p, "period") }),
      ti.Lowest.calculate({ values: s.low, period: num(p, "period") }),
    ],
  },
  keltner: {
    label: "KeltnerChannels (EMA)",
    run: (s, p) =>
      ti.KeltnerChannels.calculate({
        maPeriod: num(p, "period"),
        atrPeriod: num(p, "atrPeriod"),
        useSMA: false,
        multiplier: num(p, "multiplier"),
        high: s.high,
        low: s.low,
        close: s.close,
      }),
  },
  obv: { label: "OBV", run: (s) => ti.OBV.calculate({ close: s.close, volume: s.volume }) },
  mfi: {
    label: "MFI",
    run: (s, p) => ti.MFI.calculate({ high: s.high, low: s.low, close: s.close, volume: s.volume, period: num(p, "period") }),
  },
  volume_sma: { label: "SMA of volume", run: (s, p) => ti.SMA.calculate({ period: num(p, "period"), values: s.volume }) },
};
