/**
 * The generated sample500 market, once per seed per process: the 500 series are generated together
 * (the planted signals are cross-sectional), so the first request of any sample500 ticker builds
 * them all (a few seconds) and later requests slice the cached frames.
 */
import type { BarFrame } from "../../../frame.js";
import { generateSample500, type Sample500Market } from "./generate.js";
import { sample500Names } from "./names.js";
import { SAMPLE500_SIZE } from "./tickers.js";

const markets = new Map<number, Sample500Market & { byTicker: Map<string, BarFrame> }>();
let names: ReadonlySet<string> | undefined;

/** True when `ticker` is one of the sample500 tickers (the names are the same for every seed). */
export function isSample500Ticker(ticker: string): boolean {
  names ??= new Set(sample500Names(SAMPLE500_SIZE));
  return names.has(ticker);
}

/** The sample500 market of `seed`, generated on first use (shared, do not mutate). */
export function sample500Market(seed: number): Sample500Market {
  return cached(seed);
}

/** The full series of one sample500 ticker (shared, do not mutate); undefined for another ticker. */
export function sample500Series(seed: number, ticker: string): BarFrame | undefined {
  return isSample500Ticker(ticker) ? cached(seed).byTicker.get(ticker) : undefined;
}

function cached(seed: number) {
  let market = markets.get(seed);
  if (!market) {
    const generated = generateSample500(seed);
    market = { ...generated, byTicker: new Map(generated.frames.map((f) => [f.ticker, f])) };
    markets.set(seed, market);
  }
  return market;
}
