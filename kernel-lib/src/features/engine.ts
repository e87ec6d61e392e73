/**
 * The feature engine: computes a feature set for one or many tickers over [start, end]. It loads
 * the bars up to `end` with their history before `start` (recursive indicators — EMA, RSI, ATR,
 * ADX, MACD — depend on their whole past as in TA-Lib, so a value never depends on the start you
 * ask for), computes every kernel on bars ≤ t only, and returns only the rows in [start, end].
 * Results are cached by ticker, interval, feature-set hash, range and the ticker's data version.
 */
import { z } from "zod";
import type { BarFrame, Interval } from "../data/frame.js";
import { INTERVALS } from "../data/frame.js";
import { tickerSchema } from "../data/providers/ticker.js";
import { AsOfView } from "../data/store/as-of-view.js";
import { validateRange } from "../data/store/duck-store.js";
import type { MarketStore } from "../data/store/types.js";
import { InvalidInput } from "../errors.js";
import { dateInput, isoDay } from "../util/dates.js";
import type { Logger } from "../util/logger.js";
import { validate } from "../util/validate.js";
import type { FeatureCache } from "./cache/types.js";
import { type FeatureSetInput, type ResolvedFeatureSet, resolveFeatureSet } from "./feature-set.js";
import { deserializeFeatureFrame, type FeatureFrame, serializeFeatureFrame } from "./frame.js";
import type { FeatureRegistry } from "./registry.js";

/** Range options of a feature computation. */
export const featureRangeSchema = z
  .object({
    start: dateInput.optional(),
    end: dateInput.optional(),
    interval: z.enum(INTERVALS).default("1d"),
    /** Compute on split- and dividend-adjusted prices (adj_close / close applied to OHLC, volume scaled inversely). */
    adjusted: z.boolean().default(true),
  })
  .strict();
/** The rows to return: start and end (inclusive) and the bar interval; warm-up bars before start are loaded as needed. */
export type FeatureRange = z.input<typeof featureRangeSchema>;

export interface FeatureEngineDeps {
  store: MarketStore;
  registry: FeatureRegistry;
  cache?: FeatureCache;
  ttlSeconds: number;
  /** Named sets from configs/features.yaml. */
  sets: Record<string, Array<{ name: string; params?: Record<string, unknown> }>>;
  logger?: Logger;
}

/**
 * Bars adjusted for splits and dividends: each bar's open/high/low/close times adj_close/close,
 * volume divided by it, so a 2:1 split is not a −50% return and indicators see one continuous series.
 */
export function adjustBars(bars: BarFrame): BarFrame {
  const n = bars.ts.length;
  const out: BarFrame = { ...bars, open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const f = bars.close[i] > 0 ? bars.adjClose[i] / bars.close[i] : 1;
    out.open[i] = bars.open[i] * f;
    out.high[i] = bars.high[i] * f;
    out.low[i] = bars.low[i] * f;
    out.close[i] = bars.adjClose[i];
    out.volume[i] = f > 0 ? bars.volume[i] / f : bars.volume[i];
  }
  return out;
}

/** Computes the resolved set over a frame's bars; every output as long as the bars. */
export function computeOnBars(bars: BarFrame, set: ResolvedFeatureSet): Record<string, Float64Array> {
  const input = { open: bars.open, high: bars.high, low: bars.low, close: bars.close, volume: bars.volume };
  const columns: Record<string, Float64Array> = {};
  for (const f of set.features) {
    const outputs = f.def.compute(input, f.params);
    f.outputs.forEach((name, k) => {
      columns[name] = outputs[k];
    });
  }
  return columns;
}

/** Computes feature sets from stored bars, with the warm-up history each indicator needs, through the cache. */
export class FeatureEngine {
  constructor(private readonly deps: FeatureEngineDeps) {}

  /** The same features over the bars as they were known at `asOfMs`, uncached (cached entries may come from newer bars). */
  pinnedAt(asOfMs: number): FeatureEngine {
    return new FeatureEngine({ ...this.deps, store: new AsOfView(this.deps.store, asOfMs), cache: undefined });
  }

  /** Resolves a feature set (named or explicit) against the registry. */
  resolve(set: FeatureSetInput): ResolvedFeatureSet {
    return resolveFeatureSet(set, this.deps.registry, this.deps.sets);
  }

  /** Features of one ticker over the range. */
  async computeOne(ticker: string, set: FeatureSetInput | ResolvedFeatureSet, range: FeatureRange = {}): Promise<FeatureFrame> {
    const t = validate(tickerSchema, ticker, "ticker");
    const r = validate(featureRangeSchema, range, "feature range");
    validateRange(r.start, r.end);
    const isResolved = typeof set === "object" && !Array.isArray(set) && set !== null && "hash" in set;
    const resolved = isResolved ? (set as ResolvedFeatureSet) : this.resolve(set as FeatureSetInput);
    const info = await this.deps.store.tickerInfo(t, r.interval);
    const dataVersion = info?.dataVersion ?? 0;
    const key = `${t}|${r.interval}|${resolved.hash}|${r.start ?? ""}|${r.end ?? ""}|${r.adjusted ? "adj" : "raw"}|v${dataVersion}`;
    const cached = await this.deps.cache?.get(key);
    if (cached) return deserializeFeatureFrame(cached);

    const frame = await this.computeFresh(t, r.interval, resolved, r.start, r.end, r.adjusted, dataVersion);
    await this.deps.cache?.set(key, serializeFeatureFrame(frame), this.deps.ttlSeconds);
    return frame;
  }

  /** Features of many tickers, computed concurrently (bars load in parallel; kernels are cheap). */
  compute(tickers: string[], set: FeatureSetInput, range: FeatureRange = {}): Promise<FeatureFrame[]> {
    if (!Array.isArray(tickers) || tickers.length === 0) throw new InvalidInput("Give at least one ticker.");
    const resolved = this.resolve(set);
    return Promise.all(tickers.map((t) => this.computeOne(t, resolved, range)));
  }

  private async computeFresh(
    ticker: string,
    interval: Interval,
    set: ResolvedFeatureSet,
    start: number | undefined,
    end: number | undefined,
    adjusted: boolean,
    dataVersion: number,
  ): Promise<FeatureFrame> {
    const stored = await this.deps.store.readBars({ ticker, interval, end });
    const bars = adjusted ? adjustBars(stored) : stored;
    const n = bars.ts.length;
    let from = 0;
    if (start !== undefined) while (from < n && bars.ts[from] < start) from++;
    if (from >= n) {
      const span = n ? ` (stored: ${isoDay(bars.ts[0])} to ${isoDay(bars.ts[n - 1])})` : "";
      throw new InvalidInput(
        `No ${interval} bars of ${ticker} between ${start !== undefined ? isoDay(start) : "the start"} and ${end !== undefined ? isoDay(end) : "the end"}${span}.`,
        [{ path: "start", message: "no bars in range" }],
      );
    }
    for (const f of set.features) {
      if (f.lookback >= n) {
        throw new InvalidInput(
          `Feature '${f.name}' with ${JSON.stringify(f.params)} needs ${f.lookback} bars of warm-up, but ${ticker} has only ${n} bars up to ${isoDay(bars.ts[n - 1])}: use a shorter period.`,
          [{ path: `${f.name}.params`, message: "longer than the data" }],
        );
      }
    }
    const full = computeOnBars(bars, set);
    const columns: Record<string, Float64Array> = {};
    for (const [name, values] of Object.entries(full)) columns[name] = values.slice(from);
    return { ticker, interval, ts: bars.ts.slice(from), close: bars.close.slice(from), columns, featureSetHash: set.hash, dataVersion };
  }
}
