/**
 * Seeded OHLCV series for the TA-Lib comparison: realistic random walks (GARCH-style volatility
 * clustering, volume tied to |return|, prices on a tick grid so ties happen) and edge series
 * (constant prices, gaps, zero-volume and halted stretches). Deterministic for a given seed.
 */
import type { IndicatorInput } from "../src/features/indicators/types.js";

/** Mulberry32: a small, fast, seedable 32-bit PRNG returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws (Box–Muller) from a seeded uniform source. */
function normalSource(uniform: () => number): () => number {
  return () => {
    const u = 1 - uniform();
    const v = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

/** Shape of a random walk. */
export interface WalkOptions {
  seed: number;
  bars: number;
  startPrice: number;
  /** Price grid; every price is a multiple of it. */
  tick: number;
  /** Long-run per-bar volatility of log returns. */
  volatility: number;
  baseVolume: number;
}

/**
 * A random walk with GARCH(1,1) volatility clustering and a weak pull back toward the start price
 * (so a long series stays at its intended price scale); volume grows with |return|.
 */
export function randomWalk(options: WalkOptions): IndicatorInput {
  const { seed, bars, startPrice, tick, volatility, baseVolume } = options;
  const uniform = mulberry32(seed);
  const normal = normalSource(uniform);
  const round = (x: number) => Math.max(tick, Math.round(x / tick) * tick);
  const open = new Float64Array(bars);
  const high = new Float64Array(bars);
  const low = new Float64Array(bars);
  const close = new Float64Array(bars);
  const volume = new Float64Array(bars);
  // GARCH(1,1): σ²ₜ = ω + α·r²ₜ₋₁ + β·σ²ₜ₋₁, with ω chosen so the long-run σ is `volatility`
  // (E[z²] = 1.08 for the shock mix below).
  // α, β and the shock mix keep the fourth moment finite (β² + 2αβ·E[z²] + α²·E[z⁴] < 1), so
  // volatility clusters without exploding.
  const alpha = 0.06;
  const beta = 0.9;
  const omega = volatility * volatility * (1 - alpha * 1.08 - beta);
  let variance = volatility * volatility;
  let lastReturn = 0;
  let prevClose = round(startPrice);
  const anchor = Math.log(startPrice);
  for (let i = 0; i < bars; i++) {
    variance = omega + alpha * lastReturn * lastReturn + beta * variance;
    const sigma = Math.sqrt(variance);
    // Occasional fat-tailed shocks on top of the Gaussian draw.
    const shock = uniform() < 0.01 ? 3 * normal() : normal();
    const r = sigma * shock - 0.005 * (Math.log(prevClose) - anchor);
    lastReturn = r;
    const o = round(prevClose * Math.exp(0.2 * sigma * normal()));
    const c = round(prevClose * Math.exp(r));
    const top = Math.max(o, c);
    const bottom = Math.min(o, c);
    open[i] = o;
    close[i] = c;
    high[i] = Math.max(top, round(top * Math.exp(0.5 * sigma * Math.abs(normal()))));
    low[i] = Math.min(bottom, round(bottom * Math.exp(-0.5 * sigma * Math.abs(normal()))));
    volume[i] = Math.round(baseVolume * Math.exp(0.4 * normal()) * (1 + (6 * Math.abs(r)) / volatility));
    prevClose = c;
  }
  return { open, high, low, close, volume };
}

/** Every bar identical: a price that is not exactly representable in binary, constant volume. */
export function constantSeries(bars: number, price = 100.37, volume = 1_000): IndicatorInput {
  const column = (value: number) => new Float64Array(bars).fill(value);
  return { open: column(price), high: column(price), low: column(price), close: column(price), volume: column(volume) };
}

/** Multiplies every price from bar `at` on by `factor` (a gap that persists). */
export function withGap(series: IndicatorInput, at: number, factor: number): IndicatorInput {
  const scale = (column: Float64Array) =>
    column.map((value, i) => (i >= at ? Math.round(value * factor * 100) / 100 : value));
  return {
    open: scale(series.open),
    high: scale(series.high),
    low: scale(series.low),
    close: scale(series.close),
    volume: series.volume.slice(),
  };
}

/** Zero volume over [from, to), and a halted stretch [haltFrom, haltTo) where every price is the prior close. */
export function withZeroVolume(series: IndicatorInput, from: number, to: number, haltFrom: number, haltTo: number): IndicatorInput {
  const out: IndicatorInput = {
    open: series.open.slice(),
    high: series.high.slice(),
    low: series.low.slice(),
    close: series.close.slice(),
    volume: series.volume.slice(),
  };
  out.volume.fill(0, from, to);
  const frozen = out.close[haltFrom - 1];
  for (const column of [out.open, out.high, out.low, out.close]) column.fill(frozen, haltFrom, haltTo);
  out.volume.fill(0, haltFrom, haltTo);
  return out;
}

/** The named series every indicator is compared on (each ≥ 5,000 bars). */
export function comparisonSeries(): Record<string, IndicatorInput> {
  const walk = randomWalk({ seed: 42, bars: 6_000, startPrice: 100, tick: 0.01, volatility: 0.015, baseVolume: 1e6 });
  const gapped = withGap(
    withGap(randomWalk({ seed: 7, bars: 5_000, startPrice: 50, tick: 0.01, volatility: 0.02, baseVolume: 2e5 }), 2_500, 0.6),
    4_000,
    1.5,
  );
  return {
    walk,
    penny: randomWalk({ seed: 1234, bars: 5_000, startPrice: 0.05, tick: 0.0001, volatility: 0.03, baseVolume: 5e7 }),
    bitcoin: randomWalk({ seed: 99, bars: 5_000, startPrice: 40_000, tick: 0.5, volatility: 0.04, baseVolume: 300 }),
    gap: gapped,
    zero_volume: withZeroVolume(
      randomWalk({ seed: 2024, bars: 5_000, startPrice: 20, tick: 0.01, volatility: 0.01, baseVolume: 5e4 }),
      2_000,
      2_400,
      3_000,
      3_100,
    ),
    constant: constantSeries(5_000),
  };
}
