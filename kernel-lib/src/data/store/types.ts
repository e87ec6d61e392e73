/**
 * The market data store's contract. Two implementations keep one interface (DESIGN.md decision 2):
 * DuckStore opens the DuckDB file itself; HttpStore reaches it through the running sidecar.
 */
import type { BarFrame, Interval } from "../frame.js";
import type { IngestionLog } from "../ingest.js";
import type { AsOfInput } from "./as-of.js";
import type { DataPinRecord } from "./pins.js";
import type { RetentionOptions, RetentionReport } from "./retention.js";
import type { SnapshotInfo } from "./snapshots.js";
import type { RejectedBar } from "./validate-bars.js";
import type { TickerAttributes, Universe, UniverseDefinitionInput, UniverseInfo, UniverseVersionQuery } from "../universes/schema.js";

/** A range query over one ticker's bars. Times are epoch ms UTC, both ends inclusive. */
export interface BarQuery {
  ticker: string;
  interval?: Interval;
  start?: number;
  end?: number;
  /** Read the bars as they were recorded by this time (epoch ms, ISO) or in this snapshot (its name); default: current. */
  asOf?: AsOfInput;
}

/** What the store knows about one ticker and interval. */
export interface TickerInfo {
  ticker: string;
  interval: Interval;
  provider: string;
  /** First and last bar times, ISO strings; null when no bars are stored. */
  firstBar: string | null;
  lastBar: string | null;
  lastIngestedAt: string | null;
  rows: number;
  /** Changes whenever this ticker's bars change (new or revised bars); caches key on it. */
  dataVersion: number;
}

/** The outcome of writing one ticker's bars. */
export interface UpsertResult {
  ticker: string;
  interval: Interval;
  /** Bars offered. */
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: RejectedBar[];
  dataVersion: number;
}

/** Storage of OHLCV bars, the same in embedded and client mode. */
export interface MarketStore extends IngestionLog {
  /** Validates and upserts one ticker's bars in one transaction; bad rows are rejected, never stored. */
  writeBars(frame: BarFrame, provider: string): Promise<UpsertResult>;
  /** Bars of one ticker in a time range, oldest first. Unknown ticker → NotFound. */
  readBars(query: BarQuery): Promise<BarFrame>;
  /** Every stored ticker and interval. */
  listTickers(): Promise<TickerInfo[]>;
  /** One ticker's info, or undefined when nothing is stored for it. */
  tickerInfo(ticker: string, interval: Interval): Promise<TickerInfo | undefined>;
  /** Time of the bar `back` bars before the last stored one (0 = the last), for incremental ingestion. */
  barTimeFromEnd(ticker: string, interval: Interval, back: number): Promise<number | undefined>;
  /** Freezes the current bars of `tickers` (default all) under `name`: a watermark, no copy. A taken name → Conflict. */
  createSnapshot(name: string, tickers?: string[], description?: string): Promise<SnapshotInfo>;
  /** Every snapshot, newest first. */
  listSnapshots(): Promise<SnapshotInfo[]>;
  /** Deletes a snapshot (the bars stay; retention may then drop revisions only it needed). Unknown → NotFound. */
  deleteSnapshot(name: string): Promise<void>;
  /** Records the data a run read, so retention keeps it and reproduce can check it. */
  recordPin(pin: DataPinRecord): Promise<void>;
  /** A run's pin by local or MLflow run id, or undefined. */
  getPin(runId: string): Promise<DataPinRecord | undefined>;
  /** Notes the MLflow run id of a pin recorded under a local id. */
  linkPin(runId: string, mlflowRunId: string): Promise<void>;
  /** Drops revisions older than the retention period that no snapshot or pin needs (all of them with force). */
  applyRetention(options?: RetentionOptions): Promise<RetentionReport>;
  /**
   * Defines (or redefines) a universe: validates the definition, materializes its memberships (a
   * rule from the stored bars) and stores them as a new version when anything changed. Bad input → InvalidInput.
   */
  defineUniverse(name: string, definition: UniverseDefinitionInput, options?: DefineUniverseOptions): Promise<UniverseInfo>;
  /** The current version of every universe, by name. */
  listUniverses(): Promise<UniverseInfo[]>;
  /** A universe with its memberships: the current version, a given one, or the one current at asOf. Unknown → NotFound listing the known. */
  getUniverse(name: string, query?: UniverseVersionQuery): Promise<Universe>;
  /** The tickers that are members on `date` (point in time), sorted. */
  universeMembers(name: string, date: string | number | Date, query?: UniverseVersionQuery): Promise<string[]>;
  /** Deletes a universe's name; its versions stay readable by version for runs that pinned them. Unknown → NotFound. */
  deleteUniverse(name: string): Promise<void>;
  /** Upserts ticker attributes (sector, industry, name, exchange, currency); a field left out keeps its value, null clears it. */
  setTickerAttributes(rows: TickerAttributes[]): Promise<{ written: number }>;
  /** Attributes of `tickers` (default: every ticker that has some), by ticker. */
  tickerAttributes(tickers?: string[]): Promise<TickerAttributes[]>;
}

/** Options of defineUniverse. */
export interface DefineUniverseOptions {
  /** Who defined it, kept with the version: "api", "yaml", "cli", "notebook"… (default "api"). */
  source?: string;
}
