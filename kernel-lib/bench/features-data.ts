/**
 * Seeded OHLCV data for the feature benchmark: one long series and many ticker-length series, the
 * same realistic random walks the TA-Lib comparison uses, plus their raw float64 files for Python.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { randomWalk } from "../e2e/talib_series.js";
import type { IndicatorInput } from "../src/features/indicators/types.js";

/** The benchmark's data: `single` is one long series, `tickers` many short ones. */
export interface BenchData {
  single: IndicatorInput;
  tickers: IndicatorInput[];
}

/** One series of `bars` bars and `tickers` series of `tickerBars` bars, deterministic. */
export function benchData(bars: number, tickers: number, tickerBars: number): BenchData {
  const single = randomWalk({ seed: 42, bars, startPrice: 100, tick: 0.01, volatility: 0.015, baseVolume: 1e6 });
  const many = Array.from({ length: tickers }, (_, k) =>
    randomWalk({
      seed: 1000 + k,
      bars: tickerBars,
      // Price levels from pennies to thousands, volatility from 0.8% to 3% a bar.
      startPrice: 10 ** (((k * 7) % 40) / 10),
      tick: 0.01,
      volatility: 0.008 + ((k * 13) % 23) / 1000,
      baseVolume: 1e5 * (1 + (k % 17)),
    }),
  );
  return { single, tickers: many };
}

/** Writes series one after the other, each as open, high, low, close, volume in raw little-endian float64. */
export async function writeRaw(path: string, series: IndicatorInput[]): Promise<void> {
  const n = series[0]?.close.length ?? 0;
  const packed = new Float64Array(series.length * 5 * n);
  series.forEach((s, k) => {
    for (const [c, column] of [s.open, s.high, s.low, s.close, s.volume].entries()) packed.set(column, (k * 5 + c) * n);
  });
  await writeFile(path, new Uint8Array(packed.buffer));
}

/** Raw files of the benchmark data in `dir`, in the layout talib_bench.py reads. */
export async function writeBenchData(dir: string, data: BenchData): Promise<{ single: string; multi: string }> {
  const single = join(dir, "single.f64");
  const multi = join(dir, "multi.f64");
  await writeRaw(single, [data.single]);
  await writeRaw(multi, data.tickers);
  return { single, multi };
}
