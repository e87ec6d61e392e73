/**
 * The ticker table of the sample500 market: for each of the 500 tickers its sector, its listing
 * and delisting days and the parameters of its return model, all drawn from `${seed}:sample500:tickers`.
 * - 80% are listed on the first day (2005-01-03); 20% list later (IPOs, 2006–2023): their series start then.
 * - 10% are delisted before 2025-12-31 (their series end early, at least two years after listing);
 *   four in ten of those first collapse to a few cents ($0.05–0.40) in one session (a bankruptcy
 *   filing) and trade there for their last 20–120 sessions. One sudden fall, not a slow slide: a
 *   slide would be an undesigned signal that momentum and reversal measurements would pick up.
 * - Size (a standard normal) sets the volume level and lowers the idiosyncratic volatility.
 */
import { formatIsoDate } from "../../dates.js";
import { seededRandom } from "../random.js";
import { sample500Days } from "./calendar.js";
import { sample500Names } from "./names.js";
import { SECTOR_SPECS, type Sample500Sector } from "./sectors.js";

/** Number of tickers in the sample500 market. */
export const SAMPLE500_SIZE = 500;

/** Default seed of the sample data (the sample provider's default too). */
export const SAMPLE500_DEFAULT_SEED = 42;

/** Everything that gives one sample500 ticker its character (day indices into sample500Days()). */
export interface Sample500TickerSpec {
  ticker: string;
  /** Index into SECTOR_SPECS. */
  sector: number;
  /** Index of the first bar. */
  listedDay: number;
  /** Index of the last bar (the last session of the sample when never delisted). */
  lastDay: number;
  delisted: boolean;
  /** Day of the collapse to a few cents before delisting (−1 when none), and the raw price it falls to. */
  collapseDay: number;
  collapseTo: number;
  beta: number;
  /** Loading on its sector's factor. */
  sectorLoading: number;
  /** Unconditional annualized idiosyncratic volatility. */
  idioVol: number;
  arch: number;
  garch: number;
  tailDof: number;
  jumpProb: number;
  jumpVol: number;
  gapProb: number;
  rangeScale: number;
  startPrice: number;
  /** Typical daily share volume at listing, and the AR(1) noise of its logarithm. */
  baseVolume: number;
  volumeNoise: number;
  /** A raw close above this splits the stock (2-for-1 or 3-for-1) the next day. */
  splitAbove: number;
}

/** The attributes a universe needs of a sample500 ticker: its sector and listing period (dates of its first and last bars). */
export interface Sample500Ticker {
  ticker: string;
  sector: Sample500Sector;
  /** Date of the first bar, YYYY-MM-DD. */
  listed: string;
  /** Date of the last bar when delisted before the sample's end, YYYY-MM-DD; absent when still listed. */
  delisted?: string;
}

const cache = new Map<number, readonly Sample500TickerSpec[]>();

/** The model parameters of the 500 tickers for `seed` (cached, do not mutate). */
export function sample500Specs(seed: number = SAMPLE500_DEFAULT_SEED): readonly Sample500TickerSpec[] {
  let specs = cache.get(seed);
  if (!specs) {
    specs = drawSpecs(seed);
    cache.set(seed, specs);
  }
  return specs;
}

function drawSpecs(seed: number): Sample500TickerSpec[] {
  const rng = seededRandom(`${seed}:sample500:tickers`);
  const last = sample500Days().length - 1;
  const names = sample500Names(SAMPLE500_SIZE);
  const between = (a: number, b: number) => a + (b - a) * rng.uniform();
  const dayBetween = (a: number, b: number) => Math.floor(between(a, b + 1));
  const cumulative = SECTOR_SPECS.map((_, k) => SECTOR_SPECS.slice(0, k + 1).reduce((s, x) => s + x.weight, 0));
  return names.map((ticker, i) => {
    const u = rng.uniform() * cumulative[cumulative.length - 1];
    const sector = Math.max(0, cumulative.findIndex((c) => u < c));
    const ipo = rng.uniform() < 0.2;
    const listedDay = ipo ? dayBetween(252, last - 504) : 0;
    // Exactly one in ten delists: every tenth ticker, at least two years after listing.
    const delisted = i % 10 === 7;
    const lastDay = delisted ? dayBetween(listedDay + 504, last - 60) : last;
    const collapses = delisted && rng.uniform() < 0.4;
    const collapseDay = collapses ? lastDay - dayBetween(20, 120) : -1;
    const size = rng.normal();
    const arch = between(0.05, 0.1);
    return {
      ticker,
      sector,
      listedDay,
      lastDay,
      delisted,
      collapseDay: Math.max(collapseDay, collapses ? listedDay + 1 : -1),
      collapseTo: between(0.05, 0.4),
      beta: Math.min(2, Math.max(0.2, SECTOR_SPECS[sector].beta + 0.25 * rng.normal())),
      sectorLoading: between(0.7, 1.3),
      idioVol: Math.min(0.8, Math.max(0.12, 0.28 * Math.exp(-0.2 * size + 0.25 * rng.normal()))),
      arch,
      garch: Math.min(0.98 - arch, between(0.86, 0.92)),
      tailDof: 4 + Math.floor(rng.uniform() * 3),
      jumpProb: between(1, 5) / 252,
      jumpVol: between(0.03, 0.08),
      gapProb: between(0.01, 0.04),
      rangeScale: between(0.4, 0.8),
      startPrice: Math.round(Math.exp(Math.log(35) + 0.7 * rng.normal()) * 100) / 100 + 2,
      baseVolume: Math.round(1.5e6 * Math.exp(0.9 * size + 0.3 * rng.normal())),
      volumeNoise: between(0.15, 0.4),
      splitAbove: between(150, 400),
    };
  });
}

/**
 * The sample500 tickers for `seed` (default 42) with the attributes a universe records: sector,
 * first bar date (`listed`) and, for the tenth that delist, last bar date. Membership of the
 * universe `sample500` is `(ticker, from = listed, to = delisted or open)`.
 */
export function sample500Tickers(seed: number = SAMPLE500_DEFAULT_SEED): Sample500Ticker[] {
  const days = sample500Days();
  return sample500Specs(seed).map((s) => ({
    ticker: s.ticker,
    sector: SECTOR_SPECS[s.sector].name,
    listed: formatIsoDate(days[s.listedDay]),
    ...(s.delisted ? { delisted: formatIsoDate(days[s.lastDay]) } : {}),
  }));
}
