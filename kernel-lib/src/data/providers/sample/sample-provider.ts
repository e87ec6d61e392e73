/**
 * The `sample` provider: OpenQuant's offline default. Daily bars of a fixed universe of made-up
 * tickers (`*.SAMPLE`), generated once per ticker from a seed and cached, then sliced per request,
 * so a sub-range request returns exactly the matching rows of the full series.
 * It also serves the 500 tickers of the sample500 market (market500/), generated all together on
 * the first request of any of them, from 2005-01-03 whatever the `start` setting (which shapes
 * the ten original tickers only); listTickers() names the ten, that `up` loads by default.
 * Daily bars are stamped at 00:00 UTC of their trading date.
 */
import { z } from "zod";
import { InvalidInput, NotFound } from "../../../errors.js";
import { validate } from "../../../util/validate.js";
import type { BarFrame } from "../../frame.js";
import { formatIsoDate, requireIsoDate } from "../dates.js";
import type { FetchedFrame, FetchRequest, MarketDataProvider } from "../provider.js";
import { validateFetchRequest } from "../request.js";
import { selectTimeRange } from "../slice.js";
import { generateSampleSeries } from "./generator.js";
import { generateMarketFactor, type MarketFactorSeries } from "./market-factor.js";
import { isSample500Ticker, sample500Series } from "./market500/market-cache.js";
import { nyseTradingDays } from "./nyse-calendar.js";
import { MARKET_FACTOR, SAMPLE_DEFAULT_START, SAMPLE_END, SAMPLE_UNIVERSE, type SampleTickerSpec } from "./universe.js";

/** Options of the sample provider (settings: dataSources.providers.sample). */
export interface SampleProviderOptions {
  /** Seed of the generator; the same seed gives the same bars. Default 42. */
  seed?: number;
  /** First bar date, YYYY-MM-DD; default 2008-01-02. The last is always 2025-12-31. */
  start?: string;
  /** Restrict the universe to these tickers (the ten or sample500 ones); default (empty) is all of them. */
  tickers?: string[];
}

const optionsSchema = z
  .object({
    seed: z.number().int().default(42),
    start: z.string().default(SAMPLE_DEFAULT_START),
    tickers: z.array(z.string()).default([]),
  })
  .strict();

interface Universe {
  days: number[];
  market: MarketFactorSeries;
  series: Map<string, BarFrame>;
}

// Generated series are shared by every provider with the same seed and start.
const universes = new Map<string, Universe>();

function universeFor(seed: number, startMs: number): Universe {
  const key = `${seed}|${startMs}`;
  let universe = universes.get(key);
  if (!universe) {
    const days = nyseTradingDays(startMs, requireIsoDate(SAMPLE_END, "sample end"));
    universe = { days, market: generateMarketFactor(MARKET_FACTOR, seed, days), series: new Map() };
    universes.set(key, universe);
  }
  return universe;
}

/** The offline default provider: deterministic daily bars of the `*.SAMPLE` universe. */
export class SampleProvider implements MarketDataProvider {
  /** The provider's name in configs and requests. */
  readonly name = "sample" as const;
  private readonly seed: number;
  private readonly startMs: number;
  private readonly specs: Map<string, SampleTickerSpec>;
  /** The sample500 tickers served: all when undefined. */
  private readonly market500?: ReadonlySet<string>;

  constructor(options: SampleProviderOptions = {}) {
    const parsed = validate(optionsSchema, options, "sample provider options");
    this.seed = parsed.seed;
    this.startMs = requireIsoDate(parsed.start, "sample start date");
    if (this.startMs > requireIsoDate(SAMPLE_END, "sample end")) {
      throw new InvalidInput(`Invalid sample start date ${parsed.start}: the sample data ends on ${SAMPLE_END}.`);
    }
    const all = new Map(SAMPLE_UNIVERSE.map((s) => [s.ticker, s]));
    const unknown = parsed.tickers.filter((t) => !all.has(t) && !isSample500Ticker(t));
    if (unknown.length > 0) {
      throw new InvalidInput(
        `Unknown sample ticker(s) in the provider settings: ${unknown.join(", ")}. Known: ${[...all.keys()].join(", ")} and the sample500 tickers (sample500Tickers()).`,
      );
    }
    const restricted = parsed.tickers.length > 0;
    this.specs = restricted ? new Map(parsed.tickers.filter((t) => all.has(t)).map((t) => [t, all.get(t)!])) : all;
    if (restricted) this.market500 = new Set(parsed.tickers.filter(isSample500Ticker));
  }

  /** The sample tickers, in listing order. */
  listTickers(): string[] {
    return [...this.specs.keys()];
  }

  /** First and last bar dates of the sample data (YYYY-MM-DD). */
  dateRange(): { start: string; end: string } {
    return { start: formatIsoDate(this.startMs), end: SAMPLE_END };
  }

  async fetch(request: FetchRequest, signal?: AbortSignal): Promise<FetchedFrame> {
    signal?.throwIfAborted();
    const { ticker, interval, start, end } = validateFetchRequest(request);
    if (interval !== "1d") {
      throw new InvalidInput(`The sample provider has daily bars only (interval '1d'); got interval '${interval}'.`, [
        { path: "interval", message: "must be 1d for the sample provider" },
      ]);
    }
    return { ...selectTimeRange(this.fullSeries(ticker), start, end), skipped: [] };
  }

  /** The whole generated series of `ticker` (shared, do not mutate). */
  private fullSeries(ticker: string): BarFrame {
    const spec = this.specs.get(ticker);
    const market500 = !spec && (this.market500?.has(ticker) ?? true) ? sample500Series(this.seed, ticker) : undefined;
    if (market500) return market500;
    if (!spec) {
      throw new NotFound(
        `Unknown sample ticker '${ticker}'. The sample provider has: ${this.listTickers().join(", ")}` +
          `${this.market500 ? [...this.market500].map((t) => `, ${t}`).join("") : " and the 500 sample500 tickers (sample500Tickers())"}. ` +
          "Use the yahoo or csv provider for real tickers.",
        [{ path: "ticker", message: "not a sample ticker" }],
      );
    }
    const universe = universeFor(this.seed, this.startMs);
    let series = universe.series.get(ticker);
    if (!series) {
      series = generateSampleSeries(spec, this.seed, universe.days, universe.market);
      universe.series.set(ticker, series);
    }
    return series;
  }
}
