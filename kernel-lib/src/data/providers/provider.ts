/**
 * The contract every market data provider fulfils: fetch the bars of one ticker and interval
 * over an optional inclusive time range, as a columnar frame.
 */
import type { BarFrame, Interval } from "../frame.js";

/** The providers OpenQuant ships. */
export const PROVIDER_NAMES = ["sample", "csv", "yahoo"] as const;
/** The name of a shipped provider. */
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** What to fetch: one ticker and interval, optionally bounded in time. */
export interface FetchRequest {
  ticker: string;
  interval: Interval;
  /** First bar time wanted, epoch ms UTC, inclusive. */
  start?: number;
  /** Last bar time wanted, epoch ms UTC, inclusive. */
  end?: number;
}

/** A source row or bar that a provider dropped, and why (e.g. Yahoo's `null` rows). */
export interface SkippedRow {
  /** 1-based line in the source file, when the source is a file. */
  line?: number;
  /** Bar time, epoch ms UTC, when known. */
  ts?: number;
  reason: string;
}

/** A provider's answer: a bar frame plus the rows it dropped on the way (empty when none). */
export interface FetchedFrame extends BarFrame {
  skipped: SkippedRow[];
}

/** A source of OHLCV bars. */
export interface MarketDataProvider {
  readonly name: ProviderName;
  /** Bars of `request.ticker` at `request.interval` with `start ≤ ts ≤ end`, in time order. */
  fetch(request: FetchRequest, signal?: AbortSignal): Promise<FetchedFrame>;
  /** The tickers this provider knows, when it has a fixed universe (sample). */
  listTickers?(): string[];
}
